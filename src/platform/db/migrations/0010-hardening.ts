import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timestamp } from './columns';

/** Webhook nonces seen (replay protection) and rate-limit windows shared by every instance. */
export class Hardening1732550000010 implements MigrationInterface {
  name = 'Hardening1732550000010';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'wechat_nonce',
        columns: [
          { name: 'channel', type: 'varchar', length: '32', isPrimary: true },
          { name: 'nonce', type: 'varchar', length: '64', isPrimary: true },
          { name: 'signed_at', type: 'varchar', length: '16', isPrimary: true },
          { name: 'body_hash', type: 'varchar', length: '64' },
          timestamp('expires_at'),
        ],
        indices: [new TableIndex({ name: 'ix_wechat_nonce_expiry', columnNames: ['expires_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rate_counter',
        columns: [
          { name: 'bucket', type: 'varchar', length: '191', isPrimary: true },
          timestamp('window_start', { isPrimary: true }),
          { name: 'hits', type: 'integer' },
          timestamp('expires_at'),
        ],
        indices: [new TableIndex({ name: 'ix_rate_counter_expiry', columnNames: ['expires_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rate_counter');
    await q.dropTable('wechat_nonce');
  }
}
