import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES } from '../src/signalling/protocol';
import { TestParticipant } from './support/participant-client';
import { startTestMedia, type TestMedia } from './support/media';

/** Who may join: only the holder of a fresh, unused token for exactly that room. */
describe('joining with a token', () => {
  let media: TestMedia;
  let clock = Date.now();
  const opened: TestParticipant[] = [];
  const open = (roomId: string, token: string) => {
    const participant = TestParticipant.open(media.signallingUrl, roomId, token, ['audio']);
    opened.push(participant);
    return participant;
  };
  const expectRefused = async (participant: TestParticipant, code = 'TOKEN_REFUSED') => {
    expect(await participant.waitFor('error')).toMatchObject({ type: 'error', code });
    expect(await participant.waitForClose()).toBe(CLOSE_CODES[code as keyof typeof CLOSE_CODES]);
    expect(participant.messages.some((m) => m.type === 'joined' || m.type === 'offer')).toBe(false);
  };

  beforeAll(async () => {
    media = await startTestMedia({ udpPorts: [42200, 42299], now: () => clock });
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await media?.stop();
  });

  it('admits a fresh token once and refuses it the second time', async () => {
    const roomId = await media.createRoom();
    const token = await media.token(roomId, 'p1');
    const first = open(roomId, token);
    expect(await first.waitFor('joined')).toMatchObject({ participantId: 'p1' });
    await first.waitFor('offer');
    await first.close();
    await expectRefused(open(roomId, token));
  });

  it('refuses an expired token', async () => {
    const roomId = await media.createRoom();
    const token = await media.token(roomId, 'p1', 30);
    clock += 31_000;
    await expectRefused(open(roomId, token));
  });

  it('refuses a token for another room, and burns it (no second try in the right room)', async () => {
    const roomA = await media.createRoom();
    const roomB = await media.createRoom();
    const tokenForA = await media.token(roomA, 'p1');
    await expectRefused(open(roomB, tokenForA));
    await expectRefused(open(roomA, tokenForA));
  });

  it('refuses a made-up token and one issued by another media service', async () => {
    const roomId = await media.createRoom('same-room');
    await expectRefused(open(roomId, 'x'.repeat(43)));
    const other = await startTestMedia({ udpPorts: [42300, 42309] });
    try {
      await other.createRoom('same-room');
      const foreign = await other.token('same-room', 'p1');
      await expectRefused(open(roomId, foreign));
    } finally {
      await other.stop();
    }
  });

  it('refuses a third participant in a 1:1 room, both at token issue and at join', async () => {
    const roomId = await media.createRoom();
    const third = await media.token(roomId, 'p3');
    const a = open(roomId, await media.token(roomId, 'p1'));
    await a.waitFor('joined');
    const b = open(roomId, await media.token(roomId, 'p2'));
    await b.waitFor('joined');
    const refused = await media.control('POST', `/rooms/${roomId}/tokens`, { participantId: 'p4' });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'ROOM_FULL' } } });
    await expectRefused(open(roomId, third), 'ROOM_FULL');
  });

  it('a participant who joins again with a new token replaces the old session', async () => {
    const roomId = await media.createRoom();
    const old = open(roomId, await media.token(roomId, 'p1'));
    await old.waitFor('joined');
    const again = open(roomId, await media.token(roomId, 'p1'));
    await again.waitFor('joined');
    expect(await old.waitFor('closed')).toEqual({ type: 'closed', reason: 'replaced' });
    expect([...media.app.rooms.get(roomId).participants.keys()]).toEqual(['p1']);
  });

  it('refuses a join for a room that was closed, and a malformed message', async () => {
    const roomId = await media.createRoom();
    const token = await media.token(roomId, 'p1');
    await media.control('DELETE', `/rooms/${roomId}`);
    await expectRefused(open(roomId, token));
    const garbage = new WebSocket(media.signallingUrl);
    const reply = new Promise<string>((resolve) => garbage.once('message', (data) => resolve(String(data))));
    const closed = new Promise<number>((resolve) => garbage.once('close', resolve));
    await new Promise((resolve) => garbage.once('open', resolve));
    garbage.send('not json');
    expect(JSON.parse(await reply)).toMatchObject({ type: 'error', code: 'BAD_MESSAGE' });
    expect(await closed).toBe(CLOSE_CODES.BAD_MESSAGE);
  });
});
