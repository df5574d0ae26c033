import { keyedHash } from '../../../entities/encryption';
import { Brackets } from 'typeorm';
import { DisclosureEvent, DisclosureProceeding, DisclosureRequest } from '../../../entities';
import type { DisclosureEventType } from '../../../entities/DisclosureEvent';
import type { DisclosureStatus } from '../../../entities/DisclosureRequest';
import type { Transaction } from '../../platform/db/database';

export const TRACKING_NUMBER = /^YSQ\d{4}\d{6,}$/;

export function trackingNumber(year: number, seq: number): string {
  return `YSQ${year}${String(seq).padStart(6, '0')}`;
}

export interface RequestFilter {
  status?: DisclosureStatus[];
  agency?: string;
  /** dueOn in [from, to] (both inclusive). */
  dueFrom?: string;
  dueTo?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** Only requests with a numerically smaller id: the next page of a newest-first list. */
  before?: number;
  limit: number;
  order?: 'newest' | 'due';
}

export const disclosureRequests = {
  /**
   * The next sequence number of a year, in one upsert: the counter row is created or bumped and
   * stays locked until the transaction ends, so concurrent applications get distinct numbers
   * (an UPDATE-then-INSERT would take gap locks on MySQL/MariaDB and deadlock on a new year).
   */
  async nextSequence(tx: Transaction, year: number): Promise<number> {
    const sqlite = tx.connection.driver.options.type === 'better-sqlite3';
    await tx.query(
      sqlite
        ? 'INSERT INTO disclosure_counter (year, last_seq) VALUES (?, 1) ON CONFLICT(year) DO UPDATE SET last_seq = last_seq + 1'
        : 'INSERT INTO disclosure_counter (year, last_seq) VALUES (?, 1) ON DUPLICATE KEY UPDATE last_seq = last_seq + 1',
      [year],
    );
    const rows: { last_seq: number | string }[] = await tx.query('SELECT last_seq FROM disclosure_counter WHERE year = ?', [year]);
    return Number(rows[0]!.last_seq);
  },

  async insert(tx: Transaction, values: Omit<DisclosureRequest, 'id' | 'idNumberHash'>): Promise<DisclosureRequest> {
    return tx.save(DisclosureRequest, tx.create(DisclosureRequest, { ...values, idNumberHash: keyedHash(values.idNumber) }));
  },

  byNumber(tx: Transaction, number: string): Promise<DisclosureRequest | null> {
    return tx.findOne(DisclosureRequest, { where: { number } });
  },

  /** Applies `changes` only over the version read; false when someone else changed it first. */
  async update(tx: Transaction, request: DisclosureRequest, changes: Partial<DisclosureRequest>, now: Date): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(DisclosureRequest)
      .set({ ...changes, pauses: (changes.pauses ?? request.pauses) as never, version: request.version + 1, updatedAt: now })
      .where('id = :id AND version = :version', { id: request.id, version: request.version })
      .execute();
    return result.affected === 1;
  },

  ofCitizen(tx: Transaction, channel: string, citizenId: string): Promise<DisclosureRequest[]> {
    return tx.find(DisclosureRequest, { where: { citizenChannel: channel, citizenId }, order: { id: 'DESC' } });
  },

  list(tx: Transaction, filter: RequestFilter): Promise<DisclosureRequest[]> {
    const q = tx.createQueryBuilder(DisclosureRequest, 'r').take(filter.limit);
    if (filter.order === 'due') q.orderBy('r.due_on', 'ASC').addOrderBy('r.id', 'ASC');
    else q.orderBy('r.id', 'DESC');
    if (filter.status?.length) q.andWhere('r.status IN (:...status)', { status: filter.status });
    if (filter.agency) q.andWhere('r.agency = :agency', { agency: filter.agency });
    if (filter.dueFrom || filter.dueTo) q.andWhere('r.due_on IS NOT NULL');
    if (filter.dueFrom) q.andWhere('r.due_on >= :dueFrom', { dueFrom: filter.dueFrom });
    if (filter.dueTo) q.andWhere('r.due_on <= :dueTo', { dueTo: filter.dueTo });
    if (filter.receivedFrom) q.andWhere('r.received_on >= :receivedFrom', { receivedFrom: filter.receivedFrom });
    if (filter.receivedTo) q.andWhere('r.received_on <= :receivedTo', { receivedTo: filter.receivedTo });
    if (filter.before) q.andWhere('r.id < :before', { before: filter.before });
    return q.getMany();
  },

  /** Requests awaiting correction whose correction date has passed (to be closed as abandoned). */
  correctionLapsed(tx: Transaction, today: string): Promise<DisclosureRequest[]> {
    return tx
      .createQueryBuilder(DisclosureRequest, 'r')
      .where('r.status = :status', { status: 'awaitingCorrection' })
      .andWhere('r.correction_due_on < :today', { today })
      .orderBy('r.id', 'ASC')
      .getMany();
  },

  /** Applications of one applicant (same identity document) received in [from, to], oldest first. */
  sameApplicant(tx: Transaction, idKind: string, idNumber: string, from: string, to: string): Promise<DisclosureRequest[]> {
    return tx
      .createQueryBuilder(DisclosureRequest, 'r')
      .where('r.id_kind = :idKind AND r.id_number_hash = :hash', { idKind, hash: keyedHash(idNumber) })
      .andWhere('r.received_on >= :from AND r.received_on <= :to', { from, to })
      .orderBy('r.received_on', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  },

  /**
   * Every request that matters for a report of the year [from, to]: received by its end and not
   * closed before its start.
   */
  forReport(tx: Transaction, from: string, to: string, agency?: string): Promise<DisclosureRequest[]> {
    const q = tx
      .createQueryBuilder(DisclosureRequest, 'r')
      .where('r.received_on <= :to', { to })
      .andWhere(new Brackets((b) => b.where('r.closed_on IS NULL').orWhere('r.closed_on >= :from', { from })))
      .orderBy('r.id', 'ASC');
    if (agency) q.andWhere('r.agency = :agency', { agency });
    return q.getMany();
  },

  /** Closed before they were received: only a damaged record can look like this. */
  closedBeforeReceipt(tx: Transaction, from: string, to: string, agency?: string): Promise<DisclosureRequest[]> {
    const q = tx
      .createQueryBuilder(DisclosureRequest, 'r')
      .where('r.closed_on >= :from AND r.closed_on <= :to', { from, to })
      .andWhere('r.received_on > :to', { to });
    if (agency) q.andWhere('r.agency = :agency', { agency });
    return q.getMany();
  },
};

export const disclosureEvents = {
  async append(
    tx: Transaction,
    event: {
      requestId: number;
      type: DisclosureEventType;
      effectiveOn: string;
      actor: string;
      note?: string | null;
      data?: Record<string, unknown> | null;
    },
    now: Date,
  ): Promise<DisclosureEvent> {
    return tx.save(
      DisclosureEvent,
      tx.create(DisclosureEvent, {
        ...event,
        actor: event.actor.slice(0, 100),
        note: event.note ?? null,
        data: event.data ?? null,
        createdAt: now,
      }),
    );
  },

  of(tx: Transaction, requestId: number): Promise<DisclosureEvent[]> {
    return tx.find(DisclosureEvent, { where: { requestId }, order: { id: 'ASC' } });
  },

  /** The latest event of a type, e.g. the correction notice with its list of what to correct. */
  latest(tx: Transaction, requestId: number, type: DisclosureEventType): Promise<DisclosureEvent | null> {
    return tx.findOne(DisclosureEvent, { where: { requestId, type }, order: { id: 'DESC' } });
  },
};

export const disclosureProceedings = {
  async insert(tx: Transaction, values: Omit<DisclosureProceeding, 'id'>): Promise<DisclosureProceeding> {
    return tx.save(DisclosureProceeding, tx.create(DisclosureProceeding, values));
  },

  byId(tx: Transaction, id: number): Promise<DisclosureProceeding | null> {
    return tx.findOne(DisclosureProceeding, { where: { id } });
  },

  async update(tx: Transaction, id: number, changes: Partial<DisclosureProceeding>): Promise<void> {
    await tx.update(DisclosureProceeding, { id }, changes);
  },

  /** Filed within the period, or filed earlier and decided within it. */
  forPeriod(tx: Transaction, from: string, to: string, agency?: string): Promise<DisclosureProceeding[]> {
    const q = tx
      .createQueryBuilder(DisclosureProceeding, 'p')
      .where('p.filed_on <= :to', { to })
      .andWhere(
        new Brackets((b) =>
          b.where('p.filed_on >= :from', { from }).orWhere('p.decided_on >= :from AND p.decided_on <= :to', { from, to }),
        ),
      )
      .orderBy('p.id', 'ASC');
    if (agency) q.andWhere('p.agency = :agency', { agency });
    return q.getMany();
  },
};
