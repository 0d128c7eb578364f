import { Router } from 'express';
import { z } from 'zod';
import { importCenterSchema } from '@beratung/shared/schemas/import-format';
import type { Db } from '../db/database';
import type { RouteRegistry } from '../http/routes';
import { ProfileService } from './profile.service';

const centerParams = z.object({ centerId: z.uuid() });

/** Self-service profile of a center: its admins (and platform admins) read and replace it. */
export function profileRouter({ registry, db }: { registry: RouteRegistry; db: Db }): Router {
  const router = Router();
  const profiles = new ProfileService(db);

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/profile',
      tag: 'Self-service',
      access: { centerRole: 'center_admin' },
      summary: 'The full self-service data of the center (the center object of docs/import-format.md)',
      params: centerParams,
      response: importCenterSchema,
    },
    async ({ params }) => profiles.read(params.centerId),
  );

  registry.add(
    router,
    {
      method: 'put',
      path: '/api/centers/:centerId/profile',
      tag: 'Self-service',
      access: { centerRole: 'center_admin' },
      summary: 'Replace the self-service data of the center; entries no longer listed are deleted',
      params: centerParams,
      body: z.unknown(),
      response: importCenterSchema,
    },
    async ({ auth, params, body }) => profiles.replace(auth, params.centerId, body),
  );

  return router;
}
