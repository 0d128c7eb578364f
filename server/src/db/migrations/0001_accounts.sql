-- Accounts, sessions, roles, key material and the trust chain (ARCHITECTURE.md §5).
create extension if not exists btree_gist;
create extension if not exists pg_trgm;

create table centers (
  id uuid primary key default gen_random_uuid(),
  external_id text unique,
  organisation text not null,
  name text not null,
  timezone text not null default 'Europe/Berlin',
  -- per-center policy: counselors of this center must use a second factor
  counselor_mfa_required boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('seeker', 'staff')),
  -- pseudonym (help seeker) or email (staff), lower-cased: the unique login name
  login text not null unique,
  display_name text not null,
  email text,
  locale text not null default 'de' check (locale in ('de', 'en')),
  is_platform_admin boolean not null default false,
  -- crypto_pwhash_str of the client-derived authKey; the password never reaches us
  auth_hash text not null,
  kdf jsonb not null,
  box_public_key text not null,
  sign_public_key text not null,
  key_signature text not null,
  wrapped_keys jsonb not null,
  recovery jsonb,
  recovery_auth_hash text,
  totp_secret text,
  totp_enabled boolean not null default false,
  -- last accepted TOTP time step: a code is accepted once
  totp_last_step bigint,
  created_at timestamptz not null default now(),
  last_login_at timestamptz,
  last_active_at timestamptz not null default now()
);

create table memberships (
  account_id uuid not null references accounts (id) on delete cascade,
  center_id uuid not null references centers (id) on delete cascade,
  role text not null check (role in ('counselor', 'center_admin')),
  created_at timestamptz not null default now(),
  primary key (account_id, center_id)
);
create index memberships_center_idx on memberships (center_id);

create table invites (
  id uuid primary key default gen_random_uuid(),
  center_id uuid not null references centers (id) on delete cascade,
  email text not null,
  display_name text not null,
  role text not null check (role in ('counselor', 'center_admin')),
  token_hash text not null unique,
  created_by uuid references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_account_id uuid references accounts (id) on delete set null
);

create table sessions (
  id_hash text primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  stage text not null check (stage in ('full', 'mfa_pending', 'mfa_setup')),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  idle_timeout_seconds integer not null,
  expires_at timestamptz not null
);
create index sessions_account_idx on sessions (account_id);

create table totp_recovery_codes (
  account_id uuid not null references accounts (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (account_id, code_hash)
);

-- Trust chain: the platform signing key certifies center admins' signing keys.
create table admin_certificates (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  center_id uuid not null references centers (id) on delete cascade,
  payload text not null,
  signature text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index admin_certificates_center_idx on admin_certificates (center_id);

-- Center team key (one per epoch) and the admin-signed list of members entitled to it.
create table center_team_keys (
  center_id uuid not null references centers (id) on delete cascade,
  epoch integer not null,
  box_public_key text not null,
  statement text not null,
  signature text not null,
  signed_by uuid references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (center_id, epoch)
);

create table center_member_lists (
  center_id uuid not null references centers (id) on delete cascade,
  version integer not null,
  payload text not null,
  signature text not null,
  signed_by uuid references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (center_id, version)
);

-- The team private key sealed (crypto_box_seal) to one member's box key.
create table team_key_grants (
  center_id uuid not null,
  epoch integer not null,
  account_id uuid not null references accounts (id) on delete cascade,
  sealed_key text not null,
  granted_by uuid references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (center_id, epoch, account_id),
  foreign key (center_id, epoch) references center_team_keys (center_id, epoch) on delete cascade
);

-- The platform signing key's private half, sealed to each platform admin.
create table platform_key_grants (
  account_id uuid primary key references accounts (id) on delete cascade,
  sign_public_key text not null,
  sealed_key text not null,
  created_at timestamptz not null default now()
);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_account_id uuid references accounts (id) on delete set null,
  center_id uuid references centers (id) on delete set null,
  action text not null,
  target_type text,
  target_id text,
  details jsonb not null default '{}'::jsonb
);
create index audit_log_center_idx on audit_log (center_id, at desc);

-- Durable outbox: mails are rows first, sent by the job runner.
create table mail_outbox (
  id uuid primary key default gen_random_uuid(),
  dedupe_key text unique,
  to_address text not null,
  subject text not null,
  text_body text not null,
  html_body text,
  attachments jsonb not null default '[]'::jsonb,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status = 'pending';
