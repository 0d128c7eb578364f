import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, totpCode, verifyTotp } from './totp';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 Appendix B, SHA-1 seed "12345678901234567890", 8 digits.
  const seed = Buffer.from('12345678901234567890');
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches the RFC test vector at T=%i', (seconds, expected) => {
    expect(hotp(seed, Math.floor(seconds / 30), 8)).toBe(expected);
  });

  it('round-trips base32', () => {
    expect(base32Decode(base32Encode(seed)).equals(seed)).toBe(true);
    expect(base32Encode(seed)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('accepts one step of drift, refuses two, and refuses a code twice', () => {
    const secret = base32Encode(seed);
    const now = 1_700_000_000_000;
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now, null)).not.toBeNull();
    expect(verifyTotp(secret, totpCode(secret, now - 60_000), now, null)).toBeNull();
    const step = verifyTotp(secret, totpCode(secret, now), now, null);
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, totpCode(secret, now), now, step)).toBeNull();
  });
});
