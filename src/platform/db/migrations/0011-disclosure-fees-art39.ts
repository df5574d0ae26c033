import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Disclosure requests: the fee notice procedure of 国办函〔2020〕109号 (notice date, payment
 * deadline, payment), and the Art. 39 hint given at intake (the officer decides).
 */
export class DisclosureFeesArt391732550000011 implements MigrationInterface {
  name = 'DisclosureFeesArt391732550000011';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('disclosure_request', [
      new TableColumn({ name: 'fee_notice_on', type: 'varchar', length: '10', isNullable: true }),
      new TableColumn({ name: 'fee_payment_due_on', type: 'varchar', length: '10', isNullable: true }),
      new TableColumn({ name: 'fee_paid_on', type: 'varchar', length: '10', isNullable: true }),
      new TableColumn({ name: 'art39_hint', type: 'varchar', length: '16', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['art39_hint', 'fee_paid_on', 'fee_payment_due_on', 'fee_notice_on'])
      await q.dropColumn('disclosure_request', column);
  }
}
