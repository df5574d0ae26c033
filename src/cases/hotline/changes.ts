/**
 * What every change to a ticket goes through (the commands call it): the status check, the
 * optimistic update with its step in the ticket's history and the audit trail, the deadlines from
 * the SLA table, and reopening, which both the citizen's 不满意 and an operator can do.
 */
import type { HotlineTicket, TicketStatus } from '../../../entities/HotlineTicket';
import { scrubText } from '../../staff/audit/personalData';
import { auditLog, type AuditActor } from '../../staff/audit/repository';
import type { Transaction } from '../../platform/db/database';
import { slaFor, ticketDeadlines } from './rules/hotline';
import { DomainError } from '../../platform/domainError';
import { ticketEvents, tickets } from './repository';
import type { HotlineConfig } from './settings';
import { STATUS_LABELS } from './texts';

export function conflict(message: string, code = 'ticket_state'): DomainError {
  return new DomainError('conflict', code, message);
}

/** `action` is said to the operator: Chinese, e.g. 签收. */
export function requireStatus(ticket: HotlineTicket, allowed: TicketStatus[], action: string) {
  if (!allowed.includes(ticket.status)) {
    throw conflict(
      `工单${ticket.number}当前为“${STATUS_LABELS[ticket.status]}”，不能${action}（须为${allowed.map((s) => `“${STATUS_LABELS[s]}”`).join('或')}）。`,
    );
  }
}

export function createTicketChanges(config: HotlineConfig) {
  const { settings, calendar } = config;

  function deadlines(from: Date, category: string, urgency: string) {
    const d = ticketDeadlines(from, slaFor(settings, category, urgency), calendar);
    return { signForDueAt: d.signFor.dueAt, dueAt: d.resolve.dueAt, beyondCoverage: d.signFor.beyondCoverage || d.resolve.beyondCoverage };
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

  return { deadlines, record, transition, reopenTicket };
}

export type TicketChanges = ReturnType<typeof createTicketChanges>;
