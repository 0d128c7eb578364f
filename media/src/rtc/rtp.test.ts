import { describe, expect, it } from 'vitest';
import { RtpHeader, RtpPacket } from 'werift';
import { forwardableCopy } from './rtp';

describe('forwardable copy of an RTP packet', () => {
  it('keeps payload, sequence number, timestamp, marker and padding, and drops header extensions', () => {
    const payload = Buffer.from([0x10, 0x00, 1, 2, 3]);
    const original = RtpPacket.deSerialize(
      new RtpPacket(
        new RtpHeader({
          payloadType: 97,
          sequenceNumber: 65535,
          timestamp: 4294967295,
          ssrc: 1234,
          marker: true,
          padding: true,
          paddingSize: 4,
          extension: true,
          extensions: [
            { id: 1, payload: Buffer.from('0') },
            { id: 5, payload: Buffer.from([0x80]) },
          ],
        }),
        payload,
      ).serialize(),
    );
    expect(original.header.extensions).toHaveLength(2);
    const copy = forwardableCopy(original);
    expect(copy.payload).toBe(original.payload);
    expect(copy.header).not.toBe(original.header);
    expect(copy.header).toMatchObject({
      payloadType: 97,
      sequenceNumber: 65535,
      timestamp: 4294967295,
      marker: true,
      padding: true,
      paddingSize: 4,
      extension: false,
      extensions: [],
    });
    const onWire = RtpPacket.deSerialize(copy.serialize());
    expect(onWire.header.extensions).toEqual([]);
    expect(onWire.payload).toEqual(payload);
    // a later change by the sender to the copy leaves the original alone
    copy.header.ssrc = 99;
    expect(original.header.ssrc).toBe(1234);
  });
});
