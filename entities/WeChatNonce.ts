import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/**
 * A signed webhook request seen within the timestamp window, on any instance: the same signed URL with
 * another body is a replay and is refused.
 */
@Entity('wechat_nonce')
@Index('ix_wechat_nonce_expiry', ['expiresAt'])
export class WeChatNonce {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  channel!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  nonce!: string;

  /** The signed `timestamp` parameter, as sent. */
  @PrimaryColumn({ name: 'signed_at', type: 'varchar', length: 16 })
  signedAt!: string;

  /** SHA-256 of the body: WeChat's own retry of a request carries the same one. */
  @Column({ name: 'body_hash', type: 'varchar', length: 64 })
  bodyHash!: string;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt!: Date;
}
