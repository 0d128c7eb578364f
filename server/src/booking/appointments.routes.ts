import { Router } from 'express';
import { z } from 'zod';
import {
  appointmentListSchema,
  appointmentsQuerySchema,
  attendanceSchema,
  bulkCancelResultSchema,
  bulkCancelSchema,
  centerCancelSchema,
  seriesPreviewResultSchema,
  seriesPreviewSchema,
} from '@beratung/shared/schemas/booking';
import type { RouteRegistry } from '../http/routes';
import type { AppointmentsService } from './appointments.service';

const centerParams = z.object({ centerId: z.uuid() });
const appointmentParams = z.object({ centerId: z.uuid(), bookingId: z.uuid() });

/** Back office: the center's appointments (Termine) and Massen-Löschung. */
export function appointmentsRouter({
  registry,
  appointments,
}: {
  registry: RouteRegistry;
  appointments: AppointmentsService;
}): Router {
  const router = Router();
  const tag = 'Appointments';

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/appointments',
      tag,
      access: { centerRole: 'counselor' },
      summary:
        'Appointments in a date range (admins: all; counselors: their own), filtered by counselor, service, status',
      params: centerParams,
      query: appointmentsQuerySchema,
      response: appointmentListSchema,
    },
    async ({ auth, params, query }) => appointments.list(auth, params.centerId, query),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/centers/:centerId/appointments/:bookingId/cancel',
      tag,
      access: { centerRole: 'center_admin' },
      summary: 'Cancel an appointment; the person gets the message by mail',
      params: appointmentParams,
      body: centerCancelSchema,
    },
    async ({ auth, params, body }) =>
      appointments.cancel(auth, params.centerId, params.bookingId, body.message),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/centers/:centerId/appointments/:bookingId/attendance',
      tag,
      access: { centerRole: 'counselor' },
      summary: 'Mark an appointment that has begun as attended or no-show (or undo with "booked")',
      params: appointmentParams,
      body: attendanceSchema,
    },
    async ({ auth, params, body }) =>
      appointments.markAttendance(auth, params.centerId, params.bookingId, body.status),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/centers/:centerId/appointments/bulk-cancel',
      tag,
      access: { centerRole: 'center_admin' },
      summary:
        'Massen-Löschung: without `confirm` a preview (count and token); with the token, cancel those appointments and tell each person',
      params: centerParams,
      body: bulkCancelSchema,
      response: bulkCancelResultSchema,
    },
    async ({ auth, params, body }) => appointments.bulkCancel(auth, params.centerId, body),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/appointments/conflicts',
      tag,
      access: { centerRole: 'center_admin' },
      summary: 'Upcoming appointments that the current rules (hours, availability, absences) no longer allow',
      params: centerParams,
      response: appointmentListSchema,
    },
    async ({ params }) => appointments.conflicts(params.centerId),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/centers/:centerId/absence-series/preview',
      tag,
      access: { centerRole: 'center_admin' },
      summary: 'The occurrences an absence series (Abwesenheitsserie) would produce, in the center zone',
      params: centerParams,
      body: seriesPreviewSchema,
      response: seriesPreviewResultSchema,
    },
    async ({ params, body }) => appointments.previewSeries(params.centerId, body),
  );

  return router;
}
