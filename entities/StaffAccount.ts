import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { JsonColumn, TimestampColumn } from './columns';
import { EncryptedColumn } from './encryption';

/**
 * What a staff account may do. One account may hold several roles.
 * - operator: hotline threads and tickets (12345 热线工单)
 * - disclosure_officer: government-information disclosure requests (依申请公开)
 * - interpreter: knowledge entries (政策解读, 办事指南, 常见问题)
 * - admin: accounts, reports, configuration data, the audit trail
 */
export const ROLES = ['operator', 'disclosure_officer', 'interpreter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A person behind the bot: operators, disclosure officers, interpreters and admins. */
@Entity('staff_account')
@Unique('uq_staff_account_name', ['name'])
export class StaffAccount {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** The login name, also what the audit trail and the knowledge history show. */
  @Column({ type: 'varchar', length: 64 })
  name!: string;

  /** The person's real name: personal data, masked in lists, encrypted at rest. */
  @EncryptedColumn({ name: 'display_name', nullable: true })
  displayName!: string | null;

  /** A contact number: personal data, masked in lists, encrypted at rest. */
  @EncryptedColumn({ nullable: true })
  phone!: string | null;

  @JsonColumn()
  roles!: Role[];

  /** scrypt hash (see src/staff/passwords.ts); null for accounts that only use API tokens. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  /** Failed password logins since the last success, counted within the lock-out window. */
  @Column({ name: 'failed_logins', type: 'integer' })
  failedLogins!: number;

  @TimestampColumn({ name: 'last_failed_login_at', nullable: true })
  lastFailedLoginAt!: Date | null;

  /** Password logins are refused until then, even with the right password. */
  @TimestampColumn({ name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;

  /** A disabled account is refused at once, whatever token it presents. */
  @TimestampColumn({ name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
