import { z } from 'zod';

/**
 * What a staff account may do. One account may hold several roles.
 * - operator: hotline threads and tickets (12345 热线工单)
 * - disclosure_officer: government-information disclosure requests (依申请公开)
 * - interpreter: knowledge entries (政策解读, 办事指南, 常见问题)
 * - admin: accounts, reports, configuration data, the audit trail
 */
export const ROLES = ['operator', 'disclosure_officer', 'interpreter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

/** A login name: what `staff add --name` and the login form take. */
export const staffNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2-64 characters of a-z, 0-9, ., _ and -, starting with a letter or digit');

export const passwordSchema = z.string().min(12, 'must be at least 12 characters').max(200, 'must be at most 200 characters');

export function hasAnyRole(roles: readonly string[], allowed: readonly string[]): boolean {
  return roles.some((role) => allowed.includes(role));
}
