import { z } from 'zod';
import type { Database } from '../platform/db/database';
import { isIsoDate, shanghaiEndOfDay, shanghaiStartOfDay } from '../platform/calendar/dates';
import { instant, named, type ApiRoute } from '../platform/http/openapi';
import { intQuery, staffRoute } from './routing';
import { auditLog } from './audit/repository';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An instant, or a city calendar day (Asia/Shanghai): its start for `from`, its end for `to`. */
const when = (edge: 'start' | 'end') =>
  z
    .string()
    .refine(
      (v) => (DAY.test(v) && isIsoDate(v)) || z.iso.datetime({ offset: true }).safeParse(v).success,
      'must be a date YYYY-MM-DD or an ISO 8601 instant',
    )
    .transform((v) => (DAY.test(v) ? (edge === 'start' ? shanghaiStartOfDay(v) : shanghaiEndOfDay(v)) : new Date(v)));

export const auditEventSchema = named(
  z.object({
    id: z.number().int(),
    at: instant,
    actor: z.string(),
    via: z.enum(['api', 'cli', 'system']),
    action: z.string(),
    objectType: z.string().nullable(),
    objectId: z.string().nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    /** When retention anonymised the event (address cleared, free text and citizen ids replaced); null until then. */
    anonymisedAt: instant.nullable(),
  }),
  'AuditEvent',
);

export function auditRoutes(deps: { db: Database }): ApiRoute[] {
  return [
    staffRoute({
      method: 'get',
      path: '/api/v1/audit',
      operationId: 'listAuditEvents',
      tag: 'audit',
      summary: 'The audit trail, newest first, filtered; page with ?before=<nextBefore>',
      access: ['admin'],
      query: z.object({
        actor: z.string().max(100).optional().describe('staff account name, cli:<user> or system'),
        action: z
          .string()
          .regex(/^[a-z0-9.-]+\*?$/, 'must be an action such as kb.publish, or a prefix such as kb.*')
          .optional()
          .describe('an action, or a prefix ending in * (kb.* = every knowledge change)'),
        objectType: z.string().max(32).optional().describe('knowledge_entry, staff, ...'),
        objectId: z.string().max(191).optional(),
        from: when('start').optional().describe('from this instant or day (included)'),
        to: when('end').optional().describe('up to this instant (excluded) or day (included)'),
        before: intQuery(1, Number.MAX_SAFE_INTEGER).optional().describe('only events with a smaller id'),
        limit: intQuery(1, 500).optional().describe('at most this many events (default 100)'),
      }),
      response: z.object({ events: z.array(auditEventSchema), nextBefore: z.number().int().nullable() }),
      async handler({ query }) {
        const limit = query.limit ?? 100;
        const rows = await deps.db.transaction((tx) => auditLog.query(tx, { ...query, limit }));
        return {
          events: rows.map((e) => ({
            id: e.id,
            at: e.at.toISOString(),
            actor: e.actor,
            via: e.via,
            action: e.action,
            objectType: e.objectType,
            objectId: e.objectId,
            ip: e.ip,
            requestId: e.requestId,
            details: e.details,
            anonymisedAt: e.anonymisedAt?.toISOString() ?? null,
          })),
          nextBefore: rows.length === limit ? rows[rows.length - 1].id : null,
        };
      },
    }),
  ];
}
