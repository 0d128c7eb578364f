import type { Locale } from '../../common/i18n/core';
import { dayOf } from './messages';

const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

/** "14:05" in the reader's own time zone (messages are about the reader's day). */
export function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** "5. März 2026" / "5 March 2026". */
export function formatDay(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** Whether a timestamp lies today, yesterday or earlier (local calendar days). */
export function relativeDay(iso: string, now = new Date()): 'today' | 'yesterday' | 'earlier' {
  const day = dayOf(iso);
  if (day === dayOf(now.toISOString())) return 'today';
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  return day === dayOf(yesterday.toISOString()) ? 'yesterday' : 'earlier';
}

/** "8.192" / "8,192". */
export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale)).format(value);
}

/** "12 KB", "1,4 MB" (files sent in a conversation). */
export function formatFileSize(bytes: number, locale: Locale): string {
  const megabytes = bytes >= 1024 * 1024;
  const value = megabytes ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024));
  const number = new Intl.NumberFormat(tag(locale), { maximumFractionDigits: megabytes ? 1 : 0 }).format(
    value,
  );
  return `${number}\u00a0${megabytes ? 'MB' : 'KB'}`;
}
