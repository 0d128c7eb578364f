import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestParticipant, until } from './support/participant-client';
import { startTestMedia, type TestMedia } from './support/media';

/** Participants leaving and coming back, and rooms with more than two. */
describe('rooms over time', () => {
  let media: TestMedia;

  beforeAll(async () => {
    media = await startTestMedia({ udpPorts: [42500, 42599] });
  });

  afterAll(async () => {
    await media?.stop();
  });

  const receiving = (viewer: TestParticipant, key: string) => viewer.received.get(key)?.length ?? 0;

  it('one hangs up, the other is told and renegotiated; the one who left can come back', async () => {
    const roomId = await media.createRoom();
    const a = TestParticipant.open(media.signallingUrl, roomId, await media.token(roomId, 'a'));
    await a.waitConnected();
    a.startMedia();
    const b = TestParticipant.open(media.signallingUrl, roomId, await media.token(roomId, 'b'));
    await b.waitConnected();
    b.startMedia();
    await until(() => receiving(a, 'b:video') > 5 && receiving(b, 'a:video') > 5, 5000, 'media both ways');

    b.sendJson({ type: 'leave' });
    await until(() => a.messages.some((m) => m.type === 'peer-left'), 3000, 'peer-left');
    expect(await b.waitFor('closed')).toEqual({ type: 'closed', reason: 'left' });
    // a third offer (join, peer-joined, peer-left) with b's m-lines inactive
    await until(() => a.messages.filter((m) => m.type === 'offer').length === 3, 3000, 'renegotiation');
    const lastOffer = a.messages.filter((m) => m.type === 'offer').at(-1)!;
    expect(lastOffer).toMatchObject({ tracks: [] });
    expect(a.pc.connectionState).toBe('connected');
    await b.close();

    const back = TestParticipant.open(media.signallingUrl, roomId, await media.token(roomId, 'b'));
    await back.waitConnected();
    back.startMedia();
    const before = receiving(a, 'b:video');
    await until(
      () => receiving(back, 'a:video') > 5 && receiving(a, 'b:video') > before + 5,
      5000,
      'media again',
    );
    expect(a.pc.connectionState).toBe('connected');
    expect([...a.answerErrors, ...back.answerErrors]).toEqual([]);
    await Promise.all([a.close(), back.close()]);
  });

  it('two who join at the same moment both connect (renegotiation waits for the transport)', async () => {
    const roomId = await media.createRoom();
    const [tokenA, tokenB] = [await media.token(roomId, 'a'), await media.token(roomId, 'b')];
    const a = TestParticipant.open(media.signallingUrl, roomId, tokenA);
    const b = TestParticipant.open(media.signallingUrl, roomId, tokenB);
    await Promise.all([a.waitConnected(), b.waitConnected()]);
    a.startMedia();
    b.startMedia();
    await until(
      () => ['audio', 'video'].every((k) => receiving(a, `b:${k}`) > 5 && receiving(b, `a:${k}`) > 5),
      5000,
      'media both ways',
    );
    expect([...a.answerErrors, ...b.answerErrors]).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('forwards every track to every other participant in a room of three', async () => {
    const response = await media.control('POST', '/rooms', { maxParticipants: 3 });
    const roomId = String(response.body!.roomId);
    const ids = ['x', 'y', 'z'];
    const participants: TestParticipant[] = [];
    for (const id of ids) {
      const participant = TestParticipant.open(media.signallingUrl, roomId, await media.token(roomId, id));
      participants.push(participant);
      await participant.waitConnected();
      participant.startMedia();
    }
    await until(
      () =>
        participants.every((viewer, i) =>
          ids
            .filter((_, j) => j !== i)
            .every(
              (other) => receiving(viewer, `${other}:audio`) > 5 && receiving(viewer, `${other}:video`) > 5,
            ),
        ),
      8000,
      'everyone receives everyone else',
    );
    participants.forEach((viewer, i) => expect(viewer.received.has(`${ids[i]}:video`)).toBe(false));
    await media.control('DELETE', `/rooms/${roomId}`);
    await Promise.all(participants.map((p) => p.close()));
  });

  it('an empty room closes itself after the idle time', async () => {
    const idle = await startTestMedia({ udpPorts: [42600, 42609], env: { MEDIA_ROOM_IDLE_SECONDS: '1' } });
    try {
      const roomId = await idle.createRoom();
      expect((await idle.control('GET', `/rooms/${roomId}`)).status).toBe(200);
      await until(() => idle.app.rooms.size === 0, 3000, 'idle room closed');
    } finally {
      await idle.stop();
    }
  });
});
