import { createHash } from 'node:crypto';
import { LessThan } from 'typeorm';
import { WeChatNonce } from '../../../entities';
import type { Database } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';

/**
 * Signed webhook URLs seen within the timestamp window, in the database so every instance knows them.
 * The plain-mode signature covers only token, timestamp and nonce, so a captured URL would otherwise
 * carry any body for five minutes.
 */
export const webhookNonces = {
  /**
   * Records one signed request; false when the same signed URL came before with another body (a replay).
   * The same body again is WeChat retrying, which the MsgId dedupe answers once.
   */
  async firstUse(
    db: Database,
    seen: { channel: string; nonce: string; signedAt: string; body: Buffer; expiresAt: Date },
  ): Promise<boolean> {
    const bodyHash = createHash('sha256').update(seen.body).digest('hex');
    const key = { channel: seen.channel, nonce: seen.nonce, signedAt: seen.signedAt };
    try {
      await db.eachStatement((tx) => tx.insert(WeChatNonce, { ...key, bodyHash, expiresAt: seen.expiresAt }));
      return true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const earlier = await db.eachStatement((tx) => tx.findOne(WeChatNonce, { where: key }));
      return earlier?.bodyHash === bodyHash;
    }
  },

  /** Forgets nonces whose timestamp has left the window (a request with them is refused as stale anyway). */
  async purgeExpired(db: Database, now: Date): Promise<number> {
    const result = await db.transaction((tx) => tx.delete(WeChatNonce, { expiresAt: LessThan(now) }));
    return result.affected ?? 0;
  },
};
