import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TimestampColumn } from './columns';

/** pending → sent | undeliverable (the platform refuses it for good) | failed (gave up after retries). */
export type OutboxStatus = 'pending' | 'sent' | 'undeliverable' | 'failed';

/**
 * A message to a citizen that is not a passive reply (operator replies, notifications, late
 * answers): written first, then sent by the outbox worker, so a crash in between loses nothing.
 */
@Entity('outbox_message')
@Unique('uq_outbox_dedupe', ['dedupeKey'])
@Index('ix_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** What makes a resend the same message (e.g. `reply:<message id>`): written twice, stored once. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 191 })
  dedupeKey!: string;

  @Column({ type: 'varchar', length: 32 })
  channel!: string;

  @Column({ name: 'citizen_id', type: 'varchar', length: 128 })
  citizenId!: string;

  @Column({ name: 'conversation_id', type: 'varchar', length: 36, nullable: true })
  conversationId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OutboxStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @TimestampColumn({ name: 'next_attempt_at' })
  nextAttemptAt!: Date;

  /** A worker's lease: another instance leaves the row alone until it runs out. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy!: string | null;

  @TimestampColumn({ name: 'claimed_until', nullable: true })
  claimedUntil!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;

  @TimestampColumn({ name: 'sent_at', nullable: true })
  sentAt!: Date | null;
}
