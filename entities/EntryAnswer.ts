import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/** One question the bot answered with an entry: popularity, "hot" lists and dashboards count these. */
@Entity('entry_answer')
@Index('ix_entry_answer_time', ['answeredAt', 'entryKey'])
export class EntryAnswer {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'entry_key', type: 'varchar', length: 64 })
  entryKey!: string;

  @Column({ type: 'varchar', length: 32 })
  channel!: string;

  @TimestampColumn({ name: 'answered_at' })
  answeredAt!: Date;
}
