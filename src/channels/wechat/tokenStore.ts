import { randomUUID } from 'node:crypto';
import { WeChatAccessToken } from '../../../entities/WeChatAccessToken';
import type { Database } from '../../platform/db/database';
import type { AccessTokenStore, StoredAccessToken } from './apiClient';

const LOCK_MS = 30_000;
const WAIT_STEP_MS = 50;
const WAIT_LIMIT_MS = 15_000;

/** Access tokens in the database: every instance uses the same token and one refreshes it at a time. */
export class DatabaseAccessTokenStore implements AccessTokenStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(appId: string): Promise<StoredAccessToken | null> {
    const row = await this.db.transaction((tx) => tx.findOne(WeChatAccessToken, { where: { appId } }));
    return row?.token && row.expiresAt ? { token: row.token, expiresAt: row.expiresAt } : null;
  }

  async save(appId: string, token: string, expiresAt: Date): Promise<void> {
    await this.ensureRow(appId);
    await this.db.transaction((tx) => tx.update(WeChatAccessToken, { appId }, { token, expiresAt }));
  }

  async forget(appId: string, token: string): Promise<void> {
    await this.db.transaction((tx) => tx.update(WeChatAccessToken, { appId, token }, { token: null, expiresAt: null }));
  }

  async withRefreshLock<T>(appId: string, fn: () => Promise<T>): Promise<T> {
    await this.ensureRow(appId);
    const owner = randomUUID();
    const giveUpAt = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const at = this.now();
      const taken = await this.db.transaction((tx) =>
        tx
          .createQueryBuilder()
          .update(WeChatAccessToken)
          .set({ lockOwner: owner, lockUntil: new Date(at.getTime() + LOCK_MS) })
          .where('app_id = :appId AND (lock_until IS NULL OR lock_until < :at)', { appId, at })
          .execute(),
      );
      if (taken.affected === 1) break;
      if (Date.now() > giveUpAt) throw new Error(`timed out waiting for the access-token refresh lock of ${appId}`);
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
    try {
      return await fn();
    } finally {
      await this.db.transaction((tx) => tx.update(WeChatAccessToken, { appId, lockOwner: owner }, { lockOwner: null, lockUntil: null }));
    }
  }

  private async ensureRow(appId: string): Promise<void> {
    // One INSERT … IGNORE: concurrent first callers neither race between a read and an insert nor deadlock on the key (MariaDB).
    await this.db.eachStatement((tx) =>
      tx
        .createQueryBuilder()
        .insert()
        .into(WeChatAccessToken)
        .values({ appId, token: null, expiresAt: null, lockOwner: null, lockUntil: null })
        .orIgnore()
        .execute(),
    );
  }
}
