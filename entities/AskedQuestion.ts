import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from './columns';

/** What the bot made of one knowledge question at the time: the review queue reads these. */
export interface AskedMatch {
  /** The best candidate's score (0..1). */
  score: number;
  candidates: { entry: string; score: number }[];
}

/**
 * A citizen's knowledge question and what the bot did with it (answer, clarify, fallback, with the
 * candidates and scores), written in the turn's transaction. `via: clarify` marks the citizen's pick
 * after a "which one did you mean" question, so an unresolved clarify can be told from a resolved one.
 */
@Entity('asked_question')
// With the decision and the entry: answers since a moment are counted from this index alone (knowledgeUsage.answerCounts).
@Index('ix_asked_question_time', ['askedAt', 'decision', 'entryKey'])
@Index('ix_asked_question_conversation', ['conversationId', 'askedAt'])
export class AskedQuestion {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'conversation_id', type: 'varchar', length: 36 })
  conversationId!: string;

  @Column({ type: 'varchar', length: 32 })
  channel!: string;

  @Column({ type: 'text' })
  text!: string;

  /** The question's content terms as the matcher saw them: near-identical questions share them. */
  @JsonColumn()
  terms!: string[];

  /** answer, clarify or fallback. */
  @Column({ type: 'varchar', length: 16 })
  decision!: string;

  /** clarify: the citizen picked an offered entry; follow-up: a section of the entry just answered. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  via!: string | null;

  @Column({ name: 'entry_key', type: 'varchar', length: 64, nullable: true })
  entryKey!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  section!: string | null;

  @JsonColumn({ name: 'match_result' })
  match!: AskedMatch;

  @TimestampColumn({ name: 'asked_at' })
  askedAt!: Date;
}
