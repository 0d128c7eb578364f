import type { Request } from 'express';
import type { SessionStage, StaffRole } from '../db/schema';
import { constantTimeEqual, sha256 } from '../security/secrets';
import { ForbiddenError, UnauthenticatedError } from './errors';

/** Who may call a route. Every route declares one; there is no default. */
export type Access =
  | 'public'
  /** any session, also one that still needs its second factor (MFA endpoints, logout) */
  | 'session'
  /** a complete session of any role */
  | 'authenticated'
  | 'seeker'
  | 'staff'
  | 'platform_admin'
  /**
   * a media process (server to server): the shared media secret in `X-Media-Secret`;
   * no session is looked at, and a session alone never passes
   */
  | 'media_node'
  /** a member of the center in the `centerId` path parameter with at least this role; platform admins pass */
  | { centerRole: StaffRole };

export interface AuthAccount {
  id: string;
  kind: 'seeker' | 'staff';
  isPlatformAdmin: boolean;
  memberships: Map<string, StaffRole>;
}

export interface Auth {
  sessionIdHash: string;
  stage: SessionStage;
  csrfToken: string;
  expiresAt: Date;
  idleTimeoutSeconds: number;
  account: AuthAccount;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: Auth;
  }
}

function roleRank(role: StaffRole): number {
  return role === 'center_admin' ? 2 : 1;
}

/** Header media processes send the shared secret in (as the server does to them). */
export const MEDIA_SECRET_HEADER = 'x-media-secret';

export interface AccessSecrets {
  /** The shared media secret; without it, `media_node` routes refuse everyone. */
  mediaSecret?: () => string;
}

/** True if the request carries the media secret (compared in constant time, length too). */
function presentsMediaSecret(req: Request, secrets: AccessSecrets): boolean {
  const presented = req.get(MEDIA_SECRET_HEADER);
  const expected = secrets.mediaSecret?.();
  if (!presented || !expected) return false;
  return constantTimeEqual(sha256(presented), sha256(expected));
}

/**
 * Checks the declared access against the request's session; returns the session
 * (for `public` and `media_node` routes it may be absent).
 */
export function authorize(req: Request, access: Access, secrets: AccessSecrets = {}): Auth {
  if (access === 'public') return req.auth as Auth;
  if (access === 'media_node') {
    if (presentsMediaSecret(req, secrets)) return req.auth as Auth;
    throw new UnauthenticatedError('Missing or wrong media secret', 'MEDIA_SECRET_INVALID');
  }
  const auth = req.auth;
  if (!auth) throw new UnauthenticatedError();
  if (access === 'session') return auth;
  if (auth.stage !== 'full') {
    throw new UnauthenticatedError('The second factor is still missing', 'MFA_REQUIRED');
  }
  const account = auth.account;
  if (access === 'authenticated') return auth;
  if (access === 'seeker' && account.kind === 'seeker') return auth;
  if (access === 'staff' && account.kind === 'staff') return auth;
  if (access === 'platform_admin' && account.isPlatformAdmin) return auth;
  if (typeof access === 'object') {
    if (account.isPlatformAdmin) return auth;
    const centerId = req.params.centerId as string | undefined;
    const role = centerId ? account.memberships.get(centerId) : undefined;
    if (role && roleRank(role) >= roleRank(access.centerRole)) return auth;
  }
  throw new ForbiddenError();
}

/** True if the account may administer the center (center admin there, or platform admin). */
export function canAdministerCenter(account: AuthAccount, centerId: string): boolean {
  return account.isPlatformAdmin || account.memberships.get(centerId) === 'center_admin';
}
