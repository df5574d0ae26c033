import { AuditEvent } from '../../entities';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import { auditLog } from '../../src/staff/audit/repository';
import { addStaff, api, bearer } from '../staff/support';
import { createTestApp, type TestApp } from '../support/testApp';

describe('the audit trail', () => {
  let app: TestApp;
  let admin: string;
  let interpreter: string;
  const PASSWORD = 'audit trail password';

  beforeAll(async () => {
    // The test client stands for the reverse proxy in front of the server.
    app = await createTestApp({ WENZHENG_TRUSTED_PROXIES: '127.0.0.1' }, {}, { seed: false });
    admin = await addStaff(app, 'auditor', ['admin']);
    interpreter = await addStaff(app, 'zhao', ['interpreter'], { password: PASSWORD });
  });
  afterAll(() => app.close());

  const events = (query = '') => api(app).get(`/api/v1/audit${query}`).set(bearer(admin)).expect(200);

  it('records who, when, what, on which object and from where for logins, account and knowledge changes', async () => {
    const login = await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '198.51.100.23')
      .set('X-Request-Id', 'login-req-1')
      .send({ name: 'zhao', password: PASSWORD })
      .expect(200);
    app.clock.advance(1000);
    await api(app)
      .post('/api/v1/kb/entries')
      .set(bearer(login.body.token))
      .set('X-Forwarded-For', '198.51.100.23')
      .set('X-Request-Id', 'kb-req-1')
      .send({ key: 'audit-entry', kind: 'faq', title: '审计测试', questions: ['审计怎么测'], answer: '这样测。' })
      .expect(201);
    app.clock.advance(1000);
    await api(app).post('/api/v1/kb/entries/audit-entry/publish').set(bearer(interpreter)).expect(200);

    const { body } = await events('?limit=3');
    expect(body.events).toEqual([
      expect.objectContaining({
        action: 'kb.publish',
        actor: 'zhao',
        objectType: 'knowledge_entry',
        objectId: 'audit-entry',
        details: { version: 2, changed: ['status'], statusBefore: 'draft', statusAfter: 'published' },
      }),
      {
        id: expect.any(Number),
        at: new Date(app.clock.now.getTime() - 1000).toISOString(),
        actor: 'zhao',
        via: 'api',
        action: 'kb.create',
        objectType: 'knowledge_entry',
        objectId: 'audit-entry',
        ip: '198.51.100.23',
        requestId: 'kb-req-1',
        details: expect.objectContaining({ version: 1 }),
        anonymisedAt: null,
      },
      expect.objectContaining({
        action: 'auth.login',
        actor: 'zhao',
        ip: '198.51.100.23',
        requestId: 'login-req-1',
        at: new Date(app.clock.now.getTime() - 2000).toISOString(),
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain(login.body.token);
  });

  it('filters by actor, action or action prefix, object and time, newest first, in pages', async () => {
    expect((await events('?action=kb.*')).body.events.map((e: { action: string }) => e.action)).toEqual(['kb.publish', 'kb.create']);
    expect((await events('?action=kb.create')).body.events).toHaveLength(1);
    expect((await events('?actor=auditor')).body.events).toEqual([]);
    expect((await events('?objectType=staff&objectId=zhao')).body.events.map((e: { action: string }) => e.action)).toEqual([
      'auth.login',
      'staff.create',
    ]);
    const start = app.clock.now.toISOString();
    expect((await events(`?from=${start}`)).body.events.map((e: { action: string }) => e.action)).toEqual(['kb.publish']);
    expect((await events(`?to=${start}&action=kb.*`)).body.events.map((e: { action: string }) => e.action)).toEqual(['kb.create']);
    // Calendar days are the city's (Asia/Shanghai): the clock is at 2026-11-25 10:00 there.
    expect((await events('?from=2026-11-25&to=2026-11-25')).body.events.length).toBeGreaterThanOrEqual(5);
    expect((await events('?from=2026-11-26')).body.events).toEqual([]);

    const first = (await events('?limit=2')).body;
    expect(first.events).toHaveLength(2);
    const second = (await events(`?limit=2&before=${first.nextBefore}`)).body;
    expect(second.events[0].id).toBeLessThan(first.events[1].id);
    const all = (await events('?limit=500')).body;
    expect(all.nextBefore).toBeNull();

    const bad = await api(app).get('/api/v1/audit?action=DROP%20TABLE&from=yesterday&limit=501').set(bearer(admin)).expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['action', 'from', 'limit']);
  });

  it('is append-only in the database itself', async () => {
    await app.db.transaction((tx) => auditLog.record(tx, SYSTEM_ACTOR, { action: 'test.event' }, app.clock.now));
    await expect(app.db.dataSource.query(`UPDATE audit_event SET actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(app.db.dataSource.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    expect(await app.db.dataSource.getRepository(AuditEvent).count({ where: { actor: 'someone-else' } })).toBe(0);
  });

  it('never stores secrets, and masks ID and phone numbers in details', async () => {
    await app.db.transaction((tx) =>
      auditLog.record(
        tx,
        SYSTEM_ACTOR,
        {
          action: 'test.scrub',
          details: { token: 'wzs_secret', nested: { password: 'pw', note: '身份证110101199003074514，电话13812345678' } },
        },
        app.clock.now,
      ),
    );
    const row = await app.db.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'test.scrub' });
    expect(row.details).toEqual({ nested: { note: '身份证1101**********4514，电话138****5678' } });
  });
});
