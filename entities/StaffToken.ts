import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/** `api`: long-lived, from the CLI, valid until rotated; `session`: from a password login, expires. */
export type StaffTokenKind = 'api' | 'session';

/** A staff bearer token, stored as its SHA-256 only. */
@Entity('staff_token')
@Index('ix_staff_token_account', ['staffId'])
export class StaffToken {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'staff_id', type: 'integer' })
  staffId!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: StaffTokenKind;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;

  /** Null for API tokens: they last until rotated or the account is disabled. */
  @TimestampColumn({ name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @TimestampColumn({ name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
