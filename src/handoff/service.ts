/**
 * Operator takeover of chat threads (人工客服). A citizen's request puts the conversation in the
 * operators' queue; one operator claims it (exactly one wins), talks to the citizen in the same
 * thread, and releases it (or it times out). While an operator holds the thread the dialogue
 * state is {mode:'human', operator} and the bot stays silent; on release it is back to bot mode.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { periodicJob } from '../platform/jobs/periodicJob';
import { HandoffThread, Message } from '../../entities';
import type { CloseReason } from '../../entities/HandoffThread';
import { requireReason, scrubPersonalText, scrubText } from '../staff/audit/personalData';
import { SYSTEM_ACTOR } from '../staff/audit/context';
import { auditLog, type AuditActor } from '../staff/audit/repository';
import { deliverToCitizen } from '../conversation/deliver';
import { conversations } from '../conversation/repositories';
import type { Database, Transaction } from '../platform/db/database';
import type { WorkingDayCalendar } from '../platform/calendar/workingDays';
import {
  nextOpening as nextOpeningOf,
  describeServiceHours,
  formatLocalMoment,
  isWithinServiceHours,
  type ServiceHours,
} from './serviceHours';
import { DomainError } from '../platform/domainError';
import { staffAccounts, staffTokens } from '../staff/repository';
import type { ThreadHub } from './hub';
import { threads, transcript } from './repository';

export { SYSTEM_ACTOR };

export interface HandoffConfig {
  serviceHours: ServiceHours;
  calendar: WorkingDayCalendar;
  timeZone: string;
  /** A held thread with no message either way for this long is released. */
  idleMinutes: number;
  /** A citizen should wait no longer than this for an operator; longer waits are marked. */
  waitTargetSeconds: number;
  /** How long after an operator stopped holding a thread they may still read it. */
  historyHours: number;
}

/** The dialogue state while an operator holds the thread; the engine stays silent in it. */
export interface HumanModeState {
  mode: 'human';
  operator: string;
}

export const BOT_STATE = { mode: 'bot', misses: 0, lastAnswer: null } as const;
/** The dialogue state while the thread waits for an operator: the citizen hears the queue, not the menu. */
export const QUEUED_STATE = { mode: 'queued' } as const;

/** Citizens see an operator's display name, never the login name; without one, just 人工客服. */
const asSeenByCitizens = (displayName: string | null) => (displayName ? `人工客服 ${displayName}` : '人工客服');

export const HANDOFF_TEXTS = {
  connecting: '正在为您转接人工客服，请稍候。人工客服接入后会在这里回复您。',
  alreadyWaiting: (ahead: number) =>
    `您已在人工客服的排队中，${ahead > 0 ? `前面还有${ahead}位` : '下一位就是您'}。人工客服接入后会在这里回复您；您在等待时发的消息，客服接入后都能看到。`,
  alreadyHeld: '人工客服正在为您服务，请直接发送您的问题。',
  outsideHours: (hours: string, opening: string | null) =>
    `现在不是人工服务时间（人工服务时间为${hours.replace(/（/g, '，').replace(/）/g, '')}）。${opening ? `人工客服将于${opening}起回复您，` : '人工客服上班后会回复您，'}您的会话已进入排队。`,
  joined: (displayName: string | null) => `${asSeenByCitizens(displayName)}已接入，请问有什么可以帮您？`,
  transferred: (displayName: string | null) => `已为您转接${asSeenByCitizens(displayName)}。`,
  leftQueue: '已为您取消人工客服排队。请问还有什么可以帮您？',
  requeued: '正在为您转接其他人工客服，请稍候。',
  released: '人工服务已结束，机器人继续为您服务。',
  idle: '由于较长时间没有新消息，人工服务已结束，机器人继续为您服务。如还需要人工帮助，请发送"人工客服"。',
};

export interface RequestResult {
  threadId: number;
  /** The thread is in the queue or held by an operator (always true once requested). */
  queued: boolean;
  /** Already held by an operator. */
  held: boolean;
  created: boolean;
  withinServiceHours: boolean;
  /** When operators answer next; null within service hours. */
  nextOpening: Date | null;
}

export interface ThreadView {
  id: number;
  conversationId: string;
  channel: string | null;
  status: HandoffThread['status'];
  reason: string;
  lastQuestion: string | null;
  botAttempts: number;
  withinServiceHours: boolean;
  ticketNumber: string | null;
  operator: string | null;
  requestedAt: string;
  claimedAt: string | null;
  closedAt: string | null;
  closeReason: CloseReason | null;
  /** Seconds since the request (until the claim, or until closing for unclaimed threads). */
  waitingSeconds: number;
  waitTargetSeconds: number;
  lastActivityAt: string;
  version: number;
}

export interface TranscriptMessage {
  id: number;
  direction: 'in' | 'out';
  author: string;
  kind: string;
  text: string;
  at: string;
}

export interface Operator {
  id: number;
  name: string;
}

/** A colleague a thread can be transferred to. */
export interface TransferTarget {
  name: string;
  displayName: string | null;
  /** Has a console login session open now (a password login not yet expired or logged out). */
  signedIn: boolean;
  /** Threads they hold now. */
  holding: number;
}

class StateConflict extends Error {}

const MAX_ATTEMPTS = 5;
/** Inbound decisions that mean the bot could not help. */
const UNHELPED = new Set(['fallback', 'clarify', 'partial']);

function decisionOf(meta: Record<string, unknown> | null): string | null {
  return meta && typeof meta.decision === 'string' ? meta.decision : null;
}

export function createHandoffService(deps: {
  db: Database;
  hub: ThreadHub;
  config: HandoffConfig;
  now: () => Date;
  logger: Logger;
  wake: () => void;
}) {
  const { db, hub, config, now, logger } = deps;

  /** Runs a staff action in its own transaction, again when a concurrent chat turn changed the state first. */
  async function run<T>(
    work: (tx: Transaction, at: Date) => Promise<{ result: T; thread: HandoffThread; delivered?: boolean }>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await db.transaction((tx) => work(tx, now()));
        hub.publishThread(out.thread);
        if (out.delivered) deps.wake();
        return out.result;
      } catch (err) {
        if (!(err instanceof StateConflict) || attempt >= MAX_ATTEMPTS) throw err;
        logger.debug({ attempt }, 'conversation state changed during a thread action, retrying');
      }
    }
  }

  async function threadOr404(tx: Transaction, id: number): Promise<HandoffThread> {
    const thread = await threads.byId(tx, id);
    if (!thread) throw new DomainError('notFound', 'thread_not_found', `没有会话 #${id}。`);
    return thread;
  }

  /**
   * Least privilege: an operator reads the queue, the threads they hold, and those they held until
   * historyHours after they let go. Other threads answer 404, as if they did not exist, like
   * another citizen's case does.
   */
  async function readable(tx: Transaction, rows: HandoffThread[], operator: Operator, at: Date): Promise<HandoffThread[]> {
    const held = await threads.heldWithin(
      tx,
      rows.filter((t) => t.status !== 'waiting').map((t) => t.id),
      operator.name,
      at,
      config.historyHours,
    );
    return rows.filter((t) => t.status === 'waiting' || held.has(t.id));
  }

  async function readableOr404(tx: Transaction, id: number, operator: Operator, at: Date): Promise<HandoffThread> {
    const [thread] = await readable(tx, [await threadOr404(tx, id)], operator, at);
    if (!thread) throw new DomainError('notFound', 'thread_not_found', `没有会话 #${id}。`);
    return thread;
  }

  /** Sets the conversation's dialogue state over the version just read; a concurrent turn makes it retry. */
  async function setState(
    tx: Transaction,
    conversationId: string,
    state: unknown,
    at: Date,
    only?: (current: unknown) => boolean,
  ): Promise<void> {
    const conversation = await conversations.findById(tx, conversationId);
    if (!conversation) throw new Error(`conversation ${conversationId} not found`);
    if (only && !only(conversation.state)) return;
    if (!(await conversations.saveState(tx, conversation, state, at))) throw new StateConflict();
  }

  /** Whether the conversation's state belongs to the hand-off (held or waiting), so closing the thread ends it. */
  const isHandedOff = (state: unknown) => ['human', 'queued'].includes(String((state as { mode?: unknown } | null)?.mode));

  const displayNameOf = async (tx: Transaction, login: string) => (await staffAccounts.byName(tx, login))?.displayName ?? null;

  /** How many threads wait before this one, in the order operators see the queue. */
  async function waitingAhead(tx: Transaction, thread: HandoffThread): Promise<number> {
    const queue = await tx.find(HandoffThread, {
      where: { status: 'waiting' },
      order: { requestedAt: 'ASC', id: 'ASC' },
      select: { id: true },
    });
    return Math.max(
      0,
      queue.findIndex((t) => t.id === thread.id),
    );
  }

  function notify(tx: Transaction, thread: HandoffThread, key: string, text: string, at: Date, author: 'system' | 'operator' = 'system') {
    return deliverToCitizen(
      tx,
      { conversationId: thread.conversationId, author, text, dedupeKey: `handoff:${thread.id}:${key}`, meta: { thread: thread.id } },
      at,
    );
  }

  async function audit(
    tx: Transaction,
    who: AuditActor,
    action: string,
    thread: HandoffThread,
    details: Record<string, unknown>,
    at: Date,
  ) {
    await auditLog.record(
      tx,
      who,
      {
        action: `thread.${action}`,
        objectType: 'thread',
        objectId: String(thread.id),
        details: { conversation: thread.conversationId, ...details },
      },
      at,
    );
  }

  async function view(tx: Transaction, thread: HandoffThread, at: Date): Promise<ThreadView> {
    const conversation = await conversations.findById(tx, thread.conversationId);
    const waitedUntil = thread.claimedAt ?? thread.closedAt ?? at;
    return {
      id: thread.id,
      conversationId: thread.conversationId,
      channel: conversation?.channel ?? null,
      status: thread.status,
      reason: thread.reason,
      lastQuestion: thread.lastQuestion === null ? null : scrubPersonalText(thread.lastQuestion),
      botAttempts: thread.botAttempts,
      withinServiceHours: thread.withinServiceHours,
      ticketNumber: thread.ticketNumber,
      operator: thread.operator,
      requestedAt: thread.requestedAt.toISOString(),
      claimedAt: thread.claimedAt?.toISOString() ?? null,
      closedAt: thread.closedAt?.toISOString() ?? null,
      closeReason: thread.closeReason,
      waitingSeconds: Math.max(0, Math.round((waitedUntil.getTime() - thread.requestedAt.getTime()) / 1000)),
      waitTargetSeconds: config.waitTargetSeconds,
      lastActivityAt: thread.lastActivityAt.toISOString(),
      version: thread.version,
    };
  }

  function mustHold(thread: HandoffThread, operator: Operator) {
    if (thread.status === 'closed') throw new DomainError('conflict', 'thread_closed', `会话 #${thread.id} 已结束。`);
    if (thread.status !== 'held' || thread.operator !== operator.name) {
      throw new DomainError(
        'conflict',
        'not_holder',
        thread.status === 'held' ? `会话 #${thread.id} 由 ${thread.operator} 接待中。` : `请先接入会话 #${thread.id}。`,
      );
    }
  }

  async function close(
    tx: Transaction,
    thread: HandoffThread,
    who: AuditActor,
    reason: CloseReason,
    at: Date,
    note?: string,
  ): Promise<boolean> {
    const wasHeld = thread.status === 'held';
    const expected = thread.status;
    if (
      !(await threads.transition(
        tx,
        thread,
        expected,
        { status: 'closed', openKey: null, closedAt: at, closeReason: reason, lastActivityAt: at },
        at,
      ))
    ) {
      throw new DomainError('conflict', 'thread_changed', `会话 #${thread.id} 刚被他人改变，请刷新后重试。`);
    }
    let delivered = false;
    if (wasHeld) {
      await setState(tx, thread.conversationId, BOT_STATE, at, isHandedOff);
      delivered = await notify(tx, thread, `close:${thread.version}`, reason === 'idle' ? HANDOFF_TEXTS.idle : HANDOFF_TEXTS.released, at);
    } else if (reason === 'dismissed') {
      // Taken off the queue by staff: the bot answers again instead of telling the citizen they wait.
      await setState(tx, thread.conversationId, BOT_STATE, at, isHandedOff);
    }
    const action = { idle: 'idle-release', dismissed: 'dismiss', released: 'release', cancelled: 'cancel' }[reason];
    await audit(tx, who, action, thread, { operator: thread.operator, ...(note ? { note } : {}) }, at);
    return delivered;
  }

  const service = {
    config,

    isWithinServiceHours(at: Date): boolean {
      return isWithinServiceHours(at, config.serviceHours, config.calendar, config.timeZone);
    },

    nextOpening(at: Date): Date | null {
      return nextOpeningOf(at, config.serviceHours, config.calendar, config.timeZone);
    },

    /**
     * Puts the conversation in the operators' queue (idempotent: a second request finds the open
     * thread). Runs in the caller's transaction, e.g. the chat turn's.
     */
    async requestOperator(
      tx: Transaction,
      request: { conversationId: string; reason: string; inboundId?: number },
      at: Date,
    ): Promise<RequestResult> {
      const within = service.isWithinServiceHours(at);
      const opening = within ? null : service.nextOpening(at);
      const existing = await threads.openFor(tx, request.conversationId);
      if (existing)
        return {
          threadId: existing.id,
          queued: true,
          held: existing.status === 'held',
          created: false,
          withinServiceHours: within,
          nextOpening: opening,
        };

      // What the bot was asked before the request, and how often it could not help.
      const recent = (
        await tx.find(Message, { where: { conversationId: request.conversationId, direction: 'in' }, order: { id: 'DESC' }, take: 20 })
      ).filter(
        (m) =>
          m.kind === 'text' &&
          (request.inboundId === undefined || m.id < request.inboundId) &&
          at.getTime() - m.createdAt.getTime() <= 24 * 3_600_000,
      );
      const question = recent.find((m) => ['answer', 'clarify', 'fallback'].includes(decisionOf(m.meta) ?? '')) ?? recent[0] ?? null;
      let attempts = 0;
      for (const m of recent) {
        if (!UNHELPED.has(decisionOf(m.meta) ?? '')) break;
        attempts++;
      }
      const { thread, created } = await threads.open(tx, {
        conversationId: request.conversationId,
        reason: Array.from(scrubText(request.reason.trim())).slice(0, 32).join('') || 'human',
        lastQuestion: question?.text ?? null,
        botAttempts: attempts,
        withinServiceHours: within,
        requestedAt: at,
      });
      if (created) await audit(tx, SYSTEM_ACTOR, 'request', thread, { reason: thread.reason, withinServiceHours: within }, at);
      return {
        threadId: thread.id,
        queued: true,
        held: thread.status === 'held',
        created,
        withinServiceHours: within,
        nextOpening: opening,
      };
    },

    /** The 'request-operator' effect: queue the thread and tell the citizen what happens next. */
    async requestOperatorReply(
      tx: Transaction,
      request: { conversationId: string; reason: string; inboundId?: number },
      at: Date,
    ): Promise<string[]> {
      const result = await service.requestOperator(tx, request, at);
      if (result.held) return [HANDOFF_TEXTS.alreadyHeld];
      const hours = result.withinServiceHours
        ? null
        : HANDOFF_TEXTS.outsideHours(
            describeServiceHours(config.serviceHours),
            result.nextOpening ? formatLocalMoment(result.nextOpening, config.timeZone) : null,
          );
      if (result.created) return [hours ?? HANDOFF_TEXTS.connecting];
      // Asked again, or any message while waiting: where they stand, and the hours when it is outside them.
      const thread = await threads.byId(tx, result.threadId);
      const queued = HANDOFF_TEXTS.alreadyWaiting(thread ? await waitingAhead(tx, thread) : 0);
      return [hours ? `${queued}\n${hours}` : queued];
    },

    /** The 'leave-queue' effect: the citizen no longer waits (取消 while queued). */
    async leaveQueueReply(tx: Transaction, conversationId: string, at: Date): Promise<string[]> {
      const thread = await threads.openFor(tx, conversationId);
      if (thread?.status === 'waiting') await close(tx, thread, SYSTEM_ACTOR, 'cancelled', at, 'cancelled by the citizen in chat');
      return [HANDOFF_TEXTS.leftQueue];
    },

    async isHeldByOperator(tx: Transaction, conversationId: string): Promise<boolean> {
      const open = await threads.openFor(tx, conversationId);
      return open?.status === 'held';
    },

    async list(status: 'waiting' | 'mine' | 'all', operator: Operator, limit = 100): Promise<ThreadView[]> {
      return db.transaction(async (tx) => {
        const at = now();
        const rows = await readable(tx, await threads.list(tx, status, operator.name, limit), operator, at);
        const views: ThreadView[] = [];
        for (const row of rows) views.push(await view(tx, row, at));
        return views;
      });
    },

    /** The thread if the operator may read it (see `readable`), else 404; in the caller's transaction. */
    readableOr404,

    async get(id: number, operator: Operator): Promise<ThreadView> {
      return db.transaction(async (tx) => {
        const at = now();
        return view(tx, await readableOr404(tx, id, operator, at), at);
      });
    },

    /**
     * The conversation's messages: the bot's attempts before the request, and everything since.
     * Unmasked only with a reason, and the view is audited.
     */
    async transcript(
      id: number,
      operator: Operator,
      options: { after: number | null; limit: number; unmask: boolean; reason?: string },
      who: AuditActor,
    ): Promise<{ thread: ThreadView; messages: TranscriptMessage[] }> {
      if (options.unmask) requireReason(options.reason);
      return db.transaction(async (tx) => {
        const at = now();
        const thread = await readableOr404(tx, id, operator, at);
        const rows = await transcript.messages(tx, thread.conversationId, options.after, options.limit);
        if (options.unmask && rows.length) {
          await auditLog.record(
            tx,
            who,
            {
              action: 'personal-data.view',
              objectType: 'thread',
              objectId: String(thread.id),
              details: { fields: ['transcript'], messages: rows.length, reason: options.reason },
            },
            at,
          );
        }
        return {
          thread: await view(tx, thread, at),
          messages: rows.map((m) => ({
            id: m.id,
            direction: m.direction,
            author: m.author,
            kind: m.kind,
            text: options.unmask ? m.text : scrubPersonalText(m.text),
            at: m.createdAt.toISOString(),
          })),
        };
      });
    },

    /** Exactly one operator wins: the others get 409, and so does claiming a thread one already holds (a no-op). */
    async claim(id: number, operator: Operator, who: AuditActor): Promise<ThreadView> {
      return run(async (tx, at) => {
        const thread = await threadOr404(tx, id);
        if (thread.status === 'held' && thread.operator === operator.name)
          throw new DomainError('conflict', 'already_holder', `您已接入会话 #${id}，无需再次接入。`);
        if (thread.status !== 'waiting') {
          throw new DomainError(
            'conflict',
            thread.status === 'held' ? 'already_claimed' : 'thread_closed',
            thread.status === 'held' ? `会话 #${id} 已由 ${thread.operator} 接入。` : `会话 #${id} 已结束。`,
          );
        }
        const won = await threads.transition(
          tx,
          thread,
          'waiting',
          { status: 'held', operator: operator.name, operatorId: operator.id, claimedAt: at, lastActivityAt: at },
          at,
        );
        if (!won) throw new DomainError('conflict', 'already_claimed', `会话 #${id} 刚被其他话务员接入。`);
        const state: HumanModeState = { mode: 'human', operator: operator.name };
        await setState(tx, thread.conversationId, state, at);
        const delivered = await notify(
          tx,
          thread,
          `claim:${thread.version}`,
          HANDOFF_TEXTS.joined(await displayNameOf(tx, operator.name)),
          at,
        );
        await audit(
          tx,
          who,
          'claim',
          thread,
          { operator: operator.name, waitedSeconds: Math.round((at.getTime() - thread.requestedAt.getTime()) / 1000) },
          at,
        );
        return { result: await view(tx, thread, at), thread, delivered };
      });
    },

    /** An operator's message, delivered through the thread's channel; `clientId` makes a retry the same message. */
    async send(
      id: number,
      operator: Operator,
      text: string,
      clientId: string | undefined,
      who: AuditActor,
    ): Promise<{ messageId: number; duplicate: boolean; at: string }> {
      const out = await run(async (tx, at) => {
        const thread = await threadOr404(tx, id);
        mustHold(thread, operator);
        const dedupeKey = `op:${thread.id}:${clientId ?? randomUUID()}`;
        const stored = await deliverToCitizen(
          tx,
          {
            conversationId: thread.conversationId,
            author: 'operator',
            text,
            dedupeKey,
            meta: { thread: thread.id, operator: operator.name },
          },
          at,
        );
        const message = await tx.findOne(Message, {
          where: { conversationId: thread.conversationId, direction: 'out', externalId: dedupeKey },
        });
        if (!message) throw new Error(`operator message ${dedupeKey} vanished`);
        if (stored) {
          await threads.touch(tx, thread.id, at);
          await audit(tx, who, 'message', thread, { messageId: message.id, length: Array.from(text).length }, at);
        }
        return { result: { message, duplicate: !stored }, thread, delivered: stored };
      });
      hub.publishMessage(out.message);
      return { messageId: out.message.id, duplicate: out.duplicate, at: out.message.createdAt.toISOString() };
    },

    /** The holder ends the takeover (the bot is back); a waiting thread is dismissed by any operator. */
    async release(id: number, operator: Operator, who: AuditActor, note?: string): Promise<ThreadView> {
      return run(async (tx, at) => {
        const thread = await threadOr404(tx, id);
        if (thread.status === 'waiting') {
          const delivered = await close(tx, thread, who, 'dismissed', at, note);
          return { result: await view(tx, thread, at), thread, delivered };
        }
        mustHold(thread, operator);
        const delivered = await close(tx, thread, who, 'released', at, note);
        return { result: await view(tx, thread, at), thread, delivered };
      });
    },

    /**
     * Who can take a transfer from `operator`: every other enabled operator account, those signed in
     * to the console first, then those holding fewer threads. Presence is the open login session,
     * which every instance sees in the database (an API-token client is never "signed in").
     */
    async transferTargets(operator: Operator): Promise<TransferTarget[]> {
      return db.transaction(async (tx) => {
        const at = now();
        const signedIn = await staffTokens.signedIn(tx, at);
        const holding = await threads.heldCounts(tx);
        return (await staffAccounts.list(tx))
          .filter((a) => !a.disabledAt && a.roles.includes('operator') && a.name !== operator.name)
          .map((a) => ({ name: a.name, displayName: a.displayName, signedIn: signedIn.has(a.id), holding: holding.get(a.name) ?? 0 }))
          .sort((a, b) => Number(b.signedIn) - Number(a.signedIn) || a.holding - b.holding || a.name.localeCompare(b.name));
      });
    },

    /** To another operator (who holds it at once), or without one back to the queue. */
    async transfer(id: number, operator: Operator, target: string | undefined, who: AuditActor, note?: string): Promise<ThreadView> {
      return run(async (tx, at) => {
        const thread = await threadOr404(tx, id);
        if (thread.status === 'waiting' && target === undefined)
          throw new DomainError('conflict', 'already_waiting', `会话 #${id} 已在排队中，无需放回。`);
        if (thread.status !== 'waiting') mustHold(thread, operator);
        const expected = thread.status;
        let delivered: boolean;
        if (target !== undefined) {
          const account = await staffAccounts.byName(tx, target);
          if (!account || account.disabledAt || !account.roles.includes('operator'))
            throw new DomainError('invalid', 'unknown_operator', `“${target}”不是启用中的接线员账号`, 'operator');
          if (account.name === thread.operator)
            throw new DomainError('conflict', 'same_operator', `会话 #${id} 已由 ${target} 接待，请选择其他话务员。`);
          if (
            !(await threads.transition(
              tx,
              thread,
              expected,
              { status: 'held', operator: account.name, operatorId: account.id, claimedAt: thread.claimedAt ?? at, lastActivityAt: at },
              at,
            ))
          ) {
            throw new DomainError('conflict', 'thread_changed', `会话 #${id} 刚被他人改变，请刷新后重试。`);
          }
          const state: HumanModeState = { mode: 'human', operator: account.name };
          await setState(tx, thread.conversationId, state, at);
          delivered = await notify(tx, thread, `transfer:${thread.version}`, HANDOFF_TEXTS.transferred(account.displayName), at);
        } else {
          if (
            !(await threads.transition(
              tx,
              thread,
              expected,
              { status: 'waiting', operator: null, operatorId: null, claimedAt: null, lastActivityAt: at },
              at,
            ))
          ) {
            throw new DomainError('conflict', 'thread_changed', `会话 #${id} 刚被他人改变，请刷新后重试。`);
          }
          await setState(tx, thread.conversationId, QUEUED_STATE, at, isHandedOff);
          delivered = await notify(tx, thread, `requeue:${thread.version}`, HANDOFF_TEXTS.requeued, at);
        }
        await audit(tx, who, 'transfer', thread, { from: operator.name, to: target ?? 'queue', ...(note ? { note } : {}) }, at);
        return { result: await view(tx, thread, at), thread, delivered };
      });
    },

    /**
     * Releases held threads where neither the operator nor the citizen said anything for
     * idleMinutes (the conversation's last activity counts the citizen's messages).
     */
    async sweepIdle(): Promise<number> {
      const at = now();
      const before = new Date(at.getTime() - config.idleMinutes * 60_000);
      const candidates = await db.transaction((tx) => threads.heldIdleSince(tx, before));
      let released = 0;
      for (const candidate of candidates) {
        try {
          const done = await run(async (tx, t) => {
            const thread = await threads.byId(tx, candidate.id);
            const conversation = thread ? await conversations.findById(tx, thread.conversationId) : null;
            if (
              !thread ||
              thread.status !== 'held' ||
              thread.lastActivityAt >= before ||
              (conversation && conversation.lastActivityAt >= before)
            ) {
              return { result: false, thread: thread ?? candidate };
            }
            const delivered = await close(tx, thread, SYSTEM_ACTOR, 'idle', t);
            return { result: true, thread, delivered };
          });
          if (done) released++;
        } catch (err) {
          logger.warn({ err, thread: candidate.id }, 'idle release failed');
        }
      }
      return released;
    },
  };
  return service;
}

export type HandoffService = ReturnType<typeof createHandoffService>;

/** Runs the idle sweep every `intervalMs` until stopped. */
export function createIdleSweeper(service: HandoffService, logger: Logger, intervalMs: number) {
  return periodicJob({ name: 'handoff-idle-sweep', intervalMs, logger, runAtStart: false, run: () => service.sweepIdle() });
}
