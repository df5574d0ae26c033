import type { SectionName } from '../../../entities/knowledgeEntryFile';
import { decide, type GateResult, type MatchThresholds } from './decide';
import type { KnowledgeIndex, MatchableEntry, ScoredCandidate } from './knowledgeIndex';
import { asksOnly } from './lexicon';
import { tagWords } from './segment';

/**
 * What a question asks, read from the terms of the clauses that ask (see story.ts): the subjects
 * (the things it is about) and the actions (what is to be done with them: 提取, 补办, 注销…).
 */
export interface QuestionStructure {
  /** Content terms that can name a thing (isSubjectWord), with their weight (IDF). */
  readonly subjects: readonly { readonly term: string; readonly weight: number }[];
  /** The standard actions it names (lexicon.actionOf). */
  readonly actions: readonly string[];
  /** Its terms naming those actions (咋申请 → 申请, 办 → 办理). */
  readonly actionTerms: readonly string[];
  /** The sections its action words themselves ask for (收费 → fee): an entry having one covers the action. */
  readonly actionSections: readonly SectionName[];
  /** The section cues it names (材料, 多久: lexicon.aspectTerms). */
  readonly aspects: readonly string[];
  /** Its other content terms, action words (办理) aside: single characters that may ask something (不热, 停). */
  readonly rest: readonly string[];
  /** Subjects it joins with 的 (公租房的物业费): the modifier, and the head — the thing asked about. */
  readonly attributions: readonly Attribution[];
  /** The one kind it names of a group of alternatives (职工 of 职工, 城乡居民), with the kinds it does not name. */
  readonly kinds: readonly { readonly named: string; readonly others: readonly string[] }[];
  /** The subject whose value it asks for (比例 of 缴存比例是多少, 局长 of 局长是谁: askedValueOf in match.ts). */
  readonly valueAsked?: string;
  /** Actions it says happened (单位给交了: WordOrder.stated), which ask for no service of their own. */
  readonly stated?: ReadonlySet<string>;
  /** Terms it says the asker lacks (没上户口: WordOrder.lacked). */
  readonly lacked?: ReadonlySet<string>;
  /** It asks whether one can or may (能申请法律援助吗: WordOrder.asksWhether). */
  readonly asksWhether?: boolean;
  /** The question as written (WordOrder.written). */
  readonly written?: string;
}

export interface Attribution {
  readonly modifier: string;
  readonly head: string;
}

/** A word no entry has counts this much of its (highest) IDF as a subject: it may be a word the lexicon lacks. */
const UNKNOWN_SUBJECT_SHARE = 0.5;

/**
 * Whether a content term can name what a question is about: neither an action, an action word
 * (办理), a way of asking (干什么: asksOnly) nor a section cue, not a length of time (questionForms.lengthOfTime), and not a single character (做, 写: too vague to name a thing).
 */
export function isSubjectWord(term: string, index: KnowledgeIndex): boolean {
  const { lexicon } = index;
  return (
    term.length >= 2 &&
    !lexicon.actionOf.has(term) &&
    !lexicon.aspectTerms.has(term) &&
    !lexicon.actionWords.has(term) &&
    !asksOnly(term, lexicon) &&
    !lexicon.questionForms.lengthOfTime.test(term)
  );
}

/** What the order of a question's words tells beyond its terms (read in match.ts). */
export interface WordOrder {
  /** Its X的Y pairs (attributionsOf); those of two subjects are kept. */
  readonly attributions?: readonly Attribution[];
  /** The term before a value word (askedValueOf), kept when it is a subject word. */
  readonly valueAsked?: string;
  /** Actions it says are done (交了, 办过: doneActionsOf), not asked when it names another. */
  readonly done?: ReadonlySet<string>;
  /** Actions it says happened, whatever follows (单位给交了, 怎么合到一起). */
  readonly stated?: ReadonlySet<string>;
  /** Terms it says the asker lacks (没上户口, 没有本地户口: lackedTerms). */
  readonly lacked?: ReadonlySet<string>;
  /** It asks whether one can or may (能申请法律援助吗: questionForms.canQuestion): who qualifies, not how it is done. */
  readonly asksWhether?: boolean;
  /** The question as written, places read: where one subject is written right before another (宠物医院). */
  readonly written?: string;
}

export function readStructure(terms: readonly string[], index: KnowledgeIndex, order: WordOrder = {}): QuestionStructure {
  const { attributions = [], valueAsked, done, stated, lacked, asksWhether, written } = order;
  const { lexicon } = index;
  const actions = new Set<string>();
  const actionTerms: string[] = [];
  const aspects: string[] = [];
  const actionSections = new Set<SectionName>();
  const rest: string[] = [];
  const subjects: { term: string; weight: number }[] = [];
  const distinct = [...new Set(terms)];
  const isMaterials = (at: number) => lexicon.aspectTerms.get(distinct[at])?.includes('materials') ?? false;
  let amountAsked = false;
  for (const [i, term] of distinct.entries()) {
    const action = lexicon.actionOf.get(term);
    // The verb beside a materials word says how the materials are handed in (要交啥材料, 拿什么证件, 材料交上去), not what is asked.
    if (action !== undefined && (isMaterials(i + 1) || isMaterials(i - 1))) continue;
    if (action !== undefined) {
      actions.add(action);
      actionTerms.push(term);
      for (const section of lexicon.aspectTerms.get(term) ?? []) actionSections.add(section);
      if (lexicon.aspectTerms.get(term)?.includes('criteria')) amountAsked = true;
    } else if (lexicon.aspectTerms.has(term)) aspects.push(term);
    // An action word (办理) or a way of asking (干什么) names nothing and asks nothing beyond the rest.
    else if (lexicon.actionWords.has(term) || asksOnly(term, lexicon)) continue;
    else if (isSubjectWord(term, index)) {
      subjects.push({ term, weight: index.termWeight(term) * (index.isHeadTerm(term) ? 1 : UNKNOWN_SUBJECT_SHARE) });
    } else rest.push(term);
  }
  // 领多少钱 asks the amount received: being paid is how, and what one pays (a fee section) does not state it.
  const receiving = [...actions].filter((action) => lexicon.receivingActions.has(action));
  if (amountAsked && receiving.length > 0 && receiving.length < actions.size) {
    for (const action of receiving) actions.delete(action);
    actionSections.delete('fee');
  }
  // 交了能退吗 asks for a refund, not how to pay: a done action is what happened, when another is asked.
  const asked = done ? [...actions].filter((action) => !done.has(action)) : [];
  if (asked.length > 0 && asked.length < actions.size) for (const action of done ?? []) actions.delete(action);
  const isSubject = (term: string) => subjects.some((subject) => subject.term === term);
  // A kind named inside a word counts too (职工医保 names 职工); naming several kinds of a group names none.
  // forEach, not a copy of the table as pairs: this runs for every question, more than once.
  const kinds: { named: string; others: readonly string[] }[] = [];
  lexicon.alternativesOf.forEach((others, named) => {
    if (distinct.some((term) => term.includes(named)) && !others.some((other) => distinct.some((term) => term.includes(other))))
      kinds.push({ named, others });
  });
  return {
    subjects,
    actions: [...actions],
    actionTerms,
    actionSections: [...actionSections],
    aspects,
    rest,
    attributions: attributions.filter(({ modifier, head }) => modifier !== head && isSubject(modifier) && isSubject(head)),
    kinds,
    valueAsked: valueAsked !== undefined && isSubjectWord(valueAsked, index) ? valueAsked : undefined,
    stated,
    lacked,
    asksWhether,
    written,
  };
}

/**
 * An entry answers or is offered only when it covers at least this share of the question's subject
 * weight (see subjectCoverage): sharing one word (补贴) of 老年人高龄补贴 is a near miss, not an answer.
 */
export const MIN_SUBJECT_COVERAGE = 0.3;

const SINGLE_HAN = /^\p{Script=Han}$/u;

/**
 * Whether a question without subjects still names something an entry may be about: an action that
 * is a service of its own (报停), letters and digits the segmenter cut apart (AQI → a q i), or
 * several single characters (养狗办狗证 → 养 狗 证). One character beside a section cue (要等多久)
 * is a verb more often than a name: such a question names nothing.
 */
function namesSomething(structure: QuestionStructure): boolean {
  const { actions, rest } = structure;
  return actions.length > 0 || rest.length > 1 || rest.some((term) => !SINGLE_HAN.test(term));
}

/**
 * The IDF-weighted share of the question's subjects an entry covers (KnowledgeIndex.coverage).
 * Without subjects: 1 when the question still names something (namesSomething), else 0 — a
 * question naming no thing (要等多久, 要准备什么材料) is about no entry in particular: the
 * conversation's context may tell which one (src/dialogue), a ranking cannot.
 */
export function subjectCoverage(structure: QuestionStructure, entry: string, index: KnowledgeIndex): number {
  let total = 0;
  let covered = 0;
  for (const { term, weight } of structure.subjects) {
    total += weight;
    covered += weight * index.coverage(entry, term);
  }
  if (total === 0) return namesSomething(structure) ? 1 : 0;
  return covered / total;
}

/**
 * The gate's result, or 'partial': entries cover the question's subject, and either none covers
 * what it asks about it (kind 'action') or it names the subject alone and several entries are about
 * it (kind 'topic': 公积金 — withdrawal, loans, balance…).
 */
export type StructuredGate =
  | GateResult
  | {
      decision: 'partial';
      kind: 'action' | 'topic';
      entry: null;
      candidates: ScoredCandidate[];
      subject: string;
      offers: MatchableEntry[];
    };

/**
 * A subject tells close siblings apart (see decideByStructure) from this share of the rarest term's
 * weight up: a name of a thing (低保边缘家庭, 租金), not a word of everyday business (答复, 期限).
 */
const DECISIVE_WEIGHT_SHARE = 0.7;

/** At most this many entries are listed in a partial reply. */
export const MAX_PARTIAL_OFFERS = 6;

/**
 * Whether an entry names a subject of the question only as what its asker lacks (新生儿没上户口能先参保吗:
 * KnowledgeIndex.namesOnlyAsLacked), so it does not provide it, unless the question says it is lacked too.
 */
function providesNot(structure: QuestionStructure, index: KnowledgeIndex, entry: string, term: string): boolean {
  return !(structure.lacked?.has(term) ?? false) && index.namesOnlyAsLacked(entry, term);
}

/** Part-of-speech tags of a common noun in the segmenter's dictionary: not a person's or a place's name. */
const COMMON_NOUN_TAG = /^n(?![rs])/;

/**
 * The subject of a question of two, written as one phrase (宠物医院, 公办幼儿园), that makes the phrase a thing the
 * entry about the other subject is not about: a modifier that is a common noun no entry has (宠物 of 宠物医院: a kind
 * no entry knows), or a head that is a noun no entry is about and the entry never mentions (幼儿园 of 公办幼儿园:
 * the thing asked). The entry covers the question's words but not the thing asked; in a longer question such a
 * word is as often the story's (爷爷, 厂里) or a kind the entry covers (摄影协会), so only a question naming two
 * things is judged.
 */
function strangePartOf(structure: QuestionStructure, index: KnowledgeIndex, entry: string): string | undefined {
  const { subjects, written } = structure;
  if (subjects.length !== 2 || written === undefined) return undefined;
  const [first, second] = subjects.map(({ term }) => term);
  const pairs = [
    [first, second],
    [second, first],
  ];
  const tagged = (word: string, isTag: (tag: string) => boolean) =>
    tagWords(word).every(({ word: cut, tag }) => cut === word && isTag(tag));
  const strangeKind = (modifier: string, head: string) =>
    index.coverage(entry, head) === 1 &&
    index.isHeadTerm(head) &&
    index.termWeight(modifier) >= index.rarestWeight() &&
    tagged(modifier, (tag) => COMMON_NOUN_TAG.test(tag));
  const strangeThing = (modifier: string, head: string) =>
    index.coverage(entry, modifier) === 1 &&
    index.coverage(entry, head) === 0 &&
    !index.isHeadTerm(head) &&
    (index.lexicon.words.has(head) || tagged(head, (tag) => COMMON_NOUN_TAG.test(tag)));
  for (const [modifier, head] of pairs) {
    if (!written.includes(modifier + head)) continue;
    if (strangeKind(modifier, head)) return modifier;
    if (strangeThing(modifier, head)) return head;
  }
  return undefined;
}

/**
 * The thing a question names last, where it says what it asks about (公积金能用来交物业费吗: 物业费), when that is a word
 * of the domain's vocabulary (lexicon.words) that no entry of the base has in any field, nor the answered entry a
 * character pair of in a head field: a thing of government business this base does not cover, though the question
 * shares its other words with the entry. A word the vocabulary lacks is as often the story's (闺女, 早餐), and one
 * named earlier is as often background (城管局 beside 权责清单), so neither is judged. Nor is a word ending in a section
 * cue (办理时限 of 多久处理): it asks for a section of the entry, not for a thing.
 */
function unknownLastThing(structure: QuestionStructure, index: KnowledgeIndex, entry: string): string | undefined {
  const term = structure.subjects.at(-1)?.term;
  if (term === undefined || !index.lexicon.words.has(term)) return undefined;
  for (let start = 1; start < term.length - 1; start++) if (index.lexicon.aspectTerms.has(term.slice(start))) return undefined;
  const noEntryHasIt = index.termWeight(term) >= index.rarestWeight() && index.coverage(entry, term) === 0;
  return noEntryHasIt && !index.namesPartOf(entry, term) ? term : undefined;
}

/** Who holds an office (市长是谁: story.yaml's officeHolders) is no entry's to state, though one names the office (给市长信箱写信). */
function asksOfficeHolder(structure: QuestionStructure, index: KnowledgeIndex): boolean {
  return structure.valueAsked !== undefined && index.lexicon.story.officeHolders.has(structure.valueAsked);
}

/**
 * The gate's decision checked against what is asked. It never answers more than the gate: it
 * only stops an answer or an offer that does not cover the question —
 * - subjects: the entry covers at least MIN_SUBJECT_COVERAGE of the question's subject weight, so
 *   an entry sharing only a side word is a near miss, neither answered nor offered;
 * - action: when the question names one, the entry has it (in any field) or has the section the
 *   action word asks for (收费 → fee); an entry whose head names no action is about the subject as a
 *   whole, which fits the general actions (办, 申请, 咨询: lexicon.generalActions) but not one it never
 *   mentions (一网通办 账号 注销); a head action (购买: lexicon.headActions) only where a head field names it.
 * - value: an answer never mentioning the subject whose value is asked (公积金缴存比例是多少: the balance
 *   entry says nothing of a 比例) states no answer; it is not handed to a sibling that merely mentions it. Nor
 *   does any entry state who holds an office (asksOfficeHolder).
 * - document: a question asking only for a document (残疾人证怎么办) is not answered by an entry that asks
 *   for it among its materials (KnowledgeIndex.asksToBring); nor is one asked for last (回迁房咋办不动产登记) by an
 *   entry never mentioning it, when another entry is about it.
 * - lacked: a subject an entry's head names only as what its asker lacks (新生儿没上户口能先参保吗:
 *   KnowledgeIndex.namesOnlyAsLacked) is not answered by it, unless the question says it lacks it too.
 * - phrase: a question naming two things as one phrase that makes it a thing no entry knows or is about (宠物医院,
 *   公办幼儿园: strangePartOf) is not answered by the entry about the other.
 * - last thing: a question whose last-named subject is a word of the vocabulary no entry of the base has (施工许可证 of
 *   居住证能办施工许可证吗: unknownLastThing) is not answered by the entry about the rest.
 * An answer that covers the subject but not the action goes to the ranked sibling that covers both
 * (低保 申请 / 标准), one scoring below an answer only when its head names a service asked; without one,
 * the decision is 'partial': what can be answered about the subject, instead of a wrong answer. A clarifying question offers only covering entries.
 * Where nothing is left to answer or offer and the question names an action, `rankSubject` (the
 * entries ranked for the question without its action words) decides: an action no entry of the
 * subject names (公积金怎么销户) leaves every score of the whole question low, and the best entry
 * covering the subject tells what can be answered about it — never answered itself, since the
 * question as asked found nothing.
 */
export function decideByStructure(
  ranked: readonly ScoredCandidate[],
  structure: QuestionStructure,
  index: KnowledgeIndex,
  thresholds: MatchThresholds,
  isEligible: (entry: MatchableEntry) => boolean,
  rankSubject: () => readonly ScoredCandidate[],
): StructuredGate {
  // An entry having the modifier of X的Y but not Y is about X, not about what is asked (公租房的物业费: not 公租房申请).
  const coversHeads = (entry: string) =>
    structure.attributions.every(({ modifier, head }) => index.coverage(entry, head) > 0 || index.coverage(entry, modifier) === 0);
  // An entry about another kind than the one named (城乡居民 insurance for 职工医保) is a near miss, whatever it shares.
  const otherKind = (entry: string) =>
    structure.kinds.some(
      ({ named, others }) => index.coverage(entry, named) < 1 && others.some((other) => index.coverage(entry, other) === 1),
    );
  const covers = (candidate: ScoredCandidate) =>
    subjectCoverage(structure, candidate.entry, index) >= MIN_SUBJECT_COVERAGE &&
    coversHeads(candidate.entry) &&
    !otherKind(candidate.entry);
  const fallback = (): StructuredGate => {
    const aboutSubject = structure.actions.length > 0 ? rankSubject().find(covers) : undefined;
    return (aboutSubject && partial(aboutSubject, structure, index, isEligible)) || { decision: 'fallback', entry: null, candidates: [] };
  };
  const gate = decide(ranked, thresholds);
  if (gate.decision === 'fallback') return fallback();
  // An action a head field need not name (a head action must: lexicon.headActions) is covered by a mention in the answer too.
  const hasAction = (candidate: ScoredCandidate, action: string) => {
    const actions = index.actionsOf(candidate.entry);
    const coverage = index.coverage(candidate.entry, action);
    return (
      actions.includes(action) ||
      coverage === 1 ||
      (coverage > 0 && !index.lexicon.headActions.has(action)) ||
      (actions.length === 0 && index.lexicon.generalActions.has(action))
    );
  };
  const fits = (candidate: ScoredCandidate) => {
    if (structure.actions.length === 0) return true;
    const sections = index.entry(candidate.entry)?.sections ?? {};
    return (
      structure.actions.some((action) => hasAction(candidate, action)) ||
      structure.actionSections.some((section) => sections[section] !== undefined)
    );
  };
  const pool = gate.decision === 'answer' ? ranked.filter((candidate) => candidate.score >= thresholds.clarifyMin) : gate.candidates;
  const covering = pool.filter(covers);
  const fitting = covering.filter(fits);
  // A lone offer is a guess: it is made only when the question names no thing the vocabulary knows
  // and no entry is about (物业乱收费 offering only the school-fee entry asks about 物业, which none is).
  const lacksThing = (candidate: ScoredCandidate) =>
    structure.subjects.some(
      ({ term }) => index.lexicon.words.has(term) && !index.isHeadTerm(term) && index.coverage(candidate.entry, term) === 0,
    );
  // The services asked: a general action (申请, 办), being paid (领 补贴: any benefit is) and what the question
  // says happened (单位给交了) are none.
  const { generalActions, receivingActions } = index.lexicon;
  const services = structure.actions.filter(
    (action) => !generalActions.has(action) && !receivingActions.has(action) && !(structure.stated?.has(action) ?? false),
  );
  // Between close siblings, the question said which one when only one has every subject it names that
  // entries are about in a head field, and each other lacks a telling one (低保边缘家庭 and 低保标准: the
  // low-income entry, not the allowance's standard, which only mentions 低保边缘家庭). Everyday words of
  // government business (答复, 期限) tell no sibling apart. A lone offer having them all, and a telling one
  // among them, is what was asked too. Nor does it say which when another sibling's head names a service asked
  // that it lacks (企业信息查询 beside 公司设立登记 for 查 注册资本): the citizen picks.
  const known = structure.subjects.filter(({ term }) => index.isHeadTerm(term));
  const telling = known.filter(({ weight }) => weight >= DECISIVE_WEIGHT_SHARE * index.rarestWeight());
  const named = (candidates: ScoredCandidate[]): ScoredCandidate | undefined => {
    const naming = candidates.filter((candidate) => known.every(({ term }) => index.coverage(candidate.entry, term) === 1));
    const othersLack = candidates.every(
      (candidate) => candidate === naming[0] || telling.some(({ term }) => index.coverage(candidate.entry, term) < 1),
    );
    // A lone offer is answered only when it has every action asked too (残疾证怎么办理 要去哪鉴定: not the subsidy entry).
    if (telling.length === 0 || naming.length !== 1 || !othersLack || naming[0].score < thresholds.answerMin) return undefined;
    const servedByOther = candidates.some(
      (candidate) =>
        candidate !== naming[0] &&
        services.some((action) => index.actionsOf(candidate.entry).includes(action) && !hasAction(naming[0], action)),
    );
    if (servedByOther) return undefined;
    return candidates.length > 1 || structure.actions.every((action) => hasAction(naming[0], action)) ? naming[0] : undefined;
  };
  // Between close siblings, the one whose head names every service asked (提取 of 公积金提取) is what was
  // asked, not one whose answer only mentions it.
  const doing = (candidates: ScoredCandidate[]): ScoredCandidate | undefined => {
    if (services.length === 0 || candidates.length < 2) return undefined;
    const naming = candidates.filter((candidate) => services.every((action) => index.actionsOf(candidate.entry).includes(action)));
    return naming.length === 1 && naming[0].score >= thresholds.answerMin ? naming[0] : undefined;
  };
  // Between the interpretations of a policy and the one entry of the same policy whose title names the general
  // action as asked (法律援助咋申请: 法律援助申请, not the law's 解读, whose sample questions mention applying too), the
  // question asks for that service: an interpretation explains a policy, the service's entry tells how to get it.
  // Whether one may apply (能申请吗) is who qualifies, which the interpretation tells as much.
  const asked = structure.actionTerms.filter((term) => generalActions.has(index.lexicon.actionOf.get(term) ?? ''));
  const applying = (candidates: ScoredCandidate[]): ScoredCandidate | undefined => {
    if (asked.length === 0 || structure.asksWhether || candidates.length < 2) return undefined;
    const explains = (candidate: ScoredCandidate) => index.entry(candidate.entry)?.kind === 'interpretation';
    const naming = candidates.filter(
      (candidate) => !explains(candidate) && asked.every((term) => index.titleTerms(candidate.entry).includes(term)),
    );
    if (naming.length !== 1 || naming[0].score < thresholds.answerMin) return undefined;
    return candidates.every((candidate) => candidate === naming[0] || explainsPolicyOf(candidate.entry, naming[0].entry, index))
      ? naming[0]
      : undefined;
  };
  const offer = (candidates: ScoredCandidate[]): StructuredGate => {
    if (candidates.length === 1 && lacksThing(candidates[0])) return fallback();
    const chosen = named(candidates) ?? doing(candidates) ?? applying(candidates);
    if (!chosen) return { decision: 'clarify', entry: null, candidates };
    return { decision: 'answer', entry: chosen.entry, candidates: [chosen, ...candidates.filter((candidate) => candidate !== chosen)] };
  };
  const { story } = index.lexicon;
  // A document the entry asks to be brought (its materials name it, its title does not) is not what it issues:
  // getting a disability card is not the subsidy that requires one.
  const [only] = structure.subjects;
  const onlyRequires = (entry: string) =>
    structure.subjects.length === 1 &&
    (story.document?.test(only.term) ?? false) &&
    structure.actions.every((action) => index.lexicon.generalActions.has(action)) &&
    index.asksToBring(entry, only.term);
  // The document a question names last is what it asks for (回迁房咋办不动产登记): an entry never mentioning it,
  // when another is about it, does not issue it, whatever else it shares with the question.
  const last = structure.subjects.at(-1);
  const lacksDocument = (entry: string) =>
    last !== undefined &&
    ((story.document?.test(last.term) ?? false) || (story.issuing?.test(last.term) ?? false)) &&
    index.isHeadTerm(last.term) &&
    index.coverage(entry, last.term) === 0;
  // A subject the entry names only as what its asker lacks (新生儿没上户口能先参保吗) is not what it provides: a question
  // asking for it (孩子出生咋上户口), not saying it lacks it too, is not answered by the entry.
  const askedLacked = (entry: string) => structure.subjects.find(({ term }) => providesNot(structure, index, entry, term));
  if (gate.decision === 'answer') {
    const best = ranked[0];
    const lacked = askedLacked(best.entry);
    if (lacked) {
      const others = { ...structure, subjects: structure.subjects.filter((subject) => subject !== lacked) };
      return (covers(best) && partial(best, others, index, isEligible)) || fallback();
    }
    if (onlyRequires(best.entry)) return partial(best, structure, index, isEligible) ?? fallback();
    // Only an entry that covers the question otherwise: one about another kind (职工 of 职工养老保险) is dealt with below.
    const strange = covers(best)
      ? (strangePartOf(structure, index, best.entry) ?? unknownLastThing(structure, index, best.entry))
      : undefined;
    if (strange !== undefined) {
      const others = { ...structure, subjects: structure.subjects.filter(({ term }) => term !== strange) };
      return partial(best, others, index, isEligible) ?? fallback();
    }
    if (lacksDocument(best.entry)) return (covers(best) && partial(best, structure, index, isEligible)) || fallback();
    if (
      structure.valueAsked !== undefined &&
      (asksOfficeHolder(structure, index) || index.coverage(best.entry, structure.valueAsked) === 0)
    )
      return (covers(best) && partial(best, structure, index, isEligible)) || fallback();
    if (covers(best) && fits(best)) return gate;
    // A sibling scoring below an answer is answered only when its head names a service asked (查询 of 企业信息查询):
    // one merely mentioning the action, or fitting a general one (申请), is a guess. Nor is one that only mentions a
    // telling subject the best entry is about (见习 of 就业见习, mentioned by the graduates' policy): it has the action
    // asked (标准) of something else. A sibling whose head names the service asked is still no answer when it never
    // names a telling subject the best entry is about, not even a part of it (申诉 of the remedies entry for a question
    // about 年报, which the annual report's entry is about): the action word was read off another thing.
    const losesSubject = (candidate: ScoredCandidate) =>
      telling.some(({ term }) => index.coverage(best.entry, term) === 1 && index.coverage(candidate.entry, term) < 1);
    const dropsSubject = (candidate: ScoredCandidate) =>
      telling.some(
        ({ term }) =>
          index.coverage(best.entry, term) === 1 &&
          index.coverage(candidate.entry, term) === 0 &&
          !index.namesPartOf(candidate.entry, term),
      );
    const switchable = (candidate: ScoredCandidate) =>
      (candidate.score >= thresholds.answerMin && !losesSubject(candidate)) ||
      (!dropsSubject(candidate) && services.some((action) => index.actionsOf(candidate.entry).includes(action)));
    if (covers(best))
      return fitting.length > 0 && switchable(fitting[0])
        ? { decision: 'answer', entry: fitting[0].entry, candidates: fitting }
        : (partial(best, structure, index, isEligible) ?? fallback());
    // The best entry is a near miss: the gate decides again among the entries that cover the question.
    const again = decide(fitting, thresholds);
    if (again.decision === 'clarify') return offer(again.candidates);
    return again.decision === 'fallback' ? fallback() : again;
  }
  if (fitting.length > 0) return offer(fitting);
  return (covering.length > 0 && partial(covering[0], structure, index, isEligible)) || fallback();
}

/** Whether an entry is an interpretation of the policy `service` is an entry of: their titles share a subject word. */
function explainsPolicyOf(key: string, service: string, index: KnowledgeIndex): boolean {
  if (index.entry(key)?.kind !== 'interpretation') return false;
  const title = index.titleTerms(service);
  return index.titleTerms(key).some((term) => title.includes(term) && isSubjectWord(term, index));
}

/**
 * What to bring, how and where to do it: what only a service's entry tells. How long or how much may be a policy's
 * own (低保会马上停吗, 每月补多少).
 */
const SERVICE_SECTIONS: ReadonlySet<SectionName> = new Set(['materials', 'procedure', 'location']);

/**
 * An interpretation answered for a question asking what only a service's entry tells (申请法律援助要带什么材料: materials,
 * which no interpretation has: SERVICE_SECTIONS) gives way to the close entry of the same policy the gate offered that has the section
 * asked. `asked` is the section the question asks for, worked out only when it may matter.
 */
export function toService(gate: StructuredGate, index: KnowledgeIndex, asked: () => SectionName | null): StructuredGate {
  const { entry } = gate;
  if (gate.decision !== 'answer' || entry === null || gate.candidates.length < 2 || index.entry(entry)?.kind !== 'interpretation')
    return gate;
  const section = asked();
  if (section === null || !SERVICE_SECTIONS.has(section)) return gate;
  const service = gate.candidates.find(
    (candidate) =>
      candidate.entry !== entry &&
      index.entry(candidate.entry)?.sections?.[section] !== undefined &&
      explainsPolicyOf(entry, candidate.entry, index),
  );
  return service
    ? { decision: 'answer', entry: service.entry, candidates: [service, ...gate.candidates.filter((other) => other !== service)] }
    : gate;
}

/** What can be answered about the question's most telling subject that `candidate` has in a head field. */
function partial(
  candidate: ScoredCandidate,
  structure: QuestionStructure,
  index: KnowledgeIndex,
  isEligible: (entry: MatchableEntry) => boolean,
): StructuredGate | null {
  const subject = [...structure.subjects]
    .sort((a, b) => b.weight - a.weight)
    .find(({ term }) => index.coverage(candidate.entry, term) === 1)?.term;
  const offers = subject === undefined ? [] : index.entriesAbout(subject, isEligible, MAX_PARTIAL_OFFERS);
  return subject === undefined || offers.length === 0
    ? null
    : { decision: 'partial', kind: 'action', entry: null, candidates: [], subject, offers };
}

/**
 * A bare topic's best entry is answered only from this score up, i.e. when its title or a sample
 * question is the topic itself (居住证 → 居住证办理); below it, several entries about the topic are
 * equally what was asked.
 */
export const TOPIC_ANSWER_SCORE = 0.95;

/** A bare topic's best entry scoring this names it whole (a keyword that is the word scores 0.9: KnowledgeIndex). */
const NAMED_WHOLE_SCORE = 0.9;

/** How many ranked entries are looked at for a bare topic's list (those covering it are kept). */
const TOPIC_RANKED = 12;

/**
 * A question naming only a subject (低保, 住房公积金, 社保卡) asks nothing in particular about it.
 * When one entry is about the whole subject, that entry is the answer; when several are, the
 * decision is 'partial' of kind 'topic': what can be answered about the subject, to pick from,
 * rather than whichever sibling happens to lead. Null when the question is not a bare topic (it
 * names an action, a section, a value or another word that may ask something, or a word no entry has
 * in a head field), or no entry is about it. `structure` is read from the whole question: a story's
 * background (娃刚生下来) narrows its topic.
 */
export function decideTopic(
  gate: StructuredGate,
  ranked: readonly ScoredCandidate[],
  structure: QuestionStructure,
  index: KnowledgeIndex,
  isEligible: (entry: MatchableEntry) => boolean,
): StructuredGate | null {
  const { subjects } = structure;
  // The value of the one thing named (火警电话是多少) is what an entry about that thing states: still a bare
  // topic, unless it asks who holds an office.
  const ownValue = subjects.length === 1 && subjects[0].term === structure.valueAsked && !asksOfficeHolder(structure, index);
  const valueOfOther = structure.valueAsked !== undefined && !ownValue;
  const asks = structure.actions.length > 0 || structure.aspects.length > 0 || structure.rest.length > 0 || valueOfOther;
  if (asks || subjects.length === 0) return null;
  const narrower = subjects.length === 1 ? index.lexicon.narrower.get(subjects[0].term) : undefined;
  if (narrower) return broadTopic(subjects[0].term, narrower, index, isEligible);
  if (!subjects.every(({ term }) => index.isHeadTerm(term))) return null;
  // As in decideByStructure: 新生儿上户口 is no bare topic of the newborn-insurance entry (providesNot).
  const about = index
    .rank(
      subjects.map(({ term }) => term),
      isEligible,
      TOPIC_RANKED,
    )
    .filter((candidate) =>
      subjects.every(({ term }) => index.coverage(candidate.entry, term) === 1 && !providesNot(structure, index, candidate.entry, term)),
    );
  const [best] = ranked;
  if (about.length === 0 || !best) return null;
  if (about.length === 1) {
    if (best.entry !== about[0].entry) return null;
    return gate.decision === 'answer' ? gate : { decision: 'answer', entry: best.entry, candidates: [best] };
  }
  // The thing named alone asks for the thing itself: when the best entry names it whole (its title, a sample question
  // or a keyword is the word) and every other entry about it is titled by a service done to it (残疾人证换领,
  // 残疾人证注销), the best one, titled by none (残疾人证首次申领), is what was asked. An aspect (低保标准) is no such service.
  const { actionOf, generalActions, aspectTerms } = index.lexicon;
  const titledByService = (candidate: ScoredCandidate) =>
    index.titleTerms(candidate.entry).some((term) => {
      const action = actionOf.get(term);
      return action !== undefined && !generalActions.has(action) && !aspectTerms.has(term);
    });
  if (
    best.score >= NAMED_WHOLE_SCORE &&
    !titledByService(best) &&
    about.every((candidate) => candidate.entry === best.entry || titledByService(candidate))
  )
    return { decision: 'answer', entry: best.entry, candidates: [best] };
  // Two subjects already narrow the topic (宝宝 医保): an answer the gate found stands.
  if (gate.decision === 'answer' && (best.score >= TOPIC_ANSWER_SCORE || subjects.length > 1)) return gate;
  const offers = about
    .slice(0, MAX_PARTIAL_OFFERS)
    .map((candidate) => index.entry(candidate.entry))
    .filter((entry): entry is MatchableEntry => entry !== undefined);
  return { decision: 'partial', kind: 'topic', entry: null, candidates: [], subject: subjects.map(({ term }) => term).join(''), offers };
}

/** A broad term named alone (社保): the entries about its narrower terms, the best of each first. */
function broadTopic(
  broad: string,
  narrower: readonly string[],
  index: KnowledgeIndex,
  isEligible: (entry: MatchableEntry) => boolean,
): StructuredGate | null {
  const perTerm = narrower.map((term) =>
    index.rank([term], isEligible, MAX_PARTIAL_OFFERS).filter((candidate) => index.coverage(candidate.entry, term) === 1),
  );
  const keys = new Set<string>();
  // Round robin over the narrower terms, so that each is represented before a second entry of one.
  for (let rank = 0; keys.size < MAX_PARTIAL_OFFERS && perTerm.some((list) => rank < list.length); rank++) {
    for (const list of perTerm) if (rank < list.length && keys.size < MAX_PARTIAL_OFFERS) keys.add(list[rank].entry);
  }
  const offers = [...keys].map((key) => index.entry(key)).filter((entry): entry is MatchableEntry => entry !== undefined);
  return offers.length === 0 ? null : { decision: 'partial', kind: 'topic', entry: null, candidates: [], subject: broad, offers };
}
