import {
  WEEKDAYS,
  type ImportAbsence,
  type ImportAbsenceSeries,
  type ImportAnnouncement,
  type ImportCenter,
  type ImportCounselor,
  type ImportLocation,
  type ImportRoom,
  type ImportService,
  type ImportServiceArea,
  type WeeklyHours,
} from '@beratung/shared/schemas/import-format';

/**
 * Pure mapping between the import format and table rows, both ways, kept side by side
 * so that import and export stay each other's inverse. Optional fields map to NULL and
 * back to absent; timestamps are stored and exported as UTC instants.
 */

type Lookup = (key: string) => string;

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
const instant = (value: string | undefined) => (value === undefined ? null : new Date(value).toISOString());
const isoOf = (value: Date | null) => (value === null ? undefined : value.toISOString());

export function centerValues(center: ImportCenter) {
  return {
    organisation: center.organisation,
    name: center.name,
    description: orNull(center.description),
    website: orNull(center.website),
    timezone: center.timezone,
    offers_online_chat: center.flags.onlineChat,
    offers_video: center.flags.video,
    offers_onsite: center.flags.onSite,
    offers_anonymous: center.flags.anonymous,
    holidays_state: orNull(center.holidays.state),
    observe_public_holidays: center.holidays.observe,
    is_fallback: center.fallback,
  };
}
export type CenterValues = ReturnType<typeof centerValues>;

export function locationValues(location: ImportLocation) {
  return {
    name: orNull(location.name),
    is_main: location.isMain,
    street: location.street,
    postal_code: location.postalCode,
    city: location.city,
    latitude: location.latitude,
    longitude: location.longitude,
    email: orNull(location.email),
    phone: orNull(location.phone),
    website: orNull(location.website),
    transport_hints: orNull(location.transportHints),
    parking_hints: orNull(location.parkingHints),
    special_instructions: orNull(location.specialInstructions),
    accessibility: location.accessibility,
    languages: location.languages,
  };
}
export type LocationValues = ReturnType<typeof locationValues>;

export function announcementValues(announcement: ImportAnnouncement) {
  return {
    text: announcement.text,
    starts_at: instant(announcement.startsAt),
    ends_at: instant(announcement.endsAt),
  };
}

export function roomValues(room: ImportRoom, locationId: Lookup) {
  return {
    location_id: room.location === undefined ? null : locationId(room.location),
    name: room.name,
    description: orNull(room.description),
  };
}

export function counselorValues(counselor: ImportCounselor) {
  return { display_name: counselor.displayName, email: orNull(counselor.email), active: counselor.active };
}

export function serviceValues(service: ImportService, locationId: Lookup) {
  return {
    location_id: service.location === undefined ? null : locationId(service.location),
    topic_key: orNull(service.topic),
    name: service.name,
    description: orNull(service.description),
    duration_minutes: service.durationMinutes,
    buffer_before_minutes: service.bufferBeforeMinutes,
    buffer_after_minutes: service.bufferAfterMinutes,
    step_minutes: service.stepMinutes,
    mode: service.mode,
    needs_room: service.needsRoom,
    min_notice_minutes: service.minNoticeMinutes,
    horizon_days: service.horizonDays,
    capacity: service.capacity,
    active: service.active,
  };
}

export function absenceValues(absence: ImportAbsence, counselorId: Lookup, roomId: Lookup) {
  return {
    counselor_id: absence.counselor === undefined ? null : counselorId(absence.counselor),
    room_id: absence.room === undefined ? null : roomId(absence.room),
    starts_at: instant(absence.startsAt),
    ends_at: instant(absence.endsAt),
    reason: orNull(absence.reason),
  };
}

export function absenceSeriesValues(series: ImportAbsenceSeries, counselorId: Lookup, roomId: Lookup) {
  return {
    counselor_id: series.counselor === undefined ? null : counselorId(series.counselor),
    room_id: series.room === undefined ? null : roomId(series.room),
    rrule: series.rrule,
    start_date: series.startDate,
    end_date: orNull(series.endDate),
    whole_day: series.wholeDay,
    start_time: orNull(series.start),
    end_time: orNull(series.end),
    reason: orNull(series.reason),
  };
}

export interface WeeklyRow {
  weekday: number;
  start_time: string;
  end_time: string;
}

/** Weekly hours as rows (ISO weekday 1 = Monday). */
export function weeklyRows(hours: WeeklyHours): WeeklyRow[] {
  return WEEKDAYS.flatMap((day, index) =>
    (hours[day] ?? []).map((interval) => ({
      weekday: index + 1,
      start_time: interval.start,
      end_time: interval.end,
    })),
  );
}

/** Rows back to weekly hours: days without intervals are left out, intervals sorted by start. */
export function weeklyHoursOf(rows: readonly WeeklyRow[]): WeeklyHours {
  const hours: WeeklyHours = {};
  const sorted = [...rows].sort((a, b) => a.weekday - b.weekday || a.start_time.localeCompare(b.start_time));
  for (const row of sorted) {
    const day = WEEKDAYS[row.weekday - 1];
    if (day === undefined) continue;
    (hours[day] ??= []).push({ start: row.start_time, end: row.end_time });
  }
  return hours;
}

export interface ServiceAreaRow {
  topic_key: string;
  postal_from: string;
  postal_to: string;
}

export function serviceAreaRows(areas: readonly ImportServiceArea[]): ServiceAreaRow[] {
  return areas.flatMap((area) =>
    area.postalCodes.map((entry) => {
      const [from = entry, to = from] = entry.split('-');
      return { topic_key: area.topic, postal_from: from, postal_to: to };
    }),
  );
}

/** One entry per topic; a range of one code is written as that code. */
export function serviceAreasOf(rows: readonly ServiceAreaRow[]): ImportServiceArea[] {
  const byTopic = new Map<string, string[]>();
  const sorted = [...rows].sort(
    (a, b) => a.topic_key.localeCompare(b.topic_key) || a.postal_from.localeCompare(b.postal_from),
  );
  for (const row of sorted) {
    const entry = row.postal_from === row.postal_to ? row.postal_from : `${row.postal_from}-${row.postal_to}`;
    const list = byTopic.get(row.topic_key) ?? [];
    list.push(entry);
    byTopic.set(row.topic_key, list);
  }
  return [...byTopic].map(([topic, postalCodes]) => ({ topic, postalCodes }));
}

// Export direction: stored rows (with references already turned into external ids).

export function centerOf(row: CenterValues, key: string) {
  return {
    externalId: key,
    organisation: row.organisation,
    name: row.name,
    description: orUndefined(row.description),
    website: orUndefined(row.website),
    timezone: row.timezone,
    fallback: row.is_fallback,
    flags: {
      onlineChat: row.offers_online_chat,
      video: row.offers_video,
      onSite: row.offers_onsite,
      anonymous: row.offers_anonymous,
    },
    holidays: {
      state: orUndefined(row.holidays_state) as ImportCenter['holidays']['state'],
      observe: row.observe_public_holidays,
    },
  };
}

export function locationOf(
  row: Omit<LocationValues, 'accessibility'> & { accessibility: string[] },
  key: string,
  openingHours: WeeklyHours,
): ImportLocation {
  return {
    externalId: key,
    name: orUndefined(row.name),
    isMain: row.is_main,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    latitude: row.latitude,
    longitude: row.longitude,
    email: orUndefined(row.email),
    phone: orUndefined(row.phone),
    website: orUndefined(row.website),
    openingHours,
    transportHints: orUndefined(row.transport_hints),
    parkingHints: orUndefined(row.parking_hints),
    specialInstructions: orUndefined(row.special_instructions),
    accessibility: row.accessibility as ImportLocation['accessibility'],
    languages: row.languages,
  };
}

export function announcementOf(
  row: { text: string; starts_at: Date | null; ends_at: Date | null },
  key: string,
): ImportAnnouncement {
  return { externalId: key, text: row.text, startsAt: isoOf(row.starts_at), endsAt: isoOf(row.ends_at) };
}

export function roomOf(
  row: { name: string; description: string | null },
  key: string,
  location: string | undefined,
): ImportRoom {
  return { externalId: key, name: row.name, location, description: orUndefined(row.description) };
}

export function counselorOf(
  row: { display_name: string; email: string | null; active: boolean },
  key: string,
): ImportCounselor {
  return {
    externalId: key,
    displayName: row.display_name,
    email: orUndefined(row.email),
    active: row.active,
  };
}

export function serviceOf(
  row: Omit<ReturnType<typeof serviceValues>, 'location_id'>,
  key: string,
  location: string | undefined,
  counselors: string[],
): ImportService {
  return {
    externalId: key,
    name: row.name,
    description: orUndefined(row.description),
    topic: orUndefined(row.topic_key),
    location,
    mode: row.mode,
    durationMinutes: row.duration_minutes,
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    stepMinutes: row.step_minutes,
    needsRoom: row.needs_room,
    minNoticeMinutes: row.min_notice_minutes,
    horizonDays: row.horizon_days,
    capacity: row.capacity,
    active: row.active,
    counselors,
  };
}

interface Owner {
  counselor: string | undefined;
  room: string | undefined;
}

export function absenceOf(
  row: { starts_at: Date; ends_at: Date; reason: string | null },
  key: string,
  owner: Owner,
): ImportAbsence {
  return {
    externalId: key,
    ...owner,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    reason: orUndefined(row.reason),
  };
}

export function absenceSeriesOf(
  row: Omit<ReturnType<typeof absenceSeriesValues>, 'counselor_id' | 'room_id'>,
  key: string,
  owner: Owner,
): ImportAbsenceSeries {
  return {
    externalId: key,
    ...owner,
    rrule: row.rrule,
    startDate: row.start_date,
    endDate: orUndefined(row.end_date),
    wholeDay: row.whole_day,
    start: orUndefined(row.start_time),
    end: orUndefined(row.end_time),
    reason: orUndefined(row.reason),
  };
}
