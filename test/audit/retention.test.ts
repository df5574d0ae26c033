import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DisclosureRequest, HotlineTicket, Message } from '../../entities';
import { ERASED_TEXT } from '../../src/audit/citizenData';
import { loadRetention, purgeExpired } from '../../src/audit/retention';
import { buildAnnualReport } from '../../src/disclosure/report';
import { hotlineReport } from '../../src/hotline/report';
import { generateYear } from '../disclosure/yearOfCases';
import { webCitizen } from '../support/conversation';
import { runCli } from '../support/cli';
import { createTestApp, freshDatabaseUrl, TEST_DB, type TestApp } from '../support/testApp';

/** Personal data past their retention period are erased; the reports count exactly as before. */
describe('retention', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({}, {}, { seed: false });
    await generateYear(app);
    const citizen = webCitizen(app);
    for (const line of ['我要投诉小区噪音', '是', '没有了', '城关区幸福路12号', '13800138000', '确认']) await citizen.say(line);
  });
  afterAll(() => app.close());

  it('reads config/retention.yaml', () => {
    expect(loadRetention('config')).toEqual({ conversations: 180, closedTickets: 1095, closedDisclosure: 3650 });
  });

  it('erases chats, closed tickets and closed disclosure requests past their period, and the reports stay the same', async () => {
    // The ticket was closed at once (set directly: the workflow is tested elsewhere).
    await app.db.dataSource
      .getRepository(HotlineTicket)
      .update({ category: 'complaint' }, { status: 'closed', closedAt: app.clock.now, resolution: 'resolved' });
    const annual = () => app.db.transaction((tx) => buildAnnualReport(tx, { year: 2025 }, app.disclosure.agencies));
    const monthly = () => hotlineReport(app.db, app.hotline, { month: '2026-11', now: new Date('2026-12-10T02:00:00Z') });
    const [annualBefore, monthlyBefore] = [await annual(), await monthly()];

    const policy = { conversations: 30, closedTickets: 30, closedDisclosure: 300 };
    const later = new Date('2027-06-01T00:00:00Z');
    // Nothing of the chat or the ticket is due yet on the day.
    expect(await purgeExpired(app.db, policy, app.clock.now, true)).toMatchObject({ messages: 0, tickets: 0 });
    const due = await purgeExpired(app.db, policy, later, true);
    expect(due.messages).toBeGreaterThan(5);
    expect(due.tickets).toBe(1);
    expect(due.disclosureRequests).toBeGreaterThan(5);
    // A dry run changes nothing; the purge erases what the dry run counted, once.
    expect(await purgeExpired(app.db, policy, later, true)).toEqual(due);
    expect(await purgeExpired(app.db, policy, later)).toEqual(due);
    expect(await purgeExpired(app.db, policy, later, true)).toEqual({
      messages: 0,
      unansweredQuestions: 0,
      outboxMessages: 0,
      threads: 0,
      tickets: 0,
      disclosureRequests: 0,
    });

    const ticket = await app.db.dataSource.getRepository(HotlineTicket).findOneByOrFail({ category: 'complaint' });
    expect(ticket).toMatchObject({ location: null, phone: null, content: ERASED_TEXT });
    const requests = await app.db.dataSource.getRepository(DisclosureRequest).find();
    const closed = requests.filter((r) => r.status === 'closed');
    expect(closed.length).toBe(due.disclosureRequests);
    for (const r of closed)
      expect(r).toMatchObject({ applicantName: ERASED_TEXT, idNumber: ERASED_TEXT, phone: ERASED_TEXT, address: null, email: null });
    for (const r of requests.filter((x) => x.status !== 'closed')) expect(r.applicantName).not.toBe(ERASED_TEXT);
    expect(JSON.stringify(await app.db.dataSource.getRepository(Message).find())).not.toContain('幸福路12号');

    expect(await annual()).toEqual(annualBefore);
    expect(await monthly()).toEqual(monthlyBefore);
  });
});

describe('wenzheng data purge / rekey', () => {
  it('count with --dry-run, erase without, and re-encrypt; each reports per kind', async () => {
    const database = TEST_DB.startsWith('sqlite:')
      ? { url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'wenzheng-purge-')), 'purge.db')}`, drop: async () => undefined }
      : await freshDatabaseUrl();
    try {
      const env = { WENZHENG_DB: database.url, WENZHENG_MATCH_THREADS: '0' };
      const dry = await runCli(['data', 'purge', '--dry-run'], { env });
      expect(dry).toMatchObject({ code: 0 });
      expect(dry.out).toMatch(/^messages: 0 to erase$/m);
      expect(dry.out).toMatch(/^disclosureRequests: 0 to erase$/m);
      expect((await runCli(['data', 'purge'], { env })).out).toMatch(/^tickets: 0 erased$/m);
      expect((await runCli(['data', 'rekey'], { env })).out).toMatch(/^staff_account: 0 rows re-encrypted$/m);
      expect((await runCli(['data', 'shred'], { env })).code).toBe(2);
    } finally {
      await database.drop();
    }
  });
});
