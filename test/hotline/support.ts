import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Like } from 'typeorm';
import { Message, OutboxMessage } from '../../entities';
import { computeSignature } from '../../src/channels/wechat/signature';
import { parseWeChatXml } from '../../src/channels/wechat/xml';
import { loadHotlineVocabulary } from '../../src/hotline/classify';
import { createHotlineScope, type HotlineScope } from '../../src/hotline/scope';
import { loadIntents } from '../../src/intents/load';
import { loadCity } from '../../src/places/city';
import type { TestApp } from '../support/testApp';

/** Writes files into a fresh temporary folder and returns it. */
export function writeTempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenzheng-hotline-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A web-chat citizen: say() sends a message and returns the replies joined; pull() fetches pushed messages. */
export function webCitizen(app: TestApp) {
  let token: string | undefined;
  let cursor = 0;
  return {
    get token() {
      return token as string;
    },
    async say(text: string): Promise<string> {
      const req = request(app.callback()).post('/api/v1/chat');
      if (token) req.set('Authorization', `Bearer ${token}`);
      const res = await req.send({ text }).expect(200);
      token = res.body.token;
      return res.body.replies.map((r: { text: string }) => r.text).join('\n');
    },
    async pull(): Promise<{ id: number; author: string; text: string }[]> {
      const res = await request(app.callback())
        .get(`/api/v1/chat/messages?after=${cursor}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const messages = res.body.messages as { id: number; author: string; text: string }[];
      if (messages.length) cursor = messages[messages.length - 1].id;
      return messages;
    },
  };
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
  return {
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
  };
}

/** A citizen on web chat or the official account: the same conversation tests run on both. */
export type ChatCitizen = { say(text: string): Promise<string> };

/** The hotline's scope over the repository's data (seeds/nlp/hotline.yaml, config/city.yaml, intents/), as the app builds it. */
export function repositoryHotlineScope(): HotlineScope {
  const root = join(__dirname, '../..');
  return createHotlineScope({
    vocabulary: loadHotlineVocabulary(join(root, 'seeds/nlp/hotline.yaml')),
    channels: loadCity(join(root, 'config/city.yaml')),
    cityFile: 'config/city.yaml',
    intents: loadIntents(join(root, 'intents')),
  });
}
