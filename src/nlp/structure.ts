import { decide, type GateResult, type MatchThresholds } from './decide';
import type { KnowledgeIndex, MatchableEntry, ScoredCandidate } from './knowledgeIndex';

/**
 * What a question asks, read from the terms of the clauses that ask (see story.ts): the subjects
 * (the things it is about) and the actions (what is to be done with them: 提取, 补办, 注销…).
 */
export interface QuestionStructure {
  /** Content terms that can name a thing (isSubjectWord), with their weight (IDF). */
  readonly subjects: readonly { readonly term: string; readonly weight: number }[];
  /** The standard actions it names (lexicon.actionOf). */
  readonly actions: readonly string[];
}

/** A word no entry has counts this much of its (highest) IDF as a subject: it may be a word the lexicon lacks. */
const UNKNOWN_SUBJECT_SHARE = 0.5;

/**
 * Whether a content term can name what a question is about: neither an action, an action word
 * (办理) nor a section cue, and not a single character (做, 写: too vague to name a thing).
 */
export function isSubjectWord(term: string, index: KnowledgeIndex): boolean {
  const { lexicon } = index;
  return term.length >= 2 && !lexicon.actionOf.has(term) && !lexicon.aspectTerms.has(term) && !lexicon.actionWords.has(term);
}

export function readStructure(terms: readonly string[], index: KnowledgeIndex): QuestionStructure {
  const { lexicon } = index;
  const actions = new Set<string>();
  const subjects: { term: string; weight: number }[] = [];
  for (const term of new Set(terms)) {
    const action = lexicon.actionOf.get(term);
    if (action !== undefined) actions.add(action);
    else if (isSubjectWord(term, index)) {
      subjects.push({ term, weight: index.termWeight(term) * (index.isHeadTerm(term) ? 1 : UNKNOWN_SUBJECT_SHARE) });
    }
  }
  return { subjects, actions: [...actions] };
}

/**
 * An entry answers or is offered only when it covers at least this share of the question's subject
 * weight (see subjectCoverage): sharing one word (补贴) of 老年人高龄补贴 is a near miss, not an answer.
 */
export const MIN_SUBJECT_COVERAGE = 0.3;

/** The IDF-weighted share of the question's subjects an entry covers (KnowledgeIndex.coverage); 1 without subjects. */
export function subjectCoverage(structure: QuestionStructure, entry: string, index: KnowledgeIndex): number {
  let total = 0;
  let covered = 0;
  for (const { term, weight } of structure.subjects) {
    total += weight;
    covered += weight * index.coverage(entry, term);
  }
  return total === 0 ? 1 : covered / total;
}

/** The gate's result, or 'partial': entries cover the question's subject, none what it asks about it. */
export type StructuredGate =
  GateResult | { decision: 'partial'; entry: null; candidates: ScoredCandidate[]; subject: string; offers: MatchableEntry[] };

/** At most this many entries are listed in a partial reply. */
export const MAX_PARTIAL_OFFERS = 6;

/**
 * The gate's decision checked against what is asked. It never answers more than the gate: it
 * only stops an answer or an offer that does not cover the question —
 * - subjects: the entry covers at least MIN_SUBJECT_COVERAGE of the question's subject weight, so
 *   an entry sharing only a side word is a near miss, neither answered nor offered;
 * - action: when the question names one, the entry has it (in any field), or its head names no
 *   action at all (it is about the subject as a whole).
 * An answer that covers the subject but not the action goes to the ranked sibling that covers both
 * (低保 申请 / 标准); without one, the decision is 'partial': what can be answered about the
 * subject, instead of a wrong answer. A clarifying question offers only covering entries, and
 * becomes a fallback when none is left.
 */
export function decideByStructure(
  ranked: readonly ScoredCandidate[],
  structure: QuestionStructure,
  index: KnowledgeIndex,
  thresholds: MatchThresholds,
  isEligible: (entry: MatchableEntry) => boolean,
): StructuredGate {
  const gate = decide(ranked, thresholds);
  if (gate.decision === 'fallback') return gate;
  const covers = (candidate: ScoredCandidate) => subjectCoverage(structure, candidate.entry, index) >= MIN_SUBJECT_COVERAGE;
  const fits = (candidate: ScoredCandidate) => {
    if (structure.actions.length === 0) return true;
    const actions = index.actionsOf(candidate.entry);
    return (
      actions.length === 0 || structure.actions.some((action) => actions.includes(action) || index.coverage(candidate.entry, action) > 0)
    );
  };
  const fallback: GateResult = { decision: 'fallback', entry: null, candidates: [] };
  const pool = gate.decision === 'answer' ? ranked.filter((candidate) => candidate.score >= thresholds.clarifyMin) : gate.candidates;
  const covering = pool.filter(covers);
  const fitting = covering.filter(fits);
  if (gate.decision === 'answer') {
    const best = ranked[0];
    if (covers(best) && fits(best)) return gate;
    if (covers(best))
      return fitting.length > 0
        ? { decision: 'answer', entry: fitting[0].entry, candidates: fitting }
        : (partial(best, structure, index, isEligible) ?? fallback);
    // The best entry is a near miss: the gate decides again among the entries that cover the question.
    return decide(fitting, thresholds);
  }
  if (fitting.length > 0) return { decision: 'clarify', entry: null, candidates: fitting };
  return covering.length > 0 ? (partial(covering[0], structure, index, isEligible) ?? fallback) : fallback;
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
  return subject === undefined || offers.length === 0 ? null : { decision: 'partial', entry: null, candidates: [], subject, offers };
}
