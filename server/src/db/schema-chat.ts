import type { ColumnType, Generated } from 'kysely';
import type { ConversationStatus } from '@beratung/shared';

/** Row types of the chat tables (migrations/0005_chat.sql). */

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface CenterChatColumns {
  chat_retention_days: Generated<number>;
  chat_inquiry_digest_minutes: Generated<number>;
  chat_digest_sent_at: NullableTimestamp;
}

export interface AccountChatColumns {
  chat_absent: Generated<boolean>;
  chat_absence_message: string | null;
}

export interface ConversationsTable {
  id: Generated<string>;
  center_id: string;
  seeker_id: string;
  counselor_id: string | null;
  topic: string;
  status: ConversationStatus;
  team_epoch: number;
  key_epoch: Generated<number>;
  last_seq: Generated<number>;
  seeker_wrote_seq: Generated<number>;
  staff_wrote_seq: Generated<number>;
  rekey_min_team_epoch: number | null;
  transfer_center_id: string | null;
  created_at: GeneratedTimestamp;
  taken_at: NullableTimestamp;
  archived_at: NullableTimestamp;
  last_message_at: NullableTimestamp;
}

export interface ConversationKeysTable {
  conversation_id: string;
  key_epoch: number;
  account_id: string | null;
  team_epoch: number | null;
  sealed_key: string;
  created_at: GeneratedTimestamp;
}

export type SystemEvent =
  | 'taken'
  | 'handed_over'
  | 'archived'
  | 'reopened'
  | 'counselor_left'
  | 'rekeyed'
  | 'transfer_proposed'
  | 'transfer_declined'
  | 'transferred'
  | 'call_proposed'
  | 'call_started'
  | 'call_declined'
  | 'call_ended';

export interface MessagesTable {
  conversation_id: string;
  seq: number;
  kind: 'message' | 'system';
  sender_id: string | null;
  client_message_id: string | null;
  key_epoch: number | null;
  nonce: string | null;
  ciphertext: string | null;
  event: SystemEvent | null;
  created_at: GeneratedTimestamp;
}

export interface ConversationReceiptsTable {
  conversation_id: string;
  account_id: string;
  delivered_seq: Generated<number>;
  read_seq: Generated<number>;
}

export interface ConversationHandoversTable {
  id: Generated<number>;
  conversation_id: string;
  from_account_id: string | null;
  to_account_id: string | null;
  sealed_note: string | null;
  created_at: GeneratedTimestamp;
}

export interface AttachmentsTable {
  id: string;
  conversation_id: string | null;
  uploader_id: string | null;
  size_bytes: number;
  created_at: GeneratedTimestamp;
}

export interface ChatTables {
  attachments: AttachmentsTable;
  centers: CenterChatColumns;
  accounts: AccountChatColumns;
  conversations: ConversationsTable;
  conversation_keys: ConversationKeysTable;
  messages: MessagesTable;
  conversation_receipts: ConversationReceiptsTable;
  conversation_handovers: ConversationHandoversTable;
  calls: CallsTable;
  media_nodes: MediaNodesTable;
}

/** A proposed audio/video call of a conversation (migrations/0006_calls.sql). */
export interface CallsTable {
  id: string;
  conversation_id: string;
  seq: number;
  kind: 'audio' | 'video';
  status: 'proposed' | 'accepted' | 'declined' | 'ended' | 'expired';
  key_epoch: number;
  proposed_by: string | null;
  room_id: string | null;
  end_reason: string | null;
  created_at: GeneratedTimestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  accepted_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  /** The media node the room is on (migrations/0007_media_nodes.sql); null: the static one. */
  media_node_id: string | null;
}

/** One room of a media node as its last heartbeat reported it. */
export interface MediaNodeRoom {
  roomId: string;
  participants: number;
}

/** A registered media process (migrations/0007_media_nodes.sql). */
export interface MediaNodesTable {
  id: string;
  control_url: string;
  signalling_url: string;
  rooms: number;
  participants: number;
  cpu_percent: number | null;
  /** jsonb: written as a JSON string, read back parsed. */
  room_list: ColumnType<MediaNodeRoom[], string, string>;
  registered_at: GeneratedTimestamp;
  heartbeat_at: ColumnType<Date, Date, Date>;
}
