/**
 * The 12345 hotline (政务服务便民热线), domain.md §2: categories, time limits (SLA) as
 * data, due dates, and the 接诉即办 metrics.
 */
import { z } from 'zod';
import { addDays, shanghaiEndOfDay, toShanghaiDate, type IsoDate } from '../../../platform/calendar/dates';
import type { WorkingDayCalendar } from '../../../platform/calendar/workingDays';

// ---------------------------------------------------------------------------------------
// What the hotline does and does not take

// Emergencies (110/119/120/122), officials' discipline (12388) and 信访 are never ticketed either:
// the numbers and channels are the city's (config/city.yaml), see src/cases/hotline/scope.ts.

/** Matters the hotline does not accept (they have their own procedure). */
export const HOTLINE_EXCLUDED_MATTERS = [
  { code: 'litigation', label: '应当通过诉讼解决的事项' },
  { code: 'arbitration', label: '应当通过仲裁解决的事项' },
  { code: 'administrativeReview', label: '应当通过行政复议解决的事项' },
  { code: 'disclosureApplication', label: '应当通过政府信息公开申请办理的事项' },
  { code: 'petition', label: '已进入信访渠道的事项' },
] as const;

/** Ticket workflow, in order: 受理 派单 办理 答复 督办 办结 回访 评价. */
export const HOTLINE_STAGES = ['accept', 'dispatch', 'handle', 'reply', 'supervise', 'close', 'callback', 'evaluate'] as const;
export type HotlineStage = (typeof HOTLINE_STAGES)[number];

/** The national categories; cities add more (e.g. 表扬) in config/hotline-sla.yaml. */
export const BASE_HOTLINE_CATEGORIES = [
  { code: 'consultation', label: '咨询' },
  { code: 'help', label: '求助' },
  { code: 'complaint', label: '投诉' },
  { code: 'report', label: '举报' },
  { code: 'suggestion', label: '意见建议' },
] as const;

export interface Labelled {
  code: string;
  label: string;
}

// ---------------------------------------------------------------------------------------
// Settings file

export const TIME_UNITS = ['hours', 'days', 'workingDays'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
}

/** 签收 (the department accepts the dispatched ticket) and 办结 (closed). */
export interface Sla {
  signFor: TimeLimit;
  resolve: TimeLimit;
}

const codeSchema = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'must be a camelCase code such as praise');
const labelSchema = z.string().trim().min(1, 'must not be empty');
const labelledSchema = z.strictObject({ code: codeSchema, label: labelSchema });
const timeLimitSchema = z.strictObject({
  amount: z.number().int('must be a whole number').positive('must be greater than 0'),
  unit: z.enum(TIME_UNITS, { error: `must be one of ${TIME_UNITS.join(', ')}` }),
});
const slaSchema = z.strictObject({ signFor: timeLimitSchema, resolve: timeLimitSchema });

/** Schema of config/hotline-sla.yaml; exported so the app validates it at start-up. */
export const hotlineSettingsSchema = z
  .strictObject({
    extraCategories: z.array(labelledSchema).default([]),
    urgencies: z.array(labelledSchema).min(1, 'must list at least one urgency'),
    defaults: z.record(z.string(), slaSchema),
    overrides: z
      .array(
        z.strictObject({
          category: z.string(),
          urgency: z.string(),
          signFor: timeLimitSchema.optional(),
          resolve: timeLimitSchema.optional(),
        }),
      )
      .default([]),
    metrics: z.strictObject({
      weights: z.strictObject({
        response: z.number().min(0).max(1),
        resolution: z.number().min(0).max(1),
        satisfaction: z.number().min(0).max(1),
      }),
      basicallySatisfiedCredit: z.number().min(0).max(1),
    }),
  })
  .superRefine((s, ctx) => {
    const seen = new Map<string, string>(BASE_HOTLINE_CATEGORIES.map((c) => [c.code, 'a built-in category']));
    const seenLabels = new Set<string>(BASE_HOTLINE_CATEGORIES.map((c) => c.label));
    s.extraCategories.forEach((c, i) => {
      const clash = seen.get(c.code);
      if (clash) ctx.addIssue({ code: 'custom', path: ['extraCategories', i, 'code'], message: `"${c.code}" is already ${clash}` });
      if (seenLabels.has(c.label))
        ctx.addIssue({ code: 'custom', path: ['extraCategories', i, 'label'], message: `"${c.label}" is already used` });
      seen.set(c.code, `extraCategories[${i}]`);
      seenLabels.add(c.label);
    });
    const urgencyCodes = new Set<string>();
    s.urgencies.forEach((u, i) => {
      if (urgencyCodes.has(u.code))
        ctx.addIssue({ code: 'custom', path: ['urgencies', i, 'code'], message: `"${u.code}" is listed twice` });
      urgencyCodes.add(u.code);
    });
    for (const u of urgencyCodes) {
      if (!s.defaults[u])
        ctx.addIssue({ code: 'custom', path: ['defaults', u], message: `is missing: every urgency needs default time limits` });
    }
    for (const key of Object.keys(s.defaults)) {
      if (!urgencyCodes.has(key))
        ctx.addIssue({ code: 'custom', path: ['defaults', key], message: `"${key}" is not one of the urgencies` });
    }
    const overridden = new Set<string>();
    s.overrides.forEach((o, i) => {
      if (!seen.has(o.category))
        ctx.addIssue({ code: 'custom', path: ['overrides', i, 'category'], message: `"${o.category}" is not a category` });
      if (!urgencyCodes.has(o.urgency))
        ctx.addIssue({ code: 'custom', path: ['overrides', i, 'urgency'], message: `"${o.urgency}" is not one of the urgencies` });
      if (!o.signFor && !o.resolve) ctx.addIssue({ code: 'custom', path: ['overrides', i], message: 'must set signFor, resolve or both' });
      const key = `${o.category}/${o.urgency}`;
      if (overridden.has(key)) ctx.addIssue({ code: 'custom', path: ['overrides', i], message: `${key} is overridden twice` });
      overridden.add(key);
    });
    const w = s.metrics.weights;
    if (Math.abs(w.response + w.resolution + w.satisfaction - 1) > 1e-9) {
      ctx.addIssue({ code: 'custom', path: ['metrics', 'weights'], message: 'must add up to 1' });
    }
  });

export type HotlineSettingsData = z.output<typeof hotlineSettingsSchema>;

export interface MetricsSettings {
  weights: { response: number; resolution: number; satisfaction: number };
  basicallySatisfiedCredit: number;
}

/** The resolved settings: every category × urgency has its time limits. */
export interface HotlineSettings {
  categories: readonly Labelled[];
  urgencies: readonly Labelled[];
  /** Keyed `${category}/${urgency}`; use slaFor. */
  slas: ReadonlyMap<string, Sla>;
  metrics: MetricsSettings;
}

export const DEFAULT_METRICS: MetricsSettings = {
  weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 },
  basicallySatisfiedCredit: 0.9,
};

/** Expands defaults and overrides into the full category × urgency table (pure). */
export function resolveHotlineSettings(data: HotlineSettingsData): HotlineSettings {
  const categories: Labelled[] = [...BASE_HOTLINE_CATEGORIES, ...data.extraCategories];
  const slas = new Map<string, Sla>();
  for (const c of categories) for (const u of data.urgencies) slas.set(`${c.code}/${u.code}`, data.defaults[u.code]!);
  for (const o of data.overrides) {
    const key = `${o.category}/${o.urgency}`;
    const base = slas.get(key)!;
    slas.set(key, { signFor: o.signFor ?? base.signFor, resolve: o.resolve ?? base.resolve });
  }
  return { categories, urgencies: data.urgencies, slas, metrics: data.metrics };
}

export function slaFor(settings: HotlineSettings, category: string, urgency: string): Sla {
  const sla = settings.slas.get(`${category}/${urgency}`);
  if (!sla) throw new RangeError(`no hotline time limit for category "${category}" and urgency "${urgency}"`);
  return sla;
}

// ---------------------------------------------------------------------------------------
// Due dates

export interface DueInstant {
  /** The deadline instant: the ticket is overdue when now >= dueAt. */
  dueAt: Date;
  /** The Shanghai calendar date of the last moment still in time, for display. */
  dueDay: IsoDate;
  /** True when a working-day count ran outside the calendar's data. */
  beyondCoverage: boolean;
}

/**
 * When a time limit that starts at `acceptedAt` runs out.
 * - hours: exactly amount hours later.
 * - days: the end (24:00 Shanghai) of the amount-th calendar day after the acceptance day.
 * - workingDays: the end of the amount-th working day after the acceptance day (a ticket
 *   accepted on a Saturday starts counting on the next working day).
 */
export function dueDate(acceptedAt: Date, limit: TimeLimit, calendar: WorkingDayCalendar): DueInstant {
  if (Number.isNaN(acceptedAt.getTime())) throw new RangeError('dueDate: acceptedAt is not a valid Date');
  if (!Number.isInteger(limit.amount) || limit.amount <= 0)
    throw new RangeError(`dueDate: amount must be a whole number > 0, got ${limit.amount}`);
  const acceptedDay = toShanghaiDate(acceptedAt);
  switch (limit.unit) {
    case 'hours': {
      const dueAt = new Date(acceptedAt.getTime() + limit.amount * 3_600_000);
      return { dueAt, dueDay: toShanghaiDate(new Date(dueAt.getTime() - 1)), beyondCoverage: false };
    }
    case 'days': {
      const dueDay = addDays(acceptedDay, limit.amount);
      return { dueAt: shanghaiEndOfDay(dueDay), dueDay, beyondCoverage: false };
    }
    case 'workingDays': {
      const r = calendar.addWorkingDays(acceptedDay, limit.amount);
      return { dueAt: shanghaiEndOfDay(r.date), dueDay: r.date, beyondCoverage: r.beyondCoverage };
    }
  }
}

/**
 * Both limits of a ticket. Signing for is the first step of resolving, so the sign-for limit never
 * falls after the resolution limit: an urgent ticket (办结 24 hours) must be signed for within them
 * even where the sign-for rule alone (1 working day) would run later.
 */
export function ticketDeadlines(acceptedAt: Date, sla: Sla, calendar: WorkingDayCalendar): { signFor: DueInstant; resolve: DueInstant } {
  const signFor = dueDate(acceptedAt, sla.signFor, calendar);
  const resolve = dueDate(acceptedAt, sla.resolve, calendar);
  return { signFor: signFor.dueAt > resolve.dueAt ? { ...resolve } : signFor, resolve };
}

// ---------------------------------------------------------------------------------------
// Overdue: the one definition every view (list, ticket page, dashboard, report) uses

/** One limit's state: still running, missed and still open, or met (in time or late). */
export const LIMIT_STATES = ['running', 'overdue', 'metInTime', 'metLate'] as const;
export type LimitState = (typeof LIMIT_STATES)[number];

export const LIMIT_STATE_LABELS: Record<LimitState, string> = {
  running: '办理中',
  overdue: '已超期',
  metInTime: '按时完成',
  metLate: '超期完成',
};

/** What the overdue rule needs of a ticket. */
export interface TicketClock {
  status: string;
  signForDueAt: Date;
  dueAt: Date;
  signedForAt: Date | null;
  closedAt: Date | null;
}

export interface TicketLimitStates {
  /** 签收时限: met when the department signed for the ticket. */
  signFor: LimitState;
  /** 办结时限: met when the ticket was closed (办结). */
  resolve: LimitState;
  /** Either limit is overdue now: the ticket is a 督办 candidate. */
  overdue: boolean;
}

function limitState(metAt: Date | null, dueAt: Date, now: Date): LimitState {
  if (metAt) return metAt <= dueAt ? 'metInTime' : 'metLate';
  return now >= dueAt ? 'overdue' : 'running';
}

/** Each limit's state as of `now`; a limit is overdue from its due instant on until it is met. */
export function ticketLimitStates(ticket: TicketClock, now: Date): TicketLimitStates {
  const closed = ticket.status === 'closed';
  const signFor = limitState(ticket.signedForAt ?? (closed ? ticket.closedAt : null), ticket.signForDueAt, now);
  const resolve = limitState(closed ? ticket.closedAt : null, ticket.dueAt, now);
  return { signFor, resolve, overdue: signFor === 'overdue' || resolve === 'overdue' };
}

// ---------------------------------------------------------------------------------------
// Metrics (接诉即办考核): 响应率, 解决率, 满意率 and the composite score

/** inTime = signed for and the citizen contacted within the limit; late; none = limit passed, no response. */
export type ResponseOutcome = 'inTime' | 'late' | 'none';
/** As the citizen says at the callback (回访). */
export type ResolutionOutcome = 'resolved' | 'unresolved';
/** 满意 / 基本满意 / 不满意 at the evaluation (评价). */
export type SatisfactionOutcome = 'satisfied' | 'basicallySatisfied' | 'dissatisfied';

/** What the metrics need from one ticket; null/absent = not assessable yet (excluded). */
export interface TicketSummary {
  response?: ResponseOutcome | null;
  resolution?: ResolutionOutcome | null;
  satisfaction?: SatisfactionOutcome | null;
}

/** A rate with its parts; rate is null when nothing could be assessed (0 / 0). */
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/** 响应率 = tickets responded to in time / tickets whose response is assessable. */
export function responseRate(tickets: readonly TicketSummary[]): Rate {
  const assessed = tickets.filter((t) => t.response != null);
  return rate(assessed.filter((t) => t.response === 'inTime').length, assessed.length);
}

/** 解决率 = tickets the citizen confirms resolved / tickets with a callback answer. */
export function resolutionRate(tickets: readonly TicketSummary[]): Rate {
  const assessed = tickets.filter((t) => t.resolution != null);
  return rate(assessed.filter((t) => t.resolution === 'resolved').length, assessed.length);
}

/** 满意率 = (满意 + credit × 基本满意) / tickets rated; credit defaults to 0.9. */
export function satisfactionRate(
  tickets: readonly TicketSummary[],
  basicallySatisfiedCredit = DEFAULT_METRICS.basicallySatisfiedCredit,
): Rate {
  const assessed = tickets.filter((t) => t.satisfaction != null);
  const points = assessed.reduce(
    (sum, t) => sum + (t.satisfaction === 'satisfied' ? 1 : t.satisfaction === 'basicallySatisfied' ? basicallySatisfiedCredit : 0),
    0,
  );
  return rate(points, assessed.length);
}

export interface HotlineScore {
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  /**
   * 综合成绩 on 0-100 = 100 × (w响应·响应率 + w解决·解决率 + w满意·满意率). null when a
   * rate with a non-zero weight has nothing to assess, rather than scoring it as 0 or 100.
   */
  composite: number | null;
}

export function hotlineScore(tickets: readonly TicketSummary[], metrics: MetricsSettings = DEFAULT_METRICS): HotlineScore {
  const response = responseRate(tickets);
  const resolution = resolutionRate(tickets);
  const satisfaction = satisfactionRate(tickets, metrics.basicallySatisfiedCredit);
  const w = metrics.weights;
  const parts: [number, Rate][] = [
    [w.response, response],
    [w.resolution, resolution],
    [w.satisfaction, satisfaction],
  ];
  const composite = parts.some(([weight, r]) => weight > 0 && r.rate === null)
    ? null
    : 100 * parts.reduce((sum, [weight, r]) => sum + weight * (r.rate ?? 0), 0);
  return { response, resolution, satisfaction, composite };
}
