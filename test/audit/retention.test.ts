import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigError } from '../../config';
import { loadConfig } from '../../config';
import {
  AskedQuestion,
  AuditEvent,
  Conversation,
  DisclosureEvent,
  DisclosureRequest,
  HandoffThread,
  HotlineTicket,
  HotlineTicketEvent,
  Message,
  UnansweredQuestion,
} from '../../entities';
import { ERASED_TEXT } from '../../src/staff/audit/citizenData';
import { auditLog, type AuditRecord } from '../../src/staff/audit/repository';
import { AUDIT_RETENTION_ACTION, loadRetention, purgeExpired } from '../../src/staff/audit/retention';
import { buildAnnualReport } from '../../src/cases/disclosure/report';
import { hotlineReport } from '../../src/cases/hotline/report';
import { generateYear } from '../disclosure/yearOfCases';
import { writeTempFiles } from '../hotline/support';
import { addStaff, api, bearer } from '../staff/support';
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
    for (const line of ['我要投诉小区噪音', '是', '没有了', '西工区幸福路12号', '13800138000', '确认']) await citizen.say(line);
  });
  afterAll(() => app.close());

  it('reads config/retention.yaml', () => {
    expect(loadRetention('config')).toEqual({ messages: 90, conversations: 180, closedTickets: 1095, closedDisclosure: 3650, audit: 1095 });
  });

  it('takes periods from WENZHENG_RETENTION_<KIND>_DAYS over the file, never below a statutory minimum', () => {
    const config = loadConfig({ WENZHENG_RETENTION_MESSAGES_DAYS: '30', WENZHENG_RETENTION_CLOSED_TICKETS_DAYS: '400' });
    expect(loadRetention('config', config.retentionDays)).toEqual({
      messages: 30,
      conversations: 180,
      closedTickets: 400,
      closedDisclosure: 3650,
      audit: 1095,
    });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        return (err as ConfigError).problems;
      }
      return [];
    };
    expect(problems({ WENZHENG_RETENTION_CLOSED_DISCLOSURE_DAYS: '365' })).toEqual([
      expect.stringMatching(
        /^WENZHENG_RETENTION_CLOSED_DISCLOSURE_DAYS: must be at least 3650: closed disclosure cases are archived 10 years/,
      ),
    ]);
    expect(problems({ WENZHENG_RETENTION_AUDIT_DAYS: '90' })).toEqual([
      expect.stringMatching(/^WENZHENG_RETENTION_AUDIT_DAYS: must be at least 180/),
    ]);
    expect(problems({ WENZHENG_RETENTION_CONVERSATIONS_DAYS: 'half a year' })).toEqual([
      'WENZHENG_RETENTION_CONVERSATIONS_DAYS: must be a whole number of days',
    ]);
    const dir = writeTempFiles({ 'retention.yaml': 'closedDisclosure: 1000\n' });
    expect(() => loadRetention(dir)).toThrow(/retention\.yaml: closedDisclosure: must be at least 3650/);
  });

  it('erases chats, closed tickets and closed disclosure requests past their period, and the reports stay the same', async () => {
    // The ticket was closed at once (set directly: the workflow is tested elsewhere).
    await app.db.dataSource
      .getRepository(HotlineTicket)
      .update({ category: 'complaint' }, { status: 'closed', closedAt: app.clock.now, resolution: 'resolved' });
    const annual = () => app.db.transaction((tx) => buildAnnualReport(tx, { year: 2025 }, app.disclosure.agencies));
    const monthly = () => hotlineReport(app.db, app.hotline, { month: '2026-11', now: new Date('2026-12-10T02:00:00Z') });
    const [annualBefore, monthlyBefore] = [await annual(), await monthly()];
    const events = app.db.dataSource.getRepository(DisclosureEvent);
    const closedIds = (await app.db.dataSource.getRepository(DisclosureRequest).findBy({ status: 'closed' })).map((r) => r.id);
    const ofClosed = async () => (await events.find()).filter((e) => closedIds.includes(e.requestId));
    const ticketEvents = app.db.dataSource.getRepository(HotlineTicketEvent);
    const complaint = await app.db.dataSource.getRepository(HotlineTicket).findOneByOrFail({ category: 'complaint' });
    await ticketEvents.insert({ ticketId: complaint.id, at: app.clock.now, actor: 'op1', action: 'reply', note: '已联系幸福路12号物业' });
    // The history of closed cases repeats what the applicant wrote: a correction keeps the description it replaced.
    await events.insert({
      requestId: closedIds[0]!,
      type: 'corrected',
      effectiveOn: '2025-03-03',
      actor: 'officer1',
      note: '申请公开幸福路12号拆迁补偿协议',
      data: { by: 'officer', descriptionChanged: true, previousDescription: '我家幸福路12号的拆迁材料' },
      createdAt: app.clock.now,
    });
    const notedBefore = (await ofClosed()).filter((e) => e.note !== null);
    const replaced = (await ofClosed()).filter((e) => typeof e.data?.previousDescription === 'string');
    expect(notedBefore.length).toBeGreaterThan(3);
    expect(replaced.length).toBeGreaterThan(0);
    const stepsBefore = (await ofClosed()).map((e) => [e.id, e.type, e.effectiveOn, e.actor]);
    const openNotes = (await events.find()).filter((e) => !closedIds.includes(e.requestId) && e.note !== null);

    const policy = { messages: 30, conversations: 30, closedTickets: 30, closedDisclosure: 300, audit: 36500 };
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
      askedQuestions: 0,
      conversationStates: 0,
      outboxMessages: 0,
      threads: 0,
      tickets: 0,
      disclosureRequests: 0,
      auditEvents: 0,
    });

    const ticket = await app.db.dataSource.getRepository(HotlineTicket).findOneByOrFail({ category: 'complaint' });
    expect(ticket).toMatchObject({ location: null, phone: null, content: ERASED_TEXT });
    const requests = await app.db.dataSource.getRepository(DisclosureRequest).find();
    const closed = requests.filter((r) => r.status === 'closed');
    expect(closed.length).toBe(due.disclosureRequests);
    for (const r of closed)
      expect(r).toMatchObject({ applicantName: ERASED_TEXT, idNumber: ERASED_TEXT, phone: ERASED_TEXT, address: null, email: null });
    for (const r of requests.filter((x) => x.status !== 'closed')) expect(r.applicantName).not.toBe(ERASED_TEXT);
    const after = await ofClosed();
    expect(after.filter((e) => e.note !== null).map((e) => e.note)).toEqual(notedBefore.map(() => ERASED_TEXT));
    expect(after.filter((e) => replaced.some((r) => r.id === e.id)).map((e) => e.data?.previousDescription)).toEqual(
      replaced.map(() => ERASED_TEXT),
    );
    // Steps, dates and codes stay; open cases keep their history whole.
    expect(after.map((e) => [e.id, e.type, e.effectiveOn, e.actor])).toEqual(stepsBefore);
    expect((await events.find()).filter((e) => !closedIds.includes(e.requestId) && e.note !== null)).toEqual(openNotes);
    expect((await ticketEvents.findBy({ ticketId: complaint.id })).filter((e) => e.note !== null).map((e) => e.note)).toEqual([
      ERASED_TEXT,
    ]);
    expect(JSON.stringify(await app.db.dataSource.getRepository(Message).find())).not.toContain('幸福路12号');

    expect(await annual()).toEqual(annualBefore);
    expect(await monthly()).toEqual(monthlyBefore);
  });
});

describe('retention of chat messages and of the audit trail', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const policy = { messages: 10, conversations: 100, closedTickets: 1095, closedDisclosure: 3650, audit: 200 };
  const days = (n: number) => new Date(app.clock.now.getTime() + n * 86_400_000);
  const texts = async (conversationId: string) =>
    (await app.db.dataSource.getRepository(Message).find({ where: { conversationId } })).map((m) => m.text);

  it('erases message texts after their period, unless an operator still holds the thread; the thread and questions keep theirs', async () => {
    const done = webCitizen(app);
    await done.say('转人工');
    await done.say('取消');
    await done.say('我家门口的梧桐树什么时候修剪');
    const waiting = webCitizen(app);
    await waiting.say('我家楼下烧烤摊油烟太大');
    await waiting.say('转人工');
    const [closed, open] = await app.db.dataSource.getRepository(HandoffThread).find({ order: { id: 'ASC' } });
    expect([closed!.status, open!.status]).toEqual(['closed', 'waiting']);

    const counts = await purgeExpired(app.db, policy, days(20));
    expect(counts).toMatchObject({ threads: 0, unansweredQuestions: 0, askedQuestions: 0 });
    expect(counts.messages).toBeGreaterThanOrEqual(6);
    expect(new Set(await texts(closed!.conversationId))).toEqual(new Set([ERASED_TEXT]));
    const hashes = await app.db.dataSource.getRepository(Message).find({ where: { conversationId: closed!.conversationId } });
    expect(hashes.map((m) => m.textHash)).toEqual(hashes.map(() => null));
    expect(await texts(open!.conversationId)).toContain('我家楼下烧烤摊油烟太大');
    // The conversation's metadata stay for their own period.
    expect(await app.db.dataSource.getRepository(HandoffThread).findOneByOrFail({ id: open!.id })).toMatchObject({
      lastQuestion: expect.stringContaining('烧烤'),
    });
    expect(await app.db.dataSource.getRepository(UnansweredQuestion).count()).toBeGreaterThan(0);

    const later = await purgeExpired(app.db, policy, days(120));
    expect(later.messages).toBe(0);
    expect(later.threads).toBeGreaterThan(0);
    expect(later.unansweredQuestions).toBeGreaterThan(0);
    // The review queue's record of the questions keeps the bot's decision for the counts, not the words.
    expect(later.askedQuestions).toBeGreaterThan(0);
    const asked = await app.db.dataSource.getRepository(AskedQuestion).find();
    expect(asked.length).toBeGreaterThan(0);
    for (const question of asked) expect(question).toMatchObject({ text: ERASED_TEXT, terms: [] });
    expect((await app.db.dataSource.getRepository(HandoffThread).findOneByOrFail({ id: open!.id })).lastQuestion).toBeNull();
    expect(await texts(open!.conversationId)).toContain('我家楼下烧烤摊油烟太大');
  });

  it('starts over a form left half-filled once the conversation has been idle past the messages period', async () => {
    const quiet = webCitizen(app);
    await quiet.say('我要投诉小区门口的路灯坏了');
    await quiet.say('是');
    await quiet.say('没有了');
    await quiet.say('西工区幸福路8号');
    const conversations = app.db.dataSource.getRepository(Conversation);
    const holding = (await conversations.find()).find((c) => JSON.stringify(c.state).includes('幸福路8号'));
    expect(holding?.state).toMatchObject({ mode: 'intake' });
    const stateOf = async () => JSON.stringify((await conversations.findOneByOrFail({ id: holding!.id })).state);

    // Not yet idle long enough: the form keeps its answers.
    expect((await purgeExpired(app.db, policy, days(5), true)).conversationStates).toBe(0);
    const dry = await purgeExpired(app.db, policy, days(20), true);
    expect(dry.conversationStates).toBeGreaterThan(0);
    const counts = await purgeExpired(app.db, policy, days(20));
    expect(counts.conversationStates).toBe(dry.conversationStates);
    expect(await stateOf()).not.toContain('幸福路8号');
    expect((await purgeExpired(app.db, policy, days(20))).conversationStates).toBe(0);
  });

  it('anonymises audit events past their period, keeping who, what and when, and records that it did', async () => {
    const operator = { actor: 'op-li', actorId: 7, via: 'api' as const, ip: '198.51.100.7', requestId: 'req-1' };
    const record = (what: AuditRecord) => app.db.transaction((tx) => auditLog.record(tx, operator, what, app.clock.now));
    await record({
      action: 'personal-data.view',
      objectType: 'thread',
      objectId: '42',
      details: { fields: ['transcript'], messages: 3, reason: '张三来电核实地址' },
    });
    await record({ action: 'citizen-data.export', objectType: 'citizen', objectId: 'web', details: { conversations: 1 } });
    await record({
      action: 'ticket.close',
      objectType: 'ticket',
      objectId: '12345-2026-000001',
      details: { from: 'handling', to: 'closed', note: '已联系王女士', conversation: 'a1b2c3d4-0000-4000-8000-000000000001' },
    });
    const repo = app.db.dataSource.getRepository(AuditEvent);
    const ours = async () => repo.find({ where: { actor: 'op-li' }, order: { id: 'ASC' } });
    const countsBefore = await repo.count();

    expect((await purgeExpired(app.db, policy, days(199), true)).auditEvents).toBe(0);
    const due = (await purgeExpired(app.db, policy, days(201), true)).auditEvents;
    expect(due).toBe(countsBefore);
    expect((await purgeExpired(app.db, policy, days(201))).auditEvents).toBe(due);

    const [view, exported, closed] = await ours();
    for (const e of [view, exported, closed])
      expect(e).toMatchObject({ actor: 'op-li', actorId: 7, via: 'api', ip: null, requestId: 'req-1' });
    expect(view).toMatchObject({
      action: 'personal-data.view',
      objectId: '42',
      details: { fields: ['transcript'], messages: 3, reason: ERASED_TEXT },
      anonymisedAt: days(201),
    });
    expect(exported).toMatchObject({ objectType: 'citizen', objectId: ERASED_TEXT, details: { conversations: 1 } });
    expect(closed).toMatchObject({
      objectId: '12345-2026-000001',
      details: { from: 'handling', to: 'closed', note: ERASED_TEXT, conversation: ERASED_TEXT },
    });
    expect(JSON.stringify(await repo.find())).not.toMatch(/张三|王女士|198\.51\.100\.7/);
    // Every row stays, and the run itself is in the trail.
    expect(await repo.count()).toBe(countsBefore + 1);
    const run = await repo.findOneByOrFail({ action: AUDIT_RETENTION_ACTION });
    expect(run).toMatchObject({ actor: 'system', details: { events: due, before: days(1).toISOString() } });
    expect((await purgeExpired(app.db, policy, days(201), true)).auditEvents).toBe(0);
    // Auditors see which events were anonymised, and when.
    const admin = await addStaff(app, 'auditor', ['admin']);
    const listed = await api(app).get('/api/v1/audit?actor=op-li').set(bearer(admin)).expect(200);
    expect(listed.body.events.map((e: { anonymisedAt: string }) => e.anonymisedAt)).toEqual(Array(3).fill(days(201).toISOString()));

    // The database allows that one anonymisation only: an anonymised row is final, and no other column may change.
    await expect(app.db.dataSource.query(`UPDATE audit_event SET details = NULL WHERE id = ${view!.id}`)).rejects.toThrow(/append-only/);
    await expect(
      app.db.dataSource.query(`UPDATE audit_event SET anonymised_at = at, ip = NULL, action = 'kb.read' WHERE id = ${run.id}`),
    ).rejects.toThrow(/append-only/);
    await expect(app.db.dataSource.query(`DELETE FROM audit_event WHERE id = ${view!.id}`)).rejects.toThrow(/append-only/);
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
      expect(dry.out).toMatch(/^auditEvents: 0 to erase$/m);
      const shortened = await runCli(['data', 'purge', '--dry-run'], { env: { ...env, WENZHENG_RETENTION_CLOSED_DISCLOSURE_DAYS: '100' } });
      expect(shortened).toMatchObject({
        code: 2,
        err: expect.stringMatching(/WENZHENG_RETENTION_CLOSED_DISCLOSURE_DAYS: must be at least 3650/),
      });
      expect((await runCli(['data', 'purge'], { env })).out).toMatch(/^tickets: 0 erased$/m);
      expect((await runCli(['data', 'rekey'], { env })).out).toMatch(/^staff_account: 0 rows re-encrypted$/m);
      expect((await runCli(['data', 'shred'], { env })).code).toBe(2);
    } finally {
      await database.drop();
    }
  });
});
