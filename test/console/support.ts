import { join } from 'node:path';
import request from 'supertest';
import type { AuditActor } from '../../src/staff/audit/repository';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import type { Role } from '../../entities/StaffAccount';
import { staffService } from '../../src/staff/service';
import type { TestApp } from '../support/testApp';
import { webCitizen } from '../support/conversation';

export { webCitizen };

export const PASSWORD = 'console-test-password-2026';

/** Headless Chromium for the console tests: the Debian package, or WENZHENG_CHROMIUM. */
export const CHROMIUM = process.env.WENZHENG_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=zh-CN',
];
/** Where the console tests save their screenshots. */
export const SHOTS = join(process.cwd(), 'test-output', 'console');

/** Creates an account with a password through the staff service (as `wenzheng staff add` does); returns its API token. */
export async function addAccount(app: TestApp, name: string, roles: Role[]): Promise<string> {
  const { token } = await staffService.create(app.db, { name, roles, password: PASSWORD }, SYSTEM_ACTOR, app.clock.now);
  return token;
}

/** `2026-11-20T10:00` read in Shanghai time. */
export const cst = (local: string) => new Date(`${local}:00+08:00`);

const OPERATOR: AuditActor = { actor: 'op-seed', actorId: null, via: 'api', ip: null, requestId: null };

/** Citizens' questions on days of the fortnight before 25 November 2026 (answered, clarified, unanswered). */
export const SEEDED_QUESTIONS: [string, string[]][] = [
  ['2026-11-13T09:30', ['低保咋申请', '公积金怎么提取', '共享单车乱停怎么办']],
  ['2026-11-16T10:00', ['孩子上学', '供暖', '办营业执照要带什么材料', '社保']],
  ['2026-11-18T11:00', ['低保咋申请', '棚改补偿标准是多少', '养狗要办证吗']],
  ['2026-11-20T15:00', ['公积金怎么提取', '低保', '共享单车乱停怎么办', '你好', '怎么申请政府信息公开']],
  ['2026-11-23T09:00', ['供暖', '孩子上学', '养狗要办证吗', '低保咋申请', '公积金']],
  ['2026-11-24T14:00', ['棚改补偿标准是多少', '社保', '办营业执照要带什么材料', '低保咋申请', '孩子上学', '公积金怎么提取']],
];

/**
 * A fortnight of activity for the dashboard and the lists: citizens' questions on several days
 * (answered, clarified, unanswered), 12345 tickets in every state across departments, and
 * disclosure requests overdue, due soon, running and closed. Leaves the clock where it was.
 */
export async function seedActivity(app: TestApp, officerToken: string): Promise<void> {
  const now = app.clock.now;
  for (const [at, questions] of SEEDED_QUESTIONS) {
    app.clock.now = cst(at);
    // One citizen per question: each starts fresh, as different people do.
    for (const q of questions) await webCitizen(app).say(q);
  }

  // 12345 tickets: opened, dispatched, signed, replied, called back, closed and rated at set times.
  const s = app.hotline;
  let n = 0;
  const at = async (
    local: string,
    work: (tx: Parameters<Parameters<TestApp['db']['transaction']>[0]>[0], when: Date) => Promise<unknown>,
  ) => {
    app.clock.now = cst(local);
    await app.db.transaction((tx) => work(tx, app.clock.now));
  };
  const open = async (local: string, category: string, content: string) => {
    let number = '';
    n++;
    const citizen = { channel: 'webchat', citizenId: `seed-citizen-${n}` };
    await at(local, async (tx, when) => {
      number = (
        await s.openTicket(
          tx,
          { category, urgency: 'normal', content, location: '西工区幸福路', phone: '13800138000', anonymous: false },
          { ...citizen, conversationId: null, via: 'chat' },
          when,
        )
      ).number;
    });
    return { number, ...citizen };
  };
  const t1 = await open('2026-11-16T09:00', 'complaint', '小区楼下餐馆油烟扰民');
  await at('2026-11-16T10:00', (tx, w) => s.dispatch(tx, t1.number, { department: 'ecology' }, OPERATOR, w));
  await at('2026-11-16T14:00', (tx, w) => s.signFor(tx, t1.number, {}, OPERATOR, w));
  await at('2026-11-18T10:00', (tx, w) => s.reply(tx, t1.number, { text: '已责令餐馆加装油烟净化设备。' }, OPERATOR, w));
  await at('2026-11-18T15:00', (tx, w) => s.callback(tx, t1.number, { resolved: true }, OPERATOR, w));
  await at('2026-11-18T16:00', (tx, w) => s.close(tx, t1.number, {}, OPERATOR, w));
  await at('2026-11-19T09:00', (tx, w) => s.rateLatestClosedTicket(tx, t1, 'satisfied', w));

  const t2 = await open('2026-11-17T11:00', 'help', '路灯不亮，晚上出行不便');
  await at('2026-11-17T11:30', (tx, w) => s.dispatch(tx, t2.number, { department: 'urbanManagement' }, OPERATOR, w));
  await at('2026-11-19T16:00', (tx, w) => s.signFor(tx, t2.number, {}, OPERATOR, w));
  await at('2026-11-21T10:00', (tx, w) => s.reply(tx, t2.number, { text: '已更换灯泡。' }, OPERATOR, w));
  await at('2026-11-21T15:00', (tx, w) => s.callback(tx, t2.number, { resolved: false }, OPERATOR, w));
  await at('2026-11-21T16:00', (tx, w) => s.close(tx, t2.number, {}, OPERATOR, w));
  await at('2026-11-22T09:00', (tx, w) => s.rateLatestClosedTicket(tx, t2, 'basicallySatisfied', w));

  const t3 = await open('2026-11-13T16:00', 'complaint', '工地夜间施工噪音');
  await at('2026-11-13T16:30', (tx, w) => s.dispatch(tx, t3.number, { department: 'urbanManagement' }, OPERATOR, w));

  const t4 = await open('2026-11-24T17:00', 'consultation', '公租房申请条件咨询');
  await at('2026-11-25T09:00', (tx, w) => s.dispatch(tx, t4.number, { department: 'housing' }, OPERATOR, w));
  await open('2026-11-25T09:30', 'suggestion', '建议增设公交站点');

  // Disclosure requests, registered by an officer as received in person on these days.
  app.clock.now = now;
  const application = (description: string, agency: string) => ({
    applicantType: 'naturalPerson',
    name: '张三',
    identity: { kind: 'residentId', number: '11010519491231002X' },
    phone: '13800138000',
    address: '西工区幸福路100号',
    description,
    form: 'paper',
    delivery: 'post',
    agency,
  });
  const register = async (receivedOn: string, description: string, agency = 'housing') => {
    const res = await request(app.callback())
      .post('/api/v1/disclosure/requests')
      .set('Authorization', `Bearer ${officerToken}`)
      .send({ channel: 'inPerson', receivedOn, application: application(description, agency) });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.number as string;
  };
  const act = async (number: string, path: string, body: object) => {
    const res = await request(app.callback())
      .post(`/api/v1/disclosure/requests/${number}/${path}`)
      .set('Authorization', `Bearer ${officerToken}`)
      .send(body);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const closed = await register('2026-09-07', '2026年城东片区棚户区改造项目的房屋征收补偿方案');
  await act(closed, 'reply', { outcome: 'outcome.disclosed', text: '现予公开，详见附件。', on: '2026-09-25' });
  const refused = await register('2026-10-09', '某企业的商业秘密材料', 'city-office');
  await act(refused, 'reply', { outcome: 'outcome.withheld.thirdPartyRights', text: '涉及第三方商业秘密，不予公开。', on: '2026-10-30' });
  await register('2026-10-20', '城西老旧小区改造的资金使用情况');
  await register('2026-10-29', '2026年保障性住房分配名单');
  await register('2026-11-24', '幸福路拓宽工程的规划许可', 'natural-resources');
  app.clock.now = now;
}
