import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import { z } from 'zod';
import type { Database } from '../../db/database';
import type { ConversationService } from '../../conversation/service';
import { conversations, messages } from '../../conversation/repositories';
import { bearerToken } from '../../http/bearer';
import { readJson } from '../../http/body';
import type { FloodGuard } from '../../http/rateLimit';
import { HttpError } from '../../http/errors';
import { chatTokens } from './tokens';

const chatRequest = z.object({
  text: z.string({ error: '请输入要咨询的问题' }).trim().min(1, '请输入要咨询的问题').max(1000, '问题太长了，请控制在1000字以内'),
  /** A client-chosen id: a retried POST with the same id is answered once. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must be 1-64 letters, digits, _ or -').optional(),
});

const pullQuery = z.object({ after: z.coerce.number().int().min(0, 'after must be a message id').default(0) });

/** The web-chat JSON channel: POST /api/v1/chat {text} → {token, replies}. */
export function webchatRoutes(deps: { db: Database; service: ConversationService; floodGuard: FloodGuard; now: () => Date; bodyLimitBytes: number }) {
  const router = new Router();
  router.post('/api/v1/chat', async (ctx) => {
    const body = await readJson(ctx, deps.bodyLimitBytes, chatRequest);
    const presented = bearerToken(ctx);
    // A missing or unknown token starts a new conversation; it never reaches someone else's.
    const identity = await deps.db.transaction(async (tx) => {
      const known = presented ? await chatTokens.identityOf(tx, presented) : null;
      return known ? { token: presented as string, ...known } : chatTokens.issue(tx, deps.now());
    });
    // A flood gets a polite word and no processing.
    const flood = deps.floodGuard.check(identity.channel, identity.citizenId);
    if (!flood.allowed) {
      ctx.set('Retry-After', String(flood.retryAfterSeconds));
      ctx.body = { token: identity.token, replies: [{ type: 'text', text: flood.reply }] };
      return;
    }
    const result = await deps.service.handleInbound({
      channel: identity.channel,
      citizenId: identity.citizenId,
      externalId: body.id ?? randomUUID(),
      kind: 'text',
      text: body.text,
      receivedAt: deps.now(),
    });
    ctx.body = { token: identity.token, replies: result.replies.map((text) => ({ type: 'text', text })) };
  });

  // What operators and status notices said since `after`: a browser widget polls this.
  router.get('/api/v1/chat/messages', async (ctx) => {
    const { after } = pullQuery.parse(ctx.query);
    const presented = bearerToken(ctx);
    const found = await deps.db.transaction(async (tx) => {
      const identity = presented ? await chatTokens.identityOf(tx, presented) : null;
      if (!identity) return null;
      const conversation = await conversations.findByCitizen(tx, identity.channel, identity.citizenId);
      return conversation ? messages.pushedAfter(tx, conversation.id, after) : [];
    });
    if (!found) throw new HttpError(401, 'invalid_token', '请先发送一条消息以开始会话');
    ctx.body = { messages: found.map((m) => ({ id: m.id, author: m.author, type: 'text', text: m.text, at: m.createdAt.toISOString() })) };
  });
  return router;
}
