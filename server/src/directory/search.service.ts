import type { Db } from '../db/database';
import { NotFoundError, ValidationError } from '../http/errors';
import type { CenterCard, CenterDetail, CenterSearchQuery, CenterSearchResult } from './directory.schema';
import { findCenterDetail, listTopics, type TopicRow } from './detail.repository';
import { UnknownPlaceError } from './errors';
import type { Geocoder } from './geocoding/geocoder';
import { analyzeWords, countCenters, searchCenters, type SearchRow } from './search.repository';
import { toCenterDetail, toTopicView } from './directory.mapper';

export interface DirectorySearchDeps {
  db: Db;
  geocoder: Geocoder;
  now?: () => Date;
}

/** At most this many words of `q` are used (each adds a condition). */
const MAX_WORDS = 8;

/** The public finder: search (`GET /api/centers`) and detail (`GET /api/centers/:id`). */
export class DirectorySearchService {
  private readonly now: () => Date;

  constructor(private readonly deps: DirectorySearchDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Centers matching the query, nearest first when `near` is given, else by relevance. */
  async search(query: CenterSearchQuery): Promise<CenterSearchResult> {
    const { db, geocoder } = this.deps;
    const topics = await listTopics(db);
    const known = new Set(topics.map((topic) => topic.key));
    const unknown = query.topic.flatMap((key, i) =>
      known.has(key) ? [] : [{ path: `$.topic[${i}]`, message: `Unknown topic "${key}"` }],
    );
    if (unknown.length) throw new ValidationError(unknown, 400);

    const place = query.near === undefined ? undefined : geocoder.resolve(query.near);
    if (query.near !== undefined && !place)
      throw new UnknownPlaceError(query.near, geocoder.suggest(query.near));

    const filter = {
      topicKeys: query.topic,
      point: place && { lat: place.lat, lon: place.lon, radiusKm: query.radiusKm },
      words: await analyzeWords(db, wordsOf(query.q)),
      online: query.online,
      lang: query.lang,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
      now: this.now(),
    };
    const rows = await searchCenters(db, filter);
    const total = rows[0]?.total ?? (filter.offset > 0 ? await countCenters(db, filter) : 0);
    const byKey = new Map(topics.map((topic) => [topic.key, topic]));
    return {
      items: rows.map((row) => toCard(row, byKey)),
      total,
      page: query.page,
      pageSize: query.pageSize,
      near: place
        ? {
            label: place.label,
            kind: place.kind,
            latitude: place.lat,
            longitude: place.lon,
            radiusKm: query.radiusKm,
          }
        : null,
    };
  }

  /** The public detail of one center; 404 if there is none. */
  async detail(centerId: string): Promise<CenterDetail> {
    const rows = await findCenterDetail(this.deps.db, centerId, this.now());
    if (!rows) throw new NotFoundError('Center');
    return toCenterDetail(rows, await listTopics(this.deps.db));
  }
}

/** The distinct words of `q` (lower case, at least two letters), at most MAX_WORDS. */
function wordsOf(q: string | undefined): string[] {
  const words = (q ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2);
  return [...new Set(words)].slice(0, MAX_WORDS);
}

function toCard(row: SearchRow, topics: Map<string, TopicRow>): CenterCard {
  const hours = row.hours_today;
  return {
    id: row.center_id,
    name: row.name,
    organisation: row.organisation,
    topics: row.topic_keys
      .map((key) => topics.get(key))
      .filter((topic): topic is TopicRow => !!topic)
      .sort((a, b) => a.sort_order - b.sort_order)
      .map(toTopicView),
    location: {
      locationId: row.location_id,
      name: row.location_name,
      isMain: row.is_main,
      street: row.street,
      postalCode: row.postal_code,
      city: row.city,
      latitude: row.latitude,
      longitude: row.longitude,
      phone: row.phone,
    },
    distanceKm: row.distance_km,
    openingHoursToday: hours,
    openNow: hours.some((interval) => interval.start <= row.local_time && row.local_time < interval.end),
    online: row.offers_online_chat || row.offers_video,
    flags: {
      onlineChat: row.offers_online_chat,
      video: row.offers_video,
      onSite: row.offers_onsite,
      anonymous: row.offers_anonymous,
    },
  };
}
