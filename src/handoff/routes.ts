/**
 * The operators' thread API (role operator), declared in the staff route registry: the queue,
 * transcripts, claim / message / release / transfer, and a Server-Sent Events stream of thread
 * changes and messages. Opening a ticket from a thread is the hotline's (threadTicketRoutes).
 */
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { CLOSE_REASONS, THREAD_STATUSES } from '../../entities/HandoffThread';
import { unmaskQueryShape } from '../staff/audit/personalData';
import type { Database } from '../platform/db/database';
import { bearerToken } from '../platform/http/bearer';
import { instant, RawResponse, type ApiRoute } from '../platform/http/openapi';
import { resolveStaffToken } from '../staff/auth';
import { actorOf, intQuery, staffRoute } from '../staff/routing';
import type { ThreadEvent, ThreadHub } from './hub';
import type { HandoffService } from './service';

export const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,12}$/, 'must be a thread id')
    .transform(Number),
});
const note = z.string().trim().min(1, 'must not be empty').max(1000).optional();

export const threadSchema = z.object({
  id: z.number().int(),
  conversationId: z.string(),
  channel: z.string().nullable(),
  status: z.enum(THREAD_STATUSES),
  reason: z.string().describe('what the citizen said when asking for a person'),
  lastQuestion: z.string().nullable().describe('what the citizen asked the bot before (ID and phone numbers masked)'),
  botAttempts: z.number().int().describe('messages in a row the bot could not answer before the request'),
  withinServiceHours: z.boolean(),
  ticketNumber: z.string().nullable(),
  operator: z.string().nullable(),
  requestedAt: instant,
  claimedAt: instant.nullable(),
  closedAt: instant.nullable(),
  closeReason: z.enum(CLOSE_REASONS).nullable().describe('released, idle (timed out), dismissed (unclaimed) or cancelled (by the citizen)'),
  waitingSeconds: z.number().int().describe('from the request to the claim (or until now while waiting)'),
  waitTargetSeconds: z.number().int().describe('WENZHENG_HANDOFF_WAIT_TARGET_SECONDS: waits longer than this are marked'),
  lastActivityAt: instant,
  version: z.number().int(),
});

const messageSchema = z.object({
  id: z.number().int(),
  direction: z.enum(['in', 'out']),
  author: z.string().describe('citizen, bot, operator or system'),
  kind: z.string(),
  text: z
    .string()
    .describe(
      "names, addresses, ID and phone numbers masked unless ?unmask=true&reason=; a form's personal answers are kept masked (the value is in the case record)",
    ),
  at: instant,
});

export interface HandoffRouteDeps {
  db: Database;
  handoff: HandoffService;
  hub: ThreadHub;
  now: () => Date;
  /** Seconds between keep-alive comments on the event stream. */
  heartbeatSeconds?: number;
  /** How often an open stream checks that its token and account still hold (logout, rotation, disable). */
  recheckMs: number;
}

/** Who takes over threads: the operators, who also handle the hotline's tickets. */
const THREAD_ROLES = ['operator'] as const;

/** A staff principal as the handoff service names an operator. */
export const who = (principal: { id: number; name: string }) => ({ id: principal.id, name: principal.name });

/** Which events an operator's stream carries: every thread change; messages of waiting threads and of their own. */
function visibleTo(event: ThreadEvent, operator: string): boolean {
  return event.type === 'thread' || event.operator === null || event.operator === operator;
}

export function handoffRoutes(deps: HandoffRouteDeps): ApiRoute[] {
  const { db, handoff, hub, now } = deps;
  const operator = [...THREAD_ROLES];

  return [
    staffRoute({
      method: 'get',
      path: '/api/v1/threads',
      operationId: 'listThreads',
      tag: 'handoff',
      summary:
        'Escalated threads: waiting (the queue, oldest first), mine (held by the caller) or all (newest first: the queue, yours, and those you let go less than WENZHENG_HANDOFF_HISTORY_HOURS ago)',
      access: operator,
      query: z.object({
        status: z.enum(['waiting', 'mine', 'all']).optional().describe('waiting (default), mine or all'),
        limit: intQuery(1, 500).optional(),
      }),
      response: z.object({ threads: z.array(threadSchema) }),
      async handler({ principal, query }) {
        return { threads: await handoff.list(query.status ?? 'waiting', who(principal), query.limit ?? 100) };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/threads/stream',
      operationId: 'threadStream',
      tag: 'handoff',
      summary:
        'Server-Sent Events: `thread` (requested, claimed, released, transferred) and `message` events (waiting threads and your own)',
      description:
        'text/event-stream. Each event is `event: thread|message` with a JSON `data` line; `: ping` comments keep the connection open. ' +
        'Changes made on other instances arrive through a database poll (WENZHENG_HANDOFF_STREAM_POLL_MS). Send the staff token in the Authorization header (fetch-based EventSource).',
      access: operator,
      response: z.string(),
      alsoProduces: ['text/event-stream'],
      async handler({ ctx, principal }) {
        const stream = new PassThrough();
        const write = (event: string, data: unknown) => stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        ctx.req.socket.setTimeout(0);
        ctx.req.socket.setNoDelay(true);
        ctx.req.socket.setKeepAlive(true);
        ctx.set('X-Accel-Buffering', 'no');
        ctx.set('Connection', 'keep-alive');
        // Piped by hand, not by Koa: a client going away is the normal end of a stream, not an error to log.
        ctx.respond = false;
        ctx.res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
        ctx.res.flushHeaders();
        stream.pipe(ctx.res);
        write('ready', { operator: principal.name, at: now().toISOString() });
        const unsubscribe = hub.subscribe((event) => {
          if (visibleTo(event, principal.name)) write(event.type, event);
        });
        const ping = setInterval(() => stream.write(': ping\n\n'), (deps.heartbeatSeconds ?? 15) * 1000);
        ping.unref();
        // The stream outlives the request's authentication: a disabled account, a rotated or logged-out token,
        // or a role taken away closes it at the next check.
        const token = bearerToken(ctx) as string;
        const recheck = setInterval(() => {
          void resolveStaffToken(db, token, now()).then(
            (current) => {
              const problem =
                'code' in current ? current.code : current.roles.some((role) => (operator as string[]).includes(role)) ? null : 'forbidden';
              if (problem && !ended) {
                write('end', { reason: problem });
                end();
              }
            },
            () => undefined,
          );
        }, deps.recheckMs);
        recheck.unref();
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          clearInterval(ping);
          clearInterval(recheck);
          unsubscribe();
          stream.unpipe(ctx.res);
          stream.end();
          ctx.res.end();
        };
        ctx.req.on('close', end);
        ctx.res.on('close', end);
        stream.on('error', end);
        return new RawResponse('text/event-stream; charset=utf-8', '');
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/threads/operators',
      operationId: 'listTransferTargets',
      tag: 'handoff',
      summary:
        'The operators a thread can be transferred to: every other enabled operator account, those signed in to the console first, then those holding fewer threads',
      access: operator,
      response: z.object({
        operators: z.array(
          z.object({
            name: z.string().describe('login name: the `operator` of POST /api/v1/threads/:id/transfer'),
            displayName: z.string().nullable().describe('as citizens see them (人工客服 张敏)'),
            signedIn: z.boolean().describe('has a console login session open now (API tokens do not count)'),
            holding: z.number().int().describe('threads they hold now'),
          }),
        ),
      }),
      async handler({ principal }) {
        return { operators: await handoff.transferTargets(who(principal)) };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/threads/:id',
      operationId: 'getThread',
      tag: 'handoff',
      summary: 'One thread',
      access: operator,
      params: idParams,
      response: threadSchema,
      errors: [404],
      async handler({ principal, params }) {
        return handoff.get(params.id, who(principal));
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/threads/:id/messages',
      operationId: 'threadTranscript',
      tag: 'handoff',
      summary: "The conversation's transcript: the bot's attempts before the request and everything since (oldest first)",
      access: operator,
      params: idParams,
      query: z.object({
        after: intQuery(0, Number.MAX_SAFE_INTEGER).optional().describe('only messages after this message id (polling)'),
        limit: intQuery(1, 500).optional().describe('default 200; without `after` the latest ones'),
        ...unmaskQueryShape,
      }),
      response: z.object({ thread: threadSchema, messages: z.array(messageSchema) }),
      errors: [404],
      async handler({ ctx, principal, params, query }) {
        return handoff.transcript(
          params.id,
          who(principal),
          { after: query.after ?? null, limit: query.limit ?? 200, unmask: query.unmask === 'true', reason: query.reason },
          actorOf(ctx, principal),
        );
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/threads/:id/claim',
      operationId: 'claimThread',
      tag: 'handoff',
      summary:
        'Take the thread: the bot goes silent and the citizen is told a person joined. Exactly one of concurrent claims wins; the others get 409.',
      access: operator,
      params: idParams,
      response: threadSchema,
      errors: [404, 409],
      async handler({ ctx, principal, params }) {
        return handoff.claim(params.id, who(principal), actorOf(ctx, principal));
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/threads/:id/messages',
      operationId: 'sendThreadMessage',
      tag: 'handoff',
      summary:
        "Say something to the citizen through the thread's channel (send API for WeChat, the pull list for web chat); only the holder",
      access: operator,
      params: idParams,
      body: z.object({
        text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
        id: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
          .optional()
          .describe('client-chosen id: a retried POST with the same id is sent once'),
      }),
      status: 201,
      response: z.object({ messageId: z.number().int(), duplicate: z.boolean(), at: instant }),
      errors: [404, 409],
      async handler({ ctx, principal, params, body }) {
        return handoff.send(params.id, who(principal), body.text, body.id, actorOf(ctx, principal));
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/threads/:id/release',
      operationId: 'releaseThread',
      tag: 'handoff',
      summary: 'End the takeover: the bot answers again and says so. A waiting thread is dismissed (closed unclaimed).',
      access: operator,
      params: idParams,
      body: z.object({ note }),
      response: threadSchema,
      errors: [404, 409],
      async handler({ ctx, principal, params, body }) {
        return handoff.release(params.id, who(principal), actorOf(ctx, principal), body.note);
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/threads/:id/transfer',
      operationId: 'transferThread',
      tag: 'handoff',
      summary: 'Hand the thread to another operator (who holds it at once), or without `operator` back to the queue',
      access: operator,
      params: idParams,
      body: z.object({ operator: z.string().trim().min(1).max(64).optional().describe('staff account name with the operator role'), note }),
      response: threadSchema,
      errors: [404, 409],
      async handler({ ctx, principal, params, body }) {
        return handoff.transfer(params.id, who(principal), body.operator, actorOf(ctx, principal), body.note);
      },
    }),
  ];
}
