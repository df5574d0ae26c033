import type { MessageAuthor } from '../../entities/Message';
import type { ChannelName } from '../channels/inboundMessage';
import type { Transaction } from '../db/database';
import { outbox } from '../outbox/repository';
import { conversations, messages } from './repositories';

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
