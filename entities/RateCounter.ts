import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/** Hits of one rate-limit key in one fixed window, shared by every server instance. */
@Entity('rate_counter')
@Index('ix_rate_counter_expiry', ['expiresAt'])
export class RateCounter {
  @PrimaryColumn({ name: 'bucket', type: 'varchar', length: 191 })
  bucket!: string;

  @PrimaryColumn({ name: 'window_start', type: 'datetime', precision: 3 })
  windowStart!: Date;

  @Column({ type: 'integer' })
  hits!: number;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt!: Date;
}
