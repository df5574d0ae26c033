import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from './columns';

/** A question the bot could not answer: what interpreters should write next (`kb gaps`). */
@Entity('unanswered_question')
@Index('ix_unanswered_asked', ['askedAt'])
export class UnansweredQuestion {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'text' })
  text!: string;

  @JsonColumn()
  terms!: string[];

  @Column({ type: 'varchar', length: 32 })
  channel!: string;

  @Column({ name: 'conversation_id', type: 'varchar', length: 36 })
  conversationId!: string;

  @TimestampColumn({ name: 'asked_at' })
  askedAt!: Date;
}
