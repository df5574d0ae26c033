import { addStaff, api, bearer } from '../staff/support';
import { createTestApp, type TestApp } from '../support/testApp';
import { webCitizen } from '../support/conversation';

/** Whom a thread can be handed to: the operators on duty, for the console's transfer select. */
describe('GET /api/v1/threads/operators', () => {
  let app: TestApp;
  let li: string;
  let wang: string;
  const PASSWORD = 'transfer-test-password-2026';
  beforeAll(async () => {
    app = await createTestApp();
    li = await addStaff(app, 'op-li', ['operator'], { displayName: '李敏' });
    wang = await addStaff(app, 'op-wang', ['operator'], { password: PASSWORD });
    await addStaff(app, 'op-zhou', ['operator'], { displayName: '周洁' });
    await addStaff(app, 'op-gone', ['operator']);
    await addStaff(app, 'kb-zhao', ['interpreter'], { password: PASSWORD });
    await api(app)
      .patch('/api/v1/staff/op-gone')
      .set(bearer(await addStaff(app, 'admin', ['admin'])))
      .send({ disabled: true })
      .expect(200);
  });
  afterAll(() => app.close());

  it('lists the other enabled operators, signed-in ones first, then by threads held; a name from it is accepted by transfer', async () => {
    // op-wang logs in to the console; op-zhou holds a thread.
    await api(app).post('/api/v1/auth/login').send({ name: 'op-wang', password: PASSWORD }).expect(200);
    await webCitizen(app).say('转人工');
    const [held] = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(li)).expect(200)).body.threads;
    await api(app).post(`/api/v1/threads/${held.id}/claim`).set(bearer(li)).expect(200);
    await api(app).post(`/api/v1/threads/${held.id}/transfer`).set(bearer(li)).send({ operator: 'op-zhou' }).expect(200);

    const res = await api(app).get('/api/v1/threads/operators').set(bearer(li)).expect(200);
    expect(res.body.operators).toEqual([
      { name: 'op-wang', displayName: null, signedIn: true, holding: 0 },
      { name: 'op-zhou', displayName: '周洁', signedIn: false, holding: 1 },
    ]);
    // op-li appears for the others, with the thread count; the caller never appears in their own list.
    const forWang = (await api(app).get('/api/v1/threads/operators').set(bearer(wang)).expect(200)).body.operators;
    expect(forWang.map((o: { name: string }) => o.name)).toEqual(['op-li', 'op-zhou']);

    await webCitizen(app).say('转人工');
    const [next] = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(li)).expect(200)).body.threads;
    await api(app).post(`/api/v1/threads/${next.id}/claim`).set(bearer(li)).expect(200);
    const moved = await api(app).post(`/api/v1/threads/${next.id}/transfer`).set(bearer(li)).send({ operator: res.body.operators[0].name });
    expect(moved.status).toBe(200);
    expect(moved.body.operator).toBe('op-wang');
    const after = (await api(app).get('/api/v1/threads/operators').set(bearer(li)).expect(200)).body.operators;
    expect(after[0]).toEqual({ name: 'op-wang', displayName: null, signedIn: true, holding: 1 });
  });

  it('is for operators only, and declared in the OpenAPI document', async () => {
    const interpreter = await addStaff(app, 'kb-qian', ['interpreter']);
    await api(app).get('/api/v1/threads/operators').set(bearer(interpreter)).expect(403);
    await api(app).get('/api/v1/threads/operators').expect(401);
    const doc = (await api(app).get('/api/v1/openapi.json').expect(200)).body;
    expect(doc.paths['/api/v1/threads/operators'].get.operationId).toBe('listTransferTargets');
  });
});
