import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  importFileJsonSchema,
  rruleProblem,
  toJsonPath,
  validateImportFile,
  type ImportFileInput,
  type ImportIssue,
} from './import-format';

type CenterInput = ImportFileInput['centers'][number];

function center(overrides: Partial<CenterInput> = {}): CenterInput {
  return {
    externalId: 'c1',
    organisation: 'Verein für Sozialberatung e.V.',
    name: 'Suchtberatung am Markt',
    flags: { onlineChat: true },
    holidays: { state: 'NW' },
    topics: ['suchtberatung', 'alkohol'],
    locations: [
      {
        externalId: 'loc-1',
        isMain: true,
        street: 'Marktstraße 1',
        postalCode: '40210',
        city: 'Düsseldorf',
        latitude: 51.22,
        longitude: 6.79,
        openingHours: { mon: [{ start: '09:00', end: '12:00' }] },
      },
    ],
    rooms: [{ externalId: 'room-1', name: 'Raum 1', location: 'loc-1' }],
    counselors: [
      { externalId: 'cns-1', displayName: 'Anna Becker', email: 'anna@example.org' },
      { externalId: 'cns-2', displayName: 'Ben Weber' },
    ],
    availability: [{ counselor: 'cns-1', hours: { mon: [{ start: '09:00', end: '12:00' }] } }],
    services: [
      {
        externalId: 'svc-1',
        name: 'Erstgespräch',
        mode: 'on_site',
        durationMinutes: 50,
        needsRoom: true,
        counselors: ['cns-1'],
      },
    ],
    ...overrides,
  };
}

function file(...centers: CenterInput[]): ImportFileInput {
  return { format: 'beratung-centers', version: 1, centers: centers.length > 0 ? centers : [center()] };
}

function errorsOf(input: unknown): ImportIssue[] {
  const result = validateImportFile(input);
  if (result.success) throw new Error('expected the file to be rejected');
  return result.errors;
}

function expectError(input: unknown, path: string, message: RegExp): void {
  expect(errorsOf(input)).toContainEqual({ path, message: expect.stringMatching(message) });
}

describe('validateImportFile', () => {
  it('accepts a minimal file and fills in the defaults', () => {
    const result = validateImportFile(file());
    expect(result.success).toBe(true);
    if (!result.success) return;
    const parsed = result.data.centers[0]!;
    expect(result.data.topics).toEqual([]);
    expect(parsed.timezone).toBe('Europe/Berlin');
    expect(parsed.flags).toEqual({ onlineChat: true, video: false, onSite: true, anonymous: false });
    expect(parsed.holidays).toEqual({ state: 'NW', observe: true });
    expect(parsed.services[0]).toMatchObject({
      bufferBeforeMinutes: 0,
      stepMinutes: 15,
      capacity: 1,
      horizonDays: 60,
    });
    expect(parsed.absences).toEqual([]);
  });

  it('checks the format and version before anything else', () => {
    expect(errorsOf([])).toEqual([{ path: '$', message: 'must be a JSON object' }]);
    expect(errorsOf({ ...file(), format: 'other' })).toEqual([
      { path: '$.format', message: 'must be "beratung-centers"' },
    ]);
    expect(errorsOf({ ...file(), version: 2, centers: 'whatever' })).toEqual([
      { path: '$.version', message: 'unsupported version 2: this server reads version 1' },
    ]);
  });

  it('reports unknown fields by their path', () => {
    const input = file(center({ locations: [{ ...center().locations[0]!, postalcode: '40210' } as never] }));
    expectError(input, '$.centers[0].locations[0].postalcode', /unknown field/);
  });

  it('checks postal codes, coordinates, emails, URLs, phone numbers and time zones', () => {
    const location = center().locations[0]!;
    const input = file(
      center({
        timezone: 'Europe/Düsseldorf',
        website: 'ftp://example.org',
        locations: [
          { ...location, postalCode: '4021', latitude: 91, longitude: -181, email: 'nope', phone: 'call me' },
        ],
      }),
    );
    const errors = errorsOf(input).map((error) => error.path);
    expect(errors).toEqual(
      expect.arrayContaining([
        '$.centers[0].timezone',
        '$.centers[0].website',
        '$.centers[0].locations[0].postalCode',
        '$.centers[0].locations[0].latitude',
        '$.centers[0].locations[0].longitude',
        '$.centers[0].locations[0].email',
        '$.centers[0].locations[0].phone',
      ]),
    );
  });

  describe('weekly hours', () => {
    const withHours = (openingHours: NonNullable<CenterInput['locations'][number]['openingHours']>) =>
      file(center({ locations: [{ ...center().locations[0]!, openingHours }] }));

    it('rejects an end before the start and malformed times', () => {
      expectError(
        withHours({ tue: [{ start: '14:00', end: '13:00' }] }),
        '$.centers[0].locations[0].openingHours.tue[0].end',
        /after start 14:00/,
      );
      expectError(
        withHours({ tue: [{ start: '9:00', end: '13:00' }] }),
        '$.centers[0].locations[0].openingHours.tue[0].start',
        /HH:mm/,
      );
      expectError(
        withHours({ tue: [{ start: '24:00', end: '24:00' }] }),
        '$.centers[0].locations[0].openingHours.tue[0].end',
        /after start/,
      );
    });

    it('rejects overlapping intervals of one day, whatever their order', () => {
      const hours = {
        thu: [
          { start: '13:00', end: '17:00' },
          { start: '08:00', end: '13:30' },
        ],
      };
      expectError(withHours(hours), '$.centers[0].locations[0].openingHours.thu[0]', /overlaps 08:00–13:30/);
    });

    it('accepts touching intervals and an end of 24:00', () => {
      const hours = {
        fri: [
          { start: '08:00', end: '12:00' },
          { start: '12:00', end: '24:00' },
        ],
        sat: [],
      };
      expect(validateImportFile(withHours(hours)).success).toBe(true);
    });

    it('checks counselor availability the same way', () => {
      const input = file(
        center({
          availability: [
            {
              counselor: 'cns-1',
              hours: {
                mon: [
                  { start: '09:00', end: '12:00' },
                  { start: '10:00', end: '11:00' },
                ],
              },
            },
          ],
        }),
      );
      expectError(input, '$.centers[0].availability[0].hours.mon[1]', /overlaps/);
    });
  });

  describe('references inside a center', () => {
    it('rejects a service that names an unknown counselor or location', () => {
      const input = file(
        center({
          services: [
            {
              externalId: 'svc-1',
              name: 'S',
              mode: 'phone',
              durationMinutes: 30,
              counselors: ['cns-1', 'cns-9'],
              location: 'loc-9',
            },
          ],
        }),
      );
      expectError(input, '$.centers[0].services[0].counselors[1]', /no counselor with externalId "cns-9"/);
      expectError(input, '$.centers[0].services[0].location', /no location with externalId "loc-9"/);
    });

    it('resolves references within their own center only', () => {
      const other = center({
        externalId: 'c2',
        counselors: [{ externalId: 'cns-x', displayName: 'X' }],
        availability: [],
        services: [],
      });
      const input = file(
        center({
          services: [
            { externalId: 'svc-1', name: 'S', mode: 'phone', durationMinutes: 30, counselors: ['cns-x'] },
          ],
        }),
        other,
      );
      expectError(input, '$.centers[0].services[0].counselors[0]', /no counselor/);
    });

    it('rejects dangling references of rooms, availability, absences and series', () => {
      const input = file(
        center({
          rooms: [{ externalId: 'room-1', name: 'R', location: 'loc-2' }],
          availability: [{ counselor: 'cns-7', hours: {} }],
          absences: [
            {
              externalId: 'a1',
              room: 'room-5',
              startsAt: '2027-01-01T09:00:00+01:00',
              endsAt: '2027-01-01T10:00:00+01:00',
            },
          ],
          absenceSeries: [
            {
              externalId: 's1',
              counselor: 'cns-5',
              rrule: 'FREQ=WEEKLY;BYDAY=TU',
              startDate: '2027-01-01',
              wholeDay: true,
            },
          ],
        }),
      );
      expectError(input, '$.centers[0].rooms[0].location', /no location/);
      expectError(input, '$.centers[0].availability[0].counselor', /no counselor/);
      expectError(input, '$.centers[0].absences[0].room', /no room/);
      expectError(input, '$.centers[0].absenceSeries[0].counselor', /no counselor/);
    });

    it('rejects duplicate external ids and a second availability entry for one counselor', () => {
      const input = file(
        center({
          counselors: [
            { externalId: 'cns-1', displayName: 'A' },
            { externalId: 'cns-1', displayName: 'B' },
          ],
          availability: [
            { counselor: 'cns-1', hours: {} },
            { counselor: 'cns-1', hours: {} },
          ],
        }),
        center(),
      );
      expectError(input, '$.centers[0].counselors[1].externalId', /duplicate externalId "cns-1"/);
      expectError(input, '$.centers[0].availability[1].counselor', /already has an entry/);
      expectError(input, '$.centers[1].externalId', /duplicate center externalId "c1"/);
    });

    it('needs a room for a service that needs one', () => {
      expectError(file(center({ rooms: [] })), '$.centers[0].services[0].needsRoom', /no rooms/);
    });
  });

  it('needs exactly one main location', () => {
    const location = center().locations[0]!;
    expectError(
      file(center({ locations: [{ ...location, isMain: false }] })),
      '$.centers[0].locations',
      /exactly one.*found 0/,
    );
    const two = [location, { ...location, externalId: 'loc-2' }];
    expectError(file(center({ locations: two })), '$.centers[0].locations', /found 2/);
  });

  it('needs the Bundesland when public holidays are observed', () => {
    expectError(file(center({ holidays: {} })), '$.centers[0].holidays.state', /required when observe/);
    expect(validateImportFile(file(center({ holidays: { observe: false } }))).success).toBe(true);
  });

  it('checks service areas against the center topics and for overlaps', () => {
    const input = file(
      center({
        serviceAreas: [
          { topic: 'alkohol', postalCodes: ['40210', '40200-40299', '40400-40300', '4021x'] },
          { topic: 'schuldnerberatung', postalCodes: ['40210'] },
        ],
      }),
    );
    expectError(input, '$.centers[0].serviceAreas[0].postalCodes[0]', /40210 overlaps 40200-40299/);
    expectError(input, '$.centers[0].serviceAreas[0].postalCodes[2]', /ends before it starts/);
    expectError(input, '$.centers[0].serviceAreas[0].postalCodes[3]', /postal code/);
    expectError(input, '$.centers[0].serviceAreas[1].topic', /not one of the center's topics/);
  });

  it('checks services against the center topics', () => {
    const input = file(center({ services: [{ ...center().services![0]!, topic: 'wohnungsnotfallhilfe' }] }));
    expectError(input, '$.centers[0].services[0].topic', /not one of the center's topics/);
  });

  it('checks absences and absence series', () => {
    const input = file(
      center({
        absences: [
          { externalId: 'a1', startsAt: '2027-01-01T10:00:00+01:00', endsAt: '2027-01-01T09:00:00Z' },
          {
            externalId: 'a2',
            counselor: 'cns-1',
            room: 'room-1',
            startsAt: '2027-01-01T10:00:00Z',
            endsAt: '2027-01-01T11:00:00Z',
          },
          { externalId: 'a3', startsAt: '2027-01-01 10:00', endsAt: '2027-01-01T11:00:00' },
        ],
        absenceSeries: [
          {
            externalId: 's1',
            rrule: 'FREQ=WEEKLY;BYDAY=TU',
            startDate: '2027-01-01',
            wholeDay: true,
            start: '12:00',
            end: '13:00',
          },
          { externalId: 's2', rrule: 'FREQ=WEEKLY;BYDAY=TU', startDate: '2027-01-01' },
          {
            externalId: 's3',
            rrule: 'FREQ=WEEKLY',
            startDate: '2027-03-01',
            endDate: '2027-02-01',
            start: '13:00',
            end: '12:00',
          },
        ],
      }),
    );
    expectError(input, '$.centers[0].absences[0].endsAt', /after startsAt/);
    expectError(input, '$.centers[0].absences[1]', /not both/);
    expectError(input, '$.centers[0].absences[2].startsAt', /ISO 8601/);
    expectError(input, '$.centers[0].absences[2].endsAt', /offset/);
    expectError(input, '$.centers[0].absenceSeries[0]', /whole-day series has no start/);
    expectError(input, '$.centers[0].absenceSeries[1]', /start and end times, or wholeDay/);
    expectError(input, '$.centers[0].absenceSeries[2].endDate', /not be before startDate/);
    expectError(input, '$.centers[0].absenceSeries[2].end', /after start 13:00/);
  });

  it('checks the topics of the file: duplicates, cycles, and one fallback center', () => {
    const input: ImportFileInput = {
      ...file(center({ fallback: true }), center({ externalId: 'c2', fallback: true })),
      topics: [
        { key: 'a', parent: 'b', labelDe: 'A', labelEn: 'A' },
        { key: 'b', parent: 'a', labelDe: 'B', labelEn: 'B' },
        { key: 'c', parent: 'c', labelDe: 'C', labelEn: 'C' },
        { key: 'c', labelDe: 'C', labelEn: 'C' },
        { key: 'Bad Key', labelDe: 'X', labelEn: 'X' },
      ],
    };
    expectError(input, '$.topics[0].parent', /cycle/);
    expectError(input, '$.topics[2].parent', /own parent/);
    expectError(input, '$.topics[3].key', /duplicate topic/);
    expectError(input, '$.topics[4].key', /topic key/);
    expectError(input, '$.centers[1].fallback', /only one center/);
  });
});

describe('rruleProblem', () => {
  it.each([
    'FREQ=WEEKLY;BYDAY=TU',
    'FREQ=MONTHLY;BYDAY=1WE',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24',
    'FREQ=DAILY;COUNT=5',
    'FREQ=WEEKLY;UNTIL=20270331T000000Z;WKST=MO',
  ])('accepts %s', (rule) => expect(rruleProblem(rule)).toBeNull());

  it.each([
    ['RRULE:FREQ=WEEKLY', /prefix/],
    ['BYDAY=TU', /FREQ is required/],
    ['FREQ=HOURLY', /not valid/],
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY=XX/],
    ['FREQ=WEEKLY;BYHOUR=9', /not supported/],
    ['FREQ=WEEKLY;FREQ=DAILY', /twice/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20270101', /exclude each other/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /not valid/],
    ['FREQ=WEEKLY;', /NAME=VALUE/],
  ])('rejects %s', (rule, message) => expect(rruleProblem(rule)).toMatch(message));
});

describe('toJsonPath', () => {
  it('writes indexes in brackets and odd keys quoted', () => {
    expect(toJsonPath(['centers', 3, 'locations', 0, 'postalCode'])).toBe(
      '$.centers[3].locations[0].postalCode',
    );
    expect(toJsonPath([])).toBe('$');
    expect(toJsonPath(['a b'])).toBe('$["a b"]');
  });
});

describe('importFileJsonSchema', () => {
  it('describes what a producer may write, strictly', () => {
    const schema = importFileJsonSchema() as {
      $schema: string;
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, unknown>;
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'version', 'centers']));
    expect(schema.required).not.toContain('topics');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.version).toMatchObject({ const: 1 });
  });

  it('is the one committed in docs/ (regenerate: npm run export -- --json-schema docs/import-format.schema.json)', () => {
    const committed = JSON.parse(
      fs.readFileSync(new URL('../../../docs/import-format.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(importFileJsonSchema());
  });
});
