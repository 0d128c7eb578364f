/**
 * `npm run bench`: prints a table of measured figures. Each section runs on the
 * embedded PGlite and, when a PostgreSQL server is reachable (BENCH_DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/test), on PostgreSQL too.
 * Usage: npm run bench [-- --only login,import,search,booking,slots,chat,calls] [-- --seconds 5]
 * The chat section runs on PostgreSQL only (server processes of its own); its sizes: chat.bench.ts.
 * The calls section needs no database (a media process of its own, Chromium when installed);
 * its sizes: media/bench/calls.bench.ts.
 */
import os from 'node:os';
import pg from 'pg';
import { benchLogin } from './login.bench';
import { benchImport } from './import.bench';
import { benchSearch } from './search.bench';
import { benchSlots } from './slots.bench';
import { benchBooking } from './booking.bench';
import { benchChat } from './chat.bench';
import { benchCalls } from '../../media/bench/calls.bench';

export interface Row {
  benchmark: string;
  database: string;
  figure: string;
  detail: string;
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',') : undefined;
const seconds = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 5;
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const databases: Array<{ name: string; url?: string }> = [{ name: 'PGlite' }];
  if (await postgresReachable()) databases.push({ name: 'PostgreSQL', url: postgresUrl });
  else console.warn(`PostgreSQL not reachable at ${postgresUrl}: PGlite only`);
  const rows: Row[] = [];
  for (const database of databases) {
    if (!only || only.includes('login')) rows.push(...(await benchLogin(database, seconds)));
    if (!only || only.includes('import')) rows.push(...(await benchImport(database)));
    if (!only || only.includes('search')) rows.push(...(await benchSearch(database)));
    if (!only || only.includes('booking')) rows.push(...(await benchBooking(database)));
  }
  if (!only || only.includes('slots')) rows.push(...(await benchSlots()));
  const postgres = databases.find((d) => d.url);
  if (!only || only.includes('chat')) {
    if (postgres) rows.push(...(await benchChat(postgres)));
    else console.warn('chat bench skipped: it needs PostgreSQL');
  }
  if (!only || only.includes('calls')) rows.push(...(await benchCalls()));
  printTable(rows);
}

function printTable(rows: Row[]): void {
  const headers: Array<keyof Row> = ['benchmark', 'database', 'figure', 'detail'];
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => r[h].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(
    `\nMachine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}, Node ${process.version}\n`,
  );
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(headers.map((h) => row[h])));
}

await main();
process.exit(0);
