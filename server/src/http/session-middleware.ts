import { parse as parseCookies, serialize } from 'cookie';
import type { RequestHandler, Response, Request } from 'express';
import type { Db } from '../db/database';
import { loadSession } from '../accounts/sessions';
import { constantTimeEqual } from '../security/secrets';
import { ForbiddenError } from './errors';

export interface CookieSettings {
  secure: boolean;
}

/** `__Host-` pins the cookie to our origin, but browsers accept it only with Secure. */
export function sessionCookieName(settings: CookieSettings): string {
  return settings.secure ? '__Host-beratung_sid' : 'beratung_sid';
}

export function setSessionCookie(
  res: Response,
  settings: CookieSettings,
  token: string,
  expiresAt: Date,
): void {
  res.append(
    'Set-Cookie',
    serialize(sessionCookieName(settings), token, {
      httpOnly: true,
      secure: settings.secure,
      sameSite: 'strict',
      path: '/',
      expires: expiresAt,
    }),
  );
}

export function clearSessionCookie(res: Response, settings: CookieSettings): void {
  res.append(
    'Set-Cookie',
    serialize(sessionCookieName(settings), '', {
      httpOnly: true,
      secure: settings.secure,
      sameSite: 'strict',
      path: '/',
      maxAge: 0,
    }),
  );
}

export function readSessionToken(
  cookieHeader: string | undefined,
  settings: CookieSettings,
): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookies(cookieHeader)[sessionCookieName(settings)];
}

/** Loads the session (if any) into req.auth; an expired one also clears the cookie. */
export function sessionMiddleware(db: Db, settings: CookieSettings): RequestHandler {
  return async (req, res, next) => {
    const token = readSessionToken(req.headers.cookie, settings);
    if (token) {
      req.auth = await loadSession(db, token);
      if (!req.auth) clearSessionCookie(res, settings);
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for state-changing requests, in depth:
 * 1. an Origin (or Referer) from another site is refused outright;
 * 2. with a session, the X-CSRF-Token header must equal the session's token
 *    (a value only our own pages can read from the session response);
 *    (login and registration replace the session, so they only need 1 and 3);
 * 3. bodies must be JSON (or raw bytes: encrypted attachments), which a cross-site
 *    form cannot send without a CORS preflight.
 */
export function csrfProtection(
  allowedOrigins: string[],
  tokenExemptPaths: ReadonlySet<string>,
): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = requestOrigin(req);
    if (origin && !allowedOrigins.includes(origin)) {
      return next(new ForbiddenError('Cross-site request refused', 'CSRF_ORIGIN'));
    }
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is('application/json') && !req.is('application/octet-stream')) {
      return next(new ForbiddenError('Requests must be sent as application/json', 'CSRF_CONTENT_TYPE'));
    }
    if (req.auth && !tokenExemptPaths.has(req.baseUrl + req.path)) {
      const header = req.get('x-csrf-token');
      if (!header || !constantTimeEqual(header, req.auth.csrfToken)) {
        return next(new ForbiddenError('Missing or wrong CSRF token', 'CSRF_TOKEN'));
      }
    }
    next();
  };
}

function requestOrigin(req: Request): string | undefined {
  const origin = req.get('origin');
  if (origin && origin !== 'null') return origin;
  if (origin === 'null') return 'null';
  const referer = req.get('referer');
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'invalid';
  }
}
