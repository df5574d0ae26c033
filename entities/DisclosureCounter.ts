import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last tracking-number sequence used per year of receipt (row-locked while it is incremented). */
@Entity('disclosure_counter')
export class DisclosureCounter {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq!: number;
}
