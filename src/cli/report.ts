import { writeFileSync } from 'node:fs';
import { withCliApp, type Command, type OpenApp } from './cliApp';
import { AnnualReportError } from '../cases/disclosure/rules/annualReport';
import { buildAnnualReport, renderAnnualReport, REPORT_FORMATS, type ReportFormat } from '../cases/disclosure/report';
import { reportHotline } from './hotlineReport';
import { parseCommandLine, unknownAgency, UsageError } from './usage';

/**
 * `report annual`: the disclosure tables of the annual report (table 三 and 四 with the national
 * labels, and the channel/topic/agency breakdowns). Table 三 that does not balance is an error:
 * the message names the columns, nothing is written, the exit code is 1.
 */
export async function reportAnnual(args: string[], open: OpenApp): Promise<number> {
  const { values } = parseCommandLine({
    args,
    options: {
      year: { type: 'string' },
      agency: { type: 'string' },
      format: { type: 'string', default: 'md' },
      output: { type: 'string' },
    },
  });
  // The years the report's API takes (2000-9999): an earlier one is a wrong command line, not a crash.
  if (!values.year || !/^\d{4}$/.test(values.year) || Number(values.year) < 2000)
    throw new UsageError(`report annual needs --year YYYY, from 2000${values.year ? ` (got "${values.year}")` : ''}`);
  if (!(REPORT_FORMATS as readonly string[]).includes(values.format))
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${values.format}")`);
  return withCliApp(open, 'migrate', async (app) => {
    if (values.agency && !app.disclosure.agencies.byCode(values.agency) && !app.disclosure.agencies.find(values.agency)) {
      throw unknownAgency(values.agency, app.disclosure.agencies.agencies);
    }
    const report = await app.db.transaction((tx) =>
      buildAnnualReport(tx, { year: Number(values.year), agency: values.agency }, app.disclosure.agencies),
    );
    const text = renderAnnualReport(report, values.format as ReportFormat);
    if (values.output) {
      writeFileSync(values.output, text);
      console.error(`wrote the ${values.year} disclosure report to ${values.output}`);
    } else process.stdout.write(text);
    return 0;
  }).catch((err: unknown) => {
    if (!(err instanceof AnnualReportError)) throw err;
    console.error(`wenzheng: the ${values.year} report cannot be produced:\n${err.message}`);
    return 1;
  });
}

/** `report <kind>`: annual (disclosure) here; other reports join this table. */
export const reportCommands: Record<string, Command> = { annual: reportAnnual, hotline: reportHotline };
