import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timestamp } from './columns';

export class EntryAnswers1732550000007 implements MigrationInterface {
  name = 'EntryAnswers1732550000007';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'entry_answer',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'entry_key', type: 'varchar', length: '64' },
          { name: 'channel', type: 'varchar', length: '32' },
          timestamp('answered_at'),
        ],
        indices: [new TableIndex({ name: 'ix_entry_answer_time', columnNames: ['answered_at', 'entry_key'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('entry_answer');
  }
}
