import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaKind } from '../src/signalling/protocol';
import { PUBLISHER_EXTENSION_ID, TestParticipant, until } from './support/participant-client';
import { startTestMedia, type TestMedia } from './support/media';

/**
 * A 1:1 call through the real SFU: two werift peers on 127.0.0.1 join a room with
 * their tokens, each publishes audio and video, each receives the other's packets.
 */
describe('a call through the SFU', () => {
  let media: TestMedia;
  let roomId: string;
  let alice: TestParticipant;
  let bob: TestParticipant;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    media = await startTestMedia({ udpPorts: [42100, 42199] });
    roomId = await media.createRoom('call-1');
    alice = TestParticipant.open(media.signallingUrl, roomId, await media.token(roomId, 'alice'));
    await alice.waitFor('joined');
    timings.aliceConnectMs = await alice.waitConnected();
    alice.startMedia();
    bob = TestParticipant.open(media.signallingUrl, roomId, await media.token(roomId, 'bob'));
    await bob.waitFor('joined');
    timings.bobConnectMs = await bob.waitConnected();
    bob.startMedia();
  });

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    await media?.stop();
    console.log('call timings', timings);
  });

  it('tells each participant who is there and which m-line carries whose track', async () => {
    expect(await alice.waitFor('joined')).toMatchObject({
      participantId: 'alice',
      peers: [],
      iceServers: [],
    });
    expect(await bob.waitFor('joined')).toMatchObject({ participantId: 'bob', peers: ['alice'] });
    expect(alice.messages).toContainEqual({ type: 'peer-joined', participantId: 'bob' });
    await until(() => alice.tracksByMid.size === 2 && bob.tracksByMid.size === 2, 5000, 'tracks announced');
    for (const [viewer, other] of [
      [alice, 'bob'],
      [bob, 'alice'],
    ] as const) {
      expect([...viewer.tracksByMid.values()].map((t) => `${t.participantId}:${t.kind}`).sort()).toEqual([
        `${other}:audio`,
        `${other}:video`,
      ]);
    }
    expect([...alice.answerErrors, ...bob.answerErrors]).toEqual([]);
    // the SFU is an ICE-lite agent: it answers checks and sends none of its own
    const offer = await alice.waitFor('offer');
    expect(offer.sdp).toContain('a=ice-lite');
    // its only candidate is the announced address (no interface scan, no STUN)
    const candidates = offer.sdp.split('\r\n').filter((line) => line.startsWith('a=candidate:'));
    expect(candidates.length).toBeGreaterThanOrEqual(1);
    for (const line of candidates) expect(line.split(' ')[4]).toBe('127.0.0.1');
    expect(offer.sdp).toContain('typ host');
    expect(offer.sdp).not.toContain('typ srflx');
    expect(media.app.rooms.get(roomId).participants.get('alice')!.pc.iceTransports[0]!.role).toBe(
      'controlled',
    );
  });

  it('forwards audio and video both ways with the payload bytes unchanged', async () => {
    const started = Date.now();
    const keys = ['bob:audio', 'bob:video', 'alice:audio', 'alice:video'];
    const count = (key: string) => (key.startsWith('bob') ? alice : bob).received.get(key)?.length ?? 0;
    await until(() => keys.every((key) => count(key) > 0), 5000, 'first packets');
    timings.firstPacketsAfterBobConnectedMs = Date.now() - started;
    const first = Object.fromEntries(keys.map((key) => [key, count(key)]));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const key of keys) {
      // ~50 audio packets and ~30+ video packets per second; allow for a loaded machine
      expect(count(key), key).toBeGreaterThan(first[key]! + (key.endsWith('audio') ? 20 : 12));
    }
    for (const [receiver, sender] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      for (const kind of ['audio', 'video'] as MediaKind[]) {
        const packets = receiver.received.get(`${sender === bob ? 'bob' : 'alice'}:${kind}`)!;
        for (const packet of packets)
          expect(sender.sent[kind].has(packet.payload.toString('hex'))).toBe(true);
      }
    }
    const stats = await media.control('GET', '/stats');
    timings.packetsForwarded = Number(stats.body!.packetsForwarded);
    expect(stats.body).toMatchObject({
      rooms: 1,
      participants: 2,
      connectedParticipants: 2,
      subscriptions: 4,
    });
    expect(Number(stats.body!.packetsForwarded)).toBeGreaterThan(100);
    expect(Number(stats.body!.bytesForwarded)).toBeGreaterThan(10_000);
  });

  it("strips the publisher's header extensions; only the SFU's own mid is on the packets", () => {
    for (const [receiver, key] of [
      [alice, 'bob:video'],
      [alice, 'bob:audio'],
      [bob, 'alice:video'],
      [bob, 'alice:audio'],
    ] as const) {
      const packets = receiver.received.get(key)!;
      expect(packets.length).toBeGreaterThan(0);
      for (const packet of packets) {
        expect(packet.extensions.map((e) => e.id)).not.toContain(PUBLISHER_EXTENSION_ID);
        // the only extension is sdes:mid, and it names the subscriber's own m-line
        for (const extension of packet.extensions) expect(extension.payload.toString()).toBe(packet.mid);
      }
    }
  });

  it("passes a subscriber's keyframe request to the publisher as a PLI for the publisher's media SSRC", async () => {
    // wait until the keyframe requests of the start are over
    await until(
      () =>
        media.app.rooms
          .get(roomId)
          .participants.get('bob')!
          .subscriptionList.every((s) => !s.waitingForKeyframe),
      5000,
      'initial keyframes forwarded',
    );
    const aliceVideoSsrc = alice.senderSsrc('video')!;
    const plisBefore = alice.plis.length;
    expect(alice.plis.every((pli) => pli.mediaSsrc === aliceVideoSsrc)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Bob's "browser" asks for a keyframe of Alice's video, naming the SFU's SSRC of it
    const sfuSsrcOfAliceVideo = bob.remoteSsrc('alice', 'video')!;
    expect(sfuSsrcOfAliceVideo).not.toBe(aliceVideoSsrc);
    const sentAt = Date.now();
    await bob.receiverFor('alice', 'video')!.receiver.sendRtcpPLI(sfuSsrcOfAliceVideo);
    await until(() => alice.plis.length > plisBefore, 3000, 'PLI at the publisher');
    const pli = alice.plis.at(-1)!;
    timings.pliRelayMs = pli.at - sentAt;
    expect(pli.mediaSsrc).toBe(aliceVideoSsrc);
    // and the keyframe it triggers reaches Bob
    await until(
      () =>
        (bob.received.get('alice:video') ?? []).some(
          (p) => p.at > pli.at && p.payload[0] === 0x10 && (p.payload[1]! & 1) === 0,
        ),
      3000,
      'keyframe at the subscriber',
    );
    const stats = await media.control('GET', '/stats');
    expect(Number(stats.body!.keyframeRequestsReceived)).toBeGreaterThanOrEqual(1);
  });

  it("connects each participant to the SFU's address only, never to the other participant", () => {
    const [min, max] = media.portRange;
    const room = media.app.rooms.get(roomId);
    const alicePair = alice.selectedPair()!;
    const bobPair = bob.selectedPair()!;
    for (const [pair, id, other] of [
      [alicePair, 'alice', bobPair],
      [bobPair, 'bob', alicePair],
    ] as const) {
      expect(pair.remote[0]).toBe('127.0.0.1');
      expect(pair.remote[1]).toBeGreaterThanOrEqual(min);
      expect(pair.remote[1]).toBeLessThanOrEqual(max);
      expect(pair.remote[1]).not.toBe(other.local[1]);
      // the remote end is exactly this participant's server-side peer connection
      const serverPair = room.participants.get(id)!.pc.iceTransports[0]!.getSelectedCandidatePair()!;
      expect(Number(serverPair.local.candidate.split(' ')[5])).toBe(pair.remote[1]);
    }
    // and no candidate of the other participant was ever given to a browser
    for (const participant of [alice, bob]) {
      const remoteCandidates = participant.pc.iceTransports[0]!.getRemoteCandidates();
      for (const candidate of remoteCandidates) {
        const port = Number(candidate.candidate.split(' ')[5]);
        expect(port).toBeGreaterThanOrEqual(min);
        expect(port).toBeLessThanOrEqual(max);
      }
    }
  });

  it('closing the room ends both peer connections', async () => {
    const room = media.app.rooms.get(roomId);
    const serverPcs = [...room.participants.values()].map((p) => p.pc);
    expect((await media.control('DELETE', `/rooms/${roomId}`)).status).toBe(204);
    expect(await alice.waitFor('closed')).toEqual({ type: 'closed', reason: 'room-closed' });
    expect(await bob.waitFor('closed')).toEqual({ type: 'closed', reason: 'room-closed' });
    expect(await alice.waitForClose()).toBe(4000);
    expect(await bob.waitForClose()).toBe(4000);
    await until(() => serverPcs.every((pc) => pc.connectionState === 'closed'), 3000, 'server side closed');
    await until(
      () => alice.pc.connectionState === 'closed' && bob.pc.connectionState === 'closed',
      3000,
      'client side closed',
    );
    const stats = await media.control('GET', '/stats');
    expect(stats.body).toMatchObject({ rooms: 0, participants: 0 });
    expect((await media.control('GET', `/rooms/${roomId}`)).status).toBe(404);
    // nothing is forwarded any more
    const forwarded = Number(stats.body!.packetsForwarded);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Number((await media.control('GET', '/stats')).body!.packetsForwarded)).toBe(forwarded);
  });
});
