import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { AUDIT_TRIGGERS, createAuditTrigger } from './0003-staff';
import { timestamp } from './columns';

/** Columns that anonymisation never changes: who acted, how, what, on which kind of object, when. */
const KEPT = ['id', 'at', 'actor', 'actor_id', 'via', 'action', 'object_type', 'request_id'];

/**
 * The one update the audit trail allows (retention, src/staff/audit/retention.ts): once, it marks the row
 * anonymised and may replace the object id and details and clear the address; every other column
 * stays. An anonymised row can no more be changed than any other.
 */
const ANONYMISATION_ONLY = {
  sqlite: ['OLD.anonymised_at IS NULL', 'NEW.anonymised_at IS NOT NULL', 'NEW.ip IS NULL', ...KEPT.map((c) => `NEW.${c} IS OLD.${c}`)].join(
    ' AND ',
  ),
  mysql: ['OLD.anonymised_at IS NULL', 'NEW.anonymised_at IS NOT NULL', 'NEW.ip IS NULL', ...KEPT.map((c) => `NEW.${c} <=> OLD.${c}`)].join(
    ' AND ',
  ),
};

export class AuditRetention1796000015000 implements MigrationInterface {
  name = 'AuditRetention1796000015000';

  async up(q: QueryRunner): Promise<void> {
    // SQLite adds a column by rebuilding the table: the triggers go first and come back after.
    for (const name of AUDIT_TRIGGERS) await q.query(`DROP TRIGGER IF EXISTS ${name}`);
    await q.addColumn('audit_event', new TableColumn(timestamp('anonymised_at', { isNullable: true })));
    await createAuditTrigger(q, AUDIT_TRIGGERS[0], 'UPDATE', ANONYMISATION_ONLY);
    await createAuditTrigger(q, AUDIT_TRIGGERS[1], 'DELETE');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of AUDIT_TRIGGERS) await q.query(`DROP TRIGGER IF EXISTS ${name}`);
    await q.dropColumn('audit_event', 'anonymised_at');
    await createAuditTrigger(q, AUDIT_TRIGGERS[0], 'UPDATE');
    await createAuditTrigger(q, AUDIT_TRIGGERS[1], 'DELETE');
  }
}
