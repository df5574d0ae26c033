import type { EntryKind, EntryStatus, SectionName } from '../knowledge/entryFile';
import type { Lexicon } from './lexicon';
import { normalize } from './normalize';
import { analyzeNormalized, canonicalTerm, characterBigrams, segment, subTerms, toTerms, type KnownWords, type QueryVocabulary } from './segment';
import { buildTypoModel, type TypoModel } from './typos';

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

/**
 * Fields and their weights (BM25F). A word in the title, a sample question or a keyword is strong
 * evidence of what an entry is about; a word somewhere in the answer or a section is weak evidence.
 * Length normalisation only applies to the free-text fields.
 */
const FIELDS = [
  { name: 'title', weight: 1, lengthNorm: 0, head: true },
  { name: 'questions', weight: 1, lengthNorm: 0, head: true },
  { name: 'keywords', weight: 1, lengthNorm: 0, head: true },
  { name: 'answer', weight: 0.3, lengthNorm: 0.5, head: false },
  { name: 'sections', weight: 0.2, lengthNorm: 0.5, head: false },
] as const;
/**
 * Document frequency counts the entries ABOUT a term (in a head field: title, questions, keywords)
 * fully and those merely mentioning it (12345热线 in every contact section) this much, so a
 * topic stays rare even when many answers refer to it.
 */
const MENTION_FREQUENCY = 0.2;
const K1 = 1.2;
/** A word inside an entry's compound word (外地 in 外地人) counts this much of the compound. */
const SUB_TERM_SHARE = 0.8;
/** A question word found only as characters inside other words (改造 in 棚户区改造) counts this much. */
const BIGRAM_MATCH = 0.6;
/**
 * Words that ask for a section (材料, 电话) say less about the topic than other words: they weigh
 * this much, and an entry having that section matches them this strongly.
 */
const ASPECT_WEIGHT = 0.5;
const ASPECT_SECTION_STRENGTH = 0.7;
/** The exponent of questionCoverage in the score; entryCoverage gets the rest (see rank). */
const QUESTION_COVERAGE_EXPONENT = 0.6;
/**
 * A word no entry contains weighs like the rarest word — in a short question it is likely the point
 * (公积金能炒股吗). In a long question it is more likely context (我老家是河南的…), so beyond this many
 * terms the unknown words share one budget.
 */
const LONG_QUESTION_TERMS = 6;
/** Candidates below this score are never worth showing, even in logs. */
const MIN_CANDIDATE_SCORE = 0.05;

interface AnalyzedEntry {
  readonly source: MatchableEntry;
  /** Identifies the matchable content, so that a rebuild can reuse the analysis of unchanged entries. */
  readonly fingerprint: string;
  /** Terms per field, in FIELDS order, with repeats. */
  readonly fieldTerms: readonly (readonly string[])[];
  /** The words inside the compound terms of each head field (subTerms), with repeats. */
  readonly fieldSubTerms: readonly (readonly string[])[];
  /** The title and each sample question as term lists: what the entry is about, phrased whole. */
  readonly units: readonly (readonly string[])[];
  readonly bigrams: readonly string[];
}

function fingerprintOf(entry: MatchableEntry): string {
  return JSON.stringify([entry.title, entry.questions, entry.keywords ?? [], entry.answer, entry.sections ?? {}]);
}

/** Per-build memo of analyses: keywords and boilerplate sentences recur across entries. */
interface AnalysisCache {
  readonly headTerms: Map<string, string[]>;
  readonly subTerms: Map<string, string[]>;
}

/**
 * Head fields (title, questions, keywords) get the full analysis and their compound words' parts;
 * the long answer and section texts, weak evidence anyway, are segmented once with word-level
 * synonyms only, which halves the cost of building an index.
 */
function analyzeEntry(entry: MatchableEntry, lexicon: Lexicon, cache: AnalysisCache): AnalyzedEntry {
  const headTexts = [entry.title, ...entry.questions, ...(entry.keywords ?? [])].map(normalize);
  const [title, ...rest] = headTexts.map((text) => {
    let terms = cache.headTerms.get(text);
    if (!terms) cache.headTerms.set(text, (terms = analyzeNormalized(text, lexicon)));
    return terms;
  });
  const questions = rest.slice(0, entry.questions.length);
  const keywords = rest.slice(entry.questions.length).flat();
  const bodyTerms = (text: string) => toTerms(segment(normalize(text), lexicon), lexicon);
  const head = [title, questions.flat(), keywords];
  const subTermsOf = (term: string) => {
    let parts = cache.subTerms.get(term);
    if (!parts) cache.subTerms.set(term, (parts = subTerms(term, lexicon)));
    return parts;
  };
  return {
    source: entry,
    fingerprint: fingerprintOf(entry),
    fieldTerms: [...head, bodyTerms(entry.answer), bodyTerms(Object.values(entry.sections ?? {}).join('\n'))],
    fieldSubTerms: [...head.map((terms) => terms.flatMap(subTermsOf)), [], []],
    units: [title, ...questions].map((unit) => [...new Set(unit)]),
    bigrams: [...new Set(headTexts.flatMap(characterBigrams))],
  };
}

interface Posting {
  readonly entries: Int32Array;
  /** Field-weighted, saturated term frequency in 0..1 (1 = the word is in the title or a sample question). */
  readonly strengths: Float32Array;
}

function idf(documentFrequency: number, total: number): number {
  return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Every knowledge entry, whatever its status, indexed for matching. Immutable: when entries change,
 * build a new index with the old one as `previous` (only changed entries are analysed again) and swap.
 */
export class KnowledgeIndex implements QueryVocabulary {
  readonly typoModel: TypoModel;
  readonly knownWords: KnownWords;
  private readonly entries: readonly AnalyzedEntry[];
  private readonly positionOfKey: ReadonlyMap<string, number>;
  private readonly termIds = new Map<string, number>();
  private readonly postings: Posting[] = [];
  private readonly bigramPostings = new Map<string, Int32Array>();
  private readonly termStrings: string[] = [];
  private readonly termIdf: Float64Array;
  /** Term ids of each entry's units. */
  private readonly unitIds: Int32Array[][];
  private readonly entriesWithSection = new Map<SectionName, Int32Array>();
  // Scratch space for one query at a time (matching is synchronous).
  private readonly accumulated: Float64Array;
  private readonly termStrength: Float32Array;
  private readonly bigramHits: Int32Array;
  private readonly topical: Uint8Array;
  private readonly coverage: Float64Array;

  private constructor(
    readonly lexicon: Lexicon,
    analyzed: readonly AnalyzedEntry[],
  ) {
    this.entries = analyzed;
    this.positionOfKey = new Map(analyzed.map((entry, index) => [entry.source.key, index]));
    const total = analyzed.length;
    const averageLength = FIELDS.map((_, f) => analyzed.reduce((sum, entry) => sum + entry.fieldTerms[f].length, 0) / Math.max(1, total) || 1);
    const postingEntries: number[][] = [];
    const postingStrengths: number[][] = [];
    const documentFrequency: number[] = [];
    const bigramEntries = new Map<string, number[]>();
    analyzed.forEach((entry, index) => {
      const pseudoFrequency = new Map<string, number>();
      const headTerms = new Set<string>();
      entry.fieldTerms.forEach((terms, f) => {
        const { weight, lengthNorm, head } = FIELDS[f];
        const norm = 1 - lengthNorm + (lengthNorm * terms.length) / averageLength[f];
        const add = (term: string, share: number) => {
          pseudoFrequency.set(term, (pseudoFrequency.get(term) ?? 0) + (share * weight) / norm);
          if (head) headTerms.add(term);
        };
        for (const term of terms) add(term, 1);
        for (const term of entry.fieldSubTerms[f]) add(term, SUB_TERM_SHARE);
      });
      for (const [term, frequency] of pseudoFrequency) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = postingEntries.length;
          this.termIds.set(term, id);
          this.termStrings.push(term);
          postingEntries.push([]);
          postingStrengths.push([]);
          documentFrequency.push(0);
        }
        documentFrequency[id] += headTerms.has(term) ? 1 : MENTION_FREQUENCY;
        postingEntries[id].push(index);
        postingStrengths[id].push(Math.min(1, (frequency * (K1 + 1)) / (frequency + K1)));
      }
      for (const bigram of entry.bigrams) {
        const list = bigramEntries.get(bigram);
        if (list) list.push(index);
        else bigramEntries.set(bigram, [index]);
      }
    });
    postingEntries.forEach((list, id) => {
      this.postings.push({ entries: Int32Array.from(list), strengths: Float32Array.from(postingStrengths[id]) });
    });
    for (const [bigram, list] of bigramEntries) this.bigramPostings.set(bigram, Int32Array.from(list));
    this.termIdf = Float64Array.from(documentFrequency, (frequency) => idf(frequency, total));
    // Every unit term is a title or question term, hence indexed.
    this.unitIds = analyzed.map((entry) => entry.units.map((unit) => Int32Array.from(unit, (term) => this.termIds.get(term) as number)));
    const withSection = new Map<SectionName, number[]>();
    analyzed.forEach((entry, index) => {
      for (const name of Object.keys(entry.source.sections ?? {}) as SectionName[]) {
        const list = withSection.get(name);
        if (list) list.push(index);
        else withSection.set(name, [index]);
      }
    });
    for (const [name, list] of withSection) this.entriesWithSection.set(name, Int32Array.from(list));
    this.accumulated = new Float64Array(total);
    this.termStrength = new Float32Array(total);
    this.bigramHits = new Int32Array(total);
    this.topical = new Uint8Array(total);
    this.coverage = new Float64Array(total);

    // Typos are corrected to content words only: 啥事 must not become 啥时 (a variant of a stop word).
    const targets = new Set([...lexicon.words].filter((word) => canonicalTerm(word, lexicon) !== null));
    for (const entry of analyzed) for (const unit of entry.units) for (const term of unit) targets.add(term);
    for (const entry of analyzed) for (const term of entry.fieldTerms[2]) targets.add(term);
    this.knownWords = {
      isKnown: (word) => this.termIds.has(word) || lexicon.words.has(word) || lexicon.stopWords.has(word),
      isStopWord: (word) => canonicalTerm(word, lexicon) === null,
      isLexiconWord: (word) => lexicon.words.has(word),
      longestWord: this.termStrings.reduce((longest, term) => Math.max(longest, term.length), lexicon.longestWord),
    };
    this.typoModel = buildTypoModel(targets, this.knownWords);
  }

  get size(): number {
    return this.entries.length;
  }

  entry(key: string): MatchableEntry | undefined {
    const index = this.positionOfKey.get(key);
    return index === undefined ? undefined : this.entries[index].source;
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
      return earlier?.fingerprint === fingerprintOf(entry) ? { ...earlier, source: entry } : analyzeEntry(entry, lexicon, cache);
    });
    return new KnowledgeIndex(lexicon, analyzed);
  }

  /**
   * The best entries for a question's content terms, best first, scored 0..1:
   *
   *   score = questionCoverage ^ e × entryCoverage ^ (1 − e), e = QUESTION_COVERAGE_EXPONENT
   *
   * questionCoverage: the IDF-weighted share of the question's terms the entry contains, each term
   * counted by its BM25F strength (1 in the title, a question or a keyword; less in the answer). A
   * question whose key words the entry lacks scores low even if common words (申请) match. Words
   * no entry knows weigh like the rarest word, shared out in long questions (LONG_QUESTION_TERMS).
   * entryCoverage: the IDF-weighted share of the entry's title or best sample question that the
   * question covers, so that 公积金 alone does not fully match 公积金提取.
   */
  rank(terms: readonly string[], isEligible: (entry: MatchableEntry) => boolean, limit: number): ScoredCandidate[] {
    const queryTerms = [...new Set(terms)];
    const total = this.entries.length;
    if (queryTerms.length === 0 || total === 0) return [];
    const touched: number[] = [];
    let totalWeight = 0;
    const queryIds = new Set<number>();
    const unknownWeight = idf(0, total) * Math.min(1, LONG_QUESTION_TERMS / queryTerms.length);
    for (const term of queryTerms) {
      const id = this.termIds.get(term);
      if (id !== undefined) queryIds.add(id);
      const aspect = this.lexicon.aspectTerms.get(term);
      const weight = (id === undefined ? unknownWeight : this.termIdf[id]) * (aspect ? ASPECT_WEIGHT : 1);
      totalWeight += weight;
      this.accumulateTerm(id, term, weight, aspect, touched);
    }
    const queryText = queryTerms.join(' ');
    const buckets: number[][] = Array.from({ length: 101 }, () => []);
    for (const index of touched) {
      const coverage = this.accumulated[index] / totalWeight;
      const topical = this.topical[index] === 1;
      this.accumulated[index] = 0;
      this.topical[index] = 0;
      if (!topical || coverage < MIN_CANDIDATE_SCORE || !isEligible(this.entries[index].source)) continue;
      this.coverage[index] = coverage;
      buckets[Math.min(100, Math.floor(coverage * 100))].push(index);
    }
    // The score never exceeds questionCoverage ^ e, so buckets below the `limit`-th best score can be skipped.
    const best: ScoredCandidate[] = [];
    for (let bucket = 100; bucket >= 0; bucket--) {
      if (best.length >= limit && ((bucket + 1) / 100) ** QUESTION_COVERAGE_EXPONENT < best[limit - 1].score) break;
      for (const index of buckets[bucket]) {
        const entryCoverage = this.entryCoverage(index, queryIds, queryText);
        const score = this.coverage[index] ** QUESTION_COVERAGE_EXPONENT * entryCoverage ** (1 - QUESTION_COVERAGE_EXPONENT);
        if (score < MIN_CANDIDATE_SCORE) continue;
        best.push({ entry: this.entries[index].source.key, score });
        best.sort((a, b) => b.score - a.score);
        if (best.length > limit) best.pop();
      }
    }
    return best;
  }

  /** The best IDF-weighted share of the entry's title or one sample question that the question covers. */
  private entryCoverage(index: number, queryIds: ReadonlySet<number>, queryText: string): number {
    let best = 0;
    for (const unit of this.unitIds[index]) {
      let covered = 0;
      let all = 0;
      for (const id of unit) {
        all += this.termIdf[id];
        if (queryIds.has(id) || queryText.includes(this.termStrings[id])) covered += this.termIdf[id];
      }
      if (all > 0 && covered / all > best) best = covered / all;
    }
    return best;
  }

  /** Adds one term's weighted strength to every entry containing it, as a word or as characters. */
  private accumulateTerm(id: number | undefined, term: string, weight: number, aspect: readonly SectionName[] | undefined, touched: number[]): void {
    const local: number[] = [];
    if (id !== undefined) {
      const { entries, strengths } = this.postings[id];
      for (let i = 0; i < entries.length; i++) {
        if (this.termStrength[entries[i]] === 0) local.push(entries[i]);
        this.termStrength[entries[i]] = strengths[i];
      }
    }
    const bigrams = characterBigrams(term);
    if (bigrams.length > 0) {
      const hitEntries: number[] = [];
      for (const bigram of new Set(bigrams)) {
        const list = this.bigramPostings.get(bigram);
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          if (this.bigramHits[list[i]]++ === 0) hitEntries.push(list[i]);
        }
      }
      const distinct = new Set(bigrams).size;
      for (const index of hitEntries) {
        const strength = BIGRAM_MATCH * (this.bigramHits[index] / distinct) ** 2;
        this.bigramHits[index] = 0;
        if (strength > this.termStrength[index]) {
          if (this.termStrength[index] === 0) local.push(index);
          this.termStrength[index] = strength;
        }
      }
    }
    // An entry with the section a word asks for (材料 → materials) answers that word fully.
    for (const section of aspect ?? []) {
      for (const index of this.entriesWithSection.get(section) ?? []) {
        if (this.termStrength[index] === 0) local.push(index);
        this.termStrength[index] = Math.max(this.termStrength[index], ASPECT_SECTION_STRENGTH);
      }
    }
    for (const index of local) {
      if (this.accumulated[index] === 0 && this.topical[index] === 0) touched.push(index);
      this.accumulated[index] += weight * this.termStrength[index];
      if (!aspect) this.topical[index] = 1;
      this.termStrength[index] = 0;
    }
  }
}

/**
 * Indexes all entries (drafts, archived and expired ones too: matching filters them per question).
 * With `previous`, entries whose matchable content is unchanged reuse their analysis, so rebuilding
 * after one entry changed costs little more than building the posting lists.
 */
export function buildKnowledgeIndex(entries: readonly MatchableEntry[], lexicon: Lexicon, previous?: KnowledgeIndex): KnowledgeIndex {
  return KnowledgeIndex.build(entries, lexicon, previous);
}
