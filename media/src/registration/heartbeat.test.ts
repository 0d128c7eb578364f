import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { heartbeatOf, heartbeatUrl, startRegistration } from './heartbeat';

describe('registration with the main server', () => {
  it('builds the heartbeat from the rooms', () => {
    expect(
      heartbeatOf({
        controlUrl: 'http://media-1:3002',
        signallingUrl: 'ws://localhost:3001/signal',
        rooms: [
          { roomId: 'call-1', participants: 2 },
          { roomId: 'call-2', participants: 0 },
        ],
        cpuPercent: 7.5,
      }),
    ).toEqual({
      controlUrl: 'http://media-1:3002',
      signallingUrl: 'ws://localhost:3001/signal',
      load: { rooms: 2, participants: 2, cpuPercent: 7.5 },
      rooms: [
        { roomId: 'call-1', participants: 2 },
        { roomId: 'call-2', participants: 0 },
      ],
    });
    expect(heartbeatUrl('http://server:3000/', 'host:3001')).toBe(
      'http://server:3000/api/media/nodes/host%3A3001',
    );
  });

  it('heartbeats with the secret right away and on every interval, until stopped', async () => {
    const requests: Array<{ url: string; init: RequestInit }> = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response(null, { status: 204 });
    }) as unknown as typeof fetch;
    const registration = startRegistration({
      registerUrl: 'http://server:3000',
      nodeId: 'media-1',
      secret: 'the-secret',
      intervalMs: 20,
      snapshot: () =>
        heartbeatOf({
          controlUrl: 'http://m:3002',
          signallingUrl: 'ws://m:3001/signal',
          rooms: [],
          cpuPercent: null,
        }),
      logger: pino({ level: 'silent' }),
      fetch: fakeFetch,
    });
    await new Promise((resolve) => setTimeout(resolve, 90));
    registration.stop();
    const sent = requests.length;
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(requests[0]!.url).toBe('http://server:3000/api/media/nodes/media-1');
    expect(requests[0]!.init.method).toBe('PUT');
    expect((requests[0]!.init.headers as Record<string, string>)['x-media-secret']).toBe('the-secret');
    expect(JSON.parse(String(requests[0]!.init.body))).toMatchObject({ load: { rooms: 0, participants: 0 } });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(requests.length).toBe(sent);
    expect(await registration.beat()).toBeNull();
  });

  it('keeps trying when the server is not there or refuses', async () => {
    let calls = 0;
    const registration = startRegistration({
      registerUrl: 'http://server:3000',
      nodeId: 'media-1',
      secret: 'wrong',
      intervalMs: 10_000,
      snapshot: () =>
        heartbeatOf({
          controlUrl: 'http://m:3002',
          signallingUrl: 'ws://m:3001/signal',
          rooms: [],
          cpuPercent: null,
        }),
      logger: pino({ level: 'silent' }),
      fetch: (async () => {
        calls++;
        if (calls <= 2) throw new Error('ECONNREFUSED');
        return new Response('{"error":{}}', { status: 401 });
      }) as unknown as typeof fetch,
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await registration.beat()).toBeNull();
    expect(await registration.beat()).toBe(401);
    registration.stop();
  });
});
