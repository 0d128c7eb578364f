import { Router, type Response } from 'express';
import { z } from 'zod';
import {
  changePasswordRequestSchema,
  deleteAccountRequestSchema,
  keyMaterialViewSchema,
  loginRequestSchema,
  loginResponseSchema,
  mfaEnableRequestSchema,
  mfaEnableResponseSchema,
  mfaSetupResponseSchema,
  mfaVerifyRequestSchema,
  preloginRequestSchema,
  preloginResponseSchema,
  recoverRequestSchema,
  registerRequestSchema,
  sessionViewSchema,
  wrappedKeysSchema,
  kdfParamsSchema,
} from '@beratung/shared';
import type { RouteRegistry } from '../http/routes';
import { UnauthenticatedError } from '../http/errors';
import { clearSessionCookie, type CookieSettings } from '../http/session-middleware';
import { respondWithNewSession } from './session-response';
import type { RateLimits } from '../security/rate-limit';
import type { Auth } from '../http/access';
import type { AccountsService, NewSession } from './accounts.service';

export interface AccountsRoutesDeps {
  registry: RouteRegistry;
  accounts: AccountsService;
  rateLimits: RateLimits;
  cookies: CookieSettings;
  /** Tells and closes the account's sockets when all its sessions end. */
  endSockets: (accountId: string) => void;
}

/** Paths that create a new session: exempt from the session CSRF token (Origin is still checked). */
export const SESSION_CREATING_PATHS = new Set([
  '/api/auth/register',
  '/api/auth/prelogin',
  '/api/auth/login',
  '/api/auth/recovery/prelogin',
  '/api/auth/recover',
]);

export function accountsRouter({
  registry,
  accounts,
  rateLimits,
  cookies,
  endSockets,
}: AccountsRoutesDeps): Router {
  const router = Router();
  const tag = 'Accounts';

  const respondWithSession = (res: Response, session: NewSession, includeKeys: boolean) =>
    respondWithNewSession(res, cookies, accounts, session, includeKeys);

  async function sessionView(auth: Auth, includeKeys = false) {
    return {
      stage: auth.stage,
      csrfToken: auth.csrfToken,
      expiresAt: auth.expiresAt.toISOString(),
      idleTimeoutSeconds: auth.idleTimeoutSeconds,
      account: await accounts.view(auth.account.id),
      ...(includeKeys ? { keys: await accounts.keyMaterial(auth.account.id) } : {}),
    };
  }

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/auth/register',
      tag,
      access: 'public',
      status: 201,
      summary: 'Register a help seeker (pseudonym and client-derived key material)',
      body: registerRequestSchema,
      response: sessionViewSchema,
      before: (req) => rateLimits.consume('registerPerClient', req.ip ?? 'unknown'),
    },
    async ({ res, body }) => {
      return respondWithSession(res, await accounts.register(body), false);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/auth/prelogin',
      tag,
      access: 'public',
      summary: 'Key derivation parameters for a login name',
      body: preloginRequestSchema,
      response: preloginResponseSchema,
    },
    async ({ req, body }) => {
      await rateLimits.consume('loginPerClient', req.ip ?? 'unknown');
      return accounts.prelogin(body.login);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/auth/login',
      tag,
      access: 'public',
      summary: 'Log in by proving the authKey',
      body: loginRequestSchema,
      response: loginResponseSchema,
    },
    async ({ req, res, body }) => {
      const name = body.login.trim().toLowerCase();
      await rateLimits.consume('loginPerName', name);
      await rateLimits.consume('loginPerClient', req.ip ?? 'unknown');
      const session = await accounts.login(body.login, body.authKey);
      await rateLimits.reset('loginPerName', name);
      return respondWithSession(res, session, true);
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/auth/session',
      tag,
      access: 'session',
      summary: 'The current session and account',
      response: sessionViewSchema,
    },
    async ({ auth }) => sessionView(auth),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/auth/keys',
      tag,
      access: 'authenticated',
      summary: "The account's wrapped private keys (decryptable only on the client)",
      response: keyMaterialViewSchema,
    },
    async ({ auth }) => accounts.keyMaterial(auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/auth/mfa/verify',
      tag,
      access: 'session',
      summary: 'Second factor at login (TOTP or recovery code)',
      body: mfaVerifyRequestSchema,
      response: loginResponseSchema,
    },
    async ({ auth, body }) => {
      await rateLimits.consume('mfaPerAccount', auth.account.id);
      await accounts.verifyMfa(auth, body.code);
      await rateLimits.reset('mfaPerAccount', auth.account.id);
      return sessionView({ ...auth, stage: 'full' }, true);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/auth/mfa/setup',
      tag,
      access: 'session',
      summary: 'Start TOTP setup: a new secret',
      response: mfaSetupResponseSchema,
    },
    async ({ auth }) => {
      // A session waiting for its second factor must not replace that factor.
      if (auth.stage === 'mfa_pending')
        throw new UnauthenticatedError('The second factor is still missing', 'MFA_REQUIRED');
      return accounts.setupMfa(auth);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/auth/mfa/enable',
      tag,
      access: 'session',
      summary: 'Confirm TOTP setup with a code; returns one-time recovery codes',
      body: mfaEnableRequestSchema,
      response: mfaEnableResponseSchema.extend(loginResponseSchema.shape),
    },
    async ({ auth, body }) => {
      await rateLimits.consume('mfaPerAccount', auth.account.id);
      const { recoveryCodes } = await accounts.enableMfa(auth, body.code);
      return { recoveryCodes, ...(await sessionView({ ...auth, stage: 'full' }, true)) };
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/auth/mfa/disable',
      tag,
      access: 'authenticated',
      summary: 'Turn the second factor off (only where not mandatory)',
      body: mfaVerifyRequestSchema,
    },
    async ({ auth, body }) => {
      await rateLimits.consume('mfaPerAccount', auth.account.id);
      await accounts.disableMfa(auth, body.code);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/auth/password',
      tag,
      access: 'authenticated',
      summary: 'Change the password (new authKey and re-wrapped keys)',
      body: changePasswordRequestSchema,
    },
    async ({ auth, body }) => {
      await rateLimits.consume('loginPerName', auth.account.id);
      await accounts.changePassword(auth, body.authKey, body.credentials);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/auth/recovery/prelogin',
      tag,
      access: 'public',
      summary: 'Recovery-code key material of a help seeker',
      body: preloginRequestSchema,
      response: z.object({ kdf: kdfParamsSchema, wrappedKeys: wrappedKeysSchema }),
    },
    async ({ req, body }) => {
      await rateLimits.consume('loginPerName', `recovery:${body.login.trim().toLowerCase()}`);
      await rateLimits.consume('loginPerClient', req.ip ?? 'unknown');
      return accounts.recoveryMaterial(body.login);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/auth/recover',
      tag,
      access: 'public',
      summary: 'Set a new password with the recovery code',
      body: recoverRequestSchema,
      response: sessionViewSchema,
    },
    async ({ req, res, body }) => {
      await rateLimits.consume('loginPerName', `recover:${body.login.trim().toLowerCase()}`);
      await rateLimits.consume('loginPerClient', req.ip ?? 'unknown');
      return respondWithSession(
        res,
        await accounts.recover(body.login, body.recoveryAuthKey, body.credentials),
        false,
      );
    },
  );

  registry.add(
    router,
    { method: 'post', path: '/api/auth/logout', tag, access: 'session', summary: 'End this session' },
    async ({ auth, res }) => {
      await accounts.logout(auth);
      clearSessionCookie(res, cookies);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/auth/logout-all',
      tag,
      access: 'authenticated',
      summary: 'End every session of this account',
    },
    async ({ auth, res }) => {
      await accounts.logoutEverywhere(auth);
      endSockets(auth.account.id);
      clearSessionCookie(res, cookies);
    },
  );

  registry.add(
    router,
    {
      method: 'delete',
      path: '/api/account',
      tag,
      access: 'seeker',
      summary: 'Delete the help seeker account and all its data',
      body: deleteAccountRequestSchema,
    },
    async ({ auth, res, body }) => {
      await rateLimits.consume('loginPerName', auth.account.id);
      await accounts.deleteAccount(auth, body.authKey);
      endSockets(auth.account.id);
      clearSessionCookie(res, cookies);
    },
  );

  return router;
}
