import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Database } from '../../db/database';
import type { ConversationService } from '../../conversation/service';
import { readJson } from '../../http/body';
import { chatTokens } from './tokens';

const chatRequest = z.object({
  text: z.string({ error: '请输入要咨询的问题' }).trim().min(1, '请输入要咨询的问题').max(1000, '问题太长了，请控制在1000字以内'),
  /** A client-chosen id: a retried POST with the same id is answered once. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must be 1-64 letters, digits, _ or -').optional(),
});

function bearer(ctx: Context): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  return match ? match[1] : null;
}

/** The web-chat JSON channel: POST /api/v1/chat {text} → {token, replies}. */
export function webchatRoutes(deps: { db: Database; conversations: ConversationService; now: () => Date; bodyLimitBytes: number }) {
  const router = new Router();
  router.post('/api/v1/chat', async (ctx) => {
    const body = await readJson(ctx, deps.bodyLimitBytes, chatRequest);
    const presented = bearer(ctx);
    // A missing or unknown token starts a new conversation; it never reaches someone else's.
    const identity = await deps.db.transaction(async (tx) => {
      const known = presented ? await chatTokens.identityOf(tx, presented) : null;
      return known ? { token: presented as string, ...known } : chatTokens.issue(tx, deps.now());
    });
    const result = await deps.conversations.handleInbound({
      channel: identity.channel,
      citizenId: identity.citizenId,
      externalId: body.id ?? randomUUID(),
      kind: 'text',
      text: body.text,
      receivedAt: deps.now(),
    });
    ctx.body = { token: identity.token, replies: result.replies.map((text) => ({ type: 'text', text })) };
  });
  return router;
}
