import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/** A citizen's "did this help?" on an answer: per-entry statistics for interpreters. */
@Entity('entry_feedback')
@Index('ix_entry_feedback_entry', ['entryKey'])
export class EntryFeedback {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'entry_key', type: 'varchar', length: 64 })
  entryKey!: string;

  /** The entry's version when it was answered, so feedback on an old text can be told apart. */
  @Column({ name: 'entry_version', type: 'integer' })
  entryVersion!: number;

  @Column({ type: 'boolean' })
  helpful!: boolean;

  @Column({ name: 'conversation_id', type: 'varchar', length: 36 })
  conversationId!: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;
}
