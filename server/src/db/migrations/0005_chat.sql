-- Anonymous end-to-end-encrypted chat (ARCHITECTURE.md §5, §6). The server keeps
-- ciphertext, nonces, sealed keys and the minimum of metadata; never plaintext.

alter table centers
  -- conversations archived this long (and help seekers inactive this long) are deleted
  add column chat_retention_days integer not null default 180 check (chat_retention_days between 1 and 3650),
  -- counselors get one mail per this many minutes when new inquiries wait (0: none)
  add column chat_inquiry_digest_minutes integer not null default 60
    check (chat_inquiry_digest_minutes between 0 and 10080),
  add column chat_digest_sent_at timestamptz;

-- A counselor's absence note, shown to the help seekers of their consultations. It is a
-- status the counselor publishes, not part of any conversation.
alter table accounts
  add column chat_absent boolean not null default false,
  add column chat_absence_message text check (char_length(chat_absence_message) <= 500);

create table conversations (
  id uuid primary key default gen_random_uuid(),
  center_id uuid not null references centers (id) on delete cascade,
  seeker_id uuid not null references accounts (id) on delete cascade,
  counselor_id uuid references accounts (id) on delete set null,
  topic text not null references topics (key),
  status text not null check (status in ('waiting', 'active', 'archived')),
  -- the center team key epoch the first conversation key was sealed to
  team_epoch integer not null,
  -- the conversation key epoch messages are currently written with
  key_epoch integer not null default 1,
  -- the server sequence of the last stored message or event
  last_seq bigint not null default 0,
  -- the last entry each side wrote itself: what one wrote counts as read by one, without
  -- touching the receipts table (and its row locks) on every message
  seeker_wrote_seq bigint not null default 0,
  staff_wrote_seq bigint not null default 0,
  -- set when the counselor who held it left the center: the help seeker's client makes
  -- a new conversation key epoch, sealed to a team key of at least this epoch (one the
  -- former counselor never held), before anything more is written (ARCHITECTURE.md §5)
  rekey_min_team_epoch integer,
  -- a counselor proposed to move the conversation to another center; it moves only
  -- when the help seeker agrees (their client seals the keys to that center's team)
  transfer_center_id uuid references centers (id) on delete set null,
  created_at timestamptz not null default now(),
  taken_at timestamptz,
  archived_at timestamptz,
  last_message_at timestamptz,
  check (status <> 'waiting' or counselor_id is null)
);
create index conversations_queue_idx on conversations (center_id, created_at) where status = 'waiting';
create index conversations_seeker_idx on conversations (seeker_id);
create index conversations_counselor_idx on conversations (counselor_id, status);
create index conversations_archived_idx on conversations (archived_at) where status = 'archived';

-- The conversation key of one epoch, sealed to one account or to the center team key.
create table conversation_keys (
  conversation_id uuid not null references conversations (id) on delete cascade,
  key_epoch integer not null,
  account_id uuid references accounts (id) on delete cascade,
  team_epoch integer,
  sealed_key text not null,
  created_at timestamptz not null default now(),
  check ((account_id is null) <> (team_epoch is null))
);
create unique index conversation_keys_account_idx
  on conversation_keys (conversation_id, key_epoch, account_id) where account_id is not null;
create unique index conversation_keys_team_idx
  on conversation_keys (conversation_id, key_epoch, team_epoch) where team_epoch is not null;

create table messages (
  conversation_id uuid not null references conversations (id) on delete cascade,
  seq bigint not null,
  kind text not null check (kind in ('message', 'system')),
  sender_id uuid references accounts (id) on delete set null,
  client_message_id uuid,
  key_epoch integer,
  nonce text,
  ciphertext text,
  -- system events say what happened, never anything said
  event text check (event in ('taken', 'handed_over', 'archived', 'reopened', 'counselor_left', 'rekeyed',
    'transfer_proposed', 'transfer_declined', 'transferred')),
  created_at timestamptz not null default now(),
  primary key (conversation_id, seq),
  check ((kind = 'message') = (ciphertext is not null and nonce is not null and client_message_id is not null)),
  check ((kind = 'system') = (event is not null))
);
-- a client resending after a lost acknowledgement gets the stored message back, not a copy
create unique index messages_client_id_idx
  on messages (conversation_id, sender_id, client_message_id) where client_message_id is not null;

-- Delivery and read positions per participant.
create table conversation_receipts (
  conversation_id uuid not null references conversations (id) on delete cascade,
  account_id uuid not null references accounts (id) on delete cascade,
  delivered_seq bigint not null default 0,
  read_seq bigint not null default 0,
  primary key (conversation_id, account_id)
);

-- A handover to a colleague: the note is sealed to the colleague's box key.
create table conversation_handovers (
  id bigserial primary key,
  conversation_id uuid not null references conversations (id) on delete cascade,
  from_account_id uuid references accounts (id) on delete set null,
  to_account_id uuid references accounts (id) on delete cascade,
  sealed_note text,
  created_at timestamptz not null default now()
);
create index conversation_handovers_conversation_idx on conversation_handovers (conversation_id, id desc);

-- Attachments: opaque blobs encrypted on the client, stored outside the database
-- (DATA_DIR or an S3-compatible store). When the conversation goes, the row loses its
-- conversation and a job deletes the blob, then the row.
create table attachments (
  id uuid primary key,
  conversation_id uuid references conversations (id) on delete set null,
  uploader_id uuid references accounts (id) on delete set null,
  size_bytes bigint not null check (size_bytes > 0),
  created_at timestamptz not null default now()
);
create index attachments_orphans_idx on attachments (created_at) where conversation_id is null;
create index attachments_quota_idx on attachments (uploader_id, created_at);
