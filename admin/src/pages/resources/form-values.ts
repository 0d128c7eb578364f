import type { ImportCenter, TimeInterval, WeekdayKey } from '@beratung/shared/schemas/import-format';

// Kept in step with the schema's constant; importing it as a value would pull zod into the page.
export const WEEKDAYS: readonly WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type Week = Record<WeekdayKey, TimeInterval[]>;

export const emptyWeek = (): Week => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });

/** Weekly hours of the import format as one list per day (a missing day is empty). */
export function weekOf(hours: Partial<Record<WeekdayKey, TimeInterval[]>> | undefined): Week {
  return Object.fromEntries(
    WEEKDAYS.map((day) => [day, (hours?.[day] ?? []).map((interval) => ({ ...interval }))]),
  ) as Week;
}

/** A week back in the import format: only the days that have intervals. */
export function hoursOf(week: Week): Partial<Record<WeekdayKey, TimeInterval[]>> {
  return Object.fromEntries(
    WEEKDAYS.filter((day) => week[day].length > 0).map((day) => [
      day,
      week[day].map((i) => ({ start: i.start.trim(), end: i.end.trim() })),
    ]),
  );
}

export const hasHours = (week: Week) => WEEKDAYS.some((day) => week[day].length > 0);

/** '' → undefined, else the trimmed text. */
export const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * A whole-number field as the API takes it: '' → undefined (the default applies);
 * anything that is no whole number is sent as typed, so that the server's message
 * appears at exactly this field.
 */
export function wholeNumber(value: string): number | undefined {
  const text = value.trim();
  if (!text) return undefined;
  return /^\d+$/.test(text) ? Number(text) : (text as unknown as number);
}

let counter = 0;
/** A new entry's external id: unique within the center, stable across saves. */
export const newExternalId = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36)}`;

/** How a location is named in a choice: its label, else its address. */
export function locationLabel(location: ImportCenter['locations'][number]): string {
  return location.name ?? `${location.street}, ${location.postalCode} ${location.city}`;
}
