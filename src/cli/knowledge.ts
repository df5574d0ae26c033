import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { cliActor } from '../staff/audit/context';
import { exportEntries, importEntryFiles, serializeEntryFile, type ImportSummary } from '../knowledge/importExport';
import { unansweredQuestions } from '../knowledge/repository';
import { groupUnanswered } from '../understanding/nlp/gaps';
import { isIsoDate, shanghaiStartOfDay } from '../platform/calendar/dates';
import { withCliApp, type OpenApp } from './cliApp';
import { UsageError } from './usage';

/** What an import did (or, with --dry-run, would do), entry by entry. */
function importReport(summary: ImportSummary, dryRun: boolean): string {
  const labels = summary.labels
    ? `; labelled questions: created ${summary.labels.created}, updated ${summary.labels.updated}, unchanged ${summary.labels.unchanged}`
    : '';
  const lines = [
    `${dryRun ? 'dry run, nothing written: would have ' : ''}created ${summary.created.length}, updated ${summary.updated.length}, unchanged ${summary.unchanged.length}, archived ${summary.archived.length}${labels}`,
  ];
  if (dryRun)
    for (const [title, keys] of [
      ['created', summary.created],
      ['updated', summary.updated],
      ['archived', summary.archived],
    ] as const)
      if (keys.length) lines.push(`  ${title}: ${keys.join(', ')}`);
  return lines.join('\n');
}

/** Asks on the terminal; anything but y / yes is no. */
async function confirmed(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => prompt.question(question, resolve));
  prompt.close();
  return /^(y|yes|是)$/i.test(answer.trim());
}

export async function kbImport(args: string[], open: OpenApp): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      replace: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('kb import needs at least one FILE');
  const dryRun = values['dry-run'];
  // --replace archives every entry the files leave out: a person confirms it, or says --yes up front.
  const confirm = values.replace && !dryRun && !values.yes;
  if (confirm && !process.stdin.isTTY)
    throw new UsageError('kb import --replace archives every entry missing from the files: check with --dry-run, then confirm with --yes');
  return withCliApp(open, 'start', async (app) => {
    const run = (preview: boolean) =>
      importEntryFiles(app.db, positionals, { replace: values.replace, dryRun: preview, who: cliActor(), now: new Date() });
    if (confirm) {
      const preview = await run(true);
      console.error(importReport(preview, true));
      if (preview.archived.length && !(await confirmed(`archive ${preview.archived.length} entries? [y/N] `))) {
        console.error('nothing imported');
        return 1;
      }
    }
    console.log(importReport(await run(dryRun), dryRun));
    return 0;
  });
}

export async function kbExport(args: string[], open: OpenApp): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
  if (positionals.length > 1) throw new UsageError('kb export takes at most one FILE');
  return withCliApp(open, 'start', async (app) => {
    const file = await exportEntries(app.db);
    const target = positionals[0];
    const text = serializeEntryFile(file, target && /\.ya?ml$/.test(target) ? 'yaml' : 'json');
    if (target) {
      writeFileSync(target, text);
      console.error(`exported ${file.entries.length} entries to ${target}`);
    } else process.stdout.write(text);
    return 0;
  });
}

export async function kbGaps(args: string[], open: OpenApp): Promise<number> {
  const { values } = parseArgs({ args, options: { since: { type: 'string' }, json: { type: 'boolean', default: false } } });
  // A real calendar date: Date would read 2026-02-30 as 2 March.
  if (values.since !== undefined && !isIsoDate(values.since))
    throw new UsageError(`--since must be a date YYYY-MM-DD (got "${values.since}")`);
  const since = values.since ? shanghaiStartOfDay(values.since) : null;
  return withCliApp(open, 'start', async (app) => {
    const questions = await app.db.transaction((tx) => unansweredQuestions.since(tx, since));
    const groups = groupUnanswered(
      questions.map((q) => ({ text: q.text, at: q.askedAt })),
      app.knowledge.lexicon,
    );
    if (values.json) {
      for (const g of groups) console.log(JSON.stringify(g));
    } else if (groups.length === 0) {
      console.log('no unanswered questions');
    } else {
      for (const g of groups)
        console.log(`${String(g.count).padStart(5)}  ${g.terms.join(' ')}  e.g. ${g.examples.slice(0, 3).join(' | ')}`);
    }
    return 0;
  });
}

/** `ask`: one question from the arguments, or one per line from standard input (thousands in one process). */
export async function ask(args: string[], open: OpenApp): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const question = positionals.join(' ').trim();
  // An empty question is a mistake on the command line, not a question the bot could not answer.
  if (positionals.length > 0 && question === '')
    throw new UsageError('TEXT is empty: give a question, or none to read questions from stdin');
  return withCliApp(open, 'start', async (app) => {
    const answer = (text: string) => {
      const result = app.understand(text, new Date());
      const line = { text, ...result };
      return values.json || positionals.length === 0
        ? JSON.stringify(line)
        : `${result.decision}${result.intent ? ` ${result.intent}` : ''}${result.entry ? ` ${result.entry}` : ''}${result.place ? ` ${result.place}` : ''}${result.section ? ` §${result.section}` : ''} (score ${result.score.toFixed(3)})${result.candidates.length ? `\n  candidates: ${result.candidates.map((c) => `${c.entry} ${c.score.toFixed(3)}`).join(', ')}` : ''}`;
    };
    if (positionals.length > 0) {
      console.log(answer(question));
      return 0;
    }
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    const out: string[] = [];
    for await (const line of lines) {
      if (!line.trim()) continue;
      out.push(answer(line.trim()));
      // Write in batches: one write per line is what makes large batches slow.
      if (out.length >= 256) process.stdout.write(`${out.splice(0).join('\n')}\n`);
    }
    if (out.length) process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  });
}
