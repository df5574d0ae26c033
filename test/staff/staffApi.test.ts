import { AuditEvent, StaffAccount } from '../../entities';
import { createTestApp, type TestApp } from '../support/testApp';
import { addStaff, api, bearer } from './support';

describe('account management for admins', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await createTestApp();
    admin = await addStaff(app, 'chief', ['admin']);
  });
  afterAll(() => app.close());
  const audit = (action: string) => app.db.dataSource.getRepository(AuditEvent).find({ where: { action }, order: { id: 'ASC' } });

  it('creates an account with its one-time API token, personal data masked in the answer', async () => {
    const res = await api(app)
      .post('/api/v1/staff')
      .set(bearer(admin))
      .send({
        name: 'wang.operator',
        roles: ['operator', 'disclosure_officer'],
        displayName: '王小明',
        phone: '13812345678',
        password: 'a long enough password',
      })
      .expect(201);
    expect(res.body).toEqual({
      token: expect.stringMatching(/^wzs_/),
      account: expect.objectContaining({
        name: 'wang.operator',
        roles: ['operator', 'disclosure_officer'],
        displayName: '王**',
        phone: '138****5678',
        hasPassword: true,
        disabled: false,
        lockedUntil: null,
      }),
    });
    await api(app).get('/api/v1/auth/me').set(bearer(res.body.token)).expect(200);
    const row = await app.db.dataSource.getRepository(StaffAccount).findOneByOrFail({ name: 'wang.operator' });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect((await audit('staff.create')).at(-1)).toMatchObject({
      actor: 'chief',
      objectId: 'wang.operator',
      details: { roles: ['operator', 'disclosure_officer'], hasPassword: true },
    });
    expect(JSON.stringify(await audit('staff.create'))).not.toContain('a long enough password');
  });

  it('validates new accounts field by field and refuses a taken name', async () => {
    const bad = await api(app)
      .post('/api/v1/staff')
      .set(bearer(admin))
      .send({ name: 'X', roles: ['janitor'], phone: '12345', password: 'short' })
      .expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['name', 'password', 'phone', 'roles[0]']);
    const taken = await api(app)
      .post('/api/v1/staff')
      .set(bearer(admin))
      .send({ name: 'wang.operator', roles: ['operator'] })
      .expect(409);
    expect(taken.body.error.code).toBe('staff_exists');
  });

  it('lists accounts masked; ?unmask=true shows them whole and audits each view', async () => {
    const masked = await api(app).get('/api/v1/staff').set(bearer(admin)).expect(200);
    const wang = masked.body.accounts.find((a: { name: string }) => a.name === 'wang.operator');
    expect(wang).toMatchObject({ displayName: '王**', phone: '138****5678' });
    expect(await audit('personal-data.view')).toEqual([]);

    const whole = await api(app)
      .get('/api/v1/staff?unmask=true&reason=%E6%A0%B8%E5%AF%B9%E8%81%94%E7%B3%BB%E6%96%B9%E5%BC%8F')
      .set(bearer(admin))
      .expect(200);
    expect(whole.body.accounts.find((a: { name: string }) => a.name === 'wang.operator')).toMatchObject({
      displayName: '王小明',
      phone: '13812345678',
    });
    const views = await audit('personal-data.view');
    // Accounts without personal data are not recorded as viewed.
    expect(views).toEqual([
      expect.objectContaining({
        actor: 'chief',
        objectType: 'staff',
        objectId: 'wang.operator',
        details: { fields: ['displayName', 'phone'], reason: '核对联系方式' },
      }),
    ]);

    // Every unmasking says why.
    expect((await api(app).get('/api/v1/staff/wang.operator?unmask=true').set(bearer(admin)).expect(400)).body.error).toMatchObject({
      code: 'reason_required',
      field: 'reason',
    });
    const one = await api(app).get('/api/v1/staff/wang.operator?unmask=true&reason=check').set(bearer(admin)).expect(200);
    expect(one.body.phone).toBe('13812345678');
    expect(await audit('personal-data.view')).toHaveLength(2);
    await api(app).get('/api/v1/staff/nobody').set(bearer(admin)).expect(404);
  });

  it('changes roles, personal data and password, each audited without the values', async () => {
    const res = await api(app)
      .patch('/api/v1/staff/wang.operator')
      .set(bearer(admin))
      .send({ roles: ['operator'], phone: '0591-87654321', displayName: null, password: 'another long password' })
      .expect(200);
    expect(res.body).toMatchObject({ roles: ['operator'], phone: '0591-****4321', displayName: null });
    const event = (await audit('staff.update')).at(-1);
    expect(event?.details).toEqual({
      changed: ['roles', 'displayName', 'phone', 'password'],
      rolesBefore: ['operator', 'disclosure_officer'],
      rolesAfter: ['operator'],
    });
    expect(JSON.stringify(event)).not.toMatch(/87654321|another long password/);
    const unknown = await api(app).patch('/api/v1/staff/wang.operator').set(bearer(admin)).send({ colour: 'blue' }).expect(400);
    expect(unknown.body.error.code).toBe('invalid_request');
  });

  it('keeps at least one enabled admin', async () => {
    const refused = await api(app).patch('/api/v1/staff/chief').set(bearer(admin)).send({ disabled: true }).expect(409);
    expect(refused.body.error.code).toBe('last_admin');
    await api(app)
      .patch('/api/v1/staff/chief')
      .set(bearer(admin))
      .send({ roles: ['operator'] })
      .expect(409);
    await addStaff(app, 'deputy', ['admin']);
    await api(app)
      .patch('/api/v1/staff/chief')
      .set(bearer(admin))
      .send({ roles: ['admin', 'interpreter'] })
      .expect(200);
  });

  it('cannot rotate the token of a disabled account', async () => {
    await api(app).patch('/api/v1/staff/wang.operator').set(bearer(admin)).send({ disabled: true }).expect(200);
    const res = await api(app).post('/api/v1/staff/wang.operator/token').set(bearer(admin)).expect(409);
    expect(res.body.error.code).toBe('staff_disabled');
  });
});
