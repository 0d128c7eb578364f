-- Media nodes (ARCHITECTURE.md §7, ADR 0007): every media process registers itself and
-- heartbeats every few seconds; all server processes read this table to place calls on
-- the least-loaded live node and to notice nodes that stopped.
create table media_nodes (
  id text primary key,
  -- the control API (internal) and the signalling WebSocket browsers open (public)
  control_url text not null,
  signalling_url text not null,
  -- load as of the last heartbeat
  rooms integer not null default 0,
  participants integer not null default 0,
  cpu_percent real,
  -- [{ "roomId": "call-…", "participants": 2 }, …] as of the last heartbeat
  room_list jsonb not null default '[]',
  registered_at timestamptz not null default now(),
  heartbeat_at timestamptz not null
);

-- The node a call's room was placed on; null: the statically configured media service
-- (MEDIA_CONTROL_URL), or not placed (never accepted). No foreign key: node rows may be
-- cleaned up while past calls keep the name.
alter table calls add column media_node_id text;
create index calls_accepted_node_idx on calls (media_node_id) where status = 'accepted';
