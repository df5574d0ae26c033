import { z } from 'zod';
import type { Database } from '../../platform/db/database';
import { HttpError } from '../../platform/http/errors';
import { publicRoute, type ApiRoute } from '../../platform/http/openapi';
import { chatTokens } from '../webchat/tokens';
import type { WeChatApiClient } from './apiClient';

const loginRequest = z.object({ code: z.string().trim().min(1, 'code from wx.login is required').max(128) });

/**
 * POST /api/v1/auth/miniprogram {code}: a wx.login code becomes a chat token bound to the openid,
 * so the mini-program's chat page and its customer-service messages are one conversation.
 */
export function miniprogramLoginRoutes(deps: { db: Database; client: WeChatApiClient | null; now: () => Date }): ApiRoute[] {
  return [
    publicRoute({
      method: 'post',
      path: '/api/v1/auth/miniprogram',
      operationId: 'miniprogramLogin',
      tag: 'chat',
      summary: 'A wx.login code becomes a chat token bound to the openid: the chat page and customer-service messages are one conversation',
      description: '404 while the mini-program channel is not configured (AppID and AppSecret); 400 when WeChat refuses the code.',
      access: 'public',
      body: loginRequest,
      response: z.object({ token: z.string() }),
      errors: [404, 503],
      async handler({ body }) {
        if (!deps.client)
          throw new HttpError(404, 'channel_not_configured', 'the mini-program channel is not configured (AppID and AppSecret)');
        const session = await deps.client.codeToSession(body.code);
        if (session.status === 'retryable') throw new HttpError(503, 'wechat_unavailable', 'WeChat did not answer, please retry');
        if (session.status === 'failed') throw new HttpError(400, 'invalid_code', 'the login code was refused by WeChat', 'code');
        const issued = await deps.db.transaction((tx) => chatTokens.issue(tx, deps.now(), session.openId, 'wechat-miniprogram'));
        return { token: issued.token };
      },
    }),
  ];
}
