import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ChatToken } from '../../../entities';
import type { Transaction } from '../../db/database';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Web-chat identities: an unguessable bearer token per citizen, only its hash is stored. */
export const chatTokens = {
  async citizenOf(tx: Transaction, token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const row = await tx.findOne(ChatToken, { where: { tokenHash: hashToken(token) } });
    return row?.citizenId ?? null;
  },

  /** Issues a token for an existing citizen id, or for a new anonymous web-chat citizen. */
  async issue(tx: Transaction, now: Date, citizenId = `web:${randomUUID()}`, channel = 'webchat'): Promise<{ token: string; citizenId: string }> {
    const token = randomBytes(32).toString('base64url');
    await tx.insert(ChatToken, { tokenHash: hashToken(token), citizenId, channel, createdAt: now });
    return { token, citizenId };
  },
};
