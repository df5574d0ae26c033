import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../../config';
import { createApp } from '../app';
import { DataFileError } from '../platform/data/loadDataFile';
import { createCommandLogger } from '../platform/logger';
import { calendarCommands } from './calendar';
import type { Command } from './cliApp';
import { casesCommands } from './cases';
import { evaluate } from './evaluate';
import { data } from './data';
import { ask, kbExport, kbGaps, kbImport } from './knowledge';
import { reportCommands } from './report';
import type { Server } from 'node:http';
import { StartupError } from '../platform/startupError';
import { listen, serve } from './serve';
import { staffCommands } from './staff';
import { UsageError, usageLine } from './usage';

const HELP = `wenzheng — 问政 chat-bot backend

Usage: wenzheng <command> [options]

Commands:
  serve                 migrate the database, seed the knowledge base when empty, and serve HTTP
  migrate               apply pending database migrations and exit
  ask [--json] [TEXT]   show what the bot makes of TEXT; without TEXT, one question per line from stdin (JSON lines)
  kb import FILE... [--replace [--yes]] [--dry-run]
                        upsert knowledge entries (and labelled questions, labels:) from JSON/YAML files, all or nothing;
                        --replace archives entries the files do not contain (asks first on a terminal, else needs --yes);
                        --dry-run reports what would be created, updated and archived, and writes nothing
  kb export [FILE]      write every entry and labelled question in the same format (YAML for .yaml/.yml, else JSON; stdout without FILE)
  kb gaps [--since YYYY-MM-DD] [--json]
                        unanswered questions grouped by shared key terms, most frequent first
  eval [--json] [--weeks N]
                        the bot on the labelled questions (the city's evaluation set): top-1, wrong
                        answers and out-of-scope rejection, in all and per week of labelling (default 8 weeks)
  staff add --name NAME --role ROLE [--role ROLE2] [--display-name TEXT] [--phone NUMBER] [--password-stdin]
                        create a staff account (roles: operator, disclosure_officer, interpreter, admin);
                        prints its API token once
  staff list [--json]   every staff account with roles and state (personal data masked)
  staff token --name NAME
                        rotate the account's API token (prints the new one once; the old one stops working)
  staff disable|enable --name NAME
                        disable (refused at once, tokens revoked) or re-enable an account
  staff password --name NAME
                        set the login password from the first line of stdin
  calendar import FILE  add one year's holiday arrangement (YAML: year, source, holidays) to
                        config/holidays.yaml, or replace that year; restart the server afterwards
  cases due [--within N] [--agency CODE] [--json]
                        disclosure requests overdue or due within N working days (default 5), lapsed
                        corrections, consultations, and deadlines beyond the holiday calendar
  cases sweep           close requests whose correction period lapsed (视为放弃申请) and tell the applicants
  cases show NUMBER [--json]
                        one disclosure request with deadlines and history (personal data masked): a table, or JSON
  report annual --year YYYY [--agency CODE] [--format md|csv|json] [--output FILE]
                        the disclosure tables of the annual report (表三, 表四, by channel/topic/agency);
                        exits 1 when table 三 does not balance
  report hotline --month YYYY-MM [--department CODE] [--format md|csv|json] [--output FILE]
                        12345 tickets of the month by category and channel, 响应率, 解决率, 满意率,
                        the weighted composite and the on-time rate
  data purge [--dry-run]
                        erase (or count) personal data past their retention period (config/retention.yaml,
                        WENZHENG_RETENTION_<KIND>_DAYS) and anonymise old audit events
  data rekey            re-encrypt personal data written with an older key (WENZHENG_DATA_KEYS_OLD)
                        with WENZHENG_DATA_KEY
  --help, help          show this help

Configuration comes from environment variables (see README.md), e.g.
  WENZHENG_DB=sqlite:data/wenzheng.db  WENZHENG_PORT=3000  WENZHENG_LOG_LEVEL=info
`;

const kbCommands: Record<string, Command> = { import: kbImport, export: kbExport, gaps: kbGaps };

const commands: Record<string, Command> = {
  ask,
  eval: evaluate,
  data,
  async staff([sub, ...args], open) {
    const command = sub ? staffCommands[sub] : undefined;
    if (!command)
      throw new UsageError(sub ? `unknown staff command "${sub}"` : `staff needs a command: ${Object.keys(staffCommands).join(', ')}`);
    return command(args, open);
  },
  async calendar([sub, ...args], open) {
    const command = sub ? calendarCommands[sub] : undefined;
    if (!command)
      throw new UsageError(
        sub ? `unknown calendar command "${sub}"` : `calendar needs a command: ${Object.keys(calendarCommands).join(', ')}`,
      );
    return command(args, open);
  },
  async cases([sub, ...args], open) {
    const command = sub ? casesCommands[sub] : undefined;
    if (!command)
      throw new UsageError(sub ? `unknown cases command "${sub}"` : `cases needs a command: ${Object.keys(casesCommands).join(', ')}`);
    return command(args, open);
  },
  async report([sub, ...args], open) {
    const command = sub ? reportCommands[sub] : undefined;
    if (!command)
      throw new UsageError(sub ? `unknown report command "${sub}"` : `report needs a command: ${Object.keys(reportCommands).join(', ')}`);
    return command(args, open);
  },
  async kb([sub, ...args], open) {
    const command = sub ? kbCommands[sub] : undefined;
    if (!command) throw new UsageError(sub ? `unknown kb command "${sub}"` : 'kb needs a command: import, export or gaps');
    return command(args, open);
  },
  async serve(args) {
    parseArgs({ args, options: {}, strict: true });
    const app = await createApp(loadConfig());
    let server: Server | null = null;
    try {
      server = await listen(app);
      const { applied, seeded } = await app.start();
      if (applied.length) app.logger.info({ applied }, 'migrations applied');
      if (seeded) app.logger.info({ entries: seeded.created.length }, 'knowledge base seeded from seeds/knowledge');
    } catch (err) {
      // Whatever stops the start ends the process: nothing half-started stays alive without serving.
      if (!(err instanceof StartupError)) app.logger.error({ err }, 'start-up failed');
      server?.close();
      await app.close().catch(() => undefined);
      throw err instanceof StartupError ? err : new StartupError(`start-up failed: ${(err as Error).message}`);
    }
    const { stopped } = serve(app, server);
    await stopped;
    return 0;
  },
  async migrate(args) {
    parseArgs({ args, options: {}, strict: true });
    const app = await openForCommand(loadConfig({ ...process.env, WENZHENG_LOG_LEVEL: process.env.WENZHENG_LOG_LEVEL ?? 'warn' }));
    try {
      const applied = await app.migrate();
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    } finally {
      await app.close();
    }
  },
};

/** The app of every command but `serve`: its log goes to standard error, apart from the command's output. */
function openForCommand(config: Config) {
  return createApp(config, { logger: createCommandLogger(config.logLevel) });
}

/** `wenzheng kb export | head`: the reader leaving early is not an error. */
function quietOnBrokenPipe(err: NodeJS.ErrnoException) {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
}

export async function main(argv: string[]): Promise<number> {
  if (!process.stdout.listeners('error').includes(quietOnBrokenPipe)) process.stdout.on('error', quietOnBrokenPipe);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command(rest, openForCommand);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataFileError) {
      console.error(`wenzheng: ${err.message}`);
      return 2;
    }
    if (err instanceof StartupError) {
      console.error(`wenzheng: ${err.message}`);
      return 1;
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`wenzheng: ${(err as Error).message}\n${usageLine(HELP, argv)}`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // A failed start must end the process even if a connection or timer it opened lingers.
      if (code !== 0) setTimeout(() => process.exit(code), 1000).unref();
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
