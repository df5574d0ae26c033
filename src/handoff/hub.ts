/**
 * Live updates for operators: thread changes and messages in escalated conversations.
 *
 * One hub per app (no global). Changes made on this instance are published at once; a poller
 * reads the database while anyone is subscribed, so changes made by other instances (or by
 * the conversation service without publishing) reach the stream too, within `pollMs`. Every
 * event has a key (thread id + version, message id) and is forwarded once.
 */
import type { Logger } from 'pino';
import type { HandoffThread } from '../../entities';
import type { ThreadStatus } from '../../entities/HandoffThread';
import type { MessageAuthor } from '../../entities/Message';
import { scrubPersonalText } from '../staff/audit/personalData';
import type { Database } from '../platform/db/database';
import { threads, transcript } from './repository';

export type ThreadEvent =
  | {
      type: 'thread';
      threadId: number;
      conversationId: string;
      status: ThreadStatus;
      operator: string | null;
      ticketNumber: string | null;
      version: number;
      at: string;
    }
  | {
      type: 'message';
      threadId: number;
      conversationId: string;
      /** The operator holding the thread, null while it waits. */
      operator: string | null;
      messageId: number;
      author: MessageAuthor;
      /** ID and mobile numbers masked, as in the transcript. */
      text: string;
      at: string;
    };

export type ThreadListener = (event: ThreadEvent) => void;

export interface StoredMessage {
  id: number;
  conversationId: string;
  author: MessageAuthor;
  text: string;
  createdAt: Date;
}

export interface ThreadHub {
  /** A thread changed (requested, claimed, released, transferred). */
  publishThread(thread: HandoffThread): void;
  /**
   * A message was stored in a conversation (e.g. by the conversation service after a turn):
   * forwarded to operators only while the conversation has an open thread.
   */
  publishMessage(message: StoredMessage): void;
  subscribe(listener: ThreadListener): () => void;
  readonly subscribers: number;
  /** One database poll (the timer calls it; tests may too). */
  poll(): Promise<void>;
  stop(): void;
}

const SEEN_LIMIT = 5000;
/** Message ids can commit out of order on MySQL: each poll looks this far back (duplicates are dropped). */
const ID_LOOKBACK = 100;
/** Thread updates are looked for from this long before the previous poll. */
const TIME_LOOKBACK_MS = 5000;

export function createThreadHub(deps: { db: Database; now: () => Date; logger: Logger; pollMs: number }): ThreadHub {
  const { db, now, logger, pollMs } = deps;
  const listeners = new Set<ThreadListener>();
  const seen = new Map<string, true>();
  /** conversation id → its open thread. */
  const open = new Map<string, { threadId: number; operator: string | null }>();
  let lastMessageId: number | null = null;
  /** Messages up to this id were there before anyone subscribed: not news. */
  let startId = 0;
  let lastPollAt: Date | null = null;
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> | null = null;

  function emit(key: string, event: ThreadEvent) {
    if (seen.has(key)) return;
    seen.set(key, true);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.keys().next().value as string);
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        logger.warn({ err }, 'thread event listener failed');
      }
    }
  }

  function trackThread(thread: HandoffThread) {
    if (thread.openKey)
      open.set(thread.conversationId, { threadId: thread.id, operator: thread.status === 'held' ? thread.operator : null });
    else if (open.get(thread.conversationId)?.threadId === thread.id) open.delete(thread.conversationId);
  }

  function threadEvent(thread: HandoffThread) {
    trackThread(thread);
    emit(`thread:${thread.id}:${thread.version}`, {
      type: 'thread',
      threadId: thread.id,
      conversationId: thread.conversationId,
      status: thread.status,
      operator: thread.operator,
      ticketNumber: thread.ticketNumber,
      version: thread.version,
      at: thread.updatedAt.toISOString(),
    });
  }

  function messageEvent(message: StoredMessage) {
    const thread = open.get(message.conversationId);
    if (!thread) return;
    emit(`message:${message.id}`, {
      type: 'message',
      threadId: thread.threadId,
      conversationId: message.conversationId,
      operator: thread.operator,
      messageId: message.id,
      author: message.author,
      text: scrubPersonalText(message.text),
      at: message.createdAt.toISOString(),
    });
  }

  async function pollOnce(): Promise<void> {
    const at = now();
    await db.transaction(async (tx) => {
      if (lastMessageId === null) {
        lastMessageId = await transcript.maxId(tx);
        startId = lastMessageId;
      }
      const since = new Date((lastPollAt ?? at).getTime() - TIME_LOOKBACK_MS);
      for (const thread of await threads.changedSince(tx, since)) threadEvent(thread);
      open.clear();
      for (const thread of await threads.allOpen(tx)) trackThread(thread);
      const fresh = await transcript.since(tx, [...open.keys()], Math.max(0, lastMessageId - ID_LOOKBACK), 500);
      for (const m of fresh) {
        if (m.id > startId) messageEvent(m);
        lastMessageId = Math.max(lastMessageId, m.id);
      }
    });
    lastPollAt = at;
  }

  const hub: ThreadHub = {
    publishThread: threadEvent,
    publishMessage: messageEvent,
    subscribe(listener) {
      listeners.add(listener);
      // The first poll sets the starting point: from then on nothing is missed.
      if (lastMessageId === null) void hub.poll();
      if (!timer && pollMs > 0) {
        timer = setInterval(() => void hub.poll(), pollMs);
        timer.unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    get subscribers() {
      return listeners.size;
    },
    poll() {
      // One poll at a time; a slow database makes the timer skip, not pile up.
      polling ??= pollOnce()
        .catch((err) => logger.warn({ err }, 'thread hub poll failed'))
        .finally(() => {
          polling = null;
        });
      return polling;
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      listeners.clear();
    },
  };
  return hub;
}
