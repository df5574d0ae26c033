import type { Context, Next } from 'koa';
import { HttpError } from './errors';

/**
 * Headers for an API that serves JSON only: nothing may be sniffed, framed or leak the referrer.
 * HSTS is sent on HTTPS requests (as seen through the proxy), never on plain HTTP.
 */
export function securityHeaders() {
  return async (ctx: Context, next: Next) => {
    ctx.set({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'X-Permitted-Cross-Domain-Policies': 'none',
    });
    if (ctx.secure) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    ctx.remove('X-Powered-By');
    try {
      await next();
    } finally {
      ctx.remove('X-Powered-By');
    }
  };
}

const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const CORS_HEADERS = 'Authorization, Content-Type, If-Match, X-Request-Id';
const CORS_EXPOSED = 'X-Request-Id, Retry-After, ETag, Content-Disposition';

/** `https://console.example.gov.cn` → itself; anything that is not a bare origin is refused by config validation. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/**
 * CORS, closed by default: only the listed origins (WENZHENG_CORS_ORIGINS) get CORS headers.
 * Bearer tokens, not cookies, authenticate staff, so credentials are never allowed. A preflight
 * from any other origin is refused with 403.
 */
export function cors(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return async (ctx: Context, next: Next) => {
    const origin = ctx.get('origin');
    ctx.vary('Origin');
    const preflight = ctx.method === 'OPTIONS' && ctx.get('access-control-request-method') !== '';
    if (!origin || !allowed.has(origin)) {
      if (preflight && origin) throw new HttpError(403, 'cors_origin_refused', `origin ${origin} may not call this API`);
      return next();
    }
    ctx.set('Access-Control-Allow-Origin', origin);
    if (preflight) {
      ctx.set({
        'Access-Control-Allow-Methods': CORS_METHODS,
        'Access-Control-Allow-Headers': CORS_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      ctx.status = 204;
      return;
    }
    ctx.set('Access-Control-Expose-Headers', CORS_EXPOSED);
    return next();
  };
}
