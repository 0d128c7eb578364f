import { Router } from 'express';
import type { Db } from '../db/database';
import type { RouteRegistry } from '../http/routes';
import {
  centerDetailSchema,
  centerParamsSchema,
  centerSearchQuerySchema,
  centerSearchResultSchema,
} from './directory.schema';
import type { Geocoder } from './geocoding/geocoder';
import { DirectorySearchService } from './search.service';

export { loadGeocoder } from './geocoding/geocoder';

export interface DirectoryRoutesDeps {
  registry: RouteRegistry;
  db: Db;
  geocoder: Geocoder;
  now?: () => Date;
}

/** The public Beratungsstellenfinder: search and center detail (no login). */
export function directoryRouter(deps: DirectoryRoutesDeps): Router {
  const { registry } = deps;
  const service = new DirectorySearchService(deps);
  const router = Router();

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers',
      tag: 'Directory',
      access: 'public',
      summary:
        'Find centers by topic, postal code or place (nearest first), free text (German stemming, typo tolerant), online counseling, language',
      query: centerSearchQuerySchema,
      response: centerSearchResultSchema,
    },
    async ({ query }) => service.search(query),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId',
      tag: 'Directory',
      access: 'public',
      summary: 'Public detail of a center: locations, opening hours, topics, services, current announcements',
      params: centerParamsSchema,
      response: centerDetailSchema,
    },
    async ({ params }) => service.detail(params.centerId),
  );

  return router;
}
