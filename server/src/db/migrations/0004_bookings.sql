-- Appointments (ARCHITECTURE.md §3–4). A hold and a booking are rows of one table, so
-- that one pair of exclusion constraints covers both: no counselor and no room is ever
-- blocked twice over the same time, whatever the application does.

alter table centers
  -- minutes before an appointment at which a reminder is mailed (empty: none)
  add column reminder_offsets_minutes integer[] not null default '{1440}'
    check (array_position(reminder_offsets_minutes, null) is null
           and 0 < all (reminder_offsets_minutes) and 20160 >= all (reminder_offsets_minutes)),
  -- days after an appointment at which the person's contact data is deleted
  add column booking_contact_retention_days integer not null default 30
    check (booking_contact_retention_days between 0 and 3650);

create table bookings (
  id uuid primary key default gen_random_uuid(),
  center_id uuid not null references centers (id) on delete cascade,
  service_id uuid not null,
  counselor_id uuid not null,
  room_id uuid,
  -- held: reserved while the person types (until hold_expires_at); booked; cancelled;
  -- attended / no_show: marked by the center afterwards
  status text not null check (status in ('held', 'booked', 'cancelled', 'attended', 'no_show')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  -- [start - buffer before, end + buffer after) of the booking's own service
  blocked_from timestamptz not null,
  blocked_to timestamptz not null,
  -- Rows with the same key may share resources: the seats of one group session
  -- (capacity > 1). Every other booking has a key of its own.
  session_key text not null,
  hold_expires_at timestamptz,
  -- what the person quotes and the link's secret (only its SHA-256 is stored)
  code text unique,
  manage_token_hash bytea,
  locale text not null default 'de' check (locale in ('de', 'en')),
  contact_name text,
  contact_email text,
  contact_phone text,
  note text,
  contact_deleted_at timestamptz,
  -- when the person last got a confirmation for this start (reminders due before it are skipped)
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  cancelled_by text check (cancelled_by in ('person', 'center')),
  cancel_message text,
  rescheduled_from uuid references bookings (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (blocked_from <= starts_at and blocked_to >= ends_at),
  check ((status = 'held') = (hold_expires_at is not null)),
  check (status = 'held' or (code is not null and manage_token_hash is not null)),
  -- A service or resource with appointments is not deleted behind the center's back:
  -- it is deactivated, or its appointments are cancelled first.
  foreign key (service_id, center_id) references services (id, center_id) on delete restrict,
  foreign key (counselor_id, center_id) references counselors (id, center_id) on delete restrict,
  foreign key (room_id, center_id) references rooms (id, center_id) on delete restrict,
  constraint bookings_counselor_free exclude using gist (
    counselor_id with =,
    tstzrange(blocked_from, blocked_to) with &&,
    session_key with <>
  ) where (status <> 'cancelled'),
  constraint bookings_room_free exclude using gist (
    room_id with =,
    tstzrange(blocked_from, blocked_to) with &&,
    session_key with <>
  ) where (status <> 'cancelled')
);
create index bookings_center_start_idx on bookings (center_id, starts_at);
create index bookings_service_start_idx on bookings (service_id, starts_at) where status <> 'cancelled';
create index bookings_holds_idx on bookings (hold_expires_at) where status = 'held';
create index bookings_reminder_idx on bookings (starts_at) where status = 'booked' and contact_email is not null;
create index bookings_retention_idx on bookings (ends_at) where contact_deleted_at is null;
