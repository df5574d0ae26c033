import { AuditEvent, StaffAccount, StaffToken } from '../../entities';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import { hashPassword, verifyPassword } from '../../src/staff/passwords';
import { staffService } from '../../src/staff/service';
import { createTestApp, type TestApp } from '../support/testApp';
import { addStaff, api, bearer } from './support';

const PASSWORD = 'correct horse battery staple';

describe('staff authentication', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({
      WENZHENG_STAFF_SESSION_MINUTES: '60',
      WENZHENG_LOGIN_MAX_FAILURES: '3',
      WENZHENG_LOGIN_LOCKOUT_MINUTES: '15',
      WENZHENG_LOGIN_IP_MAX_FAILURES: '8',
      WENZHENG_TRUSTED_PROXIES: '127.0.0.1',
    });
  });
  afterAll(() => app.close());

  const audit = (action: string) => app.db.dataSource.getRepository(AuditEvent).find({ where: { action }, order: { id: 'ASC' } });

  it('hashes passwords with scrypt (memory-hard, salted) and verifies them', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hashPassword(PASSWORD)).not.toBe(hash);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword('wrong horse battery staple', hash)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'plain-text')).toBe(false);
  });

  it('accepts an API token and stores only its SHA-256', async () => {
    const token = await addStaff(app, 'tok-user', ['interpreter']);
    expect(token).toMatch(/^wzs_[A-Za-z0-9_-]{43}$/);
    const me = await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(200);
    expect(me.body).toEqual({ name: 'tok-user', displayName: null, roles: ['interpreter'], tokenKind: 'api', expiresAt: null });
    // The console's top bar shows the account's display name once it has one.
    const { token: named } = await staffService.create(
      app.db,
      { name: 'tok-named', roles: ['operator'], displayName: '李明' },
      SYSTEM_ACTOR,
      app.clock.now,
    );
    expect((await api(app).get('/api/v1/auth/me').set(bearer(named)).expect(200)).body).toMatchObject({
      name: 'tok-named',
      displayName: '李明',
    });
    const rows = await app.db.dataSource.getRepository(StaffToken).find();
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash) && r.tokenHash !== token)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it.each([
    ['no Authorization header', {}, 'unauthenticated'],
    ['a malformed token', bearer('nonsense'), 'invalid_token'],
    ['an unknown token', bearer(`wzs_${'A'.repeat(43)}`), 'invalid_token'],
    ['a Basic header', { Authorization: 'Basic dXNlcjpwYXNz' }, 'unauthenticated'],
  ])('refuses %s with 401 and WWW-Authenticate', async (_label, headers, code) => {
    const res = await api(app).get('/api/v1/auth/me').set(headers).expect(401);
    expect(res.body.error.code).toBe(code);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="wenzheng"/);
    expect(res.body.error.requestId).toEqual(expect.any(String));
  });

  it('logs in with a password: a session token that expires after the configured minutes', async () => {
    await addStaff(app, 'sess-user', ['operator'], { password: PASSWORD });
    const res = await api(app).post('/api/v1/auth/login').send({ name: 'sess-user', password: PASSWORD }).expect(200);
    expect(res.body).toEqual({
      token: expect.stringMatching(/^wzs_/),
      expiresAt: new Date(app.clock.now.getTime() + 60 * 60_000).toISOString(),
      account: { name: 'sess-user', roles: ['operator'] },
    });
    const me = await api(app).get('/api/v1/auth/me').set(bearer(res.body.token)).expect(200);
    expect(me.body).toMatchObject({ tokenKind: 'session', expiresAt: res.body.expiresAt });

    app.clock.advance(59 * 60_000);
    await api(app).get('/api/v1/auth/me').set(bearer(res.body.token)).expect(200);
    app.clock.advance(60_000);
    const expired = await api(app).get('/api/v1/auth/me').set(bearer(res.body.token)).expect(401);
    expect(expired.body.error.code).toBe('token_expired');
    expect(await audit('auth.login')).toEqual([expect.objectContaining({ actor: 'sess-user', objectId: 'sess-user', via: 'api' })]);
  });

  it('revokes the session on logout', async () => {
    const { body } = await api(app).post('/api/v1/auth/login').send({ name: 'sess-user', password: PASSWORD }).expect(200);
    await api(app).post('/api/v1/auth/logout').set(bearer(body.token)).expect(200, { revoked: true });
    expect((await api(app).get('/api/v1/auth/me').set(bearer(body.token)).expect(401)).body.error.code).toBe('invalid_token');
    expect(await audit('auth.logout')).toHaveLength(1);
  });

  it('answers a wrong password, an unknown name and a token-only account alike, and audits each', async () => {
    await addStaff(app, 'no-pass', ['interpreter']);
    const attempts = [
      { name: 'sess-user', password: 'wrong password!' },
      { name: 'nobody-here', password: PASSWORD },
      { name: 'no-pass', password: PASSWORD },
    ];
    for (const attempt of attempts) {
      const res = await api(app).post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.50').send(attempt).expect(401);
      expect(res.body.error).toMatchObject({ code: 'invalid_credentials', message: 'wrong name or password' });
    }
    const failures = await audit('auth.login-failed');
    expect(failures.map((f) => [f.objectId, f.details?.reason, f.ip])).toEqual([
      ['sess-user', 'wrong-password', '203.0.113.50'],
      ['nobody-here', 'unknown-account', '203.0.113.50'],
      ['no-pass', 'no-password', '203.0.113.50'],
    ]);
    expect(JSON.stringify(failures)).not.toContain(PASSWORD);
  });

  it('never writes a password typed into the name field to the audit trail', async () => {
    await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '203.0.113.60')
      .send({ name: 'My Secret Passphrase!', password: 'x' })
      .expect(401);
    const event = (await audit('auth.login-failed')).at(-1);
    expect(event).toMatchObject({ actor: '(not a login name)', objectId: '(not a login name)', details: { reason: 'unknown-account' } });
  });

  it('counts wrong current passwords on a password change like failed logins', async () => {
    await addStaff(app, 'guessed', ['operator'], { password: PASSWORD });
    const { body } = await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '192.0.2.240')
      .send({ name: 'guessed', password: PASSWORD })
      .expect(200);
    for (let i = 0; i < 3; i++) {
      await api(app)
        .post('/api/v1/auth/password')
        .set(bearer(body.token))
        .send({ currentPassword: `guess number ${i}`, newPassword: 'attacker password 1' })
        .expect(403);
    }
    const locked = await api(app)
      .post('/api/v1/auth/password')
      .set(bearer(body.token))
      .send({ currentPassword: PASSWORD, newPassword: 'attacker password 1' })
      .expect(429);
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
    expect((await audit('auth.password-change-failed')).at(-1)?.details).toEqual({ locked: true });
    app.clock.advance(15 * 60_000 + 1000);
  });

  it('locks an account after repeated failures: 429 with Retry-After even with the right password, until the lock ends', async () => {
    await addStaff(app, 'lock-me', ['admin'], { password: PASSWORD });
    for (let i = 0; i < 3; i++) {
      await api(app)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .send({ name: 'lock-me', password: `wrong password ${i}` })
        .expect(401);
    }
    const locked = await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '198.51.100.9')
      .send({ name: 'lock-me', password: PASSWORD })
      .expect(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
    const row = await app.db.dataSource.getRepository(StaffAccount).findOneByOrFail({ name: 'lock-me' });
    expect(row.lockedUntil?.getTime()).toBe(app.clock.now.getTime() + 15 * 60_000);
    expect((await audit('auth.login-refused')).at(-1)).toMatchObject({ objectId: 'lock-me', details: { reason: 'account-locked' } });

    app.clock.advance(15 * 60_000 + 1000);
    await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '198.51.100.9')
      .send({ name: 'lock-me', password: PASSWORD })
      .expect(200);
    const cleared = await app.db.dataSource.getRepository(StaffAccount).findOneByOrFail({ name: 'lock-me' });
    expect(cleared).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('forgets failures older than the window', async () => {
    await addStaff(app, 'slow-typist', ['admin'], { password: PASSWORD });
    for (let i = 0; i < 4; i++) {
      await api(app)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `192.0.2.${i + 1}`)
        .send({ name: 'slow-typist', password: 'wrong password!' })
        .expect(401);
      app.clock.advance(16 * 60_000);
    }
    await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '192.0.2.9')
      .send({ name: 'slow-typist', password: PASSWORD })
      .expect(200);
  });

  it('limits failed logins per client address across accounts', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 8; i++) {
      await api(app)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ name: `guess-${i}`, password: 'wrong password!' })
        .expect(401);
    }
    const refused = await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ name: 'sess-user', password: PASSWORD })
      .expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await audit('auth.login-refused')).at(-1)).toMatchObject({ ip, details: { reason: 'ip-rate-limit' } });
    // Another address is not affected; a forged X-Forwarded-For prefix does not change the address either.
    await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '203.0.113.78')
      .send({ name: 'sess-user', password: PASSWORD })
      .expect(200);
    await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', `10.9.9.9, ${ip}`)
      .send({ name: 'sess-user', password: PASSWORD })
      .expect(429);
  });

  it('refuses a disabled account at once, whatever token it presents, and its password login', async () => {
    const apiToken = await addStaff(app, 'leaver', ['interpreter', 'admin'], { password: PASSWORD });
    const admin = await addStaff(app, 'boss', ['admin']);
    const { body: session } = await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '192.0.2.200')
      .send({ name: 'leaver', password: PASSWORD })
      .expect(200);
    await api(app).get('/api/v1/kb/entries').set(bearer(apiToken)).expect(200);

    await api(app).patch('/api/v1/staff/leaver').set(bearer(admin)).send({ disabled: true }).expect(200);
    for (const token of [apiToken, session.token]) {
      const res = await api(app).get('/api/v1/kb/entries').set(bearer(token)).expect(401);
      expect(['account_disabled', 'invalid_token']).toContain(res.body.error.code);
    }
    const login = await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '192.0.2.200')
      .send({ name: 'leaver', password: PASSWORD })
      .expect(401);
    expect(login.body.error.code).toBe('invalid_credentials');
    expect((await audit('auth.login-failed')).at(-1)).toMatchObject({ objectId: 'leaver', details: { reason: 'account-disabled' } });
    expect((await audit('staff.disable')).at(-1)).toMatchObject({ actor: 'boss', objectId: 'leaver', details: { revokedTokens: 2 } });

    // The account's state is checked on every request, not only through revoked tokens.
    const other = await addStaff(app, 'leaver-two', ['interpreter']);
    await app.db.dataSource.getRepository(StaffAccount).update({ name: 'leaver-two' }, { disabledAt: app.clock.now });
    expect((await api(app).get('/api/v1/kb/entries').set(bearer(other)).expect(401)).body.error.code).toBe('account_disabled');

    // Re-enabling does not bring old tokens back.
    await api(app).patch('/api/v1/staff/leaver').set(bearer(admin)).send({ disabled: false }).expect(200);
    expect((await api(app).get('/api/v1/kb/entries').set(bearer(apiToken)).expect(401)).body.error.code).toBe('invalid_token');
  });

  it('rotating an API token revokes the old one at once', async () => {
    const old = await addStaff(app, 'rotator', ['interpreter']);
    const admin = await addStaff(app, 'rot-admin', ['admin']);
    const { body } = await api(app).post('/api/v1/staff/rotator/token').set(bearer(admin)).expect(200);
    expect(body.token).toMatch(/^wzs_/);
    expect((await api(app).get('/api/v1/auth/me').set(bearer(old)).expect(401)).body.error.code).toBe('invalid_token');
    await api(app).get('/api/v1/auth/me').set(bearer(body.token)).expect(200);
    expect((await audit('staff.token-rotate')).at(-1)).toMatchObject({ actor: 'rot-admin', objectId: 'rotator' });
  });

  it('a role change applies to the next request', async () => {
    const token = await addStaff(app, 'changer', ['interpreter']);
    const admin = await addStaff(app, 'role-admin', ['admin']);
    await api(app).get('/api/v1/kb/entries').set(bearer(token)).expect(200);
    await api(app)
      .patch('/api/v1/staff/changer')
      .set(bearer(admin))
      .send({ roles: ['operator'] })
      .expect(200);
    await api(app).get('/api/v1/kb/entries').set(bearer(token)).expect(403);
    expect((await audit('staff.update')).at(-1)).toMatchObject({
      objectId: 'changer',
      details: { changed: ['roles'], rolesBefore: ['interpreter'], rolesAfter: ['operator'] },
    });
  });

  it('changes your own password with the current one; other sessions end', async () => {
    await addStaff(app, 'self-service', ['operator'], { password: PASSWORD });
    const login = () =>
      api(app).post('/api/v1/auth/login').set('X-Forwarded-For', '192.0.2.222').send({ name: 'self-service', password: PASSWORD });
    const first = (await login().expect(200)).body.token;
    const second = (await login().expect(200)).body.token;
    const wrong = await api(app)
      .post('/api/v1/auth/password')
      .set(bearer(second))
      .send({ currentPassword: 'not the password', newPassword: 'a brand new passphrase' })
      .expect(403);
    expect(wrong.body.error.field).toBe('currentPassword');
    await api(app)
      .post('/api/v1/auth/password')
      .set(bearer(second))
      .send({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' })
      .expect(200, { changed: true, endedSessions: 1 });
    await api(app).get('/api/v1/auth/me').set(bearer(first)).expect(401);
    await api(app).get('/api/v1/auth/me').set(bearer(second)).expect(200);
    await api(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '192.0.2.222')
      .send({ name: 'self-service', password: 'a brand new passphrase' })
      .expect(200);
    const short = await api(app)
      .post('/api/v1/auth/password')
      .set(bearer(second))
      .send({ currentPassword: 'a brand new passphrase', newPassword: 'short' })
      .expect(400);
    expect(short.body.error.field).toBe('newPassword');
  });
});
