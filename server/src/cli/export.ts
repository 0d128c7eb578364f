import fs from 'node:fs';
import path from 'node:path';
import { importFileJsonSchema } from '@beratung/shared/schemas/import-format';
import { openConfiguredDatabase } from './configured-database';
import { exportCenters } from '../importexport/export.service';

/**
 * `npm run export [-- FILE] [--center ID …]`: writes the centers in the import format to
 * FILE (relative to the directory npm was started in) or to standard output.
 * `--json-schema` writes the format's JSON Schema instead (no database needed).
 */

const USAGE = `Usage: npm run export -- [FILE] [--center ID]... [--json-schema]

Writes all centers (or those given by id or external id) in the JSON format of
docs/import-format.md to FILE, or to standard output (use npm run --silent export).
--json-schema writes the JSON Schema of the format instead.
Uses DATABASE_URL if set, else the embedded database in DATA_DIR (default ./data).`;

interface Options {
  file?: string;
  centers: string[];
  jsonSchema: boolean;
}

/** Parses the arguments; null when they are not valid. */
function parseExportArgs(args: readonly string[]): Options | null {
  const options: Options = { centers: [], jsonSchema: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json-schema') options.jsonSchema = true;
    else if (arg === '--center') {
      const value = args[++i];
      if (!value) return null;
      options.centers.push(value);
    } else if (arg.startsWith('-') || options.file !== undefined) return null;
    else options.file = arg;
  }
  return options;
}

/** JSON as the repository's formatter writes it when prettier is at hand (a dev dependency), else plain. */
async function formatJson(value: unknown): Promise<string> {
  const json = `${JSON.stringify(value, null, 2)}\n`;
  try {
    const prettier = await import('prettier');
    return await prettier.format(json, { parser: 'json', printWidth: 110 });
  } catch {
    return json;
  }
}

async function main(args: string[]): Promise<number> {
  const cwd = process.env.INIT_CWD ?? process.cwd();
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const options = parseExportArgs(args);
  if (!options) {
    console.error(USAGE);
    return 1;
  }
  const write = async (value: unknown, summary: string) => {
    if (options.file === undefined) {
      process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      console.error(summary);
    } else {
      const file = path.resolve(cwd, options.file);
      fs.writeFileSync(file, await formatJson(value));
      console.error(`${summary} → ${file}`);
    }
  };

  if (options.jsonSchema) {
    await write(importFileJsonSchema(), 'Wrote the JSON Schema of the import format');
    return 0;
  }

  const handle = await openConfiguredDatabase();
  try {
    let centerIds: string[] | undefined;
    if (options.centers.length > 0) {
      const rows = await handle.db
        .selectFrom('centers')
        .select(['id', 'external_id'])
        .where((eb) =>
          eb.or([eb('external_id', 'in', options.centers), eb(eb.cast('id', 'text'), 'in', options.centers)]),
        )
        .execute();
      const found = new Set(rows.flatMap((row) => [row.id, row.external_id]));
      const missing = options.centers.filter((center) => !found.has(center));
      if (missing.length > 0) {
        console.error(`No center with id or external id ${missing.join(', ')}`);
        return 1;
      }
      centerIds = rows.map((row) => row.id);
    }
    const file = await exportCenters(handle.db, { centerIds });
    await write(file, `Exported ${file.centers.length} center${file.centers.length === 1 ? '' : 's'}`);
    return 0;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
