import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { MediaStream, type RTCDtlsTransport, type RTCPeerConnection, type RtcpPacket } from 'werift';
import { serialised } from '../rtc/gather-lock';
import { createServerPeerConnection, type RtcTransportOptions } from '../rtc/peer-connection';
import { isMdnsCandidate, stripMdnsCandidates } from '../rtc/sdp';
import { guardUdpSockets } from '../rtc/udp-guard';
import type { CloseReason, MediaKind, ServerMessage } from '../signalling/protocol';
import type { Counters } from './counters';
import { Publisher } from './publisher';
import { Subscription } from './subscription';

/** How the participant's signalling channel is reached (the WebSocket, in practice). */
export interface SignalChannel {
  send(message: ServerMessage): void;
  /** Tells the browser why its session ended and closes the channel. */
  close(reason: CloseReason): void;
}

export interface ParticipantDeps {
  rtc: RtcTransportOptions;
  counters: Counters;
  logger: Logger;
  /** Called once when the participant is gone, whatever the reason. */
  onClosed(participant: Participant, reason: CloseReason): void;
}

/** A browser that does not answer an offer in this time is dropped. */
export const ANSWER_TIMEOUT_MS = 15_000;
/** A transport that is not connected this long after the first answer is given up. */
export const CONNECT_TIMEOUT_MS = 20_000;

const PSFB = 206;
const PLI_FMT = 1;
const FIR_FMT = 4;

/**
 * One browser in a room, with one server-side peer connection that carries both
 * directions: recvonly transceivers for what it publishes (its Publishers) and one
 * sendonly transceiver per track of every other participant (its Subscriptions). The
 * SFU always makes the offer; negotiations run one at a time.
 */
export class Participant {
  readonly pc: RTCPeerConnection;
  readonly publishers = new Map<MediaKind, Publisher>();
  private readonly subscriptions = new Map<Publisher, Subscription>();
  private readonly subscriptionsBySsrc = new Map<number, Subscription>();
  private readonly rtcpTransports = new WeakSet<RTCDtlsTransport>();
  /** One MediaStream id for this participant's tracks, so a browser can group them. */
  readonly streamId = randomUUID();
  private negotiating = false;
  private negotiateAgain = false;
  private answered = false;
  private answerTimer: NodeJS.Timeout | null = null;
  private connectTimer: NodeJS.Timeout | null = null;
  private closed = false;
  readonly joinedAt = Date.now();
  connectedAt: number | null = null;

  constructor(
    readonly id: string,
    private readonly channel: SignalChannel,
    private readonly deps: ParticipantDeps,
  ) {
    this.pc = createServerPeerConnection(deps.rtc);
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') this.onConnected();
      else if (state === 'failed') this.close('connection-failed');
    });
  }

  get connected(): boolean {
    return !this.closed && this.pc.connectionState === 'connected';
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get subscriptionList(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  send(message: ServerMessage): void {
    if (!this.closed) this.channel.send(message);
  }

  /** Adds a recvonly transceiver and a Publisher for each kind the browser will send. */
  publish(kinds: readonly MediaKind[]): void {
    for (const kind of kinds) {
      if (this.publishers.has(kind)) continue;
      const transceiver = this.pc.addTransceiver(kind, { direction: 'recvonly' });
      this.publishers.set(kind, new Publisher(this, kind, transceiver, this.deps.counters));
    }
  }

  /** Adds a sendonly transceiver that forwards another participant's track to this one. */
  subscribe(publisher: Publisher, streamId: string): void {
    if (this.closed || this.subscriptions.has(publisher)) return;
    const transceiver = this.pc.addTransceiver(publisher.kind, {
      direction: 'sendonly',
      streams: [new MediaStream({ id: streamId })],
    });
    const subscription = new Subscription(this, publisher, transceiver, this.deps.counters);
    this.subscriptions.set(publisher, subscription);
    this.subscriptionsBySsrc.set(subscription.senderSsrc, subscription);
  }

  /** Stops forwarding a publisher that left; the m-line becomes inactive at the next offer. */
  unsubscribe(publisher: Publisher): void {
    const subscription = this.subscriptions.get(publisher);
    if (!subscription) return;
    subscription.close();
    this.subscriptions.delete(publisher);
    this.subscriptionsBySsrc.delete(subscription.senderSsrc);
    if (this.closed) return;
    try {
      this.pc.removeTrack(subscription.transceiver.sender);
    } catch (error) {
      this.deps.logger.debug({ err: error, participantId: this.id }, 'removeTrack failed');
    }
  }

  /**
   * Makes an offer with the current transceivers and sends it. While an offer waits for
   * its answer, and between the first answer and the transport being connected (werift
   * fails a connection whose ICE is re-started by a second answer mid-check), further
   * calls are remembered and run as one new offer afterwards.
   */
  async negotiate(): Promise<void> {
    if (this.closed) return;
    if (this.negotiating || (this.answered && this.connectedAt === null)) {
      this.negotiateAgain = true;
      return;
    }
    this.negotiating = true;
    try {
      await serialised(async () => {
        const offer = await this.pc.createOffer();
        await this.pc.setLocalDescription(offer);
      });
      if (this.closed) return;
      guardUdpSockets(this.pc, (error) =>
        this.deps.logger.warn({ err: error, participantId: this.id }, 'UDP socket error'),
      );
      this.watchRtcp();
      const sdp = this.pc.localDescription?.sdp;
      if (!sdp) throw new Error('no local description');
      this.channel.send({
        type: 'offer',
        sdp,
        publish: [...this.publishers.values()].flatMap((p) =>
          p.transceiver.mid === null ? [] : [{ mid: p.transceiver.mid, kind: p.kind }],
        ),
        tracks: this.subscriptionList.flatMap((s) =>
          s.mid === null ? [] : [{ mid: s.mid, participantId: s.publisher.owner.id, kind: s.publisher.kind }],
        ),
      });
      this.answerTimer = setTimeout(() => this.close('timeout'), ANSWER_TIMEOUT_MS);
      this.answerTimer.unref();
    } catch (error) {
      this.deps.logger.error({ err: error, participantId: this.id }, 'negotiation failed');
      this.close('error');
    }
  }

  /** Applies the browser's answer to the outstanding offer. */
  async handleAnswer(sdp: string): Promise<void> {
    if (this.closed) return;
    if (!this.negotiating || !this.answerTimer || this.pc.signalingState !== 'have-local-offer') {
      this.deps.logger.warn({ participantId: this.id }, 'answer without an offer');
      return;
    }
    clearTimeout(this.answerTimer);
    this.answerTimer = null;
    try {
      await this.pc.setRemoteDescription({ type: 'answer', sdp: stripMdnsCandidates(sdp) });
    } catch (error) {
      this.deps.logger.warn({ err: error, participantId: this.id }, 'answer refused');
      this.close('error');
      return;
    }
    if (this.closed) return;
    this.negotiating = false;
    this.answered = true;
    if (this.connectedAt === null && !this.connectTimer) {
      this.connectTimer = setTimeout(() => {
        if (!this.connected) this.close('connection-failed');
      }, CONNECT_TIMEOUT_MS);
      this.connectTimer.unref();
    }
    this.watchRtcp();
    if (this.connected) this.startSubscriptions();
    if (this.negotiateAgain) {
      this.negotiateAgain = false;
      void this.negotiate();
    }
  }

  /** A trickled candidate of the browser; mDNS names are skipped (see rtc/sdp.ts). */
  async addCandidate(
    candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } | null,
  ): Promise<void> {
    if (this.closed || !candidate || !candidate.candidate || isMdnsCandidate(candidate.candidate)) return;
    try {
      await this.pc.addIceCandidate({
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid ?? undefined,
        sdpMLineIndex: candidate.sdpMLineIndex ?? undefined,
      });
    } catch (error) {
      this.deps.logger.debug({ err: error, participantId: this.id }, 'candidate refused');
    }
  }

  private onConnected(): void {
    if (this.closed) return;
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = null;
    this.connectedAt ??= Date.now();
    this.deps.logger.info(
      { participantId: this.id, connectMs: this.connectedAt - this.joinedAt },
      'participant connected',
    );
    this.startSubscriptions();
    for (const publisher of this.publishers.values()) publisher.ownerConnected();
    if (this.negotiateAgain && !this.negotiating) {
      this.negotiateAgain = false;
      void this.negotiate();
    }
  }

  /** Subscriptions whose m-line has been negotiated start (keyframe requests for video). */
  private startSubscriptions(): void {
    for (const subscription of this.subscriptions.values()) {
      if (subscription.transceiver.currentDirection === 'sendonly') subscription.start();
    }
  }

  /**
   * Keyframe requests from this participant's browser, read from the DTLS transport:
   * werift's own RTCP router looks a PLI up by its sender SSRC first, which a browser
   * fills with one of its own SSRCs, so it can end up at the wrong object. The media
   * SSRC a PLI (or each FIR entry) names is the SFU's sender SSRC of the track.
   */
  private watchRtcp(): void {
    for (const transport of this.pc.dtlsTransports) {
      if (this.rtcpTransports.has(transport)) continue;
      this.rtcpTransports.add(transport);
      transport.onRtcp.subscribe((packet) => this.handleRtcp(packet));
    }
  }

  private handleRtcp(packet: RtcpPacket): void {
    if (packet.type !== PSFB) return;
    const feedback = (
      packet as { feedback?: { count?: number; mediaSsrc?: number; fir?: { ssrc: number }[] } }
    ).feedback;
    if (!feedback) return;
    const ssrcs =
      feedback.count === PLI_FMT
        ? [feedback.mediaSsrc]
        : feedback.count === FIR_FMT
          ? (feedback.fir ?? []).map((entry) => entry.ssrc)
          : [];
    for (const ssrc of ssrcs) {
      if (ssrc !== undefined) this.subscriptionsBySsrc.get(ssrc)?.keyframeRequested();
    }
  }

  /** Ends the session: peer connection, publishers, subscriptions, signalling. */
  close(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of [this.answerTimer, this.connectTimer]) if (timer) clearTimeout(timer);
    for (const subscription of this.subscriptions.values()) subscription.close();
    this.subscriptions.clear();
    this.subscriptionsBySsrc.clear();
    for (const publisher of this.publishers.values()) publisher.close();
    this.deps.onClosed(this, reason);
    this.channel.close(reason);
    void this.pc.close().catch(() => undefined);
  }
}
