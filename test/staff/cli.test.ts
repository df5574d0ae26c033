import { loadConfig } from '../../config';
import { createApp, type App } from '../../src/app';
import { AuditEvent, StaffAccount } from '../../entities';
import request from 'supertest';
import { runCli, useCliDatabase } from '../support/cli';

const run = (args: string[], stdin?: string) => runCli(args, { stdin });

describe('wenzheng staff', () => {
  let release: () => Promise<void>;
  let server: App;

  beforeAll(async () => {
    release = await useCliDatabase('wenzheng-cli');
    // A server on the same database, as in production: the CLI's changes apply to it at once.
    server = await createApp(loadConfig({ ...process.env, NODE_ENV: 'test' }));
    await server.start({ seed: false });
  });
  afterAll(async () => {
    await server.close();
    await release();
  });

  const me = (token: string) => request(server.callback()).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

  it('adds an account and prints its API token once, on standard output alone', async () => {
    const res = await run([
      'staff',
      'add',
      '--name',
      'liu.admin',
      '--role',
      'admin',
      '--role',
      'interpreter',
      '--display-name',
      '刘洋',
      '--phone',
      '13900001111',
    ]);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^wzs_[A-Za-z0-9_-]{43}$/);
    expect(res.err).toMatch(/created staff account "liu\.admin" \(interpreter, admin\)/);
    expect((await me(res.out).expect(200)).body).toMatchObject({ name: 'liu.admin', roles: ['interpreter', 'admin'], tokenKind: 'api' });
    const event = await server.db.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'staff.create', objectId: 'liu.admin' });
    expect(event).toMatchObject({ via: 'cli', actor: expect.stringMatching(/^cli:/) });
  });

  it('refuses wrong arguments with exit code 2 and a taken name with 1', async () => {
    expect((await run(['staff', 'add', '--name', 'x1'])).code).toBe(2);
    expect((await run(['staff', 'add', '--name', 'new-one', '--role', 'janitor'])).err).toMatch(
      /--role must be one of operator, disclosure_officer, interpreter, admin/,
    );
    expect((await run(['staff', 'add', '--name', 'Bad Name', '--role', 'admin'])).code).toBe(2);
    expect((await run(['staff', 'frobnicate'])).code).toBe(2);
    const taken = await run(['staff', 'add', '--name', 'liu.admin', '--role', 'admin']);
    expect(taken).toMatchObject({ code: 1, err: expect.stringMatching(/exists already/) });
  });

  it('lists accounts with personal data masked', async () => {
    const res = await run(['staff', 'list']);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/liu\.admin\s+interpreter,admin\s+enabled\s+token-only\s+刘\*\s+139\*\*\*\*1111/);
    expect(res.out).not.toContain('13900001111');
    const json = await run(['staff', 'list', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ name: 'liu.admin', phone: '139****1111', displayName: '刘*', disabled: false });
  });

  it('aligns the list by display width, with long login names and Chinese display names', async () => {
    const added = await run(
      ['staff', 'add', '--name', 'ouyang.nana.records-office-2026', '--display-name', '欧阳娜娜', '--phone', '13700002222'].concat([
        '--role',
        'operator',
        '--role',
        'disclosure_officer',
        '--role',
        'interpreter',
        '--role',
        'admin',
      ]),
    );
    expect(added.code).toBe(0);
    const lines = (await run(['staff', 'list'])).out.split('\n');
    // Columns a terminal gives the text before a cell: a Chinese character takes two.
    const column = (line: string, cell: string) =>
      Array.from(line.slice(0, line.indexOf(cell))).reduce((n, ch) => n + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
    const header = lines[0]!;
    const liu = lines.find((l) => l.startsWith('liu.admin '))!;
    const ouyang = lines.find((l) => l.startsWith('ouyang.nana.'))!;
    for (const [title, liuCell, ouyangCell] of [
      ['roles', 'interpreter,admin', 'operator,disclosure_officer'],
      ['state', 'enabled', 'enabled'],
      ['phone', '139****1111', '137****2222'],
    ]) {
      expect(column(liu, liuCell!)).toBe(column(header, title!));
      expect(column(ouyang, ouyangCell!)).toBe(column(header, title!));
    }
  });

  it('rotates the token: the old one stops working at once', async () => {
    const old = (await run(['staff', 'add', '--name', 'zhou', '--role', 'operator'])).out;
    const rotated = await run(['staff', 'token', '--name', 'zhou']);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/^wzs_/);
    await me(old).expect(401);
    await me(rotated.out).expect(200);
    expect((await run(['staff', 'token', '--name', 'nobody'])).code).toBe(1);
  });

  it('disables (refused at once) and enables accounts', async () => {
    const token = (await run(['staff', 'add', '--name', 'sun', '--role', 'interpreter'])).out;
    await me(token).expect(200);
    expect((await run(['staff', 'disable', '--name', 'sun'])).code).toBe(0);
    await me(token).expect(401);
    expect((await run(['staff', 'list'])).out).toMatch(/sun\s+interpreter\s+disabled/);
    expect((await run(['staff', 'enable', '--name', 'sun'])).code).toBe(0);
    const fresh = (await run(['staff', 'token', '--name', 'sun'])).out;
    await me(fresh).expect(200);
  });

  it('sets a password from standard input for password login', async () => {
    expect((await run(['staff', 'password', '--name', 'sun'], 'too short\n')).code).toBe(2);
    expect((await run(['staff', 'password', '--name', 'sun'], 'a proper long password\n')).code).toBe(0);
    const row = await server.db.dataSource.getRepository(StaffAccount).findOneByOrFail({ name: 'sun' });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    await request(server.callback()).post('/api/v1/auth/login').send({ name: 'sun', password: 'a proper long password' }).expect(200);
  });

  it('shows the staff commands in the help', async () => {
    const res = await run(['--help']);
    expect(res.out).toMatch(/staff add --name NAME --role ROLE/);
    expect(res.out).toMatch(/staff token --name NAME/);
  });
});
