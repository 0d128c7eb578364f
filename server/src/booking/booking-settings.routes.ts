import { Router } from 'express';
import { z } from 'zod';
import { bookingSettingsSchema } from '@beratung/shared/schemas/booking';
import type { Db } from '../db/database';
import type { RouteRegistry } from '../http/routes';
import { BookingSettingsService } from './booking-settings.service';

const centerParams = z.object({ centerId: z.uuid() });

/** Back office: reminder offsets and contact-data retention of a center's online booking. */
export function bookingSettingsRouter({ registry, db }: { registry: RouteRegistry; db: Db }): Router {
  const router = Router();
  const settings = new BookingSettingsService(db);
  const tag = 'Appointments';

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/booking-settings',
      tag,
      access: { centerRole: 'counselor' },
      summary:
        'Booking settings: reminder offsets (minutes before, earliest first) and contact-data retention',
      params: centerParams,
      response: bookingSettingsSchema,
    },
    async ({ params }) => settings.read(params.centerId),
  );

  registry.add(
    router,
    {
      method: 'put',
      path: '/api/centers/:centerId/booking-settings',
      tag,
      access: { centerRole: 'center_admin' },
      summary:
        'Change the booking settings: 0–5 distinct reminder offsets of 15 minutes to 14 days, retention 1–365 days',
      params: centerParams,
      body: bookingSettingsSchema,
      response: bookingSettingsSchema,
    },
    async ({ auth, params, body }) => settings.update(auth, params.centerId, body),
  );

  return router;
}
