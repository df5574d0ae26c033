import type { Logger } from 'pino';
import type { InboundMessage } from '../dialogue/inboundMessage';
import type { Database, Transaction } from '../platform/db/database';
import type { DialogueEngine, Effect } from '../dialogue/types';
import { isTransientConflict, isUniqueViolation } from '../platform/db/errors';
import type { PreparedMatch } from '../knowledge/matchThreads';
import { keyedHash } from '../../entities/encryption';
import { DomainError } from '../platform/domainError';
import { conversations, inboundThisMinute, messages } from './repositories';

export interface InboundResult {
  conversationId: string;
  /** The stored inbound message (the original one for a duplicate). */
  inboundId: number;
  /** True when this message had been received before: the stored replies are returned again. */
  duplicate: boolean;
  /** The delivery that stored the message (its `deliveryId`): another one's when a retry came first. */
  storedBy: string | null;
  /** What the engine decided for the message, as stored with it (its meta). */
  decision: Record<string, unknown> | null;
  replies: string[];
}

export interface EffectContext {
  conversationId: string;
  channel: string;
  citizenId: string;
  inboundId: number;
  now: Date;
}

/** Why a channel's checks refused a message: `reply` is what the citizen is told, if anything. */
export interface Refusal {
  reason: string;
  reply: string | null;
  /** When a flooding citizen may send again. */
  retryAfterSeconds?: number;
}

/** What a channel's checks know of the citizen: the messages their conversation stored in this minute (flood). */
export interface AdmissionContext {
  now: Date;
  storedThisMinute: number;
}

/**
 * A channel's checks on a message before its turn (a webhook's signed URL spent once, the citizen's
 * flood count), run in the turn's transaction: one commit for the checks and the turn instead of one
 * each, and a turn that fails undoes them too. A refusal commits what the checks wrote and skips the turn.
 */
export type Admission = (tx: Transaction, context: AdmissionContext) => Promise<Refusal | null>;

/** Applies one effect inside the turn's transaction; returned texts are sent before the turn's own replies. */
export type EffectHandler = (tx: Transaction, effect: Effect, context: EffectContext) => Promise<string[] | void>;

class StateConflict extends Error {}

const MAX_ATTEMPTS = 5;

/**
 * The one path every inbound message takes: store it (once), run the dialogue reducer, and
 * persist state, replies and effects in one transaction with an optimistic state version.
 */
export function createConversationService(deps: {
  db: Database;
  engine: DialogueEngine;
  applyEffect: EffectHandler;
  now: () => Date;
  logger: Logger;
}) {
  const { db, engine, applyEffect, now, logger } = deps;
  let inFlight = 0;

  /**
   * A retry: what the first delivery stored. Read apart from the transaction that found the duplicate,
   * which may hold a snapshot from before the first delivery committed (MySQL).
   */
  async function storedResult(conversationId: string, message: InboundMessage): Promise<InboundResult> {
    const stored = await db.eachStatement((tx) => messages.answered(tx, conversationId, message.externalId));
    if (!stored) throw new Error(`duplicate message ${message.externalId} vanished`);
    const { inbound, replies } = stored;
    // Only the web chat's client chooses ids: one reused for another text is not a retry, and
    // answering it with the first text's replies would lose it in silence.
    if (inbound.textHash !== null && inbound.textHash !== keyedHash(message.text))
      throw new DomainError(
        'conflict',
        'message_id_reused',
        '这条消息的编号已用于另一条内容不同的消息，本条没有收到。请换一个编号重新发送。',
        'id',
      );
    return {
      conversationId,
      inboundId: inbound.id,
      duplicate: true,
      storedBy: typeof inbound.meta?.delivery === 'string' ? inbound.meta.delivery : null,
      decision: inbound.meta,
      replies,
    };
  }

  async function attempt(
    message: InboundMessage,
    prepared: PreparedMatch | null,
    admission: Admission | null,
  ): Promise<InboundResult | { refused: Refusal }> {
    const outcome = await process(message, prepared, admission);
    return 'duplicateOf' in outcome ? storedResult(outcome.duplicateOf, message) : outcome;
  }

  function process(
    message: InboundMessage,
    prepared: PreparedMatch | null,
    admission: Admission | null,
  ): Promise<InboundResult | { duplicateOf: string } | { refused: Refusal }> {
    return db.transaction(async (tx) => {
      const at = now();
      const existing = await conversations.findByCitizen(tx, message.channel, message.citizenId);
      // The checks write after this read: on SQLite, a transaction that has read fails at once while
      // another process holds the write lock, where a first write would wait out the busy timeout
      // with the event loop blocked, and WeChat's reply budget with it.
      // The minute's count comes with the conversation's read and goes with its write (the state version
      // makes a concurrent message of the citizen run its turn again, on the count this one wrote).
      const counted = inboundThisMinute(existing, at);
      const refusal = admission && (await admission(tx, { now: at, storedThisMinute: counted.stored }));
      if (refusal) return { refused: refusal };
      // The turn is pure, so it is computed first and the message stored with its decision in one
      // write; a duplicate's turn is simply dropped.
      const turn = engine.turn(engine.restore(existing ? existing.state : engine.initialState()), message, {
        now: at,
        lastActivityAt: existing?.lastActivityAt ?? at,
        prepared,
      });
      // A first message creates the conversation with the state it leads to (one write, not two),
      // as version 1 like any state a turn wrote.
      const conversation =
        existing ?? (await conversations.create(tx, message.channel, message.citizenId, turn.state, at, 1, counted.withOneMore));
      const inbound = await messages.insertOnce(tx, {
        conversationId: conversation.id,
        direction: 'in',
        author: 'citizen',
        externalId: message.externalId,
        kind: message.event ? `event:${message.event}` : message.kind,
        text: turn.storedText ?? message.text,
        textHash: keyedHash(message.text),
        meta: {
          ...(message.eventKey ? { eventKey: message.eventKey } : {}),
          ...(message.deliveryId ? { delivery: message.deliveryId } : {}),
          ...turn.decision,
        },
        createdAt: message.receivedAt,
      });
      if (!inbound) return { duplicateOf: conversation.id };
      if (existing && !(await conversations.saveState(tx, existing, turn.state, at, counted.withOneMore))) throw new StateConflict();
      const context = {
        conversationId: conversation.id,
        channel: message.channel,
        citizenId: message.citizenId,
        inboundId: inbound.id,
        now: at,
      };
      // What an effect says (a tracking number, "转接中") comes before the engine's next question.
      const replies: string[] = [];
      for (const effect of turn.effects) replies.push(...((await applyEffect(tx, effect, context)) ?? []));
      replies.push(...turn.replies.map((r) => r.text));
      for (const text of replies) {
        await messages.insertReply(tx, {
          conversationId: conversation.id,
          direction: 'out',
          author: 'bot',
          kind: 'text',
          text,
          inReplyTo: inbound.id,
          createdAt: at,
        });
      }
      return {
        conversationId: conversation.id,
        inboundId: inbound.id,
        duplicate: false,
        storedBy: message.deliveryId ?? null,
        decision: inbound.meta,
        replies,
      };
    });
  }

  async function handle(message: InboundMessage, admission: Admission | null): Promise<InboundResult | { refused: Refusal }> {
    inFlight++;
    try {
      // Outside the transaction: SQLite's transactions take turns, and matching need not hold them up.
      const prepared = await engine.prepare(message, now());
      for (let i = 1; ; i++) {
        try {
          return await attempt(message, prepared, admission);
        } catch (err) {
          // Another message of the same citizen won a race (state version, new conversation, lock):
          // run the turn again on top of what it wrote (the admission's writes were undone with it).
          const lostRace = err instanceof StateConflict || isTransientConflict(err) || (isUniqueViolation(err) && i === 1);
          if (!lostRace || i >= MAX_ATTEMPTS) throw err;
          logger.debug({ conversation: `${message.channel}:${message.citizenId}`, attempt: i }, 'state conflict, retrying turn');
        }
      }
    } finally {
      inFlight--;
    }
  }

  return {
    handleInbound: (message: InboundMessage) => handle(message, null) as Promise<InboundResult>,
    /** handleInbound after the channel's checks, in the same transaction. */
    handleAdmitted: (message: InboundMessage, admission: Admission) => handle(message, admission),
    /** How many citizens' turns are being processed now (background work waits for none to be). */
    turnsInFlight: () => inFlight,
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
