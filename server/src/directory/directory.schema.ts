import { z } from 'zod';

const topicKey = z.string().regex(/^[a-z][a-z0-9-]{0,59}$/, 'must be a topic key');
/** A query parameter that may be given once or repeated (`?topic=a&topic=b`). */
const repeatable = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item).max(max).default([]),
  );
const single = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (Array.isArray(value) ? value[value.length - 1] : value), item);

/** Query of `GET /api/centers`. */
export const centerSearchQuerySchema = z.object({
  topic: repeatable(topicKey, 20),
  near: single(z.string().trim().min(1).max(100).optional()),
  radiusKm: single(z.coerce.number().positive().max(500).default(25)),
  q: single(z.string().trim().max(200).optional()),
  online: single(z.enum(['true', 'false']).optional()).transform((value) => value === 'true'),
  lang: single(
    z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code')
      .optional(),
  ),
  page: single(z.coerce.number().int().min(1).max(10_000).default(1)),
  pageSize: single(z.coerce.number().int().min(1).max(100).default(20)),
});
export type CenterSearchQuery = z.infer<typeof centerSearchQuerySchema>;

export const centerParamsSchema = z.object({ centerId: z.uuid() });

const interval = z.object({ start: z.string(), end: z.string() });
const topicView = z.object({
  key: z.string(),
  parent: z.string().nullable(),
  labelDe: z.string(),
  labelEn: z.string(),
});
const flags = z.object({
  onlineChat: z.boolean(),
  video: z.boolean(),
  onSite: z.boolean(),
  anonymous: z.boolean(),
});
const address = z.object({
  locationId: z.uuid(),
  name: z.string().nullable(),
  isMain: z.boolean(),
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  phone: z.string().nullable(),
});

/** One result card of the finder. */
export const centerCardSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  organisation: z.string(),
  topics: z.array(topicView),
  /** The location the result refers to: the nearest one when `near` was given, else the main location. */
  location: address,
  /** km from the searched place (one decimal); null without `near`. */
  distanceKm: z.number().nullable(),
  /** Opening hours of that location today, in the center's time zone. */
  openingHoursToday: z.array(interval),
  openNow: z.boolean(),
  /** Offers online counseling (chat or video). */
  online: z.boolean(),
  flags,
});
export type CenterCard = z.infer<typeof centerCardSchema>;

export const centerSearchResultSchema = z.object({
  items: z.array(centerCardSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** How `near` was understood. */
  near: z
    .object({
      label: z.string(),
      kind: z.enum(['postal_code', 'place']),
      latitude: z.number(),
      longitude: z.number(),
      radiusKm: z.number(),
    })
    .nullable(),
});
export type CenterSearchResult = z.infer<typeof centerSearchResultSchema>;

const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const locationDetail = address.extend({
  email: z.string().nullable(),
  website: z.string().nullable(),
  openingHours: z.partialRecord(weekday, z.array(interval)),
  transportHints: z.string().nullable(),
  parkingHints: z.string().nullable(),
  specialInstructions: z.string().nullable(),
  accessibility: z.array(z.string()),
  languages: z.array(z.string()),
});

/** The public detail page of a center. */
export const centerDetailSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  organisation: z.string(),
  description: z.string().nullable(),
  website: z.string().nullable(),
  timezone: z.string(),
  online: z.boolean(),
  flags,
  /** "Mehr Angebote dieser Beratungsstelle". */
  topics: z.array(topicView),
  locations: z.array(locationDetail),
  services: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      description: z.string().nullable(),
      mode: z.enum(['on_site', 'phone', 'video']),
      durationMinutes: z.number().int(),
      topic: z.string().nullable(),
      locationId: z.uuid().nullable(),
    }),
  ),
  /** Only announcements that have started and not ended. */
  announcements: z.array(
    z.object({
      id: z.uuid(),
      text: z.string(),
      startsAt: z.string().nullable(),
      endsAt: z.string().nullable(),
    }),
  ),
});
export type CenterDetail = z.infer<typeof centerDetailSchema>;
