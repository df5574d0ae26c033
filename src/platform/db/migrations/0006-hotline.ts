import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id36, timestamp } from './columns';

/** Hotline tickets (12345工单), their history and numbering, and operator takeover threads. */
export class Hotline1732550000006 implements MigrationInterface {
  name = 'Hotline1732550000006';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'hotline_ticket',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'number', type: 'varchar', length: '24' },
          { name: 'category', type: 'varchar', length: '40' },
          { name: 'urgency', type: 'varchar', length: '40' },
          { name: 'content', type: 'text' },
          { name: 'location', type: 'varchar', length: '200', isNullable: true },
          { name: 'phone', type: 'varchar', length: '32', isNullable: true },
          { name: 'anonymous', type: 'boolean' },
          { name: 'channel', type: 'varchar', length: '32' },
          { name: 'citizen_id', type: 'varchar', length: '128' },
          id36('conversation_id', { isNullable: true }),
          { name: 'via', type: 'varchar', length: '16' },
          { name: 'suggested_department', type: 'varchar', length: '64' },
          { name: 'department', type: 'varchar', length: '64', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          timestamp('accepted_at'),
          timestamp('sign_for_due_at'),
          timestamp('due_at'),
          { name: 'due_beyond_coverage', type: 'boolean' },
          timestamp('dispatched_at', { isNullable: true }),
          timestamp('signed_for_at', { isNullable: true }),
          { name: 'reply', type: 'text', isNullable: true },
          timestamp('replied_at', { isNullable: true }),
          { name: 'resolution', type: 'varchar', length: '16', isNullable: true },
          timestamp('callback_at', { isNullable: true }),
          timestamp('closed_at', { isNullable: true }),
          { name: 'rating', type: 'varchar', length: '24', isNullable: true },
          timestamp('rated_at', { isNullable: true }),
          { name: 'citizen_reopens', type: 'integer' },
          { name: 'reopen_count', type: 'integer' },
          { name: 'supervise_count', type: 'integer' },
          timestamp('last_supervised_at', { isNullable: true }),
          { name: 'version', type: 'integer' },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_hotline_ticket_number', columnNames: ['number'] })],
        indices: [
          new TableIndex({ name: 'ix_hotline_ticket_citizen', columnNames: ['channel', 'citizen_id'] }),
          new TableIndex({ name: 'ix_hotline_ticket_status', columnNames: ['status', 'due_at'] }),
          new TableIndex({ name: 'ix_hotline_ticket_accepted', columnNames: ['accepted_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'hotline_ticket_event',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'ticket_id', type: 'integer' },
          timestamp('at'),
          { name: 'actor', type: 'varchar', length: '100' },
          { name: 'action', type: 'varchar', length: '32' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'details', type: 'text', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ix_hotline_ticket_event_ticket', columnNames: ['ticket_id', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'hotline_ticket_counter',
        columns: [
          { name: 'period', type: 'varchar', length: '8', isPrimary: true },
          { name: 'seq', type: 'integer' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'handoff_thread',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          id36('conversation_id'),
          id36('open_key', { isNullable: true }),
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '32' },
          { name: 'last_question', type: 'text', isNullable: true },
          { name: 'bot_attempts', type: 'integer' },
          { name: 'within_service_hours', type: 'boolean' },
          { name: 'ticket_number', type: 'varchar', length: '24', isNullable: true },
          { name: 'operator', type: 'varchar', length: '64', isNullable: true },
          { name: 'operator_id', type: 'integer', isNullable: true },
          timestamp('requested_at'),
          timestamp('claimed_at', { isNullable: true }),
          timestamp('closed_at', { isNullable: true }),
          { name: 'close_reason', type: 'varchar', length: '16', isNullable: true },
          timestamp('last_activity_at'),
          { name: 'version', type: 'integer' },
          timestamp('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_handoff_thread_open', columnNames: ['open_key'] })],
        indices: [
          new TableIndex({ name: 'ix_handoff_thread_conversation', columnNames: ['conversation_id'] }),
          new TableIndex({ name: 'ix_handoff_thread_status', columnNames: ['status', 'requested_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['handoff_thread', 'hotline_ticket_counter', 'hotline_ticket_event', 'hotline_ticket']) await q.dropTable(table);
  }
}
