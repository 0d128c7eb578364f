import type { ColumnType, Generated } from 'kysely';
import type { BookingStatus } from '@beratung/shared/schemas/booking';

/** Row types of the booking tables (migrations/0004_bookings.sql). */

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Columns that 0004 adds to `centers`. */
export interface CenterBookingColumns {
  reminder_offsets_minutes: ColumnType<number[], number[] | undefined, number[]>;
  booking_contact_retention_days: Generated<number>;
}

export interface BookingsTable {
  id: Generated<string>;
  center_id: string;
  service_id: string;
  counselor_id: string;
  room_id: string | null;
  status: BookingStatus;
  starts_at: Timestamp;
  ends_at: Timestamp;
  blocked_from: Timestamp;
  blocked_to: Timestamp;
  session_key: string;
  hold_expires_at: NullableTimestamp;
  code: string | null;
  manage_token_hash: Buffer | null;
  locale: Generated<'de' | 'en'>;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  note: string | null;
  contact_deleted_at: NullableTimestamp;
  confirmed_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  cancelled_by: 'person' | 'center' | null;
  cancel_message: string | null;
  rescheduled_from: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface BookingTables {
  centers: CenterBookingColumns;
  bookings: BookingsTable;
}
