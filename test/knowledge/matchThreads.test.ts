import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import { loadIntents } from '../../src/understanding/intents/load';
import { recognizeIntent } from '../../src/understanding/intents/recognize';
import type { PreparedMatch } from '../../src/knowledge/matchThreads';
import { staffService } from '../../src/staff/service';
import * as indexCache from '../../src/understanding/nlp/indexCache';
import { createTestApp, type TestApp } from '../support/testApp';
import { waitFor } from '../support/waitFor';

const questions = (
  parseYaml(readFileSync(join(__dirname, '..', 'eval', 'questions.yaml'), 'utf8')) as { questions: { text: string }[] }
).questions.map((q) => q.text);

// A thread's start loads the segmenter's dictionaries and builds the index: seconds, more on a busy machine.
const preparedWithin = (app: TestApp, text: string, accept: (prepared: PreparedMatch) => boolean = () => true) =>
  waitFor(
    `a match thread's answer to "${text}"`,
    async () => {
      const prepared = await app.knowledge.matchOnThread(text, app.clock.now);
      return prepared && accept(prepared) ? prepared : null;
    },
    25_000,
  );

describe('matching on a worker thread (WENZHENG_MATCH_THREADS)', () => {
  let app: TestApp;
  // Reading the matching code's sources is done once, by the composition root: the threads get it from there.
  const matchingCode = jest.spyOn(indexCache, 'matchingCode');
  beforeAll(async () => {
    app = await createTestApp({ WENZHENG_MATCH_THREADS: '1', WENZHENG_KB_RELOAD_INTERVAL_MS: '200' });
    await preparedWithin(app, questions[0]);
  });
  afterAll(() => app.close());

  it("works out the matching code once, on the main thread, for its index and the threads'", () => {
    expect(matchingCode).toHaveBeenCalledTimes(1);
  });

  it('gives exactly the match and intent the event loop would, for every evaluation question', async () => {
    const texts = [...questions, '你好', '转人工', '我要投诉', '查询工单 12345-2026-000123', '着火了'];
    const intents = loadIntents(app.config.intentsDir);
    // One text at a time, as turns ask: all of them at once make one batch, which a starved test worker cannot answer
    // within the second the threads are given (then each answer is null and the event loop matches, by design).
    const prepared: Awaited<ReturnType<typeof app.knowledge.matchOnThread>>[] = [];
    for (const text of texts) prepared.push(await app.knowledge.matchOnThread(text, app.clock.now));
    expect(prepared.map((p) => p?.result)).toEqual(texts.map((text) => app.knowledge.match(text, app.clock.now)));
    expect(prepared.map((p) => p?.intent)).toEqual(texts.map((text) => recognizeIntent(text, intents, app.knowledge.lexicon)));
    expect(prepared.filter((p) => p?.intent).length).toBeGreaterThanOrEqual(5);
    expect(prepared.every((p) => p?.revision === app.knowledge.currentRevision)).toBe(true);
  });

  it('is used by a turn only for its own text, on the revision and day it was made for', async () => {
    const text = '低保怎么申请';
    const real = app.knowledge.match(text, app.clock.now);
    const prepared = await preparedWithin(app, text);
    // A made-up result shows whether the prepared match or a fresh one decided.
    const marked: PreparedMatch = { ...prepared, result: { ...prepared.result, score: 0.123 } };
    expect(app.knowledge.match(text, app.clock.now, { prepared: marked }).score).toBe(0.123);
    expect(app.knowledge.match(text, app.clock.now, { prepared: { ...marked, text: '低保标准' } })).toEqual(real);
    expect(app.knowledge.match(text, app.clock.now, { prepared: { ...marked, revision: marked.revision - 1 } })).toEqual(real);
    expect(app.knowledge.match(text, new Date(app.clock.now.getTime() + 86_400_000), { prepared: marked }).score).not.toBe(0.123);
    expect(app.knowledge.match(text, app.clock.now, { prepared: marked, includeDrafts: true })).toEqual(real);
  });

  it('answers a citizen with the match made on the thread', async () => {
    const handed: (PreparedMatch | null | undefined)[] = [];
    const fromThread: (PreparedMatch | null)[] = [];
    const { match, matchOnThread } = app.knowledge;
    app.knowledge.match = (text, now, options) => {
      handed.push(options?.prepared);
      return match.call(app.knowledge, text, now, options);
    };
    app.knowledge.matchOnThread = async (text, now) => {
      fromThread.push(await matchOnThread.call(app.knowledge, text, now));
      return fromThread[fromThread.length - 1];
    };
    try {
      // A text no test asked before: not in the match cache.
      const res = await request(app.callback()).post('/api/v1/chat').send({ text: '低保到底怎么申请' }).expect(200);
      expect(res.body.replies[0].text).toMatch(/^【[^】]*最低生活保障/);
    } finally {
      Object.assign(app.knowledge, { match, matchOnThread });
    }
    expect(fromThread).toEqual([expect.objectContaining({ text: '低保到底怎么申请', revision: app.knowledge.currentRevision })]);
    expect(handed).toEqual(fromThread);
  });

  it('indexes a published change on the thread as well', async () => {
    const { token } = await staffService.create(app.db, { name: 'thread-editor', roles: ['interpreter'] }, SYSTEM_ACTOR, app.clock.now);
    const entry = {
      key: 'pet-dog-licence',
      kind: 'guide',
      title: '养犬登记办证',
      questions: ['养狗怎么办狗证'],
      keywords: ['养犬登记', '狗证'],
      answer: '携带犬只免疫证明到所在区公安分局养犬登记窗口办理。',
    };
    await request(app.callback()).post('/api/v1/kb/entries').set('Authorization', `Bearer ${token}`).send(entry).expect(201);
    await request(app.callback()).post('/api/v1/kb/entries/pet-dog-licence/publish').set('Authorization', `Bearer ${token}`).expect(200);
    const prepared = await preparedWithin(app, '养狗怎么办狗证', (p) => p.revision === app.knowledge.currentRevision);
    expect(prepared.result).toMatchObject({ decision: 'answer', entry: 'pet-dog-licence' });
  });

  it('is started again when it dies, and the event loop matches meanwhile', async () => {
    const threads = (app.knowledge as unknown as { threads: { threads: { worker: { terminate(): Promise<number> } }[] } }).threads;
    await threads.threads[0].worker.terminate();
    expect(await app.knowledge.matchOnThread('低保怎么申请', app.clock.now)).toBeNull();
    const res = await request(app.callback()).post('/api/v1/chat').send({ text: '低保怎么申请' }).expect(200);
    expect(res.body.replies[0].text).toMatch(/^【[^】]*最低生活保障/);
    expect((await preparedWithin(app, '低保怎么申请')).result.decision).toBe('answer');
  });
});
