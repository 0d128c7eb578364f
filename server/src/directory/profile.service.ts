import { sql } from 'kysely';
import {
  IMPORT_FORMAT,
  IMPORT_FORMAT_VERSION,
  IMPORT_KINDS,
  validateImportFile,
  type ImportCenter,
  type ImportKind,
} from '@beratung/shared/schemas/import-format';
import type { Db } from '../db/database';
import type { Auth } from '../http/access';
import { ConflictError, NotFoundError, ValidationError, refusedByReferences } from '../http/errors';
import { recordAudit } from '../audit/audit.repository';
import { exportCenters } from '../importexport/export.service';
import { checkTopicReferences, importCenterData, IMPORT_LOCK } from '../importexport/import.service';
import { ImportValidationError } from '../importexport/errors';
import { Tally } from '../importexport/sync';

/**
 * Center self-service: a center admin reads and replaces the whole profile of their
 * center (the center object of the import format, docs/import-format.md). What the
 * profile no longer lists is deleted, unlike an import, which only adds and updates.
 */
export class ProfileService {
  constructor(private readonly db: Db) {}

  async read(centerId: string): Promise<ImportCenter> {
    const file = await exportCenters(this.db, { centerIds: [centerId] });
    const center = file.centers[0];
    if (!center) throw new NotFoundError('Center');
    return center;
  }

  async replace(auth: Auth, centerId: string, body: unknown): Promise<ImportCenter> {
    const validation = validateImportFile({
      format: IMPORT_FORMAT,
      version: IMPORT_FORMAT_VERSION,
      centers: [body],
    });
    if (!validation.success) throw new ValidationError(validation.errors.map(relativeToProfile));
    const center = validation.data.centers[0]!;
    await this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
      const stored = await sql<{ key: string }>`select coalesce(external_id, id::text) as key from centers
        where id = ${centerId} for update`.execute(trx);
      const key = stored.rows[0]?.key;
      if (key === undefined) throw new NotFoundError('Center');
      if (center.externalId !== key) {
        throw new ValidationError([
          { path: '$.externalId', message: `must be "${key}", the id of this center` },
        ]);
      }
      try {
        await checkTopicReferences(trx, { topics: [], centers: [center] });
      } catch (error) {
        if (error instanceof ImportValidationError)
          throw new ValidationError(error.errors.map(relativeToProfile));
        throw error;
      }
      const tallies = Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, new Tally()])) as Record<
        ImportKind,
        Tally
      >;
      await importCenterData(trx, [center], tallies);
      const removed = await pruneUnlisted(trx, centerId, center);
      await recordAudit(trx, {
        actorAccountId: auth.account.id,
        centerId,
        action: 'center.profile.updated',
        targetType: 'center',
        targetId: centerId,
        details: {
          counts: Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, tallies[kind].counts()])),
          removed,
        },
      });
    });
    return this.read(centerId);
  }
}

/** Profile errors are reported relative to the profile, not to a wrapping file. */
function relativeToProfile(issue: { path: string; message: string }) {
  return { path: issue.path.replace(/^\$\.centers\[0\]/, '$'), message: issue.message };
}

/** Children before parents: absences refer to counselors and rooms, rooms and services to locations. */
const PRUNE_ORDER: Array<{ table: string; listed: (center: ImportCenter) => string[] }> = [
  { table: 'absences', listed: (c) => c.absences.map((a) => a.externalId) },
  { table: 'absence_series', listed: (c) => c.absenceSeries.map((a) => a.externalId) },
  { table: 'announcements', listed: (c) => c.announcements.map((a) => a.externalId) },
  { table: 'services', listed: (c) => c.services.map((s) => s.externalId) },
  { table: 'counselors', listed: (c) => c.counselors.map((s) => s.externalId) },
  { table: 'rooms', listed: (c) => c.rooms.map((r) => r.externalId) },
  { table: 'center_locations', listed: (c) => c.locations.map((l) => l.externalId) },
];

async function pruneUnlisted(
  db: Db,
  centerId: string,
  center: ImportCenter,
): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const { table, listed } of PRUNE_ORDER) {
    try {
      const result = await sql`delete from ${sql.table(table)}
        where center_id = ${centerId} and not (coalesce(external_id, id::text) = any(${listed(center)}::text[]))`.execute(
        db,
      );
      removed[table] = Number(result.numAffectedRows ?? 0);
    } catch (error) {
      const referrer = refusedByReferences(error);
      if (referrer === 'bookings')
        throw new ConflictError(
          'HAS_APPOINTMENTS',
          `An entry of ${table} that the profile no longer lists still has appointments. Deactivate it, or cancel its appointments first.`,
        );
      if (referrer)
        throw new ConflictError(
          'IN_USE',
          `An entry of ${table} that the profile no longer lists is still in use`,
        );
      throw error;
    }
  }
  return removed;
}
