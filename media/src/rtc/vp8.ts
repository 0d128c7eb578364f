/**
 * Whether an RTP payload carrying VP8 (RFC 7741) starts a key frame: the payload
 * descriptor says "start of partition 0" and the VP8 frame tag's inverse key frame
 * bit is 0. These first bytes are what end-to-end media encryption leaves in the clear.
 */
export function isVp8KeyframeStart(payload: Uint8Array): boolean {
  if (payload.length < 1) return false;
  const first = payload[0]!;
  const extended = (first & 0x80) !== 0;
  const startOfPartition = (first & 0x10) !== 0;
  const partitionIndex = first & 0x07;
  if (!startOfPartition || partitionIndex !== 0) return false;
  let offset = 1;
  if (extended) {
    if (payload.length < 2) return false;
    const flags = payload[1]!;
    offset = 2;
    if (flags & 0x80) {
      // PictureID: 7 or 15 bits (M bit)
      if (payload.length <= offset) return false;
      offset += payload[offset]! & 0x80 ? 2 : 1;
    }
    if (flags & 0x40) offset += 1; // TL0PICIDX
    if (flags & 0x20 || flags & 0x10) offset += 1; // TID/Y/KEYIDX
  }
  if (payload.length <= offset) return false;
  return (payload[offset]! & 0x01) === 0;
}
