import { deriveLoginKeys, newKdfParams, type KdfParams } from './login-keys';
import {
  generateIdentity,
  publicIdentity,
  unwrapIdentity,
  wrapIdentity,
  type Identity,
  type PublicIdentity,
  type WrappedKeys,
} from './identity';
import { newRecoveryCode, normalizeRecoveryCode } from './recovery-code';

/** Everything the server stores for a new account's credentials: no secret among it. */
export interface CredentialMaterial extends PublicIdentity {
  kdf: KdfParams;
  authKey: string;
  wrappedKeys: WrappedKeys;
  recovery?: RecoveryMaterial;
}

export interface RecoveryMaterial {
  kdf: KdfParams;
  authKey: string;
  wrappedKeys: WrappedKeys;
}

export interface NewCredentials {
  material: CredentialMaterial;
  identity: Identity;
  recoveryCode?: string;
}

async function recoveryMaterial(identity: Identity, recoveryCode: string): Promise<RecoveryMaterial> {
  const kdf = await newKdfParams();
  const keys = await deriveLoginKeys(normalizeRecoveryCode(recoveryCode), kdf);
  return { kdf, authKey: keys.authKey, wrappedKeys: await wrapIdentity(identity, keys.wrapKey) };
}

/**
 * Creates an identity and wraps it under the password (and, if asked, a recovery
 * code). Runs on the client; only `material` is sent.
 */
export async function createCredentials(
  password: string,
  options: { withRecoveryCode?: boolean; identity?: Identity } = {},
): Promise<NewCredentials> {
  const identity = options.identity ?? (await generateIdentity());
  const kdf = await newKdfParams();
  const keys = await deriveLoginKeys(password, kdf);
  const material: CredentialMaterial = {
    kdf,
    authKey: keys.authKey,
    ...(await publicIdentity(identity)),
    wrappedKeys: await wrapIdentity(identity, keys.wrapKey),
  };
  if (!options.withRecoveryCode) return { material, identity };
  const recoveryCode = await newRecoveryCode();
  material.recovery = await recoveryMaterial(identity, recoveryCode);
  return { material, identity, recoveryCode };
}

/** Unlocks the identity after login: wrapKey is derived locally and never sent. */
export async function unlockIdentity(
  secret: string,
  kdf: KdfParams,
  wrapped: WrappedKeys,
): Promise<Identity> {
  const keys = await deriveLoginKeys(secret, kdf);
  return unwrapIdentity(wrapped, keys.wrapKey);
}
