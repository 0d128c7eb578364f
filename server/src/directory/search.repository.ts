import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';

/** A word of the free-text query, as prefix tsqueries (config 'simple', already stemmed). */
export interface SearchWord {
  raw: string;
  /** `'schuld':*` for "Schulden"; null for a stop word ("und", "in"). */
  tsquery: string | null;
  /** The queries of the most similar known words ("Suchtbertung" → `'suchtberat':*`). */
  corrections: string[];
}

export interface SearchFilter {
  /** Topic keys; a main area also matches its sub-offers. Empty: any topic. */
  topicKeys: string[];
  point?: { lat: number; lon: number; radiusKm: number };
  words: SearchWord[];
  online: boolean;
  lang?: string;
  limit: number;
  offset: number;
  now: Date;
}

export interface SearchRow {
  center_id: string;
  name: string;
  organisation: string;
  offers_online_chat: boolean;
  offers_video: boolean;
  offers_onsite: boolean;
  offers_anonymous: boolean;
  location_id: string;
  location_name: string | null;
  is_main: boolean;
  street: string;
  postal_code: string;
  city: string;
  latitude: number;
  longitude: number;
  phone: string | null;
  distance_km: number | null;
  total: number;
  topic_keys: string[];
  hours_today: Array<{ start: string; end: string }>;
  /** 'HH:mm' now in the center's time zone. */
  local_time: string;
}

/** Words shorter than this are not corrected (too many similar words). */
const MIN_FUZZY_LENGTH = 4;
/** At most this many known words stand in for a misspelt one. */
const MAX_CORRECTIONS = 3;
const EARTH_RADIUS_KM = 6371.0088;

/**
 * Each word stemmed with the German configuration into a prefix query (`'schuld':*`),
 * and the known words most similar to it (pg_trgm similarity over search_words, served
 * by its trigram index), stemmed the same way.
 */
export async function analyzeWords(db: Db, words: string[]): Promise<SearchWord[]> {
  if (words.length === 0) return [];
  const stem = (column: RawBuilder<unknown>) =>
    sql`(select string_agg(quote_literal(lexeme) || ':*', ' & ') from unnest(to_tsvector('german', ${column})))`;
  const rows = await sql<{ word: string; query: string | null; corrections: string[] }>`
    select v.word, ${stem(sql`v.word`)} as query,
      case when length(v.word) >= ${MIN_FUZZY_LENGTH} then array(
        select q from (
          select ${stem(sql`w.word`)} as q, w.word <-> v.word as d
          from search_words w
          where w.word % v.word and w.word <> v.word
          order by d, w.word
          limit ${MAX_CORRECTIONS}
        ) as nearest where q is not null
      ) else '{}' end as corrections
    from (values ${sql.join(words.map((word) => sql`(${word}::text)`))}) as v(word)`.execute(db);
  const byWord = new Map(rows.rows.map((row) => [row.word, row]));
  return words.map((word) => {
    const row = byWord.get(word);
    return { raw: word, tsquery: row?.query ?? null, corrections: row?.corrections ?? [] };
  });
}

/** One page of matching centers with the columns of a result card, and the total count. */
export async function searchCenters(db: Db, filter: SearchFilter): Promise<SearchRow[]> {
  const rows = await searchQuery(filter).execute(db);
  return rows.rows;
}

/** Number of matches (needed only for a page past the end, which has no rows to carry it). */
export async function countCenters(db: Db, filter: SearchFilter): Promise<number> {
  const rows = await searchQuery({ ...filter, limit: 1, offset: 0 }).execute(db);
  return rows.rows[0]?.total ?? 0;
}

function searchQuery(filter: SearchFilter) {
  const { point, words } = filter;
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (filter.topicKeys.length > 0) {
    conditions.push(
      sql`exists (select 1 from center_topics ct where ct.center_id = c.id and ct.topic_key in (select key from wanted_topics))`,
    );
  }
  if (filter.online) conditions.push(sql`(c.offers_online_chat or c.offers_video)`);
  // Each word must match: itself, or one of its corrections. Stop words are left out.
  const matching = words.flatMap((word) => (word.tsquery ? [[word.tsquery, ...word.corrections]] : []));
  for (const alternatives of matching) {
    conditions.push(
      sql`s.document @@ to_tsquery('simple', ${alternatives.map((q) => `(${q})`).join(' | ')})`,
    );
  }
  if (point) conditions.push(sql`cand.distance_km <= ${point.radiusKm}::float8`);

  // Words as typed count twice as much as corrections.
  const exact = words.flatMap((word) => (word.tsquery ? [`(${word.tsquery})`] : []));
  const any = matching.flat().map((q) => `(${q})`);
  const relevance = any.length
    ? sql`${exact.length ? sql`2 * ts_rank(s.document, to_tsquery('simple', ${exact.join(' | ')})) + ` : sql``}
        ts_rank(s.document, to_tsquery('simple', ${any.join(' | ')}))`
    : sql`0`;

  const wantedTopics = filter.topicKeys.length
    ? sql`wanted_topics(key) as (
        select key from topics where key in (${sql.join(filter.topicKeys)})
        union select t.key from topics t join wanted_topics w on t.parent_key = w.key
      ),`
    : sql``;
  const langCondition = filter.lang ? sql`${filter.lang}::text = any(l.languages)` : sql`true`;
  const candidates = point
    ? nearCandidates(point, langCondition)
    : filter.lang
      ? sql`select distinct on (l.center_id) l.center_id, l.id as location_id, null::float8 as distance_km
          from center_locations l where ${langCondition}
          order by l.center_id, l.is_main desc, l.id`
      : sql`select l.center_id, l.id as location_id, null::float8 as distance_km
          from center_locations l where l.is_main`;
  const order = sql`distance_km nulls last, relevance desc, name, id`;

  return sql<SearchRow>`
    with recursive ${wantedTopics}
    cand as (${candidates}),
    page as (
      select c.id, c.name, cand.location_id, cand.distance_km, ${relevance} as relevance,
        count(*) over () as total
      from centers c
      join cand on cand.center_id = c.id
      ${matching.length ? sql`join center_search s on s.center_id = c.id` : sql``}
      where ${sql.join(conditions, sql` and `)}
      order by ${order}
      limit ${filter.limit} offset ${filter.offset}
    )
    select p.id as center_id, p.name, c.organisation,
      c.offers_online_chat, c.offers_video, c.offers_onsite, c.offers_anonymous,
      l.id as location_id, l.name as location_name, l.is_main, l.street, l.postal_code, l.city,
      l.latitude, l.longitude, l.phone,
      round(p.distance_km::numeric, 1)::float8 as distance_km, p.total,
      array(select ct.topic_key from center_topics ct where ct.center_id = c.id order by ct.topic_key) as topic_keys,
      (select coalesce(json_agg(json_build_object('start', oh.start_time, 'end', oh.end_time) order by oh.start_time), '[]')
        from opening_hours oh
        where oh.location_id = l.id
          and oh.weekday = extract(isodow from ${filter.now}::timestamptz at time zone c.timezone)) as hours_today,
      to_char(${filter.now}::timestamptz at time zone c.timezone, 'HH24:MI') as local_time
    from page p
    join centers c on c.id = p.id
    join center_locations l on l.id = p.location_id
    order by p.distance_km nulls last, p.relevance desc, p.name, p.id`;
}

/**
 * Each center's nearest location inside a bounding box around the point (served by the
 * (latitude, longitude) index), with its great-circle (haversine) distance in km.
 */
function nearCandidates(point: NonNullable<SearchFilter['point']>, langCondition: RawBuilder<unknown>) {
  const dLat = (point.radiusKm / 111.2) * 1.01;
  const dLon = (point.radiusKm / (111.32 * Math.max(0.01, Math.cos((point.lat * Math.PI) / 180)))) * 1.01;
  const lat = sql`${point.lat}::float8`;
  const lon = sql`${point.lon}::float8`;
  const distance = sql`2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1, sqrt(
      power(sin(radians(l.latitude - ${lat}) / 2), 2)
      + cos(radians(${lat})) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${lon}) / 2), 2))))`;
  return sql`select distinct on (l.center_id) l.center_id, l.id as location_id, ${distance} as distance_km
    from center_locations l
    where l.latitude between ${point.lat - dLat}::float8 and ${point.lat + dLat}::float8
      and l.longitude between ${point.lon - dLon}::float8 and ${point.lon + dLon}::float8
      and ${langCondition}
    order by l.center_id, distance_km`;
}
