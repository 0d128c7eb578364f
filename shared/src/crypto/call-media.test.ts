import { describe, expect, it } from 'vitest';
import { deriveCallMediaKey } from './call-media';
import { generateConversationKey } from './conversation';
import { getSodium } from './sodium';

describe('call media keys', () => {
  it('are 32 bytes, the same for both sides, and different per call and conversation', async () => {
    const key = await generateConversationKey();
    const first = await deriveCallMediaKey(key, 1);
    expect(first).toHaveLength(32);
    expect(await deriveCallMediaKey(new Uint8Array(key), 1)).toEqual(first);
    expect(await deriveCallMediaKey(key, 2)).not.toEqual(first);
    expect(await deriveCallMediaKey(await generateConversationKey(), 1)).not.toEqual(first);
    expect(first).not.toEqual(key);
  });

  it('uses its own KDF context, not another subkey of the conversation key', async () => {
    const sodium = await getSodium();
    const key = await generateConversationKey();
    const expected = sodium.crypto_kdf_derive_from_key(32, 3, 'callmedi', key);
    expect(await deriveCallMediaKey(key, 3)).toEqual(expected);
    expect(await deriveCallMediaKey(key, 3)).not.toEqual(
      sodium.crypto_kdf_derive_from_key(32, 3, 'attachmt', key),
    );
  });

  it('refuses a wrong key length or call sequence', async () => {
    await expect(deriveCallMediaKey(new Uint8Array(16), 1)).rejects.toThrow();
    await expect(deriveCallMediaKey(await generateConversationKey(), 0)).rejects.toThrow();
  });
});
