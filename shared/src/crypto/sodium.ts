import sodiumModule from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodiumModule;

/** libsodium (sumo build: it has crypto_pwhash) once its WebAssembly is ready. */
export async function getSodium(): Promise<Sodium> {
  await sodiumModule.ready;
  return sodiumModule;
}

/** Binary values travel as URL-safe base64 without padding. */
export function toBase64(sodium: Sodium, bytes: Uint8Array): string {
  return sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);
}

export function fromBase64(sodium: Sodium, text: string): Uint8Array {
  return sodium.from_base64(text, sodium.base64_variants.URLSAFE_NO_PADDING);
}
