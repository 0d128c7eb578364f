import { createHmac, randomBytes } from 'node:crypto';
import type { IceServer } from '../signalling/protocol';

export interface TurnSettings {
  urls: string[];
  secret: string;
  ttlSeconds: number;
}

/**
 * Time-limited TURN credentials in the "TURN REST API" scheme coturn understands with
 * `--use-auth-secret`: username `<expiry unix time>:<random id>`, password
 * base64(HMAC-SHA1(secret, username)). The id is random, so coturn's logs cannot be
 * tied to a participant.
 */
export function turnCredentials(turn: TurnSettings, nowMs: number): IceServer {
  const expiry = Math.floor(nowMs / 1000) + turn.ttlSeconds;
  const username = `${expiry}:${randomBytes(8).toString('hex')}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { urls: turn.urls, username, credential };
}
