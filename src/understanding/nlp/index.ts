/** Question matching: normalize → analyze (segment, typos, synonyms, stop words) → rank → decide → section. */
export { isAnswerable, shanghaiDate } from './availability';
export { decide, DEFAULT_MATCH_THRESHOLDS, MAX_CLARIFY_CANDIDATES, type Decision, type GateResult, type MatchThresholds } from './decide';
export { groupUnanswered, type UnansweredGroup, type UnansweredQuestion } from './gaps';
export { buildKnowledgeIndex, KnowledgeIndex, type MatchableEntry, type ScoredCandidate } from './knowledgeIndex';
export { createLexicon, LEXICON_FILES, loadLexicon, type Lexicon, type LexiconData, type SectionCue } from './lexicon';
export { matchQuestion, searchEntries, type MatchOptions, type MatchResult } from './match';
export { normalize, simplify } from './normalize';
export { detectSection } from './sections';
export {
  addSegmenterWords,
  prepareSegmenter,
  analyze,
  analyzeNormalized,
  canonicalTerm,
  characterBigrams,
  segment,
  splitUnknownTokens,
  subTerms,
  toTerms,
  type QueryVocabulary,
} from './segment';
export type { KnownWords } from './knownWords';
export { buildTypoModel, correctTypos, type TypoModel } from './typos';
