import {
  MediaStreamTrack,
  RTCPeerConnection,
  RtpHeader,
  RtpPacket,
  type RTCRtpTransceiver,
  type DebugConfig,
  type RtcpPacket,
} from 'werift';
import WebSocket from 'ws';
import { mediaCapabilities } from '../../src/rtc/peer-connection';
import type { MediaKind, RemoteTrackInfo, ServerMessage } from '../../src/signalling/protocol';

/** A header extension id the publisher adds to every packet; the SFU must strip it. */
export const PUBLISHER_EXTENSION_ID = 10;
const PUBLISHER_EXTENSION_PAYLOAD = Buffer.from('PUB');

export interface ReceivedPacket {
  at: number;
  mid: string;
  ssrc: number;
  sequenceNumber: number;
  payload: Buffer;
  extensions: { id: number; payload: Buffer }[];
}

export interface ReceivedPli {
  at: number;
  senderSsrc: number;
  mediaSsrc: number;
}

/**
 * A participant as a browser would be one, made of a real werift peer connection and
 * a real WebSocket: joins with a token, answers the SFU's offers, publishes generated
 * VP8-like and Opus-like RTP (the payload bytes are unique per packet, so a receiver
 * can check they arrived unchanged), records what it receives and every PLI for its
 * own tracks. Everything on 127.0.0.1.
 */
export class TestParticipant {
  readonly ws: WebSocket;
  readonly pc: RTCPeerConnection;
  readonly messages: ServerMessage[] = [];
  /** Payloads sent, as hex, per kind. */
  readonly sent: Record<MediaKind, Set<string>> = { audio: new Set(), video: new Set() };
  /** Packets received, per `participantId:kind`. */
  readonly received = new Map<string, ReceivedPacket[]>();
  readonly plis: ReceivedPli[] = [];
  /** Offers this participant could not answer (a test failure, checked by the tests). */
  readonly answerErrors: unknown[] = [];
  readonly tracksByMid = new Map<string, RemoteTrackInfo>();
  readonly startedAt = Date.now();
  connectedAt: number | null = null;
  closeCode: number | null = null;
  private readonly localTracks = new Map<MediaKind, MediaStreamTrack>();
  private readonly hookedTracks = new WeakSet<MediaStreamTrack>();
  private readonly publishMids = new Map<string, MediaKind>();
  private offers: Promise<void> = Promise.resolve();
  private mediaTimers: NodeJS.Timeout[] = [];
  private keyframeWanted = true;
  private readonly rtcpWatched = new WeakSet<object>();
  private readonly waiters = new Set<() => void>();

  private constructor(
    url: string,
    private readonly join: { roomId: string; token: string; publish: MediaKind[] },
  ) {
    this.ws = new WebSocket(url);
    this.pc = new RTCPeerConnection({
      ...mediaCapabilities(),
      iceServers: [],
      iceUseIpv4: false,
      iceUseIpv6: false,
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceInterfaceAddresses: { udp4: '127.0.0.1' },
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') this.connectedAt ??= Date.now();
    });
    this.pc.onTrack.subscribe((track) => this.hook(track));
    this.ws.on('message', (data) => this.onMessage(JSON.parse(data.toString()) as ServerMessage));
    this.ws.on('close', (code) => {
      this.closeCode = code;
    });
    this.ws.on('error', () => undefined);
  }

  /** Opens the socket and sends `join`; does not wait for the answer. */
  static open(url: string, roomId: string, token: string, publish: MediaKind[] = ['audio', 'video']) {
    const participant = new TestParticipant(url, { roomId, token, publish });
    participant.ws.once('open', () => participant.sendJson({ type: 'join', ...participant.join }));
    return participant;
  }

  sendJson(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Resolves with the first message of that type (also one that came already). */
  waitFor<T extends ServerMessage['type']>(
    type: T,
    timeoutMs = 10_000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const message = this.messages.find((m) => m.type === type);
        if (!message) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(message as Extract<ServerMessage, { type: T }>);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${type} message within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  waitForClose(timeoutMs = 10_000): Promise<number> {
    if (this.closeCode !== null) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket not closed')), timeoutMs);
      this.ws.once('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  async waitConnected(timeoutMs = 10_000): Promise<number> {
    if (this.pc.connectionState !== 'connected') {
      await until(() => this.pc.connectionState === 'connected', timeoutMs, 'peer connection not connected');
    }
    return (this.connectedAt ?? Date.now()) - this.startedAt;
  }

  private onMessage(message: ServerMessage): void {
    this.messages.push(message);
    for (const waiter of [...this.waiters]) waiter();
    if (message.type === 'offer') {
      this.offers = this.offers
        .then(() => this.answer(message))
        .catch((error: unknown) => {
          this.answerErrors.push(error);
        });
    } else if (message.type === 'closed') {
      this.stopMedia();
      void this.pc.close();
    }
  }

  private async answer(offer: Extract<ServerMessage, { type: 'offer' }>): Promise<void> {
    for (const track of offer.tracks) this.tracksByMid.set(track.mid, track);
    for (const slot of offer.publish) this.publishMids.set(slot.mid, slot.kind);
    // werift (unlike browsers) hands an m-line that was made inactive to the next new
    // remote m-line of the same kind and then cannot answer for the old one; mark such
    // transceivers as not reusable.
    for (const transceiver of this.pc.getTransceivers()) {
      if (transceiver.currentDirection === 'inactive') transceiver.usedForSender = true;
    }
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.mid === null ? undefined : this.publishMids.get(transceiver.mid);
      if (!kind || this.localTracks.has(kind)) continue;
      const track = new MediaStreamTrack({ kind });
      this.localTracks.set(kind, track);
      transceiver.setDirection('sendonly');
      await transceiver.sender.replaceTrack(track);
    }
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    this.sendJson({ type: 'answer', sdp: this.pc.localDescription!.sdp });
    this.watchRtcp();
  }

  private hook(track: MediaStreamTrack): void {
    if (this.hookedTracks.has(track)) return;
    this.hookedTracks.add(track);
    track.onReceiveRtp.subscribe((packet) => {
      const transceiver = this.transceiverOf(track);
      const mid = transceiver?.mid ?? '?';
      const info = this.tracksByMid.get(mid);
      const key = info ? `${info.participantId}:${info.kind}` : `?:${mid}`;
      let list = this.received.get(key);
      if (!list) this.received.set(key, (list = []));
      list.push({
        at: Date.now(),
        mid,
        ssrc: packet.header.ssrc,
        sequenceNumber: packet.header.sequenceNumber,
        payload: Buffer.from(packet.payload),
        extensions: packet.header.extensions.map((e) => ({ id: e.id, payload: Buffer.from(e.payload) })),
      });
    });
  }

  private transceiverOf(track: MediaStreamTrack): RTCRtpTransceiver | undefined {
    return this.pc.getTransceivers().find((t) => t.receiver.tracks.includes(track));
  }

  /** PLIs arriving for this participant's own tracks (its "encoder" then sends a keyframe). */
  private watchRtcp(): void {
    for (const transport of this.pc.dtlsTransports) {
      if (this.rtcpWatched.has(transport)) continue;
      this.rtcpWatched.add(transport);
      transport.onRtcp.subscribe((packet: RtcpPacket) => {
        if (packet.type !== 206) return;
        const feedback = (packet as { feedback?: { count?: number; senderSsrc: number; mediaSsrc: number } })
          .feedback;
        if (feedback?.count !== 1) return;
        this.plis.push({ at: Date.now(), senderSsrc: feedback.senderSsrc, mediaSsrc: feedback.mediaSsrc });
        this.keyframeWanted = true;
      });
    }
  }

  /**
   * From now on drops that share of this peer's incoming / outgoing SRTP and SRTCP
   * packets (werift's debug switch, read on every packet; it drops when
   * `value / 100 < Math.random()`, hence the conversion). Set once connected: werift's
   * DTLS handshake does not survive loss.
   */
  simulateLoss(loss: { inboundPercent?: number; outboundPercent?: number }): void {
    const debug: DebugConfig = this.pc.config.debug;
    if (loss.inboundPercent) debug.inboundPacketLoss = 100 - loss.inboundPercent;
    if (loss.outboundPercent) debug.outboundPacketLoss = 100 - loss.outboundPercent;
  }

  /** The SSRC this participant sends its track of that kind with. */
  senderSsrc(kind: MediaKind): number | undefined {
    return this.pc.getTransceivers().find((t) => t.mid !== null && this.publishMids.get(t.mid) === kind)
      ?.sender.ssrc;
  }

  /** The SFU's sender SSRC of the track coming from participantId (as seen in the packets). */
  remoteSsrc(participantId: string, kind: MediaKind): number | undefined {
    return this.received.get(`${participantId}:${kind}`)?.at(-1)?.ssrc;
  }

  receiverFor(participantId: string, kind: MediaKind): RTCRtpTransceiver | undefined {
    const mid = [...this.tracksByMid.values()].find(
      (t) => t.participantId === participantId && t.kind === kind,
    )?.mid;
    return this.pc.getTransceivers().find((t) => t.mid === mid);
  }

  /**
   * Sends ~30 video frames (a keyframe first and after every PLI, three packets each;
   * other frames one packet) and 50 audio packets per second.
   */
  startMedia(): void {
    let videoSeq = 1000;
    let videoTs = 90_000;
    let audioSeq = 5000;
    let audioTs = 48_000;
    let counter = 0;
    const unique = (kind: MediaKind) => {
      const tag = Buffer.alloc(8);
      tag.write(kind === 'audio' ? 'A' : 'V', 0);
      tag.writeUInt32BE(counter++, 4);
      return tag;
    };
    const write = (kind: MediaKind, seq: number, ts: number, marker: boolean, payload: Buffer) => {
      const track = this.localTracks.get(kind);
      if (!track) return;
      this.sent[kind].add(payload.toString('hex'));
      track.writeRtp(
        new RtpPacket(
          new RtpHeader({
            payloadType: 0,
            sequenceNumber: seq & 0xffff,
            timestamp: ts >>> 0,
            marker,
            extension: true,
            extensions: [{ id: PUBLISHER_EXTENSION_ID, payload: PUBLISHER_EXTENSION_PAYLOAD }],
          }),
          payload,
        ),
      );
    };
    if (this.join.publish.includes('video')) {
      this.mediaTimers.push(
        setInterval(() => {
          videoTs += 3000;
          if (this.keyframeWanted) {
            this.keyframeWanted = false;
            // VP8 descriptor S=1 PID=0, frame tag with P=0 (key frame), start code
            const first = Buffer.concat([
              Buffer.from([0x10, 0x00, 0x00, 0x00, 0x9d, 0x01, 0x2a]),
              unique('video'),
              Buffer.alloc(900, 0x11),
            ]);
            write('video', videoSeq++, videoTs, false, first);
            write(
              'video',
              videoSeq++,
              videoTs,
              false,
              Buffer.concat([Buffer.from([0x00]), unique('video'), Buffer.alloc(900, 0x22)]),
            );
            write(
              'video',
              videoSeq++,
              videoTs,
              true,
              Buffer.concat([Buffer.from([0x00]), unique('video'), Buffer.alloc(600, 0x33)]),
            );
          } else {
            // S=1 PID=0, frame tag with P=1 (inter frame)
            write(
              'video',
              videoSeq++,
              videoTs,
              true,
              Buffer.concat([Buffer.from([0x10, 0x01]), unique('video'), Buffer.alloc(400, 0x44)]),
            );
          }
        }, 33),
      );
    }
    if (this.join.publish.includes('audio')) {
      this.mediaTimers.push(
        setInterval(() => {
          audioTs += 960;
          write(
            'audio',
            audioSeq++,
            audioTs,
            false,
            Buffer.concat([Buffer.from([0x78]), unique('audio'), Buffer.alloc(70, 0x55)]),
          );
        }, 20),
      );
    }
  }

  stopMedia(): void {
    for (const timer of this.mediaTimers) clearInterval(timer);
    this.mediaTimers = [];
  }

  /** The selected ICE pair of this participant's transport: local and remote address. */
  selectedPair(): { local: [string, number]; remote: [string, number] } | null {
    const pair = this.pc.iceTransports[0]?.getSelectedCandidatePair();
    if (!pair) return null;
    const parse = (c: { candidate: string }): [string, number] => {
      const parts = c.candidate.split(' ');
      return [parts[4] ?? '', Number(parts[5])];
    };
    return { local: parse(pair.local), remote: parse(pair.remote) };
  }

  async close(): Promise<void> {
    this.stopMedia();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    await this.pc.close().catch(() => undefined);
  }
}

/** Polls a condition every 20 ms until it holds or the time is up. */
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
