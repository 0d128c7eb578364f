import type { ImportIssue } from '@beratung/shared/schemas/import-format';

/** The file was rejected as a whole; `errors` lists every problem by JSON path. */
export class ImportValidationError extends Error {
  constructor(readonly errors: ImportIssue[]) {
    super(`The import file is not valid: ${errors.length} problem${errors.length === 1 ? '' : 's'}`);
    this.name = 'ImportValidationError';
  }
}
