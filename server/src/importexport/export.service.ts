import { sql } from 'kysely';
import {
  IMPORT_FORMAT,
  IMPORT_FORMAT_VERSION,
  type ImportCenter,
  type ImportFile,
} from '@beratung/shared/schemas/import-format';
import type { Db } from '../db/database';
import * as map from './mapping';

export interface ExportOptions {
  /** Only these centers (ids); all centers when absent. */
  centerIds?: string[];
}

const keyOf = (row: { id: string; external_id: string | null }) => row.external_id ?? row.id;
const byKey = <T extends { id: string; external_id: string | null }>(a: T, b: T) =>
  keyOf(a).localeCompare(keyOf(b));

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/**
 * Exports centers in the import format, from one consistent snapshot. Rows without an
 * external id are written with their database id as external id, which the importer
 * matches again; so importing an export changes nothing.
 */
export async function exportCenters(db: Db, options: ExportOptions = {}): Promise<ImportFile> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const topics = await trx
        .selectFrom('topics')
        .selectAll()
        .orderBy('sort_order')
        .orderBy('key')
        .execute();
      let centerQuery = trx.selectFrom('centers').selectAll();
      if (options.centerIds) {
        if (options.centerIds.length === 0) return emptyFile(topics);
        centerQuery = centerQuery.where('id', 'in', options.centerIds);
      }
      const centers = (await centerQuery.execute()).sort(byKey);
      const ids = centers.map((center) => center.id);
      if (ids.length === 0) return emptyFile(topics);

      const [
        locations,
        openingHours,
        centerTopics,
        serviceAreas,
        announcements,
        rooms,
        counselors,
        availability,
        services,
        qualified,
        absences,
        series,
      ] = await Promise.all([
        trx.selectFrom('center_locations').selectAll().where('center_id', 'in', ids).execute(),
        trx
          .selectFrom('opening_hours')
          .innerJoin('center_locations', 'center_locations.id', 'opening_hours.location_id')
          .select([
            'opening_hours.location_id',
            'opening_hours.weekday',
            'opening_hours.start_time',
            'opening_hours.end_time',
          ])
          .where('center_locations.center_id', 'in', ids)
          .execute(),
        trx.selectFrom('center_topics').selectAll().where('center_id', 'in', ids).execute(),
        trx.selectFrom('service_areas').selectAll().where('center_id', 'in', ids).execute(),
        trx.selectFrom('announcements').selectAll().where('center_id', 'in', ids).execute(),
        trx.selectFrom('rooms').selectAll().where('center_id', 'in', ids).execute(),
        trx.selectFrom('counselors').selectAll().where('center_id', 'in', ids).execute(),
        trx
          .selectFrom('availability')
          .innerJoin('counselors', 'counselors.id', 'availability.counselor_id')
          .select([
            'availability.counselor_id',
            'availability.weekday',
            'availability.start_time',
            'availability.end_time',
          ])
          .where('counselors.center_id', 'in', ids)
          .execute(),
        trx.selectFrom('services').selectAll().where('center_id', 'in', ids).execute(),
        trx.selectFrom('service_counselors').selectAll().where('center_id', 'in', ids).execute(),
        trx.selectFrom('absences').selectAll().where('center_id', 'in', ids).execute(),
        trx
          .selectFrom('absence_series')
          .selectAll()
          .select([
            sql<string>`to_char(start_date, 'YYYY-MM-DD')`.as('start_date'),
            sql<string | null>`to_char(end_date, 'YYYY-MM-DD')`.as('end_date'),
          ])
          .where('center_id', 'in', ids)
          .execute(),
      ]);

      // References are written as the external ids of what they point to.
      const keys = new Map<string, string>();
      for (const row of [...locations, ...rooms, ...counselors]) keys.set(row.id, keyOf(row));
      const refKey = (id: string | null) => (id === null ? undefined : keys.get(id));

      const hoursByLocation = groupBy(openingHours, (row) => row.location_id);
      const hoursByCounselor = groupBy(availability, (row) => row.counselor_id);
      const qualifiedByService = groupBy(qualified, (row) => row.service_id);
      const group = <T extends { center_id: string; id: string; external_id: string | null }>(rows: T[]) =>
        groupBy([...rows].sort(byKey), (row) => row.center_id);
      const locationsOf = group(locations);
      const announcementsOf = group(announcements);
      const roomsOf = group(rooms);
      const counselorsOf = group(counselors);
      const servicesOf = group(services);
      const absencesOf = group(absences);
      const seriesOf = group(series);
      const topicsOf = groupBy(centerTopics, (row) => row.center_id);
      const areasOf = groupBy(serviceAreas, (row) => row.center_id);

      const exported = centers.map((center): ImportCenter => {
        const own = <T>(groups: Map<string, T[]>) => groups.get(center.id) ?? [];
        const centerCounselors = own(counselorsOf);
        return {
          ...map.centerOf(center, keyOf(center)),
          locations: own(locationsOf).map((row) =>
            map.locationOf(row, keyOf(row), map.weeklyHoursOf(hoursByLocation.get(row.id) ?? [])),
          ),
          topics: own(topicsOf)
            .map((row) => row.topic_key)
            .sort(),
          serviceAreas: map.serviceAreasOf(own(areasOf)),
          announcements: own(announcementsOf).map((row) => map.announcementOf(row, keyOf(row))),
          rooms: own(roomsOf).map((row) => map.roomOf(row, keyOf(row), refKey(row.location_id))),
          services: own(servicesOf).map((row) =>
            map.serviceOf(
              row,
              keyOf(row),
              refKey(row.location_id),
              (qualifiedByService.get(row.id) ?? [])
                .map((q) => keys.get(q.counselor_id) ?? q.counselor_id)
                .sort(),
            ),
          ),
          counselors: centerCounselors.map((row) => map.counselorOf(row, keyOf(row))),
          availability: centerCounselors
            .filter((row) => hoursByCounselor.has(row.id))
            .map((row) => ({
              counselor: keyOf(row),
              hours: map.weeklyHoursOf(hoursByCounselor.get(row.id) ?? []),
            })),
          absences: own(absencesOf).map((row) =>
            map.absenceOf(row, keyOf(row), {
              counselor: refKey(row.counselor_id),
              room: refKey(row.room_id),
            }),
          ),
          absenceSeries: own(seriesOf).map((row) =>
            map.absenceSeriesOf(row, keyOf(row), {
              counselor: refKey(row.counselor_id),
              room: refKey(row.room_id),
            }),
          ),
        };
      });
      return { ...emptyFile(topics), centers: exported };
    });
}

function emptyFile(
  topics: ReadonlyArray<{
    key: string;
    parent_key: string | null;
    label_de: string;
    label_en: string;
    sort_order: number;
  }>,
): ImportFile {
  return {
    format: IMPORT_FORMAT,
    version: IMPORT_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    topics: topics.map((topic) => ({
      key: topic.key,
      parent: topic.parent_key ?? undefined,
      labelDe: topic.label_de,
      labelEn: topic.label_en,
      sortOrder: topic.sort_order,
    })),
    centers: [],
  };
}
