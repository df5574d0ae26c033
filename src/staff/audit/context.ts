import { userInfo } from 'node:os';
import type { Context } from 'koa';
import type { AuditActor } from './repository';

/** A staff account acting over the API: its name, the client address and the request id. */
export function apiActor(ctx: Context, account: { id: number; name: string } | null, attemptedName?: string): AuditActor {
  return {
    actor: account?.name ?? attemptedName ?? 'anonymous',
    actorId: account?.id ?? null,
    via: 'api',
    ip: ctx.ip || null,
    requestId: (ctx.state.requestId as string | undefined) ?? null,
  };
}

/** Whoever runs the command line, as the operating system knows them. */
export function cliActor(): AuditActor {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? 'unknown';
  }
  return { actor: `cli:${user}`, actorId: null, via: 'cli', ip: null, requestId: null };
}

/** A citizen acting on their own data or ticket (export, deletion, rating, reopening): no identity in the audit trail. */
export const CITIZEN_ACTOR: AuditActor = { actor: 'citizen', actorId: null, via: 'system', ip: null, requestId: null };

export const SYSTEM_ACTOR: AuditActor = { actor: 'system', actorId: null, via: 'system', ip: null, requestId: null };
