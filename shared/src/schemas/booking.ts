import { z } from 'zod';
import { localeSchema } from './common';
import {
  SERVICE_MODES,
  email,
  isoDate,
  isoDateTime,
  localTime,
  phone,
  rruleProblem,
  text,
} from './import-format';

/**
 * Online appointment booking (issue 4): the public API a help seeker uses without a
 * login — services, free slots, holds, bookings, and managing a booking by its code
 * and the secret token from the confirmation link.
 */

/** Longest date range one slot query may cover (inclusive days). */
export const MAX_SLOT_RANGE_DAYS = 62;

/** The booking code people quote on the phone: 8 characters of Crockford base32, e.g. "K7PD-3QX9". */
export const BOOKING_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
export const bookingCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(BOOKING_CODE_PATTERN, 'must be a booking code like K7PD-3QX9');

/** Header that carries the secret token of the manage link. */
export const BOOKING_TOKEN_HEADER = 'x-booking-token';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:mm');

export const bookingAddressSchema = z.object({
  name: z.string().optional(),
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
});
export type BookingAddress = z.infer<typeof bookingAddressSchema>;

export const publicServiceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().optional(),
  topic: z.string().optional(),
  mode: z.enum(SERVICE_MODES),
  durationMinutes: z.int(),
  capacity: z.int(),
  minNoticeMinutes: z.int(),
  horizonDays: z.int(),
  /** Where an on-site appointment takes place. */
  address: bookingAddressSchema.optional(),
});
export type PublicService = z.infer<typeof publicServiceSchema>;

export const centerServicesSchema = z.object({
  center: z.object({ id: z.uuid(), name: z.string(), timezone: z.string() }),
  services: z.array(publicServiceSchema),
});
export type CenterServices = z.infer<typeof centerServicesSchema>;

const dateRange = {
  serviceId: z.uuid(),
  from: isoDate,
  to: isoDate,
};
function checkRange(value: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const days = (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000;
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (days + 1 > MAX_SLOT_RANGE_DAYS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range may cover at most ${MAX_SLOT_RANGE_DAYS} days`,
    });
}

export const slotsQuerySchema = z
  .object({
    ...dateRange,
    time: hhmm.optional().describe('Only starts at this local time ("search by a preferred time")'),
  })
  .superRefine(checkRange);
export type SlotsQuery = z.infer<typeof slotsQuerySchema>;

export const slotDaysQuerySchema = z.object(dateRange).superRefine(checkRange);
export type SlotDaysQuery = z.infer<typeof slotDaysQuerySchema>;

export const publicSlotSchema = z.object({
  start: z.string().describe('ISO 8601 with the offset of the center’s zone'),
  end: z.string(),
  /** Group appointments only: free seats. */
  seatsLeft: z.int().optional(),
});
export type PublicSlot = z.infer<typeof publicSlotSchema>;

export const slotsResponseSchema = z.object({
  timezone: z.string(),
  slots: z.array(publicSlotSchema),
  /** With `time`: the dates (YYYY-MM-DD) on which that time is free. */
  days: z.array(z.string()).optional(),
});
export type SlotsResponse = z.infer<typeof slotsResponseSchema>;

export const slotDaysResponseSchema = z.object({
  timezone: z.string(),
  days: z.array(z.object({ date: z.string(), slots: z.int() })),
});
export type SlotDaysResponse = z.infer<typeof slotDaysResponseSchema>;

export const holdRequestSchema = z.object({ serviceId: z.uuid(), start: isoDateTime });
export type HoldRequest = z.infer<typeof holdRequestSchema>;

export const holdSchema = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  start: z.string(),
  end: z.string(),
  expiresAt: z.string(),
});
export type Hold = z.infer<typeof holdSchema>;

export const bookingContactSchema = z.strictObject({
  name: text(200).optional(),
  email: email.optional(),
  phone: phone.optional(),
});
export type BookingContact = z.infer<typeof bookingContactSchema>;

export const bookingRequestSchema = z
  .strictObject({
    holdId: z.uuid().optional(),
    serviceId: z.uuid().optional(),
    start: isoDateTime.optional(),
    contact: bookingContactSchema.default({}),
    note: text(2000).optional(),
    locale: localeSchema.default('de'),
  })
  .superRefine((value, ctx) => {
    if (value.holdId === undefined && (value.serviceId === undefined || value.start === undefined))
      ctx.addIssue({ code: 'custom', path: ['holdId'], message: 'give holdId, or serviceId and start' });
    if (value.holdId !== undefined && (value.serviceId !== undefined || value.start !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['holdId'],
        message: 'give either holdId or serviceId and start',
      });
  });
export type BookingRequest = z.input<typeof bookingRequestSchema>;

export const BOOKING_STATUSES = ['held', 'booked', 'cancelled', 'attended', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const bookingViewSchema = z.object({
  code: z.string(),
  status: z.enum(BOOKING_STATUSES),
  start: z.string(),
  end: z.string(),
  timezone: z.string(),
  center: z.object({ id: z.uuid(), name: z.string() }),
  service: z.object({
    id: z.uuid(),
    name: z.string(),
    mode: z.enum(SERVICE_MODES),
    durationMinutes: z.int(),
  }),
  /** A postal address for on-site appointments, else "Telefon" / "Video" in the booking's language. */
  location: z.string(),
  counselorName: z.string().optional(),
  contact: z.object({
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
  }),
  note: z.string().optional(),
  locale: localeSchema,
  /** Cancelling and rescheduling are possible until the appointment starts. */
  changeable: z.boolean(),
  cancelMessage: z.string().optional(),
});
export type BookingView = z.infer<typeof bookingViewSchema>;

export const bookingCreatedSchema = bookingViewSchema.extend({
  /** Link to view, cancel, reschedule and download the appointment (contains the secret token). */
  manageUrl: z.string(),
  /** The secret token of the manage link, for clients that keep it themselves. */
  token: z.string(),
});
export type BookingCreated = z.infer<typeof bookingCreatedSchema>;

export const cancelBookingSchema = z.strictObject({ reason: text(1000).optional() });
export const rescheduleBookingSchema = z
  .strictObject({ holdId: z.uuid().optional(), start: isoDateTime.optional() })
  .refine((v) => (v.holdId === undefined) !== (v.start === undefined), {
    message: 'give either holdId or start',
    path: ['holdId'],
  });
export type RescheduleBooking = z.infer<typeof rescheduleBookingSchema>;

// --- Back office (center staff): the list of appointments and what the center does with them ---

export const appointmentsQuerySchema = z
  .object({
    from: isoDate,
    to: isoDate,
    counselorId: z.uuid().optional(),
    serviceId: z.uuid().optional(),
    status: z.enum(BOOKING_STATUSES).optional(),
  })
  .superRefine((value, ctx) => {
    const days = (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (days > 366)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the range may cover at most a year' });
  });
export type AppointmentsQuery = z.infer<typeof appointmentsQuerySchema>;

export const appointmentSchema = z.object({
  id: z.uuid(),
  code: z.string().optional(),
  status: z.enum(BOOKING_STATUSES),
  start: z.string(),
  end: z.string(),
  service: z.object({ id: z.uuid(), name: z.string(), mode: z.enum(SERVICE_MODES) }),
  counselor: z.object({ id: z.uuid(), name: z.string() }),
  room: z.object({ id: z.uuid(), name: z.string() }).optional(),
  contact: z.object({
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
  }),
  note: z.string().optional(),
  cancelledBy: z.enum(['person', 'center']).optional(),
  cancelMessage: z.string().optional(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentListSchema = z.object({
  timezone: z.string(),
  appointments: z.array(appointmentSchema),
});
export type AppointmentList = z.infer<typeof appointmentListSchema>;

export const centerCancelSchema = z.strictObject({
  message: text(2000).optional().describe('Sent to the person with the cancellation'),
});
export const attendanceSchema = z.strictObject({ status: z.enum(['attended', 'no_show', 'booked']) });

/** Massen-Löschung: first without `confirm` (a preview), then with the token the preview returned. */
export const bulkCancelSchema = z.strictObject({
  from: isoDate,
  to: isoDate,
  message: text(2000).optional(),
  confirm: z.string().max(200).optional(),
});
export const bulkCancelResultSchema = z.object({
  /** Appointments in the range that would be (or were) cancelled. */
  count: z.int(),
  cancelled: z.boolean(),
  /** Preview only: send it back as `confirm` to cancel exactly these appointments. */
  confirmToken: z.string().optional(),
});
export type BulkCancelResult = z.infer<typeof bulkCancelResultSchema>;

/** Preview of the occurrences an absence series (Abwesenheitsserie) produces. */
export const seriesPreviewSchema = z
  .strictObject({
    rrule: z
      .string()
      .max(500)
      .superRefine((rule, ctx) => {
        const problem = rruleProblem(rule);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    startDate: isoDate,
    endDate: isoDate.optional(),
    wholeDay: z.boolean().default(false),
    start: localTime.optional(),
    end: localTime.optional(),
    limit: z.int().min(1).max(500).default(50),
  })
  .superRefine((value, ctx) => {
    if (!value.wholeDay && (value.start === undefined || value.end === undefined))
      ctx.addIssue({ code: 'custom', path: ['start'], message: 'give start and end, or wholeDay' });
    if (value.endDate !== undefined && value.endDate < value.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
  });
export const seriesPreviewResultSchema = z.object({
  occurrences: z.array(z.object({ date: z.string(), start: z.string(), end: z.string() })),
  /** True when the series has more occurrences than `limit`. */
  more: z.boolean(),
});

// --- Booking settings of a center (reminders, how long contact data is kept) ---

/** A reminder is mailed at least 15 minutes and at most 14 days before the appointment. */
export const REMINDER_OFFSET_MIN_MINUTES = 15;
export const REMINDER_OFFSET_MAX_MINUTES = 14 * 24 * 60;
export const MAX_REMINDER_OFFSETS = 5;
export const CONTACT_RETENTION_MAX_DAYS = 365;

export const bookingSettingsSchema = z.strictObject({
  reminderOffsetsMinutes: z
    .array(
      z
        .int()
        .min(REMINDER_OFFSET_MIN_MINUTES, 'a reminder goes out at least 15 minutes before')
        .max(REMINDER_OFFSET_MAX_MINUTES, 'a reminder goes out at most 14 days (20160 minutes) before'),
    )
    .max(MAX_REMINDER_OFFSETS, `at most ${MAX_REMINDER_OFFSETS} reminders`)
    .superRefine((offsets, ctx) => {
      offsets.forEach((offset, index) => {
        if (offsets.indexOf(offset) !== index)
          ctx.addIssue({ code: 'custom', path: [index], message: `${offset} minutes is listed twice` });
      });
    })
    .describe('Minutes before the appointment at which a reminder is mailed; empty: no reminders'),
  contactRetentionDays: z
    .int()
    .min(1)
    .max(CONTACT_RETENTION_MAX_DAYS)
    .describe("Days after the appointment at which the person's contact data is deleted"),
});
export type BookingSettings = z.infer<typeof bookingSettingsSchema>;

/** Reminder offsets as stored and shown: the earliest reminder (largest offset) first. */
export function sortReminderOffsets(offsets: readonly number[]): number[] {
  return [...offsets].sort((a, b) => b - a);
}
