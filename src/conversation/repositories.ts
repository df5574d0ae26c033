import { Conversation, Message } from '../../entities';
import type { MessageAuthor } from '../../entities/Message';
import type { Transaction } from '../platform/db/database';
import { INITIAL_STATE } from '../dialogue/state';
import { isUniqueViolation } from '../platform/db/errors';
import { statements } from '../platform/db/statements';
import { timeOrderedId } from '../platform/db/timeOrderedId';

/** A conversation's count of the citizen's messages stored in one minute (the flood guard's). */
export type InboundCount = Pick<Conversation, 'inboundMinute' | 'inboundCount'>;

const minuteOf = (at: Date) => Math.floor(at.getTime() / 60_000);

/** The citizen's messages the conversation stored in the minute of `at`, and the count with one more. */
export function inboundThisMinute(conversation: Conversation | null, at: Date): { stored: number; withOneMore: InboundCount } {
  const minute = minuteOf(at);
  const stored = conversation?.inboundMinute === minute ? conversation.inboundCount : 0;
  return { stored, withOneMore: { inboundMinute: minute, inboundCount: stored + 1 } };
}

export const conversations = {
  findByCitizen(tx: Transaction, channel: string, citizenId: string): Promise<Conversation | null> {
    return statements.findOne(tx, Conversation, { channel, citizenId });
  },

  findById(tx: Transaction, id: string): Promise<Conversation | null> {
    return statements.findOne(tx, Conversation, { id });
  },

  /** The citizen's thread on a channel, created when a form comes before any chat: notices need one. */
  async threadOf(tx: Transaction, citizen: { channel: string; citizenId: string }, now: Date): Promise<Conversation> {
    return (
      (await conversations.findByCitizen(tx, citizen.channel, citizen.citizenId)) ??
      conversations.create(tx, citizen.channel, citizen.citizenId, INITIAL_STATE, now)
    );
  },

  /**
   * Creates the conversation with its first state. When a concurrent request created it first, the
   * unique constraint refuses this one: the caller runs its transaction again and finds the winner's.
   */
  async create(
    tx: Transaction,
    channel: string,
    citizenId: string,
    state: unknown,
    now: Date,
    stateVersion = 0,
    inbound: InboundCount = { inboundMinute: 0, inboundCount: 0 },
  ): Promise<Conversation> {
    const created: Conversation = {
      id: timeOrderedId(now.getTime()),
      channel,
      citizenId,
      state,
      stateVersion,
      ...inbound,
      lastActivityAt: now,
      createdAt: now,
    };
    await statements.insert(tx, Conversation, created);
    return created;
  },

  /**
   * Writes a new state only over the version it was computed from; false means someone else won. A turn
   * that stored an inbound message writes the minute's count with it.
   */
  async saveState(tx: Transaction, conversation: Conversation, state: unknown, now: Date, inbound?: InboundCount): Promise<boolean> {
    const changed = await statements.update(
      tx,
      Conversation,
      { state, stateVersion: conversation.stateVersion + 1, lastActivityAt: now, ...inbound },
      { id: conversation.id, stateVersion: conversation.stateVersion },
    );
    return changed === 1;
  },
};

export interface NewMessage {
  conversationId: string;
  direction: 'in' | 'out';
  author: MessageAuthor;
  externalId?: string | null;
  kind: string;
  text: string;
  textHash?: string | null;
  inReplyTo?: number | null;
  meta?: Record<string, unknown> | null;
  createdAt: Date;
}

const rowOf = (message: NewMessage) => ({
  ...message,
  externalId: message.externalId ?? null,
  textHash: message.textHash ?? null,
  inReplyTo: message.inReplyTo ?? null,
  meta: message.meta ?? null,
});

export const messages = {
  async insert(tx: Transaction, message: NewMessage): Promise<Message> {
    const row = rowOf(message);
    return { ...row, id: await statements.insert(tx, Message, row) };
  },

  /** A reply, whose id the turn does not need: written with the turn's next statement (its COMMIT on MySQL). */
  insertReply(tx: Transaction, message: NewMessage): Promise<void> {
    return statements.insertDeferred(tx, Message, rowOf(message));
  },

  /** Stores a message once per (conversation, direction, external id); a repeat returns null. */
  async insertOnce(tx: Transaction, message: NewMessage): Promise<Message | null> {
    try {
      return await messages.insert(tx, message);
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  },

  /**
   * An inbound message as stored and the texts of the replies to it, in order (what a retry gets
   * again): one statement, an autocommit read with a snapshot of its own on MySQL.
   */
  async answered(
    tx: Transaction,
    conversationId: string,
    externalId: string,
  ): Promise<{ inbound: Pick<Message, 'id' | 'textHash' | 'meta'>; replies: string[] } | null> {
    const rows: { id: number; text_hash: string | null; meta: unknown; reply: string | null }[] = await tx
      .createQueryBuilder(Message, 'm')
      .leftJoin(Message, 'r', 'r.in_reply_to = m.id')
      .select(['m.id AS id', 'm.text_hash AS text_hash', 'm.meta AS meta', 'r.text AS reply'])
      .where("m.conversation_id = :conversationId AND m.direction = 'in' AND m.external_id = :externalId", { conversationId, externalId })
      .orderBy('r.id', 'ASC')
      .getRawMany();
    const first = rows[0];
    if (!first) return null;
    const meta = tx.connection.driver.prepareHydratedValue(
      first.meta,
      tx.connection.getMetadata(Message).findColumnWithPropertyName('meta')!,
    );
    return {
      inbound: { id: Number(first.id), textHash: first.text_hash, meta: meta as Message['meta'] },
      replies: rows.flatMap((row) => (row.reply === null ? [] : [row.reply])),
    };
  },

  /** Messages to the citizen not written as direct replies (operator, notices) after a cursor: the web-chat pull. */
  pushedAfter(tx: Transaction, conversationId: string, afterId: number, limit = 100): Promise<Message[]> {
    return tx
      .createQueryBuilder(Message, 'm')
      .where("m.conversation_id = :conversationId AND m.direction = 'out' AND m.in_reply_to IS NULL AND m.id > :afterId", {
        conversationId,
        afterId,
      })
      .orderBy('m.id', 'ASC')
      .limit(limit)
      .getMany();
  },
};
