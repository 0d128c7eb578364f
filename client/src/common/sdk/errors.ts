/** The server could not be reached at all. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** Keys or signatures did not check out (trust chain, member keys): nothing was sent. */
export class KeyTrustError extends Error {
  override readonly name = 'KeyTrustError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The private keys could not be decrypted (wrong recovery code or password). */
export class KeyUnlockError extends Error {
  override readonly name = 'KeyUnlockError';
}
