import type {
  BookingCreated,
  BookingRequest,
  BookingView,
  CenterServices,
  Hold,
  RescheduleBooking,
  SlotDaysResponse,
  SlotsResponse,
} from '../schemas/booking';
import { BOOKING_TOKEN_HEADER } from '../schemas/booking';
import type { ApiClient } from './http';

export type {
  BookingCreated,
  BookingRequest,
  BookingView,
  CenterServices,
  Hold,
  PublicService,
  PublicSlot,
  RescheduleBooking,
  SlotDaysResponse,
  SlotsResponse,
} from '../schemas/booking';

/** Online appointment booking: public calls, no login needed. */
export class BookingCalls {
  constructor(private readonly api: ApiClient) {}

  services(centerId: string): Promise<CenterServices> {
    return this.api.get(`/api/centers/${encodeURIComponent(centerId)}/services`);
  }

  /** Free start times; with `time` ('HH:mm') only that time, and `days` lists the dates it is free. */
  slots(query: { serviceId: string; from: string; to: string; time?: string }): Promise<SlotsResponse> {
    return this.api.get('/api/slots', query);
  }

  /** The dates between from and to that have free slots, for the calendar. */
  slotDays(query: { serviceId: string; from: string; to: string }): Promise<SlotDaysResponse> {
    return this.api.get('/api/slots/days', query);
  }

  hold(serviceId: string, start: string): Promise<Hold> {
    return this.api.post('/api/holds', { serviceId, start });
  }

  releaseHold(holdId: string): Promise<void> {
    return this.api.delete(`/api/holds/${encodeURIComponent(holdId)}`);
  }

  /** @throws ApiError 409 SLOT_TAKEN when the slot is gone, 410 HOLD_EXPIRED */
  book(request: BookingRequest): Promise<BookingCreated> {
    return this.api.post('/api/bookings', request);
  }

  view(code: string, token: string): Promise<BookingView> {
    return this.api.request('GET', `/api/bookings/${encodeURIComponent(code)}`, {
      headers: { [BOOKING_TOKEN_HEADER]: token },
    });
  }

  cancel(code: string, token: string, reason?: string): Promise<BookingView> {
    return this.api.request('POST', `/api/bookings/${encodeURIComponent(code)}/cancel`, {
      headers: { [BOOKING_TOKEN_HEADER]: token },
      body: reason ? { reason } : {},
    });
  }

  /** Moves the appointment: the new slot is taken before the old one is released. */
  reschedule(code: string, token: string, to: RescheduleBooking): Promise<BookingView> {
    return this.api.request('POST', `/api/bookings/${encodeURIComponent(code)}/reschedule`, {
      headers: { [BOOKING_TOKEN_HEADER]: token },
      body: to,
    });
  }

  /** The appointment as an iCalendar file (text/calendar). */
  ics(code: string, token: string): Promise<string> {
    return this.api.text('GET', `/api/bookings/${encodeURIComponent(code)}/ics`, {
      headers: { [BOOKING_TOKEN_HEADER]: token, accept: 'text/calendar' },
    });
  }
}
