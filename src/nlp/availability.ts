import type { MatchableEntry } from './knowledgeIndex';

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (YYYY-MM-DD) in Asia/Shanghai at `now`: validity dates are the city's days. */
export function shanghaiDate(now: Date): string {
  return shanghaiDay.format(now);
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
