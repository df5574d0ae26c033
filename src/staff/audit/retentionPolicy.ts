/**
 * The retention periods' kinds and limits, apart from the purge that applies them, so that
 * config/index.ts can validate the environment's periods without importing the database.
 */
import { z } from 'zod';

/**
 * Periods the law sets as a minimum: neither config/retention.yaml nor the environment may shorten
 * them (the server refuses to start).
 */
export const STATUTORY_MINIMUM_DAYS = {
  // 依申请公开 files are archived 10 years (机关文件材料归档范围和文书档案保管期限规定, 定期10年).
  closedDisclosure: { days: 3650, why: 'closed disclosure cases are archived 10 years (文书档案保管期限, 定期10年)' },
  // 网络安全法 Art. 21(3): network logs are kept no less than six months.
  audit: { days: 180, why: 'the audit trail is kept at least six months (网络安全法 第二十一条)' },
} as const;

export const RETENTION_KINDS = ['messages', 'conversations', 'closedTickets', 'closedDisclosure', 'audit'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];
export type RetentionPolicy = Record<RetentionKind, number>;

export const MAX_RETENTION_DAYS = 36500;

/** Whole days, at least the statutory minimum of the kind (if any). */
export function retentionDays(kind: RetentionKind) {
  const minimum = (STATUTORY_MINIMUM_DAYS as Partial<Record<RetentionKind, { days: number; why: string }>>)[kind];
  return z
    .number()
    .int()
    .min(minimum?.days ?? 1, minimum ? `must be at least ${minimum.days}: ${minimum.why}` : 'must be at least 1')
    .max(MAX_RETENTION_DAYS);
}

/**
 * The entities that hold a citizen's personal data or tie a row to a citizen. The retention purge
 * (retention.ts) and the citizen's own deletion (citizenData.ts) each keep a table over this list
 * of what they do with every entity, so an entity added here does not compile until both say;
 * test/audit/personalDataEntities.test.ts fails when an entity with a column that names a citizen
 * or their conversation is not listed.
 */
export const PERSONAL_DATA_ENTITIES = [
  'Conversation',
  'Message',
  'OutboxMessage',
  'UnansweredQuestion',
  'AskedQuestion',
  'EntryFeedback',
  'HandoffThread',
  'ChatToken',
  'HotlineTicket',
  'DisclosureRequest',
  'DisclosureEvent',
  'HotlineTicketEvent',
  'AuditEvent',
] as const;
export type PersonalDataEntity = (typeof PERSONAL_DATA_ENTITIES)[number];

/** What the purge or the deletion does with one entity: the count it reports for it, or in words what it does instead and why. */
export type EntityHandling<Count extends string> = { counted: Count } | { otherwise: string };
