import { beforeAll, describe, expect, it } from 'vitest';
import {
  CLEAR_HEADER_BYTES,
  FRAME_OVERHEAD_BYTES,
  createFrameDecryptor,
  createFrameEncryptor,
  readFrameTrailer,
  type FrameKind,
} from './frame-crypto';
import { getSodium, type Sodium } from './sodium';

let sodium: Sodium;
let key: Uint8Array;

beforeAll(async () => {
  sodium = await getSodium();
  key = sodium.randombytes_buf(32);
});

const frame = (length: number) => sodium.randombytes_buf(length);
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const cases: Array<{ name: string; kind: FrameKind; keyFrame: boolean; clear: number }> = [
  { name: 'an audio frame', kind: 'audio', keyFrame: false, clear: CLEAR_HEADER_BYTES.audio },
  { name: 'a video key frame', kind: 'video', keyFrame: true, clear: CLEAR_HEADER_BYTES.videoKey },
  { name: 'a video delta frame', kind: 'video', keyFrame: false, clear: CLEAR_HEADER_BYTES.videoDelta },
];

describe('frame encryption', () => {
  for (const { name, kind, keyFrame, clear } of cases) {
    it(`round-trips ${name}, leaving ${clear} header byte(s) in the clear`, () => {
      const plain = frame(300);
      const encrypted = createFrameEncryptor(sodium, key).encrypt(plain, kind, keyFrame);
      expect(encrypted.length).toBe(plain.length + FRAME_OVERHEAD_BYTES);
      expect(toHex(encrypted.subarray(0, clear))).toBe(toHex(plain.subarray(0, clear)));
      // The rest is not the plain frame.
      expect(toHex(encrypted.subarray(clear, 300))).not.toBe(toHex(plain.subarray(clear)));
      const decrypted = createFrameDecryptor(sodium, key).decrypt(encrypted, kind);
      expect(decrypted && toHex(decrypted)).toBe(toHex(plain));
    });
  }

  it('keeps a frame shorter than its header all in the clear, still authenticated', () => {
    const encryptor = createFrameEncryptor(sodium, key);
    const decryptor = createFrameDecryptor(sodium, key);
    for (const length of [0, 1, 2, 5, 10]) {
      const plain = frame(length);
      const encrypted = encryptor.encrypt(plain, 'video', true);
      expect(encrypted.length).toBe(length + FRAME_OVERHEAD_BYTES);
      expect(readFrameTrailer(encrypted)?.headerLength).toBe(length);
      expect(toHex(decryptor.decrypt(encrypted, 'video')!)).toBe(toHex(plain));
      if (length > 0) {
        const tampered = encrypted.slice();
        tampered[0]! ^= 1;
        expect(decryptor.decrypt(tampered, 'video')).toBeNull();
      }
    }
  });

  it('refuses a frame with any single byte changed: header, ciphertext, tag or trailer', () => {
    const plain = frame(40);
    const encrypted = createFrameEncryptor(sodium, key).encrypt(plain, 'video', true);
    const decryptor = createFrameDecryptor(sodium, key);
    for (let i = 0; i < encrypted.length; i++) {
      const tampered = encrypted.slice();
      tampered[i]! ^= 0x01;
      expect(decryptor.decrypt(tampered, 'video'), `byte ${i}`).toBeNull();
    }
    expect(decryptor.decrypt(encrypted.subarray(0, encrypted.length - 1), 'video')).toBeNull();
    expect(decryptor.decrypt(encrypted.subarray(1), 'video')).toBeNull();
    expect(toHex(decryptor.decrypt(encrypted, 'video')!)).toBe(toHex(plain));
  });

  it('refuses a frame under another key or declared as the other kind', () => {
    const encrypted = createFrameEncryptor(sodium, key).encrypt(frame(100), 'audio', false);
    expect(createFrameDecryptor(sodium, sodium.randombytes_buf(32)).decrypt(encrypted, 'audio')).toBeNull();
    expect(createFrameDecryptor(sodium, key).decrypt(encrypted, 'video')).toBeNull();
  });

  it('gives every frame a new nonce: the counter advances, each encryptor has its own salt', () => {
    const a = createFrameEncryptor(sodium, key);
    const b = createFrameEncryptor(sodium, key);
    const nonces = new Set<string>();
    const plain = frame(50);
    for (let i = 0; i < 200; i++) {
      for (const [encryptor, kind] of [
        [a, 'audio'],
        [b, 'audio'],
        [a, 'video'],
      ] as const) {
        const trailer = readFrameTrailer(encryptor.encrypt(plain, kind, false))!;
        nonces.add(`${toHex(trailer.salt)}:${trailer.counter}`);
      }
    }
    expect(nonces.size).toBe(600);
    const first = readFrameTrailer(b.encrypt(plain, 'audio', false))!;
    const second = readFrameTrailer(b.encrypt(plain, 'audio', false))!;
    expect(second.counter).toBe(first.counter + 1);
    expect(toHex(second.salt)).toBe(toHex(first.salt));
    const saltA = toHex(readFrameTrailer(a.encrypt(plain, 'audio', false))!.salt);
    expect(saltA).not.toBe(toHex(first.salt));
    // The same plain frame twice never gives the same ciphertext.
    expect(toHex(a.encrypt(plain, 'audio', false))).not.toBe(toHex(a.encrypt(plain, 'audio', false)));
  });

  it('takes a new salt when the 32-bit counter runs out', () => {
    const encryptor = createFrameEncryptor(sodium, key, { initialCounter: 2 ** 32 - 1 });
    const last = readFrameTrailer(encryptor.encrypt(frame(20), 'audio', false))!;
    const next = encryptor.encrypt(frame(20), 'audio', false);
    const wrapped = readFrameTrailer(next)!;
    expect(last.counter).toBe(2 ** 32 - 1);
    expect(wrapped.counter).toBe(0);
    expect(toHex(wrapped.salt)).not.toBe(toHex(last.salt));
    expect(createFrameDecryptor(sodium, key).decrypt(next, 'audio')).not.toBeNull();
  });

  it('returns null for empty, short or garbage input and never throws', () => {
    const decryptor = createFrameDecryptor(sodium, key);
    expect(decryptor.decrypt(new Uint8Array(0), 'video')).toBeNull();
    expect(decryptor.decrypt(new Uint8Array(FRAME_OVERHEAD_BYTES - 1), 'audio')).toBeNull();
    for (let i = 0; i < 200; i++) {
      const garbage = frame(i);
      // A plausible flags byte, so the attempt reaches the AEAD.
      if (i > 0 && i % 2 === 0) garbage[i - 1] = 0x13;
      expect(decryptor.decrypt(garbage, i % 3 ? 'video' : 'audio')).toBeNull();
    }
    expect(decryptor.decrypt(null as unknown as Uint8Array, 'video')).toBeNull();
    expect(decryptor.decrypt(frame(60), 'other' as FrameKind)).toBeNull();
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createFrameEncryptor(sodium, new Uint8Array(16))).toThrow(/32 bytes/);
    expect(() => createFrameDecryptor(sodium, new Uint8Array(33))).toThrow(/32 bytes/);
  });
});
