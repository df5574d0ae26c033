import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id36, timestamp } from './columns';

export class Knowledge1732550000002 implements MigrationInterface {
  name = 'Knowledge1732550000002';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'knowledge_entry',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'entry_key', type: 'varchar', length: '64' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'questions', type: 'text' },
          { name: 'keywords', type: 'text' },
          { name: 'answer', type: 'text' },
          { name: 'sections', type: 'text' },
          { name: 'department', type: 'varchar', length: '100', isNullable: true },
          { name: 'region', type: 'varchar', length: '100', isNullable: true },
          { name: 'source', type: 'text', isNullable: true },
          { name: 'valid_from', type: 'varchar', length: '10', isNullable: true },
          { name: 'valid_until', type: 'varchar', length: '10', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'version', type: 'integer' },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_knowledge_entry_key', columnNames: ['entry_key'] })],
        indices: [new TableIndex({ name: 'ix_knowledge_entry_status', columnNames: ['status'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'knowledge_entry_version',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'entry_key', type: 'varchar', length: '64' },
          { name: 'version', type: 'integer' },
          { name: 'snapshot', type: 'text' },
          { name: 'changed_by', type: 'varchar', length: '100' },
          timestamp('changed_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_knowledge_entry_version', columnNames: ['entry_key', 'version'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'knowledge_revision',
        columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'revision', type: 'integer' }, timestamp('updated_at')],
      }),
    );
    await q.query(`INSERT INTO knowledge_revision (id, revision, updated_at) VALUES (1, 0, '2000-01-01 00:00:00.000')`);
    await q.createTable(
      new Table({
        name: 'unanswered_question',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'text', type: 'text' },
          { name: 'terms', type: 'text' },
          { name: 'channel', type: 'varchar', length: '32' },
          id36('conversation_id'),
          timestamp('asked_at'),
        ],
        indices: [new TableIndex({ name: 'ix_unanswered_asked', columnNames: ['asked_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['unanswered_question', 'knowledge_revision', 'knowledge_entry_version', 'knowledge_entry'])
      await q.dropTable(table);
  }
}
