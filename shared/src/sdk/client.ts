import type { z } from 'zod';
import { checkPasswordStrength, type PasswordStrength } from '../crypto/password-strength';
import { createCredentials, unlockIdentity } from '../crypto/account-keys';
import { deriveLoginKeys, type KdfParams } from '../crypto/login-keys';
import {
  keyFingerprint,
  publicIdentity,
  unwrapIdentity,
  verifyPublicIdentity,
  type Identity,
} from '../crypto/identity';
import { normalizeRecoveryCode } from '../crypto/recovery-code';
import { openSealed } from '../crypto/sealing';
import {
  signStatement,
  verifyCenterKeyChain,
  type CenterKeyChain,
  type VerifiedCenterKeys,
} from '../crypto/statements';
import { sealTo } from '../crypto/sealing';
import { certifyCenterAdmin, createTeamKeyEpoch } from '../crypto/trust-chain';
import { getSodium, toBase64 } from '../crypto/sodium';
import type {
  AccountView,
  KeyMaterialView,
  LoginResponse,
  SessionView,
  auditEntrySchema,
  centerSettingsSchema,
  colleagueSchema,
  inviteViewSchema,
  mfaEnableResponseSchema,
  mfaSetupResponseSchema,
  pendingCertificateSchema,
  platformKeyGrantSchema,
  publicConfigSchema,
  staffMemberSchema,
} from '../schemas/index';
import { ApiClient, ApiError, type ApiClientOptions } from './http';
import type { CenterDetail, CenterSearchQuery, CenterSearchResult } from './directory';
import { BookingCalls } from './booking';
import { ChatCalls } from './chat';
import { BackOfficeCalls } from './back-office';

import type { Locale } from '../schemas/common';
import type { ImportCenter } from '../schemas/import-format';
import type { BookingSettings } from '../schemas/booking';
export type PublicConfig = z.infer<typeof publicConfigSchema>;
export type InviteView = z.infer<typeof inviteViewSchema>;
export type StaffMember = z.infer<typeof staffMemberSchema>;
export type Colleague = z.infer<typeof colleagueSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type PendingCertificate = z.infer<typeof pendingCertificateSchema>;
export type CenterSettings = z.infer<typeof centerSettingsSchema>;

/** A center's team key as this client verified it against the configured platform key. */
export type CenterKeyStatus =
  { none: true } | { none?: undefined; epoch: number; members: number; fingerprint: string };

/** Keys or signatures did not check out: the client refuses to go on. */
export class KeyVerificationError extends Error {
  override readonly name = 'KeyVerificationError';
  constructor(
    readonly code:
      'MEMBER_KEYS_INVALID' | 'SUBJECT_KEYS_INVALID' | 'PLATFORM_KEY_MISSING' | 'PLATFORM_KEY_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

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
  /** Online appointment booking (public, no login). */
  readonly booking: BookingCalls;
  /** The end-to-end-encrypted chat (after login). */
  readonly chat: ChatCalls;
  /** Back office for center staff: appointments (Termine), Massen-Löschung, conflicts. */
  readonly backOffice: BackOfficeCalls;
  session: SessionView | undefined;
  identity: Identity | undefined;
  private pendingWrapKey: Uint8Array | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.api = new ApiClient(options);
    this.booking = new BookingCalls(this.api);
    this.chat = new ChatCalls(
      this.api,
      () => this.identity,
      (centerId) => this.verifiedKeyChain(centerId),
    );
    this.chat.currentAccountId = () => this.session?.account.id;
    this.chat.onKeysChanged = (centerId) => this.maintainTeamKeys(centerId);
    this.backOffice = new BackOfficeCalls(this.api);
  }

  private adopt(response: SessionView): SessionView {
    this.session = response;
    this.api.csrfToken = response.csrfToken;
    return response;
  }

  config(): Promise<PublicConfig> {
    return this.api.get('/api/config');
  }

  // --- Beratungsstellenfinder (public, no login) ---

  /**
   * Finds centers: nearest first when `near` is given, else by relevance.
   * @throws ApiError 422 UNKNOWN_PLACE with `extra.suggestions` when `near` is unknown
   */
  searchCenters(query: CenterSearchQuery = {}): Promise<CenterSearchResult> {
    return this.api.get('/api/centers', {
      topic: query.topic?.length ? query.topic : undefined,
      near: query.near || undefined,
      radiusKm: query.radiusKm,
      q: query.q || undefined,
      online: query.online ? 'true' : undefined,
      lang: query.lang || undefined,
      page: query.page,
      pageSize: query.pageSize,
    });
  }

  /** The public detail of a center (404 when there is none). */
  centerDetail(centerId: string): Promise<CenterDetail> {
    return this.api.get(`/api/centers/${encodeURIComponent(centerId)}`);
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
    this.chat.reset();
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

  /** The center's members by name, for every member (choosing whom to hand a consultation to). */
  colleagues(centerId: string): Promise<Colleague[]> {
    return this.api.get(`/api/centers/${centerId}/colleagues`);
  }

  removeStaff(centerId: string, accountId: string): Promise<void> {
    return this.api.delete(`/api/centers/${centerId}/staff/${accountId}`);
  }

  auditLog(centerId: string): Promise<AuditEntry[]> {
    return this.api.get(`/api/centers/${centerId}/audit`);
  }

  centerSettings(centerId: string): Promise<CenterSettings> {
    return this.api.get(`/api/centers/${centerId}/settings`);
  }

  updateCenterSettings(centerId: string, settings: CenterSettings): Promise<CenterSettings> {
    return this.api.put(`/api/centers/${centerId}/settings`, settings);
  }

  /** Reminder offsets and contact-data retention of the center's online booking (center staff). */
  bookingSettings(centerId: string): Promise<BookingSettings> {
    return this.api.get(`/api/centers/${centerId}/booking-settings`);
  }

  /**
   * Center admins: changes the booking settings. Invalid input is answered with 422 and
   * `details` (e.g. `$.reminderOffsetsMinutes[1]`).
   */
  updateBookingSettings(centerId: string, settings: BookingSettings): Promise<BookingSettings> {
    return this.api.put(`/api/centers/${centerId}/booking-settings`, settings);
  }

  /** The center's self-service profile in the import format (docs/import-format.md). */
  centerProfile(centerId: string): Promise<ImportCenter> {
    return this.api.get(`/api/centers/${centerId}/profile`);
  }

  /**
   * Replaces the center's profile: entries it does not list are deleted. Invalid input is
   * answered with 422 and `details` (JSON paths like `$.locations[0].email`).
   */
  saveCenterProfile(centerId: string, profile: ImportCenter): Promise<ImportCenter> {
    return this.api.put(`/api/centers/${centerId}/profile`, profile);
  }

  // --- Trust chain (ARCHITECTURE.md §5, ADR 0002) ---

  private requireIdentity(): Identity {
    if (!this.identity) throw new Error('Keys are locked');
    return this.identity;
  }

  /** The platform public key the apps are configured with: the root of every check. */
  private async platformKey(): Promise<string> {
    const { platformSignPublicKey } = await this.config();
    if (!platformSignPublicKey) {
      throw new KeyVerificationError('PLATFORM_KEY_MISSING', 'No platform signing key is configured');
    }
    return platformSignPublicKey;
  }

  /**
   * Platform admins: center admins whose keys wait for a certificate, each with the
   * fingerprint of their keys to compare with the person (by phone) before certifying.
   */
  async pendingCertificates(): Promise<Array<PendingCertificate & { fingerprint: string }>> {
    const pending = await this.api.get<PendingCertificate[]>('/api/platform/pending-certificates');
    return Promise.all(
      pending.map(async (entry) => ({
        ...entry,
        fingerprint: await keyFingerprint(entry.signPublicKey, entry.boxPublicKey),
      })),
    );
  }

  /** The fingerprint of this account's own keys (what a platform admin compares before certifying). */
  async ownKeyFingerprint(): Promise<string> {
    const { signPublicKey, boxPublicKey } = await publicIdentity(this.requireIdentity());
    return keyFingerprint(signPublicKey, boxPublicKey);
  }

  /**
   * Platform admins: sign a center admin's keys with the platform key. The platform
   * secret is unsealed here with this account's box key and never leaves this object.
   */
  async certifyPendingAdmin(pending: PendingCertificate): Promise<void> {
    const identity = this.requireIdentity();
    if (!(await verifyPublicIdentity(pending))) {
      throw new KeyVerificationError(
        'SUBJECT_KEYS_INVALID',
        'The keys of this center admin do not belong together',
      );
    }
    const grant = await this.api.get<z.infer<typeof platformKeyGrantSchema>>('/api/platform/key-grant');
    const platformSecret = await openSealed(grant.sealedKey, identity.boxPublicKey, identity.boxSecretKey);
    try {
      // The grant must be the key the app trusts: signing with another one helps nobody.
      const sodium = await getSodium();
      const derived = toBase64(sodium, sodium.crypto_sign_ed25519_sk_to_pk(platformSecret));
      if (derived !== (await this.platformKey())) {
        throw new KeyVerificationError(
          'PLATFORM_KEY_MISMATCH',
          'The platform key grant is not for the configured key',
        );
      }
      const certificate = await certifyCenterAdmin(platformSecret, {
        centerId: pending.centerId,
        accountId: pending.accountId,
        signPublicKey: pending.signPublicKey,
        boxPublicKey: pending.boxPublicKey,
      });
      await this.api.post(`/api/centers/${pending.centerId}/admin-certificates`, {
        ...certificate,
        accountId: pending.accountId,
      });
    } finally {
      platformSecret.fill(0);
    }
  }

  /** The center's key chain verified against the configured platform key; undefined without a team key. */
  async verifiedKeyChain(centerId: string): Promise<VerifiedCenterKeys | undefined> {
    let chain: CenterKeyChain;
    try {
      chain = await this.api.get<CenterKeyChain>(`/api/centers/${centerId}/key-chain`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && error.code === 'NO_TEAM_KEY') return undefined;
      throw error;
    }
    return verifyCenterKeyChain(await this.platformKey(), chain);
  }

  /**
   * Center admins: make a new team key epoch for everyone on the center's staff list,
   * sign it and the member list, and seal the private key to each member. Refuses when
   * any member's keys do not belong together.
   */
  async publishTeamKey(centerId: string): Promise<{ epoch: number; fingerprint: string }> {
    const identity = this.requireIdentity();
    const staff = await this.staff(centerId);
    for (const member of staff) {
      if (!(await verifyPublicIdentity(member))) {
        throw new KeyVerificationError(
          'MEMBER_KEYS_INVALID',
          `The keys of ${member.displayName} do not belong together`,
        );
      }
    }
    const current = await this.verifiedKeyChain(centerId);
    const epoch = await createTeamKeyEpoch({
      centerId,
      epoch: (current?.teamKey.epoch ?? 0) + 1,
      memberListVersion: (current?.memberList?.version ?? 0) + 1,
      adminSignSecretKey: identity.signSecretKey,
      members: staff.map(({ accountId, boxPublicKey, signPublicKey }) => ({
        accountId,
        boxPublicKey,
        signPublicKey,
      })),
    });
    epoch.boxSecretKey.fill(0);
    const published = await this.api.post<{ epoch: number }>(`/api/centers/${centerId}/team-key`, {
      teamKey: epoch.teamKey,
      memberList: epoch.memberList,
      grants: epoch.grants,
    });
    const sodium = await getSodium();
    return {
      epoch: published.epoch,
      fingerprint: await keyFingerprint(toBase64(sodium, epoch.boxPublicKey)),
    };
  }

  /** The center's current team key as verified here: epoch, listed members and fingerprint. */
  async centerKeyStatus(centerId: string): Promise<CenterKeyStatus> {
    const verified = await this.verifiedKeyChain(centerId);
    if (!verified) return { none: true };
    return {
      epoch: verified.teamKey.epoch,
      members: verified.memberList?.members.length ?? 0,
      fingerprint: await keyFingerprint(verified.teamKey.boxPublicKey),
    };
  }

  /**
   * Does the key work this member can do for a center (ARCHITECTURE.md §5), so the
   * team key reaches exactly the members an admin listed:
   * - a center admin: a member left → a new team key epoch for those who remain;
   *   a member joined → a new signed member list;
   * - any member holding the team key: seals it to listed members who lack it, after
   *   checking the list's signature chain itself.
   * Idempotent; run when the server says keys changed.
   */
  async maintainTeamKeys(
    centerId: string,
  ): Promise<{ rotated: boolean; memberListSigned: boolean; granted: number }> {
    const identity = this.requireIdentity();
    const done = { rotated: false, memberListSigned: false, granted: 0 };
    const role = this.session?.account.memberships.find((m) => m.centerId === centerId)?.role;
    if (!role) return done;
    let verified = await this.verifiedKeyChain(centerId);
    if (!verified) return done;
    if (role === 'center_admin') {
      const staff = await this.staff(centerId);
      const listed = verified.memberList?.members ?? [];
      const current = new Map(staff.map((m) => [m.accountId, m]));
      const left = listed.filter((m) => {
        const member = current.get(m.accountId);
        return !member || member.boxPublicKey !== m.boxPublicKey || member.signPublicKey !== m.signPublicKey;
      });
      const joined = staff.filter((m) => !listed.some((l) => l.accountId === m.accountId));
      try {
        if (left.length > 0) {
          await this.publishTeamKey(centerId);
          return { ...done, rotated: true };
        }
        if (joined.length > 0) {
          for (const member of joined) {
            if (!(await verifyPublicIdentity(member)))
              throw new KeyVerificationError(
                'MEMBER_KEYS_INVALID',
                `The keys of ${member.displayName} do not belong together`,
              );
          }
          const list = await signStatement(
            {
              type: 'member-list',
              centerId,
              version: (verified.memberList?.version ?? 0) + 1,
              members: staff.map(({ accountId, boxPublicKey, signPublicKey }) => ({
                accountId,
                boxPublicKey,
                signPublicKey,
              })),
              issuedAt: new Date().toISOString(),
            },
            identity.signSecretKey,
          );
          await this.api.post(`/api/centers/${centerId}/member-list`, list);
          done.memberListSigned = true;
          verified = (await this.verifiedKeyChain(centerId)) ?? verified;
        }
      } catch (error) {
        // Not certified yet, or another admin was faster: the grants below may still be due.
        if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 409)) throw error;
      }
    }
    const pending = await this.api.get<{
      epoch: number;
      members: Array<{ accountId: string; boxPublicKey: string; signPublicKey: string }>;
    }>(`/api/centers/${centerId}/pending-grants`);
    if (pending.members.length === 0 || pending.epoch !== verified.teamKey.epoch) return done;
    const grants = await this.api.get<Array<{ epoch: number; sealedKey: string }>>(
      `/api/centers/${centerId}/team-key-grants`,
    );
    const own = grants.find((g) => g.epoch === pending.epoch);
    if (!own) return done;
    const teamSecret = await openSealed(own.sealedKey, identity.boxPublicKey, identity.boxSecretKey);
    try {
      const sealed = [];
      for (const member of pending.members) {
        // Only to someone an admin signed onto the list with exactly these keys.
        const listed = verified.memberList?.members.find((m) => m.accountId === member.accountId);
        if (!listed || listed.boxPublicKey !== member.boxPublicKey) continue;
        sealed.push({
          accountId: member.accountId,
          epoch: pending.epoch,
          sealedKey: await sealTo(listed.boxPublicKey, teamSecret),
        });
      }
      if (sealed.length > 0) {
        await this.api.post(`/api/centers/${centerId}/team-key-grants`, { grants: sealed });
        done.granted = sealed.length;
      }
    } finally {
      teamSecret.fill(0);
    }
    return done;
  }
}
