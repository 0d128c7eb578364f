import { describe, expect, it } from 'vitest';
import { createCredentials, unlockIdentity } from './account-keys';
import { deriveLoginKeys } from './login-keys';
import { UnwrapError, keyFingerprint } from './identity';
import { checkPasswordStrength } from './password-strength';
import { normalizeRecoveryCode } from './recovery-code';
import { fromBase64, getSodium } from './sodium';

describe('login secret split and key wrapping', () => {
  it('derives authKey and wrapKey that differ and are stable for the same password', async () => {
    const { material } = await createCredentials('Kaffee-am-Rhein-2026');
    const again = await deriveLoginKeys('Kaffee-am-Rhein-2026', material.kdf);
    expect(again.authKey).toBe(material.authKey);
    const sodium = await getSodium();
    expect(sodium.to_base64(again.wrapKey, sodium.base64_variants.URLSAFE_NO_PADDING)).not.toBe(
      material.authKey,
    );
    expect(fromBase64(sodium, material.authKey)).toHaveLength(32);
  });

  it('unwraps the identity with the right password and the recovery code, not with a wrong one', async () => {
    const { material, identity, recoveryCode } = await createCredentials('Kaffee-am-Rhein-2026', {
      withRecoveryCode: true,
    });
    const unlocked = await unlockIdentity('Kaffee-am-Rhein-2026', material.kdf, material.wrappedKeys);
    expect(unlocked.boxSecretKey).toEqual(identity.boxSecretKey);
    const viaRecovery = await unlockIdentity(
      normalizeRecoveryCode(recoveryCode!.toLowerCase()),
      material.recovery!.kdf,
      material.recovery!.wrappedKeys,
    );
    expect(viaRecovery.signSecretKey).toEqual(identity.signSecretKey);
    await expect(unlockIdentity('Kaffee-am-Rhein-2025', material.kdf, material.wrappedKeys)).rejects.toThrow(
      UnwrapError,
    );
  });

  it('never puts the password or wrapKey into the material sent to the server', async () => {
    const password = 'Kaffee-am-Rhein-2026';
    const { material } = await createCredentials(password, { withRecoveryCode: true });
    const keys = await deriveLoginKeys(password, material.kdf);
    const sodium = await getSodium();
    const sent = JSON.stringify(material);
    expect(sent).not.toContain(password);
    expect(sent).not.toContain(sodium.to_base64(keys.wrapKey, sodium.base64_variants.URLSAFE_NO_PADDING));
    expect(sent).not.toContain(sodium.to_base64(keys.wrapKey, sodium.base64_variants.ORIGINAL));
  });

  it('makes fingerprints of 8 groups that do not depend on key order', async () => {
    const fingerprint = await keyFingerprint('a', 'b');
    expect(fingerprint).toMatch(/^(\d{5} ){7}\d{5}$/);
    expect(await keyFingerprint('b', 'a')).toBe(fingerprint);
  });
});

describe('password strength', () => {
  it.each([
    ['kurz', false],
    ['passwort123', false],
    ['allesklein', false],
    ['Kaffee-am-Rhein-2026', true],
    ['ein langer satz ohne zahlen', true],
  ])('%s → ok=%s', (password, ok) => {
    expect(checkPasswordStrength(password).ok).toBe(ok);
  });

  it('refuses a password that contains the pseudonym', () => {
    expect(checkPasswordStrength('Sonnenblume-2026!', { name: 'sonnenblume' }).problems).toContain(
      'CONTAINS_NAME',
    );
  });
});
