import { DecryptionError } from './conversation';
import { getSodium } from './sodium';

/**
 * Attachments are encrypted whole on the client (libsodium secretstream) with a key
 * derived from the conversation key, so the server stores an opaque blob. Every chunk
 * carries additional data binding the conversation and the attachment id: a blob
 * copied to another conversation or swapped for another does not decrypt.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const CHUNK = 64 * 1024;
/** secretstream header (24) + per chunk (17 bytes) overhead. */
export const MAX_ENCRYPTED_ATTACHMENT_BYTES =
  MAX_ATTACHMENT_BYTES + 24 + 17 * (MAX_ATTACHMENT_BYTES / CHUNK + 1);

const KDF_CONTEXT = 'attachmt';
const KDF_ID = 1;

export interface AttachmentBinding {
  conversationId: string;
  attachmentId: string;
}

/** A separate subkey: the conversation key itself is only used for message AEAD. */
async function attachmentKey(conversationKey: Uint8Array): Promise<Uint8Array> {
  const sodium = await getSodium();
  return sodium.crypto_kdf_derive_from_key(
    sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES,
    KDF_ID,
    KDF_CONTEXT,
    conversationKey,
  );
}

function additionalData(binding: AttachmentBinding): string {
  return `beratung:attachment:v1|${binding.conversationId}|${binding.attachmentId}`;
}

export async function encryptAttachment(
  conversationKey: Uint8Array,
  binding: AttachmentBinding,
  bytes: Uint8Array,
): Promise<Uint8Array> {
  const sodium = await getSodium();
  const key = await attachmentKey(conversationKey);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const ad = sodium.from_string(additionalData(binding));
  const parts: Uint8Array[] = [header];
  for (let offset = 0; offset < bytes.length || offset === 0; offset += CHUNK) {
    const last = offset + CHUNK >= bytes.length;
    parts.push(
      sodium.crypto_secretstream_xchacha20poly1305_push(
        state,
        bytes.subarray(offset, offset + CHUNK),
        ad,
        last
          ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
          : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
      ),
    );
    if (last) break;
  }
  key.fill(0);
  return concat(parts);
}

/** @throws DecryptionError when the blob was altered, truncated or belongs elsewhere */
export async function decryptAttachment(
  conversationKey: Uint8Array,
  binding: AttachmentBinding,
  blob: Uint8Array,
): Promise<Uint8Array> {
  const sodium = await getSodium();
  const key = await attachmentKey(conversationKey);
  const headerBytes = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  const overhead = sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
  try {
    if (blob.length < headerBytes + overhead) throw new DecryptionError();
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(blob.subarray(0, headerBytes), key);
    const ad = sodium.from_string(additionalData(binding));
    const parts: Uint8Array[] = [];
    let offset = headerBytes;
    for (;;) {
      const chunk = blob.subarray(offset, offset + CHUNK + overhead);
      const result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, chunk, ad);
      if (!result) throw new DecryptionError();
      parts.push(result.message);
      offset += chunk.length;
      if (result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
        // Anything after the final chunk was appended by someone else.
        if (offset !== blob.length) throw new DecryptionError();
        return concat(parts);
      }
      if (offset >= blob.length) throw new DecryptionError(); // truncated
    }
  } catch {
    throw new DecryptionError();
  } finally {
    key.fill(0);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The kinds of files people may send: PDF, images and office documents. */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
} as const;

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);

/**
 * The type of a file by its name AND its first bytes; both must agree, so a renamed
 * program is not sent as a "PDF". Undefined when the file is not allowed.
 */
export function detectAttachmentType(fileName: string, bytes: Uint8Array): string | undefined {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const type = (ATTACHMENT_TYPES as Record<string, string>)[extension];
  if (!type) return undefined;
  const zip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  const ole = startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const matches: Record<string, boolean> = {
    pdf: startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]),
    jpg: startsWith(bytes, [0xff, 0xd8, 0xff]),
    jpeg: startsWith(bytes, [0xff, 0xd8, 0xff]),
    png: startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    gif: startsWith(bytes, [0x47, 0x49, 0x46, 0x38]),
    webp: startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8),
    docx: zip,
    xlsx: zip,
    pptx: zip,
    odt: zip,
    ods: zip,
    doc: ole,
    xls: ole,
  };
  return matches[extension] ? type : undefined;
}
