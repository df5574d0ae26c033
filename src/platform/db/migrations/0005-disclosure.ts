import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id36, timestamp } from './columns';

const date = (name: string, nullable = false) => ({ name, type: 'varchar', length: '10', isNullable: nullable });

/** Disclosure requests (依申请公开), their events, reviews and lawsuits, and tracking-number counters. */
export class Disclosure1732550000005 implements MigrationInterface {
  name = 'Disclosure1732550000005';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'disclosure_request',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'number', type: 'varchar', length: '20' },
          { name: 'receipt_channel', type: 'varchar', length: '16' },
          { name: 'via', type: 'varchar', length: '8' },
          { name: 'citizen_channel', type: 'varchar', length: '32', isNullable: true },
          { name: 'citizen_id', type: 'varchar', length: '128', isNullable: true },
          id36('conversation_id', { isNullable: true }),
          { name: 'applicant_type', type: 'varchar', length: '32' },
          { name: 'applicant_name', type: 'varchar', length: '200' },
          { name: 'id_kind', type: 'varchar', length: '16' },
          { name: 'id_document_type', type: 'varchar', length: '50', isNullable: true },
          { name: 'id_number', type: 'varchar', length: '64' },
          { name: 'id_checksum_warning', type: 'boolean' },
          { name: 'phone', type: 'varchar', length: '32' },
          { name: 'address', type: 'varchar', length: '300', isNullable: true },
          { name: 'email', type: 'varchar', length: '254', isNullable: true },
          { name: 'description', type: 'text' },
          { name: 'information_form', type: 'varchar', length: '16' },
          { name: 'delivery', type: 'varchar', length: '16' },
          { name: 'agency', type: 'varchar', length: '48' },
          { name: 'topic', type: 'varchar', length: '48' },
          { name: 'status', type: 'varchar', length: '24' },
          date('received_on'),
          timestamp('received_at'),
          date('correction_requested_on', true),
          date('correction_due_on', true),
          date('corrected_on', true),
          { name: 'extension_days', type: 'integer' },
          { name: 'pauses', type: 'text' },
          date('due_on', true),
          { name: 'due_beyond_coverage', type: 'boolean' },
          { name: 'outcome', type: 'varchar', length: '64', isNullable: true },
          date('closed_on', true),
          { name: 'reply_text', type: 'text', isNullable: true },
          { name: 'reply_attachment', type: 'varchar', length: '300', isNullable: true },
          { name: 'fee_method', type: 'varchar', length: '16' },
          { name: 'fee_amount', type: 'integer' },
          { name: 'fee_pages', type: 'integer', isNullable: true },
          { name: 'version', type: 'integer' },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_disclosure_request_number', columnNames: ['number'] })],
        indices: [
          new TableIndex({ name: 'ix_disclosure_request_citizen', columnNames: ['citizen_channel', 'citizen_id'] }),
          new TableIndex({ name: 'ix_disclosure_request_status_due', columnNames: ['status', 'due_on'] }),
          new TableIndex({ name: 'ix_disclosure_request_received', columnNames: ['received_on'] }),
          new TableIndex({ name: 'ix_disclosure_request_closed', columnNames: ['closed_on'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disclosure_event',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'request_id', type: 'integer' },
          { name: 'type', type: 'varchar', length: '32' },
          date('effective_on'),
          { name: 'actor', type: 'varchar', length: '100' },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'data', type: 'text', isNullable: true },
          timestamp('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_disclosure_event_request', columnNames: ['request_id', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disclosure_proceeding',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'agency', type: 'varchar', length: '48' },
          { name: 'request_number', type: 'varchar', length: '20', isNullable: true },
          date('filed_on'),
          { name: 'result', type: 'varchar', length: '16' },
          date('decided_on', true),
          { name: 'note', type: 'text', isNullable: true },
          { name: 'recorded_by', type: 'varchar', length: '100' },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        indices: [new TableIndex({ name: 'ix_disclosure_proceeding_filed', columnNames: ['filed_on'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disclosure_counter',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'last_seq', type: 'integer' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['disclosure_counter', 'disclosure_proceeding', 'disclosure_event', 'disclosure_request']) await q.dropTable(table);
  }
}
