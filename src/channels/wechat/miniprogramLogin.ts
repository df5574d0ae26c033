import Router from '@koa/router';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { readJson } from '../../http/body';
import { HttpError } from '../../http/errors';
import { chatTokens } from '../webchat/tokens';
import type { WeChatApiClient } from './apiClient';

const loginRequest = z.object({ code: z.string().trim().min(1, 'code from wx.login is required').max(128) });

/**
 * POST /api/v1/auth/miniprogram {code}: a wx.login code becomes a chat token bound to the openid,
 * so the mini-program's chat page and its customer-service messages are one conversation.
 */
export function miniprogramLoginRoutes(deps: { db: Database; client: WeChatApiClient | null; now: () => Date; bodyLimitBytes: number }) {
  const router = new Router();
  router.post('/api/v1/auth/miniprogram', async (ctx) => {
    if (!deps.client) throw new HttpError(404, 'channel_not_configured', 'the mini-program channel is not configured (AppID and AppSecret)');
    const { code } = await readJson(ctx, deps.bodyLimitBytes, loginRequest);
    const session = await deps.client.codeToSession(code);
    if (session.status === 'retryable') throw new HttpError(503, 'wechat_unavailable', 'WeChat did not answer, please retry');
    if (session.status === 'failed') throw new HttpError(400, 'invalid_code', 'the login code was refused by WeChat', 'code');
    const issued = await deps.db.transaction((tx) => chatTokens.issue(tx, deps.now(), session.openId, 'wechat-miniprogram'));
    ctx.body = { token: issued.token };
  });
  return router;
}
