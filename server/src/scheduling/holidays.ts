/**
 * Statewide public holidays of the 16 German Bundesländer, computed offline from the
 * Gregorian Easter date (fixed and Easter-relative holidays per state).
 *
 * Not included (not statewide): Fronleichnam in parts of Saxony and Thuringia, Mariä
 * Himmelfahrt in Catholic communities of Bavaria, the Augsburger Friedensfest, and
 * one-off holidays such as 8 May 2020/2025 in Berlin. Sundays that are legal holidays
 * only in Brandenburg (Easter Sunday, Whit Sunday) are included for BB.
 */
import { formatDate, parseDate } from './local-time';

import { STATE_CODES as STATES, type StateCode as State } from '@beratung/shared/states';

export { STATES, type State };

export interface PublicHoliday {
  date: string; // YYYY-MM-DD
  name: string;
}

export function isState(code: string): code is State {
  return (STATES as readonly string[]).includes(code);
}

/** Day number (days since 1970-01-01) of Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

type Rule = {
  name: string;
  states: readonly State[] | 'all';
  since?: number;
  only?: number;
} & ({ month: number; day: number } | { easter: number } | { bussUndBettag: true });

const NORTH_REFORMATION: readonly State[] = ['HB', 'HH', 'NI', 'SH'];
const RULES: readonly Rule[] = [
  { name: 'Neujahr', states: 'all', month: 1, day: 1 },
  { name: 'Heilige Drei Könige', states: ['BW', 'BY', 'ST'], month: 1, day: 6 },
  { name: 'Internationaler Frauentag', states: ['BE'], since: 2019, month: 3, day: 8 },
  { name: 'Internationaler Frauentag', states: ['MV'], since: 2023, month: 3, day: 8 },
  { name: 'Karfreitag', states: 'all', easter: -2 },
  { name: 'Ostersonntag', states: ['BB'], easter: 0 },
  { name: 'Ostermontag', states: 'all', easter: 1 },
  { name: 'Tag der Arbeit', states: 'all', month: 5, day: 1 },
  { name: 'Christi Himmelfahrt', states: 'all', easter: 39 },
  { name: 'Pfingstsonntag', states: ['BB'], easter: 49 },
  { name: 'Pfingstmontag', states: 'all', easter: 50 },
  { name: 'Fronleichnam', states: ['BW', 'BY', 'HE', 'NW', 'RP', 'SL'], easter: 60 },
  { name: 'Mariä Himmelfahrt', states: ['SL'], month: 8, day: 15 },
  { name: 'Weltkindertag', states: ['TH'], since: 2019, month: 9, day: 20 },
  { name: 'Tag der Deutschen Einheit', states: 'all', month: 10, day: 3 },
  { name: 'Reformationstag', states: ['BB', 'MV', 'SN', 'ST', 'TH'], month: 10, day: 31 },
  { name: 'Reformationstag', states: NORTH_REFORMATION, since: 2018, month: 10, day: 31 },
  { name: 'Reformationstag', states: 'all', only: 2017, month: 10, day: 31 },
  { name: 'Allerheiligen', states: ['BW', 'BY', 'NW', 'RP', 'SL'], month: 11, day: 1 },
  { name: 'Buß- und Bettag', states: ['SN'], bussUndBettag: true },
  { name: '1. Weihnachtstag', states: 'all', month: 12, day: 25 },
  { name: '2. Weihnachtstag', states: 'all', month: 12, day: 26 },
];

/** Statewide public holidays of a Bundesland (e.g. 'NW') in a year, sorted by date. */
export function publicHolidays(state: string, year: number): PublicHoliday[] {
  if (!isState(state)) throw new Error(`unknown Bundesland '${state}'`);
  const easter = easterSunday(year);
  const byDay = new Map<number, string>();
  for (const rule of RULES) {
    if (rule.states !== 'all' && !rule.states.includes(state)) continue;
    if (rule.since !== undefined && year < rule.since) continue;
    if (rule.only !== undefined && year !== rule.only) continue;
    let day: number;
    if ('easter' in rule) day = easter + rule.easter;
    else if ('bussUndBettag' in rule) {
      // the Wednesday before 23 November (between 16 and 22 November)
      const nov22 = Date.UTC(year, 10, 22) / 86_400_000;
      const weekday = (nov22 + 3) % 7; // 0 = Monday
      day = nov22 - ((weekday - 2 + 7) % 7);
    } else day = Date.UTC(year, rule.month - 1, rule.day) / 86_400_000;
    if (!byDay.has(day)) byDay.set(day, rule.name);
  }
  return [...byDay.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([day, name]) => ({ date: formatDate(day), name }));
}

const holidayDayCache = new Map<string, readonly number[]>();

/** Day numbers of `publicHolidays(state, year)`, memoized (the rules never change). */
export function holidayDays(state: string, year: number): readonly number[] {
  const key = `${state}|${year}`;
  let days = holidayDayCache.get(key);
  if (!days) {
    days = publicHolidays(state, year).map((h) => parseDate(h.date));
    if (holidayDayCache.size >= 10_000) holidayDayCache.clear();
    holidayDayCache.set(key, days);
  }
  return days;
}
