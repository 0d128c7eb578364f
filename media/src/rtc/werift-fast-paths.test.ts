import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RtpHeader } from 'werift';

// werift's own parser, taken before the fast paths replace it
const weriftDeserialize = RtpHeader.deSerialize.bind(RtpHeader);
const { deserializeRtpHeader, installWeriftFastPaths } = await import('./werift-fast-paths');
expect(installWeriftFastPaths()).toBe(true);

function header(fields: Partial<RtpHeader> = {}): RtpHeader {
  return new RtpHeader({
    payloadType: 96,
    sequenceNumber: 4711,
    timestamp: 90_000,
    ssrc: 0x1234abcd,
    ...fields,
  });
}

describe('RTP header parsing', () => {
  const packets: Array<[string, Buffer]> = [
    ['plain', header({ marker: true }).serialize(12)],
    ['with CSRCs', header({ csrc: [1, 2, 3] }).serialize(24)],
    [
      'one-byte extensions',
      header({
        extensions: [
          { id: 1, payload: Buffer.from([1]) },
          { id: 3, payload: Buffer.from([1, 2, 3, 4, 5]) },
        ],
      }).serialize(32),
    ],
    [
      'two-byte extensions',
      header({ extensionProfile: 0x1000, extensions: [{ id: 200, payload: Buffer.alloc(20, 9) }] }).serialize(
        40,
      ),
    ],
    [
      'an extension profile of its own',
      header({
        extensionProfile: 0xabcd as RtpHeader['extensionProfile'],
        extensions: [{ id: 0, payload: Buffer.alloc(8, 1) }],
      }).serialize(24),
    ],
    [
      'padding',
      Buffer.concat([header({ padding: true, paddingSize: 4 }).serialize(12), Buffer.from([0, 0, 0, 4])]),
    ],
  ];

  it.each(packets)('reads %s exactly as werift does', (_, raw) => {
    const packet = Buffer.concat([raw, randomBytes(30)]);
    if (raw[0]! & 0x20) packet[packet.length - 1] = 4;
    expect({ ...deserializeRtpHeader(packet) }).toEqual({ ...weriftDeserialize(packet) });
  });

  it('is what werift itself now calls', () => {
    expect(RtpHeader.deSerialize).toBe(deserializeRtpHeader);
  });
});
