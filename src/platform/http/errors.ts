import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { z } from 'zod';
import { formatIssuePath } from '../data/loadDataFile';
import { DomainError, type DomainErrorKind, type FieldProblem } from '../domainError';

/**
 * An error of the HTTP layer itself (authentication, body limits, routing): its status, a stable
 * code, a message and the field at fault. Services throw a DomainError instead.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Every invalid field, when there are several (a form submission): English code, Chinese message. */
    readonly fields?: FieldProblem[],
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
    fields?: FieldProblem[];
    requestId?: string;
  };
}

/** The one place a service's refusal gets its HTTP status. */
const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  unprocessable: 422,
  stale: 412,
};

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
  if (err instanceof DomainError) return STATUS_OF_KIND[err.kind];
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
      if (err instanceof HttpError || err instanceof DomainError) {
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
