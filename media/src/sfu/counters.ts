/** Forwarding figures; a room's counters also add to the service-wide ones. */
export class Counters {
  packetsForwarded = 0;
  /** RTP payload bytes (without headers, padding and SRTP overhead). */
  bytesForwarded = 0;
  /** PLIs the SFU sent to publishers. */
  keyframeRequestsSent = 0;
  /** PLI/FIR received from subscribers. */
  keyframeRequestsReceived = 0;

  constructor(private readonly parent?: Counters) {}

  forwarded(bytes: number): void {
    this.packetsForwarded++;
    this.bytesForwarded += bytes;
    this.parent?.forwarded(bytes);
  }

  keyframeRequestSent(): void {
    this.keyframeRequestsSent++;
    this.parent?.keyframeRequestSent();
  }

  keyframeRequestReceived(): void {
    this.keyframeRequestsReceived++;
    this.parent?.keyframeRequestReceived();
  }

  snapshot() {
    return {
      packetsForwarded: this.packetsForwarded,
      bytesForwarded: this.bytesForwarded,
      keyframeRequestsSent: this.keyframeRequestsSent,
      keyframeRequestsReceived: this.keyframeRequestsReceived,
    };
  }
}
