import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last ticket sequence number handed out per year: 12345-2026-000001, 000002 … */
@Entity('hotline_ticket_counter')
export class HotlineTicketCounter {
  /** The acceptance year in the city's time zone. */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  period!: string;

  @Column({ type: 'integer' })
  seq!: number;
}
