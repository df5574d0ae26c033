/**
 * The operators' steps on a ticket: 派单 (and 改派), 签收, 答复, 回访, 办结 with the closing notice
 * to the citizen, 督办 (by hand, and by the server for overdue tickets) and reopening.
 */
import type { HotlineTicket, TicketResolution } from '../../../entities/HotlineTicket';
import { SYSTEM_ACTOR } from '../../staff/audit/context';
import type { AuditActor } from '../../staff/audit/repository';
import { deliverToCitizen } from '../../conversation/deliver';
import type { Transaction } from '../../platform/db/database';
import { ticketLimitStates } from './rules/hotline';
import { DomainError } from '../../platform/domainError';
import { conflict, requireStatus, type TicketChanges } from './changes';
import { tickets } from './repository';
import { departmentName } from './routing';
import type { HotlineConfig } from './settings';
import { formatDue, howToCheck, RATING_QUESTION, RESOLUTION_LABELS } from './texts';
import { isOverdue, loadTicket } from './views';

/** What the timeline says of a supervision the server issued (staff read it). */
export const AUTOMATIC_SUPERVISION_NOTE = '超过办理时限，系统自动督办';
/** Overdue tickets supervised per sweep; the next sweep takes the rest. */
const OVERDUE_SWEEP_LIMIT = 500;

export function createWorkflowCommands(config: HotlineConfig, { deadlines, transition, reopenTicket }: TicketChanges) {
  const { settings, routing, timeZone } = config;

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

  const commands = {
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
          `承办部门“${department}”不存在（config/hotline-routing.yaml），请从部门列表中选择。`,
          'department',
        );
      const changes: Partial<HotlineTicket> = { status: 'dispatched', department, dispatchedAt: now };
      if (input.urgency && input.urgency !== ticket.urgency) {
        if (!settings.urgencies.some((u) => u.code === input.urgency))
          throw new DomainError(
            'invalid',
            'unknown_urgency',
            `紧急程度“${input.urgency}”不存在（config/hotline-sla.yaml），请从列表中选择。`,
            'urgency',
          );
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
      const resolution: TicketResolution = input.resolved ? 'resolved' : 'unresolved';
      if (ticket.status === 'callback' && ticket.resolution === resolution)
        throw conflict(`工单${ticket.number}已回访并记为“${RESOLUTION_LABELS[resolution]}”，无需再次登记。`, 'same_callback');
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
        await commands.supervise(tx, ticket.number, { note: AUTOMATIC_SUPERVISION_NOTE }, SYSTEM_ACTOR, now);
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
  };
  return commands;
}
