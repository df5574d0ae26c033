import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id36, timestamp } from './columns';

export class Conversations1732550000001 implements MigrationInterface {
  name = 'Conversations1732550000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'conversation',
        columns: [
          id36('id', { isPrimary: true }),
          { name: 'channel', type: 'varchar', length: '32' },
          { name: 'citizen_id', type: 'varchar', length: '128' },
          { name: 'state', type: 'text' },
          { name: 'state_version', type: 'integer' },
          timestamp('last_activity_at'),
          timestamp('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_conversation_citizen', columnNames: ['channel', 'citizen_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'message',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          id36('conversation_id'),
          { name: 'direction', type: 'varchar', length: '3' },
          { name: 'author', type: 'varchar', length: '16' },
          { name: 'external_id', type: 'varchar', length: '191', isNullable: true },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'text', type: 'text' },
          { name: 'in_reply_to', type: 'integer', isNullable: true },
          { name: 'meta', type: 'text', isNullable: true },
          timestamp('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_message_external', columnNames: ['conversation_id', 'direction', 'external_id'] })],
        indices: [
          new TableIndex({ name: 'ix_message_conversation', columnNames: ['conversation_id', 'id'] }),
          new TableIndex({ name: 'ix_message_reply', columnNames: ['in_reply_to'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'chat_token',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'citizen_id', type: 'varchar', length: '128' },
          { name: 'channel', type: 'varchar', length: '32' },
          timestamp('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_chat_token_citizen', columnNames: ['citizen_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('chat_token');
    await q.dropTable('message');
    await q.dropTable('conversation');
  }
}
