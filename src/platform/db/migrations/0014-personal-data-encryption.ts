import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { decryptValue, encryptValue, isEncrypted, keyedHash } from '../../../../entities/encryption';

/** The personal data of case records and staff accounts, encrypted at rest (entities/encryption.ts). */
export const ENCRYPTED_COLUMNS: { table: string; columns: { name: string; length: number; nullable: boolean }[] }[] = [
  {
    table: 'disclosure_request',
    columns: [
      { name: 'applicant_name', length: 200, nullable: false },
      { name: 'id_number', length: 64, nullable: false },
      { name: 'phone', length: 32, nullable: false },
      { name: 'address', length: 300, nullable: true },
      { name: 'email', length: 254, nullable: true },
    ],
  },
  {
    table: 'hotline_ticket',
    columns: [
      { name: 'location', length: 200, nullable: true },
      { name: 'phone', length: 32, nullable: true },
    ],
  },
  {
    table: 'staff_account',
    columns: [
      { name: 'display_name', length: 100, nullable: true },
      { name: 'phone', length: 32, nullable: true },
    ],
  },
];

/** Rewrites every value of the columns through `convert`, row by row (parameters: portable on both databases). */
export async function rewriteColumns(
  q: Pick<QueryRunner, 'query'>,
  table: string,
  columns: string[],
  convert: (stored: string) => string | null,
): Promise<number> {
  const rows: Record<string, unknown>[] = await q.query(`SELECT id, ${columns.join(', ')} FROM ${table}`);
  let changed = 0;
  for (const row of rows) {
    const updates = columns
      .map((c) => [c, typeof row[c] === 'string' ? convert(row[c] as string) : null] as const)
      .filter(([, v]) => v !== null);
    if (updates.length === 0) continue;
    await q.query(`UPDATE ${table} SET ${updates.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`, [
      ...updates.map(([, v]) => v),
      row.id,
    ]);
    changed++;
  }
  return changed;
}

/**
 * Changes the columns' type keeping their values: MySQL in place (TypeORM's changeColumn would drop
 * and re-add a column whose type changes, losing the data), SQLite by TypeORM's table rebuild.
 */
async function retype(
  q: QueryRunner,
  table: string,
  columns: { name: string; type: 'text' | 'varchar'; length: number; nullable: boolean }[],
): Promise<void> {
  if (q.connection.driver.options.type === 'better-sqlite3') {
    const current = await q.getTable(table);
    await q.changeColumns(
      table,
      columns.map((c) => ({
        oldColumn: current!.findColumnByName(c.name)!,
        newColumn: new TableColumn({
          name: c.name,
          type: c.type,
          ...(c.type === 'varchar' ? { length: String(c.length) } : {}),
          isNullable: c.nullable,
        }),
      })),
    );
    return;
  }
  const type = (c: (typeof columns)[number]) => (c.type === 'text' ? 'text' : `varchar(${c.length})`);
  await q.query(`ALTER TABLE ${table} ${columns.map((c) => `MODIFY ${c.name} ${type(c)} ${c.nullable ? 'NULL' : 'NOT NULL'}`).join(', ')}`);
}

/** (Re)computes the keyed hash of every request's ID number with the current key. */
export async function hashIdNumbers(q: Pick<QueryRunner, 'query'>): Promise<void> {
  const rows: { id: number; id_number: string }[] = await q.query('SELECT id, id_number FROM disclosure_request');
  for (const row of rows)
    await q.query('UPDATE disclosure_request SET id_number_hash = ? WHERE id = ?', [keyedHash(decryptValue(row.id_number)), row.id]);
}

/**
 * Widens the columns to text (ciphertext is longer) and encrypts the plaintext already stored; the
 * ID number gets a keyed hash for the same-applicant lookup.
 */
export class PersonalDataEncryption1732550000014 implements MigrationInterface {
  name = 'PersonalDataEncryption1732550000014';

  async up(q: QueryRunner): Promise<void> {
    for (const { table, columns } of ENCRYPTED_COLUMNS) {
      await retype(
        q,
        table,
        columns.map((c) => ({ ...c, type: 'text' })),
      );
      await rewriteColumns(
        q,
        table,
        columns.map((c) => c.name),
        (stored) => (isEncrypted(stored) ? null : encryptValue(stored)),
      );
    }
    await q.addColumn('disclosure_request', new TableColumn({ name: 'id_number_hash', type: 'varchar', length: '64', default: "''" }));
    await hashIdNumbers(q);
    // The default only filled the rows already there; the entity always sets the hash.
    const withDefault = (await q.getTable('disclosure_request'))!.findColumnByName('id_number_hash')!;
    await q.changeColumn('disclosure_request', withDefault, new TableColumn({ name: 'id_number_hash', type: 'varchar', length: '64' }));
    await q.createIndex(
      'disclosure_request',
      new TableIndex({ name: 'ix_disclosure_request_applicant', columnNames: ['id_kind', 'id_number_hash'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('disclosure_request', 'ix_disclosure_request_applicant');
    await q.dropColumn('disclosure_request', 'id_number_hash');
    for (const { table, columns } of ENCRYPTED_COLUMNS) {
      await rewriteColumns(
        q,
        table,
        columns.map((c) => c.name),
        (stored) => (isEncrypted(stored) ? decryptValue(stored) : null),
      );
      await retype(
        q,
        table,
        columns.map((c) => ({ ...c, type: 'varchar', length: c.length })),
      );
    }
  }
}
