import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id36, timestamp } from './columns';

export const AUDIT_TRIGGERS = ['audit_event_no_update', 'audit_event_no_delete'] as const;

/** MySQL/MariaDB with binary logging may refuse triggers to users without SUPER. */
const TRIGGER_PRIVILEGE_ERRORS = new Set([
  'ER_BINLOG_CREATE_ROUTINE_NEED_SUPER',
  'ER_TABLEACCESS_DENIED_ERROR',
  'ER_SPECIFIC_ACCESS_DENIED_ERROR',
]);

/**
 * A trigger refusing UPDATE or DELETE on audit_event, unless the row change passes `allow` (a
 * condition on OLD and NEW, per database). Without the privilege to create triggers (MySQL with
 * binary logging), it warns and the trail stays append-only by convention only.
 */
export async function createAuditTrigger(
  q: QueryRunner,
  name: string,
  event: 'UPDATE' | 'DELETE',
  allow?: { sqlite: string; mysql: string },
): Promise<void> {
  if (q.connection.driver.options.type === 'better-sqlite3') {
    const when = allow ? ` WHEN NOT (${allow.sqlite})` : '';
    await q.query(
      `CREATE TRIGGER ${name} BEFORE ${event} ON audit_event${when} BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END`,
    );
    return;
  }
  const refuse = `SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_event is append-only'`;
  try {
    await q.query(
      `CREATE TRIGGER ${name} BEFORE ${event} ON audit_event FOR EACH ROW ${allow ? `IF NOT (${allow.mysql}) THEN ${refuse}; END IF` : refuse}`,
    );
  } catch (err) {
    if (!TRIGGER_PRIVILEGE_ERRORS.has((err as { code?: string }).code ?? '')) throw err;
    console.warn(
      `wenzheng: audit_event stays append-only by convention only: the database user may not create triggers (${(err as Error).message})`,
    );
  }
}

export class Staff1732550000003 implements MigrationInterface {
  name = 'Staff1732550000003';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'staff_account',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'display_name', type: 'varchar', length: '100', isNullable: true },
          { name: 'phone', type: 'varchar', length: '32', isNullable: true },
          { name: 'roles', type: 'text' },
          { name: 'password_hash', type: 'varchar', length: '255', isNullable: true },
          { name: 'failed_logins', type: 'integer' },
          timestamp('last_failed_login_at', { isNullable: true }),
          timestamp('locked_until', { isNullable: true }),
          timestamp('disabled_at', { isNullable: true }),
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_staff_account_name', columnNames: ['name'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff_token',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'staff_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          timestamp('created_at'),
          timestamp('expires_at', { isNullable: true }),
          timestamp('revoked_at', { isNullable: true }),
        ],
        indices: [new TableIndex({ name: 'ix_staff_token_account', columnNames: ['staff_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          timestamp('at'),
          { name: 'actor', type: 'varchar', length: '100' },
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'via', type: 'varchar', length: '16' },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'object_type', type: 'varchar', length: '32', isNullable: true },
          { name: 'object_id', type: 'varchar', length: '191', isNullable: true },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'details', type: 'text', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_event_at', columnNames: ['at'] }),
          new TableIndex({ name: 'ix_audit_event_object', columnNames: ['object_type', 'object_id'] }),
          new TableIndex({ name: 'ix_audit_event_actor', columnNames: ['actor'] }),
          new TableIndex({ name: 'ix_audit_event_action', columnNames: ['action'] }),
        ],
      }),
    );
    await this.makeAuditAppendOnly(q);
    await q.createTable(
      new Table({
        name: 'entry_feedback',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'entry_key', type: 'varchar', length: '64' },
          { name: 'entry_version', type: 'integer' },
          { name: 'helpful', type: 'boolean' },
          id36('conversation_id'),
          timestamp('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_entry_feedback_entry', columnNames: ['entry_key'] })],
      }),
    );
  }

  /** The audit trail is append-only in the database itself, not only by convention in the code. */
  private async makeAuditAppendOnly(q: QueryRunner): Promise<void> {
    await createAuditTrigger(q, AUDIT_TRIGGERS[0], 'UPDATE');
    await createAuditTrigger(q, AUDIT_TRIGGERS[1], 'DELETE');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of AUDIT_TRIGGERS) await q.query(`DROP TRIGGER IF EXISTS ${name}`);
    for (const table of ['entry_feedback', 'audit_event', 'staff_token', 'staff_account']) await q.dropTable(table);
  }
}
