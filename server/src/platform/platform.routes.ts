import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/database';
import type { RouteRegistry } from '../http/routes';
import { ValidationError } from '../http/errors';
import { importCenters } from '../importexport/import.service';
import { exportCenters } from '../importexport/export.service';
import { ImportValidationError } from '../importexport/errors';

/** Platform-wide administration: import and export of centers. */
export function platformRouter({ registry, db }: { registry: RouteRegistry; db: Db }): Router {
  const router = Router();

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/import',
      tag: 'Platform',
      access: 'platform_admin',
      summary: 'Import centers in the versioned JSON format (docs/import-format.md), all or nothing',
      body: z.unknown(),
    },
    async ({ auth, body }) => {
      try {
        return await importCenters(db, body, auth.account.id);
      } catch (error) {
        if (error instanceof ImportValidationError) throw new ValidationError(error.errors);
        throw error;
      }
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/export',
      tag: 'Platform',
      access: 'platform_admin',
      summary: 'Export all centers in the import format',
    },
    async () => exportCenters(db),
  );

  return router;
}
