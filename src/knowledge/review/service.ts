import { In, MoreThanOrEqual } from 'typeorm';
import { EntryFeedback, HandoffThread, Message, type AskedQuestion, type LabelledQuestion } from '../../../entities';
import type { LabelVerdict } from '../../../entities/LabelledQuestion';
import type { AuditActor } from '../../staff/audit/repository';
import type { Database, Transaction } from '../../platform/db/database';
import { addDays, dayOfWeek, shanghaiStartOfDay, toShanghaiDate, type IsoDate } from '../../platform/calendar/dates';
import { DomainError } from '../../platform/domainError';
import { changeKnowledge, type KbDeps } from '../service';
import type { EntryFileEntry, SectionName } from '../../../entities/knowledgeEntryFile';
import { isRight, statsOf, type EvalOutcome, type EvalStats } from '../evaluation';
import { askedLabelKey, type QuestionLabel } from '../labels';
import { knowledgeEntries, toFileEntry } from '../repository';
import { reviewQueue, type ReviewItem } from './queue';
import { askedQuestions, labelledQuestions, targetProblem, type LabelOutcome } from '../questionRepository';

export interface ReviewDeps extends KbDeps {
  /** An answer leading the runner-up by less than this goes to the review queue (twice WENZHENG_MATCH_MIN_MARGIN). */
  smallMargin: number;
}

/** The review queue over questions asked since `since`. */
export async function loadReviewQueue(deps: ReviewDeps, since: Date): Promise<ReviewItem[]> {
  return deps.db.transaction(async (tx) => {
    const asked = await askedQuestions.since(tx, since);
    const feedback = await tx.find(EntryFeedback, { where: { helpful: false, createdAt: MoreThanOrEqual(since) } });
    const threads = await tx.find(HandoffThread, { where: { requestedAt: MoreThanOrEqual(since) } });
    const replies = threads.length
      ? await tx.find(Message, {
          select: { conversationId: true, createdAt: true },
          where: {
            conversationId: In([...new Set(threads.map((t) => t.conversationId))]),
            author: 'operator',
            createdAt: MoreThanOrEqual(since),
          },
        })
      : [];
    // A hand-off the operator answered in: an operator's message after the request, while the thread was open.
    const operatorAnswered = threads.filter((thread) =>
      replies.some(
        (m) =>
          m.conversationId === thread.conversationId &&
          m.createdAt >= thread.requestedAt &&
          (!thread.closedAt || m.createdAt <= thread.closedAt),
      ),
    );
    const labelled = new Set((await labelledQuestions.all(tx)).map((label) => label.textKey));
    return reviewQueue(asked, {
      notHelpful: feedback.map((f) => ({ conversationId: f.conversationId, entryKey: f.entryKey, at: f.createdAt })),
      operatorAnswered: operatorAnswered.map((t) => ({ conversationId: t.conversationId, requestedAt: t.requestedAt })),
      smallMargin: deps.smallMargin,
      labelled,
    });
  });
}

export type ReviewAction = 'assign' | 'confirm' | 'out-of-scope';

const VERDICT: Record<ReviewAction, LabelVerdict> = { assign: 'assigned', confirm: 'confirmed', 'out-of-scope': 'out-of-scope' };

export interface LabelSummary {
  labelled: { id: number; text: string; outcome: LabelOutcome }[];
}

/**
 * One action on a review item (its asked questions): each distinct text becomes a labelled question
 * (masked, without who asked), audited, and the knowledge revision moves so that every instance's
 * matcher uses the labels within its reload interval.
 */
export async function labelAsked(
  deps: KbDeps,
  input: { questionIds: number[]; action: ReviewAction; entry?: string | null; section?: SectionName | null },
  who: AuditActor,
): Promise<LabelSummary> {
  return changeKnowledge(deps, async (tx) => {
    const asked = await askedQuestions.byIds(tx, input.questionIds);
    const missing = input.questionIds.filter((id) => !asked.some((q) => q.id === id));
    if (missing.length) throw new DomainError('notFound', 'question_not_found', `no asked question ${missing.join(', ')}`, 'questionIds');
    const section = input.section ?? null;
    if (input.action === 'assign') {
      if (!input.entry)
        throw new DomainError('invalid', 'invalid_request', 'entry: the entry the question belongs to is required', 'entry');
      const problem = await targetProblem(tx, input.entry, section);
      if (problem) throw new DomainError('unprocessable', problem.code, problem.message, problem.field);
    }
    const now = deps.now();
    const labelled: LabelSummary['labelled'] = [];
    for (const question of asked) {
      const entry =
        input.action === 'out-of-scope' ? null : input.action === 'assign' ? (input.entry as string) : (input.entry ?? question.entryKey);
      if (input.action === 'confirm' && (question.decision !== 'answer' || !entry)) {
        throw new DomainError(
          'invalid',
          'not_answered',
          `question ${question.id} was not answered: say which entry it belongs to instead`,
          'questionIds',
        );
      }
      const { outcome, row } = await labelledQuestions.save(
        tx,
        {
          text: question.text,
          entry,
          section: input.action === 'out-of-scope' ? null : (section ?? (input.action === 'confirm' ? question.section : null)),
          verdict: VERDICT[input.action],
          askedAt: question.askedAt,
        },
        who,
        now,
      );
      if (!labelled.some((l) => l.id === row.id)) labelled.push({ id: row.id, text: row.text, outcome });
    }
    return { result: { labelled }, changed: labelled.some((l) => l.outcome !== 'unchanged') };
  });
}

export function labelView(row: LabelledQuestion) {
  return {
    id: row.id,
    text: row.text,
    entry: row.entryKey,
    section: row.section,
    verdict: row.verdict,
    askedAt: row.askedAt?.toISOString() ?? null,
    labelledAt: row.labelledAt.toISOString(),
    labelledBy: row.labelledBy,
    version: row.version,
  };
}

export async function listLabels(db: Database) {
  return (await db.transaction((tx) => labelledQuestions.all(tx))).map(labelView);
}

export async function deleteLabel(deps: KbDeps, id: number, who: AuditActor): Promise<void> {
  await changeKnowledge(deps, async (tx) => {
    const row = await labelledQuestions.byId(tx, id);
    if (!row) throw new DomainError('notFound', 'label_not_found', `no labelled question ${id}`);
    await labelledQuestions.remove(tx, row, who, deps.now());
    return { result: undefined, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// The city's own evaluation set

/** The Monday (city time) of the week `at` falls in. */
export function weekOf(at: Date): IsoDate {
  const day = toShanghaiDate(at);
  return addDays(day, -((dayOfWeek(day) + 6) % 7));
}

export interface LabelEvaluation {
  /** The bot as it answers now, on every labelled question. */
  overall: EvalStats;
  /**
   * The bot as it answered at the time, week by week (Monday, city time; oldest first): the questions
   * citizens asked that week whose text has a label, each asking counted. Quality over time: a
   * question labelled after it was answered wrongly counts as right in the weeks after.
   */
  weeks: { week: IsoDate; stats: EvalStats }[];
}

type Matcher = (text: string, now: Date) => { decision: string; entry: string | null; section: string | null };

/** Top-1, wrong answers and rejection (src/knowledge/evaluation.ts) on the labelled questions: now, and as asked in each of the last weeks. */
export function evaluateLabels(
  labels: readonly LabelledQuestion[],
  asked: readonly AskedQuestion[],
  match: Matcher,
  now: Date,
  weeks: number,
): LabelEvaluation {
  const expected = (label: LabelledQuestion) => ({ entry: label.entryKey, section: label.section });
  const byKey = new Map(labels.map((label) => [label.textKey, label]));
  // The questions as the citizen asked them: not a pick from a "which one" list, nor a follow-up on the last answer.
  const askings = asked.flatMap((question) => {
    const label = question.via === null ? byKey.get(askedLabelKey(question.text)) : undefined;
    if (!label) return [];
    const result = { decision: question.decision, entry: question.entryKey, section: question.section };
    return [{ week: weekOf(question.askedAt), outcome: { question: expected(label), result } }];
  });
  const firstWeek = addDays(weekOf(now), -7 * (weeks - 1));
  return {
    overall: statsOf(labels.map((label) => ({ question: expected(label), result: match(label.text, now) }))),
    weeks: Array.from({ length: weeks }, (_, i) => {
      const week = addDays(firstWeek, 7 * i);
      return { week, stats: statsOf(askings.filter((a) => a.week === week).map((a) => a.outcome)) };
    }),
  };
}

export async function evaluateStoredLabels(deps: KbDeps, weeks: number): Promise<LabelEvaluation> {
  await deps.knowledge.refresh();
  const now = deps.now();
  const { labels, asked } = await deps.db.transaction(async (tx) => ({
    labels: await labelledQuestions.all(tx),
    asked: await askedQuestions.since(tx, shanghaiStartOfDay(addDays(weekOf(now), -7 * (weeks - 1)))),
  }));
  return evaluateLabels(labels, asked, (text, at) => deps.knowledge.match(text, at), now, weeks);
}

// ---------------------------------------------------------------------------------------------
// Before publishing: what a change does to the labelled questions

export const IMPACT_KINDS = ['better', 'worse', 'changed'] as const;
export type ImpactKind = (typeof IMPACT_KINDS)[number];

/** What an unpublished change does to a labelled question. */
export const IMPACT_LABELS: Record<ImpactKind, string> = { better: '变好', worse: '变差', changed: '有变化' };

export interface ImpactItem {
  labelId: number;
  text: string;
  expected: { entry: string | null; section: string | null };
  before: { decision: string; entry: string | null; section: string | null };
  after: { decision: string; entry: string | null; section: string | null };
  impact: ImpactKind;
}

/** The labelled questions the bot answers differently with `after` than it does now: better, worse or changed. */
function compareWithLive(deps: KbDeps, rows: readonly LabelledQuestion[], after: Matcher): ImpactItem[] {
  const now = deps.now();
  const pick = (r: { decision: string; entry: string | null; section: string | null }) => ({
    decision: r.decision,
    entry: r.entry,
    section: r.section,
  });
  return rows.flatMap((row): ImpactItem[] => {
    const question = { entry: row.entryKey, section: row.section };
    const was = pick(deps.knowledge.match(row.text, now));
    const will = pick(after(row.text, now));
    if (was.decision === will.decision && was.entry === will.entry && was.section === will.section) return [];
    const right = (result: EvalOutcome['result']) => isRight({ question, result });
    const impact: ImpactKind = right(will) && !right(was) ? 'better' : right(was) && !right(will) ? 'worse' : 'changed';
    return [{ labelId: row.id, text: row.text, expected: question, before: was, after: will, impact }];
  });
}

/**
 * Which labelled questions the bot would answer differently with `entry` saved as given: better
 * (now right), worse (right before, not after) or changed (otherwise different), against a
 * temporary index with the change applied; the live index is left alone.
 */
export async function impactOf(deps: KbDeps, entry: EntryFileEntry): Promise<ImpactItem[]> {
  await deps.knowledge.refresh();
  const rows = await deps.db.transaction((tx) => labelledQuestions.all(tx));
  if (rows.length === 0) return [];
  const { entries, labels } = deps.knowledge.snapshot;
  const draft = [...entries.filter((e) => e.key !== entry.key), entry];
  return compareWithLive(deps, rows, deps.knowledge.whatIf(draft, labels as QuestionLabel[]));
}

/** 409 listing the labelled questions a change would make worse. */
function worseConflict(worse: readonly ImpactItem[]): DomainError {
  return new DomainError(
    'conflict',
    'labelled_questions_worse',
    `这次修改会使 ${worse.length} 个已标注问题答错或答不上；确认后加 confirmWorse=true 再提交`,
    'confirmWorse',
    worse.map((item) => ({
      field: `labels.${item.labelId}`,
      code: 'worse',
      message: `“${item.text}”：应由 ${item.expected.entry ?? '（不答复）'} 回答，修改后${item.after.decision === 'answer' ? `由 ${item.after.entry} 回答` : '不再直接回答'}`,
    })),
  );
}

const worseOf = (items: readonly ImpactItem[]) => items.filter((item) => item.impact === 'worse');

/** 409 listing the labelled questions a change would make worse, unless the interpreter confirmed it. */
export async function guardAgainstWorse(deps: KbDeps, entry: EntryFileEntry, confirmed: boolean): Promise<void> {
  if (confirmed) return;
  const worse = worseOf(await impactOf(deps, entry));
  if (worse.length) throw worseConflict(worse);
}

/**
 * The same check for an import, in its transaction once the file is applied: the entries and labels
 * as they would be against the live matcher (refreshed by the caller before the transaction).
 */
export async function guardImportAgainstWorse(deps: KbDeps, tx: Transaction, confirmed: boolean): Promise<void> {
  if (confirmed) return;
  const rows = await labelledQuestions.all(tx);
  if (rows.length === 0) return;
  const entries = (await knowledgeEntries.all(tx)).map(toFileEntry);
  const after = deps.knowledge.whatIf(
    entries,
    rows.map((row) => ({ text: row.text, entry: row.entryKey })),
  );
  const worse = worseOf(compareWithLive(deps, rows, after));
  if (worse.length) throw worseConflict(worse);
}

export const startOfReview = (days: number, now: Date) => shanghaiStartOfDay(addDays(toShanghaiDate(now), -days + 1));
