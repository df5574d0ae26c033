import { deserialize, serialize } from 'node:v8';
import type { EntryKind, EntryStatus, SectionName } from '../../../entities/knowledgeEntryFile';
import type { KnownWords } from './knownWords';
import type { Lexicon } from './lexicon';
import { normalize, simplify } from './normalize';
import { analyzeNormalized, canonicalTerm, characterBigrams, subTerms, type QueryVocabulary } from './segment';
import { buildTypoModel, readAhead, typoModelOf, type TypoLinks, type TypoModel, type TypoSounds } from './typos';

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
/** Candidates below this score are never worth showing, even in logs. */
const MIN_CANDIDATE_SCORE = 0.05;

interface AnalyzedEntry {
  readonly source: MatchableEntry;
  /** Terms of the title, sample questions and keywords. */
  readonly headTerms: readonly string[];
  /** The words inside the compound head terms (subTerms). */
  readonly subTerms: readonly string[];
  /** The title and each sample question as term lists: what the entry is about, phrased whole. */
  readonly units: readonly (readonly string[])[];
  readonly headBigrams: readonly string[];
  /** Simplified answer and section texts, scanned for vocabulary words (see VocabularyTrie). */
  readonly answerText: string;
  readonly sectionText: string;
  /** The standard actions its head fields name (提取, 补办…: lexicon.actionOf), for structure.ts. */
  readonly actions: readonly string[];
}

/** The matchable content of an entry: a rebuild reuses the analysis of entries whose content is unchanged. */
export function fingerprintOf(entry: MatchableEntry): string {
  return JSON.stringify([entry.title, entry.questions, entry.keywords ?? [], entry.answer, entry.sections ?? {}]);
}

/** Per-build memo: keywords and sample phrasings recur across entries. */
interface AnalysisCache {
  readonly headTerms: Map<string, string[]>;
  readonly subTerms: Map<string, string[]>;
}

/**
 * Only the head fields are segmented (segmentation is most of the cost of building an index); the
 * answer and section texts are kept normalized and scanned for the index's vocabulary.
 */
function analyzeEntry(entry: MatchableEntry, lexicon: Lexicon, cache: AnalysisCache): AnalyzedEntry {
  const headTexts = [entry.title, ...entry.questions, ...(entry.keywords ?? [])].map(normalize);
  const perText = headTexts.map((text) => {
    let terms = cache.headTerms.get(text);
    if (!terms) cache.headTerms.set(text, (terms = analyzeNormalized(text, lexicon)));
    return terms;
  });
  const headTerms = perText.flat();
  return {
    source: entry,
    headTerms,
    subTerms: headTerms.flatMap((term) => {
      let parts = cache.subTerms.get(term);
      if (!parts) cache.subTerms.set(term, (parts = subTerms(term, lexicon)));
      return parts;
    }),
    units: perText.slice(0, 1 + entry.questions.length).map((unit) => [...new Set(unit)]),
    headBigrams: [...new Set(headTexts.flatMap(characterBigrams))],
    answerText: simplify(entry.answer),
    sectionText: simplify(Object.values(entry.sections ?? {}).join('\n')),
    actions: [...new Set(headTerms.flatMap((term) => lexicon.actionOf.get(term) ?? []))],
  };
}

interface TrieNode {
  readonly children: Map<number, TrieNode>;
  /** The canonical term of the word ending here. */
  term?: string;
}

/**
 * The index's vocabulary — head terms and lexicon words of two or more characters, each standing
 * for its canonical term — for finding every word an answer or section text contains, wherever it
 * starts. Matching by substring is coarser than segmenting, which suits evidence this weak, and
 * far cheaper.
 */
class VocabularyTrie {
  private readonly root: TrieNode = { children: new Map() };

  add(word: string, term: string): void {
    if (word.length < 2) return;
    let node = this.root;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      let child = node.children.get(code);
      if (!child) node.children.set(code, (child = { children: new Map() }));
      node = child;
    }
    node.term ??= term;
  }

  termsIn(text: string): Set<string> {
    const found = new Set<string>();
    for (let start = 0; start < text.length; start++) {
      let node: TrieNode | undefined = this.root;
      for (let i = start; i < text.length && node; i++) {
        node = node.children.get(text.charCodeAt(i));
        if (node?.term !== undefined) found.add(node.term);
      }
    }
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
  /** ...set for these entries. */
  readonly found: number[];
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
  private readonly entries: readonly AnalyzedEntry[];
  private readonly positionOfKey: ReadonlyMap<string, number>;
  private readonly termIds = new Map<string, number>();
  private readonly termStrings: string[] = [];
  private readonly termIdf: Float64Array;
  /** Per term id: the entries having it in a head field, and how strongly. */
  private readonly headPostings: Posting[];
  private readonly bigramPostings = new Map<string, Int32Array>();
  /** Per term id: the entries whose answer or sections mention it, and how strongly. */
  private readonly bodyPostings: Posting[];
  /** Per term id: the units (title or sample question, numbered across entries) containing it. */
  private readonly unitPostings: Int32Array[];
  /** Per part term id: the compound unit terms containing it, and its share of their characters. */
  private readonly compoundsOfPart = new Map<number, { compound: number; share: number }[]>();
  /** Per unit: its entry, and the IDF sum of its distinct terms. */
  private readonly unitEntry: Int32Array;
  private readonly unitWeight: Float64Array;
  /** Section → 1 for each entry having it. */
  private readonly hasSection = new Map<SectionName, Uint8Array>();
  // Scratch space for the current question.
  private readonly accumulated: Float64Array;
  private readonly topical: Uint8Array;
  private readonly candidate: Uint8Array;
  private readonly bigramHits: Int32Array;
  private readonly unitCovered: Float32Array;
  private readonly entryCovered: Float64Array;
  private readonly strengthScratch: Float32Array[] = [];
  /** Per compound term: its parts the index knows, with their share of its characters (memo; only known words are compounds). */
  private readonly partsMemo = new Map<string, { id: number; share: number }[]>();
  private readonly partShare: Float32Array;

  private constructor(
    readonly lexicon: Lexicon,
    analyzed: readonly AnalyzedEntry[],
  ) {
    this.entries = analyzed;
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
    const headIdsOf: Set<number>[] = [];
    analyzed.forEach((entry, index) => {
      const strengths = new Map<number, number>();
      for (const term of entry.subTerms) strengths.set(idOf(term), SUB_TERM_STRENGTH);
      for (const term of entry.headTerms) strengths.set(idOf(term), HEAD_STRENGTH);
      headIdsOf.push(new Set(strengths.keys()));
      for (const [id, strength] of strengths) {
        headLists[id] ??= { entries: [], strengths: [] };
        headLists[id].entries.push(index);
        headLists[id].strengths.push(strength);
        documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
      }
      for (const bigram of entry.headBigrams) {
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
    const bodyLists: { entries: number[]; strengths: number[] }[] = [];
    analyzed.forEach((entry, index) => {
      const inSections = vocabulary.termsIn(entry.sectionText);
      const body = new Map<number, number>();
      for (const term of inSections) body.set(idOf(term), SECTION_TEXT_STRENGTH);
      for (const term of vocabulary.termsIn(entry.answerText))
        body.set(idOf(term), inSections.has(term) ? ANSWER_AND_SECTION_STRENGTH : ANSWER_STRENGTH);
      for (const [id, strength] of body) {
        bodyLists[id] ??= { entries: [], strengths: [] };
        bodyLists[id].entries.push(index);
        bodyLists[id].strengths.push(strength);
        if (!headIdsOf[index].has(id)) documentFrequency[id] = (documentFrequency[id] ?? 0) + MENTION_FREQUENCY;
      }
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
    this.termIdf = Float64Array.from({ length: terms }, (_, id) => idf(documentFrequency[id] ?? 0, total));

    // Units (title, sample questions) for entryCoverage, compound words' parts, sections present.
    const unitLists: number[][] = Array.from({ length: terms }, () => []);
    const unitEntry: number[] = [];
    const unitWeight: number[] = [];
    const compoundsSeen = new Set<number>();
    analyzed.forEach((entry, index) => {
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
        const telling = ids.filter((id) => !isCommon(this.headPostings[id].entries.length, total));
        for (const id of telling) unitLists[id].push(unitEntry.length);
        unitWeight.push(telling.reduce((sum, id) => sum + this.termIdf[id], 0));
        unitEntry.push(index);
      }
      for (const name of Object.keys(entry.source.sections ?? {}) as SectionName[]) {
        let mask = this.hasSection.get(name);
        if (!mask) this.hasSection.set(name, (mask = new Uint8Array(total)));
        mask[index] = 1;
      }
    });
    this.unitPostings = unitLists.map((list) => Int32Array.from(list));
    this.unitEntry = Int32Array.from(unitEntry);
    this.unitWeight = Float64Array.from(unitWeight);
    this.accumulated = new Float64Array(total);
    this.topical = new Uint8Array(total);
    this.candidate = new Uint8Array(total);
    this.bigramHits = new Int32Array(total);
    this.partShare = new Float32Array(total);
    this.unitCovered = new Float32Array(unitEntry.length);
    this.entryCovered = new Float64Array(total);

    this.knownWords = this.knownWordsOf();
    const targets = typoTargetsOf(lexicon);
    for (const entry of analyzed) for (const term of entry.headTerms) targets.add(term);
    const { known, cooccurs, canonicalOf } = this.typoLinks();
    this.typoModel = buildTypoModel(targets, known, cooccurs, canonicalOf);
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
          return term !== null && term !== word && intersects(entries, this.headEntries(term));
        });
      },
      canonicalOf: (word) => lexicon.synonyms.get(word) ?? word,
    };
  }

  /**
   * The index as bytes (V8's serialization): all it worked out from its entries and lexicon, without
   * the entries, the lexicon and the functions, which restore() links again.
   */
  snapshot(): Buffer {
    const { lexicon: _lexicon, knownWords: _knownWords, typoModel, entries, ...worked } = this;
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
    Object.assign(index, worked, { lexicon, entries: analyzed.map((analysis, i) => ({ ...analysis, source: entries[i] })) });
    Object.assign(index, { knownWords: index.knownWordsOf() });
    Object.assign(index, { typoModel: typoModelOf(sounds, index.typoLinks()) });
    // The readings of the lexicon's words and characters, for typos in questions, as a build reads them.
    typoTargetsOf(lexicon);
    return index;
  }

  /** See buildKnowledgeIndex. */
  static build(entries: readonly MatchableEntry[], lexicon: Lexicon, previous?: KnowledgeIndex): KnowledgeIndex {
    const keys = new Set<string>();
    for (const entry of entries) {
      if (keys.has(entry.key)) throw new Error(`knowledge index: duplicate entry key "${entry.key}"`);
      keys.add(entry.key);
    }
    const reusable = new Map(previous?.lexicon === lexicon ? previous.entries.map((entry) => [entry.source.key, entry]) : []);
    const cache: AnalysisCache = { headTerms: new Map(), subTerms: new Map() };
    const analyzed = entries.map((entry) => {
      const earlier = reusable.get(entry.key);
      const unchanged = earlier !== undefined && (earlier.source === entry || fingerprintOf(earlier.source) === fingerprintOf(entry));
      return unchanged ? { ...earlier, source: entry } : analyzeEntry(entry, lexicon, cache);
    });
    return new KnowledgeIndex(lexicon, analyzed);
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
    if (bigrams.length > 0 && bigrams.every((bigram) => entry.headBigrams.includes(bigram))) return 1;
    // A one-character variant (取 of 提取) is found inside any word (取得): no evidence in running text.
    const forms = [term, ...(this.lexicon.variants.get(term) ?? [])].filter((form) => form.length >= 2);
    return forms.some((form) => entry.answerText.includes(form) || entry.sectionText.includes(form)) ? MENTION_COVERAGE : 0;
  }

  /** The standard actions an entry's head fields name. */
  actionsOf(key: string): readonly string[] {
    const index = this.positionOfKey.get(key);
    return index === undefined ? [] : this.entries[index].actions;
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
   * part of 重污染天气预警.
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
    const touched: number[] = [];
    const query: QueryTerm[] = distinct.map((term, i) => {
      const id = this.termIds.get(term);
      const aspect = this.lexicon.aspectTerms.get(term);
      const queryTerm: QueryTerm = {
        id,
        weight: (id === undefined ? unknownWeight : this.termIdf[id]) * (termWeights?.get(term) ?? 1),
        sectionMasks: (aspect ?? []).flatMap((section) => this.hasSection.get(section) ?? []),
        strengths: (this.strengthScratch[i] ??= new Float32Array(total)),
        found: [],
      };
      this.matchHead(term, queryTerm, aspect === undefined && !this.lexicon.actionWords.has(term), touched);
      return queryTerm;
    });
    const totalWeight = query.reduce((sum, { weight }) => sum + weight, 0);
    const coveredUnits = this.coverUnits(distinct);

    // Candidates: a head word matches (not only a section cue) and part of the title or a sample question is covered.
    const candidates: number[] = [];
    for (const index of touched) {
      if (this.topical[index] === 1 && this.entryCovered[index] > 0) {
        candidates.push(index);
        this.candidate[index] = 1;
      }
    }
    for (const queryTerm of query) this.matchLate(queryTerm, candidates);

    const best: { index: number; powered: number }[] = [];
    let threshold = minScore ** SCORE_ROOT;
    const oneTerm = distinct.length === 1;
    for (const index of candidates) {
      const coverage = oneTerm ? this.entryCovered[index] : this.accumulated[index] / totalWeight;
      const entryCoverage = this.entryCovered[index];
      // The score raised to SCORE_ROOT, which saves Math.pow per candidate.
      const powered = coverage * coverage * coverage * entryCoverage * entryCoverage;
      if (powered < threshold || !isEligible(this.entries[index].source)) continue;
      // Best first, after those scoring the same (as a stable sort would place it).
      let at = best.length;
      while (at > 0 && best[at - 1].powered < powered) at--;
      best.splice(at, 0, { index, powered });
      if (best.length > limit) best.pop();
      if (best.length === limit) threshold = Math.max(threshold, best[limit - 1].powered);
    }

    for (const index of touched) {
      this.accumulated[index] = 0;
      this.topical[index] = 0;
      this.candidate[index] = 0;
    }
    for (const { strengths, found } of query) for (const index of found) strengths[index] = 0;
    for (const unit of coveredUnits) {
      this.unitCovered[unit] = 0;
      this.entryCovered[this.unitEntry[unit]] = 0;
    }
    // Rounding can carry a full match a hair past 1; scores stay on the 0..1 scale.
    return best.map(({ index, powered }) => ({ entry: this.entries[index].source.key, score: Math.min(1, powered ** (1 / SCORE_ROOT)) }));
  }

  /** Records one term's head strength in every entry having it, as a word or (unknown words) as characters. */
  private matchHead(term: string, queryTerm: QueryTerm, topical: boolean, touched: number[]): void {
    const { id, strengths, weight, found } = queryTerm;
    if (id !== undefined) {
      const { entries, strengths: postingStrengths } = this.headPostings[id];
      for (let i = 0; i < entries.length; i++) {
        found.push(entries[i]);
        strengths[entries[i]] = postingStrengths[i];
      }
    } else {
      // Character pairs stand in for words the index does not know (known ones have their compounds' parts).
      const bigrams = [...new Set(characterBigrams(term))];
      const hitEntries: number[] = [];
      for (const bigram of bigrams) {
        const list = this.bigramPostings.get(bigram);
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          if (this.bigramHits[list[i]]++ === 0) hitEntries.push(list[i]);
        }
      }
      for (const index of hitEntries) {
        strengths[index] = BIGRAM_STRENGTH * (this.bigramHits[index] / bigrams.length) ** 2;
        this.bigramHits[index] = 0;
        found.push(index);
      }
    }
    if (id !== undefined) this.matchParts(term, strengths, found);
    for (const index of found) {
      if (this.accumulated[index] === 0 && this.topical[index] === 0) touched.push(index);
      this.accumulated[index] += weight * strengths[index];
      // A section cue alone (要带什么材料) or an action word alone (怎么办理) says nothing about which entry is meant.
      if (topical) this.topical[index] = 1;
    }
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
  private matchParts(term: string, strengths: Float32Array, found: number[]): void {
    const parts = this.partsOf(term);
    if (parts.length === 0) return;
    const hit: number[] = [];
    for (const { id, share } of parts) {
      const { entries } = this.headPostings[id];
      for (let i = 0; i < entries.length; i++) {
        if (this.partShare[entries[i]] === 0) hit.push(entries[i]);
        this.partShare[entries[i]] += share;
      }
    }
    for (const index of hit) {
      const covered = Math.min(1, this.partShare[index]);
      this.partShare[index] = 0;
      const strength = PART_STRENGTH * covered * covered;
      if (strength <= strengths[index]) continue;
      if (strengths[index] === 0) found.push(index);
      strengths[index] = strength;
    }
  }

  /**
   * Raises one term's strength in the candidates whose answer or sections mention it, or that have
   * the section it asks for (材料 → materials).
   */
  private matchLate(queryTerm: QueryTerm, candidates: readonly number[]): void {
    const { id, weight, sectionMasks, strengths, found } = queryTerm;
    if (id !== undefined) {
      const { entries, strengths: bodyStrengths } = this.bodyPostings[id];
      for (let i = 0; i < entries.length; i++) {
        const index = entries[i];
        if (this.candidate[index] === 0 || bodyStrengths[i] <= strengths[index]) continue;
        this.accumulated[index] += weight * (bodyStrengths[i] - strengths[index]);
        if (strengths[index] === 0) found.push(index);
        strengths[index] = bodyStrengths[i];
      }
    }
    for (const mask of sectionMasks) {
      for (const index of candidates) {
        if (mask[index] === 0 || strengths[index] >= ASPECT_SECTION_STRENGTH) continue;
        this.accumulated[index] += weight * (ASPECT_SECTION_STRENGTH - strengths[index]);
        if (strengths[index] === 0) found.push(index);
        strengths[index] = ASPECT_SECTION_STRENGTH;
      }
    }
  }

  /**
   * entryCoverage of every entry sharing a unit term with the question, term at a time. A unit term
   * counts as covered when it is a question term or part of one (住房 in 住房公积金), and partly
   * when question terms are parts of it (创业 and 贷款 cover 4 of the 6 characters of 创业担保贷款,
   * counted at most at SUB_TERM_STRENGTH). Returns the units touched, for resetting.
   */
  private coverUnits(terms: readonly string[]): number[] {
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
    const units: number[] = [];
    for (const [id, fraction] of covering) {
      const list = this.unitPostings[id];
      for (let i = 0; i < list.length; i++) {
        if (this.unitCovered[list[i]] === 0) units.push(list[i]);
        this.unitCovered[list[i]] += this.termIdf[id] * fraction;
      }
    }
    for (const unit of units) {
      // (A unit with no telling term is never in `units`: no posting leads to it.)
      const share = this.unitCovered[unit] / this.unitWeight[unit];
      const index = this.unitEntry[unit];
      if (share > this.entryCovered[index]) this.entryCovered[index] = share;
    }
    return units;
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

/** Whether two ascending lists share a value. */
function intersects(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) return true;
    if (a[i] < b[j]) i++;
    else j++;
  }
  return false;
}

/**
 * Indexes all entries (drafts, archived and expired ones too: matching filters them per question).
 * With `previous`, entries whose matchable content is unchanged reuse their analysis, so rebuilding
 * after one entry changed costs little more than building the posting lists.
 */
export function buildKnowledgeIndex(entries: readonly MatchableEntry[], lexicon: Lexicon, previous?: KnowledgeIndex): KnowledgeIndex {
  return KnowledgeIndex.build(entries, lexicon, previous);
}
