import { OutboxMessage, type OutboxStatus } from '../../../entities/OutboxMessage';
import type { Transaction } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';

export interface NewOutboxMessage {
  dedupeKey: string;
  channel: string;
  citizenId: string;
  conversationId: string | null;
  text: string;
}

export const outbox = {
  /** Queues a message once per dedupe key; writing the same key again is a no-op (false). */
  async enqueue(tx: Transaction, message: NewOutboxMessage, now: Date): Promise<boolean> {
    try {
      await tx.insert(OutboxMessage, {
        ...message,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        claimedBy: null,
        claimedUntil: null,
        lastError: null,
        createdAt: now,
        sentAt: null,
      });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  },

  /**
   * Records a message said some other way (`how`: a passive reply) as sent, so the send API never says it
   * again; false when the key was queued for the send API first. Saying it the same way again is allowed
   * (WeChat shows only its last attempt's passive reply).
   */
  async recordSentElsewhere(tx: Transaction, message: NewOutboxMessage, now: Date, how: string): Promise<boolean> {
    try {
      await tx.insert(OutboxMessage, {
        ...message,
        status: 'sent',
        attempts: 0,
        nextAttemptAt: now,
        claimedBy: null,
        claimedUntil: null,
        lastError: how,
        createdAt: now,
        sentAt: now,
      });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  },

  /** Whether the message of this key was said `how` (recordSentElsewhere), not queued for the send API. */
  async wasSentElsewhere(tx: Transaction, dedupeKey: string, how: string): Promise<boolean> {
    const earlier = await tx.findOne(OutboxMessage, { where: { dedupeKey } });
    return earlier?.attempts === 0 && earlier.status === 'sent' && earlier.lastError === how;
  },

  /**
   * Pending messages of these channels whose time has come and whose lease (if any) ran out,
   * oldest first. An instance only takes what it can send (e.g. only the one logged in to wechaty).
   */
  due(tx: Transaction, now: Date, limit: number, channels: readonly string[]): Promise<OutboxMessage[]> {
    if (channels.length === 0) return Promise.resolve([]);
    return tx
      .createQueryBuilder(OutboxMessage, 'o')
      .where("o.status = 'pending' AND o.next_attempt_at <= :now AND (o.claimed_until IS NULL OR o.claimed_until < :now)", { now })
      .andWhere('o.channel IN (:...channels)', { channels })
      .orderBy('o.id', 'ASC')
      .limit(limit)
      .getMany();
  },

  /** Takes a lease on one message; only one worker on any instance wins it. */
  async claim(tx: Transaction, id: number, owner: string, until: Date, now: Date): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ claimedBy: owner, claimedUntil: until })
      .where("id = :id AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < :now)", { id, now })
      .execute();
    return result.affected === 1;
  },

  async finish(
    tx: Transaction,
    id: number,
    status: Exclude<OutboxStatus, 'pending'>,
    attempts: number,
    now: Date,
    error: string | null,
  ): Promise<void> {
    await tx.update(
      OutboxMessage,
      { id },
      {
        status,
        attempts,
        lastError: error?.slice(0, 500) ?? null,
        sentAt: status === 'sent' ? now : null,
        claimedBy: null,
        claimedUntil: null,
      },
    );
  },

  async retryLater(tx: Transaction, id: number, attempts: number, nextAttemptAt: Date, error: string): Promise<void> {
    await tx.update(
      OutboxMessage,
      { id },
      { attempts, nextAttemptAt, lastError: error.slice(0, 500), claimedBy: null, claimedUntil: null },
    );
  },
};
