/**
 * Response shapes of the public Beratungsstellenfinder (`GET /api/centers`,
 * `GET /api/centers/:centerId`), as plain types for the apps. They mirror
 * server/src/directory/directory.schema.ts field for field.
 */

/** Query of `GET /api/centers`; every field is optional. */
export interface CenterSearchQuery {
  /** Main areas or sub-offers; a main area also matches its sub-offers. */
  topic?: string[];
  /** A German postal code or place name. */
  near?: string;
  /** Default 25. */
  radiusKm?: number;
  /** Free text (German stemming, typo tolerant). */
  q?: string;
  online?: boolean;
  /** ISO 639 language code. */
  lang?: string;
  page?: number;
  pageSize?: number;
}

/** A wall-clock interval 'HH:mm'–'HH:mm' ('24:00' only as an end). */
export interface OpeningInterval {
  start: string;
  end: string;
}

export interface TopicView {
  key: string;
  parent: string | null;
  labelDe: string;
  labelEn: string;
}

export interface CenterFlags {
  onlineChat: boolean;
  video: boolean;
  onSite: boolean;
  anonymous: boolean;
}

export interface CenterAddress {
  locationId: string;
  name: string | null;
  isMain: boolean;
  street: string;
  postalCode: string;
  city: string;
  latitude: number;
  longitude: number;
  phone: string | null;
}

/** One result card of the finder. */
export interface CenterCard {
  id: string;
  name: string;
  organisation: string;
  topics: TopicView[];
  /** The location the result refers to: the nearest one when `near` was given, else the main location. */
  location: CenterAddress;
  /** km from the searched place (one decimal); null without `near`. */
  distanceKm: number | null;
  /** Opening hours of that location today, in the center's time zone. */
  openingHoursToday: OpeningInterval[];
  openNow: boolean;
  /** Offers online counseling (chat or video). */
  online: boolean;
  flags: CenterFlags;
}

export interface CenterSearchResult {
  items: CenterCard[];
  total: number;
  page: number;
  pageSize: number;
  /** How `near` was understood. */
  near: {
    label: string;
    kind: 'postal_code' | 'place';
    latitude: number;
    longitude: number;
    radiusKm: number;
  } | null;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface CenterLocationDetail extends CenterAddress {
  email: string | null;
  website: string | null;
  openingHours: Partial<Record<Weekday, OpeningInterval[]>>;
  transportHints: string | null;
  parkingHints: string | null;
  specialInstructions: string | null;
  accessibility: string[];
  languages: string[];
}

export interface CenterServiceView {
  id: string;
  name: string;
  description: string | null;
  mode: 'on_site' | 'phone' | 'video';
  durationMinutes: number;
  topic: string | null;
  locationId: string | null;
}

export interface CenterAnnouncement {
  id: string;
  text: string;
  startsAt: string | null;
  endsAt: string | null;
}

/** The public detail page of a center. */
export interface CenterDetail {
  id: string;
  name: string;
  organisation: string;
  description: string | null;
  website: string | null;
  timezone: string;
  online: boolean;
  flags: CenterFlags;
  /** "Mehr Angebote dieser Beratungsstelle". */
  topics: TopicView[];
  locations: CenterLocationDetail[];
  services: CenterServiceView[];
  /** Only announcements that have started and not ended. */
  announcements: CenterAnnouncement[];
}
