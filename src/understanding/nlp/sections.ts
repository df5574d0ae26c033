import { GUIDE_SECTIONS, INTERPRETATION_SECTIONS, type EntryKind, type SectionName } from '../../../entities/knowledgeEntryFile';
import type { Lexicon } from './lexicon';
import type { QuestionForms } from './sectionForms';
import { segment } from './segment';

const SECTIONS_OF_KIND: Record<EntryKind, ReadonlySet<SectionName>> = {
  guide: new Set(GUIDE_SECTIONS),
  interpretation: new Set(INTERPRETATION_SECTIONS),
  faq: new Set([...GUIDE_SECTIONS, ...INTERPRETATION_SECTIONS]),
};

/**
 * The clauses of a question that ask (an ask marker, a question word, or a yes/no word at the end), else its last: a cue that does not
 * ask (电话, 窗口, 材料) tells the story when it stands in another clause (有人打电话 让我认证 这是真的不).
 */
function askingClauses(normalizedText: string, lexicon: Lexicon): string[] {
  const clauses = normalizedText.split(' ').filter(Boolean);
  if (clauses.length < 2) return [normalizedText];
  const asking = clauses.filter((clause) => clauseAsks(clause, lexicon));
  return asking.length > 0 ? asking : clauses.slice(-1);
}

/** Whether a clause asks: an ask marker, a question word, or a yes/no word at its end. */
function clauseAsks(clause: string, lexicon: Lexicon): boolean {
  const { ask, question } = lexicon.story;
  return Boolean(ask?.test(clause) || question?.test(clause) || lexicon.questionForms.endsAsking.test(clause));
}

/** The question as cut by the segmenter, and with synonyms applied (要带啥 → 要带什么). */
function textsOf(normalizedText: string, lexicon: Lexicon): [string, string] {
  const tokens = segment(normalizedText, lexicon);
  return [tokens.join(''), tokens.map((token) => lexicon.synonyms.get(token) ?? token).join('')];
}

/**
 * The section of an entry a question asks for (要带什么材料 → materials, 多少钱 → fee), or null for a
 * general question. Cues come from sections.yaml. A cue with a question word (多久, 要带什么, 收不收费)
 * asks; one without (材料, 收费, 当天) may only tell what was done (居住证交了材料多久能拿到), so an
 * asking cue wins over one that does not (居民医保每年啥时候交钱: 什么时候, not 交钱). Among those, a
 * question puts what it asks last, so the cue ending nearest the end of the text wins (个体户执照材料都齐了
 * 当天能拿到不); of cues ending at the same place the longest (收费标准 before 标准), then the section
 * listed first.
 * With `kind` only the sections that kind of entry has count (标准 is criteria in a policy
 * interpretation, nothing in a guide).
 *
 * Decision: "怎么申请X" / "如何办理X" ask for the entry as a whole, which its short answer covers, so
 * they are not cues; only explicit words (流程, 步骤, 手续怎么走) select the procedure section. Whom to turn to
 * with a problem (找谁, 去哪投诉: sections.yaml's wholeCues) and two aspects asked in two clauses ask for it too.
 *
 * Cues are also looked for in the text with synonyms applied, so 要带啥 finds the cue 要带什么 when
 * 啥 → 什么 is a synonym (positions there are compared as shares of that text's length).
 *
 * With `available` (the sections one entry actually has), cues for other sections are passed over,
 * so a question with two cues gets the section the entry can answer.
 */
export function detectSection(
  question: string,
  lexicon: Lexicon,
  kind?: EntryKind,
  available?: ReadonlySet<SectionName>,
): SectionName | null {
  const asked = askedPart(question, lexicon, kind, available);
  return asked.kind === 'section' ? asked.section : null;
}

/**
 * What a question asks of an entry: one section, or the whole entry. The whole is `asked` when the question says so
 * (a whole cue such as 找谁, two aspects asked in two clauses, a situation told before whether a thing can be done to
 * it): no section is looked for elsewhere. It is `unnamed` when the question names no aspect: the matched entry may
 * still show one (the one section stating a period, the section naming a term asked, what it lists).
 */
export type AskedPart = { kind: 'section'; section: SectionName } | { kind: 'whole'; reason: 'asked' | 'unnamed' };

const WHOLE_ASKED: AskedPart = { kind: 'whole', reason: 'asked' };
const UNNAMED: AskedPart = { kind: 'whole', reason: 'unnamed' };
const sectionPart = (section: SectionName): AskedPart => ({ kind: 'section', section });

/** A question with its dialect how words that ask (要等好久, 扣好多) read as the standard ones. */
function standardHow(question: string, forms: QuestionForms): string {
  return question.replace(forms.dialectHow, (word) => forms.standardHow.get(word) ?? word);
}

/** What the question asks of an entry (see detectSection, which keeps only a section). */
export function askedPart(question: string, lexicon: Lexicon, kind?: EntryKind, available?: ReadonlySet<SectionName>): AskedPart {
  const forms = lexicon.questionForms;
  // Words with a cue inside that ask nothing (前几天, 这几年: a few days ago, these few years) are read without, a dialect
  // how word that asks (要等好久, 补一本好多钱) as the standard one, and a question ended without punctuation (能取吗要带啥)
  // ends its clause.
  const normalizedText = standardHow(question.replace(forms.notAsking, ''), forms).replace(forms.unmarkedClauseEnd, '$& ');
  const texts = textsOf(normalizedText, lexicon);
  const allowed = (name: SectionName) => (!kind || SECTIONS_OF_KIND[kind].has(name)) && (!available || available.has(name));
  const ends = texts.map((text) => lexicon.sectionCueFinder.lastEnds(text));
  const cueEnds = (cut: readonly string[]) => (cut === texts ? ends : cut.map((text) => lexicon.sectionCueFinder.lastEnds(text)));
  // A question of one asking clause is its own clause: its texts are not cut and searched again.
  const asking = askingClauses(normalizedText, lexicon).flatMap((clause) =>
    cueEnds(clause === normalizedText ? texts : textsOf(clause, lexicon)),
  );
  const best = askedCue(texts, ends, asking, lexicon, allowed, available !== undefined);
  if (best?.part.kind === 'whole') return best.part;
  // A cue that does not ask, followed by whether a thing the citizen has can be refunded or reimbursed, or it can be
  // done some way (暖气不达标能退钱吗, 住院的费用医保能报吗): the cue tells the situation, the whole answer the rest.
  if (best && !best.asks && texts.some((text) => askedAfter(text, best.cue, lexicon))) return WHOLE_ASKED;
  // Two aspects asked in two clauses, each by a cue with a question word (在哪办 要多久, 分几级 各级有哪些措施): the
  // whole answer tells both. A cue without one (多久能拿到 材料放哪了) asks nothing beside an asking cue, nor does whether
  // one can (能报吗 要带哪些票据, 能延期吗 最多延几天): that leads to the aspect asked. Whether it can be done some way
  // (网上能办吗) is an aspect the whole answer tells: beside it a cue asks in any clause that asks (网址是啥).
  const clauses = normalizedText.split(' ').filter(Boolean);
  if (best && clauses.length > 1) {
    const byWay = (clause: string) => forms.canQuestion.test(clause) && forms.manner.test(clause);
    const wayAsked = clauses.some(byWay);
    const askedInClauses = new Set(
      clauses.map((clause) => {
        const cut = textsOf(clause, lexicon);
        const ends = cueEnds(cut);
        const telling = wayAsked && clauseAsks(clause, lexicon) ? ends : [];
        const part = askedCue(cut, ends, telling, lexicon, allowed, available !== undefined)?.part;
        if (part) return part.kind === 'section' ? part.section : part.kind;
        return byWay(clause) ? 'whole' : null;
      }),
    );
    askedInClauses.delete(null);
    if (askedInClauses.size > 1) return WHOLE_ASKED;
  }
  if (best?.part.kind === 'section') {
    const listed = best.part.section === 'content' ? aspectListed(texts, best.cue, lexicon, allowed) : null;
    return listed ? sectionPart(listed) : best.part;
  }
  // A charge named and asked about without a fee word: whether one pays it (还得交基本热费不) or how much
  // a rent is (房租大概多少), not within how many days (缴费通知多少天内交); 能退费不 names no paying.
  if (forms.chargeQuestion.test(texts[0])) {
    const charged = (['fee', 'criteria'] as const).find(allowed);
    if (charged) return sectionPart(charged);
  }
  // Which kind of applicant may do it (什么样的公司可以注销, 哪类家庭能申请, 哪样的小区可以改造): who qualifies, a guide's
  // conditions, a policy's scope.
  const qualifying = (['conditions', 'scope'] as const).find(allowed);
  if (texts.some((text) => forms.whichKindMay.test(text)) && qualifying) return sectionPart(qualifying);
  // Which of two places to go to (去街道还是去区里): where it is done.
  if (forms.placeChoice.test(normalizedText) && allowed('location')) return sectionPart('location');
  // Whether something can be done or had (外地人能申请吗, 户口能迁过来不), or is required (考试需要本地户口吗),
  // asks who qualifies when no cue names another section.
  if (!forms.canQuestion.test(normalizedText)) return UNNAMED;
  // Not when the clause asking whether one can names a way or a helper (手机上能办吗, 政府能管吗) or asks what is done
  // to a thing the citizen has (能报吗, 能换新的不): the whole answer tells those. One named in the story
  // (医保直接报了一部分 … 还能再报吗) says nothing of what the can clause asks.
  const canClauses = normalizedText.split(' ').filter((clause) => forms.canQuestion.test(clause));
  if (canClauses.some((clause) => forms.manner.test(clause) || forms.thingAsked.test(clause))) return UNNAMED;
  // Whether it can be done within a period the citizen names (三天能办好吗) asks how long it takes. A period or date in
  // another clause tells the situation (还有两个月到期 现在能换不, 九月才满三岁 今年能上不): who qualifies is asked.
  if (canClauses.some((clause) => forms.namedPeriod.test(clause)) && allowed('timeLimit')) return sectionPart('timeLimit');
  // Whether one can be covered (外地户口也能享受补贴吗) asks whom a policy applies to where it states no conditions.
  const covered = canClauses.some((clause) => forms.covered.test(clause));
  return qualifying === 'conditions' || (qualifying && covered) ? sectionPart(qualifying) : UNNAMED;
}

/** Whether the cue stands before a question whether a thing can be done to what the citizen has, or some way (不达标 能退钱吗). */
function askedAfter(text: string, cue: string, lexicon: Lexicon): boolean {
  const at = text.lastIndexOf(cue);
  const after = at < 0 ? '' : text.slice(at + cue.length);
  const forms = lexicon.questionForms;
  return forms.canQuestion.test(after) && (forms.thingAsked.test(after) || forms.manner.test(after));
}

/**
 * The cue that decides what a question asks (see detectSection) and its section, or the whole asked for a whole cue; null
 * when none is found that the entry can answer. `askingEnds` are the cue ends in each clause that asks: a cue
 * without a question word counts only there.
 */
function askedCue(
  texts: readonly string[],
  ends: readonly ReadonlyMap<number, number>[],
  askingEnds: readonly ReadonlyMap<number, number>[],
  lexicon: Lexicon,
  allowed: (name: SectionName) => boolean,
  fallingBack: boolean,
): { part: AskedPart; cue: string; asks: boolean } | null {
  const { sectionCues } = lexicon;
  // Cue number → where it last ends in each text; a cue in neither text ranks −1 and never wins, so only those found are tried.
  const found = [...new Set(ends.flatMap((cueEnds) => [...cueEnds.keys()]))].sort((a, b) => a - b);
  let best: { part: AskedPart; cue: string; asks: boolean } | null = null;
  let bestRank = -1;
  // Longest cue first: a shorter cue ending at the same place does not replace it.
  for (const number of found) {
    const { cue, sections, asks, whole } = sectionCues[number];
    const end = Math.max(
      ...texts.map((text, at) => {
        const cueEnd = ends[at].get(number);
        return cueEnd === undefined ? -1 : cueEnd / text.length;
      }),
    );
    // The end is a share of the text (0..1): an asking cue ranks above every cue that does not ask.
    const rank = end < 0 ? -1 : end + (asks ? 1 : 0);
    if (rank <= bestRank || (!asks && !askingEnds.some((clauseEnds) => clauseEnds.has(number)))) continue;
    // An entry without the section asked may tell it in another (where to apply: in its procedure).
    const section = whole
      ? undefined
      : (sections.find(allowed) ??
        (fallingBack ? sections.map((name) => lexicon.sectionFallbacks[name]).find((name) => name && allowed(name)) : undefined));
    if (whole || section) {
      best = { part: section ? sectionPart(section) : WHOLE_ASKED, cue, asks };
      bestRank = rank;
    }
  }
  return best;
}

/**
 * What one aspect lists (适用范围包括哪些, 申请材料都有哪些, 注意事项包括什么): the words asking what is included
 * (a content cue) ask for the section of the aspect named right before them, not for the entry's content.
 */
function aspectListed(
  texts: readonly string[],
  listingCue: string,
  lexicon: Lexicon,
  allowed: (name: SectionName) => boolean,
): SectionName | null {
  for (const text of texts) {
    const at = text.lastIndexOf(listingCue);
    if (at < 0) continue;
    const before = text.slice(0, at).replace(lexicon.questionForms.listingGlue, '');
    for (const { cue, sections } of lexicon.sectionCues) {
      const section = before.endsWith(cue) ? sections.find(allowed) : undefined;
      if (section && section !== 'content') return section;
    }
  }
  return null;
}

/**
 * For a question asking how long or by when (多少天内能申请复核, 陪产假放几天), how much or whether it is free (坐地铁免费吗)
 * about an entry without the section that answers it: the one section stating such a period or amount, where such
 * entries keep it (a review's deadline in its procedure or notes, a policy's days of leave in its benefits, its free
 * rides in its content). How long: a period within which to act (15个工作日内), else a length right after words the
 * question names (陪产假20天); another length (连续闲置6个月) may be another period than the one asked (how early to
 * renew); else the event before or after which it is done (在办理登记前缴纳, 在验收合格后提出). How much or whether free, of an entry with neither a fee nor a criteria section:
 * an amount of money (80元, 两千元) or none charged (免费). Null when none or several sections state it. Any kind of
 * entry: a policy interpretation has no timeLimit section, yet its notes may say within how many days to object.
 */
export function sectionStatingAsked(
  normalizedText: string,
  lexicon: Lexicon,
  sections: Partial<Record<SectionName, string>>,
): SectionName | null {
  const forms = lexicon.questionForms;
  const names = Object.keys(sections) as SectionName[];
  const stating = (form: RegExp) => names.filter((name) => form.test(sections[name] ?? ''));
  const onlyOne = (found: SectionName[]) => (found.length === 1 ? found[0] : null);
  const within = sections.timeLimit ? [] : stating(forms.periodWithin);
  const period = sections.timeLimit
    ? null
    : within.length > 0
      ? onlyOne(within)
      : (onlyOne(names.filter((name) => lengthOfNamed(sections[name] ?? '', normalizedText, forms.namedPeriods))) ??
        onlyOne(stating(forms.momentStated)));
  const amount = sections.fee || sections.criteria ? null : onlyOne(stating(forms.amountStated));
  // How much asked by an amount word alone (每个月能扣多少, 能补助多少): no charge is named, so not what one pays (a fee
  // asked says so: 多少钱, 交多少) but what is given or counted; the one other section stating a sum of money answers,
  // whichever sections the entry has (a policy's criteria may state only who qualifies).
  const bareAmount = forms.amountAsked.test(standardHow(normalizedText, forms))
    ? onlyOne(stating(forms.moneyStated).filter((name) => name !== 'fee'))
    : null;
  if (!period && !amount && !bareAmount) return null;
  // Read last, the costliest: what the question asks, detected again without the entry's kind and sections.
  const asked = detectSection(normalizedText, lexicon);
  return asked === 'timeLimit' ? period : asked === 'fee' || asked === 'criteria' ? amount : asked === null ? bareAmount : null;
}

/** Whether the text states a length right after two characters the question names (陪产假20天 for 陪产假放几天). */
function lengthOfNamed(text: string, question: string, lengths: RegExp): boolean {
  return [...text.matchAll(lengths)].some(({ index }) => index >= 2 && question.includes(text.slice(index - 2, index)));
}

/**
 * For a question asking what things an entry covers, with no cue (都管什么事, 能反映什么, 分为哪些类型): its
 * content section, where it lists them. What a thing is (是什么) or why (为什么) asks for the whole entry.
 * Only for a matched entry: alone, such a question names no aspect (a follow-up 还有什么 is not about the last answer's content).
 */
export function sectionListing(
  normalizedText: string,
  lexicon: Lexicon,
  sections: Partial<Record<SectionName, string>>,
): SectionName | null {
  return sections.content && lexicon.questionForms.whatThings.test(textsOf(normalizedText, lexicon)[1]) ? 'content' : null;
}
