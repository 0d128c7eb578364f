import { sql } from 'kysely';
import {
  IMPORT_KINDS,
  toJsonPath,
  validateImportFile,
  type ImportCenter,
  type ImportFile,
  type ImportIssue,
  type ImportCounts,
  type ImportKind,
  type ImportResult,
  type ImportTopic,
} from '@beratung/shared/schemas/import-format';
import type { Db } from '../db/database';
import { recordAudit } from '../audit/audit.repository';
import { ImportValidationError } from './errors';
import * as map from './mapping';
import {
  changedColumns,
  scopedKey,
  syncEntities,
  syncSets,
  Tally,
  type EntitySpec,
  type Keyed,
  type SetSpec,
  type Values,
} from './sync';

export { IMPORT_KINDS };
export type { ImportCounts, ImportKind, ImportResult };

// Serialises imports: two concurrent imports of one file would otherwise both insert.
export const IMPORT_LOCK = 727_273;

const CENTERS: EntitySpec = { table: 'centers', scopeColumn: null };
const LOCATIONS: EntitySpec = { table: 'center_locations', scopeColumn: 'center_id' };
const ANNOUNCEMENTS: EntitySpec = { table: 'announcements', scopeColumn: 'center_id' };
const ROOMS: EntitySpec = { table: 'rooms', scopeColumn: 'center_id' };
const COUNSELORS: EntitySpec = { table: 'counselors', scopeColumn: 'center_id' };
const SERVICES: EntitySpec = { table: 'services', scopeColumn: 'center_id' };
const ABSENCES: EntitySpec = { table: 'absences', scopeColumn: 'center_id' };
const ABSENCE_SERIES: EntitySpec = {
  table: 'absence_series',
  scopeColumn: 'center_id',
  dateColumns: ['start_date', 'end_date'],
};

const CENTER_TOPICS: SetSpec = {
  table: 'center_topics',
  parentColumn: 'center_id',
  columns: ['center_id', 'topic_key'],
  keyColumns: ['center_id', 'topic_key'],
};
const SERVICE_AREAS: SetSpec = {
  table: 'service_areas',
  parentColumn: 'center_id',
  columns: ['center_id', 'topic_key', 'postal_from', 'postal_to'],
  keyColumns: ['center_id', 'topic_key', 'postal_from'],
};
const OPENING_HOURS: SetSpec = {
  table: 'opening_hours',
  parentColumn: 'location_id',
  columns: ['location_id', 'weekday', 'start_time', 'end_time'],
  keyColumns: ['location_id', 'weekday', 'start_time'],
};
const AVAILABILITY: SetSpec = {
  table: 'availability',
  parentColumn: 'counselor_id',
  columns: ['counselor_id', 'weekday', 'start_time', 'end_time'],
  keyColumns: ['counselor_id', 'weekday', 'start_time'],
};
const SERVICE_COUNSELORS: SetSpec = {
  table: 'service_counselors',
  parentColumn: 'service_id',
  columns: ['service_id', 'counselor_id', 'center_id'],
  keyColumns: ['service_id', 'counselor_id'],
};

/**
 * Imports a file in the centers format (docs/import-format.md) in one transaction:
 * rows are matched by external id and created or updated, never duplicated, so
 * importing the same file again changes nothing. An invalid file, an unknown topic or
 * any database error rolls everything back.
 *
 * @throws ImportValidationError listing every problem by JSON path
 */
export async function importCenters(
  db: Db,
  file: unknown,
  actorAccountId: string | null,
): Promise<ImportResult> {
  const validation = validateImportFile(file);
  if (!validation.success) throw new ImportValidationError(validation.errors);
  const data = validation.data;

  const result = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
    await checkTopicReferences(trx, data);
    const tallies = Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, new Tally()])) as Record<
      ImportKind,
      Tally
    >;
    await importTopics(trx, data.topics, tallies.topics);
    const centers = await importCenterData(trx, data.centers, tallies);
    const counts = Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, tallies[kind].counts()])) as Record<
      ImportKind,
      ImportCounts
    >;
    await recordAudit(trx, {
      actorAccountId,
      action: 'import',
      targetType: 'centers',
      details: { format: data.format, version: data.version, centers: data.centers.length, counts },
    });
    return { counts, centers };
  });
  // After a bulk load the planner needs fresh statistics (PGlite has no autovacuum, and
  // PostgreSQL's may come too late): without them the finder's text search degrades.
  if (data.centers.length >= BULK_IMPORT_CENTERS) await sql`analyze`.execute(db);
  return result;
}

const BULK_IMPORT_CENTERS = 50;

/** Topic keys used by the file must be defined in the file or exist already. */
export async function checkTopicReferences(
  db: Db,
  data: Pick<ImportFile, 'topics' | 'centers'>,
): Promise<void> {
  const defined = new Set(data.topics.map((topic) => topic.key));
  const references: Array<{ key: string; path: PropertyKey[] }> = [];
  data.topics.forEach((topic, index) => {
    if (topic.parent !== undefined) references.push({ key: topic.parent, path: ['topics', index, 'parent'] });
  });
  data.centers.forEach((center, index) => {
    center.topics.forEach((key, i) => references.push({ key, path: ['centers', index, 'topics', i] }));
  });
  const lookUp = [...new Set(references.map((reference) => reference.key))].filter(
    (key) => !defined.has(key),
  );
  if (lookUp.length === 0) return;
  const stored = await db.selectFrom('topics').select('key').where('key', 'in', lookUp).execute();
  for (const row of stored) defined.add(row.key);
  const errors: ImportIssue[] = references
    .filter((reference) => !defined.has(reference.key))
    .map((reference) => ({ path: toJsonPath(reference.path), message: `unknown topic "${reference.key}"` }));
  if (errors.length > 0) throw new ImportValidationError(errors);
}

/** Parents before children, so that every parent exists when its child is written. */
function byDepth(topics: readonly ImportTopic[]): ImportTopic[] {
  const byKey = new Map(topics.map((topic) => [topic.key, topic]));
  const depth = (topic: ImportTopic): number => {
    let d = 0;
    // The schema rejects cycles; the bound only guards against looping forever.
    for (let parent = topic.parent; parent !== undefined && d <= topics.length; d++) {
      parent = byKey.get(parent)?.parent;
    }
    return d;
  };
  return [...topics].sort((a, b) => depth(a) - depth(b));
}

async function importTopics(db: Db, topics: readonly ImportTopic[], tally: Tally): Promise<void> {
  if (topics.length === 0) return;
  const stored = await db
    .selectFrom('topics')
    .select(['key', 'parent_key', 'label_de', 'label_en', 'sort_order'])
    .where(
      'key',
      'in',
      topics.map((topic) => topic.key),
    )
    .execute();
  const storedByKey = new Map(stored.map((row) => [row.key, row]));
  for (const topic of byDepth(topics)) {
    const values = {
      parent_key: topic.parent ?? null,
      label_de: topic.labelDe,
      label_en: topic.labelEn,
      sort_order: topic.sortOrder,
    };
    const current = storedByKey.get(topic.key);
    tally.seen.add(topic.key);
    if (!current) {
      await db
        .insertInto('topics')
        .values({ key: topic.key, ...values })
        .execute();
      tally.created.add(topic.key);
    } else if (Object.keys(changedColumns(current, values)).length > 0) {
      await db.updateTable('topics').set(values).where('key', '=', topic.key).execute();
      tally.updated.add(topic.key);
    }
  }
}

/** A resolver for references by external id within one center; the schema checked they resolve. */
function resolver(ids: Map<string, string>, what: string) {
  return (scope: string | null) => (key: string) => {
    const id = ids.get(scopedKey(scope, key));
    if (id === undefined) throw new Error(`${what} "${key}" not found after writing it`);
    return id;
  };
}

function markUpdated(tally: Tally, ...changedParents: Array<Set<string>>): void {
  for (const parents of changedParents) {
    for (const id of parents) if (tally.seen.has(id)) tally.updated.add(id);
  }
}

export async function importCenterData(
  db: Db,
  centers: readonly ImportCenter[],
  t: Record<ImportKind, Tally>,
): Promise<ImportResult['centers']> {
  const fallback = centers.find((center) => center.fallback);
  if (fallback) {
    // At most one center is the fallback: the file's choice replaces the current one.
    const demoted = await sql<{ id: string }>`update centers set is_fallback = false, updated_at = now()
      where is_fallback and coalesce(external_id, id::text) <> ${fallback.externalId} returning id`.execute(
      db,
    );
    for (const row of demoted.rows) t.centers.updated.add(row.id);
  }
  const centerIds = await syncEntities(
    db,
    CENTERS,
    centers.map((center) => ({ scope: null, key: center.externalId, values: map.centerValues(center) })),
    t.centers,
  );
  const centerIdOf = (center: ImportCenter) => resolver(centerIds, 'center')(null)(center.externalId);
  const inFile = centers.map((center) => ({ center, id: centerIdOf(center) }));
  const allCenterIds = inFile.map(({ id }) => id);

  const topicsChanged = await syncSets(
    db,
    CENTER_TOPICS,
    allCenterIds,
    inFile.flatMap(({ center, id }) => center.topics.map((topic_key) => ({ center_id: id, topic_key }))),
  );
  const areasChanged = await syncSets(
    db,
    SERVICE_AREAS,
    allCenterIds,
    inFile.flatMap(({ center, id }) =>
      map.serviceAreaRows(center.serviceAreas).map((row) => ({ center_id: id, ...row })),
    ),
  );
  markUpdated(t.centers, topicsChanged, areasChanged);

  // Exactly one main location per center: demote the old one before the new one is set.
  const mains = inFile.map(({ center, id }) => ({
    id,
    key: center.locations.find((location) => location.isMain)?.externalId ?? '',
  }));
  const demoted = await sql<{ id: string }>`update center_locations l set is_main = false, updated_at = now()
    from unnest(${mains.map((main) => main.id)}::uuid[], ${mains.map((main) => main.key)}::text[]) as m(center_id, key)
    where l.center_id = m.center_id and l.is_main and coalesce(l.external_id, l.id::text) <> m.key
    returning l.id`.execute(db);
  const locationIds = await syncEntities(
    db,
    LOCATIONS,
    children(
      inFile,
      (c) => c.locations,
      (location) => map.locationValues(location),
    ),
    t.locations,
  );
  for (const row of demoted.rows) t.locations.updated.add(row.id);
  const locationOf = resolver(locationIds, 'location');
  const hoursChanged = await syncSets(
    db,
    OPENING_HOURS,
    [...locationIds.values()],
    inFile.flatMap(({ center, id }) =>
      center.locations.flatMap((location) => {
        const locationId = locationOf(id)(location.externalId);
        return map.weeklyRows(location.openingHours).map((row) => ({ location_id: locationId, ...row }));
      }),
    ),
  );
  markUpdated(t.locations, hoursChanged);

  await syncEntities(
    db,
    ANNOUNCEMENTS,
    children(
      inFile,
      (c) => c.announcements,
      (announcement) => map.announcementValues(announcement),
    ),
    t.announcements,
  );

  const roomIds = await syncEntities(
    db,
    ROOMS,
    children(
      inFile,
      (c) => c.rooms,
      (room, id) => map.roomValues(room, locationOf(id)),
    ),
    t.rooms,
  );
  const roomOf = resolver(roomIds, 'room');

  const counselorIds = await syncEntities(
    db,
    COUNSELORS,
    children(
      inFile,
      (c) => c.counselors,
      (counselor) => map.counselorValues(counselor),
    ),
    t.counselors,
  );
  const counselorOf = resolver(counselorIds, 'counselor');
  const availabilityChanged = await syncSets(
    db,
    AVAILABILITY,
    [...counselorIds.values()],
    inFile.flatMap(({ center, id }) =>
      center.availability.flatMap((entry) => {
        const counselorId = counselorOf(id)(entry.counselor);
        return map.weeklyRows(entry.hours).map((row) => ({ counselor_id: counselorId, ...row }));
      }),
    ),
  );
  markUpdated(t.counselors, availabilityChanged);

  const serviceIds = await syncEntities(
    db,
    SERVICES,
    children(
      inFile,
      (c) => c.services,
      (service, id) => map.serviceValues(service, locationOf(id)),
    ),
    t.services,
  );
  const qualifiedChanged = await syncSets(
    db,
    SERVICE_COUNSELORS,
    [...serviceIds.values()],
    inFile.flatMap(({ center, id }) =>
      center.services.flatMap((service) => {
        const serviceId = resolver(serviceIds, 'service')(id)(service.externalId);
        return service.counselors.map((counselor) => ({
          service_id: serviceId,
          counselor_id: counselorOf(id)(counselor),
          center_id: id,
        }));
      }),
    ),
  );
  markUpdated(t.services, qualifiedChanged);

  await syncEntities(
    db,
    ABSENCES,
    children(
      inFile,
      (c) => c.absences,
      (absence, id) => map.absenceValues(absence, counselorOf(id), roomOf(id)),
    ),
    t.absences,
  );
  await syncEntities(
    db,
    ABSENCE_SERIES,
    children(
      inFile,
      (c) => c.absenceSeries,
      (series, id) => map.absenceSeriesValues(series, counselorOf(id), roomOf(id)),
    ),
    t.absenceSeries,
  );

  return inFile.map(({ center, id }) => ({ externalId: center.externalId, id }));
}

/** The desired rows of one kind of child entity of every center in the file. */
function children<T extends { externalId: string }>(
  inFile: ReadonlyArray<{ center: ImportCenter; id: string }>,
  items: (center: ImportCenter) => readonly T[],
  values: (item: T, centerId: string) => Values,
): Keyed[] {
  return inFile.flatMap(({ center, id }) =>
    items(center).map((item) => ({ scope: id, key: item.externalId, values: values(item, id) })),
  );
}
