import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** message.text_hash: a reused client message id with another text is told apart from a retry. */
export class MessageTextHash1796000017000 implements MigrationInterface {
  name = 'MessageTextHash1796000017000';

  async up(q: QueryRunner): Promise<void> {
    // Rows from before have none: a retry of one of them is answered as before.
    await q.addColumn('message', new TableColumn({ name: 'text_hash', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('message', 'text_hash');
  }
}
