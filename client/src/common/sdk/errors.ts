/** The server could not be reached at all. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** The private keys could not be decrypted (wrong recovery code or password). */
export class KeyUnlockError extends Error {
  override readonly name = 'KeyUnlockError';
}
