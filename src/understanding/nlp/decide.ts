import type { ScoredCandidate } from './knowledgeIndex';

/** partial: see structure.ts (decide itself never returns it). */
export type Decision = 'answer' | 'clarify' | 'fallback' | 'partial';

/** Score thresholds on the 0..1 matching scale; the app config may override them. */
export interface MatchThresholds {
  /** The best entry is answered only from this score up... */
  answerMin: number;
  /** ...and only when it leads the runner-up by at least this much. */
  minMargin: number;
  /** Entries from this score up are worth offering when the citizen is asked which one was meant. */
  clarifyMin: number;
  /** Offered entries are at most this far below the best one. */
  clarifyWindow: number;
}

export const DEFAULT_MATCH_THRESHOLDS: Readonly<MatchThresholds> = Object.freeze({
  answerMin: 0.375,
  minMargin: 0.06,
  clarifyMin: 0.3,
  clarifyWindow: 0.1,
});

/** Score differences are compared with this tolerance, so that 0.6 − 0.5 counts as a margin of 0.1. */
const EPSILON = 1e-9;

/** At most this many entries are offered in one clarifying question. */
export const MAX_CLARIFY_CANDIDATES = 3;

export interface GateResult {
  decision: Exclude<Decision, 'partial'>;
  entry: string | null;
  /** answer: the entry and close runners-up (related questions); clarify: the entries offered; fallback: none. */
  candidates: ScoredCandidate[];
}

/**
 * The last stage: answer only when one entry is both good and clearly better than the next, ask
 * which one was meant when several are close and good enough, and otherwise admit not knowing —
 * a wrong policy answer costs more than no answer. `ranked` is best first.
 */
export function decide(ranked: readonly ScoredCandidate[], thresholds: MatchThresholds): GateResult {
  const [best, second] = ranked;
  if (!best || best.score < thresholds.clarifyMin) return { decision: 'fallback', entry: null, candidates: [] };
  const close = ranked
    .filter((candidate) => candidate.score >= thresholds.clarifyMin && best.score - candidate.score <= thresholds.clarifyWindow + EPSILON)
    .slice(0, MAX_CLARIFY_CANDIDATES);
  if (best.score >= thresholds.answerMin && (!second || best.score - second.score >= thresholds.minMargin - EPSILON)) {
    return { decision: 'answer', entry: best.entry, candidates: close };
  }
  return { decision: 'clarify', entry: null, candidates: close };
}
