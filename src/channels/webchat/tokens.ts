import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ChatToken } from '../../../entities';
import type { Context } from 'koa';
import type { Transaction } from '../../db/database';
import { bearerToken } from '../../http/bearer';
import { HttpError } from '../../http/errors';
import type { ChannelName } from '../inboundMessage';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Chat identities: an unguessable bearer token per citizen, only its hash is stored. A token from
 * the mini-program login is bound to the openid, so the chat page and customer-service messages
 * are one conversation.
 */
export const chatTokens = {
  async identityOf(tx: Transaction, token: string): Promise<{ citizenId: string; channel: ChannelName } | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const row = await tx.findOne(ChatToken, { where: { tokenHash: hashToken(token) } });
    return row ? { citizenId: row.citizenId, channel: row.channel as ChannelName } : null;
  },

  /** Issues a token for an existing citizen id, or for a new anonymous web-chat citizen. */
  async issue(tx: Transaction, now: Date, citizenId = `web:${randomUUID()}`, channel: ChannelName = 'webchat'): Promise<{ token: string; citizenId: string; channel: ChannelName }> {
    const token = randomBytes(32).toString('base64url');
    await tx.insert(ChatToken, { tokenHash: hashToken(token), citizenId, channel, createdAt: now });
    return { token, citizenId, channel };
  },
};

/**
 * The citizen behind a request's chat token (web chat, or the mini-program login): the same
 * identity as their chat, so forms and chat see the same cases. 401 without a valid token.
 */
export function requireCitizen(ctx: Context, tx: Transaction): Promise<{ channel: ChannelName; citizenId: string }> {
  const token = bearerToken(ctx);
  return (token ? chatTokens.identityOf(tx, token) : Promise.resolve(null)).then((identity) => {
    if (!identity) {
      ctx.set('WWW-Authenticate', 'Bearer realm="wenzheng-chat"');
      throw new HttpError(401, 'invalid_token', '请先登录或发送一条消息以开始会话');
    }
    return identity;
  });
}
