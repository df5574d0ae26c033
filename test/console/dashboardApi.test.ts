import request from 'supertest';
import { createTestApp, type TestApp } from '../support/testApp';
import { addAccount, cst, SEEDED_QUESTIONS, seedActivity } from './support';

/** GET /api/v1/dashboard/*: what the console's charts are drawn from. Wednesday 25 November 2026, 10:00 in Shanghai. */
describe('the dashboard API', () => {
  let app: TestApp;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    app = await createTestApp();
    tokens.operator = await addAccount(app, 'dash-operator', ['operator']);
    tokens.interpreter = await addAccount(app, 'dash-interpreter', ['interpreter']);
    tokens.officer = await addAccount(app, 'dash-officer', ['disclosure_officer']);
    tokens.admin = await addAccount(app, 'dash-admin', ['admin']);
    await seedActivity(app, tokens.officer);
  }, 60_000);
  afterAll(() => app.close());
  /**
   * What the bot made of each seeded question (each asked by a new citizen), from the matcher
   * itself: the counts below follow the knowledge base and the matcher as they evolve.
   */
  const understood = () =>
    SEEDED_QUESTIONS.flatMap(([at, questions]) => questions.map((q) => ({ day: at.slice(0, 10), ...app.understand(q, cst(at)) })));
  const decided = (decision: string) => understood().filter((u) => u.decision === decision).length;
  const get = (path: string, who: string) => request(app.callback()).get(path).set('Authorization', `Bearer ${tokens[who]}`);

  it('counts citizen messages per city day and the decisions on them, for every staff role', async () => {
    const res = await get('/api/v1/dashboard/conversations?days=14', 'operator').expect(200);
    expect(res.body.from).toBe('2026-11-12');
    expect(res.body.to).toBe('2026-11-25');
    expect(res.body.days).toHaveLength(14);
    const day = (date: string) => res.body.days.find((d: { date: string }) => date === d.date);
    for (const [at, questions] of SEEDED_QUESTIONS) {
      const date = at.slice(0, 10);
      const mine = understood().filter((u) => u.day === date);
      expect(day(date)).toMatchObject({
        citizen: questions.length,
        decisions: {
          answer: mine.filter((u) => u.decision === 'answer').length,
          fallback: mine.filter((u) => u.decision === 'fallback').length,
        },
      });
    }
    expect(day('2026-11-14')).toMatchObject({ citizen: 0, bot: 0 });
    expect(day('2026-11-24').bot).toBeGreaterThanOrEqual(6);
    const counts = Object.fromEntries(res.body.decisions.map((d: { code: string; count: number }) => [d.code, d.count]));
    expect(counts).toMatchObject({
      answer: decided('answer'),
      clarify: decided('clarify'),
      fallback: decided('fallback'),
      intent: 1,
      form: 0,
      human: 0,
    });
    expect(decided('answer')).toBeGreaterThan(5);
    expect(decided('fallback')).toBeGreaterThan(1);
    expect(res.body.conversations).toBe(26);
    for (const role of ['interpreter', 'officer', 'admin']) await get('/api/v1/dashboard/conversations', role).expect(200);
    // The window is the last N days: 2 days see only the last day's messages.
    const two = await get('/api/v1/dashboard/conversations?days=2', 'admin').expect(200);
    expect(two.body.days.map((d: { citizen: number }) => d.citizen)).toEqual([6, 0]);
    await get('/api/v1/dashboard/conversations?days=91', 'admin').expect(400);
  });

  it('ranks the entries that answered and the unanswered topics (interpreters and admins)', async () => {
    const res = await get('/api/v1/dashboard/knowledge?days=14&top=3', 'interpreter').expect(200);
    const answered = new Map<string, number>();
    for (const u of understood()) if (u.decision === 'answer' && u.entry) answered.set(u.entry, (answered.get(u.entry) ?? 0) + 1);
    const expected = [...answered].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).slice(0, 3);
    expect(res.body.topEntries.map((e: { key: string; count: number }) => [e.key, e.count])).toEqual(expected);
    expect(res.body.topEntries[0].title).toEqual(expect.any(String));
    expect(res.body.answers).toBe(decided('answer'));
    expect(res.body.unanswered).toBe(decided('fallback'));
    expect(res.body.topGaps.length).toBeGreaterThan(0);
    expect(res.body.topGaps[0].count).toBeGreaterThanOrEqual(2);
    await get('/api/v1/dashboard/knowledge', 'admin').expect(200);
    await get('/api/v1/dashboard/knowledge', 'operator').expect(403);
  });

  it('gives the hotline 三率 by department (operators and admins)', async () => {
    const res = await get('/api/v1/dashboard/hotline?days=14', 'operator').expect(200);
    expect(res.body).toMatchObject({ total: 5, open: 3, overdue: { total: 1, signFor: 1, resolve: 1 } });
    const byCode = Object.fromEntries(res.body.departments.map((d: { code: string | null }) => [d.code, d]));
    expect(byCode.ecology).toMatchObject({ count: 1, response: { rate: 1 }, resolution: { rate: 1 }, satisfaction: { rate: 1 } });
    expect(byCode.urbanManagement).toMatchObject({
      count: 2,
      resolution: { numerator: 0, denominator: 1, rate: 0 },
      satisfaction: { rate: 0.9 },
    });
    expect(byCode[null as unknown as string]).toMatchObject({ name: '（未派单）', count: 1 });
    await get('/api/v1/dashboard/hotline', 'admin').expect(200);
    await get('/api/v1/dashboard/hotline', 'interpreter').expect(403);
  });

  it('counts overdue tickets as the ticket list does: every open one, each limit on its own', async () => {
    const who = { actor: 'dash-operator', actorId: null, via: 'api' as const, ip: null, requestId: null };
    const open = (local: string) =>
      app.db.transaction(async (tx) => {
        const appeal = {
          category: 'help',
          urgency: 'normal',
          content: '井盖缺失',
          location: '西工区',
          phone: '13800138000',
          anonymous: false,
        };
        return (
          await app.hotline.openTicket(
            tx,
            appeal,
            { channel: 'webchat', citizenId: `dash-${local}`, conversationId: null, via: 'form' },
            cst(local),
          )
        ).number;
      });
    const now = app.clock.now;
    // Accepted before the window: overdue on both limits.
    await open('2026-10-20T09:00');
    // Sign-for limit (end of 24 November) passed, 办结 limit (end of 30 November) still running.
    const signForOnly = await open('2026-11-23T09:00');
    // Signed for late, so only its own (running) 办结 limit counts.
    const signedLate = await open('2026-11-22T09:00');
    await app.db.transaction(async (tx) => {
      await app.hotline.dispatch(tx, signedLate, { department: 'housing' }, who, cst('2026-11-25T08:00'));
      await app.hotline.signFor(tx, signedLate, {}, who, cst('2026-11-25T08:30'));
    });
    app.clock.now = now;

    const dash = (await get('/api/v1/dashboard/hotline?days=7', 'operator').expect(200)).body;
    const listed = (await get('/api/v1/tickets?status=open&limit=200', 'operator').expect(200)).body.tickets;
    const onlyOverdue = (await get('/api/v1/tickets?overdue=true&limit=200', 'operator').expect(200)).body.tickets;
    const count = (pick: (t: any) => boolean) => listed.filter(pick).length;
    expect(dash.overdue).toEqual({
      total: count((t) => t.overdue),
      signFor: count((t) => t.signForState === 'overdue'),
      resolve: count((t) => t.resolveState === 'overdue'),
    });
    expect(onlyOverdue.map((t: { number: string }) => t.number).sort()).toEqual(
      listed
        .filter((t: any) => t.overdue)
        .map((t: { number: string }) => t.number)
        .sort(),
    );
    expect(dash.overdue).toEqual({ total: 3, signFor: 3, resolve: 2 });
    const page = (await get(`/api/v1/tickets/${signForOnly}`, 'operator').expect(200)).body.ticket;
    expect(page).toMatchObject({
      overdue: true,
      signForState: 'overdue',
      signForStateLabel: '已超期',
      resolveState: 'running',
      resolveStateLabel: '办理中',
    });
    expect(listed.find((t: { number: string }) => t.number === signedLate)).toMatchObject({
      overdue: false,
      signForState: 'metLate',
      resolveState: 'running',
    });
  });

  it('counts disclosure requests by status and deadline (officers and admins)', async () => {
    const res = await get('/api/v1/dashboard/disclosure', 'officer').expect(200);
    expect(res.body.today).toBe('2026-11-25');
    expect(res.body.total).toBe(5);
    expect(Object.fromEntries(res.body.byStatus.map((s: { code: string; count: number }) => [s.code, s.count]))).toEqual({
      processing: 3,
      awaitingCorrection: 0,
      paused: 0,
      closed: 2,
    });
    expect(Object.fromEntries(res.body.byDeadline.map((s: { code: string; count: number }) => [s.code, s.count]))).toEqual({
      overdue: 1,
      dueSoon: 1,
      later: 1,
      stopped: 0,
    });
    await get('/api/v1/dashboard/disclosure', 'admin').expect(200);
    await get('/api/v1/dashboard/disclosure', 'operator').expect(403);
  });
});
