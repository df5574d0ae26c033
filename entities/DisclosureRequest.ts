import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { JsonColumn, TimestampColumn } from './columns';
import { EncryptedColumn } from './encryption';

/**
 * thirdParty = 征求第三方意见 (Art. 32); otherAgency = 征求其他机关意见 (Art. 34); fee = from the fee
 * notice to payment (国办函〔2020〕109号: that time is not counted).
 */
export const PAUSE_REASONS = ['thirdParty', 'otherAgency', 'fee'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/**
 * A period in which the reply clock stands still: calendar dates (YYYY-MM-DD) `from` to `to`, both
 * inclusive, are not counted. `to: null` = still consulting (at most one, the latest).
 * Record `from` as the first day not counted and `to` as the last.
 */
export interface ClockPause {
  from: string;
  to: string | null;
  reason: PauseReason;
  /** Art. 32: the day the third party received the request; its 15 working days run from then. */
  thirdPartyReceivedOn?: string | null;
}

/** 办理中 | 待补正 | 暂停计时（征求意见）| 已办结 */
export type DisclosureStatus = 'processing' | 'awaitingCorrection' | 'paused' | 'closed';
/** How the application reached the agency (Art. 31): 当面, 信函, 网上. */
export type ReceiptChannel = 'inPerson' | 'letter' | 'online';

/**
 * A disclosure request (依申请公开): the application as received and the state of its handling.
 * Every change is also an event in disclosure_event; dates are city calendar dates 'YYYY-MM-DD'.
 */
@Entity('disclosure_request')
@Unique('uq_disclosure_request_number', ['number'])
@Index('ix_disclosure_request_citizen', ['citizenChannel', 'citizenId'])
@Index('ix_disclosure_request_status_due', ['status', 'dueOn'])
@Index('ix_disclosure_request_received', ['receivedOn'])
@Index('ix_disclosure_request_closed', ['closedOn'])
@Index('ix_disclosure_request_applicant', ['idKind', 'idNumberHash'])
export class DisclosureRequest {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** Tracking number: YSQ + year of receipt + 6-digit sequence, e.g. YSQ2026000123. */
  @Column({ type: 'varchar', length: 20 })
  number!: string;

  @Column({ name: 'receipt_channel', type: 'varchar', length: 16 })
  receiptChannel!: ReceiptChannel;

  /** chat = the chat form; form = the citizen form API; staff = registered by an officer. */
  @Column({ type: 'varchar', length: 8 })
  via!: 'chat' | 'form' | 'staff';

  /** The chat identity that filed it: only this citizen sees its status. */
  @Column({ name: 'citizen_channel', type: 'varchar', length: 32, nullable: true })
  citizenChannel!: string | null;

  @Column({ name: 'citizen_id', type: 'varchar', length: 128, nullable: true })
  citizenId!: string | null;

  /** Where status notices go; null for applications without a conversation. */
  @Column({ name: 'conversation_id', type: 'varchar', length: 36, nullable: true })
  conversationId!: string | null;

  @Column({ name: 'applicant_type', type: 'varchar', length: 32 })
  applicantType!: string;

  /** Personal data for natural persons: masked in lists, encrypted at rest. */
  @EncryptedColumn({ name: 'applicant_name' })
  applicantName!: string;

  @Column({ name: 'id_kind', type: 'varchar', length: 16 })
  idKind!: 'residentId' | 'creditCode' | 'other';

  @Column({ name: 'id_document_type', type: 'varchar', length: 50, nullable: true })
  idDocumentType!: string | null;

  @EncryptedColumn({ name: 'id_number' })
  idNumber!: string;

  /** Keyed hash of the ID number (entities/encryption.ts keyedHash): finds the same applicant's applications. */
  @Column({ name: 'id_number_hash', type: 'varchar', length: 64 })
  idNumberHash!: string;

  /** The credit code failed its checksum and the applicant confirmed it: staff check the register. */
  @Column({ name: 'id_checksum_warning', type: 'boolean' })
  idChecksumWarning!: boolean;

  @EncryptedColumn()
  phone!: string;

  @EncryptedColumn({ nullable: true })
  address!: string | null;

  @EncryptedColumn({ nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'information_form', type: 'varchar', length: 16 })
  informationForm!: 'paper' | 'electronic';

  @Column({ type: 'varchar', length: 16 })
  delivery!: 'collect' | 'post' | 'email';

  /** The agency handling it now (config/agencies.yaml code); a transfer changes it. */
  @Column({ type: 'varchar', length: 48 })
  agency!: string;

  /** City-report topic (拆迁/征地/城市规划/项目审批/其他), config/agencies.yaml code. */
  @Column({ type: 'varchar', length: 48 })
  topic!: string;

  @Column({ type: 'varchar', length: 24 })
  status!: DisclosureStatus;

  /** Art. 31 date of receipt. */
  @Column({ name: 'received_on', type: 'varchar', length: 10 })
  receivedOn!: string;

  /** When it was received or confirmed (online: the citizen's confirmation). */
  @TimestampColumn({ name: 'received_at' })
  receivedAt!: Date;

  @Column({ name: 'correction_requested_on', type: 'varchar', length: 10, nullable: true })
  correctionRequestedOn!: string | null;

  /** The date the correction notice set for the applicant (补正期限). */
  @Column({ name: 'correction_due_on', type: 'varchar', length: 10, nullable: true })
  correctionDueOn!: string | null;

  /** The day the corrected application arrived: the reply clock restarts from it. */
  @Column({ name: 'corrected_on', type: 'varchar', length: 10, nullable: true })
  correctedOn!: string | null;

  @Column({ name: 'extension_days', type: 'integer' })
  extensionDays!: number;

  /** Consultation periods (Art. 32/34) in which the reply clock stands still. */
  @JsonColumn()
  pauses!: ClockPause[];

  /**
   * The reply deadline in force while the clock runs (null while awaiting correction, paused or
   * closed): kept here so lists can filter and sort by it; recomputed on every change.
   */
  @Column({ name: 'due_on', type: 'varchar', length: 10, nullable: true })
  dueOn!: string | null;

  /** The deadline runs past the holiday calendar's last year: shown to staff until it is extended. */
  @Column({ name: 'due_beyond_coverage', type: 'boolean' })
  dueBeyondCoverage!: boolean;

  /** A table 三 outcome code (src/cases/disclosure/rules/annualReport.ts) once closed. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  outcome!: string | null;

  @Column({ name: 'closed_on', type: 'varchar', length: 10, nullable: true })
  closedOn!: string | null;

  @Column({ name: 'reply_text', type: 'text', nullable: true })
  replyText!: string | null;

  /** Where the reply document lives (file store key, archive number). */
  @Column({ name: 'reply_attachment', type: 'varchar', length: 300, nullable: true })
  replyAttachment!: string | null;

  /** free | perApplication | perPage (src/cases/disclosure/rules/disclosureFees.ts). */
  @Column({ name: 'fee_method', type: 'varchar', length: 16 })
  feeMethod!: string;

  /** Whole yuan. */
  @Column({ name: 'fee_amount', type: 'integer' })
  feeAmount!: number;

  @Column({ name: 'fee_pages', type: 'integer', nullable: true })
  feePages!: number | null;

  /** 国办函〔2020〕109号: the day the written fee notice went out; the clock stops from the next day until payment. */
  @Column({ name: 'fee_notice_on', type: 'varchar', length: 10, nullable: true })
  feeNoticeOn!: string | null;

  /** 20 working days after the notice: unpaid by then, the request is no longer processed (table 三 (六)2). */
  @Column({ name: 'fee_payment_due_on', type: 'varchar', length: 10, nullable: true })
  feePaymentDueOn!: string | null;

  @Column({ name: 'fee_paid_on', type: 'varchar', length: 10, nullable: true })
  feePaidOn!: string | null;

  /**
   * Art. 39: the description read like a complaint, report or petition (complaint | report |
   * petition) and the applicant confirmed anyway. Only a hint: the officer decides.
   */
  @Column({ name: 'art39_hint', type: 'varchar', length: 16, nullable: true })
  art39Hint!: string | null;

  /** Optimistic version: an officer's change applies only on top of what they saw. */
  @Column({ type: 'integer' })
  version!: number;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
