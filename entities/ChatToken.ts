import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/** A web-chat bearer token, stored as its SHA-256 so a database leak reveals no usable token. */
@Entity('chat_token')
@Index('ix_chat_token_citizen', ['citizenId'])
export class ChatToken {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  /** The citizen's identity on the web-chat channel (or the mini-program openid it is bound to). */
  @Column({ name: 'citizen_id', type: 'varchar', length: 128 })
  citizenId!: string;

  @Column({ type: 'varchar', length: 32 })
  channel!: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;
}
