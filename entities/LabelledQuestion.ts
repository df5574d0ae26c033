import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TimestampColumn } from './columns';

/** assigned: "belongs to entry X"; confirmed: "the answer was right"; out-of-scope: the bot should decline. */
export type LabelVerdict = 'assigned' | 'confirmed' | 'out-of-scope';

/**
 * A citizen's question an interpreter labelled: an example of its entry in the matcher, and one
 * question of the city's own evaluation set. It keeps no citizen identity (no conversation, no
 * citizen id, personal data masked in the text); one label per normalized text, versioned.
 */
@Entity('labelled_question')
@Unique('uq_labelled_question_text', ['textKey'])
@Index('ix_labelled_question_entry', ['entryKey'])
export class LabelledQuestion {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'text' })
  text!: string;

  /** The normalized text (at most 191 characters): the same question in other punctuation or width is the same label. */
  @Column({ name: 'text_key', type: 'varchar', length: 191 })
  textKey!: string;

  /** The entry that should answer; null: out of scope, the bot should decline. */
  @Column({ name: 'entry_key', type: 'varchar', length: 64, nullable: true })
  entryKey!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  section!: string | null;

  @Column({ type: 'varchar', length: 16 })
  verdict!: LabelVerdict;

  /** When a citizen asked it (no more than that): the week it counts in. */
  @TimestampColumn({ name: 'asked_at', nullable: true })
  askedAt!: Date | null;

  @Column({ name: 'labelled_by', type: 'varchar', length: 100 })
  labelledBy!: string;

  @TimestampColumn({ name: 'labelled_at' })
  labelledAt!: Date;

  @Column({ type: 'integer' })
  version!: number;
}
