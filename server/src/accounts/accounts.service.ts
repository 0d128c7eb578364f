import type { z } from 'zod';
import type {
  AccountView,
  KeyMaterialView,
  credentialMaterialSchema,
  registerRequestSchema,
} from '@beratung/shared';
import type { Db } from '../db/database';
import type { SessionStage } from '../db/schema';
import type { Auth } from '../http/access';
import { AppError, ConflictError, ForbiddenError, UnauthenticatedError } from '../http/errors';
import type { PasswordHasher } from '../security/password-hasher';
import { randomInt } from 'node:crypto';
import {
  constantTimeEqual,
  keyedHash,
  openServerSecret,
  sealServerSecret,
  sha256,
} from '../security/secrets';
import { recordAudit } from '../audit/audit.repository';
import {
  consumeTotpRecoveryCode,
  deleteAccountRow,
  findAccountById,
  findAccountByLogin,
  findMemberships,
  insertAccount,
  replaceTotpRecoveryCodes,
  updateAccount,
  type AccountRow,
  type MembershipRow,
} from './accounts.repository';
import {
  createSession,
  deleteAccountSessions,
  deleteSession,
  setSessionStage,
  type CreatedSession,
  type SessionPolicy,
} from './sessions';
import { newTotpSecret, otpauthUrl, verifyTotp } from './totp';

type CredentialMaterial = z.infer<typeof credentialMaterialSchema>;
type RegisterRequest = z.infer<typeof registerRequestSchema>;

export interface AccountsDeps {
  db: Db;
  hasher: PasswordHasher;
  secretKey: Buffer;
  sessionPolicy: SessionPolicy;
  now?: () => Date;
}

export type NewSession = CreatedSession;

const INVALID_LOGIN = () => new UnauthenticatedError('Username or password is wrong', 'INVALID_CREDENTIALS');

/** Whether this staff account must use a second factor (ARCHITECTURE §5, issue 2). */
export function mfaRequired(
  account: Pick<AccountRow, 'kind' | 'is_platform_admin'>,
  memberships: MembershipRow[],
): boolean {
  if (account.kind !== 'staff') return false;
  if (account.is_platform_admin) return true;
  return memberships.some((m) => m.role === 'center_admin' || m.counselorMfaRequired);
}

/** Stage of a new session after the password was proven. */
export function stageAfterPassword(account: AccountRow, memberships: MembershipRow[]): SessionStage {
  if (account.kind !== 'staff') return 'full';
  if (account.totp_enabled) return 'mfa_pending';
  return mfaRequired(account, memberships) ? 'mfa_setup' : 'full';
}

export function credentialColumns(credentials: Omit<CredentialMaterial, 'recovery'>, authHash: string) {
  return {
    auth_hash: authHash,
    kdf: JSON.stringify(credentials.kdf),
    box_public_key: credentials.boxPublicKey,
    sign_public_key: credentials.signPublicKey,
    key_signature: credentials.keySignature,
    wrapped_keys: JSON.stringify(credentials.wrappedKeys),
  };
}

export class AccountsService {
  constructor(private readonly deps: AccountsDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async newSession(db: Db, account: AccountRow, stage: SessionStage): Promise<NewSession> {
    return createSession(db, this.deps.sessionPolicy, account, stage, this.now());
  }

  async register(input: RegisterRequest): Promise<NewSession> {
    const { db, hasher } = this.deps;
    const login = input.pseudonym.toLowerCase();
    if (await findAccountByLogin(db, login)) {
      throw new ConflictError(
        'PSEUDONYM_TAKEN',
        'This username is already taken. Please choose another one.',
      );
    }
    const authHash = await hasher.hash(input.credentials.authKey);
    const recovery = input.credentials.recovery;
    const recoveryHash = recovery ? await hasher.hash(recovery.authKey) : null;
    try {
      return await db.transaction().execute(async (trx) => {
        const account = await insertAccount(trx, {
          kind: 'seeker',
          login,
          display_name: input.pseudonym,
          email: input.email ?? null,
          locale: input.locale,
          ...credentialColumns(input.credentials, authHash),
          recovery: JSON.stringify(
            recovery ? { kdf: recovery.kdf, wrappedKeys: recovery.wrappedKeys } : null,
          ),
          recovery_auth_hash: recoveryHash,
        });
        return this.newSession(trx, account, 'full');
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictError(
          'PSEUDONYM_TAKEN',
          'This username is already taken. Please choose another one.',
        );
      }
      throw error;
    }
  }

  /**
   * The KDF parameters for a login name. Unknown names get stable made-up salts, so
   * this endpoint does not tell which staff email addresses have accounts.
   */
  async prelogin(login: string) {
    const account = await findAccountByLogin(this.deps.db, login);
    if (account) return { kdf: account.kdf };
    return {
      kdf: {
        alg: 'argon2id13' as const,
        opslimit: 3,
        memlimit: 64 * 1024 * 1024,
        salt: keyedHash(this.deps.secretKey, `prelogin:${login.trim().toLowerCase()}`, 16).toString(
          'base64url',
        ),
      },
    };
  }

  async login(login: string, authKey: string): Promise<NewSession> {
    const { db, hasher } = this.deps;
    const account = await findAccountByLogin(db, login);
    // Verify even for unknown names so timing does not reveal which exist.
    const ok = await hasher.verify(account?.auth_hash ?? DUMMY_HASH, authKey);
    if (!account || !ok) throw INVALID_LOGIN();
    const memberships = await findMemberships(db, account.id);
    await updateAccount(db, account.id, { last_login_at: this.now() });
    return this.newSession(db, account, stageAfterPassword(account, memberships));
  }

  async view(accountId: string): Promise<AccountView> {
    const account = await this.requireAccount(accountId);
    const memberships = await findMemberships(this.deps.db, account.id);
    return {
      id: account.id,
      kind: account.kind,
      displayName: account.display_name,
      email: account.email,
      locale: account.locale,
      isPlatformAdmin: account.is_platform_admin,
      memberships: memberships.map(({ centerId, centerName, role }) => ({ centerId, centerName, role })),
      mfaEnabled: account.totp_enabled,
      mfaRequired: mfaRequired(account, memberships),
    };
  }

  async keyMaterial(accountId: string): Promise<KeyMaterialView> {
    const account = await this.requireAccount(accountId);
    return {
      kdf: account.kdf,
      wrappedKeys: account.wrapped_keys,
      boxPublicKey: account.box_public_key,
      signPublicKey: account.sign_public_key,
      keySignature: account.key_signature,
    };
  }

  private async requireAccount(id: string): Promise<AccountRow> {
    const account = await findAccountById(this.deps.db, id);
    if (!account) throw new UnauthenticatedError();
    return account;
  }

  /** Second factor at login: a TOTP code or one of the recovery codes. */
  async verifyMfa(auth: Auth, code: string): Promise<void> {
    if (auth.stage !== 'mfa_pending')
      throw new ConflictError('MFA_NOT_PENDING', 'No second factor is expected now');
    const account = await this.requireAccount(auth.account.id);
    if (!(await this.checkSecondFactor(account, code))) {
      throw new UnauthenticatedError('The code is not valid', 'MFA_INVALID');
    }
    await setSessionStage(this.deps.db, auth.sessionIdHash, 'full');
  }

  private async checkSecondFactor(account: AccountRow, code: string): Promise<boolean> {
    if (!account.totp_enabled || !account.totp_secret) return false;
    const trimmed = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(trimmed)) {
      const secret = openServerSecret(this.deps.secretKey, account.totp_secret);
      const step = verifyTotp(secret, trimmed, this.now().getTime(), account.totp_last_step);
      if (step === null) return false;
      // Conditional update: of two concurrent uses of one code, only one succeeds.
      const result = await this.deps.db
        .updateTable('accounts')
        .set({ totp_last_step: step })
        .where('id', '=', account.id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    }
    return consumeTotpRecoveryCode(this.deps.db, account.id, sha256(normalizeCode(trimmed)));
  }

  async setupMfa(auth: Auth): Promise<{ secret: string; otpauthUrl: string }> {
    const account = await this.requireAccount(auth.account.id);
    if (account.kind !== 'staff') throw new ForbiddenError('Only staff accounts use a second factor');
    if (account.totp_enabled)
      throw new ConflictError('MFA_ALREADY_ENABLED', 'The second factor is already set up');
    const secret = newTotpSecret();
    await updateAccount(this.deps.db, account.id, {
      totp_secret: sealServerSecret(this.deps.secretKey, secret),
      totp_last_step: null,
    });
    return { secret, otpauthUrl: otpauthUrl(secret, account.email ?? account.login) };
  }

  async enableMfa(auth: Auth, code: string): Promise<{ recoveryCodes: string[] }> {
    const account = await this.requireAccount(auth.account.id);
    if (account.totp_enabled)
      throw new ConflictError('MFA_ALREADY_ENABLED', 'The second factor is already set up');
    if (!account.totp_secret) throw new ConflictError('MFA_NOT_SET_UP', 'Start the setup first');
    const secret = openServerSecret(this.deps.secretKey, account.totp_secret);
    const step = verifyTotp(secret, code, this.now().getTime(), account.totp_last_step);
    if (step === null)
      throw new AppError(422, 'MFA_INVALID', 'The code is not valid. Check the time on your device.');
    const recoveryCodes = Array.from({ length: 10 }, newMfaRecoveryCode);
    await this.deps.db.transaction().execute(async (trx) => {
      await updateAccount(trx, account.id, { totp_enabled: true, totp_last_step: step });
      await replaceTotpRecoveryCodes(
        trx,
        account.id,
        recoveryCodes.map((c) => sha256(normalizeCode(c))),
      );
      await setSessionStage(trx, auth.sessionIdHash, 'full');
      await recordAudit(trx, {
        actorAccountId: account.id,
        action: 'mfa.enabled',
        targetType: 'account',
        targetId: account.id,
      });
    });
    return { recoveryCodes };
  }

  async disableMfa(auth: Auth, code: string): Promise<void> {
    const account = await this.requireAccount(auth.account.id);
    const memberships = await findMemberships(this.deps.db, account.id);
    if (mfaRequired(account, memberships)) {
      throw new ForbiddenError('Your role requires a second factor', 'MFA_MANDATORY');
    }
    if (!(await this.checkSecondFactor(account, code)))
      throw new AppError(422, 'MFA_INVALID', 'The code is not valid');
    await this.deps.db.transaction().execute(async (trx) => {
      await updateAccount(trx, account.id, { totp_enabled: false, totp_secret: null, totp_last_step: null });
      await replaceTotpRecoveryCodes(trx, account.id, []);
      await recordAudit(trx, {
        actorAccountId: account.id,
        action: 'mfa.disabled',
        targetType: 'account',
        targetId: account.id,
      });
    });
  }

  private async proveAuthKey(account: AccountRow, authKey: string): Promise<void> {
    if (!(await this.deps.hasher.verify(account.auth_hash, authKey))) {
      throw new AppError(403, 'INVALID_CREDENTIALS', 'The password is wrong');
    }
  }

  /** New password: new authKey hash and the same identity wrapped under the new wrapKey. */
  async changePassword(
    auth: Auth,
    authKey: string,
    credentials: Omit<CredentialMaterial, 'recovery'>,
  ): Promise<void> {
    const account = await this.requireAccount(auth.account.id);
    await this.proveAuthKey(account, authKey);
    assertSameIdentity(account, credentials);
    const authHash = await this.deps.hasher.hash(credentials.authKey);
    await this.deps.db.transaction().execute(async (trx) => {
      await updateAccount(trx, account.id, credentialColumns(credentials, authHash));
      // Every other session ends: whoever knew the old password is out.
      await trx
        .deleteFrom('sessions')
        .where('account_id', '=', account.id)
        .where('id_hash', '!=', auth.sessionIdHash)
        .execute();
    });
  }

  async recoveryMaterial(login: string) {
    const account = await findAccountByLogin(this.deps.db, login);
    if (!account?.recovery || !account.recovery_auth_hash) {
      throw new AppError(404, 'RECOVERY_NOT_AVAILABLE', 'No recovery code was set up for this username');
    }
    return account.recovery;
  }

  async recover(
    login: string,
    recoveryAuthKey: string,
    credentials: CredentialMaterial,
  ): Promise<NewSession> {
    const account = await findAccountByLogin(this.deps.db, login);
    if (
      !account?.recovery_auth_hash ||
      !(await this.deps.hasher.verify(account.recovery_auth_hash, recoveryAuthKey))
    ) {
      throw new UnauthenticatedError('The recovery code is wrong', 'INVALID_RECOVERY_CODE');
    }
    assertSameIdentity(account, credentials);
    const authHash = await this.deps.hasher.hash(credentials.authKey);
    return this.deps.db.transaction().execute(async (trx) => {
      await updateAccount(trx, account.id, credentialColumns(credentials, authHash));
      await deleteAccountSessions(trx, account.id);
      return this.newSession(trx, account, 'full');
    });
  }

  async logout(auth: Auth): Promise<void> {
    await deleteSession(this.deps.db, auth.sessionIdHash);
  }

  async logoutEverywhere(auth: Auth): Promise<void> {
    await deleteAccountSessions(this.deps.db, auth.account.id);
  }

  /**
   * A help seeker deletes the account: every row that belongs to it goes (foreign keys
   * cascade from accounts), in one transaction.
   */
  async deleteAccount(auth: Auth, authKey: string): Promise<void> {
    const account = await this.requireAccount(auth.account.id);
    if (account.kind !== 'seeker') {
      throw new ForbiddenError('Staff accounts are removed by a center admin', 'STAFF_ACCOUNT');
    }
    await this.proveAuthKey(account, authKey);
    await deleteAccountRow(this.deps.db, account.id);
  }
}

function assertSameIdentity(
  account: AccountRow,
  credentials: Pick<CredentialMaterial, 'boxPublicKey' | 'signPublicKey'>,
): void {
  if (
    !constantTimeEqual(account.box_public_key, credentials.boxPublicKey) ||
    !constantTimeEqual(account.sign_public_key, credentials.signPublicKey)
  ) {
    throw new AppError(422, 'IDENTITY_MISMATCH', 'The new credentials must wrap the same keys');
  }
}

function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** One-time second-factor recovery code: 12 characters of a 32-letter alphabet (60 bits). */
function newMfaRecoveryCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** A valid hash of nothing anyone knows, verified for unknown names to even out timing. */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$7Bk06LQcmywImRZSnOoyTQ$gHe4pv/9iSOkHPl8YwvrL6lz1rXJiOpIVvkrwBUva/Y';
