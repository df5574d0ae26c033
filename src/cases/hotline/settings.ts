import { DataFileError, describeIssues, loadDataFile, parseDataText } from '../../platform/data/loadDataFile';
import { hotlineSettingsSchema, resolveHotlineSettings, type HotlineSettings, type Labelled } from './rules/hotline';
import type { WorkingDayCalendar } from '../../platform/calendar/workingDays';
import { checkRoutingAreas, checkRoutingCategories, loadRoutingTable, type RoutingTable } from './routing';
import type { HotlineScope } from './scope';

/** What the hotline service is built from. */
export interface HotlineConfig {
  settings: HotlineSettings;
  calendar: WorkingDayCalendar;
  routing: RoutingTable;
  /** The city's time zone: ticket numbers carry the local acceptance date. */
  timeZone: string;
  /** How long after closing the citizen's rating is taken. */
  ratingWindowDays: number;
  /** What the hotline does not take (emergencies, 12388, 信访) and the words that suggest category and urgency. */
  scope: HotlineScope;
}

/**
 * The hotline's data files, validated together at start-up: config/hotline-sla.yaml (categories,
 * urgencies, time limits, metric weights) plus the categories of WENZHENG_HOTLINE_CATEGORIES, and
 * config/hotline-routing.yaml, whose areas must not be another city's (`otherPlace`). A mistake throws DataFileError naming the file (or variable) and field.
 */
export function loadHotlineData(
  configDir: string,
  extraCategories: readonly Labelled[] = [],
  otherPlace: (area: string) => string | null = () => null,
): { settings: HotlineSettings; routing: RoutingTable } {
  const slaFile = `${configDir}/hotline-sla.yaml`;
  const data = loadDataFile(slaFile, hotlineSettingsSchema);
  let settings: HotlineSettings;
  if (extraCategories.length === 0) {
    settings = resolveHotlineSettings(data);
  } else {
    const merged = hotlineSettingsSchema.safeParse({ ...data, extraCategories: [...data.extraCategories, ...extraCategories] });
    if (!merged.success) throw new DataFileError(describeIssues(`${slaFile} + WENZHENG_HOTLINE_CATEGORIES`, merged.error));
    settings = resolveHotlineSettings(merged.data);
  }
  const routingFile = `${configDir}/hotline-routing.yaml`;
  const routing = loadRoutingTable(routingFile);
  const problems = [
    ...checkRoutingCategories(
      routing,
      settings.categories.map((c) => c.code),
      routingFile,
    ),
    ...checkRoutingAreas(routing, otherPlace, routingFile),
  ];
  if (problems.length) throw new DataFileError(problems);
  return { settings, routing };
}

/** Settings from the text of a hotline-sla.yaml (YAML or JSON); errors name `file` and the field. */
export function parseHotlineSettings(text: string, file: string): HotlineSettings {
  return resolveHotlineSettings(parseDataText(file, text, hotlineSettingsSchema));
}
