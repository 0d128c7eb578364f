import fs from 'node:fs';
import path from 'node:path';
import { openConfiguredDatabase } from './configured-database';
import { ImportValidationError } from '../importexport/errors';
import { IMPORT_KINDS, importCenters, type ImportResult } from '../importexport/import.service';

/**
 * `npm run import -- FILE`: imports a centers file (docs/import-format.md) into the
 * database the server uses (DATABASE_URL, else PGlite in DATA_DIR). Paths are relative
 * to the directory npm was started in.
 */

const USAGE = `Usage: npm run import -- FILE

Imports centers in the JSON format of docs/import-format.md, all or nothing.
Uses DATABASE_URL if set, else the embedded database in DATA_DIR (default ./data).`;

const MAX_ERRORS_SHOWN = 100;

/** A table of the counts per kind. */
function formatImportSummary(result: ImportResult, milliseconds: number): string {
  const rows = IMPORT_KINDS.map((kind) => {
    const { created, updated, unchanged } = result.counts[kind];
    return `  ${kind.padEnd(14)}${String(created).padStart(8)}${String(updated).padStart(8)}${String(unchanged).padStart(10)}`;
  });
  return [
    `Imported ${result.centers.length} center${result.centers.length === 1 ? '' : 's'} in ${(milliseconds / 1000).toFixed(2)} s.`,
    `  ${''.padEnd(14)}${'created'.padStart(8)}${'updated'.padStart(8)}${'unchanged'.padStart(10)}`,
    ...rows,
  ].join('\n');
}

/** Every problem on its own line, the JSON path first. */
function formatImportErrors(error: ImportValidationError): string {
  const shown = error.errors.slice(0, MAX_ERRORS_SHOWN).map((issue) => `  ${issue.path}: ${issue.message}`);
  const more = error.errors.length - shown.length;
  return [
    `${error.message}. Nothing was imported.`,
    ...shown,
    ...(more > 0 ? [`  … and ${more} more`] : []),
  ].join('\n');
}

async function main(args: string[]): Promise<number> {
  const cwd = process.env.INIT_CWD ?? process.cwd();
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const [fileArg, ...rest] = args;
  if (!fileArg || rest.length > 0) {
    console.error(USAGE);
    return 1;
  }
  const file = path.resolve(cwd, fileArg);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`Cannot read ${file} as JSON: ${(error as Error).message}`);
    return 1;
  }

  const handle = await openConfiguredDatabase();
  try {
    const started = performance.now();
    const result = await importCenters(handle.db, json, null);
    console.log(formatImportSummary(result, performance.now() - started));
    return 0;
  } catch (error) {
    if (error instanceof ImportValidationError) {
      console.error(formatImportErrors(error));
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `Import failed, nothing was imported: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  },
);
