import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TimestampColumn } from './columns';

/** waiting in the operators' queue → held by one operator → closed (for one of CLOSE_REASONS). */
export const THREAD_STATUSES = ['waiting', 'held', 'closed'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];
/** released (by the operator), idle (timed out), dismissed (closed unclaimed), cancelled (by the citizen while waiting). */
export const CLOSE_REASONS = ['released', 'idle', 'dismissed', 'cancelled'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/**
 * A conversation escalated to a human (人工客服): from the request until an operator releases it.
 * A conversation has at most one open thread: `open_key` holds its id while the thread is open and
 * is NULL once closed, and a unique constraint on it makes a repeated request find the open one.
 */
@Entity('handoff_thread')
@Unique('uq_handoff_thread_open', ['openKey'])
@Index('ix_handoff_thread_conversation', ['conversationId'])
@Index('ix_handoff_thread_status', ['status', 'requestedAt'])
export class HandoffThread {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'conversation_id', type: 'varchar', length: 36 })
  conversationId!: string;

  @Column({ name: 'open_key', type: 'varchar', length: 36, nullable: true })
  openKey!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ThreadStatus;

  /** Why: the citizen asked (human), the bot gave up (fallback), a ticket outside hours … */
  @Column({ type: 'varchar', length: 32 })
  reason!: string;

  /** What the citizen last asked before the request, for the queue. */
  @Column({ name: 'last_question', type: 'text', nullable: true })
  lastQuestion!: string | null;

  /** How many of the citizen's recent messages the bot could not answer before the request. */
  @Column({ name: 'bot_attempts', type: 'integer' })
  botAttempts!: number;

  @Column({ name: 'within_service_hours', type: 'boolean' })
  withinServiceHours!: boolean;

  /** A ticket opened in this thread (e.g. outside service hours). */
  @Column({ name: 'ticket_number', type: 'varchar', length: 24, nullable: true })
  ticketNumber!: string | null;

  /** The operator holding the thread (staff account name). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  operator!: string | null;

  @Column({ name: 'operator_id', type: 'integer', nullable: true })
  operatorId!: number | null;

  @TimestampColumn({ name: 'requested_at' })
  requestedAt!: Date;

  @TimestampColumn({ name: 'claimed_at', nullable: true })
  claimedAt!: Date | null;

  @TimestampColumn({ name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'close_reason', type: 'varchar', length: 16, nullable: true })
  closeReason!: CloseReason | null;

  /** Last operator action on the thread; the idle timeout also looks at the conversation's activity. */
  @TimestampColumn({ name: 'last_activity_at' })
  lastActivityAt!: Date;

  @Column({ type: 'integer' })
  version!: number;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
