import { z } from 'zod';
import { unmaskQueryShape } from './audit/personalData';
import { presentPersonalData } from './audit/presentPersonalData';
import { auditLog } from './audit/repository';
import type { Database } from '../platform/db/database';
import { validatePhone } from '../cases/shared/identity';
import { HttpError } from '../platform/http/errors';
import { instant, named, publicRoute, type ApiRoute } from '../platform/http/openapi';
import { countPasswordFailure, tooManyAttempts, type createLogin, type LoginPolicy } from './auth';
import { hashPassword, verifyPassword } from './passwords';
import { staffAccounts, staffTokens } from './repository';
import { passwordSchema, roleSchema, staffNameSchema } from './roles';
import { actorOf, staffRoute } from './routing';
import { staffService, staffView, type StaffView } from './service';

const phoneSchema = z.string().transform((value, ctx) => {
  const result = validatePhone(value);
  if (result.status === 'valid') return result.value.number;
  ctx.addIssue({ code: 'custom', message: result.message });
  return z.NEVER;
});
const displayNameSchema = z.string().trim().min(1, 'must not be empty').max(100);
const rolesSchema = z.array(roleSchema).min(1, 'needs at least one role');

export const staffViewSchema = named(
  z.object({
    name: z.string(),
    displayName: z.string().nullable().describe('personal data: masked unless ?unmask=true'),
    phone: z.string().nullable().describe('personal data: masked unless ?unmask=true'),
    roles: z.array(roleSchema),
    hasPassword: z.boolean(),
    disabled: z.boolean(),
    lockedUntil: instant.nullable().describe('password login is locked after repeated failures until then'),
    createdAt: instant,
    updatedAt: instant,
  }),
  'StaffAccount',
);

const nameParams = z.object({ name: staffNameSchema });
const unmaskQuery = z.object(unmaskQueryShape);

/** Staff names and phone numbers are personal data; only admins may see them unmasked. */
const STAFF_PERSONAL_FIELDS = { displayName: 'name', phone: 'phone' } as const;

async function present(
  db: Database,
  views: StaffView[],
  options: { unmask: boolean; reason?: string; roles: readonly string[]; who: Parameters<typeof presentPersonalData>[2]['who']; at: Date },
) {
  return db.transaction((tx) =>
    presentPersonalData(tx, views, {
      fields: STAFF_PERSONAL_FIELDS,
      unmask: options.unmask,
      reason: options.reason,
      roles: options.roles,
      unmaskRoles: ['admin'],
      who: options.who,
      objectType: 'staff',
      objectIdOf: (v) => v.name,
      at: options.at,
    }),
  );
}

export interface StaffRouteDeps {
  db: Database;
  now: () => Date;
  login: ReturnType<typeof createLogin>;
  policy: LoginPolicy;
}

/** Login and the caller's own session. */
export function authRoutes(deps: StaffRouteDeps): ApiRoute[] {
  const { db, now } = deps;
  return [
    publicRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      operationId: 'login',
      tag: 'auth',
      summary: 'Log in with name and password: a session token that expires (WENZHENG_STAFF_SESSION_MINUTES)',
      access: 'public',
      body: z.object({
        name: z.string().trim().min(1, 'must not be empty').max(64),
        password: z.string().min(1, 'must not be empty').max(200),
      }),
      response: z.object({ token: z.string(), expiresAt: instant, account: z.object({ name: z.string(), roles: z.array(roleSchema) }) }),
      errors: [429],
      async handler({ ctx, body }) {
        const result = await deps.login(ctx, body);
        return { ...result, expiresAt: result.expiresAt.toISOString() };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/auth/me',
      operationId: 'me',
      tag: 'auth',
      summary: 'The account behind the token and its roles',
      access: 'authenticated',
      response: z.object({
        name: z.string(),
        displayName: z.string().nullable().describe("the account's own display name (not masked to itself)"),
        roles: z.array(roleSchema),
        tokenKind: z.enum(['api', 'session']),
        expiresAt: instant.nullable(),
      }),
      async handler({ principal }) {
        return {
          name: principal.name,
          displayName: principal.displayName,
          roles: principal.roles,
          tokenKind: principal.tokenKind,
          expiresAt: principal.expiresAt?.toISOString() ?? null,
        };
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      operationId: 'logout',
      tag: 'auth',
      summary: 'Revoke the token of this request (a session, or an API token)',
      access: 'authenticated',
      response: z.object({ revoked: z.literal(true) }),
      async handler({ ctx, principal }) {
        await db.transaction(async (tx) => {
          await staffTokens.revoke(tx, principal.tokenHash, now());
          await auditLog.record(
            tx,
            actorOf(ctx, principal),
            { action: 'auth.logout', objectType: 'staff', objectId: principal.name, details: { tokenKind: principal.tokenKind } },
            now(),
          );
        });
        return { revoked: true as const };
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/auth/password',
      operationId: 'changeOwnPassword',
      tag: 'auth',
      summary: 'Set or change your own password; your other login sessions end',
      description: 'currentPassword is required when the account has a password already.',
      access: 'authenticated',
      body: z.object({ currentPassword: z.string().max(200).optional(), newPassword: passwordSchema }),
      response: z.object({ changed: z.literal(true), endedSessions: z.number().int() }),
      errors: [429],
      async handler({ ctx, principal, body }) {
        const account = await db.transaction((tx) => staffAccounts.byId(tx, principal.id));
        if (!account) throw new HttpError(401, 'invalid_token', 'the account no longer exists');
        const at = now();
        // Guessing the current password here counts like failed logins, lock-out included.
        if (account.lockedUntil && account.lockedUntil > at)
          throw tooManyAttempts(ctx, Math.ceil((account.lockedUntil.getTime() - at.getTime()) / 1000));
        if (account.passwordHash && !(body.currentPassword && (await verifyPassword(body.currentPassword, account.passwordHash)))) {
          await db.transaction(async (tx) => {
            const locked = await countPasswordFailure(tx, account.id, at, deps.policy);
            await auditLog.record(
              tx,
              actorOf(ctx, principal),
              {
                action: 'auth.password-change-failed',
                objectType: 'staff',
                objectId: principal.name,
                details: locked ? { locked: true } : null,
              },
              at,
            );
          });
          throw new HttpError(403, 'wrong_password', 'currentPassword is wrong', 'currentPassword');
        }
        const passwordHash = await hashPassword(body.newPassword);
        const endedSessions = await db.transaction(async (tx) => {
          await staffAccounts.update(tx, account.id, { passwordHash }, now());
          const ended = await staffTokens.revokeAll(tx, account.id, now(), 'session', principal.tokenHash);
          await auditLog.record(
            tx,
            actorOf(ctx, principal),
            { action: 'auth.password-change', objectType: 'staff', objectId: principal.name, details: { endedSessions: ended } },
            now(),
          );
          return ended;
        });
        return { changed: true as const, endedSessions };
      },
    }),
  ];
}

/** Account management for admins. */
export function staffAdminRoutes(deps: StaffRouteDeps): ApiRoute[] {
  const { db, now } = deps;
  const admin = ['admin'] as const;
  return [
    staffRoute({
      method: 'get',
      path: '/api/v1/staff',
      operationId: 'listStaff',
      tag: 'staff',
      summary: 'Every staff account; names and phone numbers masked unless ?unmask=true (audited)',
      access: admin,
      query: unmaskQuery,
      response: z.object({ accounts: z.array(staffViewSchema) }),
      async handler({ ctx, principal, query }) {
        const at = now();
        const views = (await staffService.list(db)).map((a) => staffView(a, at));
        return {
          accounts: await present(db, views, {
            unmask: query.unmask === 'true',
            reason: query.reason,
            roles: principal.roles,
            who: actorOf(ctx, principal),
            at,
          }),
        };
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/staff',
      operationId: 'createStaff',
      tag: 'staff',
      summary: 'Create an account; the answer carries its API token, shown this once',
      access: admin,
      status: 201,
      body: z.object({
        name: staffNameSchema,
        roles: rolesSchema,
        displayName: displayNameSchema.optional(),
        phone: phoneSchema.optional(),
        password: passwordSchema.optional(),
      }),
      response: z.object({ account: staffViewSchema, token: z.string() }),
      errors: [409],
      async handler({ ctx, principal, body }) {
        const at = now();
        const { account, token } = await staffService.create(db, body, actorOf(ctx, principal), at);
        const [view] = await present(db, [staffView(account, at)], {
          unmask: false,
          roles: principal.roles,
          who: actorOf(ctx, principal),
          at,
        });
        return { account: view, token };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/staff/:name',
      operationId: 'getStaff',
      tag: 'staff',
      summary: 'One account; personal data masked unless ?unmask=true (audited)',
      access: admin,
      params: nameParams,
      query: unmaskQuery,
      response: staffViewSchema,
      errors: [404],
      async handler({ ctx, principal, params, query }) {
        const at = now();
        const account = await staffService.get(db, params.name);
        const [view] = await present(db, [staffView(account, at)], {
          unmask: query.unmask === 'true',
          reason: query.reason,
          roles: principal.roles,
          who: actorOf(ctx, principal),
          at,
        });
        return view;
      },
    }),
    staffRoute({
      method: 'patch',
      path: '/api/v1/staff/:name',
      operationId: 'updateStaff',
      tag: 'staff',
      summary: 'Change roles, name, phone or password, or disable/enable the account (disabling revokes its tokens at once)',
      description: 'password: null removes password login. The last enabled admin cannot lose the role or be disabled.',
      access: admin,
      params: nameParams,
      body: z.strictObject({
        roles: rolesSchema.optional(),
        displayName: displayNameSchema.nullable().optional(),
        phone: phoneSchema.nullable().optional(),
        password: passwordSchema.nullable().optional(),
        disabled: z.boolean().optional(),
      }),
      response: staffViewSchema,
      errors: [404, 409],
      async handler({ ctx, principal, params, body }) {
        const at = now();
        const account = await staffService.update(db, params.name, body, actorOf(ctx, principal), at, { guardLastAdmin: true });
        const [view] = await present(db, [staffView(account, at)], {
          unmask: false,
          roles: principal.roles,
          who: actorOf(ctx, principal),
          at,
        });
        return view;
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/staff/:name/token',
      operationId: 'rotateStaffToken',
      tag: 'staff',
      summary: "Rotate the account's API token: the old ones stop working, the new one is shown this once",
      access: admin,
      params: nameParams,
      response: z.object({ token: z.string() }),
      errors: [404, 409],
      async handler({ ctx, principal, params }) {
        return { token: await staffService.rotateToken(db, params.name, actorOf(ctx, principal), now()) };
      },
    }),
  ];
}
