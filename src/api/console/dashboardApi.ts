/**
 * The console dashboard's read-only data, declared in the staff route registry like every other
 * staff route: messages per day and the engine's decision shares (any staff account), top entries
 * and top unanswered topics (interpreters), the hotline 三率 by department (operators) and
 * disclosure requests by status and deadline (disclosure officers); admins see all of it.
 *
 * Everything is computed in the app from portable queries (a time-window scan, GROUP BY on plain
 * columns), so it reads the same on SQLite and MySQL/MariaDB.
 */
import { MoreThanOrEqual } from 'typeorm';
import { z } from 'zod';
import { AskedQuestion, EntryFeedback, Message } from '../../../entities';
import type { Database } from '../../platform/db/database';
import type { DisclosureService } from '../../cases/disclosure/service';
import { STATUS_LABELS as DISCLOSURE_STATUS_LABELS } from '../../cases/disclosure/texts';
import { addDays, shanghaiStartOfDay, toShanghaiDate } from '../../platform/calendar/dates';
import { hotlineScore, type Rate } from '../../cases/hotline/rules/hotline';
import type { ApiRoute } from '../../platform/http/openapi';
import { tickets } from '../../cases/hotline/repository';
import type { HotlineService } from '../../cases/hotline/service';
import { countOverdue } from '../../cases/hotline/report';
import type { LiveKnowledge } from '../../knowledge/liveKnowledge';
import { knowledgeEntries, unansweredQuestions } from '../../knowledge/repository';
import { knowledgeUsage } from '../../knowledge/statistics';
import { groupUnanswered } from '../../understanding/nlp/gaps';
import { intQuery, staffRoute } from '../../staff/routing';
import { DECISION_LABELS } from '../../staff/labels';

export interface DashboardDeps {
  db: Database;
  knowledge: LiveKnowledge;
  hotline: HotlineService;
  disclosure: DisclosureService;
  now: () => Date;
}

/** How the engine's decision on a citizen message is counted on the dashboard. */
export const DECISION_GROUPS = [
  { code: 'answer', label: '已回答' },
  { code: 'clarify', label: DECISION_LABELS.clarify },
  { code: 'fallback', label: DECISION_LABELS.fallback },
  { code: 'intent', label: DECISION_LABELS.intent },
  { code: 'form', label: '表单办理' },
  { code: 'human', label: '人工接管' },
  { code: 'other', label: '其他' },
] as const;
export type DecisionGroup = (typeof DECISION_GROUPS)[number]['code'];

export function decisionGroupOf(meta: Record<string, unknown> | null): DecisionGroup {
  switch (meta?.decision) {
    case 'answer':
      return 'answer';
    case 'clarify':
      return 'clarify';
    case 'fallback':
      return 'fallback';
    case 'intent':
    case 'menu':
    case 'welcome':
      return 'intent';
    case 'intake':
    case 'submit':
    case 'leave':
      return 'form';
    case 'human':
      return 'human';
    default:
      return 'other';
  }
}

const DASHBOARD_READERS = {
  knowledge: ['interpreter', 'admin'],
  hotline: ['operator', 'admin'],
  disclosure: ['disclosure_officer', 'admin'],
} as const;

const windowQuery = z.object({ days: intQuery(1, 90).optional().describe('the last N days in city time, today included (default 14)') });

const rateSchema = z.object({
  numerator: z.number(),
  denominator: z.number().int(),
  rate: z.number().nullable().describe('null when nothing could be assessed'),
});
const countSchema = z.object({ code: z.string(), label: z.string(), count: z.number().int() });

/** The last `days` city days, oldest first, and the instant the first begins. */
function windowOf(now: Date, days: number): { dates: string[]; from: Date } {
  const today = toShanghaiDate(now);
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i - days + 1));
  return { dates, from: shanghaiStartOfDay(dates[0]!) };
}

const ratio = (r: Rate) => ({
  numerator: Number(r.numerator.toFixed(4)),
  denominator: r.denominator,
  rate: r.rate === null ? null : Number(r.rate.toFixed(4)),
});

export function dashboardRoutes(deps: DashboardDeps): ApiRoute[] {
  const { db, knowledge, hotline, disclosure, now } = deps;

  return [
    staffRoute({
      method: 'get',
      path: '/api/v1/dashboard/conversations',
      operationId: 'dashboardConversations',
      tag: 'dashboard',
      summary: "Messages per city day and the shares of the engine's decisions on citizens' messages (answered / clarified / fallback …)",
      access: 'authenticated',
      query: windowQuery,
      response: z.object({
        from: z.string(),
        to: z.string(),
        days: z.array(
          z.object({
            date: z.string(),
            citizen: z.number().int().describe("citizens' messages"),
            bot: z.number().int().describe("the bot's replies"),
            operator: z.number().int().describe("operators' messages"),
            decisions: z.record(z.string(), z.number().int()).describe('citizen messages by decision group'),
          }),
        ),
        decisions: z.array(countSchema).describe('over the whole window'),
        conversations: z.number().int().describe('conversations with a citizen message in the window'),
        questions: z
          .object({
            total: z.number().int(),
            answered: z.number().int(),
            clarified: z.number().int(),
            unanswered: z.number().int(),
            answeredShare: z.number().nullable().describe('answered / total; null without questions'),
          })
          .describe(
            "citizens' knowledge questions in the window (asked_question, one per question the bot matched; form steps, commands and picks from a 'which one' list are not questions): answered directly, clarified, not answered",
          ),
      }),
      async handler({ query }) {
        const { dates, from } = windowOf(now(), query.days ?? 14);
        const { rows, asked } = await db.transaction(async (tx) => ({
          rows: await tx.find(Message, {
            where: { createdAt: MoreThanOrEqual(from) },
            select: { id: true, conversationId: true, direction: true, author: true, meta: true, createdAt: true },
            order: { id: 'ASC' },
          }),
          asked: await tx.find(AskedQuestion, {
            where: { askedAt: MoreThanOrEqual(from) },
            select: { id: true, decision: true, via: true },
          }),
        }));
        // A pick from a "which one" list answers the bot's question; the question itself is counted as clarified.
        const questions = asked.filter((q) => q.via !== 'clarify');
        const countOf = (decision: string) => questions.filter((q) => q.decision === decision).length;
        const empty = () => Object.fromEntries(DECISION_GROUPS.map((g) => [g.code, 0])) as Record<DecisionGroup, number>;
        const byDate = new Map(dates.map((date) => [date, { date, citizen: 0, bot: 0, operator: 0, decisions: empty() }]));
        const totals = empty();
        const conversations = new Set<string>();
        for (const m of rows) {
          const day = byDate.get(toShanghaiDate(m.createdAt));
          if (!day) continue;
          if (m.direction === 'in' && m.author === 'citizen') {
            const group = decisionGroupOf(m.meta);
            day.citizen++;
            day.decisions[group]++;
            totals[group]++;
            conversations.add(m.conversationId);
          } else if (m.author === 'bot') day.bot++;
          else if (m.author === 'operator') day.operator++;
        }
        return {
          from: dates[0]!,
          to: dates[dates.length - 1]!,
          days: [...byDate.values()],
          decisions: DECISION_GROUPS.map((g) => ({ code: g.code, label: g.label, count: totals[g.code] })),
          conversations: conversations.size,
          questions: {
            total: questions.length,
            answered: countOf('answer'),
            clarified: countOf('clarify'),
            unanswered: countOf('fallback'),
            answeredShare: questions.length ? Number((countOf('answer') / questions.length).toFixed(4)) : null,
          },
        };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/dashboard/knowledge',
      operationId: 'dashboardKnowledge',
      tag: 'dashboard',
      summary: 'The entries that answered most often and the most frequent unanswered topics (kb gaps groups) in the window',
      access: [...DASHBOARD_READERS.knowledge],
      query: windowQuery.extend({ top: intQuery(1, 50).optional().describe('how many of each (default 10)') }),
      response: z.object({
        from: z.string(),
        to: z.string(),
        answers: z.number().int().describe('answers given in the window'),
        topEntries: z.array(
          z.object({
            key: z.string(),
            title: z.string().nullable(),
            count: z.number().int(),
            lastAt: z.iso.datetime(),
            notHelpful: z.number().int().describe('answers citizens rated 没用 in the window'),
            helpful: z.number().int().describe('answers citizens rated 有用 in the window'),
          }),
        ),
        unanswered: z.number().int().describe('unanswered questions in the window'),
        topGaps: z.array(
          z.object({ terms: z.array(z.string()), count: z.number().int(), example: z.string().nullable(), lastAt: z.iso.datetime() }),
        ),
      }),
      async handler({ query }) {
        const { dates, from } = windowOf(now(), query.days ?? 14);
        const top = query.top ?? 10;
        const { counts, titles, questions, feedback } = await db.transaction(async (tx) => ({
          counts: await knowledgeUsage.answerCounts(tx, { since: from }),
          titles: new Map((await knowledgeEntries.all(tx)).map((e) => [e.key, e.title])),
          questions: await unansweredQuestions.since(tx, from),
          feedback: await tx.find(EntryFeedback, {
            where: { createdAt: MoreThanOrEqual(from) },
            select: { id: true, entryKey: true, helpful: true },
          }),
        }));
        const rated = (key: string, helpful: boolean) =>
          feedback.filter((f) => f.entryKey === key && Boolean(f.helpful) === helpful).length;
        const entries = counts.map((c) => ({
          key: c.entryKey,
          title: titles.get(c.entryKey) ?? null,
          count: c.count,
          lastAt: c.last.toISOString(),
          notHelpful: rated(c.entryKey, false),
          helpful: rated(c.entryKey, true),
        }));
        const groups = groupUnanswered(
          questions.map((q) => ({ text: q.text, at: q.askedAt })),
          knowledge.lexicon,
        );
        return {
          from: dates[0]!,
          to: dates[dates.length - 1]!,
          answers: entries.reduce((sum, e) => sum + e.count, 0),
          topEntries: entries.slice(0, top),
          unanswered: questions.length,
          topGaps: groups
            .slice(0, top)
            .map((g) => ({ terms: g.terms, count: g.count, example: g.examples[0] ?? null, lastAt: g.lastAt.toISOString() })),
        };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/dashboard/hotline',
      operationId: 'dashboardHotline',
      tag: 'dashboard',
      summary: '12345 tickets accepted in the window by department: 响应率, 解决率, 满意率, on-time rate and the composite, as of now',
      access: [...DASHBOARD_READERS.hotline],
      query: windowQuery,
      response: z.object({
        from: z.string(),
        to: z.string(),
        total: z.number().int(),
        open: z.number().int(),
        overdue: z
          .object({ total: z.number().int(), signFor: z.number().int(), resolve: z.number().int() })
          .describe(
            "every open ticket past a limit now, whenever accepted (the ticket list's 只看超期); by limit, a ticket past both counted in each",
          ),
        departments: z.array(
          z.object({
            code: z.string().nullable().describe('null: not dispatched yet'),
            name: z.string(),
            count: z.number().int(),
            response: rateSchema,
            resolution: rateSchema,
            satisfaction: rateSchema,
            onTime: rateSchema,
            composite: z.number().nullable(),
          }),
        ),
      }),
      async handler({ query }) {
        const at = now();
        const { dates, from } = windowOf(at, query.days ?? 14);
        const { rows, overdueNow } = await db.transaction(async (tx) => ({
          rows: await tickets.acceptedBetween(tx, from, new Date(at.getTime() + 1)),
          overdueNow: await tickets.list(tx, { overdueAt: at, limit: 100_000 }),
        }));
        const { routing, settings } = hotline.config;
        const codes = [
          ...routing.departments.map((d) => d.code as string | null),
          ...(rows.some((t) => t.department === null) ? [null] : []),
        ];
        const departments = codes
          .map((code) => {
            const mine = rows.filter((t) => t.department === code);
            const summaries = mine.map((t) => hotline.summary(t, at));
            const score = hotlineScore(summaries, settings.metrics);
            const assessed = summaries.filter((s) => s.onTime !== null);
            const onTime = {
              numerator: assessed.filter((s) => s.onTime).length,
              denominator: assessed.length,
              rate: assessed.length ? assessed.filter((s) => s.onTime).length / assessed.length : null,
            };
            return {
              code,
              name: code === null ? '（未派单）' : (routing.departments.find((d) => d.code === code)?.name ?? code),
              count: mine.length,
              response: ratio(score.response),
              resolution: ratio(score.resolution),
              satisfaction: ratio(score.satisfaction),
              onTime: ratio(onTime),
              composite: score.composite === null ? null : Number(score.composite.toFixed(1)),
            };
          })
          .filter((d) => d.count > 0)
          .sort((a, b) => b.count - a.count || (a.code ?? '~').localeCompare(b.code ?? '~'));
        const open = rows.filter((t) => t.status !== 'closed');
        return {
          from: dates[0]!,
          to: dates[dates.length - 1]!,
          total: rows.length,
          open: open.length,
          overdue: countOverdue(overdueNow, at),
          departments,
        };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/dashboard/disclosure',
      operationId: 'dashboardDisclosure',
      tag: 'dashboard',
      summary: 'Disclosure requests by status, and the running ones by deadline (overdue, due within 5 working days, later, clock stopped)',
      access: [...DASHBOARD_READERS.disclosure],
      response: z.object({
        today: z.string(),
        total: z.number().int(),
        byStatus: z.array(countSchema),
        byDeadline: z.array(countSchema),
        beyondCoverage: z.number().int().describe('running requests whose deadline runs past the holiday calendar'),
      }),
      async handler() {
        const at = now();
        const { all, due } = await db.transaction(async (tx) => ({
          all: await disclosure.list(tx, { limit: 100000 }, at),
          due: await disclosure.due(tx, { withinWorkingDays: 5 }, at),
        }));
        const running = all.filter((r) => r.status !== 'closed');
        const overdue = new Set(due.overdue.map((r) => r.number));
        const soon = new Set(due.dueSoon.map((r) => r.number));
        const stopped = running.filter((r) => r.status !== 'processing' && !overdue.has(r.number)).length;
        return {
          today: due.today,
          total: all.length,
          byStatus: Object.entries(DISCLOSURE_STATUS_LABELS).map(([code, label]) => ({
            code,
            label,
            count: all.filter((r) => r.status === code).length,
          })),
          byDeadline: [
            { code: 'overdue', label: '已逾期', count: overdue.size },
            { code: 'dueSoon', label: '5个工作日内到期', count: soon.size },
            {
              code: 'later',
              label: '期限充裕',
              count: running.filter((r) => r.status === 'processing' && !overdue.has(r.number) && !soon.has(r.number)).length,
            },
            { code: 'stopped', label: '待补正或暂停计时', count: stopped },
          ],
          beyondCoverage: running.filter((r) => r.beyondCoverage).length,
        };
      },
    }),
  ];
}
