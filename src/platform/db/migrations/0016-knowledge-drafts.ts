import { Table, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timestamp } from './columns';

/** Changes to published entries wait here until published (knowledge_entry_draft). */
export class KnowledgeDrafts1796000016000 implements MigrationInterface {
  name = 'KnowledgeDrafts1796000016000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'knowledge_entry_draft',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'entry_key', type: 'varchar', length: '64' },
          { name: 'snapshot', type: 'text' },
          { name: 'base_version', type: 'integer' },
          { name: 'saved_by', type: 'varchar', length: '100' },
          timestamp('saved_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_knowledge_entry_draft', columnNames: ['entry_key'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('knowledge_entry_draft');
  }
}
