import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ChatToken } from '../../../entities';
import type { Transaction } from '../../db/database';
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
