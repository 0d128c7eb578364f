-- Consented audio/video calls (ARCHITECTURE.md §7): the counselor proposes, the help
-- seeker accepts or declines; only an accepted call has a room on the media service.
create table calls (
  id uuid primary key,
  conversation_id uuid not null references conversations (id) on delete cascade,
  -- 1, 2, … per conversation: the subkey id of the call's media key (ARCHITECTURE.md §5)
  seq integer not null,
  kind text not null check (kind in ('audio', 'video')),
  status text not null check (status in ('proposed', 'accepted', 'declined', 'ended', 'expired')),
  -- the conversation key epoch the media key is derived from
  key_epoch integer not null,
  proposed_by uuid references accounts (id) on delete set null,
  -- the SFU room, once accepted
  room_id text,
  end_reason text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  ended_at timestamptz,
  unique (conversation_id, seq)
);
-- at most one open (proposed or running) call per conversation
create unique index calls_open_idx on calls (conversation_id) where status in ('proposed', 'accepted');

-- System events of calls (what happened, never anything said or shown).
alter table messages drop constraint messages_event_check;
alter table messages add constraint messages_event_check check (event in ('taken', 'handed_over', 'archived',
  'reopened', 'counselor_left', 'rekeyed', 'transfer_proposed', 'transfer_declined', 'transferred',
  'call_proposed', 'call_started', 'call_declined', 'call_ended'));
