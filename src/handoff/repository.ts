import { In, IsNull, LessThan, MoreThanOrEqual, Not } from 'typeorm';
import { AuditEvent, HandoffThread, Message } from '../../entities';
import type { ThreadStatus } from '../../entities/HandoffThread';
import type { Transaction } from '../platform/db/database';
import { isUniqueViolation } from '../platform/db/errors';

export type NewThread = Pick<
  HandoffThread,
  'conversationId' | 'reason' | 'lastQuestion' | 'botAttempts' | 'withinServiceHours' | 'requestedAt'
>;

const HOLDING_ACTIONS = ['thread.claim', 'thread.transfer', 'thread.release', 'thread.idle-release', 'thread.dismiss'];

export const threads = {
  byId(tx: Transaction, id: number): Promise<HandoffThread | null> {
    return tx.findOne(HandoffThread, { where: { id } });
  },

  openFor(tx: Transaction, conversationId: string): Promise<HandoffThread | null> {
    return tx.findOne(HandoffThread, { where: { openKey: conversationId } });
  },

  /**
   * Opens the conversation's thread, or returns the open one: the unique open_key makes a
   * repeated or concurrent request find the same thread instead of queueing twice.
   */
  async open(tx: Transaction, thread: NewThread): Promise<{ thread: HandoffThread; created: boolean }> {
    const existing = await threads.openFor(tx, thread.conversationId);
    if (existing) return { thread: existing, created: false };
    const row = tx.create(HandoffThread, {
      ...thread,
      openKey: thread.conversationId,
      status: 'waiting',
      ticketNumber: null,
      operator: null,
      operatorId: null,
      claimedAt: null,
      closedAt: null,
      closeReason: null,
      lastActivityAt: thread.requestedAt,
      version: 0,
      updatedAt: thread.requestedAt,
    });
    try {
      return { thread: await tx.save(HandoffThread, row), created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const winner = await threads.openFor(tx, thread.conversationId);
      if (!winner) throw err;
      return { thread: winner, created: false };
    }
  },

  /** waiting: the queue, oldest first; mine: held by the operator; all: every open thread, then recently closed ones. */
  async list(tx: Transaction, status: 'waiting' | 'mine' | 'all', operator: string, limit: number): Promise<HandoffThread[]> {
    if (status === 'waiting')
      return tx.find(HandoffThread, { where: { status: 'waiting' }, order: { requestedAt: 'ASC', id: 'ASC' }, take: limit });
    if (status === 'mine')
      return tx.find(HandoffThread, { where: { status: 'held', operator }, order: { claimedAt: 'ASC', id: 'ASC' }, take: limit });
    return tx.find(HandoffThread, { order: { id: 'DESC' }, take: limit });
  },

  /**
   * Compare-and-set: applies `changes` only while the thread is still in the status and version it
   * was read in. Two operators claiming at once both try; the database lets exactly one through.
   */
  async transition(
    tx: Transaction,
    thread: HandoffThread,
    expected: ThreadStatus,
    changes: Partial<HandoffThread>,
    now: Date,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(HandoffThread)
      .set({ ...changes, version: thread.version + 1, updatedAt: now })
      .where('id = :id AND status = :expected AND version = :version', { id: thread.id, expected, version: thread.version })
      .execute();
    if (result.affected !== 1) return false;
    Object.assign(thread, changes, { version: thread.version + 1, updatedAt: now });
    return true;
  },

  async attachTicket(tx: Transaction, conversationId: string, ticketNumber: string): Promise<HandoffThread | null> {
    const open = await threads.openFor(tx, conversationId);
    if (!open || open.ticketNumber) return open;
    await tx.update(HandoffThread, { id: open.id }, { ticketNumber });
    open.ticketNumber = ticketNumber;
    return open;
  },

  /** How many threads each operator holds now. */
  async heldCounts(tx: Transaction): Promise<Map<string, number>> {
    const rows = await tx.find(HandoffThread, { where: { status: 'held' }, select: { id: true, operator: true } });
    const counts = new Map<string, number>();
    for (const row of rows) if (row.operator) counts.set(row.operator, (counts.get(row.operator) ?? 0) + 1);
    return counts;
  },

  async touch(tx: Transaction, id: number, now: Date): Promise<void> {
    await tx.update(HandoffThread, { id }, { lastActivityAt: now });
  },

  /** Held threads with no operator action since `before` (the conversation's own activity is checked by the caller). */
  heldIdleSince(tx: Transaction, before: Date): Promise<HandoffThread[]> {
    return tx.find(HandoffThread, { where: { status: 'held', lastActivityAt: LessThan(before) }, order: { id: 'ASC' } });
  },

  /** Open threads: which conversations operators are following. */
  allOpen(tx: Transaction): Promise<HandoffThread[]> {
    return tx.find(HandoffThread, { where: { openKey: Not(IsNull()) } });
  },

  /**
   * When `operator` last held each thread: `at` while they hold it, the end of their last holding
   * (released, timed out, transferred away), or absent when they never held it. Read from the
   * threads' claim, transfer and release events in the audit trail, which keeps every holder.
   */
  async heldUntil(tx: Transaction, threadIds: number[], operator: string, at: Date): Promise<Map<number, Date>> {
    const until = new Map<number, Date>();
    if (threadIds.length === 0) return until;
    const events = await tx.find(AuditEvent, {
      where: { objectType: 'thread', objectId: In(threadIds.map(String)), action: In(HOLDING_ACTIONS) },
      order: { id: 'ASC' },
    });
    const holder = new Map<number, string | null>();
    for (const event of events) {
      const id = Number(event.objectId);
      const to = event.details?.to;
      const next =
        event.action === 'thread.claim'
          ? event.actor
          : event.action === 'thread.transfer' && typeof to === 'string' && to !== 'queue'
            ? to
            : null;
      if (holder.get(id) === operator && next !== operator) until.set(id, event.at);
      holder.set(id, next);
    }
    for (const [id, name] of holder) if (name === operator) until.set(id, at);
    return until;
  },

  /** The threads among `threadIds` that `operator` holds, or held until less than `hours` ago. */
  async heldWithin(tx: Transaction, threadIds: number[], operator: string, at: Date, hours: number): Promise<Set<number>> {
    const since = at.getTime() - hours * 3_600_000;
    return new Set(
      [...(await threads.heldUntil(tx, threadIds, operator, at))].filter(([, until]) => until.getTime() >= since).map(([id]) => id),
    );
  },

  changedSince(tx: Transaction, since: Date): Promise<HandoffThread[]> {
    return tx.find(HandoffThread, { where: { updatedAt: MoreThanOrEqual(since) }, order: { id: 'ASC' } });
  },
};

export const transcript = {
  /** The conversation's messages after a cursor, oldest first; without a cursor the latest `limit`. */
  async messages(tx: Transaction, conversationId: string, after: number | null, limit: number): Promise<Message[]> {
    if (after !== null)
      return tx.find(Message, { where: { conversationId, id: MoreThanOrEqual(after + 1) }, order: { id: 'ASC' }, take: limit });
    const latest = await tx.find(Message, { where: { conversationId }, order: { id: 'DESC' }, take: limit });
    return latest.reverse();
  },

  /** Messages in the given conversations after `afterId`: what the live stream forwards. */
  since(tx: Transaction, conversationIds: string[], afterId: number, limit: number): Promise<Message[]> {
    if (conversationIds.length === 0) return Promise.resolve([]);
    return tx
      .createQueryBuilder(Message, 'm')
      .where('m.id > :afterId AND m.conversation_id IN (:...ids)', { afterId, ids: conversationIds })
      .orderBy('m.id', 'ASC')
      .limit(limit)
      .getMany();
  },

  async maxId(tx: Transaction): Promise<number> {
    const row: { max: number | string | null } | undefined = await tx
      .createQueryBuilder(Message, 'm')
      .select('MAX(m.id)', 'max')
      .getRawOne();
    return Number(row?.max ?? 0);
  },
};
