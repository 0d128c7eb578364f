import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';

/**
 * Named (prepared) statements for the few queries every chat message runs.
 *
 * PostgreSQL parses and plans an unnamed statement on every call. For the statement that
 * appends a message, planning alone cost more than executing it (0.28 against 0.44 ms,
 * measured with pg_stat_statements under the chat benchmark), and so for receipts and
 * session lookups. A named statement is parsed once per connection; after five runs
 * PostgreSQL keeps a generic plan when it is no worse than the custom ones, which holds
 * for these primary-key lookups.
 *
 * A query opts in by carrying `PREPARED` (a comment) in its text: put it at the start of
 * a raw `sql` query, or after `select` with `.modifyFront(PREPARED)`. The pool hook below
 * names such statements by their text, so two different texts never share a name. Only
 * queries whose text does not vary (no lists of varying length) should opt in; the number
 * of names is capped all the same.
 *
 * Behind a connection pooler in transaction mode (PgBouncer before 1.21), prepared
 * statements break: use session pooling there.
 */
const MARK = '/* prepared */';

export const PREPARED: RawBuilder<unknown> = sql.raw(MARK);

/** Distinct statement texts that get a name; more than this run unnamed. */
const MAX_NAMES = 200;
const names = new Map<string, string>();

export function statementName(text: string): string | undefined {
  if (!text.includes(MARK)) return undefined;
  let name = names.get(text);
  if (!name && names.size < MAX_NAMES) {
    name = `beratung_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Makes every client of the pool run marked queries as named statements (Kysely calls
 * `client.query(text, values)`; node-postgres prepares a statement when given a name and
 * reuses it on that connection afterwards).
 */
export function prepareMarkedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as QueryFn;
    (client as unknown as { query: QueryFn }).query = (config, values, callback) => {
      const name = typeof config === 'string' ? statementName(config) : undefined;
      if (name && (values === undefined || Array.isArray(values)))
        return query({ name, text: config, values }, callback);
      return query(config, values, callback);
    };
  });
}
