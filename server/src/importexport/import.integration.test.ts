import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importResultSchema,
  validateImportFile,
  type ImportFile,
  type ImportFileInput,
  type ImportIssue,
  type WeeklyHours,
} from '@beratung/shared/schemas/import-format';
import { createTestDatabase } from '../../test/support/database';
import type { DatabaseHandle, Db } from '../db/database';
import { DEMO_TOPICS, demoDataJson, demoDataPath } from '../demo/generate-demo-data';
import { ImportValidationError } from './errors';
import { exportCenters } from './export.service';
import { IMPORT_KINDS, importCenters, type ImportCounts, type ImportKind } from './import.service';

const DATA_TABLES = [
  'centers',
  'topics',
  'center_topics',
  'service_areas',
  'center_locations',
  'opening_hours',
  'announcements',
  'rooms',
  'counselors',
  'availability',
  'services',
  'service_counselors',
  'absences',
  'absence_series',
] as const;

type Snapshot = Record<string, { rows: number; digest: string | null }>;

/** Row count and a digest of every row's content, per table: any write changes it. */
async function snapshot(
  db: Db,
  tables: readonly string[] = [...DATA_TABLES, 'audit_log'],
): Promise<Snapshot> {
  const result: Snapshot = {};
  for (const table of tables) {
    const { rows } = await sql<{ rows: number; digest: string | null }>`
      select count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as digest
      from ${sql.table(table)} t`.execute(db);
    result[table] = rows[0]!;
  }
  return result;
}

async function rowCount(db: Db, table: string): Promise<number> {
  return (await snapshot(db, [table]))[table]!.rows;
}

function readDemo(): ImportFileInput {
  return JSON.parse(fs.readFileSync(demoDataPath, 'utf8')) as ImportFileInput;
}

function parsed(file: unknown): ImportFile {
  const result = validateImportFile(file);
  if (!result.success) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const counts = (partial: Partial<ImportCounts>): ImportCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  ...partial,
});

/** Expected counts when every entity of `file` is in state `state`. */
function countsOf(file: ImportFile, state: keyof ImportCounts): Record<ImportKind, ImportCounts> {
  const sum = (pick: (center: ImportFile['centers'][number]) => unknown[]) =>
    file.centers.reduce((n, c) => n + pick(c).length, 0);
  const totals: Record<ImportKind, number> = {
    topics: file.topics.length,
    centers: file.centers.length,
    locations: sum((c) => c.locations),
    announcements: sum((c) => c.announcements),
    rooms: sum((c) => c.rooms),
    counselors: sum((c) => c.counselors),
    services: sum((c) => c.services),
    absences: sum((c) => c.absences),
    absenceSeries: sum((c) => c.absenceSeries),
  };
  return Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, counts({ [state]: totals[kind] })])) as Record<
    ImportKind,
    ImportCounts
  >;
}

const intervalCount = (hours: WeeklyHours) =>
  Object.values(hours).reduce((n, day) => n + (day?.length ?? 0), 0);

/** Order and representation do not matter for equality of two files. */
function normalize(file: ImportFile) {
  const byKey = <T extends { externalId: string }>(items: T[]) =>
    [...items].sort((a, b) => a.externalId.localeCompare(b.externalId));
  const instant = (value: string | undefined) =>
    value === undefined ? undefined : new Date(value).toISOString();
  const hours = (weekly: WeeklyHours) =>
    Object.fromEntries(
      Object.entries(weekly)
        .filter(([, intervals]) => intervals && intervals.length > 0)
        .map(([day, intervals]) => [day, [...intervals!].sort((a, b) => a.start.localeCompare(b.start))]),
    );
  return {
    topics: [...file.topics].sort((a, b) => a.key.localeCompare(b.key)),
    centers: byKey(file.centers).map((center) => ({
      ...center,
      topics: [...center.topics].sort(),
      serviceAreas: [...center.serviceAreas]
        .sort((a, b) => a.topic.localeCompare(b.topic))
        .map((area) => ({ ...area, postalCodes: [...area.postalCodes].sort() })),
      locations: byKey(center.locations).map((location) => ({
        ...location,
        openingHours: hours(location.openingHours),
      })),
      announcements: byKey(center.announcements).map((a) => ({
        ...a,
        startsAt: instant(a.startsAt),
        endsAt: instant(a.endsAt),
      })),
      rooms: byKey(center.rooms),
      counselors: byKey(center.counselors),
      services: byKey(center.services).map((service) => ({
        ...service,
        counselors: [...service.counselors].sort(),
      })),
      availability: [...center.availability]
        .sort((a, b) => a.counselor.localeCompare(b.counselor))
        .map((entry) => ({ ...entry, hours: hours(entry.hours) })),
      absences: byKey(center.absences).map((a) => ({
        ...a,
        startsAt: instant(a.startsAt),
        endsAt: instant(a.endsAt),
      })),
      absenceSeries: byKey(center.absenceSeries),
    })),
  };
}

async function importErrors(db: Db, file: unknown): Promise<ImportIssue[]> {
  try {
    await importCenters(db, file, null);
  } catch (error) {
    if (error instanceof ImportValidationError) return error.errors;
    throw error;
  }
  throw new Error('the import was expected to fail');
}

type Center = ImportFileInput['centers'][number];
const centerAt = (file: ImportFileInput, index: number): Center => file.centers[index]!;

describe(`import and export on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let handle: DatabaseHandle;
  let db: Db;
  let demo: ImportFileInput;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    demo = readDemo();
  });
  afterAll(() => handle.close());

  it('ships the demo data the generator writes, valid and as described', () => {
    expect(fs.readFileSync(demoDataPath, 'utf8')).toBe(demoDataJson());
    const file = parsed(demo);
    expect(file.centers.length).toBeGreaterThanOrEqual(60);
    const mains = file.centers.map((center) => center.locations.find((location) => location.isMain)!);
    expect(new Set(mains.map((location) => location.city)).size).toBeGreaterThanOrEqual(40);
    expect(new Set(file.centers.map((center) => center.holidays.state)).size).toBe(16);
    expect(new Set(file.centers.flatMap((center) => center.topics))).toEqual(
      new Set(DEMO_TOPICS.map((topic) => topic.key)),
    );
    for (const center of file.centers) {
      expect(center.counselors.length).toBeGreaterThanOrEqual(2);
      expect(center.counselors.length).toBeLessThanOrEqual(6);
      expect(center.services.length).toBeGreaterThanOrEqual(1);
      expect(center.services.length).toBeLessThanOrEqual(3);
    }
    const first = file.centers[0]!;
    expect(first.locations[0]!.postalCode).toMatch(/^40/);
    expect(first.topics).toContain('suchtberatung');
    expect(first.flags.onlineChat).toBe(true);
    expect(fs.statSync(demoDataPath).size).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('seeds the same topic taxonomy the demo data declares', async () => {
    const rows = await db
      .selectFrom('topics')
      .select(['key', 'parent_key', 'label_de', 'label_en', 'sort_order'])
      .orderBy('key')
      .execute();
    const expected = DEMO_TOPICS.map((topic) => ({
      key: topic.key,
      parent_key: 'parent' in topic ? topic.parent : null,
      label_de: topic.labelDe,
      label_en: topic.labelEn,
      sort_order: topic.sortOrder,
    })).sort((a, b) => a.key.localeCompare(b.key));
    expect(rows).toEqual(expected);
  });

  it('imports the demo data: the counts match the file and the tables', async () => {
    const file = parsed(demo);
    const result = await importCenters(db, demo, null);
    // The migration seeds the taxonomy, so the file's topics exist already.
    expect(result.counts).toEqual({
      ...countsOf(file, 'created'),
      topics: counts({ unchanged: file.topics.length }),
    });
    expect(result.centers.map((center) => center.externalId)).toEqual(
      file.centers.map((center) => center.externalId),
    );
    expect(importResultSchema.parse(result)).toEqual(result);

    const sum = (pick: (center: ImportFile['centers'][number]) => number) =>
      file.centers.reduce((n, center) => n + pick(center), 0);
    expect(await rowCount(db, 'centers')).toBe(file.centers.length);
    expect(await rowCount(db, 'center_locations')).toBe(sum((c) => c.locations.length));
    expect(await rowCount(db, 'opening_hours')).toBe(
      sum((c) => c.locations.reduce((n, l) => n + intervalCount(l.openingHours), 0)),
    );
    expect(await rowCount(db, 'availability')).toBe(
      sum((c) => c.availability.reduce((n, a) => n + intervalCount(a.hours), 0)),
    );
    expect(await rowCount(db, 'center_topics')).toBe(sum((c) => c.topics.length));
    expect(await rowCount(db, 'service_areas')).toBe(
      sum((c) => c.serviceAreas.reduce((n, a) => n + a.postalCodes.length, 0)),
    );
    expect(await rowCount(db, 'service_counselors')).toBe(
      sum((c) => c.services.reduce((n, s) => n + s.counselors.length, 0)),
    );
    expect(await rowCount(db, 'counselors')).toBe(sum((c) => c.counselors.length));
    expect(await rowCount(db, 'absence_series')).toBe(sum((c) => c.absenceSeries.length));

    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_account_id).toBeNull();
    expect(audit[0]!.details).toMatchObject({ centers: file.centers.length, counts: result.counts });

    const fallback = await db
      .selectFrom('centers')
      .select('external_id')
      .where('is_fallback', '=', true)
      .execute();
    expect(fallback.map((row) => row.external_id)).toEqual(
      file.centers.filter((c) => c.fallback).map((c) => c.externalId),
    );
  });

  it('is idempotent: importing the same file again changes nothing', async () => {
    const before = await snapshot(db, DATA_TABLES);
    const result = await importCenters(db, demo, null);
    expect(result.counts).toEqual(countsOf(parsed(demo), 'unchanged'));
    expect(await snapshot(db, DATA_TABLES)).toEqual(before);
  });

  it('exports what it imported (round trip), and importing the export changes nothing', async () => {
    const exported = await exportCenters(db);
    expect(validateImportFile(JSON.parse(JSON.stringify(exported))).success).toBe(true);
    expect(normalize(exported)).toEqual(normalize(parsed(demo)));

    const before = await snapshot(db, DATA_TABLES);
    const result = await importCenters(db, JSON.parse(JSON.stringify(exported)), null);
    expect(result.counts).toEqual(countsOf(parsed(demo), 'unchanged'));
    expect(await snapshot(db, DATA_TABLES)).toEqual(before);

    const [center] = (
      await db.selectFrom('centers').select('id').where('external_id', '=', 'demo-001').execute()
    ).map((r) => r.id);
    const one = await exportCenters(db, { centerIds: [center!] });
    expect(one.centers.map((c) => c.externalId)).toEqual(['demo-001']);
    expect((await exportCenters(db, { centerIds: [] })).centers).toEqual([]);
  });

  describe('rejects an invalid file whole, with errors by JSON path, and writes nothing', () => {
    const cases: Array<{
      name: string;
      mutate: (file: ImportFileInput) => void;
      expected: Array<{ path: string; message: RegExp }>;
    }> = [
      {
        name: 'wrong version',
        mutate: (file) => {
          (file as { version: number }).version = 2;
        },
        expected: [{ path: '$.version', message: /unsupported version 2/ }],
      },
      {
        name: 'bad postal code',
        mutate: (file) => {
          centerAt(file, 5).locations[0]!.postalCode = '4021';
        },
        expected: [{ path: '$.centers[5].locations[0].postalCode', message: /5 digits/ }],
      },
      {
        name: 'end before start',
        mutate: (file) => {
          centerAt(file, 7).locations[0]!.openingHours = { mon: [{ start: '12:00', end: '09:00' }] };
        },
        expected: [
          { path: '$.centers[7].locations[0].openingHours.mon[0].end', message: /must be after start/ },
        ],
      },
      {
        name: 'overlapping opening hours',
        mutate: (file) => {
          centerAt(file, 8).locations[0]!.openingHours = {
            wed: [
              { start: '09:00', end: '12:00' },
              { start: '11:30', end: '14:00' },
            ],
          };
        },
        expected: [
          { path: '$.centers[8].locations[0].openingHours.wed[1]', message: /overlaps 09:00–12:00/ },
        ],
      },
      {
        name: 'unknown topic',
        mutate: (file) => {
          centerAt(file, 9).topics.push('kochkurse');
        },
        expected: [
          {
            path: `$.centers[9].topics[${parsed(readDemo()).centers[9]!.topics.length}]`,
            message: /unknown topic "kochkurse"/,
          },
        ],
      },
      {
        name: 'dangling counselor reference in a service',
        mutate: (file) => {
          centerAt(file, 11).services![0]!.counselors.push('cns-99');
        },
        expected: [
          {
            path: `$.centers[11].services[0].counselors[${centerAt(readDemo(), 11).services![0]!.counselors.length}]`,
            message: /no counselor with externalId "cns-99"/,
          },
        ],
      },
      {
        name: 'several problems in several centers at once',
        mutate: (file) => {
          centerAt(file, 2).locations[0]!.latitude = 91;
          centerAt(file, 3).absences = [
            { externalId: 'x', startsAt: '2027-01-02T10:00:00+01:00', endsAt: '2027-01-02T09:00:00+01:00' },
          ];
          centerAt(file, 4).absenceSeries = [
            { externalId: 'y', rrule: 'FREQ=SOMETIMES', startDate: '2027-01-01', wholeDay: true },
          ];
        },
        expected: [
          { path: '$.centers[2].locations[0].latitude', message: /90/ },
          { path: '$.centers[3].absences[0].endsAt', message: /after startsAt/ },
          { path: '$.centers[4].absenceSeries[0].rrule', message: /FREQ=SOMETIMES/ },
        ],
      },
    ];

    it.each(cases)('$name', async ({ mutate, expected }) => {
      const file = structuredClone(demo);
      // A valid change in the same file must not be applied either.
      centerAt(file, 0).name = 'Umbenannt';
      mutate(file);
      const before = await snapshot(db);
      const errors = await importErrors(db, file);
      for (const { path: jsonPath, message } of expected) {
        expect(errors).toContainEqual({ path: jsonPath, message: expect.stringMatching(message) });
      }
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it('leaves nothing behind when the database fails halfway through', async () => {
    const file = structuredClone(demo);
    centerAt(file, 0).name = 'Neuer Name';
    file.centers.push({ ...structuredClone(centerAt(file, 1)), externalId: 'new-center', fallback: false });
    // The series are written last: fail there, after everything else was written.
    await sql`create function fail_import() returns trigger language plpgsql as $$
      begin raise exception 'simulated failure'; end $$`.execute(db);
    await sql`create trigger fail_import before insert or update on absence_series
      for each row execute function fail_import()`.execute(db);
    centerAt(file, 0).absenceSeries!.push({
      externalId: 'ser-new',
      rrule: 'FREQ=DAILY',
      startDate: '2027-01-01',
      wholeDay: true,
    });
    const before = await snapshot(db);
    try {
      await expect(importCenters(db, file, null)).rejects.toThrow(/simulated failure/);
      expect(await snapshot(db)).toEqual(before);
    } finally {
      await sql`drop trigger fail_import on absence_series`.execute(db);
      await sql`drop function fail_import()`.execute(db);
    }
    const result = await importCenters(db, file, null);
    expect(result.counts.centers).toEqual(
      counts({ created: 1, updated: 1, unchanged: file.centers.length - 2 }),
    );
    expect(result.counts.absenceSeries.created).toBe((centerAt(file, 1).absenceSeries?.length ?? 0) + 1);
    await importCenters(db, demo, null);
  });

  it('updates exactly what changed and counts it', async () => {
    const file = structuredClone(demo);
    const withTwo = file.centers.findIndex((center) => center.locations.length === 2);
    const center = centerAt(file, withTwo);
    // Move the main location, change opening hours, drop a qualified counselor, rename.
    center.locations[0]!.isMain = false;
    center.locations[1]!.isMain = true;
    center.locations[1]!.openingHours = { mon: [{ start: '08:00', end: '20:00' }] };
    center.services![0]!.counselors = center.services![0]!.counselors.slice(0, 1);
    center.counselors![0]!.displayName = 'Umbenannte Person';
    center.flags.video = !(center.flags.video ?? false);
    const before = parsed(demo);
    const result = await importCenters(db, file, null);
    const unchanged = countsOf(before, 'unchanged');
    const changedOne = (kind: ImportKind, updated: number) =>
      counts({ updated, unchanged: unchanged[kind].unchanged - updated });
    expect(result.counts).toEqual({
      ...unchanged,
      centers: changedOne('centers', 1),
      locations: changedOne('locations', 2),
      services: changedOne('services', before.centers[withTwo]!.services[0]!.counselors.length > 1 ? 1 : 0),
      counselors: changedOne('counselors', 1),
    });
    const exported = await exportCenters(db);
    const roundTrip = normalize(exported).centers.find((c) => c.externalId === center.externalId);
    expect(roundTrip).toEqual(
      normalize(parsed(file)).centers.find((c) => c.externalId === center.externalId),
    );
    // Importing the original again restores it.
    await importCenters(db, demo, null);
  });

  it('keeps rows the file does not mention, and matches rows without external id by their id', async () => {
    const centerId = (
      await db
        .selectFrom('centers')
        .select('id')
        .where('external_id', '=', 'demo-003')
        .executeTakeFirstOrThrow()
    ).id;
    const room = await db
      .insertInto('rooms')
      .values({ center_id: centerId, name: 'Im Self-Service angelegt' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await importCenters(db, demo, null);
    expect(await db.selectFrom('rooms').select('id').where('id', '=', room.id).execute()).toHaveLength(1);

    const exported = JSON.parse(
      JSON.stringify(await exportCenters(db, { centerIds: [centerId] })),
    ) as ImportFileInput;
    const rooms = centerAt(exported, 0).rooms!;
    expect(rooms.map((r) => r.externalId)).toContain(room.id);
    rooms.find((r) => r.externalId === room.id)!.name = 'Umbenannt';
    const result = await importCenters(db, exported, null);
    expect(result.counts.rooms).toEqual(counts({ updated: 1, unchanged: rooms.length - 1 }));
    const stored = await db
      .selectFrom('rooms')
      .select(['name', 'external_id'])
      .where('id', '=', room.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: 'Umbenannt', external_id: null });
  });

  it('moves the fallback to the center the file names', async () => {
    const file = structuredClone(demo);
    for (const center of file.centers) center.fallback = false;
    // Only center 1 is in the file; the current fallback is not, and still loses the flag.
    const only = { ...file, centers: [{ ...centerAt(file, 1), fallback: true }] };
    const result = await importCenters(db, only, null);
    expect(result.counts.centers).toEqual(counts({ updated: 2 }));
    const fallback = await db
      .selectFrom('centers')
      .select('external_id')
      .where('is_fallback', '=', true)
      .execute();
    expect(fallback).toEqual([{ external_id: centerAt(file, 1).externalId }]);
    await importCenters(db, demo, null);
  });

  it(
    'imports and exports from the command line, with paths relative to where npm was started',
    { timeout: 90_000 },
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beratung-cli-'));
      const serverDir = path.resolve(path.dirname(demoDataPath), '../..');
      // Always the embedded database here, in a directory of its own.
      const env = { ...process.env, INIT_CWD: dir, DATA_DIR: 'data', DATABASE_URL: '' };
      const run = (script: string, args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
          cwd: serverDir,
          env,
          encoding: 'utf8',
        });
      try {
        const topics = [...centerAt(demo, 0).topics, 'kochkurse'];
        fs.writeFileSync(
          path.join(dir, 'bad.json'),
          JSON.stringify({ ...demo, centers: [{ ...centerAt(demo, 0), topics }] }),
        );
        const bad = run('import', ['bad.json']);
        expect(bad.status).toBe(1);
        expect(bad.stderr).toContain(`$.centers[0].topics[${topics.length - 1}]: unknown topic "kochkurse"`);

        fs.copyFileSync(demoDataPath, path.join(dir, 'demo.json'));
        const good = run('import', ['demo.json']);
        expect(good.stderr).toBe('');
        expect(good.status).toBe(0);
        expect(good.stdout).toMatch(new RegExp(`Imported ${demo.centers.length} centers`));

        const exported = run('export', ['out.json', '--center', 'demo-001']);
        expect(exported.status).toBe(0);
        const file = parsed(JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')));
        expect(file.centers.map((center) => center.externalId)).toEqual(['demo-001']);
        expect(fs.existsSync(path.join(dir, 'data'))).toBe(true);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
