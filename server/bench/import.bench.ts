import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCenters } from '../src/importexport/import.service';
import { benchDatabase } from './bench-server';
import type { Row } from './run';

const demoFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/demo/demo-data.json');

/** Time to import the demo data into an empty database, and to re-import it (idempotent). */
export async function benchImport(database: { name: string; url?: string }): Promise<Row[]> {
  const file = JSON.parse(fs.readFileSync(demoFile, 'utf8')) as { centers: unknown[] };
  const handle = await benchDatabase(database.url);
  const t0 = performance.now();
  await importCenters(handle.db, file, null);
  const first = performance.now() - t0;
  const t1 = performance.now();
  await importCenters(handle.db, file, null);
  const second = performance.now() - t1;
  await handle.close();
  return [
    {
      benchmark: 'import demo data',
      database: database.name,
      figure: `${(first / 1000).toFixed(2)} s`,
      detail: `${file.centers.length} centers into an empty database; re-import (no changes) ${(second / 1000).toFixed(2)} s`,
    },
  ];
}
