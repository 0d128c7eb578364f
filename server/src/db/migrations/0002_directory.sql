-- Directory and scheduling data (ARCHITECTURE.md §3–4): the centers' self-service data,
-- the topic taxonomy, service areas, rooms, services, counselors (scheduling resources,
-- not logins) and their schedules. Rows that can be imported carry an `external_id`,
-- unique per center, so an import matches rows instead of duplicating them.

-- A local wall-clock time 'HH:mm'; '24:00' is only meaningful as the end of an interval.
create domain hhmm as text check (value ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$');

-- Minutes since midnight, immutable so that it can be used in constraints and indexes.
create function hhmm_minutes(value text) returns integer
  language sql immutable strict parallel safe
  as $$ select split_part(value, ':', 1)::integer * 60 + split_part(value, ':', 2)::integer $$;

alter table centers
  add column description text,
  add column website text,
  add column offers_online_chat boolean not null default false,
  add column offers_video boolean not null default false,
  add column offers_onsite boolean not null default true,
  add column offers_anonymous boolean not null default false,
  -- Bundesland whose public holidays close the center (ISO 3166-2:DE without 'DE-')
  add column holidays_state text check (holidays_state in (
    'BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH')),
  add column observe_public_holidays boolean not null default true,
  -- receives anonymous inquiries from areas no center's service area covers
  add column is_fallback boolean not null default false;
create unique index centers_one_fallback_idx on centers (is_fallback) where is_fallback;

create table topics (
  key text primary key check (key ~ '^[a-z][a-z0-9-]{0,59}$'),
  parent_key text references topics (key),
  label_de text not null,
  label_en text not null,
  sort_order integer not null default 0,
  check (parent_key is null or parent_key <> key)
);
create index topics_parent_idx on topics (parent_key);

insert into topics (key, parent_key, label_de, label_en, sort_order) values
  ('suchtberatung', null, 'Suchtberatung', 'Addiction counselling', 10),
  ('schuldnerberatung', null, 'Schuldnerberatung', 'Debt counselling', 20),
  ('wohnungsnotfallhilfe', null, 'Wohnungsnotfallhilfe', 'Housing emergency assistance', 30),
  ('alkohol', 'suchtberatung', 'Alkohol', 'Alcohol', 11),
  ('drogen', 'suchtberatung', 'Drogen', 'Drugs', 12),
  ('medikamente', 'suchtberatung', 'Medikamente', 'Prescription drugs', 13),
  ('essstoerungen', 'suchtberatung', 'Essstörungen', 'Eating disorders', 14),
  ('gluecksspiel', 'suchtberatung', 'Glücksspiel', 'Gambling', 15),
  ('medien', 'suchtberatung', 'Medien und Internet', 'Media and internet use', 16),
  ('tabak', 'suchtberatung', 'Tabak', 'Tobacco', 17),
  ('angehoerige', 'suchtberatung', 'Angehörige', 'Family and friends', 18),
  ('insolvenz', 'schuldnerberatung', 'Verbraucherinsolvenz', 'Consumer insolvency', 21),
  ('pfaendungsschutz', 'schuldnerberatung', 'Pfändungsschutz (P-Konto)', 'Protection from garnishment', 22),
  ('haushaltsbudget', 'schuldnerberatung', 'Haushalts- und Budgetberatung', 'Household budget advice', 23),
  ('energieschulden', 'schuldnerberatung', 'Energieschulden', 'Energy debts', 24),
  ('wohnungssicherung', 'wohnungsnotfallhilfe', 'Drohender Wohnungsverlust', 'Imminent loss of housing', 31),
  ('mietschulden', 'wohnungsnotfallhilfe', 'Mietschulden', 'Rent arrears', 32),
  ('obdachlosigkeit', 'wohnungsnotfallhilfe', 'Hilfe bei Wohnungslosigkeit', 'Help for homeless people', 33),
  ('notunterkunft', 'wohnungsnotfallhilfe', 'Notunterkunft', 'Emergency shelter', 34);

create table center_topics (
  center_id uuid not null references centers (id) on delete cascade,
  topic_key text not null references topics (key),
  primary key (center_id, topic_key)
);
create index center_topics_topic_idx on center_topics (topic_key);

-- Postal-code ranges a center serves for one of its topics (a single code: from = to).
create table service_areas (
  center_id uuid not null,
  topic_key text not null,
  postal_from text not null check (postal_from ~ '^[0-9]{5}$'),
  postal_to text not null check (postal_to ~ '^[0-9]{5}$'),
  primary key (center_id, topic_key, postal_from),
  check (postal_from <= postal_to),
  foreign key (center_id, topic_key) references center_topics (center_id, topic_key) on delete cascade
);
create index service_areas_lookup_idx on service_areas (topic_key, postal_from, postal_to);

create table center_locations (
  id uuid primary key default gen_random_uuid(),
  center_id uuid not null references centers (id) on delete cascade,
  external_id text,
  name text,
  is_main boolean not null default false,
  street text not null,
  postal_code text not null check (postal_code ~ '^[0-9]{5}$'),
  city text not null,
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180),
  email text,
  phone text,
  website text,
  transport_hints text,
  parking_hints text,
  special_instructions text,
  accessibility text[] not null default '{}',
  languages text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (center_id, external_id),
  -- target of the (id, center_id) foreign keys that keep references inside one center
  unique (id, center_id)
);
create unique index center_locations_one_main_idx on center_locations (center_id) where is_main;

-- Intervals of one day may touch but not overlap.
create table opening_hours (
  location_id uuid not null references center_locations (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7),
  start_time hhmm not null,
  end_time hhmm not null,
  primary key (location_id, weekday, start_time),
  check (hhmm_minutes(end_time) > hhmm_minutes(start_time)),
  exclude using gist (
    location_id with =,
    weekday with =,
    int4range(hhmm_minutes(start_time), hhmm_minutes(end_time)) with &&
  )
);

create table announcements (
  id uuid primary key default gen_random_uuid(),
  center_id uuid not null references centers (id) on delete cascade,
  external_id text,
  text text not null,
  starts_at timestamptz,
  ends_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (center_id, external_id),
  check (ends_at is null or starts_at is null or ends_at > starts_at)
);

create table rooms (
  id uuid primary key default gen_random_uuid(),
  center_id uuid not null references centers (id) on delete cascade,
  external_id text,
  location_id uuid,
  name text not null,
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (center_id, external_id),
  unique (id, center_id),
  foreign key (location_id, center_id) references center_locations (id, center_id) on delete set null (location_id)
);

-- Counselors are scheduling resources; `account_id` links one to a login when there is one.
create table counselors (
  id uuid primary key default gen_random_uuid(),
  center_id uuid not null references centers (id) on delete cascade,
  external_id text,
  display_name text not null,
  email text,
  account_id uuid references accounts (id) on delete set null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (center_id, external_id),
  unique (id, center_id),
  unique (center_id, account_id)
);
create index counselors_account_idx on counselors (account_id) where account_id is not null;

create table availability (
  counselor_id uuid not null references counselors (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7),
  start_time hhmm not null,
  end_time hhmm not null,
  primary key (counselor_id, weekday, start_time),
  check (hhmm_minutes(end_time) > hhmm_minutes(start_time)),
  exclude using gist (
    counselor_id with =,
    weekday with =,
    int4range(hhmm_minutes(start_time), hhmm_minutes(end_time)) with &&
  )
);

create table services (
  id uuid primary key default gen_random_uuid(),
  center_id uuid not null references centers (id) on delete cascade,
  external_id text,
  location_id uuid,
  topic_key text,
  name text not null,
  description text,
  duration_minutes integer not null check (duration_minutes between 5 and 1440),
  buffer_before_minutes integer not null default 0 check (buffer_before_minutes between 0 and 1440),
  buffer_after_minutes integer not null default 0 check (buffer_after_minutes between 0 and 1440),
  step_minutes integer not null default 15 check (step_minutes between 5 and 1440),
  mode text not null check (mode in ('on_site', 'phone', 'video')),
  needs_room boolean not null default false,
  min_notice_minutes integer not null default 0 check (min_notice_minutes >= 0),
  horizon_days integer not null default 60 check (horizon_days between 1 and 730),
  capacity integer not null default 1 check (capacity between 1 and 500),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (center_id, external_id),
  unique (id, center_id),
  foreign key (location_id, center_id) references center_locations (id, center_id) on delete set null (location_id),
  foreign key (center_id, topic_key) references center_topics (center_id, topic_key) on delete set null (topic_key)
);

-- The counselors qualified for a service (both of the same center).
create table service_counselors (
  service_id uuid not null,
  counselor_id uuid not null,
  center_id uuid not null,
  primary key (service_id, counselor_id),
  foreign key (service_id, center_id) references services (id, center_id) on delete cascade,
  foreign key (counselor_id, center_id) references counselors (id, center_id) on delete cascade
);
create index service_counselors_counselor_idx on service_counselors (counselor_id);

-- A one-off absence of a counselor, a room, or (neither set) the whole center.
create table absences (
  id uuid primary key default gen_random_uuid(),
  center_id uuid not null references centers (id) on delete cascade,
  external_id text,
  counselor_id uuid,
  room_id uuid,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (center_id, external_id),
  check (ends_at > starts_at),
  check (counselor_id is null or room_id is null),
  foreign key (counselor_id, center_id) references counselors (id, center_id) on delete cascade,
  foreign key (room_id, center_id) references rooms (id, center_id) on delete cascade
);
create index absences_center_time_idx on absences (center_id, starts_at);
create index absences_counselor_idx on absences (counselor_id) where counselor_id is not null;
create index absences_room_idx on absences (room_id) where room_id is not null;

-- Recurring absence: RFC 5545 RRULE (without DTSTART) for the dates between start_date
-- and end_date, and a local time window on each of them (or the whole day).
create table absence_series (
  id uuid primary key default gen_random_uuid(),
  center_id uuid not null references centers (id) on delete cascade,
  external_id text,
  counselor_id uuid,
  room_id uuid,
  rrule text not null check (rrule ~ '(^|;)FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;|$)'),
  start_date date not null,
  end_date date,
  whole_day boolean not null default false,
  start_time hhmm,
  end_time hhmm,
  reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (center_id, external_id),
  check (end_date is null or end_date >= start_date),
  check (
    (whole_day and start_time is null and end_time is null)
    or (not whole_day and start_time is not null and end_time is not null
        and hhmm_minutes(end_time) > hhmm_minutes(start_time))
  ),
  check (counselor_id is null or room_id is null),
  foreign key (counselor_id, center_id) references counselors (id, center_id) on delete cascade,
  foreign key (room_id, center_id) references rooms (id, center_id) on delete cascade
);
create index absence_series_center_idx on absence_series (center_id);
