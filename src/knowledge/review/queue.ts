import type { AskedQuestion } from '../../../entities';
import { scrubPersonalText } from '../../staff/audit/personalData';
import { askedLabelKey, labelKeyOf } from '../labels';

/** Why a question is in the review queue. */
export const REVIEW_REASONS = [
  'unanswered',
  'unresolved-clarify',
  'not-helpful',
  'rephrased',
  'small-margin',
  'operator-answered',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** Why a question is in the review queue, as interpreters read it. */
export const REVIEW_REASON_LABELS: Record<ReviewReason, string> = {
  unanswered: '未能回答',
  'unresolved-clarify': '追问后未选择',
  'not-helpful': '群众反馈没用',
  rephrased: '群众换了说法再问',
  'small-margin': '与次优条目分差很小',
  'operator-answered': '转人工后由话务员答复',
};

/** Another knowledge question this soon after an answer, on the same subject, is taken for a rephrase. */
export const REPHRASE_WITHIN_MS = 2 * 60_000;
/** A hand-off requested this soon after a knowledge question is about that question. */
export const HANDOFF_AFTER_QUESTION_MS = 10 * 60_000;

export interface ReviewSignals {
  /** "没用" after an answer: conversation, entry, when. */
  notHelpful: { conversationId: string; entryKey: string; at: Date }[];
  /** Hand-offs an operator answered in: the conversation and when the citizen asked for one. */
  operatorAnswered: { conversationId: string; requestedAt: Date }[];
  /** An answer leading the runner-up by less than this is doubtful. */
  smallMargin: number;
  /** Normalized texts interpreters have labelled already: out of the queue. */
  labelled: ReadonlySet<string>;
}

export interface ReviewItem {
  /** The group: questions with the same content terms (or the same normalized text). */
  key: string;
  count: number;
  /** Distinct texts, personal data masked, most asked first. */
  texts: { text: string; count: number }[];
  reasons: Partial<Record<ReviewReason, number>>;
  firstAt: Date;
  lastAt: Date;
  /** What the bot did the last time. */
  bot: { decision: string; entry: string | null; section: string | null; score: number; candidates: { entry: string; score: number }[] };
  /** The asked questions of the group, for the action. */
  questionIds: number[];
}

const sharesTerm = (a: AskedQuestion, b: AskedQuestion) => a.terms.some((term) => b.terms.includes(term));

/** Each question's review reasons, from what followed it in its conversation. `asked` is oldest first. */
export function reasonsOf(asked: readonly AskedQuestion[], signals: ReviewSignals): Map<AskedQuestion, Set<ReviewReason>> {
  const reasons = new Map<AskedQuestion, Set<ReviewReason>>();
  const flag = (question: AskedQuestion | undefined, reason: ReviewReason) => {
    if (!question) return;
    const set = reasons.get(question) ?? new Set<ReviewReason>();
    reasons.set(question, set.add(reason));
  };
  const byConversation = new Map<string, AskedQuestion[]>();
  for (const question of asked)
    byConversation.set(question.conversationId, [...(byConversation.get(question.conversationId) ?? []), question]);

  for (const thread of byConversation.values()) {
    thread.forEach((question, i) => {
      if (question.via !== null) return;
      const next = thread[i + 1];
      if (question.decision === 'fallback') flag(question, 'unanswered');
      if (question.decision === 'clarify' && next?.via !== 'clarify') flag(question, 'unresolved-clarify');
      if (question.decision !== 'answer') return;
      const [best, second] = question.match.candidates;
      if (best && second && best.score - second.score < signals.smallMargin) flag(question, 'small-margin');
      if (
        next &&
        next.via === null &&
        next.askedAt.getTime() - question.askedAt.getTime() <= REPHRASE_WITHIN_MS &&
        sharesTerm(question, next)
      )
        flag(question, 'rephrased');
    });
  }
  // The question last answered with that entry before the feedback.
  for (const feedback of signals.notHelpful) {
    const before = (byConversation.get(feedback.conversationId) ?? []).filter(
      (q) => q.via === null && q.entryKey === feedback.entryKey && q.askedAt <= feedback.at,
    );
    flag(before.at(-1), 'not-helpful');
  }
  // The last knowledge question shortly before the citizen asked for a person.
  for (const handoff of signals.operatorAnswered) {
    const from = handoff.requestedAt.getTime() - HANDOFF_AFTER_QUESTION_MS;
    const before = (byConversation.get(handoff.conversationId) ?? []).filter(
      (q) => q.via === null && q.askedAt <= handoff.requestedAt && q.askedAt.getTime() >= from,
    );
    flag(before.at(-1), 'operator-answered');
  }
  return reasons;
}

/**
 * The group a question belongs to: its content terms, or its normalized text when it has none. The
 * key is shown, so terms that masking removes from the text (a name, a phone number) are left out.
 */
function groupKeyOf(question: Pick<AskedQuestion, 'text' | 'terms'>, masked: string): string {
  const terms = [...new Set(question.terms)].filter((term) => masked.includes(term) || !question.text.includes(term));
  return terms.length ? terms.sort().join(' ') : labelKeyOf(masked);
}

/**
 * The review queue: the questions the bot did not understand or probably got wrong, near-identical
 * ones grouped with their counts, most frequent first; texts with personal data masked; questions
 * labelled already are left out.
 */
export function reviewQueue(asked: readonly AskedQuestion[], signals: ReviewSignals): ReviewItem[] {
  const groups = new Map<string, { questions: AskedQuestion[]; reasons: Map<ReviewReason, number> }>();
  for (const [question, reasons] of reasonsOf(asked, signals)) {
    if (signals.labelled.has(askedLabelKey(question.text))) continue;
    const masked = scrubPersonalText(question.text);
    const key = groupKeyOf(question, masked);
    const group = groups.get(key) ?? { questions: [] as AskedQuestion[], reasons: new Map<ReviewReason, number>() };
    group.questions.push(question);
    for (const reason of reasons) group.reasons.set(reason, (group.reasons.get(reason) ?? 0) + 1);
    groups.set(key, group);
  }
  const items = [...groups].map(([key, { questions, reasons }]): ReviewItem => {
    const sorted = [...questions].sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime() || a.id - b.id);
    const last = sorted[sorted.length - 1];
    const texts = new Map<string, number>();
    for (const question of sorted) {
      const masked = scrubPersonalText(question.text);
      texts.set(masked, (texts.get(masked) ?? 0) + 1);
    }
    return {
      key,
      count: sorted.length,
      texts: [...texts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count),
      reasons: Object.fromEntries(REVIEW_REASONS.filter((reason) => reasons.has(reason)).map((reason) => [reason, reasons.get(reason)])),
      firstAt: sorted[0].askedAt,
      lastAt: last.askedAt,
      bot: {
        decision: last.decision,
        entry: last.entryKey,
        section: last.section,
        score: last.match.score,
        candidates: last.match.candidates,
      },
      questionIds: sorted.map((question) => question.id),
    };
  });
  return items.sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime());
}
