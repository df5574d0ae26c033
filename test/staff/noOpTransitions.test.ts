import { AuditEvent } from '../../entities';
import { addStaff, api, bearer } from './support';
import { createTestApp, type TestApp } from '../support/testApp';
import { webCitizen } from '../support/conversation';
import { fileOnline } from '../disclosure/support';

/**
 * A transition that would change nothing (the state the case is already in) is refused with 409,
 * a Chinese message and a code, and nothing is recorded. Wednesday 25 November 2026, 10:00 in Shanghai.
 */
describe('no-op transitions are refused', () => {
  let app: TestApp;
  let li: string;
  let officer: string;
  beforeAll(async () => {
    app = await createTestApp();
    li = await addStaff(app, 'op-li', ['operator']);
    await addStaff(app, 'op-wang', ['operator']);
    officer = await addStaff(app, 'gk-wang', ['disclosure_officer']);
  });
  afterAll(() => app.close());

  const auditCount = (objectId: string) => app.db.dataSource.getRepository(AuditEvent).count({ where: { objectId } });

  /** Posts `body` to `path` twice: the first is accepted, the second refused with `code` and a Chinese message. */
  async function onlyOnce(token: string, path: string, body: object, code: string, objectId: string, message: RegExp) {
    await api(app).post(path).set(bearer(token)).send(body).expect(200);
    const recorded = await auditCount(objectId);
    const again = await api(app).post(path).set(bearer(token)).send(body).expect(409);
    expect(again.body.error.code).toBe(code);
    expect(again.body.error.message).toMatch(message);
    expect(again.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await auditCount(objectId)).toBe(recorded);
  }

  describe('threads', () => {
    async function waitingThread(): Promise<number> {
      await webCitizen(app).say('转人工');
      const queue = (await api(app).get('/api/v1/threads?status=waiting').set(bearer(li)).expect(200)).body.threads;
      return queue[queue.length - 1].id;
    }

    it('claiming a thread one already holds', async () => {
      const id = await waitingThread();
      await onlyOnce(li, `/api/v1/threads/${id}/claim`, {}, 'already_holder', String(id), /^您已接入会话 #\d+，无需再次接入。$/);
    });

    it('transferring a thread to the operator who holds it', async () => {
      const id = await waitingThread();
      await onlyOnce(
        li,
        `/api/v1/threads/${id}/transfer`,
        { operator: 'op-li' },
        'same_operator',
        String(id),
        /已由 op-li 接待，请选择其他话务员/,
      );
    });

    it('putting a waiting thread back in the queue', async () => {
      const id = await waitingThread();
      await api(app).post(`/api/v1/threads/${id}/claim`).set(bearer(li)).expect(200);
      await onlyOnce(li, `/api/v1/threads/${id}/transfer`, {}, 'already_waiting', String(id), /已在排队中，无需放回/);
    });

    it('releasing a thread that is closed', async () => {
      const id = await waitingThread();
      await api(app).post(`/api/v1/threads/${id}/claim`).set(bearer(li)).expect(200);
      await onlyOnce(li, `/api/v1/threads/${id}/release`, {}, 'thread_closed', String(id), /^会话 #\d+ 已结束。$/);
    });
  });

  describe('12345 tickets', () => {
    async function ticket(): Promise<string> {
      const opened = await app.db.transaction((tx) =>
        app.hotline.openTicket(
          tx,
          { category: 'help', urgency: 'normal', content: '路灯不亮', location: '西工区幸福路', phone: '13800138000', anonymous: false },
          { channel: 'webchat', citizenId: `noop-${Math.random()}`, conversationId: null, via: 'chat' },
          app.clock.now,
          { actor: 'op-li', actorId: null, via: 'api', ip: null, requestId: null },
        ),
      );
      return opened.number;
    }
    const step = (number: string, action: string, body: object = {}) =>
      api(app).post(`/api/v1/tickets/${number}/${action}`).set(bearer(li)).send(body).expect(200);

    it('marking 已签收 twice', async () => {
      const number = await ticket();
      await step(number, 'dispatch', { department: 'urbanManagement' });
      await onlyOnce(li, `/api/v1/tickets/${number}/sign`, {}, 'already_signed', number, /已于.+签收，无需再次签收/);
    });

    it('the same reply again', async () => {
      const number = await ticket();
      await step(number, 'dispatch', { department: 'urbanManagement' });
      await onlyOnce(li, `/api/v1/tickets/${number}/reply`, { text: '已更换灯泡。' }, 'same_reply', number, /已是这条答复/);
      // Another answer is a change: accepted.
      await step(number, 'reply', { text: '已更换灯泡并检修线路。' });
    });

    it('the same callback result again', async () => {
      const number = await ticket();
      await step(number, 'dispatch', { department: 'urbanManagement' });
      await step(number, 'reply', { text: '已更换灯泡。' });
      await onlyOnce(li, `/api/v1/tickets/${number}/callback`, { resolved: true }, 'same_callback', number, /已回访并记为“已解决”/);
      await step(number, 'callback', { resolved: false });
    });

    it('closing a closed ticket', async () => {
      const number = await ticket();
      await step(number, 'dispatch', { department: 'urbanManagement' });
      await step(number, 'reply', { text: '已更换灯泡。' });
      await onlyOnce(li, `/api/v1/tickets/${number}/close`, {}, 'already_closed', number, /已办结，无需再次办结/);
    });
  });

  describe('disclosure requests', () => {
    let n = 0;
    const request = async () => (await fileOnline(app, '2026-11-25', { citizenId: `noop-${n++}` })).number;
    const path = (number: string, action: string) => `/api/v1/disclosure/requests/${number}/${action}`;

    it('the topic it already has', async () => {
      const number = await request();
      await onlyOnce(officer, path(number, 'topic'), { topic: 'urbanPlanning' }, 'no_change', number, /的分类已是“城市规划”/);
    });

    it('the fee it already has (free)', async () => {
      const number = await request();
      await onlyOnce(officer, path(number, 'fee'), { method: 'perPage', pages: 5 }, 'no_change', number, /的处理费已是“按量计收”、0元/);
    });

    it("the third party's receipt on the day already recorded", async () => {
      const number = await request();
      await api(app).post(path(number, 'pause')).set(bearer(officer)).send({ reason: 'thirdParty', note: '征求某公司意见' }).expect(200);
      await onlyOnce(
        officer,
        path(number, 'consultation-receipt'),
        { on: '2026-11-25' },
        'no_change',
        number,
        /已登记第三方于2026-11-25收到/,
      );
    });

    it('pausing a paused clock, resuming a running one', async () => {
      const number = await request();
      await onlyOnce(
        officer,
        path(number, 'pause'),
        { reason: 'otherAgency', note: '征求市住建局意见' },
        'wrong_status',
        number,
        /不能征求意见/,
      );
      await onlyOnce(officer, path(number, 'resume'), {}, 'wrong_status', number, /不能恢复计时/);
    });

    it('transferring to the agency that has it', async () => {
      const number = await request();
      await onlyOnce(
        officer,
        path(number, 'transfer'),
        { agency: 'natural-resources', reason: '规划信息由自然资源局掌握' },
        'same_agency',
        number,
        /无需转交/,
      );
    });
  });
});
