import { fromBase64, getSodium, toBase64 } from './sodium';

/** Argon2id parameters a client used to derive its keys; stored with the account. */
export interface KdfParams {
  alg: 'argon2id13';
  opslimit: number;
  memlimit: number;
  salt: string;
}

/** ARCHITECTURE.md §5: at least 64 MiB and 3 passes on the client. */
export const CLIENT_KDF_MIN = { opslimit: 3, memlimit: 64 * 1024 * 1024 } as const;

export async function newKdfParams(): Promise<KdfParams> {
  const sodium = await getSodium();
  return {
    alg: 'argon2id13',
    ...CLIENT_KDF_MIN,
    salt: toBase64(sodium, sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES)),
  };
}

export interface LoginKeys {
  /** Sent to the server, which keeps only crypto_pwhash_str(authKey). */
  authKey: string;
  /** Never leaves the client: it wraps the account's private keys. */
  wrapKey: Uint8Array;
}

const AUTH_KEY_ID = 1;
const WRAP_KEY_ID = 2;
const KDF_CONTEXT = 'berlogin';

/**
 * The login secret split: one Argon2id run over the password, then two independent
 * subkeys (BLAKE2b-based crypto_kdf). Knowing authKey reveals nothing about wrapKey.
 */
export async function deriveLoginKeys(secret: string, params: KdfParams): Promise<LoginKeys> {
  const sodium = await getSodium();
  if (params.opslimit < CLIENT_KDF_MIN.opslimit || params.memlimit < CLIENT_KDF_MIN.memlimit) {
    throw new Error('Key derivation parameters below the required minimum');
  }
  const master = sodium.crypto_pwhash(
    sodium.crypto_kdf_KEYBYTES,
    secret.normalize('NFKC'),
    fromBase64(sodium, params.salt),
    params.opslimit,
    params.memlimit,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
  const authKey = sodium.crypto_kdf_derive_from_key(32, AUTH_KEY_ID, KDF_CONTEXT, master);
  const wrapKey = sodium.crypto_kdf_derive_from_key(32, WRAP_KEY_ID, KDF_CONTEXT, master);
  sodium.memzero(master);
  return { authKey: toBase64(sodium, authKey), wrapKey };
}
