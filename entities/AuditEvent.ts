import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from './columns';

/** How the change reached us: the staff API, the command line, or the system itself. */
export type AuditVia = 'api' | 'cli' | 'system';

/**
 * The audit trail: who did what, when, to which object, from where. Append-only: the
 * migrations add triggers that refuse DELETE, and UPDATE except the one anonymisation that
 * retention makes (migration 0015, src/staff/audit/retention.ts).
 */
@Entity('audit_event')
@Index('ix_audit_event_at', ['at'])
@Index('ix_audit_event_object', ['objectType', 'objectId'])
@Index('ix_audit_event_actor', ['actor'])
@Index('ix_audit_event_action', ['action'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @TimestampColumn()
  at!: Date;

  /** A staff account name, `cli:<os user>`, `system`, or for failed logins the name that was tried. */
  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 16 })
  via!: AuditVia;

  /** Dotted verb, e.g. kb.publish, auth.login-failed, staff.disable, personal-data.view. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'object_type', type: 'varchar', length: 32, nullable: true })
  objectType!: string | null;

  @Column({ name: 'object_id', type: 'varchar', length: 191, nullable: true })
  objectId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  /** What changed (field names, from/to states, versions); never tokens, passwords or unmasked personal data. */
  @JsonColumn({ nullable: true })
  details!: Record<string, unknown> | null;

  /** When retention anonymised the row (its period in config/retention.yaml had run); null until then. */
  @TimestampColumn({ name: 'anonymised_at', nullable: true })
  anonymisedAt!: Date | null;
}
