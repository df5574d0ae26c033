import request from 'supertest';
import { DisclosureRequest } from '../../entities';
import { createTestApp, type TestApp } from '../support/testApp';
import { buildAnnualReport } from '../../src/cases/disclosure/report';
import { OFFICER } from './support';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const api = () => request(app.callback());

/** One chat message; returns the reply texts and the token to continue with. */
async function say(text: string, token?: string): Promise<{ token: string; replies: string[] }> {
  const req = api().post('/api/v1/chat').send({ text });
  if (token) req.set('Authorization', `Bearer ${token}`);
  const res = await req.expect(200);
  return { token: res.body.token, replies: res.body.replies.map((r: { text: string }) => r.text) };
}

async function conversation(lines: string[], token?: string) {
  let current = token;
  const all: string[][] = [];
  for (const line of lines) {
    const r = await say(line, current);
    current = r.token;
    all.push(r.replies);
  }
  return { token: current!, replies: all };
}

const ANSWERS = [
  '1',
  '张三',
  '11010519491231002x',
  '138 0013 8000',
  '福建省福州市鼓楼区五四路100号3单元201室',
  '2025年城东片区棚户区改造项目的房屋征收补偿方案',
  '1',
  '2',
  '1',
];

describe('a disclosure application in the chat', () => {
  let token: string;
  let number: string;

  it('takes the applicant through the form, validating each answer, and files it on confirmation', async () => {
    const start = await say('申请公开');
    token = start.token;
    expect(start.replies.join('\n')).toMatch(/政府信息公开申请[\s\S]*回复1 自然人/);

    // A wrong answer is explained and the question asked again.
    const wrong = await conversation(['1', '张三', '110105194912310021'], token);
    expect(wrong.replies[2]!.join('\n')).toMatch(/校验不通过[\s\S]*请发送身份证号码/);

    const rest = await conversation(ANSWERS.slice(2), token);
    const summary = rest.replies.at(-1)!.join('\n');
    expect(summary).toMatch(/姓名：张\*/);
    expect(summary).toMatch(/1101\*{10}002X/);
    expect(summary).not.toContain('13800138000');
    expect(summary).toMatch(/确认提交之日即为机关收到申请之日/);
    expect(await app.db.dataSource.getRepository(DisclosureRequest).count()).toBe(0);

    const confirmed = await say('确认', token);
    const text = confirmed.replies.join('\n');
    number = /受理编号：(YSQ2026\d{6})/.exec(text)![1]!;
    expect(text).toMatch(/受理机关：市住房和城乡建设局/);
    expect(text).toMatch(/收到申请日期：2026年11月25日（周三）/);
    expect(text).toMatch(/答复期限：2026年12月23日（周三）前/);
    expect(text).toContain(`查询申请 ${number}`);
    const row = await app.db.dataSource.getRepository(DisclosureRequest).findOneByOrFail({ number });
    expect(row).toMatchObject({
      receiptChannel: 'online',
      via: 'chat',
      citizenChannel: 'webchat',
      receivedOn: '2026-11-25',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      agency: 'housing',
    });
  });

  it('tells the citizen its status by number, and lists their requests without one', async () => {
    const status = await say(`查询申请 ${number}`, token);
    expect(status.replies.join('\n')).toMatch(
      new RegExp(`申请编号：${number}[\\s\\S]*状态：办理中[\\s\\S]*答复期限：2026年12月23日（周三）前`),
    );
    const list = await say('查询申请', token);
    expect(list.replies.join('\n')).toMatch(new RegExp(`1\\. ${number} 办理中，答复期限 2026-12-23`));
  });

  it('reveals nothing to another citizen, whatever number they try', async () => {
    const other = await say(`查询申请 ${number}`);
    expect(other.replies.join('\n')).toBe(`没有查到您提交的编号为 ${number} 的申请。请核对编号；只能查询本人通过本渠道提交的申请。`);
    const unknown = await say('查询申请 YSQ2026999999', other.token);
    expect(unknown.replies.join('\n')).toBe('没有查到您提交的编号为 YSQ2026999999 的申请。请核对编号；只能查询本人通过本渠道提交的申请。');
    expect((await say('查询申请', other.token)).replies.join('\n')).toMatch(/还没有通过本渠道提交过政府信息公开申请/);
  });

  it("lists the citizen's own requests at GET /api/v1/me/requests (chat token)", async () => {
    const mine = await api().get('/api/v1/me/requests').set('Authorization', `Bearer ${token}`).expect(200);
    expect(mine.body.requests).toEqual([
      expect.objectContaining({
        number,
        status: 'processing',
        statusLabel: '办理中',
        receivedOn: '2026-11-25',
        replyDue: { date: '2026-12-23', beyondCoverage: false },
      }),
    ]);
    expect(JSON.stringify(mine.body)).not.toContain('11010519491231002X');
    const one = await api().get(`/api/v1/me/requests/${number}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(one.body.number).toBe(number);

    const stranger = (await say('你好')).token;
    expect((await api().get('/api/v1/me/requests').set('Authorization', `Bearer ${stranger}`).expect(200)).body).toEqual({ requests: [] });
    expect((await api().get(`/api/v1/me/requests/${number}`).set('Authorization', `Bearer ${stranger}`).expect(404)).body.error.code).toBe(
      'request_not_found',
    );
    expect((await api().get('/api/v1/me/requests').expect(401)).body.error.code).toBe('invalid_token');
    await api().get('/api/v1/me/requests').set('Authorization', 'Bearer not-a-real-token-000000000').expect(401);
  });

  it('sends every change of status to the chat it came from', async () => {
    await app.db.transaction((tx) =>
      app.disclosure.requestCorrection(tx, number, { items: '请写明具体地块名称。', dueOn: '2026-12-10' }, OFFICER, app.clock.now),
    );
    const pulled = await api().get('/api/v1/chat/messages').set('Authorization', `Bearer ${token}`).expect(200);
    expect(pulled.body.messages.at(-1)).toMatchObject({
      author: 'system',
      text: expect.stringMatching(new RegExp(`${number}[\\s\\S]*请写明具体地块名称。[\\s\\S]*2026年12月10日`)),
    });

    // The citizen sends the correction from the "my requests" page: the clock restarts.
    const vague = await api()
      .post(`/api/v1/me/requests/${number}/correction`)
      .set('Authorization', `Bearer ${token}`)
      .send({ description: '文件' })
      .expect(400);
    expect(vague.body.error).toMatchObject({ code: 'description.vague', field: 'description' });
    app.clock.advance(24 * 3600_000);
    const corrected = await api()
      .post(`/api/v1/me/requests/${number}/correction`)
      .set('Authorization', `Bearer ${token}`)
      .send({ description: '2025年城东片区3号地块棚户区改造项目的房屋征收补偿方案' })
      .expect(200);
    // From Thu 11-26: 27 (1), 30 (2), 1-4 Dec (6), 7-11 (11), 14-18 (16), 21-24 (20).
    expect(corrected.body).toMatchObject({ status: 'processing', replyDue: { date: '2026-12-24' } });
    const after = await api().get('/api/v1/chat/messages').set('Authorization', `Bearer ${token}`).expect(200);
    expect(after.body.messages.at(-1).text).toBe(`已收到您对申请${number}的补正，答复期限重新计算，将于2026年12月24日（周四）前答复。`);
    await api()
      .post(`/api/v1/me/requests/${number}/correction`)
      .set('Authorization', `Bearer ${token}`)
      .send({ description: '再次补正' })
      .expect(409);
  });

  it('Art. 39 is for the agency to decide: a complaint gets a warning and the hotline offer, and once confirmed it is registered, answered 不予处理 and counted in (五)1', async () => {
    const { token: t } = await conversation(['申请公开', '1', '李四', '11010519491231002X', '13800138000', 'li@example.com']);
    const complaint = await say('我要投诉小区楼下饭店油烟扰民，要求环保部门查处', t);
    const text = complaint.replies.join('\n');
    expect(text).toMatch(/看起来像是投诉事项。按照《政府信息公开条例》第三十九条[\s\S]*由受理机关审查决定/);
    expect(text).toMatch(/12345政务服务便民热线/);
    // The form goes on: the citizen decides whether to apply.
    expect(text).toMatch(/您希望以什么形式获取信息/);
    await conversation(['1', '1', '1'], t);
    const confirmed = (await say('确认', t)).replies.join('\n');
    const number = /受理编号：(YSQ2026\d{6})/.exec(confirmed)![1]!;
    const row = await app.db.dataSource.getRepository(DisclosureRequest).findOneByOrFail({ number });
    expect(row).toMatchObject({ status: 'processing', art39Hint: 'complaint', dueOn: expect.any(String) });

    const before = await app.db.transaction((tx) => buildAnnualReport(tx, { year: 2026 }, app.disclosure.agencies));
    const notProcessed = (report: typeof before) =>
      report.table3.rows.find((r) => r.label === '1.信访举报投诉类申请')!.values!.naturalPerson;
    await app.db.transaction((tx) =>
      app.disclosure.reply(
        tx,
        number,
        { outcome: 'outcome.notProcessed.petitionOrComplaint', text: '您反映的是投诉事项，不属于政府信息公开申请，请通过12345热线反映。' },
        OFFICER,
        app.clock.now,
      ),
    );
    const after = await app.db.transaction((tx) => buildAnnualReport(tx, { year: 2026 }, app.disclosure.agencies));
    expect(notProcessed(after)).toBe(notProcessed(before) + 1);
  });

  it('answers a question about a procedure (咨询) from the knowledge base and says it is a consultation, before asking for the information again', async () => {
    const before = await app.db.dataSource.getRepository(DisclosureRequest).count();
    const { token: t } = await conversation(['申请公开', '1', '赵六', '11010519491231002X', '13800138000', 'zhao@example.com']);
    const question = (await say('请问低保申请需要什么条件', t)).replies.join('\n');
    expect(question).toMatch(/^您的问题属于咨询（了解办事条件和程序），不需要申请政府信息公开/);
    expect(question).toMatch(/最低生活保障/);
    expect(question).toMatch(/如您确实需要获取某项政府信息[\s\S]*请描述您需要的政府信息/);
    expect(question).not.toMatch(/您希望以什么形式获取信息/);
    // A real description goes on with the form.
    expect((await say('2025年城东片区棚户区改造项目的房屋征收补偿方案', t)).replies.join('\n')).toMatch(/您希望以什么形式获取信息/);
    expect(await app.db.dataSource.getRepository(DisclosureRequest).count()).toBe(before);
  });

  it('answers a request for published information from the knowledge base, and lets the citizen go on', async () => {
    const { token: t } = await conversation(['申请公开', '1', '王五', '11010519491231002X', '13800138000', 'wang@example.com']);
    const answer = await say('最低生活保障的申请条件和办理流程', t);
    const text = answer.replies.join('\n');
    expect(text).toMatch(/已经公开/);
    expect(text).toMatch(/您希望以什么形式获取信息/);
  });
});
