import request from 'supertest';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import { MatchCache } from '../../src/knowledge/matchCache';
import type { PreparedMatch } from '../../src/knowledge/matchThreads';
import { staffService } from '../../src/staff/service';
import { createTestApp, type TestApp } from '../support/testApp';

const prepared = (text: string, revision = 3, day = '2026-11-26'): PreparedMatch => ({
  text,
  revision,
  day,
  intent: null,
  result: { decision: 'answer', entry: `entry-of-${text}`, section: null, score: 0.8, candidates: [], terms: [text] },
});

describe('the match cache', () => {
  it('returns what was put for the same text, revision and day, and counts hits and misses', () => {
    const cache = new MatchCache(10);
    expect(cache.get('低保怎么申请', 3, '2026-11-26')).toBeNull();
    const put = prepared('低保怎么申请');
    cache.put(put);
    expect(cache.get('低保怎么申请', 3, '2026-11-26')).toBe(put);
    expect(cache.get('低保标准', 3, '2026-11-26')).toBeNull();
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 1, misses: 2 });
  });

  it('never returns a match made for another knowledge revision or another day', () => {
    const cache = new MatchCache(10);
    cache.put(prepared('低保怎么申请', 3, '2026-11-26'));
    expect(cache.get('低保怎么申请', 4, '2026-11-26')).toBeNull();
    expect(cache.get('低保怎么申请', 3, '2026-11-27')).toBeNull();
    // A newer match of the same text replaces the stale one.
    const newer = prepared('低保怎么申请', 4, '2026-11-26');
    cache.put(newer);
    expect(cache.get('低保怎么申请', 4, '2026-11-26')).toBe(newer);
    expect(cache.size).toBe(1);
  });

  it('shares what it keeps frozen, so no turn can change what the next one is told', () => {
    const cache = new MatchCache(10);
    const kept = prepared('低保怎么申请');
    cache.put(kept);
    expect(() => {
      kept.result.candidates.push({ entry: 'x', score: 1 } as never);
    }).toThrow(TypeError);
    expect(Object.isFrozen(kept.result)).toBe(true);
  });

  it('makes room by dropping the least recently used text', () => {
    const cache = new MatchCache(2);
    cache.put(prepared('一'));
    cache.put(prepared('二'));
    expect(cache.get('一', 3, '2026-11-26')).not.toBeNull();
    cache.put(prepared('三'));
    expect(cache.size).toBe(2);
    expect(cache.get('二', 3, '2026-11-26')).toBeNull();
    expect(cache.get('一', 3, '2026-11-26')).not.toBeNull();
    expect(cache.get('三', 3, '2026-11-26')).not.toBeNull();
  });

  it('keeps nothing with capacity 0', () => {
    const cache = new MatchCache(0);
    cache.put(prepared('低保怎么申请'));
    expect(cache.get('低保怎么申请', 3, '2026-11-26')).toBeNull();
    expect(cache.size).toBe(0);
  });
});

describe('the match cache in the app (WENZHENG_MATCH_CACHE)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const ask = async (text: string) =>
    (await request(app.callback()).post('/api/v1/chat').send({ text }).expect(200)).body.replies[0].text as string;
  const lookups = async (target: TestApp = app) => {
    const metrics = (await request(target.callback()).get('/metrics').expect(200)).text;
    const count = (result: string) =>
      Number(new RegExp(`wenzheng_match_cache_lookups_total\\{result="${result}"\\} (\\d+)`).exec(metrics)?.[1]);
    return { hit: count('hit'), miss: count('miss') };
  };

  it('answers a text asked before from the cache, with the same answer', async () => {
    const before = await lookups();
    const first = await ask('低保怎么申请呀');
    const second = await ask('低保怎么申请呀');
    expect(second).toBe(first);
    expect(first).toMatch(/^【[^】]*最低生活保障/);
    expect(await lookups()).toEqual({ hit: before.hit + 1, miss: before.miss + 1 });
  });

  it('matches a text anew once the knowledge base changed', async () => {
    const text = '家里的狗要办狗证吗';
    expect(await ask(text)).not.toMatch(/养犬登记/);
    const { token } = await staffService.create(app.db, { name: 'cache-editor', roles: ['interpreter'] }, SYSTEM_ACTOR, app.clock.now);
    const entry = {
      key: 'pet-dog-licence',
      kind: 'guide',
      title: '养犬登记办证',
      questions: [text],
      keywords: ['养犬登记', '狗证'],
      answer: '携带犬只免疫证明到所在区公安分局养犬登记窗口办理。',
    };
    const kb = (path: string) => request(app.callback()).post(path).set('Authorization', `Bearer ${token}`);
    await kb('/api/v1/kb/entries').send(entry).expect(201);
    await kb('/api/v1/kb/entries/pet-dog-licence/publish').expect(200);
    await app.knowledge.refresh();
    const before = await lookups();
    expect(await ask(text)).toMatch(/养犬登记/);
    expect(await lookups()).toEqual({ hit: before.hit, miss: before.miss + 1 });
  });

  it('matches a text anew on another day (entries have validity dates)', async () => {
    await ask('公积金怎么提取');
    const before = await lookups();
    app.clock.advance(86_400_000);
    await ask('公积金怎么提取');
    expect(await lookups()).toEqual({ hit: before.hit, miss: before.miss + 1 });
  });

  it('keeps only texts a turn took as questions, not answers to a form', async () => {
    const started = await request(app.callback()).post('/api/v1/chat').send({ text: '我要投诉' }).expect(200);
    expect(started.body.replies.map((r: { text: string }) => r.text).join('')).toMatch(/投诉/);
    const size = app.knowledge.cache.size;
    const chat = (text: string) =>
      request(app.callback()).post('/api/v1/chat').set('Authorization', `Bearer ${started.body.token}`).send({ text }).expect(200);
    await chat('小区楼下的烧烤店每天夜里吵到两点');
    await chat('13812345678');
    expect(app.knowledge.cache.size).toBe(size);
    await ask('低保标准是多少钱');
    expect(app.knowledge.cache.size).toBe(size + 1);
  });

  it('remembers nothing when it is 0', async () => {
    const uncached = await createTestApp({ WENZHENG_MATCH_CACHE: '0' });
    try {
      for (let i = 0; i < 2; i++) await request(uncached.callback()).post('/api/v1/chat').send({ text: '低保怎么申请' }).expect(200);
      expect((await lookups(uncached)).hit).toBe(0);
    } finally {
      await uncached.close();
    }
  });
});
