import { z } from 'zod';

/**
 * The versioned JSON format for importing and exporting centers (docs/import-format.md).
 *
 * A file is all-or-nothing: `validateImportFile` reports every problem it finds with a
 * JSON path. References between the parts of one center (a service's counselors, an
 * absence's room, …) use the external ids of that center's entries; topics are
 * referenced by key and are checked against the database by the importer.
 */

export const IMPORT_FORMAT = 'beratung-centers';
export const IMPORT_FORMAT_VERSION = 1;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAYS)[number];

import { STATE_CODES } from '../states';

export { STATE_CODES };

export const ACCESSIBILITY_FEATURES = [
  'step_free_access',
  'elevator',
  'accessible_toilet',
  'accessible_parking',
  'hearing_loop',
  'tactile_guidance',
  'sign_language',
  'easy_language',
] as const;

export const SERVICE_MODES = ['on_site', 'phone', 'video'] as const;

const TIME_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const POSTAL_CODE_PATTERN = /^\d{5}$/;
const POSTAL_RANGE_PATTERN = /^(\d{5})(?:-(\d{5}))?$/;

/** Minutes since midnight of a valid 'HH:mm'. */
export function timeToMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** True if the runtime knows this IANA time zone. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const RRULE_DAY = '(MO|TU|WE|TH|FR|SA|SU)';
const intList = (min: number, max: number, signed: boolean) => (value: string) =>
  value.split(',').every((part) => {
    if (!/^[+-]?\d{1,3}$/.test(part) || (!signed && /^[+-]/.test(part))) return false;
    const n = Math.abs(Number(part));
    return n >= min && n <= max;
  });
const RRULE_PARTS: Record<string, (value: string) => boolean> = {
  FREQ: (v) => /^(DAILY|WEEKLY|MONTHLY|YEARLY)$/.test(v),
  INTERVAL: (v) => /^[1-9]\d{0,2}$/.test(v),
  COUNT: (v) => /^[1-9]\d{0,3}$/.test(v),
  UNTIL: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v),
  BYDAY: (v) =>
    new RegExp(
      `^([+-]?([1-9]|[1-4]\\d|5[0-3])?${RRULE_DAY})(,[+-]?([1-9]|[1-4]\\d|5[0-3])?${RRULE_DAY})*$`,
    ).test(v),
  BYMONTHDAY: intList(1, 31, true),
  BYMONTH: intList(1, 12, false),
  BYSETPOS: intList(1, 366, true),
  BYWEEKNO: intList(1, 53, true),
  BYYEARDAY: intList(1, 366, true),
  WKST: (v) => new RegExp(`^${RRULE_DAY}$`).test(v),
};

/**
 * Checks an RFC 5545 RRULE value as used by absence series: date rules only (the time
 * window is separate, so no BYHOUR/BYMINUTE) and no DTSTART (that is `startDate`).
 * Returns a message for the first problem, or null.
 */
export function rruleProblem(rule: string): string | null {
  if (/^RRULE:/i.test(rule)) return 'write the rule without the "RRULE:" prefix';
  const seen = new Set<string>();
  for (const part of rule.split(';')) {
    const match = /^([A-Z]+)=(.+)$/.exec(part);
    if (!match) return `"${part}" is not NAME=VALUE`;
    const [, name = '', value = ''] = match;
    const check = RRULE_PARTS[name];
    if (!check) return `${name} is not supported (allowed: ${Object.keys(RRULE_PARTS).join(', ')})`;
    if (seen.has(name)) return `${name} appears twice`;
    seen.add(name);
    if (!check(value)) return `${name}=${value} is not valid`;
  }
  if (!seen.has('FREQ')) return 'FREQ is required';
  if (seen.has('COUNT') && seen.has('UNTIL')) return 'COUNT and UNTIL exclude each other';
  return null;
}

export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const externalId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .describe('Stable id from the source system; unique within its center (centers: within the platform).');
const topicKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,59}$/, 'must be a topic key (lower-case letters, digits, dashes)');
const ref = z.string().min(1).max(200);
export const localTime = z.string().regex(TIME_PATTERN, 'must be a local time HH:mm (00:00–24:00)');
export const isoDate = z.iso.date('must be a date YYYY-MM-DD');
export const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with offset, e.g. 2026-12-01T09:00:00+01:00',
});
export const email = z.email('must be an email address').max(254);
const website = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(500);
export const phone = z
  .string()
  .trim()
  .regex(/^\+?\d[\d ()/-]{4,29}$/, 'must be a phone number, e.g. +49 211 1234567');
const postalCode = z.string().regex(POSTAL_CODE_PATTERN, 'must be a German postal code of 5 digits');

export const timeIntervalSchema = z.strictObject({ start: localTime, end: localTime });

const dayIntervals = z.array(timeIntervalSchema).max(12).optional();

/** Intervals per weekday; intervals of one day may touch but must not overlap. */
export const weeklyHoursSchema = z
  .strictObject({
    mon: dayIntervals,
    tue: dayIntervals,
    wed: dayIntervals,
    thu: dayIntervals,
    fri: dayIntervals,
    sat: dayIntervals,
    sun: dayIntervals,
  })
  .superRefine((hours, ctx) => {
    for (const day of WEEKDAYS) {
      const intervals = hours[day] ?? [];
      intervals.forEach((interval, index) => {
        if (timeToMinutes(interval.end) <= timeToMinutes(interval.start)) {
          ctx.addIssue({
            code: 'custom',
            path: [day, index, 'end'],
            message: `end ${interval.end} must be after start ${interval.start}`,
          });
        }
      });
      const sorted = intervals
        .map((interval, index) => ({
          index,
          start: timeToMinutes(interval.start),
          end: timeToMinutes(interval.end),
        }))
        .filter((interval) => interval.end > interval.start)
        .sort((a, b) => a.start - b.start);
      for (let i = 1; i < sorted.length; i++) {
        const previous = sorted[i - 1]!;
        const current = sorted[i]!;
        if (current.start < previous.end) {
          const other = intervals[previous.index]!;
          ctx.addIssue({
            code: 'custom',
            path: [day, current.index],
            message: `overlaps ${other.start}–${other.end} on the same day`,
          });
        }
      }
    }
  });

export const importTopicSchema = z.strictObject({
  key: topicKey,
  parent: topicKey.optional().describe('Key of the main area this sub-offer belongs to'),
  labelDe: text(100),
  labelEn: text(100),
  sortOrder: z.int().min(-100000).max(100000).default(0),
});

export const importLocationSchema = z.strictObject({
  externalId,
  name: text(200).optional().describe('Label of a branch, e.g. "Außenstelle Nord"'),
  isMain: z.boolean().default(false),
  street: text(200),
  postalCode,
  city: text(100),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  email: email.optional(),
  phone: phone.optional(),
  website: website.optional(),
  openingHours: weeklyHoursSchema.default({}),
  transportHints: text(2000).optional(),
  parkingHints: text(2000).optional(),
  specialInstructions: text(2000).optional(),
  accessibility: z.array(z.enum(ACCESSIBILITY_FEATURES)).max(ACCESSIBILITY_FEATURES.length).default([]),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code, e.g. "de"'))
    .max(50)
    .default([]),
});

export const importServiceAreaSchema = z.strictObject({
  topic: topicKey,
  postalCodes: z
    .array(z.string().regex(POSTAL_RANGE_PATTERN, 'must be a postal code "40210" or a range "40210-40239"'))
    .min(1)
    .max(2000),
});

export const importAnnouncementSchema = z.strictObject({
  externalId,
  text: text(2000),
  startsAt: isoDateTime.optional(),
  endsAt: isoDateTime.optional(),
});

export const importRoomSchema = z.strictObject({
  externalId,
  name: text(200),
  location: ref.optional().describe('externalId of the location the room is in'),
  description: text(2000).optional(),
});

export const importServiceSchema = z.strictObject({
  externalId,
  name: text(200),
  description: text(5000).optional(),
  topic: topicKey.optional().describe("One of the center's topics"),
  location: ref.optional().describe('externalId of the location; default: the main location'),
  mode: z.enum(SERVICE_MODES),
  durationMinutes: z.int().min(5).max(1440),
  bufferBeforeMinutes: z.int().min(0).max(1440).default(0),
  bufferAfterMinutes: z.int().min(0).max(1440).default(0),
  stepMinutes: z.int().min(5).max(1440).default(15),
  needsRoom: z.boolean().default(false),
  minNoticeMinutes: z.int().min(0).max(525600).default(0),
  horizonDays: z.int().min(1).max(730).default(60),
  capacity: z.int().min(1).max(500).default(1),
  active: z.boolean().default(true),
  counselors: z.array(ref).min(1).max(500).describe('externalIds of the qualified counselors'),
});

export const importCounselorSchema = z.strictObject({
  externalId,
  displayName: text(200),
  email: email.optional(),
  active: z.boolean().default(true),
});

export const importAvailabilitySchema = z.strictObject({
  counselor: ref.describe('externalId of the counselor'),
  hours: weeklyHoursSchema,
});

export const importAbsenceSchema = z.strictObject({
  externalId,
  counselor: ref.optional(),
  room: ref.optional(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  reason: text(500).optional(),
});

export const importAbsenceSeriesSchema = z.strictObject({
  externalId,
  counselor: ref.optional(),
  room: ref.optional(),
  rrule: z.string().max(500).describe('RFC 5545 RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=TU'),
  startDate: isoDate,
  endDate: isoDate.optional(),
  wholeDay: z.boolean().default(false),
  start: localTime.optional(),
  end: localTime.optional(),
  reason: text(500).optional(),
});

const centerObjectSchema = z.strictObject({
  externalId,
  organisation: text(200).describe('Träger'),
  name: text(200),
  description: text(5000).optional(),
  website: website.optional(),
  timezone: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone, e.g. Europe/Berlin')
    .default('Europe/Berlin'),
  fallback: z
    .boolean()
    .default(false)
    .describe('Receives inquiries from areas no center covers (at most one center)'),
  flags: z.strictObject({
    onlineChat: z.boolean().default(false),
    video: z.boolean().default(false),
    onSite: z.boolean().default(true),
    anonymous: z.boolean().default(false),
  }),
  holidays: z.strictObject({
    state: z.enum(STATE_CODES).optional(),
    observe: z.boolean().default(true).describe('Public holidays of `state` close the center'),
  }),
  locations: z.array(importLocationSchema).min(1).max(100),
  topics: z.array(topicKey).min(1).max(100),
  serviceAreas: z.array(importServiceAreaSchema).max(100).default([]),
  announcements: z.array(importAnnouncementSchema).max(200).default([]),
  rooms: z.array(importRoomSchema).max(500).default([]),
  services: z.array(importServiceSchema).max(200).default([]),
  counselors: z.array(importCounselorSchema).max(2000).default([]),
  availability: z.array(importAvailabilitySchema).max(2000).default([]),
  absences: z.array(importAbsenceSchema).max(10000).default([]),
  absenceSeries: z.array(importAbsenceSeriesSchema).max(2000).default([]),
});
export const importCenterSchema = centerObjectSchema.superRefine((center, ctx) => checkCenter(center, ctx));

const fileObjectSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(IMPORT_FORMAT),
  version: z.literal(IMPORT_FORMAT_VERSION),
  exportedAt: isoDateTime.optional(),
  topics: z.array(importTopicSchema).max(1000).default([]),
  centers: z.array(importCenterSchema).max(20000),
});
export const importFileSchema = fileObjectSchema.superRefine((file, ctx) => checkFile(file, ctx));

export type ImportFile = z.output<typeof importFileSchema>;
/** What a file may contain before defaults are applied (what a producer writes). */
export type ImportFileInput = z.input<typeof importFileSchema>;
export type ImportTopic = z.output<typeof importTopicSchema>;
export type ImportCenter = z.output<typeof importCenterSchema>;
export type ImportLocation = z.output<typeof importLocationSchema>;
export type ImportServiceArea = z.output<typeof importServiceAreaSchema>;
export type ImportAnnouncement = z.output<typeof importAnnouncementSchema>;
export type ImportRoom = z.output<typeof importRoomSchema>;
export type ImportService = z.output<typeof importServiceSchema>;
export type ImportCounselor = z.output<typeof importCounselorSchema>;
export type ImportAvailability = z.output<typeof importAvailabilitySchema>;
export type ImportAbsence = z.output<typeof importAbsenceSchema>;
export type ImportAbsenceSeries = z.output<typeof importAbsenceSeriesSchema>;
export type WeeklyHours = z.output<typeof weeklyHoursSchema>;
export type TimeInterval = z.output<typeof timeIntervalSchema>;

type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

/** Reports every external id that appears more than once in `items`. */
function checkUnique(
  ctx: Ctx,
  items: ReadonlyArray<{ externalId: string }>,
  collection: string,
): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.externalId))
      issue(ctx, [collection, index, 'externalId'], `duplicate externalId "${item.externalId}"`);
    seen.add(item.externalId);
  });
  return seen;
}

function parsePostalRange(entry: string): { from: string; to: string } {
  const [, from = '', to] = POSTAL_RANGE_PATTERN.exec(entry) ?? [];
  return { from, to: to ?? from };
}

type CenterData = z.output<typeof centerObjectSchema>;

function checkCenter(center: CenterData, ctx: Ctx): void {
  const locations = checkUnique(ctx, center.locations, 'locations');
  const counselors = checkUnique(ctx, center.counselors, 'counselors');
  const rooms = checkUnique(ctx, center.rooms, 'rooms');
  checkUnique(ctx, center.services, 'services');
  checkUnique(ctx, center.announcements, 'announcements');
  checkUnique(ctx, center.absences, 'absences');
  checkUnique(ctx, center.absenceSeries, 'absenceSeries');

  const mains = center.locations.filter((location) => location.isMain).length;
  if (mains !== 1) issue(ctx, ['locations'], `exactly one location must have isMain: true (found ${mains})`);

  if (center.holidays.observe && !center.holidays.state) {
    issue(
      ctx,
      ['holidays', 'state'],
      'is required when observe is true (the Bundesland whose public holidays apply)',
    );
  }

  const topics = new Set<string>();
  center.topics.forEach((key, index) => {
    if (topics.has(key)) issue(ctx, ['topics', index], `duplicate topic "${key}"`);
    topics.add(key);
  });

  const areaTopics = new Set<string>();
  center.serviceAreas.forEach((area, index) => {
    if (!topics.has(area.topic))
      issue(ctx, ['serviceAreas', index, 'topic'], `"${area.topic}" is not one of the center's topics`);
    if (areaTopics.has(area.topic))
      issue(ctx, ['serviceAreas', index, 'topic'], `duplicate entry for topic "${area.topic}"`);
    areaTopics.add(area.topic);
    const ranges = area.postalCodes.map((entry, i) => ({ i, entry, ...parsePostalRange(entry) }));
    for (const range of ranges) {
      if (range.from > range.to)
        issue(
          ctx,
          ['serviceAreas', index, 'postalCodes', range.i],
          `range ${range.entry} ends before it starts`,
        );
    }
    const sorted = ranges
      .filter((range) => range.from <= range.to)
      .sort((a, b) => a.from.localeCompare(b.from));
    for (let k = 1; k < sorted.length; k++) {
      const previous = sorted[k - 1]!;
      const current = sorted[k]!;
      if (current.from <= previous.to) {
        issue(
          ctx,
          ['serviceAreas', index, 'postalCodes', current.i],
          `${current.entry} overlaps ${previous.entry}`,
        );
      }
    }
  });

  center.announcements.forEach((announcement, index) => {
    if (
      announcement.startsAt &&
      announcement.endsAt &&
      Date.parse(announcement.endsAt) <= Date.parse(announcement.startsAt)
    ) {
      issue(ctx, ['announcements', index, 'endsAt'], 'must be after startsAt');
    }
  });

  center.rooms.forEach((room, index) => {
    if (room.location !== undefined && !locations.has(room.location)) {
      issue(
        ctx,
        ['rooms', index, 'location'],
        `no location with externalId "${room.location}" in this center`,
      );
    }
  });

  center.services.forEach((service, index) => {
    if (service.location !== undefined && !locations.has(service.location)) {
      issue(
        ctx,
        ['services', index, 'location'],
        `no location with externalId "${service.location}" in this center`,
      );
    }
    if (service.topic !== undefined && !topics.has(service.topic)) {
      issue(ctx, ['services', index, 'topic'], `"${service.topic}" is not one of the center's topics`);
    }
    if (service.needsRoom && center.rooms.length === 0) {
      issue(ctx, ['services', index, 'needsRoom'], 'the service needs a room but the center has no rooms');
    }
    const qualified = new Set<string>();
    service.counselors.forEach((counselor, i) => {
      if (!counselors.has(counselor))
        issue(
          ctx,
          ['services', index, 'counselors', i],
          `no counselor with externalId "${counselor}" in this center`,
        );
      if (qualified.has(counselor))
        issue(ctx, ['services', index, 'counselors', i], `duplicate counselor "${counselor}"`);
      qualified.add(counselor);
    });
  });

  const withHours = new Set<string>();
  center.availability.forEach((entry, index) => {
    if (!counselors.has(entry.counselor))
      issue(
        ctx,
        ['availability', index, 'counselor'],
        `no counselor with externalId "${entry.counselor}" in this center`,
      );
    if (withHours.has(entry.counselor)) {
      issue(
        ctx,
        ['availability', index, 'counselor'],
        `counselor "${entry.counselor}" already has an entry; list all their hours in one`,
      );
    }
    withHours.add(entry.counselor);
  });

  const checkOwner = (
    collection: string,
    index: number,
    owner: { counselor?: string | undefined; room?: string | undefined },
  ) => {
    if (owner.counselor !== undefined && owner.room !== undefined) {
      issue(
        ctx,
        [collection, index],
        'an absence belongs to a counselor, a room, or (neither given) the whole center — not both',
      );
    }
    if (owner.counselor !== undefined && !counselors.has(owner.counselor)) {
      issue(
        ctx,
        [collection, index, 'counselor'],
        `no counselor with externalId "${owner.counselor}" in this center`,
      );
    }
    if (owner.room !== undefined && !rooms.has(owner.room)) {
      issue(ctx, [collection, index, 'room'], `no room with externalId "${owner.room}" in this center`);
    }
  };

  center.absences.forEach((absence, index) => {
    checkOwner('absences', index, absence);
    if (Date.parse(absence.endsAt) <= Date.parse(absence.startsAt))
      issue(ctx, ['absences', index, 'endsAt'], 'must be after startsAt');
  });

  center.absenceSeries.forEach((series, index) => {
    checkOwner('absenceSeries', index, series);
    const problem = rruleProblem(series.rrule);
    if (problem) issue(ctx, ['absenceSeries', index, 'rrule'], problem);
    if (series.endDate !== undefined && series.endDate < series.startDate) {
      issue(ctx, ['absenceSeries', index, 'endDate'], 'must not be before startDate');
    }
    if (series.wholeDay) {
      if (series.start !== undefined || series.end !== undefined)
        issue(ctx, ['absenceSeries', index], 'a whole-day series has no start or end time');
    } else if (series.start === undefined || series.end === undefined) {
      issue(ctx, ['absenceSeries', index], 'give start and end times, or wholeDay: true');
    } else if (timeToMinutes(series.end) <= timeToMinutes(series.start)) {
      issue(ctx, ['absenceSeries', index, 'end'], `end ${series.end} must be after start ${series.start}`);
    }
  });
}

type FileData = z.output<typeof fileObjectSchema>;

function checkFile(file: FileData, ctx: Ctx): void {
  const centers = new Set<string>();
  file.centers.forEach((center, index) => {
    if (centers.has(center.externalId))
      issue(ctx, ['centers', index, 'externalId'], `duplicate center externalId "${center.externalId}"`);
    centers.add(center.externalId);
  });
  const fallbacks = file.centers.flatMap((center, index) => (center.fallback ? [index] : []));
  for (const index of fallbacks.slice(1))
    issue(ctx, ['centers', index, 'fallback'], 'only one center can be the fallback');

  const topics = new Map<string, ImportTopic>();
  file.topics.forEach((topic, index) => {
    if (topics.has(topic.key)) issue(ctx, ['topics', index, 'key'], `duplicate topic "${topic.key}"`);
    topics.set(topic.key, topic);
  });
  file.topics.forEach((topic, index) => {
    if (topic.parent === topic.key) {
      issue(ctx, ['topics', index, 'parent'], 'a topic cannot be its own parent');
      return;
    }
    // Walk up the parents declared in this file; a repeat is a cycle.
    const visited = new Set([topic.key]);
    for (let parent = topic.parent; parent !== undefined; parent = topics.get(parent)?.parent) {
      if (visited.has(parent)) {
        issue(ctx, ['topics', index, 'parent'], `parent chain of "${topic.key}" is a cycle`);
        break;
      }
      visited.add(parent);
    }
  });
}

/** One problem of an import file: a JSON path like `$.centers[3].locations[0].postalCode`. */
export interface ImportIssue {
  path: string;
  message: string;
}

/** `$.a.b[2].c` for a zod issue path. */
export function toJsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${acc}.${name}` : `${acc}[${JSON.stringify(name)}]`;
  }, '$');
}

function issuesOf(error: z.ZodError): ImportIssue[] {
  return error.issues.flatMap((zodIssue): ImportIssue[] => {
    if (zodIssue.code === 'unrecognized_keys') {
      return zodIssue.keys.map((key) => ({
        path: toJsonPath([...zodIssue.path, key]),
        message: 'unknown field',
      }));
    }
    return [{ path: toJsonPath(zodIssue.path), message: zodIssue.message }];
  });
}

export type ImportValidation =
  { success: true; data: ImportFile } | { success: false; errors: ImportIssue[] };

/**
 * Validates an import file completely. The format and version are checked first: a
 * file of another version is rejected with that one message, since the rest of it
 * follows other rules.
 */
export function validateImportFile(input: unknown): ImportValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { success: false, errors: [{ path: '$', message: 'must be a JSON object' }] };
  }
  const header = input as { format?: unknown; version?: unknown };
  if (header.format !== IMPORT_FORMAT) {
    return { success: false, errors: [{ path: '$.format', message: `must be "${IMPORT_FORMAT}"` }] };
  }
  if (header.version !== IMPORT_FORMAT_VERSION) {
    return {
      success: false,
      errors: [
        {
          path: '$.version',
          message: `unsupported version ${JSON.stringify(header.version)}: this server reads version ${IMPORT_FORMAT_VERSION}`,
        },
      ],
    };
  }
  const result = importFileSchema.safeParse(input);
  return result.success
    ? { success: true, data: result.data }
    : { success: false, errors: issuesOf(result.error) };
}

/** The kinds of rows an import reports on. */
export const IMPORT_KINDS = [
  'topics',
  'centers',
  'locations',
  'announcements',
  'rooms',
  'counselors',
  'services',
  'absences',
  'absenceSeries',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const importCountsSchema = z.object({
  created: z.int().min(0),
  updated: z.int().min(0),
  unchanged: z.int().min(0),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

/** What an import did: rows created, updated and left unchanged per kind, and the imported centers' ids. */
export const importResultSchema = z.object({
  counts: z.object({
    topics: importCountsSchema,
    centers: importCountsSchema,
    locations: importCountsSchema,
    announcements: importCountsSchema,
    rooms: importCountsSchema,
    counselors: importCountsSchema,
    services: importCountsSchema,
    absences: importCountsSchema,
    absenceSeries: importCountsSchema,
  } satisfies Record<ImportKind, typeof importCountsSchema>),
  centers: z.array(z.object({ externalId: z.string(), id: z.uuid() })),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** The JSON Schema (draft 2020-12) of what a producer may write, generated from the zod schema. */
export function importFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(importFileSchema, { io: 'input', target: 'draft-2020-12' }),
    title: `Beratung centers import/export format, version ${IMPORT_FORMAT_VERSION}`,
  };
}
