import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { JsonColumn, TimestampColumn } from './columns';

/** One citizen on one channel: the thread the bot and operators talk in. */
@Entity('conversation')
@Unique('uq_conversation_citizen', ['channel', 'citizenId'])
export class Conversation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  channel!: string;

  @Column({ name: 'citizen_id', type: 'varchar', length: 128 })
  citizenId!: string;

  /** The dialogue state (mode bot | clarifying | intake | human and its data), owned by the dialogue engine. */
  @JsonColumn()
  state!: unknown;

  /** Optimistic version: a state change applies only on top of the version it was computed from. */
  @Column({ name: 'state_version', type: 'integer' })
  stateVersion!: number;

  /**
   * The minute (since the epoch, on the server's clock) in which `inboundCount` messages from the citizen
   * were stored: the flood guard's count, kept on the row every turn reads and writes anyway instead of
   * in a row of its own (one statement and one row write fewer per message on MySQL).
   */
  @Column({ name: 'inbound_minute', type: 'integer', default: 0 })
  inboundMinute!: number;

  @Column({ name: 'inbound_count', type: 'integer', default: 0 })
  inboundCount!: number;

  @TimestampColumn({ name: 'last_activity_at' })
  lastActivityAt!: Date;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: Date;
}
