import { describe, expect, it } from 'vitest';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ENCRYPTED_ATTACHMENT_BYTES,
  decryptAttachment,
  detectAttachmentType,
  encryptAttachment,
} from './attachment';
import { generateConversationKey } from './conversation';

const binding = { conversationId: 'c-1', attachmentId: 'a-1' };

describe('attachment encryption', () => {
  it('round-trips empty, small, chunk-sized and maximal files', async () => {
    const key = await generateConversationKey();
    for (const size of [0, 1, 64 * 1024, 64 * 1024 + 1, MAX_ATTACHMENT_BYTES]) {
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i += 997) bytes[i] = i % 251;
      const blob = await encryptAttachment(key, binding, bytes);
      expect(blob.length).toBeLessThanOrEqual(MAX_ENCRYPTED_ATTACHMENT_BYTES);
      // Buffer comparison: a deep equality of 10 MB element by element takes minutes.
      expect(Buffer.from(await decryptAttachment(key, binding, blob)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('refuses an altered, truncated, extended or moved blob, and the wrong key', async () => {
    const key = await generateConversationKey();
    const bytes = new Uint8Array(200_000).fill(7);
    const blob = await encryptAttachment(key, binding, bytes);
    const flipped = blob.slice();
    flipped[1000] = flipped[1000]! ^ 1;
    await expect(decryptAttachment(key, binding, flipped)).rejects.toMatchObject({
      code: 'DECRYPTION_FAILED',
    });
    await expect(decryptAttachment(key, binding, blob.subarray(0, 70_000))).rejects.toMatchObject({
      code: 'DECRYPTION_FAILED',
    });
    const extended = new Uint8Array(blob.length + 5);
    extended.set(blob);
    await expect(decryptAttachment(key, binding, extended)).rejects.toMatchObject({
      code: 'DECRYPTION_FAILED',
    });
    await expect(
      decryptAttachment(key, { conversationId: 'c-2', attachmentId: 'a-1' }, blob),
    ).rejects.toMatchObject({ code: 'DECRYPTION_FAILED' });
    await expect(decryptAttachment(await generateConversationKey(), binding, blob)).rejects.toMatchObject({
      code: 'DECRYPTION_FAILED',
    });
  });
});

describe('attachment types', () => {
  const bytes = (...values: number[]) => new Uint8Array([...values, ...new Array(16).fill(0)]);
  it('accepts a file whose name and first bytes agree', () => {
    expect(detectAttachmentType('Bescheid.PDF', new TextEncoder().encode('%PDF-1.7\n'))).toBe(
      'application/pdf',
    );
    expect(detectAttachmentType('foto.jpg', bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(detectAttachmentType('brief.docx', bytes(0x50, 0x4b, 0x03, 0x04))).toMatch(/wordprocessingml/);
    expect(detectAttachmentType('alt.doc', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe(
      'application/msword',
    );
  });
  it('refuses other types and renamed files', () => {
    expect(detectAttachmentType('programm.exe', bytes(0x4d, 0x5a))).toBeUndefined();
    expect(detectAttachmentType('programm.pdf', bytes(0x4d, 0x5a))).toBeUndefined();
    expect(detectAttachmentType('ohne-endung', new TextEncoder().encode('%PDF-1.7'))).toBeUndefined();
    expect(detectAttachmentType('bild.png', bytes(0xff, 0xd8, 0xff))).toBeUndefined();
  });
});
