import type { MessageAuthor } from '../../entities/Message';
import type { ChannelName, InboundMessage } from '../dialogue/inboundMessage';
import type { Database, Transaction } from '../platform/db/database';
import { outbox } from './outbox/repository';
import { conversations, messages } from './repositories';
import type { InboundResult } from './service';

/** Channels that push to the citizen; web chat has no push, its client fetches new messages. */
const PUSH_CHANNELS: ReadonlySet<string> = new Set<ChannelName>(['wechat-official', 'wechat-miniprogram', 'wechaty']);

export interface CitizenMessage {
  conversationId: string;
  author: Extract<MessageAuthor, 'operator' | 'system' | 'bot'>;
  text: string;
  /** Makes a repeated delivery (a retried request, a replayed job) the same message. */
  dedupeKey: string;
  meta?: Record<string, unknown>;
}

/**
 * Everything said to a citizen outside a direct reply (operator replies, status notices): kept in
 * the transcript and, on push channels, queued in the outbox in the same transaction.
 * Returns false when this dedupe key was delivered before.
 */
export async function deliverToCitizen(tx: Transaction, message: CitizenMessage, now: Date): Promise<boolean> {
  const conversation = await conversations.findById(tx, message.conversationId);
  if (!conversation) throw new Error(`conversation ${message.conversationId} not found`);
  const stored = await messages.insertOnce(tx, {
    conversationId: conversation.id,
    direction: 'out',
    author: message.author,
    // The dedupe key doubles as the message's external id, so the unique constraint drops a repeat.
    externalId: message.dedupeKey,
    kind: 'text',
    text: message.text,
    meta: message.meta ?? null,
    createdAt: now,
  });
  if (!stored) return false;
  if (PUSH_CHANNELS.has(conversation.channel)) {
    await outbox.enqueue(
      tx,
      {
        dedupeKey: message.dedupeKey,
        channel: conversation.channel,
        citizenId: conversation.citizenId,
        conversationId: conversation.id,
        text: message.text,
      },
      now,
    );
  }
  return true;
}

/**
 * Replies that cannot be passive (late, or the database was away) go out through the send API:
 * queued once per inbound message and index, from the `from`-th reply on.
 */
export function replyQueue(deps: { db: Database; now: () => Date; wake: () => void }) {
  return async (message: InboundMessage, result: InboundResult, from = 0): Promise<void> => {
    await deps.db.transaction(async (tx) => {
      for (const [i, text] of result.replies.entries()) {
        if (i < from) continue;
        await outbox.enqueue(
          tx,
          {
            dedupeKey: `reply:${result.inboundId}:${i}`,
            channel: message.channel,
            citizenId: message.citizenId,
            conversationId: result.conversationId,
            text,
          },
          deps.now(),
        );
      }
    });
    deps.wake();
  };
}

/**
 * For a retried webhook: takes the first reply of this inbound message for a passive answer, unless
 * the send API already has it (queued by the journal's replay or a late first delivery); true when
 * the retry answers.
 */
export function passiveReplyClaim(deps: { db: Database; now: () => Date }) {
  return async (message: InboundMessage, result: InboundResult): Promise<boolean> => {
    const dedupeKey = `reply:${result.inboundId}:0`;
    const how = 'passive reply to a retry';
    // One statement each: an autocommit insert and read on MySQL, not a transaction of three round trips.
    const recorded = await deps.db.eachStatement((tx) =>
      outbox.recordSentElsewhere(
        tx,
        {
          dedupeKey,
          channel: message.channel,
          citizenId: message.citizenId,
          conversationId: result.conversationId,
          text: result.replies[0] as string,
        },
        deps.now(),
        how,
      ),
    );
    // Read apart from the failed insert: on MySQL its transaction may hold a snapshot from before the other one committed.
    return recorded || deps.db.eachStatement((tx) => outbox.wasSentElsewhere(tx, dedupeKey, how));
  };
}
