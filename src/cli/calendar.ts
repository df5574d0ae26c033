import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config';
import { DataFileError } from '../platform/data/loadDataFile';
import { withImportedYear } from '../platform/data/holidayCalendar';
import type { Command } from './cliApp';
import { UsageError } from './usage';

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataFileError([`${file}: (root): cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
}

/**
 * `calendar import FILE`: one year's arrangement from the State Council's notice into
 * `<WENZHENG_CONFIG_DIR>/holidays.yaml`, validated with the whole calendar first. The server reads
 * the calendar at start: restart it (instances one by one) to use the new year.
 */
export async function calendarImport(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('calendar import needs one FILE: a YAML file {year, source, holidays} for one year');
  const calendarFile = `${loadConfig().configDir}/holidays.yaml`;
  const { text, year, replaced } = withImportedYear(readText(calendarFile), readText(positionals[0]!), {
    calendar: calendarFile,
    year: positionals[0]!,
  });
  // Written beside and renamed over: a reader never sees half a file.
  writeFileSync(`${calendarFile}.tmp`, text);
  renameSync(`${calendarFile}.tmp`, calendarFile);
  console.log(`${replaced ? 'replaced' : 'added'} ${year} in ${calendarFile}; restart the server to use it`);
  return 0;
}

export const calendarCommands: Record<string, Command> = { import: calendarImport };
