import type { Sodium } from './sodium';

/**
 * End-to-end encryption of encoded call media frames (WebRTC encoded transforms),
 * SFrame/Jitsi style: the SFU and the receiver's depacketizer still read the first
 * codec bytes, everything else is XChaCha20-Poly1305 ciphertext under the call media
 * key (deriveCallMediaKey). Both participants hold the same key, so uniqueness of the
 * nonce comes from a random per-encryptor salt plus a per-frame counter.
 *
 * Encrypted frame layout (all integers big-endian):
 *
 *   clear header (0–10 bytes) ‖ ciphertext ‖ tag (16) ‖ salt (8) ‖ counter (4) ‖ flags (1)
 *
 * - clear header: VP8 key frame 10 bytes (frame tag + start code + dimensions), VP8
 *   delta frame 3 bytes (frame tag), Opus 1 byte (TOC); fewer if the frame is shorter;
 * - flags: high nibble = format version (1), low nibble = clear header length;
 * - nonce (24 bytes) = salt ‖ counter ‖ 12 zero bytes;
 * - additional data = kind byte ‖ flags ‖ clear header, so moving a frame between
 *   kinds or changing what the SFU sees fails authentication as well.
 *
 * Everything here is synchronous (given an initialised sodium) so it can run inside an
 * encoded-transform callback, on the main thread or in a worker.
 */

export type FrameKind = 'audio' | 'video';

export const FRAME_FORMAT_VERSION = 1;
export const FRAME_SALT_BYTES = 8;
export const FRAME_COUNTER_BYTES = 4;
const TAG_BYTES = 16;
const NONCE_BYTES = 24;
const KEY_BYTES = 32;
/** salt ‖ counter ‖ flags */
export const FRAME_TRAILER_BYTES = FRAME_SALT_BYTES + FRAME_COUNTER_BYTES + 1;
/** What encryption adds to every frame. */
export const FRAME_OVERHEAD_BYTES = TAG_BYTES + FRAME_TRAILER_BYTES;

/** Bytes left in the clear, as Jitsi's and SFrame's VP8/Opus handling does. */
export const CLEAR_HEADER_BYTES = { videoKey: 10, videoDelta: 3, audio: 1 } as const;
const MAX_CLEAR_HEADER = CLEAR_HEADER_BYTES.videoKey;
const COUNTER_LIMIT = 2 ** 32;

const KIND_BYTE: Record<FrameKind, number> = { audio: 0x61, video: 0x76 };

export interface FrameEncryptor {
  /** The encrypted frame; every call uses a fresh nonce. */
  encrypt(frame: Uint8Array, kind: FrameKind, keyFrame: boolean): Uint8Array;
}

export interface FrameDecryptor {
  /** The plain frame, or null when the data is malformed or fails authentication. */
  decrypt(data: Uint8Array, kind: FrameKind): Uint8Array | null;
}

export interface FrameEncryptorOptions {
  /** Where the frame counter starts (tests of the counter running out). */
  initialCounter?: number;
}

function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new Error(`A call media key has ${KEY_BYTES} bytes`);
  }
}

function additionalData(kind: FrameKind, flags: number, header: Uint8Array): Uint8Array {
  const ad = new Uint8Array(2 + header.length);
  ad[0] = KIND_BYTE[kind];
  ad[1] = flags;
  ad.set(header, 2);
  return ad;
}

function nonceOf(salt: Uint8Array, counter: Uint8Array): Uint8Array {
  const nonce = new Uint8Array(NONCE_BYTES);
  nonce.set(salt, 0);
  nonce.set(counter, FRAME_SALT_BYTES);
  return nonce;
}

export function createFrameEncryptor(
  sodium: Sodium,
  key: Uint8Array,
  options: FrameEncryptorOptions = {},
): FrameEncryptor {
  checkKey(key);
  const ownKey = key.slice();
  let salt = sodium.randombytes_buf(FRAME_SALT_BYTES);
  let counter = options.initialCounter ?? 0;
  if (!Number.isInteger(counter) || counter < 0 || counter >= COUNTER_LIMIT) {
    throw new Error('The initial frame counter is a 32-bit unsigned integer');
  }
  return {
    encrypt(frame, kind, keyFrame) {
      if (counter >= COUNTER_LIMIT) {
        // Out of counter values: a new random salt starts a fresh nonce space.
        salt = sodium.randombytes_buf(FRAME_SALT_BYTES);
        counter = 0;
      }
      const wanted =
        kind === 'audio'
          ? CLEAR_HEADER_BYTES.audio
          : keyFrame
            ? CLEAR_HEADER_BYTES.videoKey
            : CLEAR_HEADER_BYTES.videoDelta;
      const headerLength = Math.min(wanted, frame.length);
      const header = frame.subarray(0, headerLength);
      const flags = (FRAME_FORMAT_VERSION << 4) | headerLength;
      const counterBytes = new Uint8Array(FRAME_COUNTER_BYTES);
      new DataView(counterBytes.buffer).setUint32(0, counter);
      counter += 1;
      const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
        frame.subarray(headerLength),
        additionalData(kind, flags, header),
        null,
        nonceOf(salt, counterBytes),
        ownKey,
      );
      const out = new Uint8Array(headerLength + sealed.length + FRAME_TRAILER_BYTES);
      out.set(header, 0);
      out.set(sealed, headerLength);
      let offset = headerLength + sealed.length;
      out.set(salt, offset);
      offset += FRAME_SALT_BYTES;
      out.set(counterBytes, offset);
      out[offset + FRAME_COUNTER_BYTES] = flags;
      return out;
    },
  };
}

export interface FrameTrailer {
  headerLength: number;
  salt: Uint8Array;
  counter: number;
}

/** The unauthenticated trailer of an encrypted frame, or null when it cannot be one. */
export function readFrameTrailer(data: Uint8Array): FrameTrailer | null {
  if (!(data instanceof Uint8Array) || data.length < FRAME_OVERHEAD_BYTES) return null;
  const flags = data[data.length - 1]!;
  if (flags >> 4 !== FRAME_FORMAT_VERSION) return null;
  const headerLength = flags & 0x0f;
  if (headerLength > MAX_CLEAR_HEADER || data.length < headerLength + FRAME_OVERHEAD_BYTES) return null;
  const trailerStart = data.length - FRAME_TRAILER_BYTES;
  const counterStart = trailerStart + FRAME_SALT_BYTES;
  return {
    headerLength,
    salt: data.slice(trailerStart, counterStart),
    counter: new DataView(data.buffer, data.byteOffset + counterStart, FRAME_COUNTER_BYTES).getUint32(0),
  };
}

export function createFrameDecryptor(sodium: Sodium, key: Uint8Array): FrameDecryptor {
  checkKey(key);
  const ownKey = key.slice();
  return {
    decrypt(data, kind) {
      try {
        if (kind !== 'audio' && kind !== 'video') return null;
        const trailer = readFrameTrailer(data);
        if (!trailer) return null;
        const { headerLength, salt } = trailer;
        const flags = data[data.length - 1]!;
        const trailerStart = data.length - FRAME_TRAILER_BYTES;
        const header = data.subarray(0, headerLength);
        const counterBytes = data.subarray(trailerStart + FRAME_SALT_BYTES, data.length - 1);
        const plain = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
          null,
          data.subarray(headerLength, trailerStart),
          additionalData(kind, flags, header),
          nonceOf(salt, counterBytes),
          ownKey,
        );
        const out = new Uint8Array(headerLength + plain.length);
        out.set(header, 0);
        out.set(plain, headerLength);
        return out;
      } catch {
        // libsodium throws when authentication fails: that is a null here, never an error.
        return null;
      }
    },
  };
}
