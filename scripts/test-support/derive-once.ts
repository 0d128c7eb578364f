/**
 * Test speed, not test substance (a vitest setup file of the server suite and the
 * browser suites). Client key derivation is Argon2id at the product's floor (64 MiB,
 * 3 passes): about 200 ms per derivation, and the suites register and log in hundreds
 * of accounts through the SDK — measured, 40 % of the server suite's time.
 *
 * Within one test process every new account gets the same KDF salt, and each distinct
 * (secret, parameters) pair is derived once by the real Argon2id and remembered. Keys,
 * wrapping, the server's own password hashing and every check stay as they are; what
 * changes is only that test accounts with the same password share a salt, which no
 * test depends on. Product code never loads this file.
 */
import { vi } from 'vitest';
import type { KdfParams, LoginKeys } from '@beratung/shared/crypto/login-keys';

vi.mock(import('@beratung/shared/crypto/login-keys'), async (importOriginal) => {
  const real = await importOriginal();
  const sharedSalt = (await real.newKdfParams()).salt;
  const derived = new Map<string, Promise<LoginKeys>>();

  async function deriveLoginKeys(secret: string, params: KdfParams): Promise<LoginKeys> {
    const key = JSON.stringify([secret, params.alg, params.opslimit, params.memlimit, params.salt]);
    let keys = derived.get(key);
    if (!keys) {
      keys = real.deriveLoginKeys(secret, params);
      derived.set(key, keys);
      keys.catch(() => derived.delete(key));
    }
    const { authKey, wrapKey } = await keys;
    // a copy: callers may wipe the key they were given
    return { authKey, wrapKey: Uint8Array.from(wrapKey) };
  }

  return {
    ...real,
    newKdfParams: async () => ({ ...(await real.newKdfParams()), salt: sharedSalt }),
    deriveLoginKeys,
  };
});
