import { createMediaApp, type MediaApp } from '../../src/app';
import { loadConfig } from '../../src/config';

export const TEST_SECRET = 'test-media-secret-0123456789abcdefghijklmnop';

export interface TestMedia {
  app: MediaApp;
  signallingUrl: string;
  controlUrl: string;
  portRange: [number, number];
  /** A control API request with the shared secret (or the one given). */
  control(
    method: string,
    path: string,
    body?: unknown,
    secret?: string | null,
  ): Promise<{ status: number; body: Record<string, unknown> | null }>;
  createRoom(roomId?: string): Promise<string>;
  token(roomId: string, participantId: string, ttlSeconds?: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The whole media service in-process on 127.0.0.1 (random TCP ports, the given UDP
 * range), as `npm run start -w media` runs it.
 */
export async function startTestMedia(options: {
  udpPorts: [number, number];
  now?: () => number;
  env?: Record<string, string>;
}): Promise<TestMedia> {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      MEDIA_HOST: '127.0.0.1',
      MEDIA_PORT: '0',
      MEDIA_CONTROL_PORT: '0',
      MEDIA_SECRET: TEST_SECRET,
      MEDIA_ANNOUNCED_ADDRESS: '127.0.0.1',
      MEDIA_UDP_LISTEN_ADDRESS: '127.0.0.1',
      MEDIA_UDP_PORT_MIN: String(options.udpPorts[0]),
      MEDIA_UDP_PORT_MAX: String(options.udpPorts[1]),
      LOG_LEVEL: process.env.MEDIA_TEST_LOG_LEVEL ?? 'silent',
      ...options.env,
    },
    '/tmp',
  );
  const app = createMediaApp(config, { now: options.now });
  const { signallingUrl, controlUrl } = await app.listen();
  const control: TestMedia['control'] = async (method, path, body, secret = TEST_SECRET) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret !== null) headers['x-media-secret'] = secret;
    const response = await fetch(controlUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };
  return {
    app,
    signallingUrl,
    controlUrl,
    portRange: options.udpPorts,
    control,
    async createRoom(roomId) {
      const response = await control('POST', '/rooms', roomId ? { roomId } : {});
      if (response.status !== 201) throw new Error(`room not created: ${JSON.stringify(response.body)}`);
      return String(response.body!.roomId);
    },
    async token(roomId, participantId, ttlSeconds) {
      const response = await control('POST', `/rooms/${roomId}/tokens`, { participantId, ttlSeconds });
      if (response.status !== 201) throw new Error(`no token: ${JSON.stringify(response.body)}`);
      return String(response.body!.token);
    },
    stop: () => app.stop(),
  };
}
