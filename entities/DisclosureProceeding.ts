import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/**
 * An administrative review (行政复议) or lawsuit (行政诉讼) about disclosure, for table 四 of the
 * annual report. result 'pending' (尚未审结) until decided.
 */
@Entity('disclosure_proceeding')
@Index('ix_disclosure_proceeding_filed', ['filedOn'])
export class DisclosureProceeding {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** review | directLawsuit | lawsuitAfterReview */
  @Column({ type: 'varchar', length: 24 })
  kind!: string;

  /** The agency whose handling is challenged (config/agencies.yaml code). */
  @Column({ type: 'varchar', length: 48 })
  agency!: string;

  /** The request it is about, when it is one of ours. */
  @Column({ name: 'request_number', type: 'varchar', length: 20, nullable: true })
  requestNumber!: string | null;

  @Column({ name: 'filed_on', type: 'varchar', length: 10 })
  filedOn!: string;

  /** upheld | corrected | other | pending */
  @Column({ type: 'varchar', length: 16 })
  result!: string;

  @Column({ name: 'decided_on', type: 'varchar', length: 10, nullable: true })
  decidedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy!: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
