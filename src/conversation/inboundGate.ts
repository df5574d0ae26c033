import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { InboundMessage } from '../dialogue/inboundMessage';
import { isTransientConflict } from '../platform/db/errors';
import type { InboundJournal } from './inboundJournal';
import type { Admission, InboundResult, Refusal } from './service';
import { withinBudget } from '../platform/withinBudget';

export type GateOutcome = { status: 'done'; result: InboundResult } | { status: 'refused'; refusal: Refusal } | { status: 'deferred' };

/**
 * For channels that must answer within a deadline (WeChat gives up after 5 s): a message that is
 * not processed in time, or cannot be because the database is away, is journaled before it is
 * acknowledged, and its replies go out through the send API once it has been processed.
 */
export function createInboundGate(deps: {
  /** With `admission`, after the channel's checks in the turn's transaction (which may refuse it). */
  handleInbound(message: InboundMessage, admission?: Admission): Promise<InboundResult | { refused: Refusal }>;
  /** Queues replies for the send API; idempotent per inbound message. */
  queueReplies(message: InboundMessage, result: InboundResult): Promise<void>;
  /** Tells a database outage (wait and retry) from a message that cannot be processed at all. */
  databaseAnswers(): Promise<boolean>;
  journal: InboundJournal;
  logger: Logger;
  /** The clock of the back-off between failed replay rounds. */
  now: () => Date;
}) {
  const { journal, logger, now } = deps;
  let replaying: Promise<number> | null = null;
  // After a failed round, wait longer before the next: a replay against a locked database blocks.
  let failures = 0;
  let notBefore = 0;

  async function settle(id: string, message: InboundMessage, result: InboundResult | { refused: Refusal }): Promise<void> {
    // Refused by the channel's checks after all (a flood, a replayed URL): nothing to answer.
    if ('refused' in result) {
      journal.settle(id);
      return;
    }
    // A retry of this MsgId (WeChat pushes again after 5 s) stored it first: that delivery answered it.
    const answeredElsewhere = result.duplicate && result.storedBy !== (message.deliveryId ?? null);
    if (!answeredElsewhere) await deps.queueReplies(message, result);
    journal.settle(id);
  }

  async function replayAll(): Promise<number> {
    let done = 0;
    for (const record of journal.pending()) {
      let result: InboundResult | { refused: Refusal };
      try {
        result = await deps.handleInbound(record.message);
      } catch (err) {
        // With the database away, stop: the rest keep their order for the next round. With the
        // database answering, this message itself fails: set it aside so it cannot block the rest.
        if (isTransientConflict(err) || !(await deps.databaseAnswers())) throw err;
        logger.error({ err, journalId: record.id, channel: record.message.channel }, 'journaled message cannot be processed; set aside');
        journal.settle(record.id);
        continue;
      }
      await settle(record.id, record.message, result);
      done++;
    }
    if (done > 0) {
      journal.compact();
      logger.info({ replayed: done }, 'journaled messages processed');
    }
    return done;
  }

  return {
    /**
     * With `admission`, the channel's checks run in the turn's transaction. A message journaled because
     * the checks could not run in time is replayed without them, as a check that gives way would accept it.
     */
    async process(received: InboundMessage, budgetMs: number, admission?: Admission): Promise<GateOutcome> {
      const message = { ...received, deliveryId: randomUUID() };
      const processing = deps.handleInbound(message, admission);
      const outcome = await withinBudget(
        processing.catch((err: unknown) => ({ failed: err })),
        budgetMs,
      );
      if (outcome !== 'late' && 'refused' in outcome) return { status: 'refused', refusal: outcome.refused };
      if (outcome !== 'late' && !('failed' in outcome)) return { status: 'done', result: outcome };
      if (outcome !== 'late')
        logger.warn({ err: outcome.failed, channel: message.channel }, 'message could not be processed now; journaled for replay');
      const id = journal.append(message);
      processing.then(
        (result) => settle(id, message, result).catch((err) => logger.error({ err }, 'late replies could not be queued; left for replay')),
        () => undefined,
      );
      return { status: 'deferred' };
    },

    /** Processes journaled messages in order; one replay at a time, backing off after failures. */
    replay(): Promise<number> {
      if (now().getTime() < notBefore) return Promise.resolve(0);
      replaying ??= replayAll()
        .then(
          (done) => {
            failures = 0;
            return done;
          },
          (err: unknown) => {
            failures++;
            notBefore = now().getTime() + Math.min(250 * 2 ** failures, 10_000);
            throw err;
          },
        )
        .finally(() => {
          replaying = null;
        });
      return replaying;
    },
  };
}

export type InboundGate = ReturnType<typeof createInboundGate>;
