import { Like } from 'typeorm';
import { Conversation, Message, RateCounter, WeChatNonce } from '../../entities';
import { webhookNonces } from '../../src/channels/wechat/nonces';
import type { InboundMessage } from '../../src/dialogue/inboundMessage';
import type { Transaction } from '../../src/platform/db/database';
import { createFloodGuard, FLOOD_REPLY } from '../../src/platform/http/rateLimit';
import { createTestApp, type TestApp } from '../support/testApp';

/** A channel's checks (the webhook's signed URL, the flood count) share the turn's one transaction. */
describe("a channel's checks in the turn's transaction", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({}, {}, { seed: false });
  });
  afterAll(() => app.close());

  const message = (id: string): InboundMessage => ({
    channel: 'wechat-official',
    citizenId: `citizen-${id}`,
    externalId: id,
    kind: 'text',
    text: '你好',
    receivedAt: app.clock.now,
  });
  const spend = (tx: Transaction, nonce: string, body = nonce) =>
    webhookNonces.firstUse(tx, {
      channel: 'wechat-official',
      nonce,
      signedAt: '1796634794',
      body: Buffer.from(body),
      expiresAt: new Date(app.clock.now.getTime() + 300_000),
    });
  const spent = (nonce: string) => app.db.dataSource.getRepository(WeChatNonce).count({ where: { nonce } });
  const stored = (id: string) => app.db.dataSource.getRepository(Message).count({ where: { externalId: id } });

  it('commits what the checks wrote with the turn', async () => {
    const result = await app.conversations.handleAdmitted(message('m-1'), async (tx) => {
      expect(await spend(tx, 'n-1')).toBe(true);
      return null;
    });
    expect(result).toMatchObject({ duplicate: false, replies: [expect.any(String)] });
    expect(await spent('n-1')).toBe(1);
    expect(await stored('m-1')).toBe(1);
  });

  it('keeps what a refusing check wrote, and neither stores nor answers the message', async () => {
    const refusal = { reason: 'flood', reply: '您发送消息太频繁了' };
    const result = await app.conversations.handleAdmitted(message('m-2'), async (tx) => {
      await spend(tx, 'n-2');
      return refusal;
    });
    expect(result).toEqual({ refused: refusal });
    expect(await spent('n-2')).toBe(1);
    expect(await stored('m-2')).toBe(0);
  });

  it('undoes what the checks wrote when the transaction fails, and stores nothing', async () => {
    const failing = app.conversations.handleAdmitted(message('m-3'), async (tx) => {
      await spend(tx, 'n-3');
      throw new Error('the database went away');
    });
    await expect(failing).rejects.toThrow('the database went away');
    expect(await spent('n-3')).toBe(0);
    expect(await stored('m-3')).toBe(0);
  });

  it('tells a replayed signed URL with another body from the same one again, inside the transaction', async () => {
    const replay = (body: string) => app.db.transaction((tx) => spend(tx, 'n-4', body));
    expect(await replay('first')).toBe(true);
    expect(await replay('first')).toBe(true);
    expect(await replay('forged')).toBe(false);
  });

  describe("the flood count on the conversation's row", () => {
    const guard = createFloodGuard({ perMinute: 3 });
    const from = (citizenId: string, id: string): InboundMessage => ({ ...message(id), citizenId });
    const send = (citizenId: string, id: string) =>
      app.conversations.handleAdmitted(from(citizenId, id), async (_tx, citizen) => guard(citizen));
    const conversationOf = (citizenId: string) => app.db.dataSource.getRepository(Conversation).findOneByOrFail({ citizenId });

    it("lets exactly the minute's limit through when one citizen's messages arrive together", async () => {
      const results = await Promise.all(Array.from({ length: 7 }, (_, i) => send('citizen-burst', `burst-${i}`)));
      // Each turn read the count with the conversation; one that read a count another turn then
      // changed lost on the state version and ran again on the new count.
      expect(results.filter((r) => 'refused' in r)).toHaveLength(4);
      expect(await app.db.dataSource.getRepository(Message).count({ where: { externalId: Like('burst-%'), direction: 'in' } })).toBe(3);
      expect(await conversationOf('citizen-burst')).toMatchObject({ inboundCount: 3 });
    });

    it('writes nothing for a refused message, counts a replayed one, and starts again in the next minute', async () => {
      for (const id of ['c-1', 'c-2']) await send('citizen-counted', id);
      // A journaled message replayed without the checks was stored all the same: it counts.
      await app.conversations.handleInbound(from('citizen-counted', 'c-3'));
      const full = await conversationOf('citizen-counted');
      expect(full.inboundCount).toBe(3);
      expect(await send('citizen-counted', 'c-4')).toEqual({
        refused: { reason: 'flood', reply: FLOOD_REPLY, retryAfterSeconds: expect.any(Number) },
      });
      expect(await conversationOf('citizen-counted')).toEqual(full);
      expect(await app.db.dataSource.getRepository(RateCounter).count()).toBe(0);
      app.clock.advance(60_000);
      expect(await send('citizen-counted', 'c-5')).toMatchObject({ duplicate: false });
      expect(await conversationOf('citizen-counted')).toMatchObject({ inboundCount: 1 });
    });
  });

  it('counts a turn as in flight from its start to its reply, so that background work can wait for it', async () => {
    expect(app.conversations.turnsInFlight()).toBe(0);
    let during = -1;
    const turn = app.conversations.handleAdmitted(message('in-flight-1'), async () => {
      during = app.conversations.turnsInFlight();
      return null;
    });
    expect(app.conversations.turnsInFlight()).toBe(1);
    await turn;
    expect(during).toBe(1);
    expect(app.conversations.turnsInFlight()).toBe(0);
  });
});
