import type { Lexicon } from './lexicon';
import { analyze } from './segment';

export interface UnansweredQuestion {
  text: string;
  at: Date;
}

export interface UnansweredGroup {
  /** The terms the group's questions share, the defining one first. */
  terms: string[];
  count: number;
  /** Up to MAX_EXAMPLES distinct texts, most recent first. */
  examples: string[];
  lastAt: Date;
}

const MAX_EXAMPLES = 3;

/**
 * Groups questions the bot could not answer by the key terms they share, most frequent first, so
 * that interpreters see which knowledge is missing (公积金炒股 ×12, 养狗办证 ×7...).
 *
 * Greedy: the term most of the still ungrouped questions contain defines the next group (ties: the
 * longer term, then character order), which takes every ungrouped question containing it. Section
 * words (材料, 电话) never define a group: they say what is asked, not about what. Questions without
 * any content term (greetings, noise) are left out.
 */
export function groupUnanswered(questions: readonly UnansweredQuestion[], lexicon: Lexicon): UnansweredGroup[] {
  const analyzed = questions
    .map((question) => ({ question, terms: new Set(analyze(question.text, lexicon)) }))
    .filter(({ terms }) => terms.size > 0);
  const groups: UnansweredGroup[] = [];
  let ungrouped = analyzed;
  while (ungrouped.length > 0) {
    const counts = new Map<string, number>();
    for (const { terms } of ungrouped) {
      for (const term of terms) if (!lexicon.aspectTerms.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    const key = [...counts].sort(
      ([a, countA], [b, countB]) => countB - countA || b.length - a.length || (a < b ? -1 : a > b ? 1 : 0),
    )[0]?.[0];
    const members = key === undefined ? ungrouped : ungrouped.filter(({ terms }) => terms.has(key));
    ungrouped = key === undefined ? [] : ungrouped.filter(({ terms }) => !terms.has(key));
    groups.push(describeGroup(members, key));
  }
  return groups.sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime());
}

function describeGroup(members: { question: UnansweredQuestion; terms: Set<string> }[], key: string | undefined): UnansweredGroup {
  const counts = new Map<string, number>();
  for (const { terms } of members) for (const term of terms) if (term !== key) counts.set(term, (counts.get(term) ?? 0) + 1);
  // Other terms join the label when most of the group's questions have them.
  const shared = [...counts]
    .filter(([, count]) => count > members.length / 2)
    .sort(([, a], [, b]) => b - a)
    .map(([term]) => term);
  const recentFirst = [...members].sort((a, b) => b.question.at.getTime() - a.question.at.getTime());
  return {
    terms: key === undefined ? shared : [key, ...shared],
    count: members.length,
    examples: [...new Set(recentFirst.map(({ question }) => question.text))].slice(0, MAX_EXAMPLES),
    lastAt: recentFirst[0].question.at,
  };
}
