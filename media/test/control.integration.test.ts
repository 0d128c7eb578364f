import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMedia, TEST_SECRET, type TestMedia } from './support/media';

/** The control API the main server uses: behind the shared secret, JSON in and out. */
describe('control API', () => {
  let media: TestMedia;

  beforeAll(async () => {
    media = await startTestMedia({ udpPorts: [42400, 42409] });
  });

  afterAll(async () => {
    await media?.stop();
  });

  it('answers health checks without the secret and nothing else', async () => {
    expect(await media.control('GET', '/healthz', undefined, null)).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
    for (const secret of [null, '', 'wrong', TEST_SECRET.slice(0, -1), `${TEST_SECRET}x`]) {
      const response = await media.control('GET', '/stats', undefined, secret);
      expect(response).toEqual({
        status: 401,
        body: { error: { code: 'UNAUTHORIZED', message: 'Missing or wrong media secret.' } },
      });
    }
    expect((await media.control('POST', '/rooms', {}, 'wrong')).status).toBe(401);
    expect(media.app.rooms.size).toBe(0);
  });

  it('creates rooms (given or generated id) once, describes and closes them', async () => {
    const created = await media.control('POST', '/rooms', { roomId: 'call_42' });
    expect(created).toEqual({ status: 201, body: { roomId: 'call_42', maxParticipants: 2 } });
    expect(await media.control('POST', '/rooms', { roomId: 'call_42' })).toMatchObject({
      status: 409,
      body: { error: { code: 'ROOM_EXISTS' } },
    });
    const generated = await media.control('POST', '/rooms', { maxParticipants: 3 });
    expect(generated.status).toBe(201);
    expect(generated.body!.roomId).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.body!.maxParticipants).toBe(3);
    expect(await media.control('GET', '/rooms/call_42')).toMatchObject({
      status: 200,
      body: { roomId: 'call_42', participants: [], packetsForwarded: 0 },
    });
    expect((await media.control('DELETE', '/rooms/call_42')).status).toBe(204);
    expect(await media.control('DELETE', '/rooms/call_42')).toMatchObject({
      status: 404,
      body: { error: { code: 'ROOM_NOT_FOUND' } },
    });
  });

  it('issues short-lived tokens bound to room and participant', async () => {
    await media.createRoom('call_43');
    const before = Date.now();
    const issued = await media.control('POST', '/rooms/call_43/tokens', {
      participantId: 'seeker-1',
      ttlSeconds: 30,
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      roomId: 'call_43',
      participantId: 'seeker-1',
      signallingUrl: media.signallingUrl,
    });
    expect(String(issued.body!.token)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expiresAt = Date.parse(String(issued.body!.expiresAt));
    expect(expiresAt - before).toBeGreaterThanOrEqual(29_000);
    expect(expiresAt - before).toBeLessThanOrEqual(31_000);
    const defaultTtl = await media.control('POST', '/rooms/call_43/tokens', { participantId: 'counselor-1' });
    expect(Date.parse(String(defaultTtl.body!.expiresAt)) - before).toBeLessThanOrEqual(61_000);
    expect(await media.control('POST', '/rooms/nope/tokens', { participantId: 'x' })).toMatchObject({
      status: 404,
      body: { error: { code: 'ROOM_NOT_FOUND' } },
    });
  });

  it('refuses bad input with a message naming the field', async () => {
    expect(await media.control('POST', '/rooms', { roomId: 'has space' })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_REQUEST' } },
    });
    const badTtl = await media.control('POST', '/rooms/call_43/tokens', {
      participantId: 'a',
      ttlSeconds: 3600,
    });
    expect(badTtl.status).toBe(400);
    expect(JSON.stringify(badTtl.body)).toContain('ttlSeconds');
    const unknownField = await media.control('POST', '/rooms', { roomId: 'x', extra: 1 });
    expect(unknownField.status).toBe(400);
    const response = await fetch(`${media.controlUrl}/rooms`, {
      method: 'POST',
      headers: { 'x-media-secret': TEST_SECRET },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    const tooLarge = await fetch(`${media.controlUrl}/rooms`, {
      method: 'POST',
      headers: { 'x-media-secret': TEST_SECRET },
      body: JSON.stringify({ roomId: 'x'.repeat(20_000) }),
    });
    expect(tooLarge.status).toBe(413);
    expect((await media.control('GET', '/nothing')).status).toBe(404);
    expect((await media.control('PUT', '/rooms/call_43')).status).toBe(404);
  });

  it('reports stats: rooms, participants, forwarding, CPU and memory', async () => {
    const stats = await media.control('GET', '/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      rooms: 2,
      participants: 0,
      packetsForwarded: 0,
      bytesForwarded: 0,
      cpu: { cores: expect.any(Number), percentOfOneCore: expect.any(Number) },
      memory: { rssBytes: expect.any(Number) },
    });
  });
});
