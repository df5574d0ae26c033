import type { StaffAccount } from '../../entities';
import { auditLog, type AuditActor } from './audit/repository';
import type { Database, Transaction } from '../platform/db/database';
import { isUniqueViolation } from '../platform/db/errors';
import { DomainError } from '../platform/domainError';
import { hashPassword } from './passwords';
import { staffAccounts, staffTokens } from './repository';
import { ROLES, type Role } from '../../entities/StaffAccount';

/** What the API and the CLI show of an account; personal fields are masked by the caller. */
export interface StaffView {
  name: string;
  displayName: string | null;
  phone: string | null;
  roles: Role[];
  hasPassword: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export function staffView(account: StaffAccount, now: Date): StaffView {
  return {
    name: account.name,
    displayName: account.displayName,
    phone: account.phone,
    roles: ROLES.filter((role) => account.roles.includes(role)),
    hasPassword: account.passwordHash !== null,
    disabled: account.disabledAt !== null,
    lockedUntil: account.lockedUntil && account.lockedUntil > now ? account.lockedUntil.toISOString() : null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}

export interface NewStaffAccount {
  name: string;
  roles: Role[];
  displayName?: string | null;
  phone?: string | null;
  password?: string | null;
}

export interface StaffChanges {
  roles?: Role[];
  displayName?: string | null;
  phone?: string | null;
  /** A new password; null removes password login (API tokens only). */
  password?: string | null;
  disabled?: boolean;
}

const uniqueRoles = (roles: readonly Role[]) => ROLES.filter((role) => roles.includes(role));

async function accountOr404(tx: Transaction, name: string): Promise<StaffAccount> {
  const account = await staffAccounts.byName(tx, name);
  if (!account) throw new DomainError('notFound', 'staff_not_found', `no staff account "${name}"`);
  return account;
}

/** Refuses a change that would leave no enabled admin: nobody could manage accounts any more over the API. */
async function guardLastAdmin(tx: Transaction, account: StaffAccount, after: { roles: Role[]; disabled: boolean }): Promise<void> {
  const wasAdmin = account.roles.includes('admin') && account.disabledAt === null;
  if (!wasAdmin || (after.roles.includes('admin') && !after.disabled)) return;
  const others = (await staffAccounts.list(tx)).filter((a) => a.id !== account.id && a.disabledAt === null && a.roles.includes('admin'));
  if (others.length === 0)
    throw new DomainError('conflict', 'last_admin', 'this is the last enabled admin account; add another admin first');
}

/**
 * Account management, shared by the staff API and `wenzheng staff`: every change is audited in
 * the same transaction, and disabling or rotating revokes tokens at once.
 */
export const staffService = {
  async list(db: Database): Promise<StaffAccount[]> {
    return db.transaction((tx) => staffAccounts.list(tx));
  },

  async get(db: Database, name: string): Promise<StaffAccount> {
    return db.transaction((tx) => accountOr404(tx, name));
  },

  /** Creates the account with a fresh API token, returned once. */
  async create(db: Database, input: NewStaffAccount, who: AuditActor, now: Date): Promise<{ account: StaffAccount; token: string }> {
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    try {
      return await db.transaction(async (tx) => {
        if (await staffAccounts.byName(tx, input.name))
          throw new DomainError('conflict', 'staff_exists', `a staff account "${input.name}" exists already`);
        const roles = uniqueRoles(input.roles);
        const account = await staffAccounts.create(
          tx,
          { name: input.name, roles, displayName: input.displayName ?? null, phone: input.phone ?? null, passwordHash },
          now,
        );
        const token = await staffTokens.issue(tx, account.id, 'api', now, null);
        await auditLog.record(
          tx,
          who,
          { action: 'staff.create', objectType: 'staff', objectId: account.name, details: { roles, hasPassword: passwordHash !== null } },
          now,
        );
        return { account, token };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('conflict', 'staff_exists', `a staff account "${input.name}" exists already`);
      throw err;
    }
  },

  async update(
    db: Database,
    name: string,
    changes: StaffChanges,
    who: AuditActor,
    now: Date,
    options: { guardLastAdmin?: boolean } = {},
  ): Promise<StaffAccount> {
    const passwordHash = changes.password ? await hashPassword(changes.password) : changes.password;
    return db.transaction(async (tx) => {
      const account = await accountOr404(tx, name);
      const roles = changes.roles ? uniqueRoles(changes.roles) : account.roles;
      const disabled = changes.disabled ?? account.disabledAt !== null;
      if (options.guardLastAdmin) await guardLastAdmin(tx, account, { roles, disabled });

      const changed: string[] = [];
      const update: Parameters<typeof staffAccounts.update>[2] = {};
      if (changes.roles && roles.join() !== account.roles.join()) {
        update.roles = roles;
        changed.push('roles');
      }
      if (changes.displayName !== undefined && changes.displayName !== account.displayName) {
        update.displayName = changes.displayName;
        changed.push('displayName');
      }
      if (changes.phone !== undefined && changes.phone !== account.phone) {
        update.phone = changes.phone;
        changed.push('phone');
      }
      if (passwordHash !== undefined) {
        update.passwordHash = passwordHash;
        // A password set by an admin also lifts a lock-out.
        Object.assign(update, { failedLogins: 0, lockedUntil: null });
        changed.push('password');
      }
      if (changed.length) {
        await staffAccounts.update(tx, account.id, update, now);
        await auditLog.record(
          tx,
          who,
          {
            action: 'staff.update',
            objectType: 'staff',
            objectId: account.name,
            details: { changed, ...(update.roles ? { rolesBefore: account.roles, rolesAfter: roles } : {}) },
          },
          now,
        );
      }
      // A new or removed password ends the sessions opened with the old one.
      if (passwordHash !== undefined) await staffTokens.revokeAll(tx, account.id, now, 'session');
      if (disabled !== (account.disabledAt !== null)) {
        await staffAccounts.update(tx, account.id, { disabledAt: disabled ? now : null }, now);
        const revoked = disabled ? await staffTokens.revokeAll(tx, account.id, now) : 0;
        await auditLog.record(
          tx,
          who,
          {
            action: disabled ? 'staff.disable' : 'staff.enable',
            objectType: 'staff',
            objectId: account.name,
            details: disabled ? { revokedTokens: revoked } : null,
          },
          now,
        );
      }
      return accountOr404(tx, name);
    });
  },

  /** Revokes every API token of the account and issues a new one, returned once. */
  async rotateToken(db: Database, name: string, who: AuditActor, now: Date): Promise<string> {
    return db.transaction(async (tx) => {
      const account = await accountOr404(tx, name);
      if (account.disabledAt) throw new DomainError('conflict', 'staff_disabled', `staff account "${name}" is disabled; enable it first`);
      const revoked = await staffTokens.revokeAll(tx, account.id, now, 'api');
      const token = await staffTokens.issue(tx, account.id, 'api', now, null);
      await auditLog.record(
        tx,
        who,
        { action: 'staff.token-rotate', objectType: 'staff', objectId: account.name, details: { revokedTokens: revoked } },
        now,
      );
      return token;
    });
  },
};
