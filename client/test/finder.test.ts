import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDistance,
  formatIntervals,
  languageName,
  phoneHref,
  safeWebsite,
  websiteLabel,
  weekdayIn,
} from '../src/pages/finder/format';
import {
  EMPTY_QUERY,
  hasSearch,
  placeSuggestions,
  queryFromSearch,
  queryToPath,
  toApiQuery,
  widerRadius,
} from '../src/pages/finder/query';
import { TOPIC_KEYS } from '../src/pages/finder/topics';
import { splitPath } from '../src/common/router';
import { de } from '../src/i18n/de';

const fromPath = (path: string) => queryFromSearch(splitPath(path).search);

describe('finder query <-> URL', () => {
  it('round-trips a full search through the hash path', () => {
    const query = {
      topic: 'alkohol',
      near: 'Düsseldorf',
      radiusKm: 50,
      q: 'Glücksspiel',
      online: true,
      page: 3,
    };
    const path = queryToPath(query);
    expect(path).toBe(
      '/finder?topic=alkohol&near=D%C3%BCsseldorf&radiusKm=50&q=Gl%C3%BCcksspiel&online=true&page=3',
    );
    expect(fromPath(path)).toEqual(query);
  });

  it('leaves out empty fields and page 1, but always names the radius', () => {
    expect(queryToPath(EMPTY_QUERY)).toBe('/finder?radiusKm=25');
    expect(queryToPath({ ...EMPTY_QUERY, near: '  40227 ', q: '   ' })).toBe(
      '/finder?near=40227&radiusKm=25',
    );
    expect(hasSearch(splitPath('/finder').search)).toBe(false);
    expect(hasSearch(splitPath(queryToPath(EMPTY_QUERY)).search)).toBe(true);
  });

  it('falls back to defaults for unknown or malformed values', () => {
    expect(fromPath('/finder?topic=astrologie&radiusKm=7&page=-2&online=yes')).toEqual(EMPTY_QUERY);
    expect(fromPath('/finder?page=2.5').page).toBe(1);
    expect(fromPath('/finder?near=' + 'x'.repeat(150)).near).toHaveLength(100);
  });

  it('maps to the API query', () => {
    expect(toApiQuery({ ...EMPTY_QUERY, topic: 'drogen', near: 'Köln', page: 2 })).toEqual({
      topic: ['drogen'],
      near: 'Köln',
      radiusKm: 25,
      q: undefined,
      online: undefined,
      page: 2,
      pageSize: 10,
    });
    expect(toApiQuery({ ...EMPTY_QUERY, online: true })).toMatchObject({ topic: undefined, online: true });
  });

  it('offers the next larger radius', () => {
    expect(widerRadius(10)).toBe(25);
    expect(widerRadius(50)).toBe(100);
    expect(widerRadius(100)).toBeUndefined();
  });

  it('reads suggestions of an UNKNOWN_PLACE error defensively', () => {
    expect(placeSuggestions({ suggestions: ['Düsseldorf', 3, '', 'Dieseldorf'] })).toEqual([
      'Düsseldorf',
      'Dieseldorf',
    ]);
    expect(placeSuggestions({ suggestions: 'Düsseldorf' })).toEqual([]);
    expect(placeSuggestions(undefined)).toEqual([]);
  });
});

describe('finder formatting', () => {
  it('formats distances with the locale decimal separator', () => {
    expect(formatDistance(3.2, 'de')).toBe('3,2\u00a0km');
    expect(formatDistance(3.2, 'en')).toBe('3.2\u00a0km');
    expect(formatDistance(0, 'de')).toBe('0,1\u00a0km');
    expect(formatDistance(12.46, 'de')).toBe('12\u00a0km');
    expect(formatDistance(1234.5, 'de')).toBe('1.235\u00a0km');
  });

  it('formats opening hours of a day', () => {
    expect(formatIntervals([{ start: '08:00', end: '12:00' }], 'de')).toBe('08:00–12:00\u00a0Uhr');
    expect(
      formatIntervals(
        [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '14:00' },
        ],
        'de',
      ),
    ).toBe('08:00–12:00 und 13:00–14:00\u00a0Uhr');
    expect(
      formatIntervals(
        [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '24:00' },
        ],
        'en',
      ),
    ).toBe('08:00–12:00 and 13:00–24:00');
    expect(formatIntervals([], 'de')).toBe('');
  });

  it('finds the weekday in the center time zone', () => {
    // Sunday 23:30 UTC is already Monday in Berlin.
    const date = new Date('2026-03-01T23:30:00Z');
    expect(weekdayIn('UTC', date)).toBe('sun');
    expect(weekdayIn('Europe/Berlin', date)).toBe('mon');
    expect(weekdayIn('Not/AZone', new Date('2026-03-04T12:00:00Z'))).toBe('wed');
  });

  it('builds contact links and labels', () => {
    expect(phoneHref('+49 221 471-0000')).toBe('tel:+492214710000');
    expect(phoneHref('0211 / 89 93')).toBe('tel:02118993');
    expect(websiteLabel('https://www.caritas-kleve.de/suchtberatung/')).toBe(
      'caritas-kleve.de/suchtberatung',
    );
    expect(websiteLabel('https://example.org')).toBe('example.org');
    expect(safeWebsite('javascript:alert(1)')).toBeUndefined();
    expect(safeWebsite('https://example.org/a')).toBe('https://example.org/a');
    expect(safeWebsite(null)).toBeUndefined();
  });

  it('formats dates and language names for the reader', () => {
    expect(formatDate('2025-10-04T00:00:00+02:00', 'de')).toMatch(/^0?[34]\.10\.2025$/);
    expect(languageName('tr', 'de')).toBe('Türkisch');
    expect(languageName('tr', 'en')).toBe('Turkish');
    expect(languageName('zz', 'de')).toBe('zz');
  });
});

describe('finder topics', () => {
  it('has a label for every topic key of the taxonomy', () => {
    expect(TOPIC_KEYS).toHaveLength(19);
    for (const key of TOPIC_KEYS) expect(de).toHaveProperty([`topic.${key}`]);
  });
});
