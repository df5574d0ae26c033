import { IsNull, MoreThan, Not } from 'typeorm';
import { StaffAccount, StaffToken } from '../../entities';
import type { StaffTokenKind } from '../../entities/StaffToken';
import type { Transaction } from '../platform/db/database';
import type { Role } from '../../entities/StaffAccount';
import { hashStaffToken, isStaffTokenShape, newStaffToken } from './tokens';

export const staffAccounts = {
  byName(tx: Transaction, name: string): Promise<StaffAccount | null> {
    return tx.findOne(StaffAccount, { where: { name } });
  },

  byId(tx: Transaction, id: number): Promise<StaffAccount | null> {
    return tx.findOne(StaffAccount, { where: { id } });
  },

  list(tx: Transaction): Promise<StaffAccount[]> {
    return tx.find(StaffAccount, { order: { name: 'ASC' } });
  },

  async create(
    tx: Transaction,
    account: { name: string; roles: Role[]; displayName: string | null; phone: string | null; passwordHash: string | null },
    now: Date,
  ): Promise<StaffAccount> {
    const row = tx.create(StaffAccount, {
      ...account,
      failedLogins: 0,
      lastFailedLoginAt: null,
      lockedUntil: null,
      disabledAt: null,
      createdAt: now,
      updatedAt: now,
    });
    return tx.save(StaffAccount, row);
  },

  async update(
    tx: Transaction,
    id: number,
    changes: Partial<
      Pick<StaffAccount, 'roles' | 'displayName' | 'phone' | 'passwordHash' | 'disabledAt' | 'lockedUntil' | 'failedLogins'>
    >,
    now: Date,
  ): Promise<void> {
    await tx.update(StaffAccount, { id }, { ...changes, roles: changes.roles as never, updatedAt: now });
  },

  /**
   * Counts a failed password login atomically (concurrent failures on several instances all
   * count); a count from before `windowStart` starts over. Returns the new count.
   */
  async recordLoginFailure(tx: Transaction, id: number, now: Date, windowStart: Date): Promise<number> {
    await tx
      .createQueryBuilder()
      .update(StaffAccount)
      .set({
        failedLogins: () =>
          'CASE WHEN last_failed_login_at IS NULL OR last_failed_login_at < :windowStart THEN 1 ELSE failed_logins + 1 END',
        lastFailedLoginAt: now,
      })
      .where('id = :id', { id, windowStart })
      .execute();
    const row = await tx.findOne(StaffAccount, { where: { id }, select: { id: true, failedLogins: true } });
    return row?.failedLogins ?? 0;
  },

  async lockUntil(tx: Transaction, id: number, until: Date): Promise<void> {
    await tx.update(StaffAccount, { id }, { lockedUntil: until });
  },

  async clearLoginFailures(tx: Transaction, id: number): Promise<void> {
    await tx.update(StaffAccount, { id }, { failedLogins: 0, lastFailedLoginAt: null, lockedUntil: null });
  },
};

export interface ResolvedToken {
  token: StaffToken;
  account: StaffAccount;
}

export const staffTokens = {
  /** Issues a token; only its hash is stored, the token itself is returned once. */
  async issue(tx: Transaction, staffId: number, kind: StaffTokenKind, now: Date, expiresAt: Date | null): Promise<string> {
    const token = newStaffToken();
    await tx.insert(StaffToken, { tokenHash: hashStaffToken(token), staffId, kind, createdAt: now, expiresAt, revokedAt: null });
    return token;
  },

  /** The stored token and its account, whatever their state: the caller decides what is valid. */
  async resolve(tx: Transaction, token: string): Promise<ResolvedToken | null> {
    if (!isStaffTokenShape(token)) return null;
    const row = await tx.findOne(StaffToken, { where: { tokenHash: hashStaffToken(token) } });
    if (!row) return null;
    const account = await tx.findOne(StaffAccount, { where: { id: row.staffId } });
    return account ? { token: row, account } : null;
  },

  /** Revokes the account's live tokens, of one kind or all, except perhaps one; returns how many. */
  async revokeAll(tx: Transaction, staffId: number, now: Date, kind?: StaffTokenKind, exceptHash?: string): Promise<number> {
    const result = await tx.update(
      StaffToken,
      { staffId, revokedAt: IsNull(), ...(kind ? { kind } : {}), ...(exceptHash ? { tokenHash: Not(exceptHash) } : {}) },
      { revokedAt: now },
    );
    return result.affected ?? 0;
  },

  /** The accounts with a login session (console) still open at `now`: who is signed in. */
  async signedIn(tx: Transaction, now: Date): Promise<Set<number>> {
    const rows = await tx.find(StaffToken, {
      where: { kind: 'session', revokedAt: IsNull(), expiresAt: MoreThan(now) },
      select: { staffId: true },
    });
    return new Set(rows.map((r) => r.staffId));
  },

  async revoke(tx: Transaction, tokenHash: string, now: Date): Promise<void> {
    await tx.update(StaffToken, { tokenHash, revokedAt: IsNull() }, { revokedAt: now });
  },
};
