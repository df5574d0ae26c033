import request from 'supertest';
import { loadConfig } from '../../config';
import { createApp, type App } from '../../src/app';
import { addDays } from '../../src/domain/dates';
import { weekOf } from '../../src/review/service';
import { runCli, useCliDatabase } from '../support/cli';
import { tempFiles } from '../support/files';
import { SYSTEM_ACTOR } from '../../src/audit/context';
import { staffService } from '../../src/staff/service';
import { bearer } from '../staff/support';

/**
 * Six labelled questions over the seed knowledge base, counted by hand:
 *
 * | week     | question          | label                           | the bot                                   | counts as            |
 * | previous | 低保咋申请         | minimum-living-allowance-apply  | answers minimum-living-allowance-apply    | correct              |
 * | previous | 公积金怎么提取      | housing-fund-withdrawal         | answers housing-fund-withdrawal           | correct              |
 * | previous | 明天股票会涨吗      | out of scope                    | does not answer                           | rejected             |
 * | this     | 暖气不热了怎么报修   | heating-repair                  | answers heating-repair                    | correct              |
 * | this     | 低保怎么申请        | draft-only-entry (a draft)      | answers minimum-living-allowance-apply    | wrong (and missed)   |
 * | this     | 火星移民政策咨询     | draft-only-entry (a draft)      | does not answer                           | missed               |
 *
 * In all: 5 in scope, 3 correct (top-1 60%), 1 wrong of 6 (16.7%), 1 of 1 out of scope rejected (100%).
 * Previous week: 2 of 2 correct, 0 wrong of 3, 1 of 1 rejected. This week: 1 of 3 correct, 1 wrong of 3, no out-of-scope question.
 */
function fixture(previousWeek: string, thisWeek: string): string {
  const at = (week: string) => `${week}T02:00:00Z`;
  return `entries:
  - key: draft-only-entry
    kind: faq
    title: 仅草稿条目
    questions: [草稿条目的问题]
    answer: 草稿。
    status: draft
labels:
  - {text: 低保咋申请, entry: minimum-living-allowance-apply, labelledAt: "${at(previousWeek)}"}
  - {text: 公积金怎么提取, entry: housing-fund-withdrawal, labelledAt: "${at(previousWeek)}"}
  - {text: 明天股票会涨吗, entry: null, labelledAt: "${at(previousWeek)}"}
  - {text: 暖气不热了怎么报修, entry: heating-repair, labelledAt: "${at(thisWeek)}"}
  - {text: 低保怎么申请, entry: draft-only-entry, labelledAt: "${at(thisWeek)}"}
  - {text: 火星移民政策咨询, entry: draft-only-entry, labelledAt: "${at(thisWeek)}"}
`;
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

  it('measures top-1, wrong answers and rejection on the labelled questions, in all and per week, as counted by hand', async () => {
    const thisWeek = weekOf(new Date());
    const previousWeek = addDays(thisWeek, -7);
    const files = tempFiles({ 'labels.yaml': fixture(previousWeek, thisWeek) });
    const imported = await runCli(['kb', 'import', files['labels.yaml']]);
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining('labelled questions: created 6') });

    const json = await runCli(['eval', '--json', '--weeks', '2']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(report.overall).toEqual(
      stats({ questions: 6, inScope: 5, correct: 3, wrong: 1, outOfScope: 1, rejected: 1, top1: 0.6, wrongRate: 1 / 6, rejection: 1 }),
    );
    expect(report.weeks).toEqual([
      {
        week: previousWeek,
        stats: stats({ questions: 3, inScope: 2, correct: 2, wrong: 0, outOfScope: 1, rejected: 1, top1: 1, wrongRate: 0, rejection: 1 }),
      },
      {
        week: thisWeek,
        stats: stats({
          questions: 3,
          inScope: 3,
          correct: 1,
          wrong: 1,
          outOfScope: 0,
          rejected: 0,
          top1: 1 / 3,
          wrongRate: 1 / 3,
          rejection: null,
        }),
      },
    ]);

    const text = await runCli(['eval', '--weeks', '2']);
    expect(text.out).toContain('labelled questions: 6 (in scope 5, out of scope 1)');
    expect(text.out).toContain('top-1 60.0% (3/5)  wrong 16.7% (1/6)  rejection 100.0% (1/1)');
    expect(text.out).toContain(`week of ${thisWeek}: 3 labelled, top-1 33.3% (1/3)  wrong 33.3% (1/3)  rejection — (0/0)`);

    // The console's chart reads the same numbers from the API.
    const { token } = await staffService.create(server.db, { name: 'eval-interpreter', roles: ['interpreter'] }, SYSTEM_ACTOR, new Date());
    const api = await request(server.callback()).get('/api/v1/kb/eval?weeks=2').set(bearer(token)).expect(200);
    expect(api.body).toEqual(report);
  });

  it('refuses a bad --weeks', async () => {
    expect((await runCli(['eval', '--weeks', '0'])).code).toBe(2);
  });
});
