import type { ColumnType, Generated } from 'kysely';
import type { DirectoryTables } from './schema-directory';
import type { BookingTables } from './schema-booking';
import type { ChatTables } from './schema-chat';

/** Row types of the tables in migrations/. Keep in step with the SQL. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
export type Json<T> = ColumnType<T, string, string>;

export interface CentersTable {
  id: Generated<string>;
  external_id: string | null;
  organisation: string;
  name: string;
  timezone: Generated<string>;
  counselor_mfa_required: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface AccountsTable {
  id: Generated<string>;
  kind: 'seeker' | 'staff';
  login: string;
  display_name: string;
  email: string | null;
  locale: Generated<'de' | 'en'>;
  is_platform_admin: Generated<boolean>;
  auth_hash: string;
  kdf: Json<{ alg: 'argon2id13'; opslimit: number; memlimit: number; salt: string }>;
  box_public_key: string;
  sign_public_key: string;
  key_signature: string;
  wrapped_keys: Json<{ nonce: string; ciphertext: string }>;
  recovery: Json<{
    kdf: { alg: 'argon2id13'; opslimit: number; memlimit: number; salt: string };
    wrappedKeys: { nonce: string; ciphertext: string };
  } | null>;
  recovery_auth_hash: string | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  created_at: GeneratedTimestamp;
  last_login_at: NullableTimestamp;
  last_active_at: GeneratedTimestamp;
}

export type StaffRole = 'counselor' | 'center_admin';

export interface MembershipsTable {
  account_id: string;
  center_id: string;
  role: StaffRole;
  created_at: GeneratedTimestamp;
}

export interface InvitesTable {
  id: Generated<string>;
  center_id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  token_hash: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_account_id: string | null;
}

export type SessionStage = 'full' | 'mfa_pending' | 'mfa_setup';

export interface SessionsTable {
  id_hash: string;
  account_id: string;
  stage: SessionStage;
  csrf_token: string;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  idle_timeout_seconds: number;
  expires_at: Timestamp;
}

export interface TotpRecoveryCodesTable {
  account_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface AdminCertificatesTable {
  id: Generated<string>;
  account_id: string;
  center_id: string;
  payload: string;
  signature: string;
  created_at: GeneratedTimestamp;
  revoked_at: NullableTimestamp;
}

export interface CenterTeamKeysTable {
  center_id: string;
  epoch: number;
  box_public_key: string;
  statement: string;
  signature: string;
  signed_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface CenterMemberListsTable {
  center_id: string;
  version: number;
  payload: string;
  signature: string;
  signed_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface TeamKeyGrantsTable {
  center_id: string;
  epoch: number;
  account_id: string;
  sealed_key: string;
  granted_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface PlatformKeyGrantsTable {
  account_id: string;
  sign_public_key: string;
  sealed_key: string;
  created_at: GeneratedTimestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: GeneratedTimestamp;
  actor_account_id: string | null;
  center_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Json<Record<string, unknown>>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  dedupe_key: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: Json<Array<{ filename: string; contentType: string; content: string }>>;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: GeneratedTimestamp;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  sent_at: NullableTimestamp;
}

export interface AccountTables {
  centers: CentersTable;
  accounts: AccountsTable;
  memberships: MembershipsTable;
  invites: InvitesTable;
  sessions: SessionsTable;
  totp_recovery_codes: TotpRecoveryCodesTable;
  admin_certificates: AdminCertificatesTable;
  center_team_keys: CenterTeamKeysTable;
  center_member_lists: CenterMemberListsTable;
  team_key_grants: TeamKeyGrantsTable;
  platform_key_grants: PlatformKeyGrantsTable;
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
}

export type DB = AccountTables & DirectoryTables & BookingTables & ChatTables;
