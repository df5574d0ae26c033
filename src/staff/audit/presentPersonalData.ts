import type { Transaction } from '../../platform/db/database';
import { DomainError } from '../../platform/domainError';
import { MASKERS, maskRecord, requireReason, type PersonalFields, type PersonalKind } from './personalData';
import { auditLog, type AuditActor } from './repository';

export interface PresentOptions<T> {
  fields: PersonalFields<T>;
  /** The caller asked for unmasked data. */
  unmask: boolean;
  roles: readonly string[];
  /** Roles that need these data whole for their cases. */
  unmaskRoles: readonly string[];
  /** A finer, case-level rule (e.g. only the operator handling the ticket); all records must pass. */
  mayUnmask?: (record: T) => boolean;
  who: AuditActor;
  objectType: string;
  objectIdOf(record: T): string;
  reason?: string;
  at: Date;
}

/**
 * Masked copies by default. Unmasked only on request by a permitted role, with one
 * `personal-data.view` audit event per record shown, in the caller's transaction.
 */
export async function presentPersonalData<T extends object>(
  tx: Transaction,
  records: readonly T[],
  options: PresentOptions<T>,
): Promise<T[]> {
  if (!options.unmask) return records.map((record) => maskRecord(record, options.fields));
  if (!options.roles.some((role) => options.unmaskRoles.includes(role)) || (options.mayUnmask && !records.every(options.mayUnmask))) {
    throw new DomainError('forbidden', 'unmask_forbidden', 'your role may not see these personal data unmasked');
  }
  requireReason(options.reason);
  for (const record of records) {
    // A citizen's own words count as seen only where masking would have hidden something in them.
    const shown = (Object.entries(options.fields) as [keyof T, PersonalKind][])
      .filter(([field, kind]) => {
        const value = record[field];
        return typeof value === 'string' && value !== '' && (kind !== 'freeText' || MASKERS.freeText(value) !== value);
      })
      .map(([field]) => field);
    if (shown.length === 0) continue;
    await auditLog.record(
      tx,
      options.who,
      {
        action: 'personal-data.view',
        objectType: options.objectType,
        objectId: options.objectIdOf(record),
        details: { fields: shown.map(String), reason: options.reason },
      },
      options.at,
    );
  }
  return [...records];
}
