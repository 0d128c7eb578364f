import type { z } from 'zod';
import { checkPasswordStrength, type PasswordStrength } from '../crypto/password-strength';
import { createCredentials, unlockIdentity } from '../crypto/account-keys';
import { deriveLoginKeys, type KdfParams } from '../crypto/login-keys';
import { unwrapIdentity, type Identity } from '../crypto/identity';
import { normalizeRecoveryCode } from '../crypto/recovery-code';
import type {
  AccountView,
  KeyMaterialView,
  LoginResponse,
  SessionView,
  auditEntrySchema,
  inviteViewSchema,
  mfaEnableResponseSchema,
  mfaSetupResponseSchema,
  publicConfigSchema,
  staffMemberSchema,
} from '../schemas/index';
import { ApiClient, ApiError, type ApiClientOptions } from './http';

import type { Locale } from '../schemas/common';
export type PublicConfig = z.infer<typeof publicConfigSchema>;
export type InviteView = z.infer<typeof inviteViewSchema>;
export type StaffMember = z.infer<typeof staffMemberSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export class WeakPasswordError extends Error {
  constructor(readonly strength: PasswordStrength) {
    super(`Password too weak: ${strength.problems.join(', ')}`);
  }
}

/**
 * The typed client SDK: REST calls plus the client side of the crypto protocol.
 * The password never leaves this object: only authKey is sent; wrapKey unwraps the
 * private keys here.
 */
export class BeratungClient {
  readonly api: ApiClient;
  session: SessionView | undefined;
  identity: Identity | undefined;
  private pendingWrapKey: Uint8Array | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.api = new ApiClient(options);
  }

  private adopt(response: SessionView): SessionView {
    this.session = response;
    this.api.csrfToken = response.csrfToken;
    return response;
  }

  config(): Promise<PublicConfig> {
    return this.api.get('/api/config');
  }

  /** Help seeker registration: pseudonym + password, optional recovery code. */
  async registerSeeker(input: {
    pseudonym: string;
    password: string;
    email?: string;
    locale?: Locale;
    withRecoveryCode?: boolean;
  }): Promise<{ session: SessionView; recoveryCode?: string }> {
    const strength = checkPasswordStrength(input.password, { name: input.pseudonym });
    if (!strength.ok) throw new WeakPasswordError(strength);
    const credentials = await createCredentials(input.password, { withRecoveryCode: input.withRecoveryCode });
    const session = await this.api.post<SessionView>('/api/auth/register', {
      pseudonym: input.pseudonym,
      email: input.email,
      locale: input.locale ?? 'de',
      credentials: credentials.material,
    });
    this.identity = credentials.identity;
    return { session: this.adopt(session), recoveryCode: credentials.recoveryCode };
  }

  private async prelogin(login: string, path = '/api/auth/prelogin'): Promise<KdfParams> {
    const { kdf } = await this.api.post<{ kdf: KdfParams }>(path, { login });
    return kdf;
  }

  /** Password login. When `stage` is `mfa_pending`, call `verifyMfa`; `mfa_setup`: `setupMfa`. */
  async login(login: string, password: string): Promise<LoginResponse> {
    const kdf = await this.prelogin(login);
    const keys = await deriveLoginKeys(password, kdf);
    const response = await this.api.post<LoginResponse>('/api/auth/login', { login, authKey: keys.authKey });
    this.adopt(response);
    this.pendingWrapKey = keys.wrapKey;
    await this.unlockFrom(response.keys);
    return response;
  }

  private async unlockFrom(keys: KeyMaterialView | undefined): Promise<void> {
    if (!keys || !this.pendingWrapKey) return;
    this.identity = await unwrapIdentity(keys.wrappedKeys, this.pendingWrapKey);
    this.pendingWrapKey = undefined;
  }

  async verifyMfa(code: string): Promise<LoginResponse> {
    const response = await this.api.post<LoginResponse>('/api/auth/mfa/verify', { code });
    this.adopt(response);
    await this.unlockFrom(response.keys);
    return response;
  }

  setupMfa(): Promise<z.infer<typeof mfaSetupResponseSchema>> {
    return this.api.post('/api/auth/mfa/setup');
  }

  async enableMfa(code: string): Promise<z.infer<typeof mfaEnableResponseSchema> & LoginResponse> {
    const response = await this.api.post<z.infer<typeof mfaEnableResponseSchema> & LoginResponse>(
      '/api/auth/mfa/enable',
      { code },
    );
    this.adopt(response);
    await this.unlockFrom(response.keys);
    return response;
  }

  disableMfa(code: string): Promise<void> {
    return this.api.post('/api/auth/mfa/disable', { code });
  }

  async currentSession(): Promise<SessionView | undefined> {
    try {
      return this.adopt(await this.api.get<SessionView>('/api/auth/session'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return undefined;
      throw error;
    }
  }

  /** After a page reload: the session cookie survives, the keys need the password again. */
  async unlock(password: string): Promise<Identity> {
    const keys = await this.api.get<KeyMaterialView>('/api/auth/keys');
    this.identity = await unlockIdentity(password, keys.kdf, keys.wrappedKeys);
    return this.identity;
  }

  get account(): AccountView | undefined {
    return this.session?.account;
  }

  async logout(): Promise<void> {
    await this.api.post('/api/auth/logout');
    this.forget();
  }

  async logoutEverywhere(): Promise<void> {
    await this.api.post('/api/auth/logout-all');
    this.forget();
  }

  private forget(): void {
    this.session = undefined;
    this.identity = undefined;
    this.api.csrfToken = undefined;
  }

  private async proveCurrentPassword(password: string): Promise<string> {
    const login =
      this.session?.account.kind === 'staff' ? this.session.account.email : this.session?.account.displayName;
    if (!login) throw new Error('Not logged in');
    const kdf = await this.prelogin(login);
    return (await deriveLoginKeys(password, kdf)).authKey;
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const name = this.session?.account.displayName;
    const strength = checkPasswordStrength(newPassword, { name });
    if (!strength.ok) throw new WeakPasswordError(strength);
    if (!this.identity) throw new Error('Keys are locked');
    const authKey = await this.proveCurrentPassword(currentPassword);
    const { material } = await createCredentials(newPassword, { identity: this.identity });
    delete material.recovery;
    await this.api.post('/api/auth/password', { authKey, credentials: material });
  }

  /** Help seekers: delete the account and everything that belongs to it. */
  async deleteAccount(password: string): Promise<void> {
    const authKey = await this.proveCurrentPassword(password);
    await this.api.delete('/api/account', { authKey });
    this.forget();
  }

  /** Forgotten password: the recovery code unwraps the keys, which get a new password. */
  async recover(input: {
    pseudonym: string;
    recoveryCode: string;
    newPassword: string;
  }): Promise<SessionView> {
    const strength = checkPasswordStrength(input.newPassword, { name: input.pseudonym });
    if (!strength.ok) throw new WeakPasswordError(strength);
    const recovery = await this.api.post<{ kdf: KdfParams; wrappedKeys: KeyMaterialView['wrappedKeys'] }>(
      '/api/auth/recovery/prelogin',
      { login: input.pseudonym },
    );
    const code = normalizeRecoveryCode(input.recoveryCode);
    const recoveryKeys = await deriveLoginKeys(code, recovery.kdf);
    const identity = await unwrapIdentity(recovery.wrappedKeys, recoveryKeys.wrapKey);
    const { material, recoveryCode } = await createCredentials(input.newPassword, {
      identity,
      withRecoveryCode: false,
    });
    void recoveryCode;
    const session = await this.api.post<SessionView>('/api/auth/recover', {
      login: input.pseudonym,
      recoveryAuthKey: recoveryKeys.authKey,
      credentials: material,
    });
    this.identity = identity;
    return this.adopt(session);
  }

  getInvite(token: string): Promise<InviteView> {
    return this.api.get(`/api/invites/${encodeURIComponent(token)}`);
  }

  /** Staff: accept an invitation and set the password (keys are made here). */
  async acceptInvite(token: string, password: string, locale: Locale = 'de'): Promise<SessionView> {
    const invite = await this.getInvite(token);
    const strength = checkPasswordStrength(password, { name: invite.email.split('@')[0] });
    if (!strength.ok) throw new WeakPasswordError(strength);
    const { material, identity } = await createCredentials(password);
    delete material.recovery;
    const session = await this.api.post<SessionView>(`/api/invites/${encodeURIComponent(token)}/accept`, {
      locale,
      credentials: material,
    });
    this.identity = identity;
    return this.adopt(session);
  }

  invite(
    centerId: string,
    input: { email: string; displayName: string; role: 'counselor' | 'center_admin' },
  ) {
    return this.api.post<{ id: string; expiresAt: string }>(`/api/centers/${centerId}/invites`, input);
  }

  staff(centerId: string): Promise<StaffMember[]> {
    return this.api.get(`/api/centers/${centerId}/staff`);
  }

  removeStaff(centerId: string, accountId: string): Promise<void> {
    return this.api.delete(`/api/centers/${centerId}/staff/${accountId}`);
  }

  auditLog(centerId: string): Promise<AuditEntry[]> {
    return this.api.get(`/api/centers/${centerId}/audit`);
  }
}
