import { RtpHeader, RtpPacket } from 'werift';

/**
 * The copy of a publisher's packet that goes to one subscriber: same payload bytes
 * (never decoded), same sequence number and timestamp, but none of the publisher's
 * header extensions: their ids belong to the publisher's negotiation, and they can
 * carry data (audio levels, capture times) the subscriber has no need for. The SFU's
 * sender adds its own negotiated extensions and rewrites SSRC and payload type.
 * A fresh header per subscriber, because werift's sender writes into the header.
 */
export function forwardableCopy(packet: RtpPacket): RtpPacket {
  const { header } = packet;
  return new RtpPacket(
    new RtpHeader({
      marker: header.marker,
      payloadType: header.payloadType,
      sequenceNumber: header.sequenceNumber,
      timestamp: header.timestamp,
      ssrc: header.ssrc,
      padding: header.padding,
      paddingSize: header.paddingSize,
      extension: false,
      extensions: [],
    }),
    packet.payload,
  );
}
