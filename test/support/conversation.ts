import request from 'supertest';
import { Like } from 'typeorm';
import { Message, OutboxMessage } from '../../entities';
import { computeSignature } from '../../src/channels/wechat/signature';
import { parseWeChatXml } from '../../src/channels/wechat/xml';
import type { TestApp } from './testApp';

/**
 * A web-chat citizen, talking to the app directly or to a server over HTTP (a base URL): say() sends
 * a message and returns the replies joined, send(text).expectReply() checks them; pull() fetches
 * pushed messages.
 */
export function webCitizen(target: string | TestApp) {
  let token: string | undefined;
  let cursor = 0;
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    if (typeof target === 'string') {
      const res = await fetch(`${target}${path}`, {
        method,
        headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: await res.json() };
    }
    const req =
      method === 'GET'
        ? request(target.callback()).get(path)
        : request(target.callback())
            .post(path)
            .send(body as object);
    const res = await req.set(headers);
    return { status: res.status, body: res.body };
  };
  const answered = (path: string, res: { status: number; body: any }) => {
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return withSend({
    get token() {
      return token as string;
    },
    async say(text: string): Promise<string> {
      const body = answered('/api/v1/chat', await call('POST', '/api/v1/chat', { text }));
      token = body.token;
      return body.replies.map((r: { text: string }) => r.text).join('\n');
    },
    /** Messages pushed to the citizen (operators, notices) since the last pull. */
    async pull(): Promise<{ id: number; author: string; text: string }[]> {
      const path = `/api/v1/chat/messages?after=${cursor}`;
      const messages = answered(path, await call('GET', path)).messages as { id: number; author: string; text: string }[];
      if (messages.length) cursor = messages[messages.length - 1].id;
      return messages;
    },
    /** The texts of pull(), as ChatCitizen.notices. */
    async notices(): Promise<string[]> {
      return (await this.pull()).map((m) => m.text);
    },
  });
}

/** What the app needs to run the official account's webhook in plaintext mode (merge into createTestApp's env). */
export const OFFICIAL_ACCOUNT_ENV = { WENZHENG_WECHAT_TOKEN: 'citizentesttoken', WENZHENG_WECHAT_APPID: 'wx00000000000000aa' };

let officialMessageIds = 0;

/**
 * An official-account follower talking through the signed webhook, like webCitizen: say() returns
 * the passive reply and the further replies queued for the send API, joined; pushed() the notices
 * (operators, case updates) queued for them since the last call.
 */
export function officialCitizen(app: TestApp, openid: string) {
  let seenOutbox = 0;
  return withSend({
    async say(text: string): Promise<string> {
      const msgId = String(7_000_000 + ++officialMessageIds);
      const timestamp = String(Math.floor(app.clock.now.getTime() / 1000));
      const query = new URLSearchParams({
        signature: computeSignature(OFFICIAL_ACCOUNT_ENV.WENZHENG_WECHAT_TOKEN, timestamp, msgId),
        timestamp,
        nonce: msgId,
      });
      const xml = `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId></xml>`;
      const res = await request(app.callback()).post(`/wechat/official?${query}`).set('Content-Type', 'text/xml').send(xml).expect(200);
      const passive = res.text === 'success' ? [] : [String(parseWeChatXml(res.text).Content)];
      const inbound = await app.db.dataSource.getRepository(Message).findOneBy({ externalId: msgId, direction: 'in' });
      const more = inbound
        ? await app.db.dataSource
            .getRepository(OutboxMessage)
            .find({ where: { dedupeKey: Like(`reply:${inbound.id}:%`) }, order: { id: 'ASC' } })
        : [];
      return [...passive, ...more.map((m) => m.text)].join('\n');
    },
    async pushed(): Promise<string[]> {
      const rows = await app.db.dataSource.getRepository(OutboxMessage).find({ where: { citizenId: openid }, order: { id: 'ASC' } });
      const fresh = rows.filter((r) => r.id > seenOutbox && !r.dedupeKey.startsWith('reply:'));
      if (rows.length) seenOutbox = rows[rows.length - 1].id;
      return fresh.map((r) => r.text);
    },
    /** pushed(), as ChatCitizen.notices. */
    notices(): Promise<string[]> {
      return this.pushed();
    },
  });
}

/** What a sent message awaits: the replies, checked against a pattern or the exact text. */
export interface SentMessage {
  expectReply(expected: RegExp | string): Promise<string>;
}

/** Adds send(text).expectReply(...) to a citizen that can say(): the conversation reads like the chat. */
function withSend<T extends { say(text: string): Promise<string> }>(citizen: T): T & { send(text: string): SentMessage } {
  // Assigned onto the citizen, not spread: a spread would freeze getters such as the chat token.
  return Object.assign(citizen, {
    send: (text: string): SentMessage => ({
      async expectReply(expected) {
        const reply = await citizen.say(text);
        if (typeof expected === 'string') expect(reply).toBe(expected);
        else expect(reply).toMatch(expected);
        return reply;
      },
    }),
  });
}

/** A citizen on any channel: the same conversation tests run on each; notices() are the texts pushed to them since the last call. */
export type ChatCitizen = { say(text: string): Promise<string>; send(text: string): SentMessage; notices(): Promise<string[]> };

let openids = 0;

/** Every channel a citizen talks through in tests, for `describe.each`. */
export const CITIZEN_CHANNELS = [
  ['web chat', (app: TestApp): ChatCitizen => webCitizen(app)],
  ['the official account', (app: TestApp): ChatCitizen => officialCitizen(app, `o-citizen-${++openids}`)],
] as const;
