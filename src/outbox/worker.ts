import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { OutboundSender } from '../channels/outbound';
import type { Database } from '../db/database';
import { periodicJob } from '../jobs/periodicJob';
import { outbox } from './repository';

export interface OutboxWorkerOptions {
  db: Database;
  senders: ReadonlyMap<string, OutboundSender>;
  logger: Logger;
  now: () => Date;
  intervalMs: number;
  maxAttempts: number;
  /** How long a claimed message is left to its worker before another may take it over. */
  leaseMs?: number;
}

/** 2s, 4s, 8s ... capped at ten minutes: a failing API is not hammered and inbound traffic is never blocked. */
export const backoffMs = (attempts: number) => Math.min(2000 * 2 ** (attempts - 1), 600_000);

/**
 * Sends what the outbox holds. Each message is leased by one worker (on any instance) at a time,
 * so it is sent once; a worker that dies mid-send leaves it to be retried when the lease runs out.
 */
export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { db, senders, logger, now, intervalMs, maxAttempts } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const owner = randomUUID();

  async function deliver(id: number, channel: string, citizenId: string, text: string, attemptsBefore: number): Promise<void> {
    const sender = senders.get(channel) as OutboundSender;
    const attempts = attemptsBefore + 1;
    const result = await sender.send(citizenId, text);
    await db.transaction(async (tx) => {
      const at = now();
      if (result.status === 'sent') return outbox.finish(tx, id, 'sent', attempts, at, null);
      if (result.status === 'undeliverable') return outbox.finish(tx, id, 'undeliverable', attempts, at, result.reason);
      if (result.status === 'failed' || attempts >= maxAttempts) return outbox.finish(tx, id, 'failed', attempts, at, result.reason);
      return outbox.retryLater(tx, id, attempts, new Date(at.getTime() + backoffMs(attempts)), result.reason);
    });
    if (result.status !== 'sent') logger.warn({ outboxId: id, channel, status: result.status, reason: result.reason, attempts }, 'outbox delivery did not succeed');
  }

  async function runOnce(): Promise<number> {
    const at = now();
    const due = await db.transaction((tx) => outbox.due(tx, at, 50, [...senders.keys()]));
    let handled = 0;
    for (const message of due) {
      const claimed = await db.transaction((tx) => outbox.claim(tx, message.id, owner, new Date(at.getTime() + leaseMs), at));
      if (!claimed) continue;
      try {
        await deliver(message.id, message.channel, message.citizenId, message.text, message.attempts);
      } catch (err) {
        // The lease will run out and another round retries it.
        logger.error({ err, outboxId: message.id }, 'outbox delivery crashed');
      }
      handled++;
    }
    return handled;
  }

  const job = periodicJob({ name: 'outbox', intervalMs, logger, runAtStart: false, run: runOnce });
  return {
    /** Sends soon rather than at the next tick, e.g. right after a reply was queued. */
    wake(): void {
      setImmediate(() => {
        job.runNow().catch((err: unknown) => logger.error({ err }, 'outbox pass failed'));
      });
    },
    start: job.start,
    stop: job.stop,
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
