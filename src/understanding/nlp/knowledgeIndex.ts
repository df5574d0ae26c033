import { deserialize, serialize } from 'node:v8';
import type { EntryKind, EntryStatus, SectionName } from '../../../entities/knowledgeEntryFile';
import type { KnownWords } from './knownWords';
import { asksOnly, withoutVariants, type Lexicon } from './lexicon';
import { normalize, simplify } from './normalize';
import { CodeUnitTrie } from './codeUnitTrie';
import { PhraseFinder } from './phraseFinder';
import { holds, someInAll } from './postings';
import { mentionsAny } from './story';
import { analyzeNormalized, canonicalTerm, characterBigrams, cutIntoCharacters, segment, subTerms, type QueryVocabulary } from './segment';
import { buildTypoModel, readAhead, typoModelOf, type TypoLinks, type TypoModel, type TypoSounds } from './typos';
import { WordTrie } from './wordTrie';

/** What matching needs of a knowledge entry; an entry file entry is one. */
export interface MatchableEntry {
  key: string;
  kind: EntryKind;
  title: string;
  questions: readonly string[];
  keywords?: readonly string[];
  answer: string;
  sections?: Partial<Record<SectionName, string>>;
  status: EntryStatus;
  validFrom?: string;
  validUntil?: string;
}

export interface ScoredCandidate {
  entry: string;
  score: number;
}

/*
 * How strongly an entry matches one question term, 0..1, by where the term is found (the strongest
 * place counts). The head fields — title, sample questions, keywords — say what an entry is about;
 * the answer and section texts only mention things.
 */
/** In a head field as a word. */
const HEAD_STRENGTH = 1;
/** In a head field as part of a compound word (外地 in 外地人). */
const SUB_TERM_STRENGTH = 0.8;
/** In a head field as characters only (改造 in 棚户区改造): all its character pairs found. */
const BIGRAM_STRENGTH = 0.6;
/**
 * A question's compound word (社保卡挂失, 户口迁移) found by its parts in a head field (社会保障卡 … 挂失):
 * this much times the squared share of the compound's characters the parts found cover.
 */
const PART_STRENGTH = 0.6;
/** In the answer text; in a section text (both: 1 − (1 − a)(1 − s)). */
const ANSWER_STRENGTH = 0.45;
const SECTION_TEXT_STRENGTH = 0.3;
/** An entry having the section a cue word asks for (材料 → materials). */
const ASPECT_SECTION_STRENGTH = 0.7;
/**
 * Document frequency counts the entries ABOUT a term (in a head field) fully and those merely
 * mentioning it (12345热线 in every contact section) this much, so that a topic stays rare even
 * when many answers refer to it.
 */
const MENTION_FREQUENCY = 0.2;
/**
 * In a large catalogue, words in more than this share of entries (申请, 政府) tell entries apart no
 * better than chance, and every question containing them would scan most of the index: they are not
 * indexed as mentions in answers and sections, and not counted in entryCoverage (neither covered
 * nor to cover). A small knowledge base keeps them all (see isCommon).
 */
const COMMON_SHARE = 0.3;
const COMMON_MIN_ENTRIES = 200;

function isCommon(entries: number, total: number): boolean {
  return entries > COMMON_MIN_ENTRIES && entries > COMMON_SHARE * total;
}
/**
 * score = (questionCoverage³ × entryCoverage²)^(1/5), i.e. exponents 3/5 and 2/5 (see rank); the
 * integer powers keep the loop over all candidates free of Math.pow.
 */
const SCORE_ROOT = 5;
/**
 * A word in no head field weighs like the rarest word: in a short question it is likely the point
 * (公积金能炒股吗). In a long question it is more likely context (我老家是河南的…), so beyond this many
 * terms such words share one budget.
 */
const LONG_QUESTION_TERMS = 5;
/** A term an entry's answer or sections mention counts this much in coverage(). */
const MENTION_COVERAGE = 0.5;
/**
 * entryCoverage is a covered share of a unit's IDF sum, at most 1 but for the rounding of its
 * single-precision sum (a few parts in a million): this bounds it with room to spare.
 */
const MAX_ENTRY_COVERAGE = 1.0001;
/**
 * A question term names a detail only a section tells (sectionMentioning) when it weighs at least this
 * share of the rarest term's weight: words of everyday government business (答复, 期限) do not.
 */
const DETAIL_WEIGHT_SHARE = 0.75;
/**
 * A one-word question that is one of an entry's keywords whole (助学金 of 学生资助) covers the entry this much:
 * enough to answer it alone, less than an entry whose title or sample question is the word, which stays first.
 */
const KEYWORD_COVERAGE = 0.9;
/**
 * A longer question naming one of an entry's keywords whole, and nothing of its title or sample questions (出入境 of
 * a passport entry titled 普通护照首次申请), covers the entry this much: a base written elsewhere names many of an
 * entry's things only as keywords, and without it the entry could not be found at all. Below any share of a title.
 * Only keywords that are words: beside other words a number is more often a value (120算啥级别) than the number an
 * entry is about.
 */
const KEYWORD_ONLY_COVERAGE = 0.5;
const HAN = /\p{Script=Han}/u;
/** A keyword's covered share counts as whole from here (the IDF sum is single precision). */
const WHOLE_SHARE = 0.9999;
/** Candidates below this score are never worth showing, even in logs. */
const MIN_CANDIDATE_SCORE = 0.05;
/**
 * A question term of one character that a candidate's names hold inside a word (路 of 城市道路, 梯 of 加装电梯) counts
 * this much: the segmenter cuts a short form it does not know (挖路, 加梯) into characters, which head words only hold.
 * Names are the title, defined words and keywords, not the sample questions, whose everyday words (多久, 几个月, 买房)
 * hold characters a question uses otherwise. Only for candidates (another term found them), as answer mentions are.
 */
const CHARACTER_STRENGTH = 0.5;
/**
 * A one-character term's entries (characterPostings) are walked, rather than searched for each candidate, up to this
 * many per candidate: at 10,000 entries, searching 514 candidates in 房's 2,752 took about five times the walk.
 */
const HOLDERS_WALKED_PER_CANDIDATE = 16;

interface AnalyzedEntry {
  readonly source: MatchableEntry;
  /** Terms of the title, sample questions and keywords. */
  readonly headTerms: readonly string[];
  /** The words inside the compound head terms (subTerms). */
  readonly subTerms: readonly string[];
  /** The title and each sample question as term lists: what the entry is about, phrased whole. */
  readonly units: readonly (readonly string[])[];
  /** The terms of its keywords that are one word (助学金 of 学生资助), which a question naming one word alone reads (see entryCoverage). */
  readonly keywordTerms: readonly string[];
  /** Simplified answer and section texts, scanned for vocabulary words (see VocabularyTrie). */
  readonly answerText: string;
  readonly sectionText: string;
  /** The standard actions its head fields name (提取, 补办…: lexicon.actionOf), for structure.ts. */
  readonly actions: readonly string[];
  /** Head terms it names only as what the asker lacks (上户口 of 新生儿没上户口能先参保吗: lackedTerms). */
  readonly lackedOnly: readonly string[];
  /** Its head texts as cut at analysis (markCuts), one a line: what typo correction asks of a few entries (writesWhole). */
  readonly headCuts: string;
}

/**
 * An entry analysed anew, with the character pairs of its head texts: the index keeps them only in its postings
 * (bigramPostings; a list per entry took 9 of the index's 50 MB of heap at 10,000 entries).
 */
interface FreshAnalysis {
  readonly analyzed: AnalyzedEntry;
  readonly headBigrams: string[];
}

/** The matchable content of an entry: a rebuild reuses the analysis of entries whose content is unchanged. */
export function fingerprintOf(entry: MatchableEntry): string {
  return JSON.stringify([entry.title, entry.questions, entry.keywords ?? [], entry.answer, entry.sections ?? {}]);
}

/** A head text's terms and character pairs, the terms of the words it says the asker lacks (lackedTerms), and its cuts (markCuts). */
interface HeadTextAnalysis {
  readonly terms: readonly string[];
  readonly bigrams: readonly string[];
  readonly lacked: readonly string[];
  readonly cuts: string;
}

/** Per-build memo: keywords and sample phrasings recur across entries (keyed as written, so that they are not normalized again). */
interface AnalysisCache {
  readonly headTexts: Map<string, HeadTextAnalysis>;
  readonly subTerms: Map<string, string[]>;
  /** One string per term: each cut makes its own, and entries keep their terms as long as the index. */
  readonly terms: Map<string, string>;
}

/** The cache's one string for `term`. */
function shared(term: string, cache: AnalysisCache): string {
  let kept = cache.terms.get(term);
  if (kept === undefined) cache.terms.set(term, (kept = term));
  return kept;
}

/** A definition in a terms section: the defined word at the start of a sentence, before its colon (单人户施保：…). */
const DEFINITION = /(?:^|[。；;\n])\s*([^。；;\n：:，,]{2,12})[：:]/g;

/**
 * The words an entry's terms section defines: the entry explains them, so a question naming one
 * (啥叫产权调换) is about the entry as much as one naming its title.
 */
export function definedTerms(entry: MatchableEntry): string[] {
  return [...(entry.sections?.terms ?? '').matchAll(DEFINITION)].map((match) => match[1].trim());
}

/** A keyword short enough to be a name (教资, 摇号, 禁养犬), not a phrase. */
const NAME_KEYWORD = /^\p{Script=Han}{2,4}$/u;

/**
 * An index's names: its entries' short keywords that the segmenter cuts into single characters (教资 →
 * 教 资). A city names its services with words the lexicon, written for other entries, may not know, and
 * cut into characters, in the keyword and in a question alike, neither meets the other as a word. Only
 * keywords: there an editor gives an entry's names one by one, while titles and sample questions are
 * phrases, and what the segmenter cuts into words (厨余 垃圾) is left as it is. Not of archived entries, which
 * never answer: a base replaced (kb import --replace archives what it lacks) names nothing any more. Sorted, each once.
 */
export function namesOf(entries: readonly MatchableEntry[], lexicon: Lexicon): string[] {
  const names = new Set<string>();
  // Keywords recur across entries: each is looked at once.
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.status === 'archived') continue;
    for (const keyword of entry.keywords ?? []) {
      if (seen.has(keyword)) continue;
      seen.add(keyword);
      const normalized = normalize(keyword);
      if (NAME_KEYWORD.test(normalized) && cutIntoCharacters(normalized, lexicon)) names.add(normalized);
    }
  }
  return [...names].sort();
}

/**
 * The lexicon's variants that a base names as a thing of its own (ownVariantsOf) are read as themselves in its index,
 * in its entries and in the questions put to it alike: the lexicon, written for another base, maps a word (夜间施工 →
 * 噪声扰民, 工伤鉴定 → 工伤认定) that this base gives one entry as its name while another entry names the canonical
 * term, and rewritten, the first entry's name would make it the other's sibling. Only a whole keyword is such a name
 * (see namesOf); a shortening of its canonical term (公积金 of 住房公积金, 低保 of 最低生活保障) names the same thing,
 * and an action, a way of asking or a stop word is the lexicon's own business. Sorted, each once.
 */
export function ownVariantsOf(entries: readonly MatchableEntry[], lexicon: Lexicon): string[] {
  const live = entries.filter((entry) => entry.status !== 'archived');
  const canonicalOf = new Map<string, string>();
  // Keywords recur across entries: each is looked at once.
  const seen = new Set<string>();
  for (const entry of live) {
    for (const keyword of entry.keywords ?? []) {
      if (seen.has(keyword)) continue;
      seen.add(keyword);
      const variant = normalize(keyword);
      const canonical = lexicon.synonyms.get(variant);
      if (canonical === undefined || variant.length < 2 || shortens(variant, canonical)) continue;
      if (lexicon.actionOf.has(canonical) || lexicon.aspectTerms.has(canonical) || lexicon.stopWords.has(canonical)) continue;
      canonicalOf.set(variant, canonical);
    }
  }
  if (canonicalOf.size === 0) return [];
  // Head texts as written (normalizing every one would cost a large base a quarter of a second): a base names its
  // services in the simplified characters the lexicon is written in.
  const heads = live.map((entry) => [entry.title, ...entry.questions, ...(entry.keywords ?? [])].join(CUT));
  // Own only where another entry names the canonical term without the variant: there the two are told apart.
  return [...canonicalOf]
    .filter(([variant, canonical]) => heads.some((text) => text.includes(canonical) && !text.includes(variant)))
    .map(([variant]) => variant)
    .sort();
}

/** Whether a word is written with some of another's characters in their order (低保 of 最低生活保障). */
function shortens(word: string, longer: string): boolean {
  let matched = 0;
  for (const char of longer) if (char === word[matched]) matched++;
  return matched === word.length;
}

/** How an entry's head texts and a question are read for what the asker lacks (see lackedTerms). */
export interface LackedReading {
  /** The words after which words are lacked. */
  readonly after: ReadonlySet<string>;
  /** How many words after one. */
  readonly words: number;
}

/**
 * The terms of the words a text says the asker lacks: those after one of `reading.after` (没上户口, 没有本地户口),
 * up to `reading.words` of them and to the first word without a term, analysed as `analyze` analyses a text.
 * An entry's head texts are read narrowly (one word, after lexicon.story.lacking), a question broadly (two words,
 * after lexicon.story.negating: 没正式工作, 拖着不解决), so that only what an entry surely names as lacked, and a
 * question surely asks for, tell them apart.
 */
export function lackedTerms(tokens: readonly string[], reading: LackedReading, analyze: (text: string) => string[]): string[] {
  const { after: lacking, words } = reading;
  const lacked: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!lacking.has(tokens[i])) continue;
    for (let next = i + 1; next < tokens.length && next <= i + words; next++) {
      const terms = analyze(tokens[next]);
      if (terms.length === 0) break;
      lacked.push(...terms);
    }
  }
  return lacked;
}

/** The head texts of an entry: its title, sample questions, defined words and keywords. */
function headTextsOf(entry: MatchableEntry, defined = definedTerms(entry)): string[] {
  return [entry.title, ...entry.questions, ...defined, ...(entry.keywords ?? [])];
}

const NONE: readonly string[] = [];

/**
 * A list an entry's analysis keeps as long as the index: copied to its length (flatMap and filter grow their
 * result as push does, up to half of it unused), or one shared empty list (most entries lack no term).
 */
function kept(list: readonly string[]): readonly string[] {
  return list.length === 0 ? NONE : list.slice();
}

/**
 * Only the head fields are segmented (segmentation is most of the cost of building an index), with the
 * index's names kept whole; the answer and section texts are kept normalized and scanned for the index's vocabulary.
 */
function analyzeEntry(entry: MatchableEntry, lexicon: Lexicon, names: WordTrie, cache: AnalysisCache): FreshAnalysis {
  const defined = definedTerms(entry);
  const perText = headTextsOf(entry, defined).map((text) => {
    let analysis = cache.headTexts.get(text);
    if (!analysis) {
      const normalized = normalize(text);
      const terms = analyzeNormalized(normalized, lexicon, undefined, names).map((term) => shared(term, cache));
      // Most head texts say nothing is lacking: they are not segmented a second time.
      const lacked = mentionsAny(normalized, lexicon.story.lacking)
        ? lackedTerms(segment(normalized, lexicon, names), { after: lexicon.story.lacking, words: 1 }, (token) =>
            analyzeNormalized(token, lexicon, undefined, names).map((term) => shared(term, cache)),
          )
        : [];
      // The cut analyzeNormalized just made, from the lexicon's recent cuts.
      const cuts = markCuts(normalized, segment(normalized, lexicon, names));
      cache.headTexts.set(text, (analysis = { terms, bigrams: characterBigrams(normalized), lacked, cuts }));
    }
    return analysis;
  });
  // A defined word names the entry by its one word of two or more characters (单人户 of 单人户 施 保: a lone 保 names
  // nothing); a defined phrase of several words (收到申请之日) is everyday wording, not a name.
  for (let i = 1 + entry.questions.length; i < 1 + entry.questions.length + defined.length; i++) {
    const words = perText[i].terms.filter((term) => term.length >= 2);
    perText[i] = { ...perText[i], terms: words.length === 1 ? words : [] };
  }
  const headTerms = perText.flatMap(({ terms }) => terms);
  // A term some head text names without saying it is lacked, alone or inside a longer term (答复 of 答复期限), is what the entry is about.
  const named = perText.flatMap(({ terms, lacked }) => terms.filter((term) => !lacked.includes(term)));
  const analyzed: AnalyzedEntry = {
    source: entry,
    headTerms: kept(headTerms),
    subTerms: kept(
      headTerms.flatMap((term) => {
        let parts = cache.subTerms.get(term);
        if (!parts) cache.subTerms.set(term, (parts = subTerms(term, lexicon).map((part) => shared(part, cache))));
        return parts;
      }),
    ),
    units: perText.slice(0, 1 + entry.questions.length + defined.length).map(({ terms }) => [...new Set(terms)]),
    keywordTerms: kept(
      perText
        .slice(1 + entry.questions.length + defined.length)
        .flatMap(({ terms }) => (terms.length === 1 && terms[0].length >= 2 ? terms : [])),
    ),
    answerText: simplify(entry.answer),
    sectionText: simplify(Object.values(entry.sections ?? {}).join('\n')),
    actions: kept([...new Set(headTerms.flatMap((term) => lexicon.actionOf.get(term) ?? []))]),
    lackedOnly: kept([...new Set(perText.flatMap(({ lacked }) => lacked))].filter((term) => !named.some((other) => other.includes(term)))),
    headCuts: perText.map(({ cuts }) => cuts).join('\n'),
  };
  return { analyzed, headBigrams: [...new Set(perText.flatMap(({ bigrams }) => bigrams))] };
}

/**
 * The index's vocabulary — head terms and lexicon words of two or more characters, each standing
 * for its canonical term — for finding every word an answer or section text contains, wherever it
 * starts. Matching by substring is coarser than segmenting, which suits evidence this weak, and
 * far cheaper.
 */
class VocabularyTrie {
  /** The terms words stand for, numbered as first added. */
  readonly terms: string[] = [];
  private readonly numberOf = new Map<string, number>();
  private readonly trie = new CodeUnitTrie();
  /** Per node: the number of the term of the word ending there, or −1. */
  private termAt: number[] = [];
  /** Per term number: the last text it was found in (see termsIn). */
  private seenIn = new Int32Array(0);
  private texts = 0;

  add(word: string, term: string): void {
    if (word.length < 2) return;
    const node = this.trie.insert(word);
    while (this.termAt.length < this.trie.size) this.termAt.push(-1);
    if (this.termAt[node] !== -1) return;
    let number = this.numberOf.get(term);
    if (number === undefined) {
      this.numberOf.set(term, (number = this.terms.length));
      this.terms.push(term);
    }
    this.termAt[node] = number;
  }

  /** The numbers of the terms whose words `text` contains, each once, in the order first found. */
  termsIn(text: string): number[] {
    if (this.seenIn.length < this.terms.length) this.seenIn = new Int32Array(this.terms.length);
    const textNumber = ++this.texts;
    const found: number[] = [];
    this.trie.forEachIn(text, this.termAt, (term) => {
      if (this.seenIn[term] === textNumber) return;
      this.seenIn[term] = textNumber;
      found.push(term);
    });
    return found;
  }
}

interface Posting {
  readonly entries: Int32Array;
  readonly strengths: Float32Array;
}

function idf(documentFrequency: number, total: number): number {
  return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** One question term during ranking. */
interface QueryTerm {
  readonly id: number | undefined;
  readonly weight: number;
  /** Section masks of the sections the term asks for, if it is a section cue (材料 → materials). */
  readonly sectionMasks: readonly Uint8Array[];
  /** Its strength per entry (scratch, reset after each question)... */
  readonly strengths: Float32Array;
  /** ...set for the entries of KnowledgeIndex.found from headFound (head fields) and from lateFound (answers, sections) on. */
  headFound: number;
  headEnd: number;
  lateFound: number;
  lateEnd: number;
}

/** Strength of a term found in both the answer and a section text. */
const ANSWER_AND_SECTION_STRENGTH = 1 - (1 - ANSWER_STRENGTH) * (1 - SECTION_TEXT_STRENGTH);

/**
 * Every knowledge entry, whatever its status, indexed for matching. Immutable: when entries change,
 * build a new index with the old one as `previous` (only changed entries are analysed again) and swap.
 * Ranking uses scratch arrays, so one index serves one question at a time (matching is synchronous).
 */
export class KnowledgeIndex implements QueryVocabulary {
  readonly typoModel: TypoModel;
  readonly knownWords: KnownWords;
  /** The index's names (namesOf), which cut its entries and the questions put to it. */
  readonly names: WordTrie;
  private readonly entries: readonly AnalyzedEntry[];
  private readonly positionOfKey: ReadonlyMap<string, number>;
  private readonly termIds = new Map<string, number>();
  private readonly termStrings: string[] = [];
  private readonly termIdf: Float64Array;
  /** Per term id: the entries having it in a head field, and how strongly. */
  private readonly headPostings: Posting[];
  private readonly bigramPostings = new Map<string, Int32Array>();
  /** Per Han character (its code unit): the entries whose names hold it, ascending (see CHARACTER_STRENGTH). */
  private readonly characterPostings: ReadonlyMap<number, Int32Array>;
  /** Per term id: the entries whose answer or sections mention it, and how strongly. */
  private readonly bodyPostings: Posting[];
  /** Per part term id: the compound unit terms containing it, and its share of their characters. */
  private readonly compoundsOfPart = new Map<number, { compound: number; share: number }[]>();
  /**
   * Per unit (numbered across entries, an entry's consecutively from firstUnit[entry] to firstUnit[entry + 1]):
   * its distinct telling terms, from unitTermStart[unit] to unitTermStart[unit + 1] in unitTerms, and the IDF sum
   * of them. An entry's units are its phrased ones (title, sample questions, defined words), then from
   * firstKeywordUnit[entry] its one-word keywords (AnalyzedEntry.keywordTerms) as units of one term, those that are
   * words before, from firstNumberUnit[entry], those that are not (numbers: see KEYWORD_ONLY_COVERAGE).
   */
  private readonly firstUnit: Int32Array;
  private readonly firstKeywordUnit: Int32Array;
  private readonly firstNumberUnit: Int32Array;
  private readonly unitTermStart: Int32Array;
  private readonly unitTerms: Int32Array;
  private readonly unitWeight: Float64Array;
  /** Section → 1 for each entry having it. */
  private readonly hasSection = new Map<SectionName, Uint8Array>();
  // Scratch space for the current question.
  private readonly accumulated: Float64Array;
  private readonly topical: Uint8Array;
  private readonly candidate: Uint8Array;
  /** The entries a question's head terms touched, then (in place) its candidates. */
  private readonly touched: Int32Array;
  /** The entries whose strength a question term set (see QueryTerm); grows to the largest question's. */
  private found = new Int32Array(0);
  private foundCount = 0;
  private readonly bigramHits: Int32Array;
  /** Per term id: its place (from 1) among the unit terms a question covers, else 0, and how fully it is covered. */
  private readonly coverOrder: Int32Array;
  private readonly coverFraction: Float64Array;
  /** A unit's covered terms, in the order the question covers them (see entryCoverage). */
  private readonly unitHits: Int32Array;
  private readonly strengthScratch: Float32Array[] = [];
  /** Per compound term: its parts the index knows, with their share of its characters (memo; only known words are compounds). */
  private readonly partsMemo = new Map<string, { id: number; share: number }[]>();
  private readonly partShare: Float32Array;

  private constructor(
    readonly lexicon: Lexicon,
    analyzed: readonly AnalyzedEntry[],
    /** Per entry, the character pairs of its head texts (see FreshAnalysis). */
    headBigrams: readonly (readonly string[])[],
    /** The names as a list, which a snapshot keeps. */
    private readonly nameList: readonly string[],
    /** The variants read as themselves (ownVariantsOf): `lexicon` is the one given without them, which a snapshot does not keep. */
    private readonly ownVariants: readonly string[],
  ) {
    this.entries = analyzed;
    this.names = new WordTrie(nameList);
    const total = analyzed.length;
    this.positionOfKey = new Map(analyzed.map((entry, index) => [entry.source.key, index]));
    const idOf = (term: string) => {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.termStrings.length;
        this.termIds.set(term, id);
        this.termStrings.push(term);
      }
      return id;
    };

    // Head fields: postings, document frequencies, character pairs.
    const headLists: { entries: number[]; strengths: number[] }[] = [];
    const documentFrequency: number[] = [];
    const bigramEntries = new Map<string, number[]>();
    const headIdsOf: Int32Array[] = [];
    analyzed.forEach((entry, index) => {
      const strengths = new Map<number, number>();
      for (const term of entry.subTerms) strengths.set(idOf(term), SUB_TERM_STRENGTH);
      for (const term of entry.headTerms) strengths.set(idOf(term), HEAD_STRENGTH);
      headIdsOf.push(Int32Array.from(strengths.keys()));
      for (const [id, strength] of strengths) {
        headLists[id] ??= { entries: [], strengths: [] };
        headLists[id].entries.push(index);
        headLists[id].strengths.push(strength);
        documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
      }
      for (const bigram of headBigrams[index]) {
        const list = bigramEntries.get(bigram);
        if (list) list.push(index);
        else bigramEntries.set(bigram, [index]);
      }
    });

    // Answers and sections: mentions of vocabulary words.
    const vocabulary = new VocabularyTrie();
    for (const term of [...this.termStrings]) vocabulary.add(term, term);
    for (const word of lexicon.words) {
      const term = canonicalTerm(word, lexicon);
      if (term !== null) vocabulary.add(word, term);
    }
    // Term ids by vocabulary number, given as first found (sections before answers, entry by entry).
    const idOfNumber: number[] = vocabulary.terms.map(() => -1);
    const idOfFound = (number: number) =>
      idOfNumber[number] !== -1 ? idOfNumber[number] : (idOfNumber[number] = idOf(vocabulary.terms[number]));
    // Per term id, the last entry (numbered from 1) having it in a head field, in sections, in its answer.
    const ids = this.termStrings.length + vocabulary.terms.length;
    const [inHead, inSections, inAnswer] = [new Int32Array(ids), new Int32Array(ids), new Int32Array(ids)];
    const bodyLists: { entries: number[]; strengths: number[] }[] = [];
    analyzed.forEach((entry, index) => {
      const stamp = index + 1;
      const post = (id: number, strength: number) => {
        bodyLists[id] ??= { entries: [], strengths: [] };
        bodyLists[id].entries.push(index);
        bodyLists[id].strengths.push(strength);
        if (inHead[id] !== stamp) documentFrequency[id] = (documentFrequency[id] ?? 0) + MENTION_FREQUENCY;
      };
      for (const id of headIdsOf[index]) inHead[id] = stamp;
      const sectionIds = vocabulary.termsIn(entry.sectionText).map(idOfFound);
      for (const id of sectionIds) inSections[id] = stamp;
      for (const id of vocabulary.termsIn(entry.answerText).map(idOfFound)) {
        inAnswer[id] = stamp;
        post(id, inSections[id] === stamp ? ANSWER_AND_SECTION_STRENGTH : ANSWER_STRENGTH);
      }
      for (const id of sectionIds) if (inAnswer[id] !== stamp) post(id, SECTION_TEXT_STRENGTH);
    });

    const terms = this.termStrings.length;
    const toPosting = (list: { entries: number[]; strengths: number[] } | undefined): Posting => ({
      entries: Int32Array.from(list?.entries ?? []),
      strengths: Float32Array.from(list?.strengths ?? []),
    });
    this.headPostings = Array.from({ length: terms }, (_, id) => toPosting(headLists[id]));
    this.bodyPostings = Array.from({ length: terms }, (_, id) =>
      toPosting(isCommon(bodyLists[id]?.entries.length ?? 0, total) ? undefined : bodyLists[id]),
    );
    for (const [bigram, list] of bigramEntries) this.bigramPostings.set(bigram, Int32Array.from(list));
    this.characterPostings = characterPostingsOf(analyzed);
    this.termIdf = Float64Array.from({ length: terms }, (_, id) => idf(documentFrequency[id] ?? 0, total));

    // Units (title, sample questions, defined words) and one-word keywords for entryCoverage, compound words' parts, sections present.
    const firstUnit: number[] = [];
    const firstKeywordUnit: number[] = [];
    const firstNumberUnit: number[] = [];
    const unitTermStart = [0];
    const unitTerms: number[] = [];
    const unitWeight: number[] = [];
    let mostUnitTerms = 0;
    const compoundsSeen = new Set<number>();
    const addUnit = (telling: number[]) => {
      unitTerms.push(...telling);
      unitTermStart.push(unitTerms.length);
      mostUnitTerms = Math.max(mostUnitTerms, telling.length);
      unitWeight.push(telling.reduce((sum, id) => sum + this.termIdf[id], 0));
    };
    analyzed.forEach((entry, index) => {
      firstUnit.push(unitWeight.length);
      for (const unit of entry.units) {
        const ids = unit.map(idOf);
        for (const [i, compound] of ids.entries()) {
          if (compoundsSeen.has(compound)) continue;
          compoundsSeen.add(compound);
          for (const part of new Set(subTerms(unit[i], lexicon))) {
            const partId = this.termIds.get(part);
            if (partId === undefined) continue;
            const compounds = this.compoundsOfPart.get(partId) ?? [];
            compounds.push({ compound, share: part.length / unit[i].length });
            this.compoundsOfPart.set(partId, compounds);
          }
        }
        addUnit(ids.filter((id) => !isCommon(this.headPostings[id].entries.length, total)));
      }
      const keywords = entry.keywordTerms.map(idOf).filter((id) => !isCommon(this.headPostings[id].entries.length, total));
      firstKeywordUnit.push(unitWeight.length);
      for (const id of keywords) if (HAN.test(this.termStrings[id])) addUnit([id]);
      firstNumberUnit.push(unitWeight.length);
      for (const id of keywords) if (!HAN.test(this.termStrings[id])) addUnit([id]);
      for (const name of Object.keys(entry.source.sections ?? {}) as SectionName[]) {
        let mask = this.hasSection.get(name);
        if (!mask) this.hasSection.set(name, (mask = new Uint8Array(total)));
        mask[index] = 1;
      }
    });
    firstUnit.push(unitWeight.length);
    this.firstUnit = Int32Array.from(firstUnit);
    this.firstKeywordUnit = Int32Array.from(firstKeywordUnit);
    this.firstNumberUnit = Int32Array.from(firstNumberUnit);
    this.unitTermStart = Int32Array.from(unitTermStart);
    this.unitTerms = Int32Array.from(unitTerms);
    this.unitWeight = Float64Array.from(unitWeight);
    this.accumulated = new Float64Array(total);
    this.topical = new Uint8Array(total);
    this.candidate = new Uint8Array(total);
    this.touched = new Int32Array(total);
    this.bigramHits = new Int32Array(total);
    this.partShare = new Float32Array(total);
    this.coverOrder = new Int32Array(terms);
    this.coverFraction = new Float64Array(terms);
    this.unitHits = new Int32Array(mostUnitTerms);

    this.knownWords = this.knownWordsOf();
    const targets = typoTargetsOf(lexicon);
    for (const entry of analyzed) for (const term of entry.headTerms) targets.add(term);
    const { known, cooccurs, canonicalOf, stated } = this.typoLinks();
    this.typoModel = buildTypoModel(targets, known, cooccurs, canonicalOf, stated);
  }

  /** What the index knows of words (for splitting unknown ones): its terms, and the lexicon's words and stop words. */
  private knownWordsOf(): KnownWords {
    const { lexicon } = this;
    return {
      isKnown: (word) => this.termIds.has(word) || lexicon.words.has(word) || lexicon.stopWords.has(word),
      isStopWord: (word) => canonicalTerm(word, lexicon) === null,
      isLexiconWord: (word) => lexicon.words.has(word),
      longestWord: this.termStrings.reduce((longest, term) => Math.max(longest, term.length), lexicon.longestWord),
    };
  }

  /** What the typo model asks of the index and the lexicon, besides its tables of sounds. */
  private typoLinks(): TypoLinks {
    const { lexicon } = this;
    return {
      known: this.knownWords,
      cooccurs: (word, context) => {
        const entries = this.headEntries(word);
        return context.some((token) => {
          const term = canonicalTerm(token, lexicon);
          return term !== null && term !== word && someInAll([entries, this.headEntries(term)], () => true);
        });
      },
      canonicalOf: (word) => lexicon.synonyms.get(word) ?? word,
      // The entries with every character pair of the text in their head texts, asked whether one writes it from cut to
      // cut: what the segmenter cuts apart (报 装) is still the base's word; part of a longer one (然气 of 天然气) is not.
      stated: (text) => {
        const lists = characterBigrams(text).map((bigram) => this.bigramPostings.get(bigram) ?? new Int32Array(0));
        if (lists.length === 0) return false;
        return someInAll(lists, (entry) => writesWhole(this.entries[entry].headCuts, text));
      },
    };
  }

  /**
   * The index as bytes (V8's serialization): all it worked out from its entries and lexicon, without
   * the entries, the lexicon and the functions, which restore() links again.
   */
  snapshot(): Buffer {
    const { lexicon: _lexicon, knownWords: _knownWords, names: _names, typoModel, entries, ...worked } = this;
    const data: IndexData = {
      ...worked,
      analyzed: entries.map(({ source: _source, ...analysis }) => analysis),
      sounds: { bySound: typoModel.bySound, byFuzzySound: typoModel.byFuzzySound },
    };
    return serialize(data);
  }

  /** The index a snapshot was taken of, over the same entries (in the same order) and lexicon. */
  static restore(snapshot: Buffer, entries: readonly MatchableEntry[], lexicon: Lexicon): KnowledgeIndex {
    const { analyzed, sounds, ...worked } = deserialize(snapshot) as IndexData;
    if (analyzed.length !== entries.length) throw new Error(`knowledge index snapshot: ${analyzed.length} entries, not ${entries.length}`);
    const index = Object.create(KnowledgeIndex.prototype) as KnowledgeIndex;
    const own = worked.ownVariants as readonly string[];
    Object.assign(index, worked, {
      lexicon: own.length > 0 ? withoutVariants(lexicon, own) : lexicon,
      entries: analyzed.map((analysis, i) => ({ ...analysis, source: entries[i] })),
    });
    Object.assign(index, { knownWords: index.knownWordsOf(), names: new WordTrie(index.nameList) });
    Object.assign(index, { typoModel: typoModelOf(sounds, index.typoLinks()) });
    // The readings of the lexicon's words and characters, for typos in questions, as a build reads them.
    typoTargetsOf(lexicon);
    return index;
  }

  /** See buildKnowledgeIndex. */
  static build(entries: readonly MatchableEntry[], given: Lexicon, previous?: KnowledgeIndex): KnowledgeIndex {
    const keys = new Set<string>();
    for (const entry of entries) {
      if (keys.has(entry.key)) throw new Error(`knowledge index: duplicate entry key "${entry.key}"`);
      keys.add(entry.key);
    }
    const ownVariants = ownVariantsOf(entries, given);
    const lexicon = ownVariants.length > 0 ? withoutVariants(given, ownVariants) : given;
    const nameList = namesOf(entries, lexicon);
    const names = new WordTrie(nameList);
    // An earlier analysis holds where the lexicon was made from the same data and read the same variants as themselves.
    const sameLexicon =
      previous !== undefined && previous.lexicon.source === given.source && previous.ownVariants.join(CUT) === ownVariants.join(CUT);
    const reusable = new Map(sameLexicon ? previous.entries.map((entry) => [entry.source.key, entry]) : []);
    const renamed = previous ? KnowledgeIndex.renamedIn(previous.nameList, nameList) : undefined;
    const cache: AnalysisCache = { headTexts: new Map(), subTerms: new Map(), terms: new Map() };
    const headBigrams: string[][] = [];
    /** Per entry of `previous`, where its analysis is reused, or −1. */
    const reusedAt = new Int32Array(previous?.size ?? 0).fill(-1);
    const analyzed = entries.map((entry, index) => {
      const earlier = reusable.get(entry.key);
      const unchanged =
        earlier !== undefined &&
        (earlier.source === entry || fingerprintOf(earlier.source) === fingerprintOf(entry)) &&
        !(renamed && headTextsOf(entry).some((text) => renamed.lastEnds(normalize(text)).size > 0));
      if (unchanged) {
        const at = previous?.positionOfKey.get(entry.key);
        if (at !== undefined) reusedAt[at] = index;
        headBigrams[index] = [];
        return { ...earlier, source: entry };
      }
      const fresh = analyzeEntry(entry, lexicon, names, cache);
      headBigrams[index] = fresh.headBigrams;
      return fresh.analyzed;
    });
    previous?.headBigramsInto(headBigrams, reusedAt);
    return new KnowledgeIndex(lexicon, analyzed, headBigrams, nameList, ownVariants);
  }

  /**
   * Adds the character pairs of this index's entries that another reuses (`at`: per entry, its place there, or −1) to
   * that one's lists (`headBigrams`), read back from the postings.
   */
  private headBigramsInto(headBigrams: string[][], at: Int32Array): void {
    for (const [bigram, list] of this.bigramPostings) {
      for (const index of list) if (at[index] !== -1) headBigrams[at[index]].push(bigram);
    }
  }

  /**
   * The names one index has and the next has not, or the other way round, to find in head texts: an entry
   * whose head texts hold one was cut otherwise, and is analysed again. Undefined when the names are the same.
   */
  private static renamedIn(before: readonly string[], after: readonly string[]): PhraseFinder | undefined {
    const kept = new Set(after);
    // Those before that are not kept, then (the kept ones taken out) those only after.
    const changed = [...before.filter((name) => !kept.delete(name)), ...kept];
    return changed.length > 0 ? new PhraseFinder(changed) : undefined;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The entries having a term in a head field, ascending. */
  private headEntries(term: string): Int32Array {
    const id = this.termIds.get(term);
    return id === undefined ? new Int32Array(0) : this.headPostings[id].entries;
  }

  /** How telling a term is: its IDF, or that of a word no entry has. */
  termWeight(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? idf(0, this.entries.length) : this.termIdf[id];
  }

  /** The weight of the rarest terms: those no entry has. */
  rarestWeight(): number {
    return idf(0, this.entries.length);
  }

  /** Whether some entry has the term in a head field. */
  isHeadTerm(term: string): boolean {
    const id = this.termIds.get(term);
    return id !== undefined && this.headPostings[id].entries.length > 0;
  }

  /**
   * How strongly an entry covers a term, by the same places as ranking but coarser: 1 in a head
   * field (as a word, inside a compound or all its characters), MENTION_COVERAGE in the answer or a
   * section (as the term or one of its variants of two or more characters), else 0.
   */
  coverage(key: string, term: string): number {
    const index = this.positionOfKey.get(key);
    if (index === undefined) return 0;
    const entry = this.entries[index];
    if (entry.headTerms.includes(term) || entry.subTerms.includes(term)) return 1;
    const bigrams = characterBigrams(term);
    if (bigrams.length > 0 && bigrams.every((bigram) => holds(this.bigramPostings.get(bigram), index))) return 1;
    const forms = this.textForms(term);
    return forms.some((form) => entry.answerText.includes(form) || entry.sectionText.includes(form)) ? MENTION_COVERAGE : 0;
  }

  /** Whether an entry's head fields name a part of a term: one of its character pairs (公司, 登记 of 公司设立登记). */
  namesPartOf(key: string, term: string): boolean {
    const index = this.positionOfKey.get(key);
    if (index === undefined) return false;
    return characterBigrams(term).some((bigram) => holds(this.bigramPostings.get(bigram), index));
  }

  /**
   * A term and its variants as they may appear in running text. A one-character variant (取 of 提取)
   * is found inside any word (取得): no evidence there.
   */
  private textForms(term: string): string[] {
    return [term, ...(this.lexicon.variants.get(term) ?? [])].filter((form) => form.length >= 2);
  }

  /**
   * The one section of an entry that alone mentions a detail the question names: a term (or a variant
   * of two or more characters) in no head field and not in the short answer, which is all a whole-entry
   * reply gives. Null when no such term is found or they point to different sections.
   */
  sectionMentioning(key: string, terms: readonly string[]): SectionName | null {
    const index = this.positionOfKey.get(key);
    if (index === undefined) return null;
    const entry = this.entries[index];
    // Simplified only once a term asks for them: most questions have none that is a detail.
    let sections: (readonly [SectionName, string])[] | undefined;
    const found = new Set<SectionName>();
    for (const term of terms) {
      if (this.coverage(key, term) !== MENTION_COVERAGE || this.lexicon.actionOf.has(term)) continue;
      if (this.termWeight(term) < DETAIL_WEIGHT_SHARE * idf(0, this.entries.length)) continue;
      const forms = this.textForms(term);
      if (forms.some((form) => entry.answerText.includes(form))) continue;
      sections ??= Object.entries(entry.source.sections ?? {}).map(([name, text]) => [name as SectionName, simplify(text ?? '')] as const);
      for (const [name, text] of sections) if (forms.some((form) => text.includes(form))) found.add(name);
    }
    return found.size === 1 ? [...found][0] : null;
  }

  /** Whether an entry asks for the term as a document to bring: its materials name it, its title does not. */
  asksToBring(key: string, term: string): boolean {
    const index = this.positionOfKey.get(key);
    if (index === undefined) return false;
    const entry = this.entries[index];
    const materials = simplify(entry.source.sections?.materials ?? '');
    return !entry.units[0].includes(term) && this.textForms(term).some((form) => materials.includes(form));
  }

  /** Whether an entry's head fields name a term only as what the asker lacks (新生儿没上户口能先参保吗: 上户口). */
  namesOnlyAsLacked(key: string, term: string): boolean {
    const index = this.positionOfKey.get(key);
    return index !== undefined && this.entries[index].lackedOnly.includes(term);
  }

  /** The standard actions an entry's head fields name. */
  actionsOf(key: string): readonly string[] {
    const index = this.positionOfKey.get(key);
    return index === undefined ? [] : this.entries[index].actions;
  }

  /** The terms of an entry's title: what the entry is for (法律援助申请 → 法律, 援助, 申请). */
  titleTerms(key: string): readonly string[] {
    const index = this.positionOfKey.get(key);
    return index === undefined ? NONE : this.entries[index].units[0];
  }

  /** The eligible entries having the term as a word in a head field, in index order. */
  entriesAbout(term: string, isEligible: (entry: MatchableEntry) => boolean, limit: number): MatchableEntry[] {
    const found: MatchableEntry[] = [];
    for (const index of this.headEntries(term)) {
      const entry = this.entries[index].source;
      if (this.entries[index].headTerms.includes(term) && isEligible(entry)) found.push(entry);
      if (found.length === limit) break;
    }
    return found;
  }

  entry(key: string): MatchableEntry | undefined {
    const index = this.positionOfKey.get(key);
    return index === undefined ? undefined : this.entries[index].source;
  }

  /**
   * The best entries for a question's content terms, best first, scored 0..1:
   *
   *   score = (questionCoverage³ × entryCoverage²) ^ (1/5), or entryCoverage for a one-term question
   *
   * questionCoverage: the IDF-weighted share of the question's terms the entry contains, each term
   * counted by its strength in the entry (1 in a head field; less in compounds, as characters, in
   * the answer or sections). A question whose key words the entry lacks scores low even if common
   * words (申请) match. Words in no entry weigh like the rarest word, shared out in long questions
   * (LONG_QUESTION_TERMS).
   * entryCoverage: the IDF-weighted share of the entry's title or best sample question that the
   * question covers, so that 公积金 alone does not fully match 公积金提取. A one-term question is
   * covered by every entry containing the term, so there only entryCoverage tells: 天气 is a small
   * part of 重污染天气预警; there one of the entry's keywords that is the term covers it too (KEYWORD_COVERAGE).
   *
   * Term at a time: head fields select the candidates (an entry sharing no head word with the
   * question cannot score), then answer and section mentions and section presence raise their term
   * strengths. Only candidates scoring `minScore` or more are returned.
   */
  rank(
    terms: readonly string[],
    isEligible: (entry: MatchableEntry) => boolean,
    limit: number,
    minScore = MIN_CANDIDATE_SCORE,
    termWeights?: ReadonlyMap<string, number>,
  ): ScoredCandidate[] {
    const distinct = [...new Set(terms)];
    const total = this.entries.length;
    if (distinct.length === 0 || total === 0) return [];
    const unknownWeight = idf(0, total) * Math.min(1, LONG_QUESTION_TERMS / distinct.length);
    let touched = 0;
    this.foundCount = 0;
    const query: QueryTerm[] = distinct.map((term, i) => {
      const id = this.termIds.get(term);
      const aspect = this.lexicon.aspectTerms.get(term);
      const queryTerm: QueryTerm = {
        id,
        weight: (id === undefined ? unknownWeight : this.termIdf[id]) * (termWeights?.get(term) ?? 1),
        sectionMasks: (aspect ?? []).flatMap((section) => this.hasSection.get(section) ?? []),
        strengths: (this.strengthScratch[i] ??= new Float32Array(total)),
        headFound: 0,
        headEnd: 0,
        lateFound: 0,
        lateEnd: 0,
      };
      const topical = aspect === undefined && !this.lexicon.actionWords.has(term) && !asksOnly(term, this.lexicon);
      touched = this.matchHead(term, queryTerm, topical, touched);
      return queryTerm;
    });
    const totalWeight = query.reduce((sum, { weight }) => sum + weight, 0);
    const covering = this.coverTerms(distinct);

    // Candidates: a head word matches (not only a section cue). They replace the touched entries in place; the others are reset now.
    let candidates = 0;
    for (let i = 0; i < touched; i++) {
      const index = this.touched[i];
      if (this.topical[index] === 1) {
        this.touched[candidates++] = index;
        this.candidate[index] = 1;
      } else {
        this.accumulated[index] = 0;
        this.topical[index] = 0;
      }
    }
    // A character another question word holds (住 beside 公共租赁住房) is read as part of that word already.
    const cut = (term: string) =>
      term.length === 1 && HAN.test(term) && !distinct.some((other) => other.length > 1 && other.includes(term));
    for (const [i, queryTerm] of query.entries()) this.matchLate(queryTerm, candidates, cut(distinct[i]) ? distinct[i] : undefined);

    const best: { index: number; powered: number }[] = [];
    let threshold = minScore ** SCORE_ROOT;
    const oneTerm = distinct.length === 1;
    for (let i = 0; i < candidates; i++) {
      const index = this.touched[i];
      let coverage = this.accumulated[index] / totalWeight;
      // entryCoverage is at most 1 (see MAX_ENTRY_COVERAGE): one whose questionCoverage alone falls short is not worked out.
      if (!oneTerm && coverage * coverage * coverage * MAX_ENTRY_COVERAGE * MAX_ENTRY_COVERAGE < threshold) continue;
      const entryCoverage = this.entryCoverage(index, oneTerm);
      // Part of the title or a sample question, else a keyword whole (entryCoverage), must be covered.
      if (entryCoverage === 0) continue;
      if (oneTerm) coverage = entryCoverage;
      // The score raised to SCORE_ROOT, which saves Math.pow per candidate.
      const powered = coverage * coverage * coverage * entryCoverage * entryCoverage;
      // Once `limit` are kept, one scoring only the same as the last would be placed after it and dropped.
      if (powered < threshold || (best.length === limit && powered === threshold) || !isEligible(this.entries[index].source)) continue;
      // Best first, after those scoring the same (as a stable sort would place it).
      let at = best.length;
      while (at > 0 && best[at - 1].powered < powered) at--;
      best.splice(at, 0, { index, powered });
      if (best.length > limit) best.pop();
      if (best.length === limit) threshold = Math.max(threshold, best[limit - 1].powered);
    }

    // Scratch touched at more than a sixteenth of the entries is cleared whole: a fill beats visiting them one by one.
    const clearWhole = total >> 4;
    if (candidates > clearWhole) {
      this.accumulated.fill(0);
      this.topical.fill(0);
      this.candidate.fill(0);
    } else {
      for (let i = 0; i < candidates; i++) {
        const index = this.touched[i];
        this.accumulated[index] = 0;
        this.topical[index] = 0;
        this.candidate[index] = 0;
      }
    }
    for (const id of covering) this.coverOrder[id] = 0;
    for (const { strengths, headFound, headEnd, lateFound, lateEnd } of query) {
      if (headEnd - headFound + lateEnd - lateFound > clearWhole) {
        strengths.fill(0);
        continue;
      }
      for (let i = headFound; i < headEnd; i++) strengths[this.found[i]] = 0;
      for (let i = lateFound; i < lateEnd; i++) strengths[this.found[i]] = 0;
    }
    // Rounding can carry a full match a hair past 1; scores stay on the 0..1 scale.
    return best.map(({ index, powered }) => ({ entry: this.entries[index].source.key, score: Math.min(1, powered ** (1 / SCORE_ROOT)) }));
  }

  /** Room for `more` entries past those found so far (the list of found entries grows to the largest question's). */
  private reserveFound(more: number): void {
    if (this.foundCount + more <= this.found.length) return;
    const grown = new Int32Array(Math.max(2 * this.found.length, this.foundCount + more));
    grown.set(this.found.subarray(0, this.foundCount));
    this.found = grown;
  }

  /**
   * Records one term's head strength in every entry having it, as a word or (unknown words) as
   * characters, appending those entries to `found` and the ones new to the question to `touched`
   * (of which there are `touched` so far). Returns how many are touched now.
   */
  private matchHead(term: string, queryTerm: QueryTerm, topical: boolean, touched: number): number {
    const { id, strengths, weight } = queryTerm;
    const total = this.entries.length;
    this.reserveFound(total);
    const start = this.foundCount;
    let found = start;
    if (id !== undefined) {
      const { entries, strengths: postingStrengths } = this.headPostings[id];
      for (let i = 0; i < entries.length; i++) {
        this.found[found++] = entries[i];
        strengths[entries[i]] = postingStrengths[i];
      }
    } else {
      // Character pairs stand in for words the index does not know (known ones have their compounds' parts).
      const bigrams = [...new Set(characterBigrams(term))];
      for (const bigram of bigrams) {
        const list = this.bigramPostings.get(bigram);
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          if (this.bigramHits[list[i]]++ === 0) this.found[found++] = list[i];
        }
      }
      for (let i = start; i < found; i++) {
        const index = this.found[i];
        strengths[index] = BIGRAM_STRENGTH * (this.bigramHits[index] / bigrams.length) ** 2;
        this.bigramHits[index] = 0;
      }
    }
    this.foundCount = found;
    if (id !== undefined) this.matchParts(term, strengths);
    queryTerm.headFound = start;
    queryTerm.headEnd = this.foundCount;
    for (let i = start; i < this.foundCount; i++) {
      const index = this.found[i];
      if (this.accumulated[index] === 0 && this.topical[index] === 0) this.touched[touched++] = index;
      this.accumulated[index] += weight * strengths[index];
      // A section cue alone (要带什么材料) or an action word alone (怎么办理) says nothing about which entry is meant.
      if (topical) this.topical[index] = 1;
    }
    return touched;
  }

  /** The parts of a known compound word that some entry has in a head field (subTerms), memoized. */
  private partsOf(term: string): { id: number; share: number }[] {
    let parts = this.partsMemo.get(term);
    if (parts === undefined) {
      parts = [];
      if (term.length >= 3) {
        for (const part of new Set(subTerms(term, this.lexicon))) {
          const id = this.termIds.get(part);
          if (id !== undefined && this.headPostings[id].entries.length > 0)
            parts.push({ id, share: Math.min(1, part.length / term.length) });
        }
      }
      this.partsMemo.set(term, parts);
    }
    return parts;
  }

  /**
   * A compound question word the entries word differently (户口迁移 beside 户口迁入迁出) is found by its
   * parts too, weaker than the word itself: entries having parts covering more of it count more.
   */
  private matchParts(term: string, strengths: Float32Array): void {
    const parts = this.partsOf(term);
    if (parts.length === 0) return;
    // The entries hit are listed past the found ones, then those whose strength is new are kept there in place.
    this.reserveFound(this.entries.length);
    const start = this.foundCount;
    let hits = start;
    for (const { id, share } of parts) {
      const { entries } = this.headPostings[id];
      for (let i = 0; i < entries.length; i++) {
        if (this.partShare[entries[i]] === 0) this.found[hits++] = entries[i];
        this.partShare[entries[i]] += share;
      }
    }
    let found = start;
    for (let i = start; i < hits; i++) {
      const index = this.found[i];
      const covered = Math.min(1, this.partShare[index]);
      this.partShare[index] = 0;
      const strength = PART_STRENGTH * covered * covered;
      if (strength <= strengths[index]) continue;
      if (strengths[index] === 0) this.found[found++] = index;
      strengths[index] = strength;
    }
    this.foundCount = found;
  }

  /**
   * Raises one term's strength in the candidates whose answer or sections mention it, that have
   * the section it asks for (材料 → materials), or (a term of one character) whose names hold it (CHARACTER_STRENGTH).
   */
  private matchLate(queryTerm: QueryTerm, candidates: number, character: string | undefined): void {
    const { id, weight, sectionMasks, strengths } = queryTerm;
    this.reserveFound(candidates);
    let found = this.foundCount;
    queryTerm.lateFound = found;
    if (id !== undefined) {
      const { entries, strengths: bodyStrengths } = this.bodyPostings[id];
      for (let i = 0; i < entries.length; i++) {
        const index = entries[i];
        if (this.candidate[index] === 0 || bodyStrengths[i] <= strengths[index]) continue;
        this.accumulated[index] += weight * (bodyStrengths[i] - strengths[index]);
        if (strengths[index] === 0) this.found[found++] = index;
        strengths[index] = bodyStrengths[i];
      }
    }
    const holders = character === undefined ? undefined : this.characterPostings.get(character.charCodeAt(0));
    if (holders !== undefined) {
      // The character's entries are walked unless they outnumber the candidates many times: a walk reads a few arrays
      // in order per entry, while searching the entries for a candidate takes a dozen hard-to-predict branches.
      const walkHolders = holders.length <= HOLDERS_WALKED_PER_CANDIDATE * candidates;
      const count = walkHolders ? holders.length : candidates;
      const { candidate, touched, accumulated, found: foundList } = this;
      for (let i = 0; i < count; i++) {
        const index = walkHolders ? holders[i] : touched[i];
        if (walkHolders ? candidate[index] === 0 : !holds(holders, index)) continue;
        const strength = strengths[index];
        if (strength >= CHARACTER_STRENGTH) continue;
        accumulated[index] += weight * (CHARACTER_STRENGTH - strength);
        if (strength === 0) foundList[found++] = index;
        strengths[index] = CHARACTER_STRENGTH;
      }
    }
    for (const mask of sectionMasks) {
      for (let i = 0; i < candidates; i++) {
        const index = this.touched[i];
        if (mask[index] === 0 || strengths[index] >= ASPECT_SECTION_STRENGTH) continue;
        this.accumulated[index] += weight * (ASPECT_SECTION_STRENGTH - strengths[index]);
        if (strengths[index] === 0) this.found[found++] = index;
        strengths[index] = ASPECT_SECTION_STRENGTH;
      }
    }
    this.foundCount = queryTerm.lateEnd = found;
  }

  /**
   * The unit terms a question covers, and how fully: a unit term counts as covered when it is a
   * question term or part of one (住房 in 住房公积金), and partly when question terms are parts of it
   * (创业 and 贷款 cover 4 of the 6 characters of 创业担保贷款, counted at most at SUB_TERM_STRENGTH).
   * Sets coverOrder and coverFraction; returns the terms, for resetting.
   */
  private coverTerms(terms: readonly string[]): number[] {
    const covering = new Map<number, number>();
    for (const term of terms) {
      for (let start = 0; start < term.length; start++) {
        for (let end = start + 1; end <= term.length; end++) {
          const id = this.termIds.get(term.slice(start, end));
          if (id !== undefined) covering.set(id, 1);
        }
      }
    }
    for (const term of terms) {
      // A compound question word covers, more weakly, what its parts cover (户口迁移 → 户籍 … 转移 in 户口迁入迁出).
      for (const { id } of this.partsOf(term)) if (!covering.has(id)) covering.set(id, PART_STRENGTH);
      const id = this.termIds.get(term);
      for (const { compound, share } of (id !== undefined && this.compoundsOfPart.get(id)) || []) {
        const covered = covering.get(compound) ?? 0;
        if (covered < SUB_TERM_STRENGTH) covering.set(compound, Math.min(SUB_TERM_STRENGTH, covered + share));
      }
    }
    let order = 0;
    for (const [id, fraction] of covering) {
      this.coverOrder[id] = ++order;
      this.coverFraction[id] = fraction;
    }
    return [...covering.keys()];
  }

  /**
   * entryCoverage: the largest IDF-weighted share of a phrased unit of the entry (its title, a sample question or a
   * defined word) that the question covers (coverTerms), 0 if none; else, where a keyword unit is covered whole,
   * that unit's weight. A word named alone (助学金, 政务大厅) that is one of the entry's keywords names the entry
   * (KEYWORD_COVERAGE), below a title or sample question that is the word (居住证 stays the residence permit's); in a
   * longer question a keyword that is a word counts (KEYWORD_ONLY_COVERAGE) only where nothing phrased is covered:
   * there keywords would raise every sibling sharing one.
   */
  private entryCoverage(index: number, oneTerm: boolean): number {
    const keywords = this.firstKeywordUnit[index];
    const phrased = this.unitsCoverage(this.firstUnit[index], keywords);
    if (oneTerm ? phrased >= KEYWORD_COVERAGE : phrased > 0) return phrased;
    const named = this.unitsCoverage(keywords, oneTerm ? this.firstUnit[index + 1] : this.firstNumberUnit[index]) >= WHOLE_SHARE;
    return named ? (oneTerm ? KEYWORD_COVERAGE : KEYWORD_ONLY_COVERAGE) : phrased;
  }

  /**
   * The largest share of the units from `first` to before `end` that the question covers. A unit's covered terms are
   * summed in the order the question covers them, in single precision, so that a score does not depend on which
   * entries were looked at before.
   */
  private unitsCoverage(first: number, end: number): number {
    let best = 0;
    for (let unit = first; unit < end; unit++) {
      let hits = 0;
      for (let i = this.unitTermStart[unit]; i < this.unitTermStart[unit + 1]; i++) {
        const id = this.unitTerms[i];
        const order = this.coverOrder[id];
        if (order === 0) continue;
        let at = hits++;
        for (; at > 0 && this.coverOrder[this.unitHits[at - 1]] > order; at--) this.unitHits[at] = this.unitHits[at - 1];
        this.unitHits[at] = id;
      }
      if (hits === 0) continue;
      let covered = 0;
      for (let i = 0; i < hits; i++) covered = Math.fround(covered + this.termIdf[this.unitHits[i]] * this.coverFraction[this.unitHits[i]]);
      const share = covered / this.unitWeight[unit];
      if (share > best) best = share;
    }
    return best;
  }
}

/** What a snapshot holds: the index's own fields but the linked ones, and its entries' analyses. */
type IndexData = Record<string, unknown> & {
  analyzed: Omit<AnalyzedEntry, 'source'>[];
  sounds: TypoSounds;
};

/**
 * The lexicon's words a typo may be corrected to, their readings read ahead. Only content words:
 * 啥事 must not become 啥时 (a variant of a stop word).
 */
function typoTargetsOf(lexicon: Lexicon): Set<string> {
  const targets = new Set([...lexicon.words].filter((word) => canonicalTerm(word, lexicon) !== null));
  readAhead(targets);
  return targets;
}

/** Where markCuts marks a cut: a character normalized text lacks (it keeps letters, digits and spaces). */
const CUT = '|';

/** `normalized` with CUT where `tokens`, its words, cut it: at its start and after each word (one after a space starts at no cut). */
function markCuts(normalized: string, tokens: readonly string[]): string {
  const cuts = new Set([0]);
  let at = 0;
  for (const token of tokens) cuts.add((at = normalized.indexOf(token, at) + token.length));
  let marked = '';
  for (let i = 0; i <= normalized.length; i++) marked += (cuts.has(i) ? CUT : '') + (normalized[i] ?? '');
  return marked;
}

/**
 * Whether a text marked by markCuts writes `text` from a cut to a cut, cuts inside it allowed: a plain scan, since it
 * runs per span of a question and an expression compiled per span cost more than the search.
 */
function writesWhole(marked: string, text: string): boolean {
  if (text.length === 0) return false;
  for (let from = marked.indexOf(CUT + text[0]); from !== -1; from = marked.indexOf(CUT + text[0], from + 1)) {
    let at = from + 1;
    let i = 0;
    for (; i < text.length; i++, at++) {
      if (i > 0 && marked[at] === CUT) at++;
      if (marked[at] !== text[i]) break;
    }
    if (i === text.length && marked[at] === CUT) return true;
  }
  return false;
}

const NEW_LINE = 10;

/** Per Han character (code unit) of the entries' names (CHARACTER_STRENGTH), the entries holding it, ascending. */
function characterPostingsOf(analyzed: readonly AnalyzedEntry[]): Map<number, Int32Array> {
  const lists = new Map<number, number[]>();
  const otherScript = new Set<number>();
  analyzed.forEach(({ headCuts, source }, index) => {
    // headCuts has the title, the sample questions, the defined words and the keywords, a line each (headTextsOf).
    let line = 0;
    for (let i = 0; i < headCuts.length; i++) {
      const code = headCuts.charCodeAt(i);
      if (code === NEW_LINE) line++;
      if (line >= 1 && line <= source.questions.length) continue;
      let list = lists.get(code);
      if (list === undefined) {
        if (otherScript.has(code)) continue;
        if (!HAN.test(headCuts[i])) {
          otherScript.add(code);
          continue;
        }
        lists.set(code, (list = []));
      }
      if (list[list.length - 1] !== index) list.push(index);
    }
  });
  return new Map([...lists].map(([code, list]) => [code, Int32Array.from(list)]));
}

/**
 * Indexes all entries (drafts, archived and expired ones too: matching filters them per question).
 * With `previous`, entries whose matchable content is unchanged reuse their analysis, so rebuilding
 * after one entry changed costs little more than building the posting lists.
 */
export function buildKnowledgeIndex(entries: readonly MatchableEntry[], lexicon: Lexicon, previous?: KnowledgeIndex): KnowledgeIndex {
  return KnowledgeIndex.build(entries, lexicon, previous);
}
