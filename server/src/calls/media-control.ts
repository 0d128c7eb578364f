import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../http/errors';

/** The part of the media service's control API the calls use (media/README.md). */
export interface MediaControl {
  createRoom(roomId: string): Promise<void>;
  issueToken(
    roomId: string,
    participantId: string,
  ): Promise<{ token: string; expiresAt: string; signallingUrl: string }>;
  closeRoom(roomId: string): Promise<void>;
  /** Whether the room is open; throws MediaUnavailableError when the service does not answer. */
  roomExists(roomId: string): Promise<boolean>;
}

export class MediaUnavailableError extends AppError {
  constructor() {
    super(503, 'MEDIA_UNAVAILABLE', 'The call service is not reachable right now; the chat continues');
  }
}

/**
 * The shared secret: MEDIA_SECRET, else (development) the one the media service keeps
 * in DATA_DIR/media-secret — read or created on first use, as the media service does,
 * so either process may start first.
 */
export function mediaSecretSource(configured: string | undefined, dataDir: string): () => string {
  let secret = configured;
  return () => {
    if (secret) return secret;
    const file = path.join(dataDir, 'media-secret');
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      const stored = fs.readFileSync(file, 'utf8').trim();
      if (stored.length >= 32) return (secret = stored);
    } catch {
      // not there yet
    }
    secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  };
}

/**
 * HTTP client of the media service's control API (X-Media-Secret). Anything but the
 * expected answer — refused connection, timeout, 5xx, wrong secret — is reported as
 * MEDIA_UNAVAILABLE: for the people in the chat the call simply cannot happen now.
 */
export function httpMediaControl(options: {
  controlUrl: string;
  secret: () => string;
  /** The public signalling URL browsers use (the media service's own answer is for its host). */
  signallingUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): MediaControl {
  const base = options.controlUrl.replace(/\/$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const request = async (method: string, route: string, body?: unknown) => {
    let response: Response;
    try {
      response = await fetchImpl(base + route, {
        method,
        headers: { 'content-type': 'application/json', 'x-media-secret': options.secret() },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
    } catch {
      throw new MediaUnavailableError();
    }
    const text = await response.text().catch(() => '');
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // not JSON: judged by the status alone
    }
    return { status: response.status, json };
  };
  return {
    async createRoom(roomId) {
      const { status } = await request('POST', '/rooms', { roomId, maxParticipants: 2 });
      if (status !== 201) throw new MediaUnavailableError();
    },
    async issueToken(roomId, participantId) {
      const { status, json } = await request('POST', `/rooms/${encodeURIComponent(roomId)}/tokens`, {
        participantId,
      });
      if (status === 404)
        throw new AppError(409, 'CALL_ROOM_GONE', 'The call has ended on the media service');
      if (status !== 201 || typeof json.token !== 'string') throw new MediaUnavailableError();
      return {
        token: json.token,
        expiresAt: String(json.expiresAt),
        signallingUrl: options.signallingUrl,
      };
    },
    async closeRoom(roomId) {
      const { status } = await request('DELETE', `/rooms/${encodeURIComponent(roomId)}`);
      if (status !== 204 && status !== 404) throw new MediaUnavailableError();
    },
    async roomExists(roomId) {
      const { status } = await request('GET', `/rooms/${encodeURIComponent(roomId)}`);
      if (status === 200) return true;
      if (status === 404) return false;
      throw new MediaUnavailableError();
    },
  };
}
