import type { Context } from 'koa';

/** The token of an `Authorization: Bearer <token>` header, staff or citizen alike. */
export function bearerToken(ctx: Context): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  return match ? match[1] : null;
}
