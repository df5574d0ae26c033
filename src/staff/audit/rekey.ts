import type { Database } from '../../platform/db/database';
import { ENCRYPTED_COLUMNS, hashIdNumbers, rewriteColumns } from '../../platform/db/migrations/0014-personal-data-encryption';
import { decryptValue, encryptValue, needsRekey } from '../../../entities/encryption';

/**
 * Key rotation: every encrypted value not written with the current WENZHENG_DATA_KEY (an older key
 * from WENZHENG_DATA_KEYS_OLD, or plaintext) is rewritten with it, table by table in a transaction
 * each. Afterwards the old keys can be dropped. Returns how many rows changed per table.
 */
export async function rekeyPersonalData(db: Database): Promise<Record<string, number>> {
  const changed: Record<string, number> = {};
  for (const { table, columns } of ENCRYPTED_COLUMNS) {
    changed[table] = await db.transaction((tx) =>
      rewriteColumns(
        tx,
        table,
        columns.map((c) => c.name),
        (stored) => (needsRekey(stored) ? encryptValue(decryptValue(stored)) : null),
      ),
    );
  }
  // The lookup hash is keyed from the current key as well.
  await db.transaction((tx) => hashIdNumbers(tx));
  return changed;
}
