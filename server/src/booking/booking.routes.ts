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
import type { LimitName, RateLimits } from '../security/rate-limit';
import type { BookingService } from './booking.service';

const codeParams = z.object({ code: bookingCodeSchema });

function tokenOf(req: Request): string {
  const token = req.get(BOOKING_TOKEN_HEADER);
  if (!token) throw new NotFoundError('Booking');
  return token;
}

const clientOf = (req: Request) => req.ip ?? 'unknown';

/**
 * The public booking API: no login; a booking is managed with its code and secret token.
 * Without a login, the client address is what reads, holds and bookings are counted by.
 */
export function bookingRouter({
  registry,
  bookings,
  rateLimits,
}: {
  registry: RouteRegistry;
  bookings: BookingService;
  rateLimits: RateLimits;
}): Router {
  const router = Router();
  const tag = 'Booking';
  const perClient = (name: LimitName) => (req: Request) => rateLimits.consume(name, clientOf(req));

  /**
   * The booking a code and the token header name. Every check counts against the code
   * and the client address and a correct one gives its points back, so only failures
   * count: 429 stops guessing a code's token long before the search space matters, while
   * the owner who opens the manage link again and again is never limited.
   */
  async function managedBooking(req: Request, code: string): Promise<string> {
    const client = clientOf(req);
    await rateLimits.consume('manageFailuresPerClient', client);
    try {
      await rateLimits.consume('manageFailuresPerCode', code);
    } catch (error) {
      // A code already locked costs the address nothing more.
      await rateLimits.refund('manageFailuresPerClient', client);
      throw error;
    }
    const id = await bookings.findByCode(code, tokenOf(req));
    await Promise.all([
      rateLimits.refund('manageFailuresPerClient', client),
      rateLimits.refund('manageFailuresPerCode', code),
    ]);
    return id;
  }

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
      before: perClient('slotReadsPerClient'),
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
      before: perClient('slotReadsPerClient'),
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
      before: perClient('holdsPerClient'),
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
      before: perClient('bookingsPerClient'),
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
    async ({ req, params }) => bookings.view(await managedBooking(req, params.code)),
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
      const id = await managedBooking(req, params.code);
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
      const id = await managedBooking(req, params.code);
      // A move takes a slot and mails the contact address like a booking, so it counts as one.
      await rateLimits.consume('bookingsPerClient', clientOf(req));
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
      const id = await managedBooking(req, params.code);
      res
        .type('text/calendar; charset=utf-8')
        .set('content-disposition', `attachment; filename="termin-${params.code}.ics"`)
        .send(await bookings.ics(id));
    },
  );

  return router;
}
