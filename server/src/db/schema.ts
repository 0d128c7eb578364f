import type { ColumnType, Generated } from 'kysely';
import type { DirectoryTables } from './schema-directory';

/** Row types of the tables in migrations/. Keep in step with the SQL. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface CentersTable {
  id: Generated<string>;
  external_id: string | null;
  organisation: string;
  name: string;
  timezone: Generated<string>;
  counselor_mfa_required: Generated<boolean>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
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
  created_at: Generated<Timestamp>;
  last_login_at: Timestamp | null;
  last_active_at: Generated<Timestamp>;
}

export type StaffRole = 'counselor' | 'center_admin';

export interface MembershipsTable {
  account_id: string;
  center_id: string;
  role: StaffRole;
  created_at: Generated<Timestamp>;
}

export interface InvitesTable {
  id: Generated<string>;
  center_id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_account_id: string | null;
}

export type SessionStage = 'full' | 'mfa_pending' | 'mfa_setup';

export interface SessionsTable {
  id_hash: string;
  account_id: string;
  stage: SessionStage;
  csrf_token: string;
  created_at: Generated<Timestamp>;
  last_seen_at: Generated<Timestamp>;
  idle_timeout_seconds: number;
  expires_at: Timestamp;
}

export interface TotpRecoveryCodesTable {
  account_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface AdminCertificatesTable {
  id: Generated<string>;
  account_id: string;
  center_id: string;
  payload: string;
  signature: string;
  created_at: Generated<Timestamp>;
  revoked_at: Timestamp | null;
}

export interface CenterTeamKeysTable {
  center_id: string;
  epoch: number;
  box_public_key: string;
  statement: string;
  signature: string;
  signed_by: string | null;
  created_at: Generated<Timestamp>;
}

export interface CenterMemberListsTable {
  center_id: string;
  version: number;
  payload: string;
  signature: string;
  signed_by: string | null;
  created_at: Generated<Timestamp>;
}

export interface TeamKeyGrantsTable {
  center_id: string;
  epoch: number;
  account_id: string;
  sealed_key: string;
  granted_by: string | null;
  created_at: Generated<Timestamp>;
}

export interface PlatformKeyGrantsTable {
  account_id: string;
  sign_public_key: string;
  sealed_key: string;
  created_at: Generated<Timestamp>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Timestamp>;
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
  next_attempt_at: Generated<Timestamp>;
  last_error: string | null;
  created_at: Generated<Timestamp>;
  sent_at: Timestamp | null;
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

export type DB = AccountTables & DirectoryTables;
