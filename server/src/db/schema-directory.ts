import type { ColumnType, Generated } from 'kysely';
import type { STATE_CODES } from '@beratung/shared/schemas/import-format';

/** Row types of the directory and scheduling tables (migrations/0002_directory.sql). */

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/**
 * A `date` column. The drivers disagree on what they return (PGlite: a Date at UTC
 * midnight, node-postgres: a Date at local midnight), so select it as text with
 * `to_char(column, 'YYYY-MM-DD')` instead of reading the Date.
 */
type DateColumn = ColumnType<Date, string, string>;
type NullableDateColumn = ColumnType<Date | null, string | null | undefined, string | null>;

/** ISO 8601 weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** Local wall-clock time 'HH:mm' ('24:00' only as an interval end). */
export type LocalTime = string;
export type ServiceMode = 'on_site' | 'phone' | 'video';
/** Bundesland code, e.g. 'NW'. */
export type StateCode = (typeof STATE_CODES)[number];

/** Columns that 0002 adds to `centers` (merged into CentersTable by DirectoryTables). */
export interface CenterDirectoryColumns {
  description: string | null;
  website: string | null;
  offers_online_chat: Generated<boolean>;
  offers_video: Generated<boolean>;
  offers_onsite: Generated<boolean>;
  offers_anonymous: Generated<boolean>;
  holidays_state: StateCode | null;
  observe_public_holidays: Generated<boolean>;
  is_fallback: Generated<boolean>;
}

export interface TopicsTable {
  key: string;
  parent_key: string | null;
  label_de: string;
  label_en: string;
  sort_order: Generated<number>;
}

export interface CenterTopicsTable {
  center_id: string;
  topic_key: string;
}

export interface ServiceAreasTable {
  center_id: string;
  topic_key: string;
  postal_from: string;
  postal_to: string;
}

export interface CenterLocationsTable {
  id: Generated<string>;
  center_id: string;
  external_id: string | null;
  name: string | null;
  is_main: Generated<boolean>;
  street: string;
  postal_code: string;
  city: string;
  latitude: number;
  longitude: number;
  email: string | null;
  phone: string | null;
  website: string | null;
  transport_hints: string | null;
  parking_hints: string | null;
  special_instructions: string | null;
  accessibility: Generated<string[]>;
  languages: Generated<string[]>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface OpeningHoursTable {
  location_id: string;
  weekday: Weekday;
  start_time: LocalTime;
  end_time: LocalTime;
}

export interface AnnouncementsTable {
  id: Generated<string>;
  center_id: string;
  external_id: string | null;
  text: string;
  starts_at: NullableTimestamp;
  ends_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface RoomsTable {
  id: Generated<string>;
  center_id: string;
  external_id: string | null;
  location_id: string | null;
  name: string;
  description: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CounselorsTable {
  id: Generated<string>;
  center_id: string;
  external_id: string | null;
  display_name: string;
  email: string | null;
  account_id: string | null;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface AvailabilityTable {
  counselor_id: string;
  weekday: Weekday;
  start_time: LocalTime;
  end_time: LocalTime;
}

export interface ServicesTable {
  id: Generated<string>;
  center_id: string;
  external_id: string | null;
  location_id: string | null;
  topic_key: string | null;
  name: string;
  description: string | null;
  duration_minutes: number;
  buffer_before_minutes: Generated<number>;
  buffer_after_minutes: Generated<number>;
  step_minutes: Generated<number>;
  mode: ServiceMode;
  needs_room: Generated<boolean>;
  min_notice_minutes: Generated<number>;
  horizon_days: Generated<number>;
  capacity: Generated<number>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ServiceCounselorsTable {
  service_id: string;
  counselor_id: string;
  center_id: string;
}

/** Owner: `counselor_id`, `room_id`, or neither (the whole center). */
export interface AbsencesTable {
  id: Generated<string>;
  center_id: string;
  external_id: string | null;
  counselor_id: string | null;
  room_id: string | null;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

/** Owner as in AbsencesTable; times are null exactly when `whole_day`. */
export interface AbsenceSeriesTable {
  id: Generated<string>;
  center_id: string;
  external_id: string | null;
  counselor_id: string | null;
  room_id: string | null;
  rrule: string;
  start_date: DateColumn;
  end_date: NullableDateColumn;
  whole_day: Generated<boolean>;
  start_time: LocalTime | null;
  end_time: LocalTime | null;
  reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface DirectoryTables {
  /** Intersected with CentersTable in DB: the columns 0002 adds to `centers`. */
  centers: CenterDirectoryColumns;
  topics: TopicsTable;
  center_topics: CenterTopicsTable;
  service_areas: ServiceAreasTable;
  center_locations: CenterLocationsTable;
  opening_hours: OpeningHoursTable;
  announcements: AnnouncementsTable;
  rooms: RoomsTable;
  counselors: CounselorsTable;
  availability: AvailabilityTable;
  services: ServicesTable;
  service_counselors: ServiceCounselorsTable;
  absences: AbsencesTable;
  absence_series: AbsenceSeriesTable;
}
