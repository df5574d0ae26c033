/**
 * Hotline tickets (12345工单): opened from a validated appeal, moved through 受理 → 派单 → 办理中
 * → 已答复 → 回访 → 办结 by operators, every transition recorded in the ticket's history and the
 * audit trail, and rated by the citizen after closing. Deadlines come from the SLA table
 * (config/hotline-sla.yaml) and the holiday calendar.
 */
import type { HotlineTicket, TicketRating, TicketStatus, TicketVia } from '../../entities/HotlineTicket';
import { SYSTEM_ACTOR } from '../audit/context';
import { scrubText } from '../audit/personalData';
import { auditLog, type AuditActor } from '../audit/repository';
import { deliverToCitizen } from '../conversation/deliver';
import type { Transaction } from '../db/database';
import {
  LIMIT_STATE_LABELS,
  slaFor,
  ticketDeadlines,
  ticketLimitStates,
  type HotlineSettings,
  type LimitState,
  type SatisfactionOutcome,
  type TicketLimitStates,
  type TicketSummary,
} from '../domain/hotline';
import type { WorkingDayCalendar } from '../domain/workingDays';
import { threads } from '../handoff/repository';
import { DomainError } from '../domainError';
import {
  categoryLabel,
  draftInput,
  validateAppeal,
  type AppealInput,
  type AppealIssue,
  type TicketAppeal,
  type TicketDraft,
} from './appeal';
import { nextTicketSequence, ticketEvents, tickets, type TicketFilter } from './repository';
import { departmentName, routeTicket, type RoutingTable } from './routing';
import type { HotlineScope } from './scope';
import { formatLocalMoment, wallClock } from '../handoff/serviceHours';
import { actorLabel } from '../text/staffLabels';
import { formatDue, howToCheck, RATING_LABELS, RATING_QUESTION, STATUS_LABELS, TICKET_ACTION_LABELS } from './texts';

/** What the timeline says of a supervision the server issued (staff read it). */
export const AUTOMATIC_SUPERVISION_NOTE = '超过办理时限，系统自动督办';
/** Overdue tickets supervised per sweep; the next sweep takes the rest. */
const OVERDUE_SWEEP_LIMIT = 500;

/** Content codes of matters the hotline does not take (validateContent). */
const NOT_HOTLINE_CODES: ReadonlySet<string> = new Set(['content.emergency', 'content.discipline', 'content.petition']);

export interface HotlineConfig {
  settings: HotlineSettings;
  calendar: WorkingDayCalendar;
  routing: RoutingTable;
  /** The city's time zone: ticket numbers carry the local acceptance date. */
  timeZone: string;
  /** How long after closing the citizen's rating is taken. */
  ratingWindowDays: number;
  /** What the hotline does not take (emergencies, 12388, 信访) and the words that suggest category and urgency. */
  scope: HotlineScope;
}

export interface TicketOrigin {
  channel: string;
  citizenId: string;
  conversationId: string | null;
  via: TicketVia;
}

export interface Citizen {
  channel: string;
  citizenId: string;
}

export interface OpenedTicket {
  number: string;
  category: string;
  urgency: string;
  anonymous: boolean;
  acceptedAt: Date;
  signForDueAt: Date;
  dueAt: Date;
  dueBeyondCoverage: boolean;
  suggestedDepartment: string;
}

/** What the citizen who filed it sees: no internal notes, no operator names. */
export interface CitizenTicketView {
  number: string;
  category: string;
  categoryLabel: string;
  status: TicketStatus;
  statusLabel: string;
  content: string;
  acceptedAt: string;
  dueAt: string;
  department: string | null;
  reply: string | null;
  rating: TicketRating | null;
  ratingLabel: string | null;
  awaitingRating: boolean;
  progress: { at: string; label: string }[];
}

/** What operators see; personal fields (location, phone) are masked by the route unless unmasked. */
export interface StaffTicketView {
  number: string;
  category: string;
  categoryLabel: string;
  urgency: string;
  urgencyLabel: string;
  content: string;
  location: string | null;
  phone: string | null;
  anonymous: boolean;
  channel: string;
  via: TicketVia;
  /** The conversation to follow up in; null for anonymous reports. */
  conversationId: string | null;
  status: TicketStatus;
  statusLabel: string;
  suggestedDepartment: string;
  department: string | null;
  departmentName: string | null;
  acceptedAt: string;
  signForDueAt: string;
  dueAt: string;
  dueBeyondCoverage: boolean;
  /** Either limit overdue now (ticketLimitStates): what the list, the dashboard and 督办 count. */
  overdue: boolean;
  signForState: LimitState;
  signForStateLabel: string;
  resolveState: LimitState;
  resolveStateLabel: string;
  dispatchedAt: string | null;
  signedForAt: string | null;
  reply: string | null;
  repliedAt: string | null;
  resolution: 'resolved' | 'unresolved' | null;
  closedAt: string | null;
  rating: TicketRating | null;
  ratedAt: string | null;
  reopenCount: number;
  superviseCount: number;
  lastSupervisedAt: string | null;
  version: number;
}

/**
 * The dispatch sheet (派单单) a department receives: the matter, the place and a contact, and
 * nothing that identifies the citizen otherwise. An anonymous 举报 has no contact at all.
 */
export interface DepartmentTicketView {
  number: string;
  categoryLabel: string;
  urgencyLabel: string;
  content: string;
  location: string | null;
  anonymous: boolean;
  phone: string | null;
  department: string | null;
  departmentName: string | null;
  acceptedAt: string;
  signForDueAt: string;
  dueAt: string;
  status: TicketStatus;
  statusLabel: string;
}

export interface TicketEventView {
  at: string;
  actor: string;
  /** Who, as staff read it (市民, 系统, a colleague's login name). */
  actorLabel: string;
  action: string;
  actionLabel: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  details: Record<string, unknown> | null;
}

/** A citizen acting on their own ticket (rating, reopening): no identity in the audit trail. */
export const CITIZEN_ACTOR: AuditActor = { actor: 'citizen', actorId: null, via: 'system', ip: null, requestId: null };

/** 12345-<year>-<sequence of that year, at least 6 digits>, as intents/ticket.status.yaml captures it. */
export const TICKET_NUMBER = /^12345-\d{4}-\d{6,}$/;

/** "12345 2026 000123", "123452026000123", "12345-2026-000123" → 12345-2026-000123. */
export function normalizeTicketNumber(input: string): string {
  const s = input.normalize('NFKC').trim();
  const m = /^12345[\s-]*(\d{4})[\s-]*(\d{6,})$/.exec(s);
  return m ? `12345-${m[1]}-${m[2]}` : s.toUpperCase();
}

export function formatTicketNumber(year: string, sequence: number): string {
  return `12345-${year}-${String(sequence).padStart(6, '0')}`;
}

const ACTION_LABELS: Record<string, string> = {
  open: '工单已受理',
  dispatch: '已派单至承办部门',
  reroute: '已改派承办部门',
  sign: '承办部门已签收，正在办理',
  reply: '承办部门已答复',
  callback: '已回访',
  close: '工单已办结',
  reopen: '工单已重新交办',
  supervise: '已督办',
  rate: '已评价',
};

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

function limitViews(states: TicketLimitStates) {
  return {
    overdue: states.overdue,
    signForState: states.signFor,
    signForStateLabel: LIMIT_STATE_LABELS[states.signFor],
    resolveState: states.resolve,
    resolveStateLabel: LIMIT_STATE_LABELS[states.resolve],
  };
}

function conflict(message: string, code = 'ticket_state'): DomainError {
  return new DomainError('conflict', code, message);
}

export function createHotlineService(config: HotlineConfig) {
  const { settings, calendar, routing, timeZone } = config;
  const label = (code: string) => categoryLabel(code, settings.categories);
  const urgencyLabel = (code: string) => settings.urgencies.find((u) => u.code === code)?.label ?? code;

  function deadlines(from: Date, category: string, urgency: string) {
    const d = ticketDeadlines(from, slaFor(settings, category, urgency), calendar);
    return { signForDueAt: d.signFor.dueAt, dueAt: d.resolve.dueAt, beyondCoverage: d.signFor.beyondCoverage || d.resolve.beyondCoverage };
  }

  async function loadTicket(tx: Transaction, number: string): Promise<HotlineTicket> {
    const ticket = await tickets.byNumber(tx, normalizeTicketNumber(number));
    if (!ticket) throw new DomainError('notFound', 'ticket_not_found', `no ticket ${number}`);
    return ticket;
  }

  /** Records one step: the ticket's history (who, when, note) and the audit trail, in the same transaction. */
  async function record(
    tx: Transaction,
    ticket: HotlineTicket,
    who: AuditActor,
    step: { action: string; from: TicketStatus | null; to: TicketStatus | null; note?: string | null; details?: Record<string, unknown> },
    now: Date,
  ) {
    const note = step.note ? scrubText(step.note) : null;
    await ticketEvents.add(tx, {
      ticketId: ticket.id,
      at: now,
      actor: who.actor,
      action: step.action,
      fromStatus: step.from,
      toStatus: step.to,
      note,
      details: step.details ?? null,
    });
    await auditLog.record(
      tx,
      who,
      {
        action: `ticket.${step.action}`,
        objectType: 'ticket',
        objectId: ticket.number,
        details: { from: step.from, to: step.to, ...(note ? { note } : {}), ...(step.details ?? {}) },
      },
      now,
    );
  }

  /** Moves the ticket if nobody changed it meanwhile, and records the step. */
  async function transition(
    tx: Transaction,
    ticket: HotlineTicket,
    who: AuditActor,
    action: string,
    changes: Partial<HotlineTicket>,
    now: Date,
    note?: string | null,
    details?: Record<string, unknown>,
  ): Promise<HotlineTicket> {
    const from = ticket.status;
    if (!(await tickets.update(tx, ticket, changes, now)))
      throw conflict(`工单${ticket.number}刚被他人修改，请刷新后重试。`, 'ticket_changed');
    await record(tx, ticket, who, { action, from, to: ticket.status, note, details }, now);
    return ticket;
  }

  /** `action` is said to the operator: Chinese, e.g. 签收. */
  function requireStatus(ticket: HotlineTicket, allowed: TicketStatus[], action: string) {
    if (!allowed.includes(ticket.status)) {
      throw conflict(
        `工单${ticket.number}当前为“${STATUS_LABELS[ticket.status]}”，不能${action}（须为${allowed.map((s) => `“${STATUS_LABELS[s]}”`).join('或')}）。`,
      );
    }
  }

  function isOverdue(ticket: HotlineTicket, now: Date): boolean {
    return ticketLimitStates(ticket, now).overdue;
  }

  function citizenView(ticket: HotlineTicket, events: { at: Date; action: string }[], now: Date): CitizenTicketView {
    const ratingOpen =
      ticket.status === 'closed' &&
      ticket.closedAt !== null &&
      ticket.ratedAt === null &&
      now.getTime() - ticket.closedAt.getTime() <= config.ratingWindowDays * 86_400_000;
    return {
      number: ticket.number,
      category: ticket.category,
      categoryLabel: label(ticket.category),
      status: ticket.status,
      statusLabel: STATUS_LABELS[ticket.status],
      content: ticket.content,
      acceptedAt: ticket.acceptedAt.toISOString(),
      dueAt: ticket.dueAt.toISOString(),
      department: departmentName(routing, ticket.department),
      reply: ticket.status === 'closed' ? ticket.reply : null,
      rating: ticket.rating,
      ratingLabel: ticket.rating ? RATING_LABELS[ticket.rating] : null,
      awaitingRating: ratingOpen,
      progress: events.filter((e) => ACTION_LABELS[e.action]).map((e) => ({ at: e.at.toISOString(), label: ACTION_LABELS[e.action]! })),
    };
  }

  async function deliverClosure(tx: Transaction, ticket: HotlineTicket, now: Date): Promise<void> {
    if (!ticket.conversationId) return;
    const lines = [`您的工单${ticket.number}已办结。`];
    const department = departmentName(routing, ticket.department);
    if (department) lines.push(`承办部门：${department}`);
    if (ticket.reply) lines.push(`答复：${ticket.reply}`);
    lines.push(RATING_QUESTION);
    await deliverToCitizen(
      tx,
      {
        conversationId: ticket.conversationId,
        author: 'system',
        text: lines.join('\n'),
        dedupeKey: `ticket:${ticket.number}:closed:${ticket.reopenCount}`,
        meta: { ticket: ticket.number },
      },
      now,
    );
  }

  async function reopenTicket(
    tx: Transaction,
    ticket: HotlineTicket,
    who: AuditActor,
    now: Date,
    note: string | null,
    byCitizen: boolean,
  ): Promise<HotlineTicket> {
    requireStatus(ticket, ['closed'], '重新办理');
    const limit = deadlines(now, ticket.category, ticket.urgency);
    return transition(
      tx,
      ticket,
      who,
      'reopen',
      {
        status: ticket.department ? 'handling' : 'accepted',
        dueAt: limit.dueAt,
        dueBeyondCoverage: limit.beyondCoverage,
        closedAt: null,
        reply: null,
        repliedAt: null,
        resolution: null,
        callbackAt: null,
        // The rating stays until the citizen rates the new answer (a 不满意 does not vanish from 满意率);
        // ratedAt is cleared: the new answer awaits its rating.
        ratedAt: null,
        lastSupervisedAt: null,
        reopenCount: ticket.reopenCount + 1,
        citizenReopens: ticket.citizenReopens + (byCitizen ? 1 : 0),
      },
      now,
      note,
      { previousReply: ticket.reply, previousRating: ticket.rating, byCitizen, dueAt: limit.dueAt.toISOString() },
    );
  }

  const service = {
    config,

    categoryLabel: label,
    urgencyLabel,

    /** Validates a submitted chat draft (or API body) against the configured categories and urgencies. */
    validate(input: AppealInput): { ok: true; appeal: TicketAppeal } | { ok: false; issues: AppealIssue[] } {
      return validateAppeal(input, { categories: settings.categories, urgencies: settings.urgencies, scope: config.scope });
    },

    /** Opens a ticket from a valid appeal: number, deadlines, suggested department, history, audit. */
    async openTicket(
      tx: Transaction,
      appeal: TicketAppeal,
      origin: TicketOrigin,
      now: Date,
      who: AuditActor = CITIZEN_ACTOR,
    ): Promise<OpenedTicket> {
      const year = wallClock(now, timeZone).date.slice(0, 4);
      const number = formatTicketNumber(year, await nextTicketSequence(tx, year));
      const limit = deadlines(now, appeal.category, appeal.urgency);
      const suggestedDepartment = routeTicket(routing, appeal);
      const ticket = await tickets.insert(tx, {
        number,
        category: appeal.category,
        urgency: appeal.urgency,
        content: appeal.content,
        location: appeal.location,
        phone: appeal.anonymous ? null : appeal.phone,
        anonymous: appeal.anonymous,
        channel: origin.channel,
        citizenId: origin.citizenId,
        conversationId: origin.conversationId,
        via: origin.via,
        suggestedDepartment,
        department: null,
        status: 'accepted',
        acceptedAt: now,
        signForDueAt: limit.signForDueAt,
        dueAt: limit.dueAt,
        dueBeyondCoverage: limit.beyondCoverage,
        dispatchedAt: null,
        signedForAt: null,
        reply: null,
        repliedAt: null,
        resolution: null,
        callbackAt: null,
        closedAt: null,
        rating: null,
        ratedAt: null,
        citizenReopens: 0,
        reopenCount: 0,
        superviseCount: 0,
        lastSupervisedAt: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
      await record(
        tx,
        ticket,
        who,
        {
          action: 'open',
          from: null,
          to: 'accepted',
          details: {
            category: appeal.category,
            urgency: appeal.urgency,
            anonymous: appeal.anonymous,
            via: origin.via,
            channel: origin.channel,
          },
        },
        now,
      );
      if (origin.conversationId) await threads.attachTicket(tx, origin.conversationId, number);
      return {
        number,
        category: appeal.category,
        urgency: appeal.urgency,
        anonymous: appeal.anonymous,
        acceptedAt: now,
        signForDueAt: limit.signForDueAt,
        dueAt: limit.dueAt,
        dueBeyondCoverage: limit.beyondCoverage,
        suggestedDepartment,
      };
    },

    /** The chat form's submit effect: validate the draft, open the ticket, answer with its number, deadline and how to check. */
    async submitDraft(tx: Transaction, draft: unknown, origin: TicketOrigin, now: Date): Promise<string[]> {
      const checked = service.validate(draftInput((draft ?? {}) as TicketDraft));
      if (!checked.ok) {
        // Not a hotline matter after all: only where it goes, no ticket.
        const elsewhere = checked.issues.find((i) => NOT_HOTLINE_CODES.has(i.code));
        if (elsewhere) return [elsewhere.message];
        return [
          `工单信息还不完整，未能提交：\n${checked.issues.map((i) => `· ${i.message}`).join('\n')}\n请发送"转人工"或"我要投诉"重新填写。`,
        ];
      }
      const opened = await service.openTicket(tx, checked.appeal, origin, now);
      return [service.openedReply(opened)];
    },

    openedReply(opened: OpenedTicket): string {
      const lines = [
        `您的${label(opened.category)}已受理，工单编号：${opened.number}。`,
        `我们会尽快转交承办部门办理，办结时限：${formatDue(opened.dueAt, timeZone)}。`,
      ];
      if (opened.anonymous) lines.push('本工单为匿名举报：承办部门看不到您的任何身份信息。');
      lines.push(howToCheck(opened.number));
      return lines.join('\n');
    },

    /** The ticket's progress for the citizen who filed it; null for unknown numbers and for other citizens' tickets alike. */
    async citizenTicketStatus(tx: Transaction, number: string, citizen: Citizen, now = new Date()): Promise<CitizenTicketView | null> {
      const ticket = await tickets.byNumber(tx, normalizeTicketNumber(number));
      if (!ticket || ticket.channel !== citizen.channel || ticket.citizenId !== citizen.citizenId) return null;
      return citizenView(ticket, await ticketEvents.list(tx, ticket.id), now);
    },

    async citizenTickets(tx: Transaction, citizen: Citizen, now: Date): Promise<CitizenTicketView[]> {
      const own = await tickets.forCitizen(tx, citizen.channel, citizen.citizenId);
      const views: CitizenTicketView[] = [];
      for (const t of own) views.push(citizenView(t, await ticketEvents.list(tx, t.id), now));
      return views;
    },

    /** The 'case-status' effect for tickets: one ticket by number, or the citizen's recent ones. */
    async statusReply(tx: Transaction, number: string | null, citizen: Citizen, now: Date): Promise<string[]> {
      if (!number) {
        const own = (await tickets.forCitizen(tx, citizen.channel, citizen.citizenId, 5)).map(
          (t) => `${t.number}  ${label(t.category)}  ${STATUS_LABELS[t.status]}`,
        );
        if (own.length === 0) return ['您还没有提交过12345工单。如需反映问题，请发送"我要投诉"或"转人工"。'];
        return [`您最近的工单：\n${own.join('\n')}\n查看详情请发送"查询工单 编号"。`];
      }
      const view = await service.citizenTicketStatus(tx, number, citizen, now);
      if (!view) return [`没有找到工单${normalizeTicketNumber(number)}。请核对编号；只能查询您本人在这里提交的工单。`];
      const lines = [
        `工单${view.number}（${view.categoryLabel}）：${view.statusLabel}`,
        `受理时间：${formatLocalMoment(new Date(view.acceptedAt), timeZone)}`,
      ];
      if (view.department) lines.push(`承办部门：${view.department}`);
      if (view.status !== 'closed') lines.push(`办结时限：${formatDue(new Date(view.dueAt), timeZone)}`);
      const last = view.progress[view.progress.length - 1];
      if (last) lines.push(`最新进展：${last.label}`);
      if (view.reply) lines.push(`答复：${view.reply}`);
      if (view.awaitingRating) lines.push(RATING_QUESTION);
      else if (view.ratingLabel) lines.push(`您的评价：${view.ratingLabel}`);
      return [lines.join('\n')];
    },

    /**
     * The citizen rates their most recently closed ticket (or the one numbered). 不满意 reopens it once; after that the
     * rating is only recorded. `ticket` is null when no closed ticket awaits a rating.
     */
    async rateLatestClosedTicket(
      tx: Transaction,
      citizen: Citizen,
      rating: TicketRating,
      now: Date,
      number?: string,
    ): Promise<{ ticket: HotlineTicket | null; reopened: boolean }> {
      const since = new Date(now.getTime() - config.ratingWindowDays * 86_400_000);
      const ticket = await tickets.awaitingRating(tx, citizen.channel, citizen.citizenId, since, number && normalizeTicketNumber(number));
      if (!ticket) return { ticket: null, reopened: false };
      await transition(tx, ticket, CITIZEN_ACTOR, 'rate', { rating, ratedAt: now }, now, null, { rating });
      if (rating === 'dissatisfied' && ticket.citizenReopens < 1) {
        await reopenTicket(tx, ticket, CITIZEN_ACTOR, now, '市民评价不满意，申请重新办理', true);
        return { ticket, reopened: true };
      }
      return { ticket, reopened: false };
    },

    /** The 'rate-ticket' effect: store the rating and answer the citizen. */
    async handleRating(tx: Transaction, context: Citizen & { now: Date }, rating: TicketRating): Promise<string[]> {
      const { ticket, reopened } = await service.rateLatestClosedTicket(tx, context, rating, context.now);
      if (!ticket) return ['目前没有等待您评价的工单。查询工单请发送"查询工单 编号"。'];
      if (reopened)
        return [
          `很抱歉没有让您满意。工单${ticket.number}已重新交办，我们会督促承办部门重新办理，办结时限：${formatDue(ticket.dueAt, timeZone)}。${howToCheck(ticket.number)}`,
        ];
      if (rating === 'dissatisfied')
        return [`感谢您的评价，工单${ticket.number}的评价"不满意"已记录，我们会据此督促改进。如有新的问题，可以发送"转人工"。`];
      return [`感谢您对工单${ticket.number}的评价（${RATING_LABELS[rating]}）！`];
    },

    // ---------------------------------------------------------------------------------
    // Staff side

    loadTicket,
    isOverdue,

    list(tx: Transaction, filter: TicketFilter): Promise<HotlineTicket[]> {
      return tickets.list(tx, filter);
    },

    staffView(ticket: HotlineTicket, now: Date): StaffTicketView {
      return {
        number: ticket.number,
        category: ticket.category,
        categoryLabel: label(ticket.category),
        urgency: ticket.urgency,
        urgencyLabel: urgencyLabel(ticket.urgency),
        content: ticket.content,
        location: ticket.location,
        phone: ticket.anonymous ? null : ticket.phone,
        anonymous: ticket.anonymous,
        channel: ticket.channel,
        via: ticket.via,
        conversationId: ticket.anonymous ? null : ticket.conversationId,
        status: ticket.status,
        statusLabel: STATUS_LABELS[ticket.status],
        suggestedDepartment: ticket.suggestedDepartment,
        department: ticket.department,
        departmentName: departmentName(routing, ticket.department),
        acceptedAt: ticket.acceptedAt.toISOString(),
        signForDueAt: ticket.signForDueAt.toISOString(),
        dueAt: ticket.dueAt.toISOString(),
        dueBeyondCoverage: ticket.dueBeyondCoverage,
        ...limitViews(ticketLimitStates(ticket, now)),
        dispatchedAt: iso(ticket.dispatchedAt),
        signedForAt: iso(ticket.signedForAt),
        reply: ticket.reply,
        repliedAt: iso(ticket.repliedAt),
        resolution: ticket.resolution,
        closedAt: iso(ticket.closedAt),
        rating: ticket.rating,
        ratedAt: iso(ticket.ratedAt),
        reopenCount: ticket.reopenCount,
        superviseCount: ticket.superviseCount,
        lastSupervisedAt: iso(ticket.lastSupervisedAt),
        version: ticket.version,
      };
    },

    departmentView(ticket: HotlineTicket): DepartmentTicketView {
      return {
        number: ticket.number,
        categoryLabel: label(ticket.category),
        urgencyLabel: urgencyLabel(ticket.urgency),
        // An anonymous reporter may have named themselves in the text: numbers are masked there.
        content: ticket.anonymous ? scrubText(ticket.content) : ticket.content,
        location: ticket.location,
        anonymous: ticket.anonymous,
        phone: ticket.anonymous ? null : ticket.phone,
        department: ticket.department,
        departmentName: departmentName(routing, ticket.department),
        acceptedAt: ticket.acceptedAt.toISOString(),
        signForDueAt: ticket.signForDueAt.toISOString(),
        dueAt: ticket.dueAt.toISOString(),
        status: ticket.status,
        statusLabel: STATUS_LABELS[ticket.status],
      };
    },

    async history(tx: Transaction, ticket: HotlineTicket): Promise<TicketEventView[]> {
      return (await ticketEvents.list(tx, ticket.id)).map((e) => ({
        at: e.at.toISOString(),
        actor: e.actor,
        actorLabel: actorLabel(e.actor),
        action: e.action,
        actionLabel: TICKET_ACTION_LABELS[e.action] ?? e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.note,
        details: e.details,
      }));
    },

    /** 派单: to the given department (default: the routing table's suggestion); again from dispatched = 改派. */
    async dispatch(
      tx: Transaction,
      number: string,
      input: { department?: string; urgency?: string; note?: string },
      who: AuditActor,
      now: Date,
    ): Promise<HotlineTicket> {
      const ticket = await loadTicket(tx, number);
      requireStatus(ticket, ['accepted', 'dispatched'], '派单');
      const department = input.department ?? ticket.suggestedDepartment;
      if (!routing.departments.some((d) => d.code === department))
        throw new DomainError(
          'invalid',
          'unknown_department',
          `"${department}" is not a department in config/hotline-routing.yaml`,
          'department',
        );
      const changes: Partial<HotlineTicket> = { status: 'dispatched', department, dispatchedAt: now };
      if (input.urgency && input.urgency !== ticket.urgency) {
        if (!settings.urgencies.some((u) => u.code === input.urgency))
          throw new DomainError('invalid', 'unknown_urgency', `"${input.urgency}" is not an urgency in config/hotline-sla.yaml`, 'urgency');
        const limit = deadlines(ticket.acceptedAt, ticket.category, input.urgency);
        Object.assign(changes, {
          urgency: input.urgency,
          signForDueAt: limit.signForDueAt,
          dueAt: limit.dueAt,
          dueBeyondCoverage: limit.beyondCoverage,
        });
      }
      if (ticket.status === 'dispatched' && department === ticket.department && !changes.urgency) {
        throw new DomainError(
          'conflict',
          'no_change',
          `工单已派给${departmentName(routing, department)}，改派须选择其他部门或紧急程度`,
          'department',
        );
      }
      const action = ticket.status === 'dispatched' ? 'reroute' : 'dispatch';
      return transition(tx, ticket, who, action, changes, now, input.note, {
        department,
        ...(changes.urgency ? { urgency: changes.urgency } : {}),
      });
    },

    /** 签收: the department has taken the ticket (the response that 响应率 measures). */
    async signFor(tx: Transaction, number: string, input: { note?: string }, who: AuditActor, now: Date): Promise<HotlineTicket> {
      const ticket = await loadTicket(tx, number);
      if (ticket.status === 'handling' && ticket.signedForAt)
        throw conflict(`工单${ticket.number}已于${formatDue(ticket.signedForAt, timeZone)}签收，无需再次签收。`, 'already_signed');
      requireStatus(ticket, ['dispatched'], '签收');
      return transition(tx, ticket, who, 'sign', { status: 'handling', signedForAt: ticket.signedForAt ?? now }, now, input.note, {
        inTime: now <= ticket.signForDueAt,
      });
    },

    /** 答复: the department's answer, sent to the citizen when the ticket is closed. */
    async reply(
      tx: Transaction,
      number: string,
      input: { text: string; note?: string },
      who: AuditActor,
      now: Date,
    ): Promise<HotlineTicket> {
      const ticket = await loadTicket(tx, number);
      if (ticket.status === 'replied' && ticket.reply === input.text)
        throw conflict(`工单${ticket.number}已是这条答复，无需再次提交。`, 'same_reply');
      requireStatus(ticket, ['dispatched', 'handling', 'replied'], '答复');
      return transition(
        tx,
        ticket,
        who,
        'reply',
        { status: 'replied', reply: input.text, repliedAt: now, signedForAt: ticket.signedForAt ?? now },
        now,
        input.note,
      );
    },

    /** 回访: the citizen says whether the matter is resolved (解决率). */
    async callback(
      tx: Transaction,
      number: string,
      input: { resolved: boolean; note?: string },
      who: AuditActor,
      now: Date,
    ): Promise<HotlineTicket> {
      const ticket = await loadTicket(tx, number);
      const resolution = input.resolved ? 'resolved' : 'unresolved';
      if (ticket.status === 'callback' && ticket.resolution === resolution)
        throw conflict(`工单${ticket.number}已回访并记为“${input.resolved ? '已解决' : '未解决'}”，无需再次登记。`, 'same_callback');
      requireStatus(ticket, ['replied', 'callback'], '回访');
      return transition(tx, ticket, who, 'callback', { status: 'callback', resolution, callbackAt: now }, now, input.note, { resolution });
    },

    /** 办结: the citizen receives the answer and the rating question on their channel. */
    async close(tx: Transaction, number: string, input: { note?: string }, who: AuditActor, now: Date): Promise<HotlineTicket> {
      const ticket = await loadTicket(tx, number);
      if (ticket.status === 'closed') throw conflict(`工单${ticket.number}已办结，无需再次办结。`, 'already_closed');
      requireStatus(ticket, ['replied', 'callback'], '办结');
      await transition(tx, ticket, who, 'close', { status: 'closed', closedAt: now }, now, input.note, { inTime: now <= ticket.dueAt });
      await deliverClosure(tx, ticket, now);
      return ticket;
    },

    /** 督办: pressing the department on an overdue ticket (the status stays). */
    async supervise(tx: Transaction, number: string, input: { note: string }, who: AuditActor, now: Date): Promise<HotlineTicket> {
      const ticket = await loadTicket(tx, number);
      if (!isOverdue(ticket, now))
        throw conflict(
          `工单${ticket.number}尚未超期（办结时限${formatDue(ticket.dueAt, timeZone)}），只有超期工单才能督办。`,
          'not_overdue',
        );
      return transition(
        tx,
        ticket,
        who,
        'supervise',
        { superviseCount: ticket.superviseCount + 1, lastSupervisedAt: now },
        now,
        input.note,
        { dueAt: ticket.dueAt.toISOString(), count: ticket.superviseCount + 1 },
      );
    },

    /**
     * 督办 by the system: every open ticket past a deadline (sign-for or resolution) is supervised
     * once for that deadline; pressing again is the operators' call. Returns the tickets supervised.
     */
    async superviseOverdue(tx: Transaction, now: Date): Promise<string[]> {
      const supervised: string[] = [];
      for (const ticket of await tickets.list(tx, { overdueAt: now, limit: OVERDUE_SWEEP_LIMIT })) {
        const missed = ticketLimitStates(ticket, now).resolve === 'overdue' ? ticket.dueAt : ticket.signForDueAt;
        if (ticket.lastSupervisedAt && ticket.lastSupervisedAt >= missed) continue;
        await service.supervise(tx, ticket.number, { note: AUTOMATIC_SUPERVISION_NOTE }, SYSTEM_ACTOR, now);
        supervised.push(ticket.number);
      }
      return supervised;
    },

    async reopen(tx: Transaction, number: string, input: { note: string }, who: AuditActor, now: Date): Promise<HotlineTicket> {
      const ticket = await loadTicket(tx, number);
      const reopened = await reopenTicket(tx, ticket, who, now, input.note, false);
      if (reopened.conversationId) {
        await deliverToCitizen(
          tx,
          {
            conversationId: reopened.conversationId,
            author: 'system',
            text: `您的工单${reopened.number}已重新交办，办结时限：${formatDue(reopened.dueAt, timeZone)}。${howToCheck(reopened.number)}`,
            dedupeKey: `ticket:${reopened.number}:reopen:${reopened.reopenCount}`,
          },
          now,
        );
      }
      return reopened;
    },

    /** What the metrics count of one ticket, as of `now`. */
    summary(ticket: HotlineTicket, now: Date): TicketSummary & { onTime: boolean | null } {
      const states = ticketLimitStates(ticket, now);
      const response = ({ metInTime: 'inTime', metLate: 'late', overdue: 'none', running: null } as const)[states.signFor];
      const onTime = ({ metInTime: true, metLate: false, overdue: false, running: null } as const)[states.resolve];
      return { response, resolution: ticket.resolution, satisfaction: ticket.rating as SatisfactionOutcome | null, onTime };
    },
  };
  return service;
}

export type HotlineService = ReturnType<typeof createHotlineService>;
