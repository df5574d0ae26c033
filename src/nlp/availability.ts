import type { MatchableEntry } from './knowledgeIndex';

/** Asia/Shanghai has been UTC+8 all year since 1991 (no daylight saving time). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day (YYYY-MM-DD) in Asia/Shanghai at `now`: validity dates are the city's days. */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
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
