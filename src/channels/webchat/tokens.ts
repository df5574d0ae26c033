import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ChatToken } from '../../../entities';
import type { Context } from 'koa';
import type { Database, Transaction } from '../../platform/db/database';
import { bearerToken } from '../../platform/http/bearer';
import { HttpError } from '../../platform/http/errors';
import { routeBuilder, type ApiRouterOptions } from '../../platform/http/openapi';
import type { ChannelName } from '../../dialogue/inboundMessage';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Who a chat token stands for: the citizen on the channel their conversation is on. */
export interface CitizenIdentity {
  channel: ChannelName;
  citizenId: string;
}

/**
 * Chat identities: an unguessable bearer token per citizen, only its hash is stored. A token from
 * the mini-program login is bound to the openid, so the chat page and customer-service messages
 * are one conversation.
 */
export const chatTokens = {
  /** The citizen of a token issued less than `maxDays` days ago and not revoked. */
  async identityOf(tx: Transaction, token: string, now: Date, maxDays: number): Promise<CitizenIdentity | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const row = await tx.findOne(ChatToken, { where: { tokenHash: hashToken(token) } });
    if (!row || row.createdAt.getTime() <= now.getTime() - maxDays * 86_400_000) return null;
    return { citizenId: row.citizenId, channel: row.channel as ChannelName };
  },

  /** Revokes one token (the citizen's logout); the conversation stays, reachable by no token. */
  async revoke(tx: Transaction, token: string): Promise<void> {
    await tx.delete(ChatToken, { tokenHash: hashToken(token) });
  },

  /** Issues a token for an existing citizen id, or for a new anonymous web-chat citizen. */
  async issue(
    tx: Transaction,
    now: Date,
    citizenId = `web:${randomUUID()}`,
    channel: ChannelName = 'webchat',
  ): Promise<{ token: string; citizenId: string; channel: ChannelName }> {
    const token = randomBytes(32).toString('base64url');
    await tx.insert(ChatToken, { tokenHash: hashToken(token), citizenId, channel, createdAt: now });
    return { token, citizenId, channel };
  },
};

/** Routes a chat token must call; the handler gets the citizen. */
export const citizenRoute = routeBuilder<CitizenIdentity>();
/**
 * Routes anyone may call without a token (the handler gets null); a token that came along must be
 * valid, or the answer is 401 invalid_token: the client starts over knowingly, never silently.
 */
export const publicOrCitizenRoute = routeBuilder<CitizenIdentity | null>();

/**
 * How the API router knows citizens: by the chat token of the web chat or the mini-program
 * login, the same identity as their chat, so forms and chat see the same cases.
 */
export function citizenAuthenticators(
  db: Database,
  now: () => Date,
  tokenDays: number,
): Pick<ApiRouterOptions, 'authenticateCitizen' | 'identifyCitizen'> {
  const identify = (ctx: Context): Promise<CitizenIdentity | null> => {
    const token = bearerToken(ctx);
    // One read: on MySQL a statement of its own (one round trip, not START, SELECT and COMMIT).
    return token ? db.eachStatement((tx) => chatTokens.identityOf(tx, token, now(), tokenDays)) : Promise.resolve(null);
  };
  const refuse = (ctx: Context, message: string): never => {
    // RFC 6750: the error attribute only when a token was sent.
    ctx.set('WWW-Authenticate', `Bearer realm="wenzheng-chat"${bearerToken(ctx) ? ', error="invalid_token"' : ''}`);
    throw new HttpError(401, 'invalid_token', message);
  };
  return {
    async identifyCitizen(ctx) {
      const identity = await identify(ctx);
      if (!identity && bearerToken(ctx)) return refuse(ctx, '会话已失效，请不带令牌重新发送以开始新的会话');
      return identity;
    },
    async authenticateCitizen(ctx) {
      const identity = await identify(ctx);
      if (!identity) return refuse(ctx, '请先登录或发送一条消息以开始会话');
      return identity;
    },
  };
}
