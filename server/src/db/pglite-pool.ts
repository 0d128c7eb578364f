import type { PGlite } from '@electric-sql/pglite';

/**
 * A `pg.Pool`-shaped adapter over one embedded PGlite instance, so Kysely's
 * PostgresDialect runs the very same queries on PGlite and on node-postgres.
 *
 * PGlite is a single connection: a "connection" here is exclusive use of that
 * instance until `release()`. Handing it out one at a time keeps a transaction's
 * statements together, exactly as a pooled pg client would.
 */
export class PGlitePool {
  private queue: Array<() => void> = [];
  private busy = false;

  constructor(private readonly pglite: PGlite) {}

  async connect(): Promise<PGliteClient> {
    if (this.busy) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.busy = true;
    return new PGliteClient(this.pglite, () => this.release());
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.busy = false;
  }

  async end(): Promise<void> {
    await this.pglite.close();
  }
}

class PGliteClient {
  private released = false;
  constructor(
    private readonly pglite: PGlite,
    private readonly onRelease: () => void,
  ) {}

  async query(sql: string, parameters: readonly unknown[] = []) {
    // Without parameters node-postgres uses the simple protocol, which allows several
    // statements (migrations); PGlite's exec is the same.
    const result =
      parameters.length === 0
        ? ((await this.pglite.exec(sql)).at(-1) ?? { rows: [], command: '', affectedRows: 0 })
        : await this.pglite.query<Record<string, unknown>>(sql, [...parameters]);
    return {
      command: (result as { command?: string }).command ?? '',
      rows: result.rows as Record<string, unknown>[],
      rowCount: result.affectedRows ?? result.rows.length,
    };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease();
  }
}
