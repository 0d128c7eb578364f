import * as rruleModule from 'rrule';
import type { Interval } from './intervals';
import { DAY_MS, parseDate, parseTime, type ZoneCalendar } from './local-time';

// rrule ships an ES module build (used by bundlers and vitest) and a UMD main file
// (used by Node's ESM loader, which then only exposes a default export).
const rrule = rruleModule as typeof rruleModule & { default?: typeof rruleModule };
const RRule = rrule.RRule ?? rrule.default!.RRule;

/**
 * An absence series (Abwesenheitsserie): an RFC 5545 RRULE without DTSTART, evaluated
 * on local dates from `startDate` (the DTSTART date) to `endDate` (inclusive). Each
 * occurrence is the whole local day (`allDay`) or the local window
 * `startTime`–`endTime` on that date ('24:00' allowed; an end at or before the start
 * ends on the next day).
 */
export interface AbsenceSeries {
  rrule: string;
  startDate: string;
  endDate?: string;
  allDay?: boolean;
  startTime?: string;
  endTime?: string;
}

/** Day numbers of the series' occurrences within [lo, hi] (already clamped to its dates). */
function expand(series: AbsenceSeries, start: number, end: number, lo: number, hi: number): number[] {
  const text = series.rrule.trim().replace(/^RRULE:/i, '');
  const parsed = RRule.parseString(text);
  delete parsed.dtstart;
  delete parsed.tzid;
  const until =
    parsed.until && end !== Infinity
      ? new Date(Math.min(parsed.until.getTime(), (end + 1) * DAY_MS - 1))
      : (parsed.until ?? (end === Infinity ? null : new Date((end + 1) * DAY_MS - 1)));
  const rule = new RRule({ ...parsed, dtstart: new Date(start * DAY_MS), until });
  const days = new Set<number>();
  for (const d of rule.between(new Date(lo * DAY_MS), new Date((hi + 1) * DAY_MS - 1), true)) {
    days.add(Math.floor(d.getTime() / DAY_MS));
  }
  return [...days].sort((a, b) => a - b);
}

/**
 * Expansions are memoized per series and aligned block of BLOCK_DAYS days, so requests
 * for any range in the same weeks reuse them. The occurrences of a rule depend only on
 * the rule and its DTSTART/UNTIL, never on the window asked for, so a block's days are
 * the same whichever range asked first. The memo is emptied when it gets large.
 */
const BLOCK_DAYS = 64;
const EXPANSION_LIMIT = 10_000;
const expansions = new Map<string, readonly number[]>();

function blockDays(series: AbsenceSeries, start: number, end: number, block: number): readonly number[] {
  const key = `${block}|${series.startDate}|${series.endDate ?? ''}|${series.rrule}`;
  let days = expansions.get(key);
  if (!days) {
    const lo = Math.max(block * BLOCK_DAYS, start);
    const hi = Math.min((block + 1) * BLOCK_DAYS - 1, end);
    days = hi < lo ? [] : expand(series, start, end, lo, hi);
    if (expansions.size >= EXPANSION_LIMIT) expansions.clear();
    expansions.set(key, days);
  }
  return days;
}

/** Day numbers of the series' occurrences within [fromDay, toDay]. */
export function seriesDays(series: AbsenceSeries, fromDay: number, toDay: number): number[] {
  const start = parseDate(series.startDate);
  const end = series.endDate === undefined ? Infinity : parseDate(series.endDate);
  const lo = Math.max(fromDay, start);
  const hi = Math.min(toDay, end);
  if (hi < lo) return [];
  const out: number[] = [];
  for (let block = Math.floor(lo / BLOCK_DAYS); block <= Math.floor(hi / BLOCK_DAYS); block++) {
    for (const day of blockDays(series, start, end, block)) if (day >= lo && day <= hi) out.push(day);
  }
  return out;
}

/** The series' occurrences as instant intervals, for local dates in [fromDay, toDay]. */
export function seriesIntervals(
  series: AbsenceSeries,
  fromDay: number,
  toDay: number,
  cal: ZoneCalendar,
  cache?: Map<string, number[]>,
): Interval[] {
  let startMin = 0;
  let endMin = 1440;
  if (!series.allDay) {
    if (series.startTime === undefined || series.endTime === undefined) {
      throw new Error('an absence series needs allDay or startTime and endTime');
    }
    startMin = parseTime(series.startTime);
    endMin = parseTime(series.endTime);
  }
  const out: Interval[] = [];
  const key = `${series.rrule}|${series.startDate}|${series.endDate ?? ''}|${fromDay}|${toDay}`;
  let days = cache?.get(key);
  if (!days) {
    days = seriesDays(series, fromDay, toDay);
    cache?.set(key, days);
  }
  for (const day of days) {
    const endDay = endMin <= startMin ? day + 1 : day;
    out.push([cal.boundary(day, startMin), cal.boundary(endDay, endMin)]);
  }
  return out;
}
