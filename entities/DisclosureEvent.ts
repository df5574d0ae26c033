import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from './columns';

export const DISCLOSURE_EVENT_TYPES = [
  'received',
  'correction-requested',
  'corrected',
  'extended',
  'paused',
  'resumed',
  'transferred',
  'fee-set',
  'fee-paid',
  'consultation-received',
  'topic-set',
  'replied',
  'abandoned',
] as const;
export type DisclosureEventType = (typeof DISCLOSURE_EVENT_TYPES)[number];

/** One step in the handling of a disclosure request, appended and never changed. */
@Entity('disclosure_event')
@Index('ix_disclosure_event_request', ['requestId', 'id'])
export class DisclosureEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'request_id', type: 'integer' })
  requestId!: number;

  @Column({ type: 'varchar', length: 32 })
  type!: DisclosureEventType;

  /** The date it takes effect in the city calendar (a correction that arrived yesterday). */
  @Column({ name: 'effective_on', type: 'varchar', length: 10 })
  effectiveOn!: string;

  /** A staff account name, `citizen:<channel>`, `cli:<user>` or `system`. */
  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  /** What the officer wrote (what to correct, the reason of an extension, the reply text). */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @JsonColumn({ nullable: true })
  data!: Record<string, unknown> | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;
}
