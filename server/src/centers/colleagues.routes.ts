import { Router } from 'express';
import { z } from 'zod';
import { colleagueSchema } from '@beratung/shared';
import type { Db } from '../db/database';
import type { RouteRegistry } from '../http/routes';

const centerParams = z.object({ centerId: z.uuid() });

/**
 * The center's members by name, for every member: a counselor handing a consultation
 * over chooses the colleague here. The full staff list (e-mail, roles, keys, second
 * factor) stays with center admins; the keys a handover seals to come from the
 * admin-signed member list, never from this route.
 */
export function colleaguesRouter({ registry, db }: { registry: RouteRegistry; db: Db }): Router {
  const router = Router();

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/colleagues',
      tag: 'Staff',
      access: { centerRole: 'counselor' },
      summary: 'Members of the center by name (for handing over a consultation)',
      params: centerParams,
      response: z.array(colleagueSchema),
    },
    async ({ params }) => {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
        .select(['accounts.id', 'accounts.display_name'])
        .where('memberships.center_id', '=', params.centerId)
        .orderBy('accounts.display_name')
        .execute();
      return rows.map((row) => ({ accountId: row.id, displayName: row.display_name }));
    },
  );

  return router;
}
