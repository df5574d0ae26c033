import { parseArgs } from 'node:util';
import { cliActor } from '../staff/audit/context';
import { rekeyPersonalData } from '../staff/audit/rekey';
import { loadRetention, purgeExpired } from '../staff/audit/retention';
import { loadConfig } from '../../config';
import { withCliApp, type Command, type OpenApp } from './cliApp';
import { UsageError } from './usage';

export const dataCommands: Record<string, Command> = {
  /** `data rekey`: rewrite personal data written with an older key (WENZHENG_DATA_KEYS_OLD) with WENZHENG_DATA_KEY. */
  async rekey(args, open) {
    parseArgs({ args, options: {}, strict: true });
    return withCliApp(open, 'migrate', async (app) => {
      const changed = await rekeyPersonalData(app.db);
      for (const [table, rows] of Object.entries(changed)) console.log(`${table}: ${rows} rows re-encrypted`);
      return 0;
    });
  },
};

/** `data purge [--dry-run]`: erase (or count) personal data past their retention period (config/retention.yaml, WENZHENG_RETENTION_*_DAYS). */
dataCommands.purge = async (args, open) => {
  const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean', default: false } }, strict: true });
  const config = loadConfig();
  const policy = loadRetention(config.configDir, config.retentionDays);
  return withCliApp(open, 'migrate', async (app) => {
    const counts = await purgeExpired(app.db, policy, new Date(), values['dry-run'], cliActor());
    for (const [kind, n] of Object.entries(counts)) console.log(`${kind}: ${n} ${values['dry-run'] ? 'to erase' : 'erased'}`);
    return 0;
  });
};

export async function data([sub, ...args]: string[], open: OpenApp): Promise<number> {
  const command = sub ? dataCommands[sub] : undefined;
  if (!command) throw new UsageError(sub ? `unknown data command "${sub}"` : 'data needs a command: rekey, purge');
  return command(args, open);
}
