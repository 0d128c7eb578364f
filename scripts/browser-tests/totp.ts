import { totpCode, TOTP_STEP_SECONDS } from '../../server/src/accounts/totp';

/** The server's own RFC 6238 implementation; `stepOffset` picks a neighbouring 30-second step. */
export function totp(secret: string, at = Date.now(), stepOffset = 0): string {
  return totpCode(secret, at + stepOffset * TOTP_STEP_SECONDS * 1000);
}
