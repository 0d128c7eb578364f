import type { WeekdayKey } from '@beratung/shared/schemas/import-format';

/**
 * The recurrences the back office offers as a form — every n days, every n weeks on
 * some weekdays, the n-th (or last) weekday of a month — and any other RRULE as text.
 * The series' first and last date are its own fields, so COUNT/UNTIL stay in "custom".
 */
export type RecurrencePattern =
  | { kind: 'daily'; interval: string }
  | { kind: 'weekly'; interval: string; days: WeekdayKey[] }
  | { kind: 'monthly'; ordinal: MonthlyOrdinal; day: WeekdayKey }
  | { kind: 'custom'; rule: string };

export type RecurrenceKind = RecurrencePattern['kind'];
export const MONTHLY_ORDINALS = ['1', '2', '3', '4', '-1'] as const;
export type MonthlyOrdinal = (typeof MONTHLY_ORDINALS)[number];

const DAYS: ReadonlyArray<[WeekdayKey, string]> = [
  ['mon', 'MO'],
  ['tue', 'TU'],
  ['wed', 'WE'],
  ['thu', 'TH'],
  ['fri', 'FR'],
  ['sat', 'SA'],
  ['sun', 'SU'],
];
const toRule = new Map(DAYS);
const fromRule = new Map(DAYS.map(([key, code]) => [code, key]));

function partsOf(rule: string): Map<string, string> | undefined {
  const parts = new Map<string, string>();
  for (const part of rule.trim().split(';')) {
    const match = /^([A-Z]+)=(.+)$/.exec(part);
    if (!match || parts.has(match[1]!)) return undefined;
    parts.set(match[1]!, match[2]!);
  }
  return parts;
}

const onlyKeys = (parts: Map<string, string>, allowed: string[]) =>
  [...parts.keys()].every((key) => allowed.includes(key));

/** The form for a rule; a rule the form cannot show is 'custom'. */
export function parseRecurrence(rule: string): RecurrencePattern {
  const custom: RecurrencePattern = { kind: 'custom', rule };
  const parts = partsOf(rule);
  if (!parts) return custom;
  const interval = parts.get('INTERVAL') ?? '1';
  if (!/^[1-9]\d{0,2}$/.test(interval)) return custom;
  const freq = parts.get('FREQ');
  if (freq === 'DAILY' && onlyKeys(parts, ['FREQ', 'INTERVAL'])) return { kind: 'daily', interval };
  if (freq === 'WEEKLY' && onlyKeys(parts, ['FREQ', 'INTERVAL', 'BYDAY']) && parts.has('BYDAY')) {
    const days = parts
      .get('BYDAY')!
      .split(',')
      .map((code) => fromRule.get(code));
    if (days.some((day) => day === undefined)) return custom;
    const chosen = new Set(days as WeekdayKey[]);
    return { kind: 'weekly', interval, days: DAYS.map(([key]) => key).filter((key) => chosen.has(key)) };
  }
  if (freq === 'MONTHLY' && interval === '1' && onlyKeys(parts, ['FREQ', 'INTERVAL', 'BYDAY'])) {
    const match = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(parts.get('BYDAY') ?? '');
    if (match) return { kind: 'monthly', ordinal: match[1] as MonthlyOrdinal, day: fromRule.get(match[2]!)! };
  }
  return custom;
}

/** The RRULE of a form, without DTSTART (the series' start date is one). */
export function buildRecurrence(pattern: RecurrencePattern): string {
  const every = (interval: string) =>
    interval.trim() && interval.trim() !== '1' ? `;INTERVAL=${interval.trim()}` : '';
  switch (pattern.kind) {
    case 'daily':
      return `FREQ=DAILY${every(pattern.interval)}`;
    case 'weekly':
      return `FREQ=WEEKLY${every(pattern.interval)}${
        pattern.days.length ? `;BYDAY=${pattern.days.map((day) => toRule.get(day)).join(',')}` : ''
      }`;
    case 'monthly':
      return `FREQ=MONTHLY;BYDAY=${pattern.ordinal}${toRule.get(pattern.day)}`;
    case 'custom':
      return pattern.rule.trim();
  }
}

/** Switching the kind keeps what fits: the interval, or the rule so far as text. */
export function changeKind(pattern: RecurrencePattern, kind: RecurrenceKind, firstDay: WeekdayKey) {
  if (pattern.kind === kind) return pattern;
  const interval = pattern.kind === 'daily' || pattern.kind === 'weekly' ? pattern.interval : '1';
  switch (kind) {
    case 'daily':
      return { kind, interval } satisfies RecurrencePattern;
    case 'weekly':
      return { kind, interval, days: [firstDay] } satisfies RecurrencePattern;
    case 'monthly':
      return { kind, ordinal: '1', day: firstDay } satisfies RecurrencePattern;
    case 'custom':
      return { kind, rule: buildRecurrence(pattern) } satisfies RecurrencePattern;
  }
}

/** The weekday of a date 'YYYY-MM-DD' (no time zone involved); invalid → Monday. */
export function weekdayOf(date: string): WeekdayKey {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return Number.isNaN(day) ? 'mon' : DAYS[(day + 6) % 7]![0];
}
