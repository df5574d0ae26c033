import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id36, timestamp } from './columns';

export class WeChat1732550000004 implements MigrationInterface {
  name = 'WeChat1732550000004';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'outbox_message',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'dedupe_key', type: 'varchar', length: '191' },
          { name: 'channel', type: 'varchar', length: '32' },
          { name: 'citizen_id', type: 'varchar', length: '128' },
          id36('conversation_id', { isNullable: true }),
          { name: 'text', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer' },
          timestamp('next_attempt_at'),
          { name: 'claimed_by', type: 'varchar', length: '64', isNullable: true },
          timestamp('claimed_until', { isNullable: true }),
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          timestamp('created_at'),
          timestamp('sent_at', { isNullable: true }),
        ],
        uniques: [new TableUnique({ name: 'uq_outbox_dedupe', columnNames: ['dedupe_key'] })],
        indices: [new TableIndex({ name: 'ix_outbox_due', columnNames: ['status', 'next_attempt_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'wechat_access_token',
        columns: [
          { name: 'app_id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'token', type: 'varchar', length: '512', isNullable: true },
          timestamp('expires_at', { isNullable: true }),
          { name: 'lock_owner', type: 'varchar', length: '64', isNullable: true },
          timestamp('lock_until', { isNullable: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('wechat_access_token');
    await q.dropTable('outbox_message');
  }
}
