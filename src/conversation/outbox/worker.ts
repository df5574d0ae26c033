import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { OutboundSender } from './outbound';
import type { Database } from '../../platform/db/database';
import { periodicJob } from '../../platform/jobs/periodicJob';
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

/** WeChat accepts customer-service messages to a citizen for 48 hours after the citizen last wrote. */
export const WECHAT_SEND_WINDOW_MS = 48 * 60 * 60_000;

/**
 * Sends what the outbox holds. Each message is leased by one worker (on any instance) at a time,
 * so it is sent once; a worker that dies mid-send leaves it to be retried when the lease runs out.
 */
export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { db, senders, logger, now, intervalMs, maxAttempts } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const owner = randomUUID();
  /** Deliveries WeChat refused because of the app's own set-up, by channel (exposed as a Prometheus counter). */
  const blocked: Record<string, number> = {};

  async function deliver(message: {
    id: number;
    channel: string;
    citizenId: string;
    text: string;
    attempts: number;
    createdAt: Date;
  }): Promise<void> {
    const { id, channel } = message;
    const sender = senders.get(channel) as OutboundSender;
    const attempts = message.attempts + 1;
    const result = await sender.send(message.citizenId, message.text);
    const at = now();
    // Fixable by an administrator (IP whitelist, AppSecret): retried for as long as WeChat would still take the message.
    const stillBlocked = result.status === 'blocked' && at.getTime() < message.createdAt.getTime() + WECHAT_SEND_WINDOW_MS;
    // Counted before the row is written, so whoever sees the refusal recorded also sees it counted.
    if (result.status === 'blocked') blocked[channel] = (blocked[channel] ?? 0) + 1;
    await db.transaction(async (tx) => {
      if (result.status === 'sent') return outbox.finish(tx, id, 'sent', attempts, at, null);
      if (result.status === 'undeliverable') return outbox.finish(tx, id, 'undeliverable', attempts, at, result.reason);
      if (stillBlocked) return outbox.retryLater(tx, id, attempts, new Date(at.getTime() + backoffMs(attempts)), result.reason);
      if (result.status !== 'retryable' || attempts >= maxAttempts) return outbox.finish(tx, id, 'failed', attempts, at, result.reason);
      return outbox.retryLater(tx, id, attempts, new Date(at.getTime() + backoffMs(attempts)), result.reason);
    });
    if (result.status === 'blocked') {
      logger.error(
        { outboxId: id, channel, reason: result.reason, attempts, retrying: stillBlocked },
        'WeChat refuses the app: check the server IP whitelist and the AppSecret',
      );
    } else if (result.status !== 'sent')
      logger.warn({ outboxId: id, channel, status: result.status, reason: result.reason, attempts }, 'outbox delivery did not succeed');
  }

  async function runOnce(): Promise<number> {
    const at = now();
    const due = await db.transaction((tx) => outbox.due(tx, at, 50, [...senders.keys()]));
    let handled = 0;
    for (const message of due) {
      const claimed = await db.transaction((tx) => outbox.claim(tx, message.id, owner, new Date(at.getTime() + leaseMs), at));
      if (!claimed) continue;
      try {
        await deliver(message);
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
    blocked,
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
