import type { MediaStreamTrack, RTCRtpTransceiver, RtpPacket } from 'werift';
import type { MediaKind } from '../signalling/protocol';
import type { Counters } from './counters';
import type { Subscription } from './subscription';

/** Chromium ignores keyframe requests that follow the previous one too closely. */
export const MIN_KEYFRAME_REQUEST_INTERVAL_MS = 350;

/** What a publisher needs to know about the participant that owns it. */
export interface PublisherOwner {
  readonly id: string;
  readonly connected: boolean;
}

/**
 * One incoming track of a participant (its microphone or its camera), received on a
 * recvonly transceiver of that participant's peer connection, and forwarded packet by
 * packet to every subscription.
 */
export class Publisher {
  private readonly subscriptions = new Set<Subscription>();
  private track: MediaStreamTrack | null = null;
  private unsubscribeTrack: (() => void) | null = null;
  /** The SSRC the publisher sends its media with: what a PLI must refer to. */
  mediaSsrc: number | null = null;
  private lastKeyframeRequestAt = Number.NEGATIVE_INFINITY;
  private keyframeTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly owner: PublisherOwner,
    readonly kind: MediaKind,
    readonly transceiver: RTCRtpTransceiver,
    private readonly counters: Counters,
  ) {
    transceiver.onTrack.subscribe((track) => this.attach(track));
  }

  private attach(track: MediaStreamTrack): void {
    if (this.closed || this.track === track) return;
    this.unsubscribeTrack?.();
    this.track = track;
    if (track.ssrc !== undefined) this.mediaSsrc = track.ssrc;
    const { unSubscribe } = track.onReceiveRtp.subscribe((packet) => this.forward(packet));
    this.unsubscribeTrack = unSubscribe;
  }

  private forward(packet: RtpPacket): void {
    // A browser that signalled no SSRC: take it from the media itself.
    this.mediaSsrc ??= packet.header.ssrc;
    for (const subscription of this.subscriptions) subscription.send(packet);
  }

  add(subscription: Subscription): void {
    this.subscriptions.add(subscription);
  }

  remove(subscription: Subscription): void {
    this.subscriptions.delete(subscription);
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /** The owner's transport came up: subscribers still waiting for a keyframe get one. */
  ownerConnected(): void {
    if ([...this.subscriptions].some((s) => s.waitingForKeyframe)) this.requestKeyframe();
  }

  /**
   * Asks the publisher for a keyframe with a PLI that names its media SSRC. Requests
   * closer together than MIN_KEYFRAME_REQUEST_INTERVAL_MS are merged into one sent
   * when the interval is over.
   */
  requestKeyframe(): void {
    if (this.kind !== 'video' || this.closed || this.keyframeTimer) return;
    const wait = this.lastKeyframeRequestAt + MIN_KEYFRAME_REQUEST_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.sendPli();
      return;
    }
    this.keyframeTimer = setTimeout(() => {
      this.keyframeTimer = null;
      this.sendPli();
    }, wait);
    this.keyframeTimer.unref();
  }

  private sendPli(): void {
    // werift drops RTCP before DTLS is up; the subscriptions ask again later.
    if (this.closed || this.mediaSsrc === null || !this.owner.connected) return;
    this.lastKeyframeRequestAt = Date.now();
    this.counters.keyframeRequestSent();
    void this.transceiver.receiver.sendRtcpPLI(this.mediaSsrc).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    if (this.keyframeTimer) clearTimeout(this.keyframeTimer);
    this.keyframeTimer = null;
    this.unsubscribeTrack?.();
    this.unsubscribeTrack = null;
    this.subscriptions.clear();
  }
}
