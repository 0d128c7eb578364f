import type { Locale } from '@common/i18n/core';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

/** Today as 'YYYY-MM-DD' in the given zone (the browser's when none is given). */
export function today(timezone?: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** A calendar date `days` later (or earlier); dates carry no zone, so UTC arithmetic is exact. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isDate(value: string): boolean {
  return ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** The API allows ranges of at most a year (366 days for leap years), `to` not before `from`. */
export function isRange(from: string, to: string): boolean {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
  return days >= 0 && days <= 366;
}

/** A calendar date for reading, e.g. "12.03.2026". */
export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/**
 * An appointment's day and times as the center sees them, e.g. "Do., 12.03.2026, 09:00–10:00":
 * staff may sit in another zone than the center, but the person booked center time.
 */
export function formatSlot(start: string, end: string, timezone: string, locale: Locale): string {
  const day = new Intl.DateTimeFormat(tag(locale), {
    timeZone: timezone,
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(start));
  const time = new Intl.DateTimeFormat(tag(locale), {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${day}, ${time.format(new Date(start))}–${time.format(new Date(end))}`;
}

/** Whether the appointment has begun (attendance can be recorded from then on). */
export function hasBegun(start: string, now = Date.now()): boolean {
  return Date.parse(start) <= now;
}
