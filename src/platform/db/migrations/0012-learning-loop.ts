import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id36, timestamp } from './columns';

export class LearningLoop1732550000012 implements MigrationInterface {
  name = 'LearningLoop1732550000012';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'asked_question',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          id36('conversation_id'),
          { name: 'channel', type: 'varchar', length: '32' },
          { name: 'text', type: 'text' },
          { name: 'terms', type: 'text' },
          { name: 'decision', type: 'varchar', length: '16' },
          { name: 'via', type: 'varchar', length: '16', isNullable: true },
          { name: 'entry_key', type: 'varchar', length: '64', isNullable: true },
          { name: 'section', type: 'varchar', length: '32', isNullable: true },
          { name: 'match_result', type: 'text' },
          timestamp('asked_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_asked_question_time', columnNames: ['asked_at'] }),
          new TableIndex({ name: 'ix_asked_question_conversation', columnNames: ['conversation_id', 'asked_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'labelled_question',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'text', type: 'text' },
          { name: 'text_key', type: 'varchar', length: '191' },
          { name: 'entry_key', type: 'varchar', length: '64', isNullable: true },
          { name: 'section', type: 'varchar', length: '32', isNullable: true },
          { name: 'verdict', type: 'varchar', length: '16' },
          timestamp('asked_at', { isNullable: true }),
          { name: 'labelled_by', type: 'varchar', length: '100' },
          timestamp('labelled_at'),
          { name: 'version', type: 'integer' },
        ],
        uniques: [new TableUnique({ name: 'uq_labelled_question_text', columnNames: ['text_key'] })],
        indices: [new TableIndex({ name: 'ix_labelled_question_entry', columnNames: ['entry_key'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['labelled_question', 'asked_question']) await q.dropTable(table);
  }
}
