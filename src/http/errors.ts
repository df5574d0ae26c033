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
  error: {
    code: string;
    message: string;
    field?: string;
    fields?: { field: string; code?: string; message: string }[];
    requestId?: string;
  };
}

/** 422 for a form: every invalid field with its English code and Chinese message, the first one as `field`. */
export function invalidFields(code: string, fields: { field: string; code: string; message: string }[]): HttpError {
  return new HttpError(422, code, fields.map((f) => f.message).join('；'), fields[0]?.field, fields);
}

/**
 * Innermost before the routes: what no route answered (404) or answered with a bare status (405,
 * and 501 for methods the router has never heard of, which to the caller is a 405 too) becomes an
 * HttpError, so metrics, logs and the body all see the same status.
 */
export function unansweredMiddleware() {
  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) throw new HttpError(404, 'not_found', `no route for ${ctx.method} ${ctx.path}`);
    if (ctx.status === 405 || ctx.status === 501)
      throw new HttpError(405, 'method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}`);
  };
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
    } catch (err) {
      const requestId = ctx.state.requestId as string | undefined;
      let body: ErrorBody;
      ctx.status = statusOf(err);
      if (err instanceof HttpError) {
        body = {
          error: {
            code: err.code,
            message: err.message,
            ...(err.field ? { field: err.field } : {}),
            ...(err.fields ? { fields: err.fields } : {}),
          },
        };
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
