import { z } from 'zod';
import type { Transaction } from '../db/database';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from '../domain/identity';
import { HttpError } from '../http/errors';
import { auditLog, type AuditActor } from './repository';

/**
 * Personal data (names, ID numbers, phone numbers, addresses) is masked wherever it is listed,
 * logged or exported. Seeing it whole is an explicit request (`?unmask=true`), allowed only to
 * the roles that need it for the case at hand, and every such view is written to the audit trail.
 */

export type PersonalKind = 'name' | 'idNumber' | 'phone' | 'address' | 'email';

export const MASKERS: Record<PersonalKind, (value: string) => string> = {
  name: maskName,
  idNumber: maskIdNumber,
  phone: maskPhone,
  address: maskAddress,
  email: maskEmail,
};

/** Which fields of a record are personal data, and of which kind. */
export type PersonalFields<T> = { [K in keyof T]?: PersonalKind };

export function maskRecord<T extends object>(record: T, fields: PersonalFields<T>): T {
  const copy = { ...record };
  for (const [field, kind] of Object.entries(fields) as [keyof T, PersonalKind][]) {
    const value = copy[field];
    if (typeof value === 'string' && value !== '') copy[field] = MASKERS[kind](value) as T[keyof T];
  }
  return copy;
}

/** Query parameters of every route that can show personal data. */
export const unmaskQueryShape = {
  unmask: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: show personal data unmasked (only for roles that need it; the view is audit-logged)'),
  reason: z.string().trim().max(200).optional().describe('why the personal data is needed, recorded in the audit trail'),
};

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
export async function presentPersonalData<T extends object>(tx: Transaction, records: readonly T[], options: PresentOptions<T>): Promise<T[]> {
  if (!options.unmask) return records.map((record) => maskRecord(record, options.fields));
  if (!options.roles.some((role) => options.unmaskRoles.includes(role)) || (options.mayUnmask && !records.every(options.mayUnmask))) {
    throw new HttpError(403, 'unmask_forbidden', 'your role may not see these personal data unmasked');
  }
  for (const record of records) {
    const shown = (Object.keys(options.fields) as (keyof T)[]).filter((field) => typeof record[field] === 'string' && record[field] !== '');
    if (shown.length === 0) continue;
    await auditLog.record(
      tx,
      options.who,
      { action: 'personal-data.view', objectType: options.objectType, objectId: options.objectIdOf(record), details: { fields: shown.map(String), ...(options.reason ? { reason: options.reason } : {}) } },
      options.at,
    );
  }
  return [...records];
}

const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Masks ID and mobile numbers inside free text (notes, reasons, questions) before it is stored or logged. */
export function scrubText(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (id) => maskIdNumber(id)).replace(MOBILE_IN_TEXT, (phone) => maskPhone(phone));
}

const SECRET_KEYS = /^(token|password|passwordhash|secret|authorization|currentpassword|newpassword)$/i;

/** Audit details without secrets and with ID/phone numbers in strings masked. */
export function scrubDetails(value: Record<string, unknown>): Record<string, unknown> {
  const scrub = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubText(v);
    if (Array.isArray(v)) return v.map(scrub);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v).filter(([key]) => !SECRET_KEYS.test(key)).map(([key, inner]) => [key, scrub(inner)]));
    }
    return v;
  };
  return scrub(value) as Record<string, unknown>;
}
