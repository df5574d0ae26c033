/**
 * The citizen's rating of a closed ticket (满意度): stored, and a first 不满意 reopens the ticket.
 */
import type { HotlineTicket, TicketRating } from '../../../entities/HotlineTicket';
import { CITIZEN_ACTOR } from '../../staff/audit/context';
import type { Transaction } from '../../platform/db/database';
import type { TicketChanges } from './changes';
import { normalizeTicketNumber, tickets } from './repository';
import type { HotlineConfig } from './settings';
import { formatDue, howToCheck, RATING_LABELS } from './texts';
import type { Citizen } from './views';

export function createRatingCommands(config: HotlineConfig, { transition, reopenTicket }: TicketChanges) {
  const { timeZone } = config;

  const commands = {
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
      const { ticket, reopened } = await commands.rateLatestClosedTicket(tx, context, rating, context.now);
      if (!ticket) return ['目前没有等待您评价的工单。查询工单请发送"查询工单 编号"。'];
      if (reopened)
        return [
          `很抱歉没有让您满意。工单${ticket.number}已重新交办，我们会督促承办部门重新办理，办结时限：${formatDue(ticket.dueAt, timeZone)}。${howToCheck(ticket.number)}`,
        ];
      if (rating === 'dissatisfied')
        return [`感谢您的评价，工单${ticket.number}的评价"不满意"已记录，我们会据此督促改进。如有新的问题，可以发送"转人工"。`];
      return [`感谢您对工单${ticket.number}的评价（${RATING_LABELS[rating]}）！`];
    },
  };
  return commands;
}
