import { cachedKnowledgeIndex } from '../understanding/nlp/indexCache';
import { buildKnowledgeIndex, type KnowledgeIndex } from '../understanding/nlp/knowledgeIndex';
import type { Lexicon } from '../understanding/nlp/lexicon';
import { matchQuestion, type MatchOptions, type MatchResult } from '../understanding/nlp/match';
import { normalize } from '../understanding/nlp/normalize';
import { scrubPersonalText } from '../staff/audit/personalData';
import type { EntryFileEntry } from '../../entities/knowledgeEntryFile';

/** A labelled question as matching needs it: which entry should answer it (null: out of scope). */
export interface QuestionLabel {
  text: string;
  entry: string | null;
}

/** The same question in other punctuation, width, script or case has one key (at most 191 characters, the column's size). */
export function labelKeyOf(text: string): string {
  return normalize(text).replace(/ /g, '').slice(0, 191);
}

/** The label key of a question as asked: its text masked as a label's is, then normalized. */
export const askedLabelKey = (text: string) => labelKeyOf(scrubPersonalText(text.trim()));

/**
 * Entries with their labelled questions added to their example questions: how a label reaches the
 * matcher (the index is rebuilt on every knowledge revision, and labelling moves the revision).
 */
export function withLabelledExamples(entries: readonly EntryFileEntry[], labels: readonly QuestionLabel[]): EntryFileEntry[] {
  const byEntry = new Map<string, string[]>();
  for (const label of labels) if (label.entry !== null) byEntry.set(label.entry, [...(byEntry.get(label.entry) ?? []), label.text]);
  return entries.map((entry) => {
    const extra = byEntry.get(entry.key)?.filter((text) => !entry.questions.includes(text));
    return extra?.length ? { ...entry, questions: [...entry.questions, ...extra] } : entry;
  });
}

/** Shared content terms over all content terms: from this much on, two questions are the same question. */
const NEAR_IDENTICAL = 0.75;

/** Out-of-scope labels, and whether a question is (nearly) one of them. */
export class OutOfScopeLabels {
  private readonly keys: Set<string>;
  private readonly termSets: Set<string>[];

  constructor(labels: readonly { text: string; terms: readonly string[] }[]) {
    this.keys = new Set(labels.map((label) => labelKeyOf(label.text)));
    this.termSets = labels.filter((label) => label.terms.length > 0).map((label) => new Set(label.terms));
  }

  get size(): number {
    return this.keys.size;
  }

  /** The same normalized text, or nearly the same content terms (Jaccard ≥ 0.75). */
  covers(text: string, terms: readonly string[]): boolean {
    if (this.keys.has(labelKeyOf(text))) return true;
    if (terms.length === 0) return false;
    const asked = new Set(terms);
    return this.termSets.some((label) => {
      let shared = 0;
      for (const term of asked) if (label.has(term)) shared++;
      return shared / (label.size + asked.size - shared) >= NEAR_IDENTICAL;
    });
  }

  /** The bot declines what interpreters labelled out of scope: an answer or a clarify becomes a fallback. */
  apply(text: string, result: MatchResult): MatchResult {
    if (result.decision === 'fallback' || this.size === 0 || !this.covers(text, result.terms)) return result;
    return { ...result, decision: 'fallback', entry: null, section: null, declined: 'out-of-scope' };
  }
}

/** An index over the entries with their labelled examples, and the out-of-scope labels to decline. */
export interface LabelledIndex {
  index: KnowledgeIndex;
  outOfScope: OutOfScopeLabels;
}

/**
 * `previous`: the index these entries replace, whose analyses of unchanged entries are reused;
 * `{ matchingCode }` (a start, with no index yet): the index kept for the same entries and code, if any (indexCache.ts).
 */
export function buildLabelledIndex(
  entries: readonly EntryFileEntry[],
  labels: readonly QuestionLabel[],
  lexicon: Lexicon,
  previous?: KnowledgeIndex | { matchingCode: string },
): LabelledIndex & { entries: EntryFileEntry[] } {
  const examples = withLabelledExamples(entries, labels);
  const index =
    previous && 'matchingCode' in previous
      ? cachedKnowledgeIndex(examples, lexicon, previous.matchingCode)
      : buildKnowledgeIndex(examples, lexicon, previous);
  const now = new Date();
  const outOfScope = new OutOfScopeLabels(
    labels
      .filter((label) => label.entry === null)
      .map((label) => ({ text: label.text, terms: matchQuestion(index, label.text, { now }).terms })),
  );
  return { index, outOfScope, entries: examples };
}

/** The bot's match over a labelled index: the matcher's result, declined when it is out of scope. */
export function matchLabelled(labelled: LabelledIndex, text: string, options: MatchOptions): MatchResult {
  return labelled.outOfScope.apply(text, matchQuestion(labelled.index, text, options));
}
