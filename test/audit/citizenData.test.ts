import request from 'supertest';
import { AskedQuestion, AuditEvent, DisclosureRequest, Message } from '../../entities';
import { webCitizen } from '../support/conversation';
import { createTestApp, type TestApp } from '../support/testApp';

/** PIPL Art. 45 and 47: a citizen gets a copy of what is held about them, and deletes what no law keeps. */
describe("a citizen's own data", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const me = (token?: string) => {
    const api = request(app.callback());
    return {
      get: () => (token ? api.get('/api/v1/me/data').set('Authorization', `Bearer ${token}`) : api.get('/api/v1/me/data')),
      delete: () => (token ? api.delete('/api/v1/me/data').set('Authorization', `Bearer ${token}`) : api.delete('/api/v1/me/data')),
    };
  };

  it('exports conversations and cases whole, then erases the chat and keeps the open cases, saying why', async () => {
    const citizen = webCitizen(app);
    for (const line of [
      '申请公开',
      '1',
      '李四',
      '11010519491231002x',
      '13800138000',
      '福建省福州市台江区八一七中路88号2单元502室',
      '2025年城东片区棚户区改造项目的房屋征收补偿方案',
      '1',
      '1',
      '1',
      '确认',
    ])
      await citizen.say(line);
    for (const line of ['我要投诉小区噪音', '是', '没有了', '西工区幸福路12号', '13900139000', '确认']) await citizen.say(line);
    await citizen.say('低保咋申请');
    const { number } = await app.db.dataSource.getRepository(DisclosureRequest).findOneByOrFail({ via: 'chat' });

    await me().get().expect(401);
    const exported = (await me(citizen.token).get().expect(200)).body;
    expect(exported.conversations).toHaveLength(1);
    expect(exported.conversations[0].messages.map((m: { text: string }) => m.text)).toEqual(
      expect.arrayContaining(['申请公开', '低保咋申请']),
    );
    expect(exported.disclosureRequests).toEqual([
      expect.objectContaining({ number, applicantName: '李四', idNumber: '11010519491231002X', phone: '13800138000' }),
    ]);
    expect(exported.tickets).toEqual([expect.objectContaining({ location: '西工区幸福路12号', phone: '13900139000', status: 'accepted' })]);
    // Another citizen gets only their own (nothing).
    const other = webCitizen(app);
    await other.say('你好');
    const theirs = (await me(other.token).get().expect(200)).body;
    expect(theirs.disclosureRequests).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain('李四');

    const deleted = (await me(citizen.token).delete().expect(200)).body;
    expect(deleted.erased.messages).toBeGreaterThan(20);
    expect(deleted.kept).toEqual([
      { kind: 'disclosureRequest', number, status: 'processing', why: '正在办理，依法须办结并答复' },
      { kind: 'ticket', number: exported.tickets[0].number, status: 'accepted', why: '正在办理，依法须办结并答复' },
    ]);
    expect(deleted.message).toMatch(new RegExp(`^您的聊天记录已删除。以下案件依法继续保存：${number}`));

    const after = (await me(citizen.token).get().expect(200)).body;
    expect(new Set(after.conversations[0].messages.map((m: { text: string }) => m.text))).toEqual(new Set(['〔已删除〕']));
    expect(after.disclosureRequests).toHaveLength(1);
    expect(after.tickets).toHaveLength(1);
    // The rows stay for the counts; the words are gone.
    const rows = await app.db.dataSource.getRepository(Message).find();
    expect(JSON.stringify(rows)).not.toContain('低保咋申请');
    // Nor the keyed hash of a text as sent, which told a retry from a reused id.
    expect(rows.filter((m) => m.text === '〔已删除〕' && m.textHash !== null)).toEqual([]);
    // Nor are they kept for the interpreters' review queue.
    expect(deleted.erased.askedQuestions).toBeGreaterThan(0);
    expect(JSON.stringify(await app.db.dataSource.getRepository(AskedQuestion).find())).not.toContain('低保咋申请');
    expect(await app.db.dataSource.getRepository(AuditEvent).countBy({ action: 'citizen-data.delete' })).toBe(1);
    // The case still answers in the chat.
    expect(await citizen.say(`查询申请 ${number}`)).toMatch(/办理中/);
  });
});
