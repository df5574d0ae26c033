/**
 * Opening a ticket (受理): the appeal validated against the configured categories and urgencies,
 * the number, the deadlines, the suggested department, the history and the audit record, and the
 * answer the citizen reads in chat.
 */
import type { TicketVia } from '../../../entities/HotlineTicket';
import { CITIZEN_ACTOR } from '../../staff/audit/context';
import type { AuditActor } from '../../staff/audit/repository';
import type { Transaction } from '../../platform/db/database';
import { threads } from '../../handoff/repository';
import { wallClock } from '../../handoff/serviceHours';
import { draftInput, validateAppeal, type AppealInput, type AppealIssue, type TicketAppeal, type TicketDraft } from './appeal';
import type { TicketChanges } from './changes';
import { formatTicketNumber, nextTicketSequence, tickets } from './repository';
import { routeTicket } from './routing';
import type { HotlineConfig } from './settings';
import { formatDue, howToCheck } from './texts';
import type { TicketViews } from './views';

/** Content codes of matters the hotline does not take (validateContent). */
const NOT_HOTLINE_CODES: ReadonlySet<string> = new Set(['content.emergency', 'content.discipline', 'content.petition']);

export interface TicketOrigin {
  channel: string;
  citizenId: string;
  conversationId: string | null;
  via: TicketVia;
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

export function createIntakeCommands(config: HotlineConfig, { deadlines, record }: TicketChanges, { categoryLabel: label }: TicketViews) {
  const { settings, routing, timeZone } = config;

  const commands = {
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
      const checked = commands.validate(draftInput((draft ?? {}) as TicketDraft));
      if (!checked.ok) {
        // Not a hotline matter after all: only where it goes, no ticket.
        const elsewhere = checked.issues.find((i) => NOT_HOTLINE_CODES.has(i.code));
        if (elsewhere) return [elsewhere.message];
        return [
          `工单信息还不完整，未能提交：\n${checked.issues.map((i) => `· ${i.message}`).join('\n')}\n请发送"转人工"或"我要投诉"重新填写。`,
        ];
      }
      const opened = await commands.openTicket(tx, checked.appeal, origin, now);
      return [commands.openedReply(opened)];
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
  };
  return commands;
}
