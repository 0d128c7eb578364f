import { getSodium } from './sodium';

/** libsodium KDF context of call media keys (exactly 8 characters, ARCHITECTURE.md §5). */
export const CALL_MEDIA_KDF_CONTEXT = 'callmedi';

/**
 * The key a call's encoded-transform encryption uses: derived from the conversation
 * key `K` (of the epoch the call was proposed in) with `crypto_kdf_derive_from_key`,
 * subkey id = the call's sequence number in the conversation. Both participants derive
 * the same key; the server and the SFU never learn it, and every call gets its own.
 */
export async function deriveCallMediaKey(conversationKey: Uint8Array, callSeq: number): Promise<Uint8Array> {
  const sodium = await getSodium();
  if (conversationKey.length !== sodium.crypto_kdf_KEYBYTES)
    throw new Error(`A conversation key has ${sodium.crypto_kdf_KEYBYTES} bytes`);
  if (!Number.isSafeInteger(callSeq) || callSeq < 1) throw new Error('The call sequence starts at 1');
  return sodium.crypto_kdf_derive_from_key(32, callSeq, CALL_MEDIA_KDF_CONTEXT, conversationKey);
}
