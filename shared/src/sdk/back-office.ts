import type { z } from 'zod';
import type {
  AppointmentList,
  AppointmentsQuery,
  BulkCancelResult,
  attendanceSchema,
  bulkCancelSchema,
  seriesPreviewResultSchema,
  seriesPreviewSchema,
} from '../schemas/booking';
import type { ApiClient } from './http';

export type {
  Appointment,
  AppointmentList,
  AppointmentsQuery,
  BookingStatus,
  BulkCancelResult,
} from '../schemas/booking';

/** What an attendance mark sets: `booked` undoes an earlier mark. */
export type AttendanceStatus = z.infer<typeof attendanceSchema>['status'];
/** Massen-Löschung: without `confirm` a preview; with the preview's token the cancellation. */
export type BulkCancelRequest = z.infer<typeof bulkCancelSchema>;
/** An absence series (Abwesenheitsserie) to preview; `wholeDay` and `limit` have defaults. */
export type SeriesPreviewRequest = z.input<typeof seriesPreviewSchema>;
export type SeriesPreview = z.infer<typeof seriesPreviewResultSchema>;

const centerPath = (centerId: string) => `/api/centers/${encodeURIComponent(centerId)}`;

/** Back office (center staff, logged in): the center's appointments (Termine). */
export class BackOfficeCalls {
  constructor(private readonly api: ApiClient) {}

  /** Appointments starting between the local dates from and to; counselors get only their own. */
  appointments(centerId: string, query: AppointmentsQuery): Promise<AppointmentList> {
    return this.api.get(`${centerPath(centerId)}/appointments`, {
      from: query.from,
      to: query.to,
      counselorId: query.counselorId,
      serviceId: query.serviceId,
      status: query.status,
    });
  }

  /**
   * Center admins: cancels a booked appointment; the person gets `message` by mail.
   * @throws ApiError 409 NOT_CANCELLABLE when it is no longer booked
   */
  cancel(centerId: string, bookingId: string, message?: string): Promise<void> {
    return this.api.post(
      `${centerPath(centerId)}/appointments/${encodeURIComponent(bookingId)}/cancel`,
      message ? { message } : {},
    );
  }

  /** @throws ApiError 409 APPOINTMENT_NOT_STARTED before the start, APPOINTMENT_CANCELLED */
  attendance(centerId: string, bookingId: string, status: AttendanceStatus): Promise<void> {
    return this.api.post(`${centerPath(centerId)}/appointments/${encodeURIComponent(bookingId)}/attendance`, {
      status,
    });
  }

  /**
   * Center admins, Massen-Löschung: call without `confirm` for the count and a token,
   * then with `confirm: token` to cancel exactly those appointments.
   * @throws ApiError 409 BULK_CHANGED when the set changed since the preview
   */
  bulkCancel(centerId: string, request: BulkCancelRequest): Promise<BulkCancelResult> {
    return this.api.post(`${centerPath(centerId)}/appointments/bulk-cancel`, request);
  }

  /** Center admins: upcoming booked appointments that the current rules no longer allow. */
  conflicts(centerId: string): Promise<AppointmentList> {
    return this.api.get(`${centerPath(centerId)}/appointments/conflicts`);
  }

  /** Center admins: the occurrences an absence series would produce, in the center's zone. */
  previewAbsenceSeries(centerId: string, series: SeriesPreviewRequest): Promise<SeriesPreview> {
    return this.api.post(`${centerPath(centerId)}/absence-series/preview`, series);
  }
}
