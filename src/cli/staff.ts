import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { cliActor } from '../staff/audit/context';
import { maskRecord } from '../staff/audit/personalData';
import { validatePhone } from '../cases/shared/identity';
import { ROLES, type Role } from '../../entities/StaffAccount';
import { passwordSchema, roleSchema, staffNameSchema } from '../staff/roles';
import { staffService, staffView } from '../staff/service';
import { withCliApp, type CliApp, type Command, type OpenApp } from './cliApp';
import { table } from './table';
import { UsageError } from './usage';

function nameOf(value: string | undefined, command: string): string {
  if (!value) throw new UsageError(`staff ${command} needs --name NAME`);
  const parsed = staffNameSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--name ${parsed.error.issues[0].message} (got "${value}")`);
  return parsed.data;
}

function rolesOf(values: string[] | undefined): Role[] {
  if (!values?.length) throw new UsageError(`staff add needs at least one --role (${ROLES.join(', ')})`);
  return values.map((value) => {
    const parsed = roleSchema.safeParse(value);
    if (!parsed.success) throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${value}")`);
    return parsed.data;
  });
}

async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function passwordFromStdin(): Promise<string> {
  const password = await firstLineOfStdin();
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new UsageError(`the password on standard input ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** `staff add --name N --role R [--role R2] [--display-name X] [--phone P] [--password-stdin]`: prints the one-time API token. */
export async function staffAdd(args: string[], open: OpenApp): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      'display-name': { type: 'string' },
      phone: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const name = nameOf(values.name, 'add');
  const roles = rolesOf(values.role);
  let phone: string | undefined;
  if (values.phone !== undefined) {
    const checked = validatePhone(values.phone);
    if (checked.status !== 'valid') throw new UsageError(`--phone: ${checked.message}`);
    phone = checked.value.number;
  }
  const password = values['password-stdin'] ? await passwordFromStdin() : undefined;
  return withCliApp(open, 'migrate', async (app) => {
    const { account, token } = await staffService.create(
      app.db,
      { name, roles, displayName: values['display-name']?.trim() || undefined, phone, password },
      cliActor(),
      new Date(),
    );
    console.error(`created staff account "${account.name}" (${account.roles.join(', ')}); its API token follows, shown this once:`);
    console.log(token);
    return 0;
  });
}

/** `staff list [--json]`: every account, personal data masked. */
export async function staffList(args: string[], open: OpenApp): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  return withCliApp(open, 'migrate', async (app) => {
    const now = new Date();
    const accounts = (await staffService.list(app.db)).map((a) => maskRecord(staffView(a, now), { displayName: 'name', phone: 'phone' }));
    if (values.json) {
      for (const a of accounts) console.log(JSON.stringify(a));
    } else if (accounts.length === 0) {
      console.log('no staff accounts; add one with: wenzheng staff add --name NAME --role admin');
    } else {
      // Aligned by display width: login names run to 64 characters, display names are Chinese.
      const rows = accounts.map((a) => [
        a.name,
        a.roles.join(','),
        a.disabled ? 'disabled' : a.lockedUntil ? `locked until ${a.lockedUntil}` : 'enabled',
        a.hasPassword ? 'password' : 'token-only',
        a.displayName ?? '',
        a.phone ?? '',
      ]);
      console.log(table(['name', 'roles', 'state', 'login', 'display name', 'phone'], rows));
    }
    return 0;
  });
}

function onAccount(command: string, work: (app: CliApp, name: string) => Promise<number>) {
  return async (args: string[], open: OpenApp): Promise<number> => {
    const { values } = parseArgs({ args, options: { name: { type: 'string' } } });
    const name = nameOf(values.name, command);
    return withCliApp(open, 'migrate', (app) => work(app, name));
  };
}

/** `staff disable --name N`: refused at once, every token revoked. */
export const staffDisable = onAccount('disable', async (app, name) => {
  await staffService.update(app.db, name, { disabled: true }, cliActor(), new Date());
  console.log(`disabled "${name}"; its tokens are revoked`);
  return 0;
});

export const staffEnable = onAccount('enable', async (app, name) => {
  await staffService.update(app.db, name, { disabled: false }, cliActor(), new Date());
  console.log(`enabled "${name}"; rotate its token with: wenzheng staff token --name ${name}`);
  return 0;
});

/** `staff token --name N`: a new API token (printed once); the old ones stop working. */
export const staffToken = onAccount('token', async (app, name) => {
  const token = await staffService.rotateToken(app.db, name, cliActor(), new Date());
  console.error(`new API token for "${name}" follows, shown this once; the previous one no longer works:`);
  console.log(token);
  return 0;
});

/** `staff password --name N`: sets the password read from the first line of standard input. */
export async function staffPassword(args: string[], open: OpenApp): Promise<number> {
  const { values } = parseArgs({ args, options: { name: { type: 'string' } } });
  const name = nameOf(values.name, 'password');
  const password = await passwordFromStdin();
  return withCliApp(open, 'migrate', async (app) => {
    await staffService.update(app.db, name, { password }, cliActor(), new Date());
    console.log(`password of "${name}" set; its login sessions were ended`);
    return 0;
  });
}

export const staffCommands: Record<string, Command> = {
  add: staffAdd,
  list: staffList,
  disable: staffDisable,
  enable: staffEnable,
  token: staffToken,
  password: staffPassword,
};
