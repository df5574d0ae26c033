import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { z } from 'zod';
import { formatIssuePath } from '../data/loadDataFile';

/** An error meant for the caller: its status, a stable code, a message and the field at fault. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Every invalid field, when there are several (a form submission): English code, Chinese message. */
    readonly fields?: { field: string; code?: string; message: string }[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string; fields?: { field: string; code?: string; message: string }[]; requestId?: string };
}

/** The status a failure will be answered with, so inner middleware (metrics, logs) can see it. */
export function statusOf(err: unknown): number {
  if (err instanceof HttpError) return err.status;
  if (err instanceof z.ZodError) return 400;
  return 500;
}

/** Outermost middleware: every failure becomes a JSON body; 5xx never carries internals. */
export function errorMiddleware(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      // Statuses set without a body (no route, 405 from the router) still get a JSON error.
      if (ctx.status === 404 && ctx.body === undefined) throw new HttpError(404, 'not_found', `no route for ${ctx.method} ${ctx.path}`);
      // The router says 501 for methods it has never heard of (PURGE...): to the caller that is a 405 too.
      if (ctx.status === 405 || ctx.status === 501) throw new HttpError(405, 'method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}`);
    } catch (err) {
      const requestId = ctx.state.requestId as string | undefined;
      let body: ErrorBody;
      ctx.status = statusOf(err);
      if (err instanceof HttpError) {
        body = { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.fields ? { fields: err.fields } : {}) } };
      } else if (err instanceof z.ZodError) {
        const fields = err.issues.map((issue) => ({ field: formatIssuePath(issue.path), message: issue.message }));
        body = { error: { code: 'invalid_request', message: `${fields[0].field}: ${fields[0].message}`, field: fields[0].field, fields } };
      } else {
        logger.error({ err, requestId }, 'request failed');
        body = { error: { code: 'internal', message: 'internal server error' } };
      }
      body.error.requestId = requestId;
      ctx.body = body;
    }
  };
}
