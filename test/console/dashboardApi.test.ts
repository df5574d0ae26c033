import request from 'supertest';
import { createTestApp, type TestApp } from '../support/testApp';
import { addAccount, seedActivity } from './support';

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
  const get = (path: string, who: string) => request(app.callback()).get(path).set('Authorization', `Bearer ${tokens[who]}`);

  it('counts citizen messages per city day and the decisions on them, for every staff role', async () => {
    const res = await get('/api/v1/dashboard/conversations?days=14', 'operator').expect(200);
    expect(res.body.from).toBe('2026-11-12');
    expect(res.body.to).toBe('2026-11-25');
    expect(res.body.days).toHaveLength(14);
    const day = (date: string) => res.body.days.find((d: { date: string }) => date === d.date);
    expect(day('2026-11-13')).toMatchObject({ citizen: 3, decisions: { answer: 2, fallback: 1 } });
    expect(day('2026-11-24')).toMatchObject({ citizen: 6 });
    expect(day('2026-11-24').bot).toBeGreaterThanOrEqual(6);
    const counts = Object.fromEntries(res.body.decisions.map((d: { code: string; count: number }) => [d.code, d.count]));
    expect(counts).toMatchObject({ answer: 16, clarify: 3, fallback: 6, intent: 1 });
    expect(res.body.conversations).toBe(26);
    for (const role of ['interpreter', 'officer', 'admin']) await get('/api/v1/dashboard/conversations', role).expect(200);
    // The window is the last N days: 2 days see only the last day's messages.
    const two = await get('/api/v1/dashboard/conversations?days=2', 'admin').expect(200);
    expect(two.body.days.map((d: { citizen: number }) => d.citizen)).toEqual([6, 0]);
    await get('/api/v1/dashboard/conversations?days=91', 'admin').expect(400);
  });

  it('ranks the entries that answered and the unanswered topics (interpreters and admins)', async () => {
    const res = await get('/api/v1/dashboard/knowledge?days=14&top=3', 'interpreter').expect(200);
    expect(res.body.topEntries[0]).toMatchObject({ key: 'minimum-living-allowance-apply', title: expect.any(String), count: 5 });
    expect(res.body.topEntries).toHaveLength(3);
    expect(res.body.answers).toBe(16);
    expect(res.body.unanswered).toBe(6);
    expect(res.body.topGaps.length).toBeGreaterThan(0);
    expect(res.body.topGaps[0].count).toBeGreaterThanOrEqual(2);
    await get('/api/v1/dashboard/knowledge', 'admin').expect(200);
    await get('/api/v1/dashboard/knowledge', 'operator').expect(403);
  });

  it('gives the hotline 三率 by department (operators and admins)', async () => {
    const res = await get('/api/v1/dashboard/hotline?days=14', 'operator').expect(200);
    expect(res.body).toMatchObject({ total: 5, open: 3, overdue: 1 });
    const byCode = Object.fromEntries(res.body.departments.map((d: { code: string | null }) => [d.code, d]));
    expect(byCode.ecology).toMatchObject({ count: 1, response: { rate: 1 }, resolution: { rate: 1 }, satisfaction: { rate: 1 } });
    expect(byCode.urbanManagement).toMatchObject({ count: 2, resolution: { numerator: 0, denominator: 1, rate: 0 }, satisfaction: { rate: 0.9 } });
    expect(byCode[null as unknown as string]).toMatchObject({ name: '（未派单）', count: 1 });
    await get('/api/v1/dashboard/hotline', 'admin').expect(200);
    await get('/api/v1/dashboard/hotline', 'interpreter').expect(403);
  });

  it('counts disclosure requests by status and deadline (officers and admins)', async () => {
    const res = await get('/api/v1/dashboard/disclosure', 'officer').expect(200);
    expect(res.body.today).toBe('2026-11-25');
    expect(res.body.total).toBe(5);
    expect(Object.fromEntries(res.body.byStatus.map((s: { code: string; count: number }) => [s.code, s.count]))).toEqual({ processing: 3, awaitingCorrection: 0, paused: 0, closed: 2 });
    expect(Object.fromEntries(res.body.byDeadline.map((s: { code: string; count: number }) => [s.code, s.count]))).toEqual({ overdue: 1, dueSoon: 1, later: 1, stopped: 0 });
    await get('/api/v1/dashboard/disclosure', 'admin').expect(200);
    await get('/api/v1/dashboard/disclosure', 'operator').expect(403);
  });
});
