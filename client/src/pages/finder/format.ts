import type { Locale } from '../../common/i18n/core';
import type { OpeningInterval, Weekday } from '@beratung/shared';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

/** "3,2 km" (German) or "3.2 km" (English); below 100 m still "0,1 km". */
export function formatDistance(km: number, locale: Locale): string {
  const shown = Math.max(km, 0.1);
  const number = new Intl.NumberFormat(tag(locale), {
    minimumFractionDigits: shown < 10 ? 1 : 0,
    maximumFractionDigits: shown < 10 ? 1 : 0,
  }).format(shown);
  return `${number}\u00a0km`;
}

/** "08:00–12:00 und 13:00–14:00 Uhr"; an empty day gives "". */
export function formatIntervals(intervals: readonly OpeningInterval[], locale: Locale): string {
  if (intervals.length === 0) return '';
  const parts = intervals.map(({ start, end }) => `${start}\u2013${end}`);
  const list = new Intl.ListFormat(tag(locale), { style: 'long', type: 'conjunction' }).format(parts);
  return locale === 'de' ? `${list}\u00a0Uhr` : list;
}

/** The weekday of `date` in a time zone (the center's), as the API keys it. */
export function weekdayIn(timeZone: string, date = new Date()): Weekday {
  let name: string;
  try {
    name = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone }).format(date);
  } catch {
    name = new Intl.DateTimeFormat('en-US', { weekday: 'short' }).format(date);
  }
  const index = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name);
  return WEEKDAYS[index < 0 ? 0 : index]!;
}

/** A `tel:` link target: digits and a leading plus only. */
export function phoneHref(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`;
}

/** A website as people read it: "caritas-kleve.de/suchtberatung" without scheme and "www.". */
export function websiteLabel(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' ? '' : parsed.pathname.replace(/\/$/, '');
    return `${parsed.hostname.replace(/^www\./, '')}${path}`;
  } catch {
    return url;
  }
}

/** Only http(s) links are rendered as links (data from centers is not trusted blindly). */
export function safeWebsite(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** "04.10.2025" / "4 Oct 2025". */
export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium' }).format(date);
}

/** The name of a language in the reader's language ("tr" → "Türkisch"). */
export function languageName(code: string, locale: Locale): string {
  try {
    const name = new Intl.DisplayNames([tag(locale)], { type: 'language' }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}
