import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { EncryptedColumn } from './encryption';
import { TimestampColumn } from './columns';

/**
 * 受理 accepted → 派单 dispatched → 办理中 handling (the department signed for it) → 已答复 replied
 * → 回访 callback → 办结 closed; a reopened ticket goes back to handling.
 */
export type TicketStatus = 'accepted' | 'dispatched' | 'handling' | 'replied' | 'callback' | 'closed';
/** How the ticket came in: the chat intake, the citizen API's form, or an operator on a thread. */
export const TICKET_VIAS = ['chat', 'form', 'operator'] as const;
export type TicketVia = (typeof TICKET_VIAS)[number];
export type TicketRating = 'satisfied' | 'basicallySatisfied' | 'dissatisfied';
/** What the 回访 found: did the citizen confirm the matter resolved (解决率)? */
export const TICKET_RESOLUTIONS = ['resolved', 'unresolved'] as const;
export type TicketResolution = (typeof TICKET_RESOLUTIONS)[number];

/** A 12345 hotline case (工单), tracked until the citizen has rated the result. */
@Entity('hotline_ticket')
@Unique('uq_hotline_ticket_number', ['number'])
@Index('ix_hotline_ticket_citizen', ['channel', 'citizenId'])
@Index('ix_hotline_ticket_status', ['status', 'dueAt'])
@Index('ix_hotline_ticket_accepted', ['acceptedAt'])
export class HotlineTicket {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** What the citizen quotes: 12345-<acceptance year>-<6-digit sequence of that year>, e.g. 12345-2026-000123. */
  @Column({ type: 'varchar', length: 24 })
  number!: string;

  /** Category code (consultation, help, complaint, report, suggestion, or a configured one). */
  @Column({ type: 'varchar', length: 40 })
  category!: string;

  /** Urgency code from config/hotline-sla.yaml; with the category it sets the time limits. */
  @Column({ type: 'varchar', length: 40 })
  urgency!: string;

  @Column({ type: 'text' })
  content!: string;

  /** Address or district: personal data, masked in lists, encrypted at rest. */
  @EncryptedColumn({ nullable: true })
  location!: string | null;

  /** Contact number: personal data, masked in lists, encrypted at rest; null for an anonymous 举报. */
  @EncryptedColumn({ nullable: true })
  phone!: string | null;

  /** An anonymous 举报: the department's view never shows who reported. */
  @Column({ type: 'boolean' })
  anonymous!: boolean;

  /** Who filed it (only they may see its progress); never shown to the department. */
  @Column({ type: 'varchar', length: 32 })
  channel!: string;

  @Column({ name: 'citizen_id', type: 'varchar', length: 128 })
  citizenId!: string;

  @Column({ name: 'conversation_id', type: 'varchar', length: 36, nullable: true })
  conversationId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  via!: TicketVia;

  /** Where config/hotline-routing.yaml would send it. */
  @Column({ name: 'suggested_department', type: 'varchar', length: 64 })
  suggestedDepartment!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: TicketStatus;

  @TimestampColumn({ name: 'accepted_at' })
  acceptedAt!: Date;

  /** 签收 limit: the department must sign for it by then (响应). */
  @TimestampColumn({ name: 'sign_for_due_at' })
  signForDueAt!: Date;

  /** 办结 limit. */
  @TimestampColumn({ name: 'due_at' })
  dueAt!: Date;

  /** A working-day limit ran past the holiday calendar's data: staff must check it. */
  @Column({ name: 'due_beyond_coverage', type: 'boolean' })
  dueBeyondCoverage!: boolean;

  @TimestampColumn({ name: 'dispatched_at', nullable: true })
  dispatchedAt!: Date | null;

  @TimestampColumn({ name: 'signed_for_at', nullable: true })
  signedForAt!: Date | null;

  /** The department's answer, sent to the citizen when the ticket is closed. */
  @Column({ type: 'text', nullable: true })
  reply!: string | null;

  @TimestampColumn({ name: 'replied_at', nullable: true })
  repliedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  resolution!: TicketResolution | null;

  @TimestampColumn({ name: 'callback_at', nullable: true })
  callbackAt!: Date | null;

  @TimestampColumn({ name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  /** 评价 after closing (满意率): the latest rating; it stays when the ticket is reopened, until the new answer is rated. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  rating!: TicketRating | null;

  /** When the current answer was rated; null while a closed ticket awaits its rating (cleared on reopening). */
  @TimestampColumn({ name: 'rated_at', nullable: true })
  ratedAt!: Date | null;

  /** Reopenings by the citizen (不满意): at most one. */
  @Column({ name: 'citizen_reopens', type: 'integer' })
  citizenReopens!: number;

  @Column({ name: 'reopen_count', type: 'integer' })
  reopenCount!: number;

  /** 督办 of this overdue ticket so far. */
  @Column({ name: 'supervise_count', type: 'integer' })
  superviseCount!: number;

  @TimestampColumn({ name: 'last_supervised_at', nullable: true })
  lastSupervisedAt!: Date | null;

  /** Optimistic version: every transition applies only on top of the state it was decided on. */
  @Column({ type: 'integer' })
  version!: number;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
