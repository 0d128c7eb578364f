import type { Locale } from '../../common/i18n/core';

const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

/** Today (YYYY-MM-DD) in a time zone, the center's. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** `addDays('2026-01-31', 1)` → '2026-02-01' (calendar dates, no time zone involved). */
export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T12:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** The first day of the month of `date`. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The first day of the next (or, with -1, the previous) month. */
export function shiftMonth(month: string, by: number): string {
  const value = new Date(`${monthStart(month)}T12:00:00Z`);
  value.setUTCMonth(value.getUTCMonth() + by);
  return value.toISOString().slice(0, 10);
}

/** The weeks of a month, Monday first; days outside the month are undefined. */
export function monthWeeks(month: string): Array<Array<string | undefined>> {
  const first = monthStart(month);
  const offset = (new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7;
  const weeks: Array<Array<string | undefined>> = [];
  let week: Array<string | undefined> = Array.from({ length: offset }, () => undefined);
  for (let day = first; day.slice(0, 7) === first.slice(0, 7); day = addDays(day, 1)) {
    week.push(day);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => undefined)]);
  return weeks;
}

/** The local time of a slot start as the API gives it ("2026-03-02T09:30:00+01:00" → "09:30"). */
export function slotTime(start: string): string {
  return start.slice(11, 16);
}

/** The local date of a slot start ("2026-03-02T09:30:00+01:00" → "2026-03-02"). */
export function slotDate(start: string): string {
  return start.slice(0, 10);
}

/** "Montag, 2. März 2026" / "Monday 2 March 2026". */
export function longDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** "März 2026" / "March 2026". */
export function monthName(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${monthStart(month)}T12:00:00Z`),
  );
}

/** Short weekday names, Monday first. */
export function weekdayNames(locale: Locale): Array<{ short: string; long: string }> {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, index) => {
    const date = new Date(Date.UTC(2024, 0, 1 + index, 12));
    const format = (weekday: 'short' | 'long') =>
      new Intl.DateTimeFormat(tag(locale), { weekday, timeZone: 'UTC' }).format(date);
    return { short: format('short'), long: format('long') };
  });
}

/** Whole days from a to b. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}
