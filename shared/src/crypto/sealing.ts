import { fromBase64, getSodium, toBase64 } from './sodium';

/** crypto_box_seal: anonymous encryption to a box public key (team keys, grants). */
export async function sealTo(recipientBoxPublicKey: string, secret: Uint8Array): Promise<string> {
  const sodium = await getSodium();
  return toBase64(sodium, sodium.crypto_box_seal(secret, fromBase64(sodium, recipientBoxPublicKey)));
}

export async function openSealed(
  sealed: string,
  boxPublicKey: Uint8Array,
  boxSecretKey: Uint8Array,
): Promise<Uint8Array> {
  const sodium = await getSodium();
  return sodium.crypto_box_seal_open(fromBase64(sodium, sealed), boxPublicKey, boxSecretKey);
}
