import { AuditEvent } from '../../entities';
import { ROLES, type Role } from '../../entities/StaffAccount';
import { createTestApp, type TestApp } from '../support/testApp';
import { addStaff, api, bearer } from '../staff/support';
import { APPLICATION, fileOnline } from './support';

let app: TestApp;
const tokens = new Map<Role, string>();
beforeAll(async () => {
  app = await createTestApp({}, {}, { seed: false });
  for (const role of ROLES) tokens.set(role, await addStaff(app, `dz-${role.replace('_', '-')}`, [role]));
});
afterAll(() => app.close());

const officer = () => bearer(tokens.get('disclosure_officer')!);

const REGISTER = {
  channel: 'inPerson',
  application: {
    ...APPLICATION,
    identity: { kind: 'residentId', number: '11010519491231002X' },
    phone: '13800138000',
    address: APPLICATION.address!,
    email: undefined,
  },
};

describe("the disclosure officers' API", () => {
  const routes = () => app.staffApi.routes.filter((r) => r.path.startsWith('/api/v1/disclosure/'));

  it('declares every route in the OpenAPI registry with its roles', async () => {
    const declared = routes().map((r) => `${r.method.toUpperCase()} ${r.path} ${JSON.stringify(r.access)}`);
    expect(declared).toEqual(
      expect.arrayContaining([
        'GET /api/v1/disclosure/requests ["disclosure_officer"]',
        'POST /api/v1/disclosure/requests ["disclosure_officer"]',
        'GET /api/v1/disclosure/requests/:number ["disclosure_officer"]',
        'POST /api/v1/disclosure/requests/:number/reply ["disclosure_officer"]',
        'GET /api/v1/disclosure/reports/annual ["disclosure_officer","admin"]',
      ]),
    );
    const doc = (await api(app).get('/api/v1/openapi.json').expect(200)).body;
    for (const r of routes()) expect(doc.paths[r.path.replace(/:(\w+)/g, '{$1}')][r.method]).toMatchObject({ 'x-roles': r.access });
  });

  it('refuses every route without a token (401) and to roles that do not handle requests (403)', async () => {
    for (const route of routes()) {
      const path = route.path.replace(':number', 'YSQ2026000001').replace(':id', '1');
      const call = (headers: Record<string, string>) => api(app)[route.method as 'get' | 'post' | 'patch'](path).set(headers).send({});
      expect((await call({})).status).toBe(401);
      for (const role of ROLES) {
        const res = await call(bearer(tokens.get(role)!));
        const allowed = (route.access as readonly string[]).includes(role);
        if (allowed) expect([401, 403]).not.toContain(res.status);
        else
          expect({ route: `${route.method} ${route.path}`, role, status: res.status }).toEqual({
            route: `${route.method} ${route.path}`,
            role,
            status: 403,
          });
      }
    }
  });

  it('registers an in-person application with the shared validation, every invalid field named', async () => {
    const bad = await api(app)
      .post('/api/v1/disclosure/requests')
      .set(officer())
      .send({
        channel: 'inPerson',
        application: { ...REGISTER.application, name: 'X', phone: '123', description: '举报某某公司偷税，要求查处' },
      })
      .expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['application.name', 'application.phone']);
    expect(bad.body.error.fields[1].message).toMatch(/11位.*\(phone\.length\)/);
    const res = await api(app).post('/api/v1/disclosure/requests').set(officer()).send(REGISTER).expect(201);
    expect(res.body).toEqual({
      number: expect.stringMatching(/^YSQ2026\d{6}$/),
      receivedOn: '2026-11-25',
      replyDue: { date: '2026-12-23', beyondCoverage: false },
      warnings: [],
    });
  });

  it('registers a complaint sent as a disclosure letter with a warning, to be answered 不予处理 (Art. 39)', async () => {
    const letter = {
      channel: 'letter',
      receivedOn: '2026-11-24',
      application: { ...REGISTER.application, description: '举报某某公司偷税漏税，要求税务部门查处' },
    };
    const res = await api(app).post('/api/v1/disclosure/requests').set(officer()).send(letter).expect(201);
    expect(res.body.warnings).toEqual([
      { field: 'description', code: 'description.notDisclosure', message: expect.stringMatching(/像是举报[\s\S]*第三十九条/) },
    ]);
    const replied = await api(app)
      .post(`/api/v1/disclosure/requests/${res.body.number}/reply`)
      .set(officer())
      .send({
        outcome: 'outcome.notProcessed.petitionOrComplaint',
        text: '您反映的是举报事项，不属于政府信息公开申请，请通过12345热线或税务部门举报渠道反映。',
      })
      .expect(200);
    expect(replied.body).toMatchObject({
      status: 'closed',
      receiptChannel: 'letter',
      receivedOn: '2026-11-24',
      outcomeLabel: '不予处理（信访举报投诉类申请）',
      fromChat: false,
    });
  });

  it('lists with personal data masked, and filters by status, agency, due within N working days and overdue', async () => {
    const late = await fileOnline(app, '2026-10-09', { citizenId: 'late', application: { agency: 'finance' } });
    const soon = await fileOnline(app, '2026-10-29', { citizenId: 'soon' });
    const list = await api(app).get('/api/v1/disclosure/requests').set(officer()).expect(200);
    expect(list.body.requests.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(list.body)).not.toMatch(/张三|11010519491231002X|13800138000/);
    expect(list.body.requests[0].applicantName).toBe('张*');

    // Today 2026-11-25. `late` (Fri 10-09) was due 11-05: Sat 10-10 is a make-up working day, then
    // 12-16, 19-23, 26-30 Oct and 2-5 Nov; 14 working days ago (11-06, 9-13, 16-20, 23-25 Nov).
    // `soon` (Thu 10-29) is due 11-26.
    const overdue = await api(app).get('/api/v1/disclosure/requests?overdue=true').set(officer()).expect(200);
    expect(overdue.body.requests.map((r: { number: string }) => r.number)).toEqual([late.number]);
    expect(overdue.body.requests[0]).toMatchObject({ overdue: true, dueOn: '2026-11-05', workingDaysLeft: -14 });
    const dueSoon = await api(app).get('/api/v1/disclosure/requests?dueWithin=2').set(officer()).expect(200);
    expect(dueSoon.body.requests.map((r: { number: string }) => r.number)).toEqual([soon.number]);
    const byAgency = await api(app).get('/api/v1/disclosure/requests?agency=finance&status=processing').set(officer()).expect(200);
    expect(byAgency.body.requests.map((r: { number: string }) => r.number)).toEqual([late.number]);
    await api(app).get('/api/v1/disclosure/requests?status=lost').set(officer()).expect(400);
    const page1 = await api(app).get('/api/v1/disclosure/requests?limit=2').set(officer()).expect(200);
    expect(page1.body.requests).toHaveLength(2);
    const page2 = await api(app).get(`/api/v1/disclosure/requests?limit=2&before=${page1.body.nextBefore}`).set(officer()).expect(200);
    expect(page2.body.requests[0].id).toBeLessThan(page1.body.nextBefore);
    expect(page2.body.requests.map((r: { number: string }) => r.number)).not.toContain(page1.body.requests[1].number);

    const due = await api(app).get('/api/v1/disclosure/due?within=2').set(officer()).expect(200);
    expect(due.body).toMatchObject({
      today: '2026-11-25',
      dueBy: '2026-11-27',
      overdue: [{ number: late.number }],
      dueSoon: [{ number: soon.number }],
    });
  });

  it('shows a case masked, and unmasked only on request, audited with the reason', async () => {
    const { number } = await fileOnline(app, '2026-11-20', {
      citizenId: 'case-view',
      application: { description: '2025年城东片区棚改补偿方案，联系人电话13900139000' },
    });
    const masked = await api(app).get(`/api/v1/disclosure/requests/${number}`).set(officer()).expect(200);
    expect(masked.body.applicant).toMatchObject({
      name: '张*',
      idNumber: '1101**********002X',
      phone: '138****8000',
      address: '福建省福州市鼓楼区****',
    });
    expect(masked.body.description).toContain('139****9000');
    expect(masked.body.deadlines).toMatchObject({ receivedOn: '2026-11-20', replyDueInForce: { date: '2026-12-18' } });
    expect(await app.db.dataSource.getRepository(AuditEvent).count({ where: { action: 'personal-data.view', objectId: number } })).toBe(0);

    const whole = await api(app)
      .get(`/api/v1/disclosure/requests/${number}?unmask=true&reason=${encodeURIComponent('电话联系申请人')}`)
      .set(officer())
      .expect(200);
    expect(whole.body.applicant).toMatchObject({ name: '张三', idNumber: '11010519491231002X', phone: '13800138000' });
    expect(whole.body.description).toContain('13900139000');
    const views = await app.db.dataSource.getRepository(AuditEvent).find({ where: { action: 'personal-data.view', objectId: number } });
    expect(views).toEqual([
      expect.objectContaining({
        actor: 'dz-disclosure-officer',
        objectType: 'disclosure_request',
        details: expect.objectContaining({ reason: '电话联系申请人' }),
      }),
    ]);
    await api(app).get('/api/v1/disclosure/requests/YSQ2026999999').set(officer()).expect(404);
  });

  it('keeps the original request beside its correction (补正), neither replacing the other', async () => {
    const { number } = await fileOnline(app, '2026-11-23', { citizenId: 'side-by-side' });
    const base = `/api/v1/disclosure/requests/${number}`;
    const before = (await api(app).get(base).set(officer()).expect(200)).body;
    expect(before).toMatchObject({ originalDescription: before.description, correction: null });
    await api(app).post(`${base}/correction-notice`).set(officer()).send({ items: '请说明地块名称' }).expect(200);
    const after = (
      await api(app).post(`${base}/correction`).set(officer()).send({ description: '城东片区3号地块的征收补偿方案' }).expect(200)
    ).body;
    expect(after).toMatchObject({
      originalDescription: before.description,
      correction: { description: '城东片区3号地块的征收补偿方案' },
      description: '城东片区3号地块的征收补偿方案',
    });
    expect(after.correction.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("runs the actions over the API, audited under the officer's name", async () => {
    const { number } = await fileOnline(app, '2026-11-23', { citizenId: 'actions' });
    const base = `/api/v1/disclosure/requests/${number}`;
    const corrected = await api(app)
      .post(`${base}/correction-notice`)
      .set(officer())
      .send({ items: '请说明地块名称', dueOn: '2026-12-09' })
      .expect(200);
    expect(corrected.body).toMatchObject({ status: 'awaitingCorrection', applicant: { name: '张*' } });
    expect((await api(app).post(`${base}/correction-notice`).set(officer()).send({ items: '再来' }).expect(409)).body.error.code).toBe(
      'wrong_status',
    );
    await api(app).post(`${base}/correction`).set(officer()).send({}).expect(200);
    await api(app).post(`${base}/pause`).set(officer()).send({ reason: 'otherAgency', note: '征求市财政局意见' }).expect(200);
    await api(app).post(`${base}/resume`).set(officer()).send({}).expect(200);
    await api(app)
      .post(`${base}/extension`)
      .set(officer())
      .send({ workingDays: 10, approver: '公开办主任', reason: '需要会商' })
      .expect(200);
    await api(app).post(`${base}/transfer`).set(officer()).send({ agency: 'natural-resources', reason: '规划部门保存' }).expect(200);
    await api(app).post(`${base}/fee`).set(officer()).send({ method: 'perPage', pages: 40 }).expect(200);
    await api(app).post(`${base}/topic`).set(officer()).send({ topic: 'urbanPlanning' }).expect(200);
    const replied = await api(app)
      .post(`${base}/reply`)
      .set(officer())
      .send({ outcome: 'outcome.partiallyDisclosed', text: '部分公开，见附件。', attachment: 'DA-2026-0099' })
      .expect(200);
    expect(replied.body).toMatchObject({
      status: 'closed',
      outcome: 'outcome.partiallyDisclosed',
      outcomeLabel: '部分公开',
      fee: { amount: 100 },
      topic: { label: '城市规划' },
      agency: { code: 'natural-resources' },
    });
    expect(replied.body.events.map((e: { type: string }) => e.type)).toEqual([
      'received',
      'correction-requested',
      'corrected',
      'paused',
      'resumed',
      'extended',
      'transferred',
      'fee-set',
      'topic-set',
      'replied',
    ]);
    const audit = await app.db.dataSource.getRepository(AuditEvent).find({ where: { objectId: number }, order: { id: 'ASC' } });
    expect(audit.filter((a) => a.actor === 'dz-disclosure-officer').map((a) => a.action)).toEqual([
      'disclosure.correction-requested',
      'disclosure.corrected',
      'disclosure.paused',
      'disclosure.resumed',
      'disclosure.extended',
      'disclosure.transferred',
      'disclosure.fee-set',
      'disclosure.topic-set',
      'disclosure.replied',
    ]);
    expect(audit.every((a) => a.via === 'api' || a.via === 'system')).toBe(true);
  });

  it('refuses a field of the wrong type in Chinese, naming the field, like its other refusals', async () => {
    const { number } = await fileOnline(app, '2026-11-23', { citizenId: 'wrong-types' });
    const base = `/api/v1/disclosure/requests/${number}`;
    const list = await api(app)
      .post(`${base}/correction-notice`)
      .set(officer())
      .send({ items: ['请说明地块名称'] })
      .expect(400);
    expect(list.body.error).toMatchObject({
      code: 'invalid_request',
      field: 'items',
      message: '补正事项（items）应为一段文字，不能是列表、数字或对象。',
      fields: [{ field: 'items', code: 'items.type', message: '补正事项（items）应为一段文字，不能是列表、数字或对象。' }],
    });
    const extension = await api(app).post(`${base}/extension`).set(officer()).send({ workingDays: '10', reason: '需要会商' }).expect(400);
    expect(extension.body.error.fields).toEqual([
      { field: 'workingDays', code: 'workingDays.type', message: '延长工作日数（workingDays）应为数字。' },
      { field: 'approver', code: 'approver.missing', message: '批准人（approver）：必须填写。' },
    ]);
  });

  it('records reviews and lawsuits for table 四 and their results', async () => {
    const { number } = await fileOnline(app, '2026-09-01', { citizenId: 'proceeding' });
    const filed = await api(app)
      .post('/api/v1/disclosure/proceedings')
      .set(officer())
      .send({ kind: 'review', requestNumber: number, filedOn: '2026-10-10' })
      .expect(201);
    expect(filed.body).toMatchObject({
      kind: 'review',
      kindLabel: '行政复议',
      agency: { code: 'housing' },
      requestNumber: number,
      result: 'pending',
      resultLabel: '尚未审结',
      recordedBy: 'dz-disclosure-officer',
    });
    await api(app).post('/api/v1/disclosure/proceedings').set(officer()).send({ kind: 'directLawsuit', filedOn: '2026-10-10' }).expect(400);
    await api(app)
      .post('/api/v1/disclosure/proceedings')
      .set(officer())
      .send({ kind: 'review', agency: 'housing', filedOn: '2026-10-10', result: 'upheld' })
      .expect(400);
    const early = await api(app)
      .patch(`/api/v1/disclosure/proceedings/${filed.body.id}`)
      .set(officer())
      .send({ result: 'corrected', decidedOn: '2026-10-01' })
      .expect(400);
    // Staff-facing text is Chinese; the JSON error's field keeps the API's name.
    expect(early.body.error).toMatchObject({
      field: 'decidedOn',
      message: '决定（判决）日期（decidedOn）：须为2026-10-10至今天之间的日期',
    });
    const decided = await api(app)
      .patch(`/api/v1/disclosure/proceedings/${filed.body.id}`)
      .set(officer())
      .send({ result: 'corrected', decidedOn: '2026-11-20' })
      .expect(200);
    expect(decided.body).toMatchObject({ result: 'corrected', resultLabel: '结果纠正', decidedOn: '2026-11-20' });
    await api(app).patch('/api/v1/disclosure/proceedings/99999').set(officer()).send({ result: 'pending' }).expect(404);
    const list = await api(app)
      .get('/api/v1/disclosure/proceedings?year=2026')
      .set(bearer(tokens.get('admin')!))
      .expect(200);
    expect(list.body.proceedings).toEqual([expect.objectContaining({ id: filed.body.id, result: 'corrected' })]);
    const report = await api(app).get('/api/v1/disclosure/reports/annual?year=2026').set(officer()).expect(200);
    expect(report.body.table4.proceedings[0]).toMatchObject({
      code: 'review',
      results: expect.arrayContaining([{ code: 'corrected', label: '结果纠正', count: 1 }]),
    });
    const audit = await app.db.dataSource
      .getRepository(AuditEvent)
      .find({ where: { objectType: 'disclosure_proceeding' }, order: { id: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual(['disclosure.proceeding-recorded', 'disclosure.proceeding-decided']);
  });

  it('gives the reference lists with their exact labels', async () => {
    const ref = await api(app)
      .get('/api/v1/disclosure/reference')
      .set(bearer(tokens.get('admin')!))
      .expect(200);
    // 2 + 8 不予公开 + 3 无法提供 + 5 不予处理 + 3 其他处理
    expect(ref.body.outcomes).toHaveLength(21);
    expect(ref.body.outcomes).toContainEqual({ code: 'outcome.notProcessed.petitionOrComplaint', label: '不予处理（信访举报投诉类申请）' });
    expect(ref.body.receiptChannels).toEqual([
      { code: 'inPerson', label: '当面' },
      { code: 'letter', label: '信函' },
      { code: 'online', label: '网上' },
    ]);
    expect(ref.body.calendar).toEqual({ coveredFrom: '2025-01-01', coveredUntil: '2026-12-31' });
  });
});
