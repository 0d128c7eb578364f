import type { Response } from 'express';
import type { LoginResponse } from '@beratung/shared';
import { setSessionCookie, type CookieSettings } from '../http/session-middleware';
import type { AccountsService, NewSession } from './accounts.service';

/**
 * Sets the cookie of a new session and answers with its view; the wrapped keys only
 * when asked and the session is complete (after the second factor).
 */
export async function respondWithNewSession(
  res: Response,
  cookies: CookieSettings,
  accounts: AccountsService,
  session: NewSession,
  includeKeys: boolean,
): Promise<LoginResponse> {
  setSessionCookie(res, cookies, session.token, session.expiresAt);
  return {
    stage: session.stage,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
    idleTimeoutSeconds: session.idleTimeoutSeconds,
    account: await accounts.view(session.accountId),
    ...(includeKeys && session.stage === 'full'
      ? { keys: await accounts.keyMaterial(session.accountId) }
      : {}),
  };
}
