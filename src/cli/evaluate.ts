import type { EvalStats } from '../knowledge/evaluation';
import { evaluateStoredLabels } from '../knowledge/review/service';
import { withCliApp, type OpenApp } from './cliApp';
import { parseCommandLine, UsageError } from './usage';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

function line(stats: EvalStats): string {
  return `top-1 ${percent(stats.top1)} (${stats.correct}/${stats.inScope})  wrong ${percent(stats.wrongRate)} (${stats.wrong}/${stats.questions})  rejection ${percent(stats.rejection)} (${stats.rejected}/${stats.outOfScope})`;
}

/** `eval`: the bot on the city's labelled questions: as it answers now, and as it answered them week by week. */
export async function evaluate(args: string[], open: OpenApp): Promise<number> {
  const { values } = parseCommandLine({
    args,
    options: { json: { type: 'boolean', default: false }, weeks: { type: 'string', default: '8' } },
  });
  const weeks = Number(values.weeks);
  if (!/^\d+$/.test(values.weeks) || weeks < 1 || weeks > 104)
    throw new UsageError(`--weeks must be a whole number from 1 to 104 (got "${values.weeks}")`);
  return withCliApp(open, 'start', async (app) => {
    const report = await evaluateStoredLabels({ db: app.db, knowledge: app.knowledge, now: () => new Date() }, weeks);
    if (values.json) {
      console.log(JSON.stringify(report));
      return 0;
    }
    const { overall } = report;
    console.log(`labelled questions: ${overall.questions} (in scope ${overall.inScope}, out of scope ${overall.outOfScope})`);
    console.log(`as the bot answers now: ${line(overall)}`);
    // Each asking counts, with what the bot answered at the time.
    for (const { week, stats } of report.weeks)
      console.log(`week of ${week}: ${stats.questions ? `${stats.questions} asked, ${line(stats)}` : 'no labelled question asked'}`);
    return 0;
  });
}
