import request from 'supertest';
import { loadConfig } from '../../config';
import { createApp, type App } from '../../src/app';
import { AskedQuestion } from '../../entities';
import { addDays } from '../../src/platform/calendar/dates';
import { weekOf } from '../../src/knowledge/review/service';
import { runCli, useCliDatabase } from '../support/cli';
import { tempFiles } from '../support/files';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import { staffService } from '../../src/staff/service';
import { bearer } from '../staff/support';

/**
 * Six labelled questions over the seed knowledge base, and what the bot answers now, counted by hand:
 *
 * | question          | label                           | the bot now                               | counts as            |
 * | 低保咋申请         | minimum-living-allowance-apply  | answers minimum-living-allowance-apply    | correct              |
 * | 公积金怎么提取      | housing-fund-withdrawal         | answers housing-fund-withdrawal           | correct              |
 * | 明天股票会涨吗      | out of scope                    | does not answer                           | rejected             |
 * | 暖气不热了怎么报修   | heating-repair                  | answers heating-repair                    | correct              |
 * | 低保怎么申请        | draft-only-entry (a draft)      | answers minimum-living-allowance-apply    | wrong (and missed)   |
 * | 火星移民政策咨询     | draft-only-entry (a draft)      | does not answer                           | missed               |
 *
 * Now: 5 in scope, 3 correct (top-1 60%), 1 wrong of 6 (16.7%), 1 of 1 out of scope rejected (100%).
 */
const LABELS = `entries:
  - key: draft-only-entry
    kind: faq
    title: 仅草稿条目
    questions: [草稿条目的问题]
    answer: 草稿。
    status: draft
labels:
  - {text: 低保咋申请, entry: minimum-living-allowance-apply}
  - {text: 公积金怎么提取, entry: housing-fund-withdrawal}
  - {text: 明天股票会涨吗, entry: null}
  - {text: 暖气不热了怎么报修, entry: heating-repair}
  - {text: 低保怎么申请, entry: draft-only-entry}
  - {text: 火星移民政策咨询, entry: draft-only-entry}
`;

/**
 * What citizens asked and what the bot answered at the time (asked_question), counted by hand per week:
 *
 * | week           | asked                 | the bot then                       | counts as                          |
 * | three ago      | 低保咋申请             | answered temporary-assistance      | outside `--weeks 2`                |
 * | previous       | 低保咋申请             | did not answer                     | in scope, missed                   |
 * | previous       | 低保咋申请！           | answered temporary-assistance      | the same label: wrong              |
 * | previous       | 明天股票会涨吗          | answered emergency-numbers         | out of scope, wrong, not rejected  |
 * | previous       | 今天天气怎么样          | did not answer                     | no label: not counted              |
 * | previous       | 公积金怎么提取 (a follow-up) | answered housing-fund-withdrawal | not a question as asked: not counted |
 * | this           | 低保咋申请             | answered minimum-living-allowance  | correct                            |
 * | this           | 公积金怎么提取          | answered housing-fund-withdrawal   | correct                            |
 * | this           | 明天股票会涨吗          | did not answer                     | rejected                           |
 * | this           | 暖气不热了怎么报修       | asked which one                    | in scope, clarified, not correct   |
 *
 * Previous week: 3 counted, 2 in scope, 0 correct (top-1 0%), 2 wrong of 3, 0 of 1 rejected.
 * This week: 4 counted, 3 in scope, 2 correct (66.7%), 0 wrong, 1 of 1 rejected, 1 clarified.
 */
function askings(thisWeek: string): Partial<AskedQuestion>[] {
  const at = (weeksAgo: number) => new Date(`${addDays(thisWeek, -7 * weeksAgo)}T02:00:00Z`);
  const row = (weeksAgo: number, text: string, decision: string, entryKey: string | null = null, via: string | null = null) => ({
    conversationId: `eval-conversation-${weeksAgo}`,
    channel: 'webchat',
    text,
    terms: [],
    decision,
    via,
    entryKey,
    section: null,
    match: { score: entryKey ? 0.8 : 0.1, candidates: entryKey ? [{ entry: entryKey, score: 0.8 }] : [] },
    askedAt: at(weeksAgo),
  });
  return [
    row(2, '低保咋申请', 'answer', 'temporary-assistance'),
    row(1, '低保咋申请', 'fallback'),
    row(1, '低保咋申请！', 'answer', 'temporary-assistance'),
    row(1, '明天股票会涨吗', 'answer', 'emergency-numbers'),
    row(1, '今天天气怎么样', 'fallback'),
    row(1, '公积金怎么提取', 'answer', 'housing-fund-withdrawal', 'follow-up'),
    row(0, '低保咋申请', 'answer', 'minimum-living-allowance-apply'),
    row(0, '公积金怎么提取', 'answer', 'housing-fund-withdrawal'),
    row(0, '明天股票会涨吗', 'fallback'),
    row(0, '暖气不热了怎么报修', 'clarify'),
  ];
}

const stats = (s: Record<string, number | null>) => expect.objectContaining(s);

describe('wenzheng eval', () => {
  let release: () => Promise<void>;
  let server: App;

  beforeAll(async () => {
    release = await useCliDatabase('wenzheng-eval');
    // A server on the same database: the console's chart reads what the command prints.
    server = await createApp(loadConfig({ ...process.env, NODE_ENV: 'test', WENZHENG_MATCH_THREADS: '0' }));
    await server.start();
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await release();
  });

  it('measures top-1, wrong answers and rejection on the labelled questions, now and week by week as asked, as counted by hand', async () => {
    const thisWeek = weekOf(new Date());
    const previousWeek = addDays(thisWeek, -7);
    const files = tempFiles({ 'labels.yaml': LABELS });
    const imported = await runCli(['kb', 'import', files['labels.yaml']]);
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining('labelled questions: created 6') });
    await server.db.dataSource.getRepository(AskedQuestion).insert(askings(thisWeek));

    const json = await runCli(['eval', '--json', '--weeks', '2']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(report.overall).toEqual(
      stats({ questions: 6, inScope: 5, correct: 3, wrong: 1, outOfScope: 1, rejected: 1, top1: 0.6, wrongRate: 1 / 6, rejection: 1 }),
    );
    expect(report.weeks).toEqual([
      {
        week: previousWeek,
        stats: stats({
          questions: 3,
          inScope: 2,
          correct: 0,
          wrong: 2,
          outOfScope: 1,
          rejected: 0,
          top1: 0,
          wrongRate: 2 / 3,
          rejection: 0,
        }),
      },
      {
        week: thisWeek,
        stats: stats({
          questions: 4,
          inScope: 3,
          correct: 2,
          wrong: 0,
          outOfScope: 1,
          rejected: 1,
          clarified: 1,
          top1: 2 / 3,
          wrongRate: 0,
          rejection: 1,
        }),
      },
    ]);

    const text = await runCli(['eval', '--weeks', '3']);
    expect(text.out).toContain('labelled questions: 6 (in scope 5, out of scope 1)');
    expect(text.out).toContain('as the bot answers now: top-1 60.0% (3/5)  wrong 16.7% (1/6)  rejection 100.0% (1/1)');
    expect(text.out).toContain(`week of ${addDays(thisWeek, -14)}: 1 asked, top-1 0.0% (0/1)  wrong 100.0% (1/1)  rejection — (0/0)`);
    expect(text.out).toContain(`week of ${thisWeek}: 4 asked, top-1 66.7% (2/3)  wrong 0.0% (0/4)  rejection 100.0% (1/1)`);

    // The console's chart reads the same numbers from the API.
    const { token } = await staffService.create(server.db, { name: 'eval-interpreter', roles: ['interpreter'] }, SYSTEM_ACTOR, new Date());
    const api = await request(server.callback()).get('/api/v1/kb/eval?weeks=2').set(bearer(token)).expect(200);
    expect(api.body).toEqual(report);
  });

  it('refuses a bad --weeks', async () => {
    expect((await runCli(['eval', '--weeks', '0'])).code).toBe(2);
  });
});
