import { AuditEvent } from '../../../entities';
import type { AuditVia } from '../../../entities/AuditEvent';
import type { Transaction } from '../../platform/db/database';
import { scrubDetails } from './personalData';

/** Who acts and from where: a staff account over the API, the command line, or the system. */
export interface AuditActor {
  actor: string;
  actorId: number | null;
  via: AuditVia;
  ip: string | null;
  requestId: string | null;
}

export interface AuditRecord {
  /** Dotted verb: kb.update, auth.login-failed, staff.disable, personal-data.view, ... */
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  /** What changed; secrets are dropped and ID and phone numbers masked before it is stored. */
  details?: Record<string, unknown> | null;
}

export interface AuditFilter {
  actor?: string;
  /** An exact action, or a prefix ending in `.` or `*` (kb.* → every knowledge action). */
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
  /** Only events older than this id: the next page of a newest-first listing. */
  before?: number;
  limit: number;
}

const truncate = (value: string | null | undefined, length: number) => (value == null ? null : value.slice(0, length));

/** The append-only audit trail: there is no update and no delete, and the database refuses both. */
export const auditLog = {
  async record(tx: Transaction, who: AuditActor, what: AuditRecord, at: Date): Promise<void> {
    await tx.insert(AuditEvent, {
      at,
      actor: truncate(who.actor, 100) as string,
      actorId: who.actorId,
      via: who.via,
      action: what.action,
      objectType: truncate(what.objectType, 32),
      objectId: truncate(what.objectId, 191),
      ip: truncate(who.ip, 64),
      requestId: truncate(who.requestId, 64),
      details: (what.details ? scrubDetails(what.details) : null) as never,
    });
  },

  /** Newest first. */
  query(tx: Transaction, filter: AuditFilter): Promise<AuditEvent[]> {
    const q = tx.createQueryBuilder(AuditEvent, 'e').orderBy('e.id', 'DESC').take(filter.limit);
    if (filter.actor) q.andWhere('e.actor = :actor', { actor: filter.actor });
    if (filter.action) {
      const prefix = /[.*]$/.test(filter.action) ? filter.action.replace(/\*$/, '') : null;
      // The route allows only a-z, 0-9, . and - in actions, so the prefix holds no LIKE wildcard.
      if (prefix) q.andWhere('e.action LIKE :action', { action: `${prefix}%` });
      else q.andWhere('e.action = :action', { action: filter.action });
    }
    if (filter.objectType) q.andWhere('e.object_type = :objectType', { objectType: filter.objectType });
    if (filter.objectId) q.andWhere('e.object_id = :objectId', { objectId: filter.objectId });
    if (filter.from) q.andWhere('e.at >= :from', { from: filter.from });
    if (filter.to) q.andWhere('e.at < :to', { to: filter.to });
    if (filter.before) q.andWhere('e.id < :before', { before: filter.before });
    return q.getMany();
  },
};
