import type { MatchableEntry } from './knowledgeIndex';

/** Asia/Shanghai has been UTC+8 all year since 1991 (no daylight saving time). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last day worked out (every message asks, a few times): the instants it covers and its name. */
let lastDay = { from: 0, until: 0, name: '' };

/** The calendar day (YYYY-MM-DD) in Asia/Shanghai at `now`: validity dates are the city's days. */
export function shanghaiDate(now: Date): string {
  const at = now.getTime();
  if (at < lastDay.from || at >= lastDay.until) {
    const from = Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
    lastDay = { from, until: from + DAY_MS, name: new Date(from + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) };
  }
  return lastDay.name;
}

/**
 * Whether an entry may be answered on `today` (see shanghaiDate): published, or a draft when
 * `includeDrafts` (editors previewing); never archived; always within validFrom..validUntil,
 * both days included.
 */
export function isAnswerable(entry: MatchableEntry, today: string, includeDrafts = false): boolean {
  if (entry.status === 'archived' || (entry.status === 'draft' && !includeDrafts)) return false;
  return (!entry.validFrom || entry.validFrom <= today) && (!entry.validUntil || today <= entry.validUntil);
}
