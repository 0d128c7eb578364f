import type { RTCRtpTransceiver, RtpPacket } from 'werift';
import { forwardableCopy } from '../rtc/rtp';
import { isVp8KeyframeStart } from '../rtc/vp8';
import type { Counters } from './counters';
import type { Publisher } from './publisher';

/** How often a new video subscriber asks again until a keyframe has reached it. */
export const KEYFRAME_RETRY_INTERVAL_MS = 500;
const KEYFRAME_RETRY_LIMIT = 20;

/** What a subscription needs to know about the participant that receives it. */
export interface SubscriberRef {
  readonly id: string;
}

/**
 * One publisher's track going to one subscriber, on a sendonly transceiver of the
 * subscriber's peer connection. Forwards RTP without decoding it; the werift sender
 * keeps the recent packets for NACK retransmission (as RTX) to this subscriber.
 */
export class Subscription {
  private started = false;
  private keyframeNeeded = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retries = 0;
  private closed = false;

  constructor(
    readonly subscriber: SubscriberRef,
    readonly publisher: Publisher,
    readonly transceiver: RTCRtpTransceiver,
    private readonly counters: Counters,
  ) {
    publisher.add(this);
  }

  /** The SSRC the SFU sends this track to the subscriber with. */
  get senderSsrc(): number {
    return this.transceiver.sender.ssrc;
  }

  get mid(): string | null {
    return this.transceiver.mid;
  }

  get waitingForKeyframe(): boolean {
    return this.keyframeNeeded;
  }

  send(packet: RtpPacket): void {
    if (this.closed) return;
    const { sender } = this.transceiver;
    // werift drops what is sent before DTLS is up or before the codec is negotiated.
    if (!sender.codec || sender.dtlsTransport?.state !== 'connected') return;
    if (this.keyframeNeeded && isVp8KeyframeStart(packet.payload)) this.keyframeArrived();
    this.counters.forwarded(packet.payload.length);
    void sender.sendRtp(forwardableCopy(packet)).catch(() => undefined);
  }

  /**
   * Called once the subscriber's transport is connected and this track negotiated: a
   * video subscriber asks the publisher for a keyframe, and again every
   * KEYFRAME_RETRY_INTERVAL_MS until one has been forwarded to it.
   */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    if (this.publisher.kind !== 'video') return;
    this.keyframeNeeded = true;
    this.publisher.requestKeyframe();
    this.retryTimer = setInterval(() => {
      if (++this.retries > KEYFRAME_RETRY_LIMIT) return this.stopRetrying();
      this.publisher.requestKeyframe();
    }, KEYFRAME_RETRY_INTERVAL_MS);
    this.retryTimer.unref();
  }

  /** The subscriber sent a PLI or FIR for this track. */
  keyframeRequested(): void {
    this.counters.keyframeRequestReceived();
    this.publisher.requestKeyframe();
  }

  private keyframeArrived(): void {
    this.keyframeNeeded = false;
    this.stopRetrying();
  }

  private stopRetrying(): void {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopRetrying();
    this.publisher.remove(this);
  }
}
