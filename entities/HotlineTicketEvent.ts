import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from './columns';

/** One step in a ticket's history: who did what, when, with which note. */
@Entity('hotline_ticket_event')
@Index('ix_hotline_ticket_event_ticket', ['ticketId', 'id'])
export class HotlineTicketEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'ticket_id', type: 'integer' })
  ticketId!: number;

  @TimestampColumn()
  at!: Date;

  /** A staff account name, `citizen`, or `system`. */
  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  /** open, dispatch, sign, reply, callback, close, rate, reopen, supervise, reroute. */
  @Column({ type: 'varchar', length: 32 })
  action!: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16, nullable: true })
  toStatus!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @JsonColumn({ nullable: true })
  details!: Record<string, unknown> | null;
}
