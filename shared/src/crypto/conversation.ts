import { fromBase64, getSodium, toBase64 } from './sodium';
import { keyFingerprint } from './identity';

/**
 * Conversation encryption (ARCHITECTURE.md §5): one random 32-byte key per conversation
 * and key epoch, messages sealed with XChaCha20-Poly1305. The additional data binds the
 * conversation, the key epoch, the sender and the client's message id, so the server
 * cannot move a stored message to another conversation or pass it off as someone
 * else's; a replayed copy carries the same message id and the client drops it.
 */
export interface MessageBinding {
  conversationId: string;
  keyEpoch: number;
  senderId: string;
  /** Chosen by the sending client (a UUID); unique per conversation and sender. */
  clientMessageId: string;
}

export interface EncryptedPayload {
  nonce: string;
  ciphertext: string;
}

export class DecryptionError extends Error {
  readonly code = 'DECRYPTION_FAILED';
  constructor() {
    super('The message could not be decrypted: it was altered or does not belong here');
  }
}

const AD_DOMAIN = 'beratung:message:v1';

function additionalData(binding: MessageBinding): string {
  return [
    AD_DOMAIN,
    binding.conversationId,
    String(binding.keyEpoch),
    binding.senderId,
    binding.clientMessageId,
  ].join('|');
}

export async function generateConversationKey(): Promise<Uint8Array> {
  const sodium = await getSodium();
  return sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
}

export async function encryptMessage(
  key: Uint8Array,
  binding: MessageBinding,
  plaintext: string,
): Promise<EncryptedPayload> {
  const sodium = await getSodium();
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    sodium.from_string(plaintext),
    sodium.from_string(additionalData(binding)),
    null,
    nonce,
    key,
  );
  return { nonce: toBase64(sodium, nonce), ciphertext: toBase64(sodium, ciphertext) };
}

/** @throws DecryptionError when the ciphertext, nonce or any bound field does not match */
export async function decryptMessage(
  key: Uint8Array,
  binding: MessageBinding,
  payload: EncryptedPayload,
): Promise<string> {
  const sodium = await getSodium();
  try {
    const plaintext = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      fromBase64(sodium, payload.ciphertext),
      sodium.from_string(additionalData(binding)),
      fromBase64(sodium, payload.nonce),
      key,
    );
    return sodium.to_string(plaintext);
  } catch {
    throw new DecryptionError();
  }
}

/**
 * What both sides show to compare on demand: a fingerprint of the conversation key,
 * derived one-way (a BLAKE2b hash under its own context), so showing it reveals nothing
 * about the key.
 */
export async function conversationKeyFingerprint(key: Uint8Array): Promise<string> {
  const sodium = await getSodium();
  const digest = sodium.crypto_generichash(32, sodium.from_string('beratung:conversation-fingerprint'), key);
  return keyFingerprint(toBase64(sodium, digest));
}

/** The size limit of a message's plaintext, checked by the client before encrypting. */
export const MAX_MESSAGE_PLAINTEXT_BYTES = 8 * 1024;

/** Ciphertext size for a given plaintext size (base64 without padding of plaintext + 16-byte tag). */
export function maxCiphertextLength(plaintextBytes = MAX_MESSAGE_PLAINTEXT_BYTES): number {
  return Math.ceil(((plaintextBytes + 16) * 4) / 3);
}
