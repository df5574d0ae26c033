import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** conversation.inbound_minute and inbound_count: the flood count on the conversation's row instead of rate_counter. */
export class ConversationInboundCount1796000018016 implements MigrationInterface {
  name = 'ConversationInboundCount1796000018016';

  async up(q: QueryRunner): Promise<void> {
    // Existing conversations start uncounted: at most one minute's flood goes unchecked at the upgrade.
    for (const name of ['inbound_minute', 'inbound_count'])
      await q.addColumn('conversation', new TableColumn({ name, type: 'integer', default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['inbound_count', 'inbound_minute']) await q.dropColumn('conversation', name);
  }
}
