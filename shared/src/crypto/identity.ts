import { fromBase64, getSodium, toBase64 } from './sodium';

/** An account's key pairs: X25519 for encryption, Ed25519 for signing. */
export interface Identity {
  boxPublicKey: Uint8Array;
  boxSecretKey: Uint8Array;
  signPublicKey: Uint8Array;
  signSecretKey: Uint8Array;
}

/** What the server stores and hands out: public keys, bound together by a signature. */
export interface PublicIdentity {
  boxPublicKey: string;
  signPublicKey: string;
  /** Ed25519 signature by signPublicKey over the box public key. */
  keySignature: string;
}

/** Secret keys encrypted with crypto_secretbox under a key the server never sees. */
export interface WrappedKeys {
  nonce: string;
  ciphertext: string;
}

const KEY_BINDING_PREFIX = 'beratung:box-key:v1:';

export async function generateIdentity(): Promise<Identity> {
  const sodium = await getSodium();
  const box = sodium.crypto_box_keypair();
  const sign = sodium.crypto_sign_keypair();
  return {
    boxPublicKey: box.publicKey,
    boxSecretKey: box.privateKey,
    signPublicKey: sign.publicKey,
    signSecretKey: sign.privateKey,
  };
}

function bindingMessage(sodium: Awaited<ReturnType<typeof getSodium>>, boxPublicKey: Uint8Array): Uint8Array {
  const prefix = sodium.from_string(KEY_BINDING_PREFIX);
  const message = new Uint8Array(prefix.length + boxPublicKey.length);
  message.set(prefix);
  message.set(boxPublicKey, prefix.length);
  return message;
}

export async function publicIdentity(identity: Identity): Promise<PublicIdentity> {
  const sodium = await getSodium();
  const signature = sodium.crypto_sign_detached(
    bindingMessage(sodium, identity.boxPublicKey),
    identity.signSecretKey,
  );
  return {
    boxPublicKey: toBase64(sodium, identity.boxPublicKey),
    signPublicKey: toBase64(sodium, identity.signPublicKey),
    keySignature: toBase64(sodium, signature),
  };
}

/** Clients check this before they seal anything to a box key. */
export async function verifyPublicIdentity(identity: PublicIdentity): Promise<boolean> {
  const sodium = await getSodium();
  try {
    return sodium.crypto_sign_verify_detached(
      fromBase64(sodium, identity.keySignature),
      bindingMessage(sodium, fromBase64(sodium, identity.boxPublicKey)),
      fromBase64(sodium, identity.signPublicKey),
    );
  } catch {
    return false;
  }
}

export async function wrapIdentity(identity: Identity, wrapKey: Uint8Array): Promise<WrappedKeys> {
  const sodium = await getSodium();
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const plaintext = sodium.from_string(
    JSON.stringify({
      boxPublicKey: toBase64(sodium, identity.boxPublicKey),
      boxSecretKey: toBase64(sodium, identity.boxSecretKey),
      signPublicKey: toBase64(sodium, identity.signPublicKey),
      signSecretKey: toBase64(sodium, identity.signSecretKey),
    }),
  );
  const ciphertext = sodium.crypto_secretbox_easy(plaintext, nonce, wrapKey);
  sodium.memzero(plaintext);
  return { nonce: toBase64(sodium, nonce), ciphertext: toBase64(sodium, ciphertext) };
}

export class UnwrapError extends Error {
  constructor() {
    super('The private keys could not be decrypted with this key');
  }
}

export async function unwrapIdentity(wrapped: WrappedKeys, wrapKey: Uint8Array): Promise<Identity> {
  const sodium = await getSodium();
  let plaintext: Uint8Array;
  try {
    plaintext = sodium.crypto_secretbox_open_easy(
      fromBase64(sodium, wrapped.ciphertext),
      fromBase64(sodium, wrapped.nonce),
      wrapKey,
    );
  } catch {
    throw new UnwrapError();
  }
  const keys = JSON.parse(sodium.to_string(plaintext)) as Record<keyof Identity, string>;
  return {
    boxPublicKey: fromBase64(sodium, keys.boxPublicKey),
    boxSecretKey: fromBase64(sodium, keys.boxSecretKey),
    signPublicKey: fromBase64(sodium, keys.signPublicKey),
    signSecretKey: fromBase64(sodium, keys.signSecretKey),
  };
}

/** A short, human-comparable fingerprint of public keys: 8 groups of 5 digits. */
export async function keyFingerprint(...publicKeys: string[]): Promise<string> {
  const sodium = await getSodium();
  const digest = sodium.crypto_generichash(32, sodium.from_string([...publicKeys].sort().join('|')), null);
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  const groups: string[] = [];
  for (let offset = 0; offset < 32; offset += 4) {
    groups.push(String(view.getUint32(offset) % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}
