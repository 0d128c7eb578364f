import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  BOOKING_TOKEN_HEADER,
  bookingCodeSchema,
  bookingCreatedSchema,
  bookingRequestSchema,
  bookingViewSchema,
  cancelBookingSchema,
  centerServicesSchema,
  holdRequestSchema,
  holdSchema,
  rescheduleBookingSchema,
  slotDaysQuerySchema,
  slotDaysResponseSchema,
  slotsQuerySchema,
  slotsResponseSchema,
} from '@beratung/shared/schemas/booking';
import type { RouteRegistry } from '../http/routes';
import { NotFoundError } from '../http/errors';
import type { BookingService } from './booking.service';

const codeParams = z.object({ code: bookingCodeSchema });

function tokenOf(req: Request): string {
  const token = req.get(BOOKING_TOKEN_HEADER);
  if (!token) throw new NotFoundError('Booking');
  return token;
}

/** The public booking API: no login; a booking is managed with its code and secret token. */
export function bookingRouter({
  registry,
  bookings,
}: {
  registry: RouteRegistry;
  bookings: BookingService;
}): Router {
  const router = Router();
  const tag = 'Booking';

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/services',
      tag,
      access: 'public',
      summary: 'The bookable services of a center',
      params: z.object({ centerId: z.uuid() }),
      response: centerServicesSchema,
    },
    async ({ params }) => bookings.centerServices(params.centerId),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/slots',
      tag,
      access: 'public',
      summary:
        'Free start times of a service between two dates; with `time`, only that time and the dates it is free',
      query: slotsQuerySchema,
      response: slotsResponseSchema,
    },
    async ({ query }) => bookings.slots(query),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/slots/days',
      tag,
      access: 'public',
      summary: 'The dates that have free slots, with their number (for the calendar)',
      query: slotDaysQuerySchema,
      response: slotDaysResponseSchema,
    },
    async ({ query }) => bookings.slotDays(query),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/holds',
      tag,
      access: 'public',
      summary: 'Reserve a slot for a few minutes while the person enters the contact data',
      body: holdRequestSchema,
      response: holdSchema,
      status: 201,
    },
    async ({ body }) => bookings.hold(body.serviceId, body.start),
  );

  registry.add(
    router,
    {
      method: 'delete',
      path: '/api/holds/:holdId',
      tag,
      access: 'public',
      summary: 'Release a hold',
      params: z.object({ holdId: z.uuid() }),
    },
    async ({ params }) => {
      await bookings.releaseHold(params.holdId);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/bookings',
      tag,
      access: 'public',
      summary: 'Book a held slot (holdId) or a free start (serviceId, start); 409 SLOT_TAKEN when it is gone',
      body: bookingRequestSchema,
      response: bookingCreatedSchema,
      status: 201,
    },
    async ({ body }) => {
      const { id, token } = await bookings.book(body);
      const view = await bookings.view(id);
      return {
        ...view,
        token,
        manageUrl: bookings.manageUrl(view.code, token),
      };
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/bookings/:code',
      tag,
      access: 'public',
      summary: `A booking, with the secret token of its link in the ${BOOKING_TOKEN_HEADER} header`,
      params: codeParams,
      response: bookingViewSchema,
    },
    async ({ req, params }) => bookings.view(await bookings.findByCode(params.code, tokenOf(req))),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/bookings/:code/cancel',
      tag,
      access: 'public',
      summary: 'Cancel a booking (until it starts)',
      params: codeParams,
      body: cancelBookingSchema,
      response: bookingViewSchema,
    },
    async ({ req, params, body }) => {
      const id = await bookings.findByCode(params.code, tokenOf(req));
      await bookings.cancelByPerson(id, body.reason);
      return bookings.view(id);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/bookings/:code/reschedule',
      tag,
      access: 'public',
      summary: 'Move a booking to another start; the new slot is taken before the old one is released',
      params: codeParams,
      body: rescheduleBookingSchema,
      response: bookingViewSchema,
    },
    async ({ req, params, body }) => {
      const id = await bookings.findByCode(params.code, tokenOf(req));
      await bookings.reschedule(id, body, tokenOf(req));
      return bookings.view(id);
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/bookings/:code/ics',
      tag,
      access: 'public',
      summary: 'The booking as an iCalendar file',
      params: codeParams,
      produces: 'text/calendar',
    },
    async ({ req, res, params }) => {
      const id = await bookings.findByCode(params.code, tokenOf(req));
      res
        .type('text/calendar; charset=utf-8')
        .set('content-disposition', `attachment; filename="termin-${params.code}.ics"`)
        .send(await bookings.ics(id));
    },
  );

  return router;
}
