import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from './columns';

/** The WeChat access token of an app, shared by every server instance, with a refresh lock. */
@Entity('wechat_access_token')
export class WeChatAccessToken {
  @PrimaryColumn({ name: 'app_id', type: 'varchar', length: 32 })
  appId!: string;

  @Column({ type: 'varchar', length: 512, nullable: true })
  token!: string | null;

  @TimestampColumn({ name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'lock_owner', type: 'varchar', length: 64, nullable: true })
  lockOwner!: string | null;

  @TimestampColumn({ name: 'lock_until', nullable: true })
  lockUntil!: Date | null;
}
