import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { JsonColumn, TimestampColumn } from './columns';

export type MessageDirection = 'in' | 'out';
/** Who wrote it: the citizen, the bot, a human operator, or the system (status notices). */
export const MESSAGE_AUTHORS = ['citizen', 'bot', 'operator', 'system'] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];

/** Every message in and out, stored before it is answered. */
@Entity('message')
@Unique('uq_message_external', ['conversationId', 'direction', 'externalId'])
@Index('ix_message_conversation', ['conversationId', 'id'])
@Index('ix_message_reply', ['inReplyTo'])
export class Message {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'conversation_id', type: 'varchar', length: 36 })
  conversationId!: string;

  @Column({ type: 'varchar', length: 3 })
  direction!: MessageDirection;

  @Column({ type: 'varchar', length: 16 })
  author!: MessageAuthor;

  /** The platform's message id (a string: WeChat MsgIds exceed 2^53); null for our own messages. */
  @Column({ name: 'external_id', type: 'varchar', length: 191, nullable: true })
  externalId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'text' })
  text!: string;

  /**
   * An inbound message's text as received, keyed-hashed (the stored text may be masked): a reused
   * external id with another text is refused rather than answered with the first one's replies.
   * Erased with the text.
   */
  @Column({ name: 'text_hash', type: 'varchar', length: 64, nullable: true })
  textHash!: string | null;

  /** For a reply: the inbound message it answers, so a retried delivery gets the same replies. */
  @Column({ name: 'in_reply_to', type: 'integer', nullable: true })
  inReplyTo!: number | null;

  /** What the engine decided for an inbound message, or which inbound message a reply answers. */
  @JsonColumn({ nullable: true })
  meta!: Record<string, unknown> | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;
}
