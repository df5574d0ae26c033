import type { SectionName } from '../../../entities/knowledgeEntryFile';
import { isAnswerable, shanghaiDate } from './availability';
import { DEFAULT_MATCH_THRESHOLDS, decide, type Decision, type GateResult, type MatchThresholds } from './decide';
import { lackedTerms, type KnowledgeIndex, type MatchableEntry, type ScoredCandidate } from './knowledgeIndex';
import type { Lexicon } from './lexicon';
import { normalizeKept, readLatin, type LatinVocabulary } from './normalize';
import { askedPart, detectSection, sectionListing, sectionStatingAsked } from './sections';
import { analyzeNormalized, canonicalTerm, segment } from './segment';
import { pinyinWord } from './typos';
import { clausesOf, mentionsAny } from './story';
import {
  decideByStructure,
  decideTopic,
  isSubjectWord,
  readStructure,
  toService,
  type Attribution,
  type QuestionStructure,
  type WordOrder,
} from './structure';

/** Another place a question is about: its official name and the hotline to point to (none outside the mainland). */
export interface ElsewherePlace {
  name: string;
  hotline: string | null;
}

/**
 * What the matcher asks of the places (src/understanding/places/places.ts): read them out of a text (another
 * place reads as 外地), then judge whether the question asks about another place's policy.
 */
export interface PlaceJudge<Reading extends { text: string } = { text: string }> {
  /** `baseNames`: whether the knowledge base names a term in an entry's head field. */
  read(normalized: string, lexicon: Lexicon, baseNames?: (term: string) => boolean): Reading;
  judge<Gate extends { decision: string }>(
    reading: Reading,
    gate: Gate,
    ranked: readonly ScoredCandidate[],
    answerMin: number,
    index: KnowledgeIndex,
    structure?: QuestionStructure,
  ): { gate: Gate | GateResult; place?: ElsewherePlace };
}

/**
 * The understanding stages after analysis, each on by default; turned off one at a time to measure
 * what it adds (npm run eval -- --ablation). The lexicon's own stages (colloquial words,
 * homophones, actions) are chosen when it is loaded (LexiconStages).
 */
export interface MatchStages {
  /** Find the question inside a story: background clauses weigh less (story.ts). */
  story: boolean;
  /** Answer only an entry covering the question's subject and action (structure.ts). */
  structure: boolean;
}

export const ALL_MATCH_STAGES: Readonly<MatchStages> = Object.freeze({ story: true, structure: true });

/**
 * Terms of background clauses weigh this much of their IDF: they tell the situation (我在外地工作),
 * the question clause tells what is wanted.
 */
const BACKGROUND_WEIGHT = 0.6;

export interface MatchOptions {
  /** Decides which entries are valid today (Asia/Shanghai calendar days). */
  now: Date;
  thresholds?: MatchThresholds;
  /** Editors' preview: drafts may be answered too (archived entries never are). */
  includeDrafts?: boolean;
  stages?: Partial<MatchStages>;
  /** This city and the places it tells apart from others (config/city.yaml); without it, places are words like others. */
  places?: PlaceJudge;
}

export interface MatchResult {
  /**
   * partial: entries cover the question's subject but not what it asks about it (see `partial`);
   * elsewhere: the question asks about another city's or province's policy (see `place`).
   */
  decision: Decision | 'elsewhere';
  /** The answered entry's key; null unless decision is 'answer'. */
  entry: string | null;
  /**
   * The section asked for: with 'answer', only if the entry has it; with 'clarify', as detected
   * (it applies to whichever entry the citizen picks); with 'fallback', null.
   */
  section: SectionName | null;
  /** The best candidate's score (0..1), 0 when nothing matched. */
  score: number;
  candidates: ScoredCandidate[];
  /** The question's normalized content terms (after typos, synonyms and stop words), for grouping unanswered questions. */
  terms: string[];
  /**
   * With 'partial': the subject, the entries about it that can be answered, and why they are listed:
   * 'action' — what is asked about the subject is not covered; 'topic' — the subject alone was named.
   */
  partial?: { subject: string; entries: string[]; kind: 'action' | 'topic' };
  /** With 'elsewhere': the place asked about. */
  place?: ElsewherePlace;
  /** With 'fallback': interpreters labelled the question out of scope (src/knowledge/labels.ts), so the bot declines it. */
  declined?: 'out-of-scope';
}

/** A question's content terms, and how much each weighs (those of background clauses less: see story.ts). */
interface WeightedTerms {
  terms: string[];
  /** The terms of the clauses that ask. */
  asked: string[];
  weights: Map<string, number> | undefined;
  /**
   * When the clauses that ask name no subject (登记了有啥好处): their terms and those of the nearest clause
   * before them that names one (听说可以办失业登记), the topic they ask about.
   */
  topical?: string[];
}

function analyzeQuestion(index: KnowledgeIndex, text: string, story: boolean, read: (normalized: string) => string): WeightedTerms {
  const { lexicon } = index;
  const clauses = story ? clausesOf(text, lexicon.story) : [];
  if (clauses.length < 2) {
    const terms = [...new Set(analyzeNormalized(read(normalizeKept(text, lexicon.recent.normalized)), lexicon, index))];
    return { terms, asked: terms, weights: undefined };
  }
  const analyzed = clauses.map((clause) => ({ asks: clause.asks, terms: analyzeNormalized(read(clause.text), lexicon, index) }));
  // Question clauses without a subject of their own (具体怎么办？这可咋办？) ask about the whole story,
  // and the topic named last before them in particular.
  const hasSubject = (terms: string[]) => terms.some((term) => isSubjectWord(term, index) && index.isHeadTerm(term));
  let topical: string[] | undefined;
  if (!analyzed.some((clause) => clause.asks && hasSubject(clause.terms))) {
    const asking = analyzed.filter((clause) => clause.asks);
    const topic = analyzed.slice(0, analyzed.indexOf(asking[0])).findLast((clause) => hasSubject(clause.terms));
    if (topic) topical = [...new Set([topic, ...asking].flatMap((clause) => clause.terms))];
    for (const clause of analyzed) clause.asks = true;
  }
  // In clause order, each term once (loops: this runs for every question).
  const askedTerms = new Set<string>();
  const allTerms = new Set<string>();
  for (const clause of analyzed) {
    for (const term of clause.terms) {
      if (clause.asks) askedTerms.add(term);
      allTerms.add(term);
    }
  }
  const terms = [...allTerms];
  const weights = new Map(terms.map((term) => [term, askedTerms.has(term) ? 1 : BACKGROUND_WEIGHT]));
  return { terms, asked: [...askedTerms], weights, topical };
}

/**
 * The terms a question joins with 的 (公租房的物业费 → 公共租赁住房, 物业费): the last term before each 的
 * and the first after it, each side analyzed as the question is. Only a head the lexicon names is
 * kept (物业费, 医疗保险): 的 before a vague word (每年的哪一天, 依据) ties nothing the entries are about.
 */
function attributionsOf(index: KnowledgeIndex, text: string): Attribution[] {
  // Most questions have no 的: they are not segmented and analysed a second time on the hot path.
  if (!text.includes('的')) return [];
  const { lexicon } = index;
  const texts = [''];
  for (const token of segment(text, lexicon, index.names)) {
    if (token === '的') texts.push('');
    else texts[texts.length - 1] += token;
  }
  // A side is analysed only when it is needed: the one before a 的 only when the one after starts with a head the lexicon
  // names (a story's long first side often is not).
  const sides: (string[] | undefined)[] = [];
  const side = (i: number) => (sides[i] ??= analyzeNormalized(texts[i], lexicon, index));
  const attributions: Attribution[] = [];
  for (let i = 0; i + 1 < texts.length; i++) {
    const head = side(i + 1)[0];
    if (head === undefined || !lexicon.words.has(head)) continue;
    const modifier = side(i).at(-1);
    if (modifier !== undefined) attributions.push({ modifier, head });
  }
  return attributions;
}

/**
 * The term a value word asks about (缴存比例是多少 → 比例, 局长是谁 → 局长, 石窟几点关门 → 石窟:
 * lexicon.story.valueWords, in any of their variants): the last content term before the first value word,
 * analysed as the question is. Else the one term whose existence is asked (有滞纳金吗, 有没有解读 at the
 * end: story.yaml's existenceWords and questionWords, lexicon.existenceEnds). Undefined without one.
 */
function askedValueOf(index: KnowledgeIndex, text: string): string | undefined {
  const { lexicon } = index;
  const { valueWords, existenceWords } = lexicon.story;
  // The question's own cut, which its analysis made (lexicon.recent.cuts); only a token or a prefix is analysed again.
  const tokens = segment(text, lexicon, index.names);
  // A value word the segmenter cuts in two (叫啥 → 叫 啥) is found as the pair.
  const at = tokens.findIndex(
    (token, i) => valueWords.has(lexicon.synonyms.get(token) ?? token) || valueWords.has(token + (tokens[i + 1] ?? '')),
  );
  if (at > 0) return analyzeNormalized(tokens.slice(0, at).join(''), lexicon, index).at(-1);
  const has = tokens.findIndex((token) => existenceWords.has(token));
  if (has < 0) return undefined;
  // 有没有 asks by itself (a question word), with the thing last; 有 needs a closing particle after the thing (有补贴吗).
  const asksAlone = has + 2 === tokens.length && (lexicon.story.question?.test(tokens[has]) ?? false);
  const closed = asksAlone || lexicon.existenceEnds.has(tokens[has + 2] ?? '');
  const asked = closed ? analyzeNormalized(tokens[has + 1], lexicon, index) : [];
  return asked.length === 1 ? asked[0] : undefined;
}

/**
 * The actions the question says happened (单位给交了, 办过): a verb of an action, then a done marker (了, 过:
 * story.yaml's doneMarkers). `done`: those
 * it says are done before it asks another (交了能退吗, 领了要交税吗): past stop words only (能, 要), the
 * verb of another action.
 */
function doneActionsOf(index: KnowledgeIndex, text: string): Pick<WordOrder, 'done' | 'stated'> {
  const { lexicon } = index;
  const { doneMarkers } = lexicon.story;
  // Most questions have none: they are not segmented again on the hot path.
  if (!mentionsAny(text, doneMarkers)) return {};
  const tokens = segment(text, lexicon, index.names);
  const actionAt = (i: number) => (i < tokens.length ? lexicon.actionOf.get(lexicon.synonyms.get(tokens[i]) ?? tokens[i]) : undefined);
  const done = new Set<string>();
  const stated = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const action = doneMarkers.has(tokens[i + 1]) ? actionAt(i) : undefined;
    if (action === undefined) continue;
    stated.add(action);
    let next = i + 2;
    while (next < tokens.length && canonicalTerm(tokens[next], lexicon) === null) next++;
    const asked = actionAt(next);
    if (asked !== undefined && asked !== action) done.add(action);
  }
  return { done: done.size > 0 ? done : undefined, stated: stated.size > 0 ? stated : undefined };
}

/** The terms of what the question says the asker lacks (没上户口: lackedTerms), undefined for none. */
function lackedOf(index: KnowledgeIndex, text: string): ReadonlySet<string> | undefined {
  const { lexicon } = index;
  const { negating } = lexicon.story;
  if (!mentionsAny(text, negating)) return undefined;
  const tokens = segment(text, lexicon, index.names);
  const lacked = lackedTerms(tokens, { after: negating, words: 2 }, (token) => analyzeNormalized(token, lexicon, index));
  return lacked.length > 0 ? new Set(lacked) : undefined;
}

/** How many ranked entries the gate looks at: enough to offer MAX_CLARIFY_CANDIDATES and judge the margin. */
const RANKED = 4;

/** Latin letters in a question are read with the index's vocabulary (dibao → 低保). */
function latinVocabulary(index: KnowledgeIndex): LatinVocabulary {
  return { isKnown: (word) => index.knownWords.isKnown(word), pinyinWord: (latin, tail) => pinyinWord(latin, index.typoModel, tail) };
}

/** The whole pipeline: normalize → read Latin letters → (places) → analyze (segment, typos, synonyms, stop words) → rank → decide → section. */
export function matchQuestion(index: KnowledgeIndex, text: string, options: MatchOptions): MatchResult {
  const { lexicon } = index;
  const stages = { ...ALL_MATCH_STAGES, ...options.stages };
  const normalized = normalizeKept(text, lexicon.recent.normalized);
  const latin = latinVocabulary(index);
  const question = readLatin(normalized, latin);
  const baseNames = (term: string) => index.isHeadTerm(term);
  const placed = options.places?.read(question, lexicon, baseNames);
  // Each clause is read like the whole question: Latin letters, then places (another place reads as 外地).
  const read = (clause: string) => {
    const latinRead = readLatin(clause, latin);
    if (latinRead === question && placed) return placed.text;
    return options.places ? options.places.read(latinRead, lexicon, baseNames).text : latinRead;
  };
  const { terms, asked, weights, topical } = analyzeQuestion(index, text, stages.story, read);
  const today = shanghaiDate(options.now);
  const thresholds = options.thresholds ?? DEFAULT_MATCH_THRESHOLDS;
  const eligible = (entry: MatchableEntry) => isAnswerable(entry, today, options.includeDrafts);
  // Entries below both bounds change no decision: one below answerMin − minMargin leaves any answer's margin intact.
  const minScore = Math.min(thresholds.clarifyMin, thresholds.answerMin - thresholds.minMargin);
  const ranked = index.rank(terms, eligible, RANKED, minScore, weights);
  const said = placed?.text ?? question;
  const order: WordOrder = {
    attributions: attributionsOf(index, said),
    valueAsked: askedValueOf(index, said),
    ...doneActionsOf(index, said),
    lacked: lackedOf(index, said),
    asksWhether: lexicon.questionForms.canQuestion.test(said),
    written: said,
  };
  const structure = readStructure(asked, index, order);
  // The question without its action words: what is asked about when no entry names the action (see decideByStructure).
  // Asked once at most, though the structure may be judged twice (the topical reading below).
  let subjectRanked: ScoredCandidate[] | undefined;
  const rankSubject = () =>
    (subjectRanked ??= index.rank(
      terms.filter((term) => !lexicon.actionOf.has(term)),
      eligible,
      RANKED,
      minScore,
      weights,
    ));
  let decided = stages.structure
    ? decideByStructure(ranked, structure, index, thresholds, eligible, rankSubject)
    : decide(ranked, thresholds);
  // The story's side words (上周, 结账, 三年) may leave the entry too small a share of its subjects: the
  // topic the question asks about, read alone, may still show the best entry covers what is asked.
  if (stages.structure && topical && decided.decision !== 'answer') {
    const focused = decideByStructure(ranked, readStructure(topical, index, order), index, thresholds, eligible, rankSubject);
    if (focused.decision === 'answer') decided = focused;
  }
  if (stages.structure) {
    const whole = asked === terms ? structure : readStructure(terms, index, { ...order, attributions: [] });
    decided = decideTopic(decided, ranked, whole, index, eligible) ?? decided;
    decided = toService(decided, index, () => detectSection(normalized, lexicon));
  }
  const { gate, place } =
    placed && options.places
      ? options.places.judge(placed, decided, ranked, thresholds.answerMin, index, structure)
      : { gate: decided, place: undefined };
  if (place) return { decision: 'elsewhere', entry: null, section: null, score: ranked[0]?.score ?? 0, candidates: [], terms, place };
  if (gate.decision === 'partial') {
    return {
      decision: 'partial',
      entry: null,
      section: null,
      score: ranked[0]?.score ?? 0,
      candidates: [],
      terms,
      partial: { subject: gate.subject, entries: gate.offers.map((entry) => entry.key), kind: gate.kind },
    };
  }
  let section: SectionName | null = null;
  if (gate.decision === 'answer' && gate.entry !== null) {
    const entry = index.entry(gate.entry);
    const sections = entry?.sections;
    if (entry && sections) {
      const asked = askedPart(normalized, lexicon, entry.kind, new Set(Object.keys(sections) as SectionName[]));
      // No aspect named: the entry itself may show the one asked.
      section =
        asked.kind === 'section'
          ? asked.section
          : asked.reason === 'asked'
            ? null
            : (sectionStatingAsked(normalized, lexicon, sections) ??
              index.sectionMentioning(entry.key, terms) ??
              sectionListing(normalized, lexicon, sections));
    }
  } else if (gate.decision === 'clarify') {
    section = detectSection(normalized, lexicon);
  }
  return { decision: gate.decision, entry: gate.entry, section, score: ranked[0]?.score ?? 0, candidates: gate.candidates, terms };
}

/**
 * Entries ranked for a search box (the citizen API): the bot's own analysis and scores, without
 * the decision gate, over what the bot may answer today and `accept` lets through.
 */
export function searchEntries(
  index: KnowledgeIndex,
  text: string,
  options: { now: Date; limit: number; accept?: (entry: MatchableEntry) => boolean },
): ScoredCandidate[] {
  const latin = latinVocabulary(index);
  const { terms, weights } = analyzeQuestion(index, text, true, (clause) => readLatin(clause, latin));
  const today = shanghaiDate(options.now);
  return index.rank(terms, (entry) => isAnswerable(entry, today) && (options.accept?.(entry) ?? true), options.limit, undefined, weights);
}
