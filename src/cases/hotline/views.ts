/**
 * What citizens, operators and departments read of hotline tickets, changing nothing: a citizen's
 * own tickets and their progress (also as the chat's status reply), the operators' view and
 * history, the department's dispatch sheet, and what the metrics count of a ticket.
 */
import type { HotlineTicket, TicketRating, TicketResolution, TicketStatus, TicketVia } from '../../../entities/HotlineTicket';
import { scrubText } from '../../staff/audit/personalData';
import type { Transaction } from '../../platform/db/database';
import {
  LIMIT_STATE_LABELS,
  ticketLimitStates,
  type LimitState,
  type SatisfactionOutcome,
  type TicketLimitStates,
  type TicketSummary,
} from './rules/hotline';
import { DomainError } from '../../platform/domainError';
import { formatLocalMoment } from '../../handoff/serviceHours';
import { actorLabel } from '../../staff/labels';
import { categoryLabel } from './appeal';
import { normalizeTicketNumber, ticketEvents, tickets, type TicketFilter } from './repository';
import { departmentName } from './routing';
import type { HotlineConfig } from './settings';
import { formatDue, RATING_LABELS, RATING_QUESTION, STATUS_LABELS, TICKET_ACTION_LABELS } from './texts';

export interface Citizen {
  channel: string;
  citizenId: string;
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
  resolution: TicketResolution | null;
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

export async function loadTicket(tx: Transaction, number: string): Promise<HotlineTicket> {
  const ticket = await tickets.byNumber(tx, normalizeTicketNumber(number));
  if (!ticket) throw new DomainError('notFound', 'ticket_not_found', `没有工单${number}。`);
  return ticket;
}

export function isOverdue(ticket: HotlineTicket, now: Date): boolean {
  return ticketLimitStates(ticket, now).overdue;
}

export function createTicketViews(config: HotlineConfig) {
  const { settings, routing, timeZone } = config;
  const label = (code: string) => categoryLabel(code, settings.categories);
  const urgencyLabel = (code: string) => settings.urgencies.find((u) => u.code === code)?.label ?? code;

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

  const views = {
    categoryLabel: label,
    urgencyLabel,
    loadTicket,
    isOverdue,

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
      const view = await views.citizenTicketStatus(tx, number, citizen, now);
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

    /** What the metrics count of one ticket, as of `now`. */
    summary(ticket: HotlineTicket, now: Date): TicketSummary & { onTime: boolean | null } {
      const states = ticketLimitStates(ticket, now);
      const response = ({ metInTime: 'inTime', metLate: 'late', overdue: 'none', running: null } as const)[states.signFor];
      const onTime = ({ metInTime: true, metLate: false, overdue: false, running: null } as const)[states.resolve];
      return { response, resolution: ticket.resolution, satisfaction: ticket.rating as SatisfactionOutcome | null, onTime };
    },
  };
  return views;
}

export type TicketViews = ReturnType<typeof createTicketViews>;
