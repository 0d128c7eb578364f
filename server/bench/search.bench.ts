import { sql } from 'kysely';
import { ApiClient } from '@beratung/shared';
import { importCenters } from '../src/importexport/import.service';
import { benchApp, benchDatabase, percentile } from './bench-server';
import { generateDirectoryCenters } from './directory-data';
import type { Row } from './run';

const CENTERS = 5_000;
const REQUESTS_PER_KIND = 300;
const WARM_UP = 30;

const NEAR = [
  'Düsseldorf',
  '40227',
  'Köln',
  '50667',
  'Berlin',
  'Hamburg',
  'München',
  'Essen',
  'Emmerich am Rhein',
  'Frankfurt',
  '04109',
  'Münster',
  'Kiel',
  'Dresden',
];
const TOPICS = [
  'suchtberatung',
  'schuldnerberatung',
  'wohnungsnotfallhilfe',
  'alkohol',
  'insolvenz',
  'mietschulden',
  'gluecksspiel',
];
const TYPO_TEXT = [
  'Suchtbertung',
  'Schuldnerbratung Köln',
  'Wohnungsnotfalhilfe',
  'Drogn Beratung',
  'Glücksspil',
  'Düseldorf Sucht',
  'Schulden Insolvenz',
  'Caritas Alkohl',
];

type Query = Record<string, string | number | boolean | string[] | undefined>;
const KINDS: Array<{ name: string; query: (i: number) => Query }> = [
  {
    name: 'topic + near',
    query: (i) => ({ topic: TOPICS[i % TOPICS.length]!, near: NEAR[i % NEAR.length]! }),
  },
  { name: 'free text with typo', query: (i) => ({ q: TYPO_TEXT[i % TYPO_TEXT.length]! }) },
  {
    name: 'online filter',
    query: (i) => (i % 2 ? { online: true } : { online: true, topic: TOPICS[i % TOPICS.length]! }),
  },
];

/**
 * Latency of `GET /api/centers` over HTTP through the SDK at 5,000 generated centers:
 * p50/p95 per kind of query (one request at a time, after ANALYZE and a warm-up).
 */
export async function benchSearch(database: { name: string; url?: string }): Promise<Row[]> {
  const handle = await benchDatabase(database.url);
  const t0 = performance.now();
  await importCenters(handle.db, generateDirectoryCenters(CENTERS), null);
  const importSeconds = (performance.now() - t0) / 1000;
  // Planner statistics as autovacuum would gather them after a bulk load (PGlite has no
  // autovacuum); without them PostgreSQL plans the text search as a nested loop.
  await sql`analyze`.execute(handle.db);
  const server = await benchApp(handle);
  const api = new ApiClient({ baseUrl: server.url });
  const rows: Row[] = [];
  try {
    for (let i = 0; i < WARM_UP; i++) for (const kind of KINDS) await api.get('/api/centers', kind.query(i));
    const all: number[] = [];
    for (const kind of KINDS) {
      const latencies: number[] = [];
      let results = 0;
      for (let i = 0; i < REQUESTS_PER_KIND; i++) {
        const started = performance.now();
        const page = await api.get<{ total: number }>('/api/centers', kind.query(i));
        latencies.push(performance.now() - started);
        results += page.total;
      }
      latencies.sort((a, b) => a - b);
      all.push(...latencies);
      rows.push({
        benchmark: `search: ${kind.name}`,
        database: database.name,
        figure: `p95 ${percentile(latencies, 95).toFixed(1)} ms`,
        detail: `p50 ${percentile(latencies, 50).toFixed(1)} ms; ${REQUESTS_PER_KIND} requests, on average ${Math.round(results / REQUESTS_PER_KIND)} matches, page of 20`,
      });
    }
    all.sort((a, b) => a - b);
    rows.push({
      benchmark: 'search: mix',
      database: database.name,
      figure: `p95 ${percentile(all, 95).toFixed(1)} ms`,
      detail: `p50 ${percentile(all, 50).toFixed(1)} ms; ${CENTERS} centers (import ${importSeconds.toFixed(1)} s), HTTP via the SDK, one request at a time`,
    });
  } finally {
    await server.close();
    await handle.close();
  }
  return rows;
}
