/**
 * The working-day calendar's file (config/holidays.yaml): read once at start-up and handed to the
 * rules (src/platform/calendar/workingDays.ts), which do no I/O; and `wenzheng calendar import`'s edit of it.
 */
import type { YAMLSeq } from 'yaml';
import { holidayCalendarSchema, holidayYearSchema, WorkingDayCalendar } from '../calendar/workingDays';
import { DataFileError, loadDataFile, parseDataText, yaml } from './loadDataFile';

/** Parses and validates calendar text (YAML or JSON); errors name `file` and the field. */
export function parseHolidayCalendar(text: string, file: string): WorkingDayCalendar {
  return WorkingDayCalendar.fromData(parseDataText(file, text, holidayCalendarSchema));
}

/**
 * The calendar text with one year's arrangement (text of holidayYearSchema) added after the last
 * year, or replacing that year (an ad-hoc change); comments and layout of the rest are kept. The
 * result is validated as a whole: errors name the files and the field.
 */
export function withImportedYear(
  calendarText: string,
  yearText: string,
  files: { calendar: string; year: string },
): { text: string; year: number; replaced: boolean } {
  const year = parseDataText(files.year, yearText, holidayYearSchema);
  const current = parseDataText(files.calendar, calendarText, holidayCalendarSchema);
  const known = current.years.map((y) => y.year);
  const last = Math.max(...known);
  const replaced = known.includes(year.year);
  if (!replaced && year.year !== last + 1)
    throw new DataFileError([
      `${files.year}: year: must be ${last + 1} (the year after the last in ${files.calendar}) or a year already there, got ${year.year}`,
    ]);
  const doc = yaml().parseDocument(calendarText);
  const years = doc.get('years') as YAMLSeq;
  const node = doc.createNode(year);
  if (replaced) years.set(known.indexOf(year.year), node);
  else years.add(node);
  const text = doc.toString({ lineWidth: 0 });
  parseHolidayCalendar(text, files.calendar);
  return { text, year: year.year, replaced };
}

/** Reads the calendar file (the only I/O here); throws DataFileError naming file and field. */
export function loadHolidayCalendar(file: string): WorkingDayCalendar {
  return WorkingDayCalendar.fromData(loadDataFile(file, holidayCalendarSchema));
}
