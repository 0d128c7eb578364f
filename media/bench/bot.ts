import { performance } from 'node:perf_hooks';
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RtpHeader,
  RtpPacket,
  type RTCRtpSender,
  type RtcpPacket,
} from 'werift';
import WebSocket from 'ws';
import { serialised } from '../src/rtc/gather-lock';
import { mediaCapabilities } from '../src/rtc/peer-connection';
import type { MediaKind, ServerMessage } from '../src/signalling/protocol';

/** What one bot received of one kind since the window opened. */
export interface ReceiveCounters {
  /** Distinct packets (by sequence number); a retransmission is not counted again. */
  packets: number;
  /** Packets that arrived again (RTX answers to NACKs, unwrapped by werift). */
  repeated: number;
  /** Distinct packets with the marker bit: for video, the last packet of a frame. */
  frames: number;
  bytes: number;
  /** performance.now() of the last packet (also before the window). */
  lastAt: number;
  /** Longest time between two packets (or from the last one to the window's end) in the window. */
  maxGapMs: number;
}

const PSFB = 206;
const PLI_FMT = 1;

const emptyCounters = (lastAt: number): ReceiveCounters => ({
  packets: 0,
  repeated: 0,
  frames: 0,
  bytes: 0,
  lastAt,
  maxGapMs: 0,
});

/**
 * A lightweight participant for the load test: a werift peer connection and a WebSocket
 * speaking the signalling protocol, like test/support/participant-client.ts, but it keeps
 * only counters (no packet copies), so a hundred of them fit in the bench process. What
 * it publishes is written by the caller (the replayer) straight into its RTP senders;
 * werift's sender puts in the SSRC, payload type and `mid` extension.
 */
export class Bot {
  readonly ws: WebSocket;
  readonly pc: RTCPeerConnection;
  private readonly senders = new Map<MediaKind, RTCRtpSender>();
  private readonly publishMids = new Map<string, MediaKind>();
  private readonly rtcpWatched = new WeakSet<object>();
  private readonly hooked = new WeakSet<MediaStreamTrack>();
  private readonly seen: Record<MediaKind, Uint16Array> = {
    audio: new Uint16Array(0x10000),
    video: new Uint16Array(0x10000),
  };
  /** Number of the current measuring window (1 before the first), for `seen`. */
  private window = 1;
  /** SSRC of the video this bot receives (the SFU's sender SSRC), for keyframe requests. */
  private receivedVideoSsrc: number | null = null;
  private offers: Promise<void> = Promise.resolve();
  readonly sent: Record<MediaKind, number> = { audio: 0, video: 0 };
  readonly sentBytes: Record<MediaKind, number> = { audio: 0, video: 0 };
  /** Video frames sent (packets with the marker bit). */
  sentFrames = 0;
  received: Record<MediaKind, ReceiveCounters> = { audio: emptyCounters(0), video: emptyCounters(0) };
  /** The SFU asked for a keyframe (a PLI for this bot's video). */
  keyframeRequested = false;
  /** Called with every packet received (the recorder uses it); `at` is performance.now(). */
  onRtp: ((kind: MediaKind, packet: RtpPacket, at: number) => void) | null = null;
  failure: unknown = null;
  closed = false;

  private constructor(
    url: string,
    private readonly join: { roomId: string; token: string; publish: MediaKind[] },
    portRange: [number, number],
  ) {
    this.ws = new WebSocket(url);
    this.pc = new RTCPeerConnection({
      ...mediaCapabilities(),
      iceServers: [],
      iceUseIpv4: false,
      iceUseIpv6: false,
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceInterfaceAddresses: { udp4: '127.0.0.1' },
      icePortRange: portRange,
    });
    this.pc.onTrack.subscribe((track) => {
      // werift fires onTrack again for the same track at a renegotiation.
      if (this.hooked.has(track)) return;
      this.hooked.add(track);
      const kind = track.kind as MediaKind;
      track.onReceiveRtp.subscribe((packet) => {
        const at = performance.now();
        const counters = this.received[kind];
        // Which window saw each sequence number last: a window is far shorter than the
        // 65,536 numbers take to wrap.
        const seen = this.seen[kind];
        if (seen[packet.header.sequenceNumber] === this.window) {
          counters.repeated++;
          return;
        }
        seen[packet.header.sequenceNumber] = this.window;
        if (counters.lastAt > 0) counters.maxGapMs = Math.max(counters.maxGapMs, at - counters.lastAt);
        counters.lastAt = at;
        counters.packets++;
        if (packet.header.marker) counters.frames++;
        counters.bytes += packet.payload.length;
        if (kind === 'video') this.receivedVideoSsrc = packet.header.ssrc;
        this.onRtp?.(kind, packet, at);
      });
    });
    this.ws.on('open', () => this.ws.send(JSON.stringify({ type: 'join', ...this.join })));
    this.ws.on('message', (data) => this.onMessage(JSON.parse(data.toString()) as ServerMessage));
    this.ws.on('close', () => {
      this.closed = true;
    });
    this.ws.on('error', (error) => {
      this.failure ??= error;
    });
  }

  static open(
    url: string,
    roomId: string,
    token: string,
    publish: MediaKind[],
    portRange: [number, number],
  ): Bot {
    return new Bot(url, { roomId, token, publish }, portRange);
  }

  private onMessage(message: ServerMessage): void {
    if (message.type === 'offer') {
      this.offers = this.offers
        .then(() => this.answer(message))
        .catch((error: unknown) => {
          this.failure ??= error;
        });
    } else if (message.type === 'closed' || message.type === 'error') {
      this.failure ??= new Error(
        message.type === 'closed' ? `closed by the SFU: ${message.reason}` : `refused: ${message.code}`,
      );
      this.closed = true;
      void this.pc.close().catch(() => undefined);
    }
  }

  private async answer(offer: Extract<ServerMessage, { type: 'offer' }>): Promise<void> {
    for (const slot of offer.publish) this.publishMids.set(slot.mid, slot.kind);
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.mid === null ? undefined : this.publishMids.get(transceiver.mid);
      if (!kind || this.senders.has(kind)) continue;
      transceiver.setDirection('sendonly');
      // A track makes the m-line sendonly in werift's answer; packets bypass it (sendRtp).
      await transceiver.sender.replaceTrack(new MediaStreamTrack({ kind }));
      this.senders.set(kind, transceiver.sender);
    }
    // Gathering binds a port from the range: one at a time (see src/rtc/gather-lock.ts).
    await serialised(async () => this.pc.setLocalDescription(await this.pc.createAnswer()));
    this.ws.send(JSON.stringify({ type: 'answer', sdp: this.pc.localDescription!.sdp }));
    for (const transport of this.pc.dtlsTransports) {
      if (this.rtcpWatched.has(transport)) continue;
      this.rtcpWatched.add(transport);
      transport.onRtcp.subscribe((packet: RtcpPacket) => {
        if (packet.type !== PSFB) return;
        const feedback = (packet as { feedback?: { count?: number } }).feedback;
        if (feedback?.count === PLI_FMT) this.keyframeRequested = true;
      });
    }
  }

  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  async waitConnected(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.connected) {
      if (this.failure) throw this.failure instanceof Error ? this.failure : new Error(String(this.failure));
      if (this.closed || Date.now() > deadline)
        throw new Error(
          `bot not connected (${this.closed ? 'socket closed' : `state ${this.pc.connectionState}`})`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Resolves once a packet of that kind has arrived from the partner. */
  async waitReceiving(kind: MediaKind, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received[kind].lastAt === 0) {
      if (this.closed || Date.now() > deadline) throw new Error(`no ${kind} received`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Sends a PLI for the video this bot receives (the SFU passes it on to the publisher). */
  requestKeyframe(): void {
    const ssrc = this.receivedVideoSsrc;
    if (ssrc === null) return;
    const transceiver = this.pc
      .getTransceivers()
      .find((t) => t.kind === 'video' && t.receiver.tracks.some((track) => track.ssrc === ssrc));
    const receiver =
      transceiver?.receiver ?? this.pc.getTransceivers().find((t) => t.kind === 'video')?.receiver;
    void receiver?.sendRtcpPLI(ssrc).catch(() => undefined);
  }

  /** Whether a packet of that kind would go out now (transport up, codec negotiated). */
  canSend(kind: MediaKind): boolean {
    const sender = this.senders.get(kind);
    return !!sender?.codec && sender.dtlsTransport?.state === 'connected';
  }

  send(kind: MediaKind, sequenceNumber: number, timestamp: number, marker: boolean, payload: Buffer): void {
    const sender = this.senders.get(kind);
    if (!sender || !this.canSend(kind)) return;
    this.sent[kind]++;
    if (kind === 'video' && marker) this.sentFrames++;
    this.sentBytes[kind] += payload.length;
    const header = new RtpHeader({
      payloadType: 0,
      sequenceNumber: sequenceNumber & 0xffff,
      timestamp: timestamp >>> 0,
      marker,
    });
    void sender.sendRtp(new RtpPacket(header, payload)).catch(() => undefined);
  }

  /** Starts a measuring window: counters from zero, gaps measured from now. */
  resetWindow(now: number): void {
    this.window = (this.window + 1) & 0xffff || 1;
    this.sent.audio = this.sent.video = 0;
    this.sentBytes.audio = this.sentBytes.video = 0;
    this.sentFrames = 0;
    this.received = { audio: emptyCounters(now), video: emptyCounters(now) };
  }

  /** Ends the window: a stream silent since its last packet counts that silence as a gap. */
  closeWindow(now: number): void {
    for (const counters of Object.values(this.received)) {
      counters.maxGapMs = Math.max(counters.maxGapMs, now - counters.lastAt);
    }
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close();
    }
    await this.pc.close().catch(() => undefined);
  }
}
