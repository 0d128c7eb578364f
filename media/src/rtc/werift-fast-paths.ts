import { createRequire } from 'node:module';
import { RtpHeader } from 'werift';

/**
 * A faster version of one of werift's per-packet paths, measured to matter for the SFU
 * (docs/performance.md, "Calls"): werift parses every RTP header through strings of
 * bits (`getBit`: `toString(2)`, arrays, `parseInt`), twice per received packet (once
 * to authenticate it, once after decryption) — 3.8 µs per parse against 0.4 µs with
 * bit operations, ~4 % of the media process at 30 calls plus the garbage it leaves.
 *
 * This replaces werift's exported `RtpHeader.deSerialize`, which werift's own code calls
 * through the class; it is written against the pinned werift version and not applied to
 * any other (`installWeriftFastPaths` says so).
 */
export const WERIFT_VERSION = '0.24.4';

/** werift's `RtpHeader.deSerialize` (RFC 3550 §5.1, RFC 8285), with bit operations. */
export function deserializeRtpHeader(raw: Buffer): RtpHeader {
  const h = new RtpHeader();
  const first = raw[0]!;
  const second = raw[1]!;
  h.version = first >> 6;
  h.padding = (first & 0x20) !== 0;
  h.extension = (first & 0x10) !== 0;
  h.csrcLength = first & 0x0f;
  h.marker = (second & 0x80) !== 0;
  h.payloadType = second & 0x7f;
  h.sequenceNumber = raw.readUInt16BE(2);
  h.timestamp = raw.readUInt32BE(4);
  h.ssrc = raw.readUInt32BE(8);
  let offset = 12;
  const csrc: number[] = [];
  for (let i = 0; i < h.csrcLength; i++, offset += 4) csrc.push(raw.readUInt32BE(offset));
  h.csrc = csrc;
  if (h.extension) {
    h.extensionProfile = raw.readUInt16BE(offset) as RtpHeader['extensionProfile'];
    const extensionLength = raw.readUInt16BE(offset + 2) * 4;
    h.extensionLength = extensionLength;
    offset += 4;
    const end = offset + extensionLength;
    const extensions: RtpHeader['extensions'] = [];
    if (h.extensionProfile === 0xbede) {
      while (offset < end) {
        const byte = raw[offset]!;
        offset++;
        if (byte === 0) continue;
        const id = byte >> 4;
        if (id === 15) break;
        const length = (byte & 0x0f) + 1;
        extensions.push({ id, payload: raw.subarray(offset, offset + length) });
        offset += length;
      }
    } else if (h.extensionProfile === 0x1000) {
      while (offset < end) {
        const id = raw[offset]!;
        offset++;
        if (id === 0) continue;
        const length = raw[offset]!;
        offset++;
        extensions.push({ id, payload: raw.subarray(offset, offset + length) });
        offset += length;
      }
    } else {
      const payload = raw.subarray(offset, offset + extensionLength);
      extensions.push({ id: 0, payload });
      offset += payload.length;
    }
    h.extensions = extensions;
  }
  h.payloadOffset = offset;
  if (h.padding) h.paddingSize = raw[raw.length - 1]!;
  return h;
}

function installedWeriftVersion(): string | undefined {
  // werift's exports map hides its package.json: read the one above its entry point
  try {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('werift');
    const root = entry.slice(0, entry.lastIndexOf('/lib/'));
    return (require(`${root}/package.json`) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

let installed: boolean | undefined;

/**
 * Patches werift once per process. Returns false (and changes nothing) when the
 * installed werift is not the version these paths were written against.
 */
export function installWeriftFastPaths(): boolean {
  if (installed !== undefined) return installed;
  installed = installedWeriftVersion() === WERIFT_VERSION;
  if (!installed) return false;

  RtpHeader.deSerialize = deserializeRtpHeader;
  return true;
}
