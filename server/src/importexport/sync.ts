import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';

/**
 * Batch "make the database look like this" for the import: pure planning functions that
 * compare loaded rows with desired rows, and a few set-based SQL helpers that carry the
 * plan out in a handful of statements instead of one per row.
 */

export type Values = Record<string, unknown>;

/** A row that has an identity of its own, matched by external id within a scope (its center). */
export interface Keyed {
  scope: string | null;
  key: string;
  values: Values;
}
export interface Stored extends Keyed {
  id: string;
}

export interface EntityPlan {
  inserts: Keyed[];
  updates: Array<{ id: string; values: Values }>;
  /** scopedKey → id of every desired row that exists already. */
  matched: Map<string, string>;
}

export function scopedKey(scope: string | null, key: string): string {
  return `${scope ?? ''}\u0000${key}`;
}

/** Dates and arrays as they compare: timestamps as ISO instants. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** The columns of `desired` whose value differs from `stored`. */
export function changedColumns(stored: Values, desired: Values): Values {
  const changed: Values = {};
  for (const [column, value] of Object.entries(desired)) {
    if (!sameValue(stored[column], value)) changed[column] = value;
  }
  return changed;
}

/** Which desired rows are new, which differ from their stored row, and which match one. */
export function planEntities(stored: readonly Stored[], desired: readonly Keyed[]): EntityPlan {
  const byKey = new Map<string, Stored>();
  for (const row of stored) byKey.set(scopedKey(row.scope, row.key), row);
  const plan: EntityPlan = { inserts: [], updates: [], matched: new Map() };
  for (const row of desired) {
    const current = byKey.get(scopedKey(row.scope, row.key));
    if (!current) {
      plan.inserts.push(row);
      continue;
    }
    plan.matched.set(scopedKey(row.scope, row.key), current.id);
    const changed = changedColumns(current.values, row.values);
    if (Object.keys(changed).length > 0) plan.updates.push({ id: current.id, values: changed });
  }
  return plan;
}

export interface SetPlan {
  deletes: Values[];
  inserts: Values[];
  /** Parents whose set of rows changes. */
  changedParents: Set<string>;
}

/**
 * Rows that are plain values of a parent (opening hours of a location, …): the desired
 * rows of each parent replace its stored rows; rows present in both stay untouched.
 */
export function planSets(
  stored: readonly Values[],
  desired: readonly Values[],
  columns: readonly string[],
  parentColumn: string,
): SetPlan {
  const identity = (row: Values) => JSON.stringify(columns.map((column) => canonical(row[column])));
  const storedIds = new Set(stored.map(identity));
  const desiredIds = new Set(desired.map(identity));
  const plan: SetPlan = { deletes: [], inserts: [], changedParents: new Set() };
  for (const row of stored) {
    if (!desiredIds.has(identity(row))) {
      plan.deletes.push(row);
      plan.changedParents.add(String(row[parentColumn]));
    }
  }
  const inserted = new Set<string>();
  for (const row of desired) {
    const id = identity(row);
    if (storedIds.has(id) || inserted.has(id)) continue;
    inserted.add(id);
    plan.inserts.push(row);
    plan.changedParents.add(String(row[parentColumn]));
  }
  return plan;
}

// PostgreSQL takes at most 65535 parameters per statement; stay well below.
const MAX_PARAMETERS = 20_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

const list = (columns: readonly string[]) => sql.join(columns.map((column) => sql.ref(column)));

/** Multi-row INSERT of `rows` (all with the same `columns`), in chunks; returns `returning` of each row. */
export async function insertRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly Values[],
  returning: readonly string[] = [],
): Promise<Values[]> {
  const output: Values[] = [];
  for (const chunk of chunks(rows, Math.max(1, Math.floor(MAX_PARAMETERS / columns.length)))) {
    const tuples = chunk.map((row) => sql`(${sql.join(columns.map((column) => row[column] ?? null))})`);
    const returningClause = returning.length > 0 ? sql` returning ${list(returning)}` : sql``;
    const result =
      await sql<Values>`insert into ${sql.table(table)} (${list(columns)}) values ${sql.join(tuples)}${returningClause}`.execute(
        db,
      );
    output.push(...result.rows);
  }
  return output;
}

/** Deletes the rows whose `keyColumns` equal those of one of `rows`, in chunks. */
export async function deleteRows(
  db: Db,
  table: string,
  keyColumns: readonly string[],
  rows: readonly Values[],
): Promise<void> {
  for (const chunk of chunks(rows, Math.max(1, Math.floor(MAX_PARAMETERS / keyColumns.length)))) {
    const tuples = chunk.map((row) => sql`(${sql.join(keyColumns.map((column) => row[column]))})`);
    await sql`delete from ${sql.table(table)} where (${list(keyColumns)}) in (${sql.join(tuples)})`.execute(
      db,
    );
  }
}

/** Updates the given columns of one row (and its `updated_at`). */
export async function updateRow(db: Db, table: string, id: string, values: Values): Promise<void> {
  const assignments: RawBuilder<unknown>[] = Object.entries(values).map(
    ([column, value]) => sql`${sql.ref(column)} = ${value ?? null}`,
  );
  assignments.push(sql`updated_at = now()`);
  await sql`update ${sql.table(table)} set ${sql.join(assignments)} where id = ${id}`.execute(db);
}

/** How the rows of one kind fared in an import. */
export class Tally {
  readonly created = new Set<string>();
  readonly updated = new Set<string>();
  readonly seen = new Set<string>();

  counts(): { created: number; updated: number; unchanged: number } {
    const updated = [...this.updated].filter((id) => !this.created.has(id));
    const unchanged = [...this.seen].filter((id) => !this.created.has(id) && !this.updated.has(id));
    return { created: this.created.size, updated: updated.length, unchanged: unchanged.length };
  }
}

export interface EntitySpec {
  table: string;
  /** Column the external id is unique within (null: unique in the whole table). */
  scopeColumn: 'center_id' | null;
  /** `date` columns, read as 'YYYY-MM-DD' text (the drivers disagree on Date values). */
  dateColumns?: readonly string[];
}

/**
 * Stored rows for the desired ones. A row without an external id is matched by its id,
 * which is what an export writes for it, so exporting and re-importing is a no-op.
 */
async function loadEntities(db: Db, spec: EntitySpec, desired: readonly Keyed[]): Promise<Stored[]> {
  const first = desired[0];
  if (!first) return [];
  const columns = Object.keys(first.values).map((column) =>
    spec.dateColumns?.includes(column)
      ? sql`to_char(${sql.ref(column)}, 'YYYY-MM-DD') as ${sql.ref(column)}`
      : sql.ref(column),
  );
  const keys = [...new Set(desired.map((row) => row.key))];
  const scope = spec.scopeColumn ? sql.ref(spec.scopeColumn) : sql`null::uuid`;
  const where = spec.scopeColumn
    ? sql`${sql.ref(spec.scopeColumn)} = any(${[...new Set(desired.map((row) => row.scope))]}::uuid[])`
    : sql`(external_id = any(${keys}::text[]) or (external_id is null and id::text = any(${keys}::text[])))`;
  const result = await sql<Values & { id: string; scope: string | null; key: string }>`
    select id, ${scope} as scope, coalesce(external_id, id::text) as key, ${sql.join(columns)}
    from ${sql.table(spec.table)} where ${where}`.execute(db);
  return result.rows.map(({ id, scope: rowScope, key, ...values }) => ({ id, scope: rowScope, key, values }));
}

/**
 * Inserts the new rows and updates the changed ones; returns scopedKey → id for every
 * desired row, for resolving references to them. The columns written and compared are
 * those of the desired rows' values (all made by one mapping function).
 */
export async function syncEntities(
  db: Db,
  spec: EntitySpec,
  desired: readonly Keyed[],
  tally: Tally,
): Promise<Map<string, string>> {
  const plan = planEntities(await loadEntities(db, spec, desired), desired);
  for (const update of plan.updates) {
    await updateRow(db, spec.table, update.id, update.values);
    tally.updated.add(update.id);
  }
  const ids = new Map(plan.matched);
  const scopeColumns = spec.scopeColumn ? [spec.scopeColumn] : [];
  const inserted = await insertRows(
    db,
    spec.table,
    [...scopeColumns, 'external_id', ...Object.keys(desired[0]?.values ?? {})],
    plan.inserts.map((row) => ({
      ...(spec.scopeColumn ? { [spec.scopeColumn]: row.scope } : {}),
      external_id: row.key,
      ...row.values,
    })),
    ['id', 'external_id', ...scopeColumns],
  );
  for (const row of inserted) {
    const scope = spec.scopeColumn ? (row[spec.scopeColumn] as string) : null;
    ids.set(scopedKey(scope, row.external_id as string), row.id as string);
    tally.created.add(row.id as string);
  }
  for (const id of ids.values()) tally.seen.add(id);
  return ids;
}

export interface SetSpec {
  table: string;
  parentColumn: string;
  columns: readonly string[];
  /** The primary key, used to delete rows. */
  keyColumns: readonly string[];
}

/**
 * Replaces the rows of each parent in `parents` by the desired ones (deleting before
 * inserting, so exclusion constraints see the new set only). Returns the parents whose
 * rows changed.
 */
export async function syncSets(
  db: Db,
  spec: SetSpec,
  parents: readonly string[],
  desired: readonly Values[],
): Promise<Set<string>> {
  if (parents.length === 0) return new Set();
  const stored = await sql<Values>`select ${list(spec.columns)} from ${sql.table(spec.table)}
    where ${sql.ref(spec.parentColumn)} = any(${[...new Set(parents)]}::uuid[])`.execute(db);
  const plan = planSets(stored.rows, desired, spec.columns, spec.parentColumn);
  await deleteRows(db, spec.table, spec.keyColumns, plan.deletes);
  await insertRows(db, spec.table, spec.columns, plan.inserts);
  return plan.changedParents;
}
