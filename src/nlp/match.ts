import type { SectionName } from '../knowledge/entryFile';
import type { ElsewherePlace, Places } from '../places/places';
import { isAnswerable, shanghaiDate } from './availability';
import { decide, DEFAULT_MATCH_THRESHOLDS, type Decision, type MatchThresholds } from './decide';
import type { KnowledgeIndex, MatchableEntry, ScoredCandidate } from './knowledgeIndex';
import { normalize, readLatin, type LatinVocabulary } from './normalize';
import { detectSection } from './sections';
import { analyzeNormalized } from './segment';
import { pinyinWord } from './typos';

export interface MatchOptions {
  /** Decides which entries are valid today (Asia/Shanghai calendar days). */
  now: Date;
  thresholds?: MatchThresholds;
  /** Editors' preview: drafts may be answered too (archived entries never are). */
  includeDrafts?: boolean;
  /** This city and the places it tells apart from others (config/city.yaml); without it, places are words like others. */
  places?: Places;
}

export interface MatchResult {
  /** 'elsewhere': the question asks about another city's or province's policy (see `place`). */
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
  /** With 'elsewhere': the place asked about. */
  place?: ElsewherePlace;
}

/** How many ranked entries the gate looks at: enough to offer MAX_CLARIFY_CANDIDATES and judge the margin. */
const RANKED = 4;

/** Latin letters in a question are read with the index's vocabulary (dibao → 低保). */
function latinVocabulary(index: KnowledgeIndex): LatinVocabulary {
  return { isKnown: (word) => index.knownWords.isKnown(word), pinyinWord: (latin) => pinyinWord(latin, index.typoModel) };
}

/** The whole pipeline: normalize → read Latin letters → (places) → analyze (segment, typos, synonyms, stop words) → rank → decide → section. */
export function matchQuestion(index: KnowledgeIndex, text: string, options: MatchOptions): MatchResult {
  const { lexicon } = index;
  const normalized = normalize(text);
  const question = readLatin(normalized, latinVocabulary(index));
  const placed = options.places?.read(question, lexicon);
  const terms = [...new Set(analyzeNormalized(placed?.text ?? question, lexicon, index))];
  const today = shanghaiDate(options.now);
  const thresholds = options.thresholds ?? DEFAULT_MATCH_THRESHOLDS;
  // Entries below both bounds change no decision: one below answerMin − minMargin leaves any answer's margin intact.
  const minScore = Math.min(thresholds.clarifyMin, thresholds.answerMin - thresholds.minMargin);
  const ranked = index.rank(terms, (entry) => isAnswerable(entry, today, options.includeDrafts), RANKED, minScore);
  const decided = decide(ranked, thresholds);
  const { gate, place } = placed && options.places ? options.places.judge(placed, decided, ranked, thresholds.answerMin, index) : { gate: decided, place: undefined };
  if (place) return { decision: 'elsewhere', entry: null, section: null, score: ranked[0]?.score ?? 0, candidates: [], terms, place };
  let section: SectionName | null = null;
  if (gate.decision === 'answer' && gate.entry !== null) {
    const entry = index.entry(gate.entry);
    section = entry?.sections ? detectSection(normalized, lexicon, entry.kind, new Set(Object.keys(entry.sections) as SectionName[])) : null;
  } else if (gate.decision === 'clarify') {
    section = detectSection(normalized, lexicon);
  }
  return { decision: gate.decision, entry: gate.entry, section, score: ranked[0]?.score ?? 0, candidates: gate.candidates, terms };
}

/**
 * Entries ranked for a search box (the citizen API): the bot's own analysis and scores, without
 * the decision gate, over what the bot may answer today and `accept` lets through.
 */
export function searchEntries(index: KnowledgeIndex, text: string, options: { now: Date; limit: number; accept?: (entry: MatchableEntry) => boolean }): ScoredCandidate[] {
  const terms = [...new Set(analyzeNormalized(readLatin(normalize(text), latinVocabulary(index)), index.lexicon, index))];
  const today = shanghaiDate(options.now);
  return index.rank(terms, (entry) => isAnswerable(entry, today) && (options.accept?.(entry) ?? true), options.limit);
}
