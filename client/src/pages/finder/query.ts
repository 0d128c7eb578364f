import type { CenterSearchQuery } from '@beratung/shared';
import { isTopicKey } from './topics';

/** The radii the finder offers, in km. */
export const RADII = [10, 25, 50, 100] as const;
export const DEFAULT_RADIUS = 25;
export const PAGE_SIZE = 10;

/** What the finder form holds and the URL carries (`#/finder?topic=…&near=…`). */
export interface FinderQuery {
  /** A topic key, or '' for all topics. */
  topic: string;
  near: string;
  radiusKm: number;
  q: string;
  online: boolean;
  page: number;
}

export const EMPTY_QUERY: FinderQuery = {
  topic: '',
  near: '',
  radiusKm: DEFAULT_RADIUS,
  q: '',
  online: false,
  page: 1,
};

/**
 * Reads the finder's URL query; unknown or malformed values fall back to the defaults,
 * so a hand-edited link still shows a search.
 */
export function queryFromSearch(search: URLSearchParams): FinderQuery {
  const topic = search.get('topic') ?? '';
  const radius = Number(search.get('radiusKm'));
  const page = Number(search.get('page'));
  return {
    topic: isTopicKey(topic) ? topic : '',
    near: (search.get('near') ?? '').trim().slice(0, 100),
    radiusKm: (RADII as readonly number[]).includes(radius) ? radius : DEFAULT_RADIUS,
    q: (search.get('q') ?? '').trim().slice(0, 200),
    online: search.get('online') === 'true',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/**
 * The hash path of a search. It always names the radius, so even a search without any
 * criterion ("show all") differs from the bare form at `/finder`.
 */
export function queryToPath(query: FinderQuery): string {
  const search = new URLSearchParams();
  if (query.topic) search.set('topic', query.topic);
  if (query.near.trim()) search.set('near', query.near.trim());
  search.set('radiusKm', String(query.radiusKm));
  if (query.q.trim()) search.set('q', query.q.trim());
  if (query.online) search.set('online', 'true');
  if (query.page > 1) search.set('page', String(query.page));
  return `/finder?${search.toString()}`;
}

/** True when the URL holds a search (not just the empty form). */
export function hasSearch(search: URLSearchParams): boolean {
  return [...search.keys()].length > 0;
}

/** The query for `GET /api/centers`. */
export function toApiQuery(query: FinderQuery): CenterSearchQuery {
  return {
    topic: query.topic ? [query.topic] : undefined,
    near: query.near.trim() || undefined,
    radiusKm: query.radiusKm,
    q: query.q.trim() || undefined,
    online: query.online || undefined,
    page: query.page,
    pageSize: PAGE_SIZE,
  };
}

/** The next larger radius the finder offers, or undefined at the largest. */
export function widerRadius(radiusKm: number): number | undefined {
  return RADII.find((radius) => radius > radiusKm);
}

/** The suggestions of a 422 UNKNOWN_PLACE error body (strings only, at most five). */
export function placeSuggestions(extra: Record<string, unknown> | undefined): string[] {
  const value = extra?.suggestions;
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').slice(0, 5);
}
