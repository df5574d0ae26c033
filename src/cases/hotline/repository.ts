import { Brackets } from 'typeorm';
import { HotlineTicket, HotlineTicketEvent } from '../../../entities';
import type { TicketStatus } from '../../../entities/HotlineTicket';
import type { Transaction } from '../../platform/db/database';

/** 12345-<year>-<sequence of that year, at least 6 digits>, as intents/ticket.status.yaml captures it. */
export const TICKET_NUMBER = /^12345-\d{4}-\d{6,}$/;

/** "12345 2026 000123", "123452026000123", "12345-2026-000123" → 12345-2026-000123. */
export function normalizeTicketNumber(input: string): string {
  const s = input.normalize('NFKC').trim();
  const m = /^12345[\s-]*(\d{4})[\s-]*(\d{6,})$/.exec(s);
  return m ? `12345-${m[1]}-${m[2]}` : s.toUpperCase();
}

export function formatTicketNumber(year: string, sequence: number): string {
  return `12345-${year}-${String(sequence).padStart(6, '0')}`;
}

export type NewTicket = Omit<HotlineTicket, 'id'>;

export interface TicketFilter {
  status?: TicketStatus | 'open';
  department?: string;
  category?: string;
  /** Open tickets whose sign-for or resolve limit has passed. */
  overdueAt?: Date;
  /** Tickets with a smaller id: the next page of a newest-first listing. */
  before?: number;
  limit: number;
}

export const tickets = {
  async insert(tx: Transaction, ticket: NewTicket): Promise<HotlineTicket> {
    return tx.save(HotlineTicket, tx.create(HotlineTicket, ticket));
  },

  byNumber(tx: Transaction, number: string): Promise<HotlineTicket | null> {
    return tx.findOne(HotlineTicket, { where: { number } });
  },

  forCitizen(tx: Transaction, channel: string, citizenId: string, limit = 50): Promise<HotlineTicket[]> {
    return tx.find(HotlineTicket, { where: { channel, citizenId }, order: { id: 'DESC' }, take: limit });
  },

  /** The citizen's most recently closed ticket (or the one numbered) whose answer is not rated yet, closed since `since`. */
  awaitingRating(tx: Transaction, channel: string, citizenId: string, since: Date, number?: string): Promise<HotlineTicket | null> {
    const query = tx
      .createQueryBuilder(HotlineTicket, 't')
      .where(
        "t.channel = :channel AND t.citizen_id = :citizenId AND t.status = 'closed' AND t.rated_at IS NULL AND t.closed_at >= :since",
        { channel, citizenId, since },
      )
      .orderBy('t.closed_at', 'DESC')
      .addOrderBy('t.id', 'DESC');
    if (number) query.andWhere('t.number = :number', { number });
    return query.getOne();
  },

  list(tx: Transaction, filter: TicketFilter): Promise<HotlineTicket[]> {
    const q = tx.createQueryBuilder(HotlineTicket, 't').orderBy('t.id', 'DESC').take(filter.limit);
    if (filter.status === 'open') q.andWhere("t.status <> 'closed'");
    else if (filter.status) q.andWhere('t.status = :status', { status: filter.status });
    if (filter.department) q.andWhere('t.department = :department', { department: filter.department });
    if (filter.category) q.andWhere('t.category = :category', { category: filter.category });
    if (filter.before) q.andWhere('t.id < :before', { before: filter.before });
    if (filter.overdueAt) {
      // ticketLimitStates(…).overdue (src/cases/hotline/rules/hotline.ts) in SQL: open, and a limit passed that is not met.
      q.andWhere("t.status <> 'closed'").andWhere(
        new Brackets((b) =>
          b
            .where('t.due_at <= :at', { at: filter.overdueAt })
            .orWhere('(t.signed_for_at IS NULL AND t.sign_for_due_at <= :at)', { at: filter.overdueAt }),
        ),
      );
    }
    return q.getMany();
  },

  /** Tickets accepted in [from, to), optionally of one department: what a monthly report counts. */
  acceptedBetween(tx: Transaction, from: Date, to: Date, department?: string): Promise<HotlineTicket[]> {
    const q = tx
      .createQueryBuilder(HotlineTicket, 't')
      .where('t.accepted_at >= :from AND t.accepted_at < :to', { from, to })
      .orderBy('t.id', 'ASC');
    if (department) q.andWhere('t.department = :department', { department });
    return q.getMany();
  },

  /**
   * Applies a change only over the version it was decided on: false means another request
   * changed the ticket first (the caller answers 409).
   */
  async update(tx: Transaction, ticket: HotlineTicket, changes: Partial<HotlineTicket>, now: Date): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(HotlineTicket)
      .set({ ...changes, version: ticket.version + 1, updatedAt: now })
      .where('id = :id AND version = :version', { id: ticket.id, version: ticket.version })
      .execute();
    if (result.affected !== 1) return false;
    Object.assign(ticket, changes, { version: ticket.version + 1, updatedAt: now });
    return true;
  },
};

export const ticketEvents = {
  async add(tx: Transaction, event: Omit<HotlineTicketEvent, 'id'>): Promise<void> {
    await tx.insert(HotlineTicketEvent, { ...event, details: event.details as never });
  },

  list(tx: Transaction, ticketId: number): Promise<HotlineTicketEvent[]> {
    return tx.find(HotlineTicketEvent, { where: { ticketId }, order: { id: 'ASC' } });
  },
};

/**
 * The next sequence number of a period (a year), atomically on both databases: the upsert takes
 * the row lock, so concurrent tickets get distinct numbers.
 */
export async function nextTicketSequence(tx: Transaction, period: string): Promise<number> {
  const sqlite = tx.connection.driver.options.type === 'better-sqlite3';
  if (sqlite) {
    await tx.query('INSERT INTO hotline_ticket_counter (period, seq) VALUES (?, 1) ON CONFLICT(period) DO UPDATE SET seq = seq + 1', [
      period,
    ]);
  } else {
    await tx.query('INSERT INTO hotline_ticket_counter (period, seq) VALUES (?, 1) ON DUPLICATE KEY UPDATE seq = seq + 1', [period]);
  }
  const rows: { seq: number | string }[] = await tx.query('SELECT seq FROM hotline_ticket_counter WHERE period = ?', [period]);
  return Number(rows[0].seq);
}
