import { ApiError, WeakPasswordError } from '@beratung/shared';
import { KeyTrustError, KeyUnlockError, NetworkError } from '../sdk/errors';
import type { CommonKey } from '../i18n/messages';

export interface MessageRef<K extends string = string> {
  key: K;
  vars?: Record<string, string | number>;
}

/** Page-specific wording for some HTTP statuses or error codes (e.g. 401 on login). */
export type ErrorOverrides<K extends string> = Partial<Record<number | string, K>>;

/**
 * Turns any error from an SDK call into a message a person can act on.
 * Overrides are looked up by API error code first, then by HTTP status.
 */
export function describeError<K extends string>(
  error: unknown,
  overrides: ErrorOverrides<K> = {},
): MessageRef<K | CommonKey> {
  if (error instanceof ApiError) {
    const override = overrides[error.code] ?? overrides[error.status];
    if (override) return { key: override };
    if (error.status === 429) {
      return error.retryAfterSeconds
        ? { key: 'error.rateLimited', vars: { seconds: Math.ceil(error.retryAfterSeconds) } }
        : { key: 'error.rateLimitedNoTime' };
    }
    if (error.status === 400 || error.status === 422) return { key: 'error.validation' };
    if (error.status === 401) return { key: 'error.unauthorized' };
    if (error.status === 403) return { key: 'error.forbidden' };
    if (error.status === 404) return { key: 'error.notFound' };
    if (error.status === 409) return { key: 'error.conflict' };
    return { key: 'error.server' };
  }
  if (error instanceof WeakPasswordError) return { key: 'error.weakPassword' };
  if (error instanceof KeyUnlockError) return { key: overrides['unwrap'] ?? 'error.keys' };
  if (error instanceof KeyTrustError)
    return { key: overrides[error.code] ?? overrides['trust'] ?? 'error.trust' };
  if (error instanceof NetworkError) return { key: 'error.network' };
  return { key: 'error.unknown' };
}
