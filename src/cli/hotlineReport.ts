import { writeFileSync } from 'node:fs';
import { withCliApp, type OpenApp } from './cliApp';
import { formatReport, hotlineReport, isMonth, REPORT_FORMATS, type ReportFormat } from '../cases/hotline/report';
import { parseCommandLine, UsageError } from './usage';

/**
 * `report hotline --month YYYY-MM [--department CODE] [--format md|csv|json] [--output FILE]`:
 * tickets accepted in the month (city time) by category and channel, 响应率, 解决率, 满意率,
 * the weighted composite (config/hotline-sla.yaml) and the on-time rate, as of now.
 */
export async function reportHotline(args: string[], open: OpenApp): Promise<number> {
  const { values } = parseCommandLine({
    args,
    options: {
      month: { type: 'string' },
      department: { type: 'string' },
      format: { type: 'string', default: 'md' },
      output: { type: 'string' },
    },
  });
  if (!values.month || !isMonth(values.month))
    throw new UsageError(`report hotline needs --month YYYY-MM${values.month ? ` (got "${values.month}")` : ''}`);
  if (!(REPORT_FORMATS as readonly string[]).includes(values.format))
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${values.format}")`);
  const month = values.month;
  return withCliApp(open, 'migrate', async (app) => {
    const departments = app.hotline.config.routing.departments;
    if (values.department && !departments.some((d) => d.code === values.department)) {
      throw new UsageError(
        `--department must be a department code from config/hotline-routing.yaml: ${departments.map((d) => d.code).join(', ')} (got "${values.department}")`,
      );
    }
    const report = await hotlineReport(app.db, app.hotline, { month, department: values.department ?? null, now: new Date() });
    const text = formatReport(report, values.format as ReportFormat);
    if (values.output) {
      writeFileSync(values.output, text);
      console.error(`wrote the ${values.month} hotline report to ${values.output}`);
    } else process.stdout.write(text);
    return 0;
  });
}
