import { createHmac, randomBytes } from 'node:crypto';
import { HotlineTicket, StaffAccount } from '../../entities';
import { createKeyring, dataKeyOf, decryptValue, encryptValue, keyedHash, useKeyring } from '../../entities/encryption';
import { rekeyPersonalData } from '../../src/staff/audit/rekey';
import { MIGRATIONS } from '../../src/platform/db/migrations';
import { PersonalDataEncryption1732550000014 } from '../../src/platform/db/migrations/0014-personal-data-encryption';
import { webCitizen } from '../support/conversation';
import { addStaff } from '../staff/support';
import { runCli } from '../support/cli';
import { createTestApp, type TestApp } from '../support/testApp';

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const idOf = (key: Buffer) => dataKeyOf(key).id;

describe('personal data encrypted at rest', () => {
  it('is AES-256-GCM with the key id in front, readable with an older key, tamper-evident', () => {
    const a = createKeyring(KEY_A);
    const stored = encryptValue('13800138000', a);
    expect(stored).toMatch(new RegExp(`^wz1:${idOf(KEY_A)}:[A-Za-z0-9+/]+=*$`));
    expect(stored).not.toContain('13800138000');
    expect(encryptValue('13800138000', a)).not.toBe(stored);
    expect(decryptValue(stored, a)).toBe('13800138000');
    // After rotation: B writes, A still reads.
    expect(decryptValue(stored, createKeyring(KEY_B, [KEY_A]))).toBe('13800138000');
    expect(() => decryptValue(stored, createKeyring(KEY_B))).toThrow(/WENZHENG_DATA_KEYS_OLD/);
    const tampered = stored.slice(0, -6) + (stored.at(-6) === 'A' ? 'B' : 'A') + stored.slice(-5);
    expect(() => decryptValue(tampered, a)).toThrow();
    // Rows from before encryption read as they are.
    expect(decryptValue('13800138000', a)).toBe('13800138000');
  });

  it('hashes lookups with a key derived from the current key, the same way every release did', () => {
    // Stored hashes (an applicant's ID number, an inbound text) must keep matching after an upgrade.
    const derived = createHmac('sha256', KEY_A).update('wenzheng lookup hash').digest();
    const a = createKeyring(KEY_A);
    expect(keyedHash('410302199001011234', a)).toBe(createHmac('sha256', derived).update('410302199001011234').digest('hex'));
    expect(keyedHash('410302199001011234', createKeyring(KEY_B, [KEY_A]))).not.toBe(keyedHash('410302199001011234', a));
  });

  it('refuses to start in production without a key, naming the variable and never a value (exit 2)', async () => {
    const missing = await runCli(['migrate'], { env: { NODE_ENV: 'production', WENZHENG_DB: 'sqlite::memory:' } });
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/WENZHENG_DATA_KEY: must be set in production/);
    const wrong = await runCli(['migrate'], {
      env: { NODE_ENV: 'production', WENZHENG_DB: 'sqlite::memory:', WENZHENG_DATA_KEY: 'c2VjcmV0LWJ1dC10b28tc2hvcnQ=' },
    });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/WENZHENG_DATA_KEY: must be 32 bytes in base64/);
    expect(wrong.err).not.toContain('c2VjcmV0LWJ1dC10b28tc2hvcnQ=');
    const good = await runCli(['migrate'], {
      env: {
        NODE_ENV: 'production',
        WENZHENG_DB: 'sqlite::memory:',
        WENZHENG_MATCH_THREADS: '0',
        WENZHENG_DATA_KEY: KEY_A.toString('base64'),
      },
    });
    expect(good.code).toBe(0);
  });

  describe('in the database', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp({ WENZHENG_DATA_KEY: KEY_A.toString('base64') }, {}, { seed: false });
      const citizen = webCitizen(app);
      for (const line of ['我要投诉小区噪音', '是', '没有了', '西工区幸福路12号', '13800138000', '确认']) await citizen.say(line);
      await addStaff(app, 'op-enc', ['operator'], { displayName: '王小明', phone: '13912345678' });
    });
    afterAll(() => app.close());

    const raw = async () => {
      const tickets: { location: string; phone: string }[] = await app.db.dataSource.query('SELECT location, phone FROM hotline_ticket');
      const staff: { display_name: string; phone: string }[] = await app.db.dataSource.query(
        "SELECT display_name, phone FROM staff_account WHERE name = 'op-enc'",
      );
      return [tickets[0]!.location, tickets[0]!.phone, staff[0]!.display_name, staff[0]!.phone];
    };
    const read = async () => {
      const ticket = await app.db.dataSource.getRepository(HotlineTicket).findOneByOrFail({ category: 'complaint' });
      const staff = await app.db.dataSource.getRepository(StaffAccount).findOneByOrFail({ name: 'op-enc' });
      return [ticket.location, ticket.phone, staff.displayName, staff.phone];
    };
    const PLAIN = ['西工区幸福路12号', '13800138000', '王小明', '13912345678'];

    it('stores names, phone numbers and addresses encrypted; the application reads them whole', async () => {
      for (const value of await raw()) expect(value).toMatch(new RegExp(`^wz1:${idOf(KEY_A)}:`));
      expect(await read()).toEqual(PLAIN);
    });

    it('encrypts the plaintext rows of a database from before (the migration, up and down)', async () => {
      // Back to before 0014, through the migrations that followed it.
      const fromEncryption = MIGRATIONS.slice(MIGRATIONS.indexOf(PersonalDataEncryption1732550000014)).map((m) => m.name);
      for (let i = 0; i < fromEncryption.length; i++) await app.db.dataSource.undoLastMigration({ transaction: 'each' });
      expect(await raw()).toEqual(PLAIN);
      expect(await app.db.migrate()).toEqual(fromEncryption);
      for (const value of await raw()) expect(value).toMatch(new RegExp(`^wz1:${idOf(KEY_A)}:`));
      expect(await read()).toEqual(PLAIN);
    });

    it('rotates keys: the new key writes, the old one reads until `data rekey` rewrote everything', async () => {
      useKeyring(createKeyring(KEY_B, [KEY_A]));
      expect(await read()).toEqual(PLAIN);
      const changed = await rekeyPersonalData(app.db);
      expect(changed).toMatchObject({ hotline_ticket: 1, staff_account: 1 });
      for (const value of await raw()) expect(value).toMatch(new RegExp(`^wz1:${idOf(KEY_B)}:`));
      expect(await rekeyPersonalData(app.db)).toMatchObject({ hotline_ticket: 0, staff_account: 0 });
      useKeyring(createKeyring(KEY_B));
      expect(await read()).toEqual(PLAIN);
    });
  });
});
