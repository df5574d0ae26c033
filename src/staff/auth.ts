import type { Context } from 'koa';
import { bearerToken } from '../platform/http/bearer';
import type { StaffTokenKind } from '../../entities/StaffToken';
import { apiActor } from './audit/context';
import { auditLog } from './audit/repository';
import type { Database, Transaction } from '../platform/db/database';
import { HttpError } from '../platform/http/errors';
import type { RateLimiter } from '../platform/http/rateLimit';
import { verifyNothing, verifyPassword } from './passwords';
import { staffAccounts, staffTokens } from './repository';
import { ROLES, type Role } from '../../entities/StaffAccount';
import { staffNameSchema } from './roles';
import { hashStaffToken } from './tokens';

/** The staff member behind a request. */
export interface StaffPrincipal {
  id: number;
  name: string;
  /** What colleagues and the top bar call the account; null when none is set. */
  displayName: string | null;
  roles: Role[];
  tokenKind: StaffTokenKind;
  tokenHash: string;
  /** When a login session ends; null for API tokens. */
  expiresAt: Date | null;
}

function unauthorized(ctx: Context, code: string, message: string): HttpError {
  ctx.set('WWW-Authenticate', `Bearer realm="wenzheng"${code === 'unauthenticated' ? '' : ', error="invalid_token"'}`);
  return new HttpError(401, code, message);
}

/** Why a staff token does not stand for anyone (now), or the principal it stands for. */
export async function resolveStaffToken(
  db: Database,
  token: string,
  now: Date,
): Promise<StaffPrincipal | { code: string; message: string }> {
  const resolved = await db.transaction((tx) => staffTokens.resolve(tx, token));
  if (!resolved || resolved.token.revokedAt) return { code: 'invalid_token', message: 'the token is not valid (unknown or revoked)' };
  const { token: row, account } = resolved;
  if (account.disabledAt) return { code: 'account_disabled', message: 'this staff account is disabled' };
  if (row.expiresAt && row.expiresAt <= now) return { code: 'token_expired', message: 'the session has expired; log in again' };
  return {
    id: account.id,
    name: account.name,
    displayName: account.displayName,
    roles: ROLES.filter((role) => account.roles.includes(role)),
    tokenKind: row.kind,
    tokenHash: row.tokenHash,
    expiresAt: row.expiresAt,
  };
}

/**
 * Resolves the bearer token on every request: unknown, revoked or expired tokens and disabled
 * accounts are refused at once (the account and its roles are read afresh each time).
 */
export function staffAuthenticator(deps: { db: Database; now: () => Date }) {
  return async (ctx: Context): Promise<StaffPrincipal> => {
    const token = bearerToken(ctx);
    if (!token) throw unauthorized(ctx, 'unauthenticated', 'this needs a staff token: Authorization: Bearer <token>');
    const principal = await resolveStaffToken(deps.db, token, deps.now());
    if ('code' in principal) throw unauthorized(ctx, principal.code, principal.message);
    ctx.state.staff = principal.name;
    return principal;
  };
}

export interface LoginPolicy {
  sessionMinutes: number;
  /** Failed logins of one account within the window that lock it. */
  maxFailures: number;
  /** The failure window and how long a lock lasts. */
  lockoutMinutes: number;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  account: { name: string; roles: Role[] };
}

/** Counts a wrong password against the account; locks it when the failures within the window reach the limit. */
export async function countPasswordFailure(tx: Transaction, accountId: number, at: Date, policy: LoginPolicy): Promise<boolean> {
  const windowMs = policy.lockoutMinutes * 60_000;
  const failures = await staffAccounts.recordLoginFailure(tx, accountId, at, new Date(at.getTime() - windowMs));
  if (failures < policy.maxFailures) return false;
  await staffAccounts.lockUntil(tx, accountId, new Date(at.getTime() + windowMs));
  return true;
}

export function tooManyAttempts(ctx: Context, retryAfterSeconds: number): HttpError {
  ctx.set('Retry-After', String(retryAfterSeconds));
  return new HttpError(429, 'too_many_attempts', `too many failed logins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`);
}

/**
 * Password login. Failures are counted per account and per client address (in the database on
 * MySQL, so every instance sees them); past the limit further attempts get 429 with
 * Retry-After even with the right password. Every attempt is audited.
 */
export function createLogin(deps: { db: Database; now: () => Date; policy: LoginPolicy; ipFailures: RateLimiter }) {
  const { db, now, policy, ipFailures } = deps;

  return async (ctx: Context, credentials: { name: string; password: string }): Promise<LoginResult> => {
    const at = now();
    const ip = ctx.ip || 'unknown';
    // A password typed into the name field must not end up in the audit trail.
    const attempted = staffNameSchema.safeParse(credentials.name).success ? credentials.name : '(not a login name)';
    const who = apiActor(ctx, null, attempted);
    const ipState = await ipFailures.peek(ip);
    if (!ipState.allowed) {
      await db.transaction((tx) =>
        auditLog.record(
          tx,
          who,
          { action: 'auth.login-refused', objectType: 'staff', objectId: attempted, details: { reason: 'ip-rate-limit' } },
          at,
        ),
      );
      throw tooManyAttempts(ctx, ipState.retryAfterSeconds);
    }
    const account = await db.transaction((tx) => staffAccounts.byName(tx, credentials.name));
    if (account?.lockedUntil && account.lockedUntil > at) {
      await db.transaction((tx) =>
        auditLog.record(
          tx,
          apiActor(ctx, account),
          { action: 'auth.login-refused', objectType: 'staff', objectId: account.name, details: { reason: 'account-locked' } },
          at,
        ),
      );
      throw tooManyAttempts(ctx, Math.ceil((account.lockedUntil.getTime() - at.getTime()) / 1000));
    }
    const ok = account?.passwordHash
      ? await verifyPassword(credentials.password, account.passwordHash)
      : await verifyNothing(credentials.password);

    if (!ok || !account || account.disabledAt) {
      await ipFailures.hit(ip);
      const reason = !account ? 'unknown-account' : !account.passwordHash ? 'no-password' : !ok ? 'wrong-password' : 'account-disabled';
      await db.transaction(async (tx) => {
        const locked = account && reason === 'wrong-password' ? await countPasswordFailure(tx, account.id, at, policy) : false;
        await auditLog.record(
          tx,
          account ? apiActor(ctx, account) : who,
          {
            action: 'auth.login-failed',
            objectType: 'staff',
            objectId: attempted,
            details: { reason, ...(locked ? { locked: true } : {}) },
          },
          at,
        );
      });
      throw new HttpError(401, 'invalid_credentials', 'wrong name or password');
    }

    const expiresAt = new Date(at.getTime() + policy.sessionMinutes * 60_000);
    const token = await db.transaction(async (tx) => {
      await staffAccounts.clearLoginFailures(tx, account.id);
      const issued = await staffTokens.issue(tx, account.id, 'session', at, expiresAt);
      await auditLog.record(
        tx,
        apiActor(ctx, account),
        {
          action: 'auth.login',
          objectType: 'staff',
          objectId: account.name,
          details: { tokenId: hashStaffToken(issued).slice(0, 12), expiresAt: expiresAt.toISOString() },
        },
        at,
      );
      return issued;
    });
    return { token, expiresAt, account: { name: account.name, roles: ROLES.filter((role) => account.roles.includes(role)) } };
  };
}
