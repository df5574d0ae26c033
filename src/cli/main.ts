import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config';
import { createApp } from '../app';
import { DataFileError } from '../data/loadDataFile';
import { ask, kbExport, kbGaps, kbImport } from './knowledge';
import { serve } from './serve';
import { UsageError } from './usage';

const HELP = `wenzheng — 问政 chat-bot backend

Usage: wenzheng <command> [options]

Commands:
  serve                 migrate the database, seed the knowledge base when empty, and serve HTTP
  migrate               apply pending database migrations and exit
  ask [--json] [TEXT]   show what the bot makes of TEXT; without TEXT, one question per line from stdin (JSON lines)
  kb import FILE... [--replace]
                        upsert knowledge entries from JSON/YAML files by key, all or nothing;
                        --replace archives entries the files do not contain
  kb export [FILE]      write every entry in the same format (YAML for .yaml/.yml, else JSON; stdout without FILE)
  kb gaps [--since YYYY-MM-DD] [--json]
                        unanswered questions grouped by shared key terms, most frequent first
  --help, help          show this help

Configuration comes from environment variables (see README.md), e.g.
  WENZHENG_DB=sqlite:data/wenzheng.db  WENZHENG_PORT=3000  WENZHENG_LOG_LEVEL=info
`;


type Command = (args: string[]) => Promise<number>;

const kbCommands: Record<string, Command> = { import: kbImport, export: kbExport, gaps: kbGaps };

const commands: Record<string, Command> = {
  ask,
  async kb([sub, ...args]) {
    const command = sub ? kbCommands[sub] : undefined;
    if (!command) throw new UsageError(sub ? `unknown kb command "${sub}"` : 'kb needs a command: import, export or gaps');
    return command(args);
  },
  async serve(args) {
    parseArgs({ args, options: {}, strict: true });
    const app = await createApp(loadConfig());
    const { applied, seeded } = await app.start();
    if (applied.length) app.logger.info({ applied }, 'migrations applied');
    if (seeded) app.logger.info({ entries: seeded.created.length }, 'knowledge base seeded from seeds/knowledge');
    const { stopped } = await serve(app);
    await stopped;
    return 0;
  },
  async migrate(args) {
    parseArgs({ args, options: {}, strict: true });
    const app = await createApp(loadConfig({ ...process.env, WENZHENG_LOG_LEVEL: process.env.WENZHENG_LOG_LEVEL ?? 'warn' }));
    try {
      const applied = await app.migrate();
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    } finally {
      await app.close();
    }
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command(rest);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataFileError) {
      console.error(`wenzheng: ${err.message}`);
      return 2;
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`wenzheng: ${(err as Error).message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
