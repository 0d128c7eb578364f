import { describe, expect, it } from 'vitest';
import { isVp8KeyframeStart } from './vp8';

describe('VP8 keyframe detection', () => {
  it('finds the key frame bit after a plain descriptor', () => {
    expect(isVp8KeyframeStart(Uint8Array.from([0x10, 0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a]))).toBe(true);
    expect(isVp8KeyframeStart(Uint8Array.from([0x10, 0x51, 0x01, 0x00]))).toBe(false);
  });

  it('skips the extended fields (15-bit picture id, TL0PICIDX, TID/KEYIDX)', () => {
    // X=1 S=1 | I=1 L=1 T=1 | M=1 picture id (2 bytes) | TL0PICIDX | TID | frame tag
    expect(isVp8KeyframeStart(Uint8Array.from([0x90, 0xe0, 0x81, 0x23, 0x05, 0x40, 0x00, 0x00]))).toBe(true);
    expect(isVp8KeyframeStart(Uint8Array.from([0x90, 0xe0, 0x81, 0x23, 0x05, 0x40, 0x01, 0x00]))).toBe(false);
    // 7-bit picture id
    expect(isVp8KeyframeStart(Uint8Array.from([0x90, 0x80, 0x11, 0x00]))).toBe(true);
  });

  it('is false for continuation packets, other partitions and truncated payloads', () => {
    expect(isVp8KeyframeStart(Uint8Array.from([0x00, 0x00]))).toBe(false);
    expect(isVp8KeyframeStart(Uint8Array.from([0x11, 0x00]))).toBe(false);
    expect(isVp8KeyframeStart(Uint8Array.from([0x90, 0x80]))).toBe(false);
    expect(isVp8KeyframeStart(new Uint8Array())).toBe(false);
  });
});
