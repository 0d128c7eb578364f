import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RTCPeerConnection } from 'werift';
import { TestParticipant, until } from './support/participant-client';
import { startTestMedia, type TestMedia } from './support/media';

async function videoRetransmissions(pc: RTCPeerConnection): Promise<number> {
  let sent = 0;
  (await pc.getStats()).forEach((stat) => {
    const s = stat as { type?: string; kind?: string; retransmittedPacketsSent?: number };
    if (s.type === 'outbound-rtp' && s.kind === 'video') sent += s.retransmittedPacketsSent ?? 0;
  });
  return sent;
}

/**
 * Packet loss on both legs (publisher → SFU and SFU → subscriber), made by the werift
 * peers dropping ~5 % of their packets: NACKs bring the lost video packets back, as RTX,
 * on each leg, so the subscriber ends up with (almost) every sequence number.
 */
describe('NACK and RTX retransmission', () => {
  let media: TestMedia;
  let alice: TestParticipant;
  let bob: TestParticipant;

  beforeAll(async () => {
    media = await startTestMedia({ udpPorts: [42800, 42899] });
  });

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    await media?.stop();
  });

  it('recovers lost video packets on both legs', async () => {
    const roomId = await media.createRoom();
    alice = TestParticipant.open(media.signallingUrl, roomId, await media.token(roomId, 'alice'), ['video']);
    bob = TestParticipant.open(media.signallingUrl, roomId, await media.token(roomId, 'bob'), []);
    await alice.waitConnected();
    await bob.waitConnected();
    alice.simulateLoss({ outboundPercent: 5 });
    bob.simulateLoss({ inboundPercent: 5 });
    alice.startMedia();
    await until(() => (bob.received.get('alice:video')?.length ?? 0) > 100, 15_000, 'video at bob');
    alice.stopMedia();
    await new Promise((resolve) => setTimeout(resolve, 500));

    const sequenceNumbers = new Set(bob.received.get('alice:video')!.map((p) => p.sequenceNumber));
    const first = Math.min(...sequenceNumbers);
    const last = Math.max(...sequenceNumbers);
    let missing = 0;
    for (let seq = first; seq <= last; seq++) if (!sequenceNumbers.has(seq)) missing++;
    const span = last - first + 1;
    // without retransmission about 1 in 10 would be missing (5 % on each leg)
    expect(missing / span).toBeLessThan(0.01);

    const serverPcForBob = media.app.rooms.get(roomId).participants.get('bob')!.pc;
    expect(await videoRetransmissions(serverPcForBob)).toBeGreaterThan(0);
    expect(await videoRetransmissions(alice.pc)).toBeGreaterThan(0);
    console.log('retransmission', {
      span,
      missing,
      sfuToBob: await videoRetransmissions(serverPcForBob),
      aliceToSfu: await videoRetransmissions(alice.pc),
    });
  });
});
