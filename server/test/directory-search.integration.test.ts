import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '@beratung/shared';
import type { ImportFileInput } from '@beratung/shared/schemas/import-format';
import { importCenters } from '../src/importexport/import.service';
import type { CenterDetail, CenterSearchResult } from '../src/directory/directory.schema';
import { startTestServer, type TestServer } from './support/app';

type CenterInput = ImportFileInput['centers'][number];
const allWeek = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ start: '08:00', end: '20:00' }]]),
);

function center(
  externalId: string,
  name: string,
  topics: string[],
  locations: Array<{ city: string; postalCode: string; lat: number; lon: number; languages?: string[] }>,
  extra: Partial<CenterInput> = {},
): CenterInput {
  return {
    externalId,
    organisation: 'Verein für Sozialberatung e.V.',
    name,
    flags: {},
    holidays: { state: 'NW' },
    topics,
    locations: locations.map((location, i) => ({
      externalId: `loc-${i}`,
      isMain: i === 0,
      street: `Hauptstraße ${i + 1}`,
      postalCode: location.postalCode,
      city: location.city,
      latitude: location.lat,
      longitude: location.lon,
      languages: location.languages ?? ['de'],
      openingHours: allWeek,
    })),
    ...extra,
  };
}

const file: ImportFileInput = {
  format: 'beratung-centers',
  version: 1,
  centers: [
    center(
      'rheinufer',
      'Suchtberatung Rheinufer',
      ['suchtberatung', 'alkohol'],
      [{ city: 'Düsseldorf', postalCode: '40210', lat: 51.2203, lon: 6.7923, languages: ['de', 'en'] }],
      {
        flags: { onlineChat: true },
        counselors: [{ externalId: 'c1', displayName: 'Anna Becker' }],
        services: [
          {
            externalId: 'first',
            name: 'Erstgespräch',
            mode: 'on_site',
            durationMinutes: 50,
            counselors: ['c1'],
          },
        ],
        announcements: [
          { externalId: 'now', text: 'Offene Sprechstunde jeden Mittwoch' },
          { externalId: 'old', text: 'Betriebsferien im Sommer', endsAt: '2020-08-31T00:00:00+02:00' },
          { externalId: 'later', text: 'Umzug in neue Räume', startsAt: '2099-01-01T00:00:00+01:00' },
        ],
      },
    ),
    center(
      'neuss',
      'Schuldnerberatung Neuss',
      ['schuldnerberatung', 'insolvenz'],
      [{ city: 'Neuss', postalCode: '41460', lat: 51.1981, lon: 6.6916 }],
      { description: 'Wir helfen bei Schulden und Verbraucherinsolvenz.' },
    ),
    center(
      'koeln',
      'Drogenhilfe Köln',
      ['drogen'],
      [{ city: 'Köln', postalCode: '50667', lat: 50.9375, lon: 6.9603 }],
      { flags: { video: true } },
    ),
    center(
      'emmerich',
      'Wohnungsnotfallhilfe Niederrhein',
      ['wohnungsnotfallhilfe', 'mietschulden'],
      [
        {
          city: 'Emmerich am Rhein',
          postalCode: '46446',
          lat: 51.8393,
          lon: 6.2479,
          languages: ['de', 'tr'],
        },
      ],
    ),
    center(
      'essen',
      'Fachstelle Glücksspielsucht',
      ['suchtberatung', 'gluecksspiel'],
      [
        { city: 'Essen', postalCode: '45127', lat: 51.4556, lon: 7.0116 },
        { city: 'Ratingen', postalCode: '40878', lat: 51.2973, lon: 6.8493 },
      ],
    ),
    center(
      'berlin',
      'Caritas Sucht- und Drogenberatung',
      ['suchtberatung', 'drogen'],
      [{ city: 'Berlin', postalCode: '10115', lat: 52.5323, lon: 13.3846 }],
    ),
  ],
};

/** Great-circle distance in km, the reference for the SQL haversine. */
function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe(`directory search on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let server: TestServer;
  let baseUrl: string;
  let api: ApiClient;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    server = await startTestServer();
    baseUrl = server.url;
    api = new ApiClient({ baseUrl });
    const result = await importCenters(server.db, file, null);
    for (const row of result.centers) ids.set(row.externalId, row.id);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  const search = (query: Record<string, string | number | boolean | string[]>) =>
    api.get<CenterSearchResult>('/api/centers', query);
  const names = (result: CenterSearchResult) => result.items.map((item) => item.name);
  const idOf = (externalId: string) => ids.get(externalId)!;

  it('ranks by distance from a place name, with the distance in km', async () => {
    const result = await search({ near: 'Düsseldorf' });
    expect(result.near).toMatchObject({ label: 'Düsseldorf', kind: 'place', radiusKm: 25 });
    expect(names(result)).toEqual([
      'Suchtberatung Rheinufer',
      'Schuldnerberatung Neuss',
      'Fachstelle Glücksspielsucht',
    ]);
    const origin = { lat: result.near!.latitude, lon: result.near!.longitude };
    for (const item of result.items) {
      const expected = km(origin, { lat: item.location.latitude, lon: item.location.longitude });
      expect(item.distanceKm).toBeCloseTo(expected, 0);
    }
    // The Essen center is found through its branch in Ratingen: the card shows that location.
    expect(result.items[2]!.location).toMatchObject({ city: 'Ratingen', isMain: false });
    const wider = await search({ near: 'duesseldorf', radiusKm: 50 });
    expect(names(wider)).toContain('Drogenhilfe Köln');
    expect(wider.items.map((item) => item.distanceKm)).toEqual(
      [...wider.items.map((item) => item.distanceKm)].sort((a, b) => a! - b!),
    );
  });

  it('resolves postal codes and qualified place names', async () => {
    const byCode = await search({ near: '40227' });
    expect(byCode.near).toMatchObject({ label: '40227 Düsseldorf', kind: 'postal_code' });
    expect(names(byCode)[0]).toBe('Suchtberatung Rheinufer');
    const emmerich = await search({ near: 'Emmerich am Rhein', radiusKm: 10 });
    expect(names(emmerich)).toEqual(['Wohnungsnotfallhilfe Niederrhein']);
    expect(emmerich.items[0]!.distanceKm).toBeLessThan(1);
  });

  it('filters by topic: a main area matches its sub-offers', async () => {
    const sucht = await search({ topic: 'suchtberatung' });
    expect(new Set(names(sucht))).toEqual(
      new Set([
        'Suchtberatung Rheinufer',
        'Drogenhilfe Köln',
        'Fachstelle Glücksspielsucht',
        'Caritas Sucht- und Drogenberatung',
      ]),
    );
    expect(names(await search({ topic: 'alkohol' }))).toEqual(['Suchtberatung Rheinufer']);
    const two = await search({ topic: ['alkohol', 'insolvenz'] });
    expect(new Set(names(two))).toEqual(new Set(['Suchtberatung Rheinufer', 'Schuldnerberatung Neuss']));
  });

  it('finds by German word stems: "Schulden" finds the Schuldnerberatung', async () => {
    expect(names(await search({ q: 'Schulden' }))).toContain('Schuldnerberatung Neuss');
    const sucht = names(await search({ q: 'Sucht' }));
    expect(sucht).toEqual(expect.arrayContaining(['Suchtberatung Rheinufer', 'Drogenhilfe Köln']));
    expect(sucht).not.toContain('Schuldnerberatung Neuss');
    expect(names(await search({ q: 'Beratung bei Glücksspiel' }))).toEqual(['Fachstelle Glücksspielsucht']);
    // Stop words ("einer") do not filter; "Insolvenz" also finds "Verbraucherinsolvenz".
    expect(names(await search({ q: 'einer Insolvenz' }))).toEqual(['Schuldnerberatung Neuss']);
  });

  it('tolerates typos in free text', async () => {
    expect(names(await search({ q: 'Suchtbertung' }))).toContain('Suchtberatung Rheinufer');
    expect(names(await search({ q: 'Düseldorf' }))).toEqual(['Suchtberatung Rheinufer']);
    expect(names(await search({ q: 'Schuldnerbratung' }))).toContain('Schuldnerberatung Neuss');
    expect(names(await search({ q: 'Alkohl Düsseldorf' }))).toEqual(['Suchtberatung Rheinufer']);
  });

  it('combines filters', async () => {
    const online = await search({ online: true, topic: 'suchtberatung' });
    expect(new Set(names(online))).toEqual(new Set(['Suchtberatung Rheinufer', 'Drogenhilfe Köln']));
    expect(online.items.every((item) => item.online)).toBe(true);
    expect(names(await search({ online: true, topic: 'suchtberatung', near: 'Köln' }))).toEqual([
      'Drogenhilfe Köln',
    ]);
    expect(names(await search({ lang: 'tr' }))).toEqual(['Wohnungsnotfallhilfe Niederrhein']);
    expect(names(await search({ lang: 'en', near: 'Neuss' }))).toEqual(['Suchtberatung Rheinufer']);
    expect(names(await search({ q: 'Sucht', near: 'Düsseldorf', topic: 'gluecksspiel' }))).toEqual([
      'Fachstelle Glücksspielsucht',
    ]);
  });

  it('returns what a result card needs', async () => {
    const [card] = (await search({ q: 'Rheinufer' })).items;
    expect(card).toMatchObject({
      id: idOf('rheinufer'),
      name: 'Suchtberatung Rheinufer',
      organisation: 'Verein für Sozialberatung e.V.',
      distanceKm: null,
      online: true,
      openingHoursToday: [{ start: '08:00', end: '20:00' }],
      location: { street: 'Hauptstraße 1', postalCode: '40210', city: 'Düsseldorf', isMain: true },
      flags: { onlineChat: true, video: false, onSite: true, anonymous: false },
    });
    expect(card!.topics.map((topic) => topic.key)).toEqual(['suchtberatung', 'alkohol']);
    expect(typeof card!.openNow).toBe('boolean');
  });

  it('pages through results', async () => {
    const first = await search({ pageSize: 4 });
    const second = await search({ pageSize: 4, page: 2 });
    expect(first.total).toBe(6);
    expect(first.items).toHaveLength(4);
    expect(second.items).toHaveLength(2);
    expect(new Set([...names(first), ...names(second)]).size).toBe(6);
    const beyond = await search({ pageSize: 4, page: 3 });
    expect(beyond).toMatchObject({ items: [], total: 6, page: 3 });
  });

  it('shows the public detail with current announcements only', async () => {
    const detail = await api.get<CenterDetail>(`/api/centers/${idOf('rheinufer')}`);
    expect(detail.announcements.map((a) => a.text)).toEqual(['Offene Sprechstunde jeden Mittwoch']);
    expect(detail.services).toEqual([expect.objectContaining({ name: 'Erstgespräch', durationMinutes: 50 })]);
    expect(detail.topics.map((topic) => topic.key)).toEqual(['suchtberatung', 'alkohol']);
    expect(detail.locations[0]!.openingHours.mon).toEqual([{ start: '08:00', end: '20:00' }]);
    const essen = await api.get<CenterDetail>(`/api/centers/${idOf('essen')}`);
    expect(essen.locations.map((location) => [location.city, location.isMain])).toEqual([
      ['Essen', true],
      ['Ratingen', false],
    ]);
    await expect(api.get(`/api/centers/00000000-0000-4000-8000-000000000000`)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers an unknown place with 422 and suggestions', async () => {
    const response = await fetch(`${baseUrl}/api/centers?near=D%C3%BCseldorf`);
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error: { code: string; message: string; suggestions: string[] };
    };
    expect(body.error.code).toBe('UNKNOWN_PLACE');
    expect(body.error.message).toContain('Düseldorf');
    expect(body.error.suggestions[0]).toBe('Düsseldorf');
  });

  it('rejects a bad query with 400 and paths', async () => {
    const error = await search({ pageSize: 101, topic: 'no-such-topic' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).details?.map((d) => d.path)).toContain('$.pageSize');
    const unknownTopic = await search({ topic: 'no-such-topic' }).catch((e: unknown) => e);
    expect((unknownTopic as ApiError).details).toEqual([{ path: '$.topic[0]', message: expect.any(String) }]);
  });

  it('sees changes at once', async () => {
    await server.db
      .updateTable('centers')
      .set({ name: 'Suchtberatung am Rheinufer Nord' })
      .where('id', '=', idOf('rheinufer'))
      .execute();
    expect(names(await search({ q: 'Nord' }))).toEqual(['Suchtberatung am Rheinufer Nord']);
    await server.db
      .deleteFrom('center_topics')
      .where('center_id', '=', idOf('koeln'))
      .where('topic_key', '=', 'drogen')
      .execute();
    await server.db
      .insertInto('center_topics')
      .values({ center_id: idOf('koeln'), topic_key: 'tabak' })
      .execute();
    expect(names(await search({ q: 'Tabak' }))).toEqual(['Drogenhilfe Köln']);
  });
});
