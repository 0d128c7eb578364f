import { createHash, randomBytes } from 'node:crypto';
import { TokenRefusedError } from '../errors';

interface TokenGrant {
  roomId: string;
  participantId: string;
  expiresAt: number;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** Why a token was refused; for the log only, the browser just hears TOKEN_REFUSED. */
export type RefusalReason = 'unknown' | 'expired' | 'other-room';

export class RefusedToken extends TokenRefusedError {
  constructor(readonly reason: RefusalReason) {
    super();
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Short-lived, single-use join tokens, each bound to one room and one participant.
 * Only a hash of each token is kept. Any presentation uses the token up, also one for
 * the wrong room: a token that turns up somewhere it should not is burnt.
 */
export class JoinTokens {
  private readonly grants = new Map<string, TokenGrant>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(roomId: string, participantId: string, ttlSeconds: number): IssuedToken {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + ttlSeconds * 1000;
    this.grants.set(digest(token), { roomId, participantId, expiresAt });
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** Uses the token up and returns the participant id it was issued for. */
  redeem(token: string, roomId: string): string {
    const key = digest(token);
    const grant = this.grants.get(key);
    if (!grant) throw new RefusedToken('unknown');
    this.grants.delete(key);
    if (grant.expiresAt <= this.now()) throw new RefusedToken('expired');
    if (grant.roomId !== roomId) throw new RefusedToken('other-room');
    return grant.participantId;
  }

  /** Drops the outstanding tokens of a room that closed. */
  revokeRoom(roomId: string): void {
    for (const [key, grant] of this.grants) if (grant.roomId === roomId) this.grants.delete(key);
  }

  /** Drops expired tokens (run on every issue, so the map cannot grow without bound). */
  sweep(): void {
    const now = this.now();
    for (const [key, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(key);
  }

  get size(): number {
    return this.grants.size;
  }
}
