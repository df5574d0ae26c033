import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/**
 * An answer given to no recorded question: a menu click, or a section picked among offered entries. An
 * answered question is counted from its asked_question row (decision answer) instead, so that a turn writes
 * one row for it (issue 25); knowledgeUsage.answerCounts counts both.
 */
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
