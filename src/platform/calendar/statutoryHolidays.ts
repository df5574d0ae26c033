/**
 * The statutory holidays fixed by law (《全国年节及纪念日放假办法》, revised 2024, in force
 * 2025-01-01), for years whose State Council notice is not published yet. They are certain
 * whatever the notice later adds (bridge days, 调休), so a deadline must not land on them; dates
 * derived from them stay provisional until the year's notice is loaded (domain.md §3, §4).
 *
 * The lunar dates come from lunar-typescript (a maintained lunisolar calendar), not hand tables.
 */
import type * as LunarCalendar from 'lunar-typescript';
import type { IsoDate } from './dates';

/** The first year the 2025 rules apply to: earlier years are not projected. */
export const STATUTORY_RULES_SINCE = 2025;

export interface StatutoryHoliday {
  date: IsoDate;
  name: string;
}

const iso = (solar: LunarCalendar.Solar): IsoDate => solar.toYmd();

/**
 * The statutory rest days of `year`: 元旦 1.1; 春节 除夕 to 正月初三; 清明 (the solar-term day);
 * 劳动节 5.1-5.2; 端午 五月初五; 中秋 八月十五; 国庆 10.1-10.3.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < STATUTORY_RULES_SINCE) return [];
  // Required when first needed (a year beyond config/holidays.yaml): not at every start.
  const { Lunar, Solar } = require('lunar-typescript') as typeof LunarCalendar;
  const y = String(year).padStart(4, '0');
  const newYear = Lunar.fromYmd(year, 1, 1);
  // 除夕 is the last day of the twelfth month, whether it has 29 or 30 days.
  const springFestival = [newYear.next(-1), newYear, newYear.next(1), newYear.next(2)];
  // The lunar year that begins in `year` holds that spring's 清明.
  const qingming = Solar.fromYmd(year, 5, 1).getLunar().getJieQiTable()['清明']!;
  return [
    { date: `${y}-01-01`, name: '元旦' },
    ...springFestival.map((d) => ({ date: iso(d.getSolar()), name: '春节' })),
    { date: iso(qingming), name: '清明节' },
    { date: `${y}-05-01`, name: '劳动节' },
    { date: `${y}-05-02`, name: '劳动节' },
    { date: iso(Lunar.fromYmd(year, 5, 5).getSolar()), name: '端午节' },
    { date: iso(Lunar.fromYmd(year, 8, 15).getSolar()), name: '中秋节' },
    { date: `${y}-10-01`, name: '国庆节' },
    { date: `${y}-10-02`, name: '国庆节' },
    { date: `${y}-10-03`, name: '国庆节' },
  ];
}
