import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../platform/db/database';
import type { ConversationService } from '../../conversation/service';
import { conversations, messages } from '../../conversation/repositories';
import { bearerToken } from '../../platform/http/bearer';
import { instant, type ApiRoute } from '../../platform/http/openapi';
import { HttpError } from '../../platform/http/errors';
import type { FloodGuard, RateLimiter } from '../../platform/http/rateLimit';
import { chatTokens, citizenRoute, publicOrCitizenRoute } from './tokens';

const chatRequest = z.object({
  // As long as the longest form answer (a 12345 or disclosure description, 2000 characters): a form asks for it here.
  text: z.string({ error: '请输入要咨询的问题' }).trim().min(1, '请输入要咨询的问题').max(2000, '消息太长了，请控制在2000字以内'),
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must be 1-64 letters, digits, _ or -')
    .optional()
    .describe(
      'chosen by the client: a retried POST with the same id and text is answered once; the same id with another text is refused with 409 naming `id`',
    ),
});

const pullQuery = z.object({
  after: z.coerce.number().int().min(0, 'after must be a message id').default(0).describe('the last message id seen (0: from the start)'),
});

/** The web-chat JSON channel: POST /api/v1/chat {text} → {token, replies}. */
export function webchatRoutes(deps: {
  db: Database;
  service: ConversationService;
  floodGuard: FloodGuard;
  now: () => Date;
  tokenDays: number;
  newTokens: RateLimiter;
}): ApiRoute[] {
  return [
    publicOrCitizenRoute({
      method: 'post',
      path: '/api/v1/chat',
      operationId: 'chat',
      tag: 'chat',
      summary: 'Ask the bot: the answer comes back with the chat token that continues this conversation',
      description:
        'Without a chat token a new conversation starts, with a new token. A token that is wrong or no longer valid is refused with 401 `invalid_token` (never a silent new conversation): the client drops it and sends again without one. Past the per-citizen flood limit the message is not taken: the reply says so and asks to send it again later, with Retry-After.',
      access: 'publicOrCitizen',
      body: chatRequest,
      errors: [409],
      response: z.object({ token: z.string(), replies: z.array(z.object({ type: z.literal('text'), text: z.string() })) }),
      async handler({ ctx, principal, body }) {
        if (!principal) {
          // Each new token is a new citizen: one address may start only so many conversations an hour.
          const issuing = await deps.newTokens.hit(ctx.ip);
          if (!issuing.allowed) {
            ctx.set('Retry-After', String(issuing.retryAfterSeconds));
            throw new HttpError(429, 'too_many_conversations', '新会话太多，请稍后再试或继续使用原来的会话');
          }
        }
        const identity = principal
          ? { token: bearerToken(ctx) as string, ...principal }
          : await deps.db.transaction((tx) => chatTokens.issue(tx, deps.now()));
        // A flood is neither stored nor answered; the reply says so honestly. Counted in the turn's transaction.
        const result = await deps.service.handleAdmitted(
          {
            channel: identity.channel,
            citizenId: identity.citizenId,
            externalId: body.id ?? randomUUID(),
            kind: 'text',
            text: body.text,
            receivedAt: deps.now(),
          },
          async (_tx, citizen) => deps.floodGuard(citizen),
        );
        if ('refused' in result) {
          const { reply, retryAfterSeconds } = result.refused;
          ctx.set('Retry-After', String(retryAfterSeconds ?? 0));
          return { token: identity.token, replies: reply ? [{ type: 'text' as const, text: reply }] : [] };
        }
        return { token: identity.token, replies: result.replies.map((text) => ({ type: 'text' as const, text })) };
      },
    }),
    citizenRoute({
      method: 'post',
      path: '/api/v1/chat/logout',
      operationId: 'chatLogout',
      tag: 'chat',
      summary: 'Revoke this chat token (a shared computer, a lost phone): it opens nothing any more',
      access: 'citizen',
      response: z.object({ revoked: z.literal(true) }),
      async handler({ ctx }) {
        await deps.db.transaction((tx) => chatTokens.revoke(tx, bearerToken(ctx) as string));
        return { revoked: true as const };
      },
    }),
    citizenRoute({
      method: 'get',
      path: '/api/v1/chat/messages',
      operationId: 'chatMessages',
      tag: 'chat',
      summary: 'What operators and status notices said since `after`: a browser widget polls this',
      access: 'citizen',
      query: pullQuery,
      response: z.object({
        messages: z.array(
          z.object({
            id: z.number().int(),
            author: z.enum(['citizen', 'bot', 'operator', 'system']),
            type: z.literal('text'),
            text: z.string(),
            at: instant,
          }),
        ),
      }),
      async handler({ principal, query }) {
        const found = await deps.db.transaction(async (tx) => {
          const conversation = await conversations.findByCitizen(tx, principal.channel, principal.citizenId);
          return conversation ? messages.pushedAfter(tx, conversation.id, query.after) : [];
        });
        return {
          messages: found.map((m) => ({ id: m.id, author: m.author, type: 'text' as const, text: m.text, at: m.createdAt.toISOString() })),
        };
      },
    }),
  ];
}
