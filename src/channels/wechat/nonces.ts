import { createHash } from 'node:crypto';
import { LessThan } from 'typeorm';
import { WeChatNonce } from '../../../entities';
import type { Database, Transaction } from '../../platform/db/database';
import { statements } from '../../platform/db/statements';
import { isUniqueViolation } from '../../platform/db/errors';

/**
 * Signed webhook URLs seen within the timestamp window, in the database so every instance knows them.
 * The plain-mode signature covers only token, timestamp and nonce, so a captured URL would otherwise
 * carry any body for five minutes.
 */
export const webhookNonces = {
  /**
   * Records one signed request; false when the same signed URL came before with another body (a replay).
   * The same body again is WeChat retrying, which the MsgId dedupe answers once. Written in the
   * transaction given (the turn's: see Admission in conversation/service.ts), so a turn that fails
   * leaves the URL unspent, as it leaves the message unstored.
   */
  async firstUse(
    tx: Transaction,
    seen: { channel: string; nonce: string; signedAt: string; body: Buffer; expiresAt: Date },
  ): Promise<boolean> {
    const bodyHash = createHash('sha256').update(seen.body).digest('hex');
    const key = { channel: seen.channel, nonce: seen.nonce, signedAt: seen.signedAt };
    try {
      await statements.insert(tx, WeChatNonce, { ...key, bodyHash, expiresAt: seen.expiresAt });
      return true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // A failed statement leaves the rest of the transaction as it was (MySQL and SQLite alike).
      const earlier = await statements.findOne(tx, WeChatNonce, key);
      return earlier?.bodyHash === bodyHash;
    }
  },

  /** Forgets nonces whose timestamp has left the window (a request with them is refused as stale anyway). */
  async purgeExpired(db: Database, now: Date): Promise<number> {
    const result = await db.transaction((tx) => tx.delete(WeChatNonce, { expiresAt: LessThan(now) }));
    return result.affected ?? 0;
  },
};
