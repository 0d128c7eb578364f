import { getSodium } from './sodium';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

/** A recovery code: 25 characters from a 32-letter alphabet (125 bits), in groups of five. */
export async function newRecoveryCode(): Promise<string> {
  const sodium = await getSodium();
  const chars = Array.from({ length: 25 }, () => ALPHABET[sodium.randombytes_uniform(ALPHABET.length)]);
  return chars.join('').match(/.{5}/g)!.join('-');
}

/** Users type codes with spaces, dashes and lower case; all of that is the same code. */
export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
