import { beforeAll, describe, expect, it } from 'vitest';
import { Geocoder, loadGeocoder } from './geocoder';
import { normalizePlaceName } from './normalize';
import { placeBase } from './places-file';

describe('normalizePlaceName', () => {
  it('ignores case, umlaut spelling and punctuation', () => {
    expect(normalizePlaceName('Düsseldorf')).toBe('duesseldorf');
    expect(normalizePlaceName('DUESSELDORF')).toBe('duesseldorf');
    expect(normalizePlaceName('Frankfurt (Oder)')).toBe(normalizePlaceName('Frankfurt/Oder'));
    expect(normalizePlaceName('Straßburg')).toBe('strassburg');
    expect(normalizePlaceName('St. Augustin')).toBe('sankt augustin');
  });

  it('finds the base of qualified names', () => {
    expect(placeBase('Frankfurt am Main')).toBe('frankfurt');
    expect(placeBase('Halle (Saale)')).toBe('halle');
    expect(placeBase('Emmerich am Rhein')).toBe('emmerich');
    expect(placeBase('Cottbus - Chóśebuz')).toBe('cottbus');
    expect(placeBase('Berlin')).toBe('berlin');
  });
});

describe('Geocoder (a small file)', () => {
  const geocoder = new Geocoder({
    source: 'test',
    postalCodes: [
      ['40227', 51.2217, 6.7762, 'Düsseldorf', 0],
      ['15230', 52.3471, 14.5506, 'Frankfurt (Oder)', 0],
    ],
    places: [
      ['Düsseldorf', 51.2217, 6.7762, 573057, 38],
      ['Frankfurt am Main', 50.1155, 8.6842, 650000, 42],
      ['Frankfurt (Oder)', 52.3471, 14.5506, 51691, 4],
      ['Halle (Saale)', 51.4816, 11.9795, 234107, 13],
      ['Halle', 52.06, 8.36, 21000, 1],
      ['Kleinstadt', 50, 10, 0, 1],
    ],
  });

  it('resolves postal codes, also inside an address', () => {
    expect(geocoder.resolve('40227')).toEqual({
      lat: 51.2217,
      lon: 6.7762,
      label: '40227 Düsseldorf',
      kind: 'postal_code',
    });
    expect(geocoder.resolve('40227 Düsseldorf')?.kind).toBe('postal_code');
    expect(geocoder.resolve('99999')).toBeUndefined();
  });

  it('resolves place names whatever the spelling', () => {
    for (const name of ['Düsseldorf', 'Duesseldorf', 'düsseldorf', '  DÜSSELDORF ']) {
      expect(geocoder.resolve(name)).toMatchObject({ label: 'Düsseldorf', kind: 'place' });
    }
  });

  it('prefers the bigger place for an ambiguous name', () => {
    expect(geocoder.resolve('Frankfurt')?.label).toBe('Frankfurt am Main');
    expect(geocoder.resolve('Frankfurt (Oder)')?.label).toBe('Frankfurt (Oder)');
    expect(geocoder.resolve('frankfurt/oder')?.label).toBe('Frankfurt (Oder)');
    expect(geocoder.resolve('Halle')?.label).toBe('Halle (Saale)');
  });

  it('suggests similar names for an unknown one', () => {
    expect(geocoder.resolve('Düseldorf')).toBeUndefined();
    expect(geocoder.suggest('Düseldorf')[0]).toBe('Düsseldorf');
    expect(geocoder.suggest('Frankfurd').slice(0, 2)).toEqual(['Frankfurt am Main', 'Frankfurt (Oder)']);
    expect(geocoder.suggest('xyz')).toEqual([]);
  });
});

describe('Geocoder (the shipped data)', () => {
  let geocoder: Geocoder;
  beforeAll(async () => {
    geocoder = await loadGeocoder();
  });

  it('knows every German postal code and the places of the issue', () => {
    expect(geocoder.size.postalCodes).toBeGreaterThan(8000);
    expect(geocoder.resolve('40227')).toMatchObject({ label: '40227 Düsseldorf' });
    expect(geocoder.resolve('01067')?.label).toBe('01067 Dresden');
    expect(geocoder.resolve('Emmerich am Rhein')).toMatchObject({ lat: expect.closeTo(51.84, 1) });
    expect(geocoder.resolve('Frankfurt')?.label).toBe('Frankfurt am Main');
    expect(geocoder.resolve('Frankfurt (Oder)')).toMatchObject({ lon: expect.closeTo(14.55, 1) });
    expect(geocoder.resolve('München')).toMatchObject({ lat: expect.closeTo(48.14, 1) });
    expect(geocoder.suggest('Düseldorf')).toContain('Düsseldorf');
    expect(geocoder.suggest('Düseldorf')).toHaveLength(5);
  });

  it('loads once', async () => {
    expect(await loadGeocoder()).toBe(geocoder);
  });
});
