import { AskedQuestion, EntryAnswer } from '../../entities';
import { knowledgeUsage } from '../../src/knowledge/statistics';
import { AnswersCountedOnce1796000019000 } from '../../src/platform/db/migrations/0019-answers-counted-once';
import { createTestApp, type TestApp } from '../support/testApp';

const T1 = new Date('2026-11-20T02:00:00.123Z');
const T2 = new Date('2026-11-21T03:00:00.456Z');
const OLD = new Date('2025-01-05T08:00:00.000Z');

describe('answers counted once (issue 25)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const asked = (entryKey: string, decision: string, askedAt: Date) =>
    app.db.dataSource.getRepository(AskedQuestion).insert({
      conversationId: '00000000-0000-0000-0000-000000000001',
      channel: 'wechat-official',
      text: '一个问题',
      terms: [],
      decision,
      via: null,
      entryKey,
      section: null,
      match: { score: 0.9, candidates: [] },
      askedAt,
    });
  const answered = (entryKey: string, answeredAt: Date, channel = 'wechat-official') =>
    app.db.dataSource.getRepository(EntryAnswer).insert({ entryKey, channel, answeredAt });
  const counts = () => app.db.transaction((tx) => knowledgeUsage.answerCounts(tx, {}));

  it('drops the entry_answer row each answered question wrote beside its record, and the counts stay', async () => {
    // As the turns wrote them before: an answered question's two rows, twice in one millisecond, a menu click,
    // an answer from before asked_question existed, a clarify at the moment of another channel's answer.
    for (let i = 0; i < 3; i++) await asked('low-income-apply', 'answer', i ? T1 : T2);
    for (let i = 0; i < 3; i++) await answered('low-income-apply', i ? T1 : T2);
    await answered('low-income-apply', T2);
    await answered('low-income-standard', OLD);
    await asked('low-income-standard', 'clarify', T1);
    await answered('low-income-standard', T1, 'webchat');
    const entryAnswers = app.db.dataSource.getRepository(EntryAnswer);
    const before = (await entryAnswers.find()).map((a) => a.entryKey);

    const runner = app.db.dataSource.createQueryRunner();
    try {
      await new AnswersCountedOnce1796000019000().up(runner);
      expect(await entryAnswers.count()).toBe(3);
      const after = await counts();
      expect(after.map(({ entryKey, count }) => [entryKey, count])).toEqual([
        ['low-income-apply', before.filter((key) => key === 'low-income-apply').length],
        ['low-income-standard', before.filter((key) => key === 'low-income-standard').length],
      ]);
      expect(after[0]!.last).toEqual(T2);
      expect(after[1]!.last).toEqual(T1);

      await new AnswersCountedOnce1796000019000().down(runner);
      expect(await entryAnswers.count()).toBe(before.length);
    } finally {
      await runner.release();
    }
  });
});
