import { describe, expect, it } from 'vitest';
import { ApiError, WeakPasswordError } from '@beratung/shared';
import { describeError } from '../src/common/ui/errors';
import { KeyTrustError, KeyUnlockError, NetworkError } from '../src/common/sdk/errors';
import { matchPath } from '../src/common/router';

describe('describeError', () => {
  it('prefers page-specific wording by code, then by status', () => {
    const error = new ApiError(401, 'INVALID_CREDENTIALS', 'no');
    expect(describeError(error, { 401: 'login.wrong' })).toEqual({ key: 'login.wrong' });
    expect(describeError(error, { INVALID_CREDENTIALS: 'x', 401: 'y' })).toEqual({ key: 'x' });
    expect(describeError(error)).toEqual({ key: 'error.unauthorized' });
  });

  it('tells how long to wait after a rate limit', () => {
    expect(describeError(new ApiError(429, 'RATE_LIMITED', 'slow', undefined, 12.2))).toEqual({
      key: 'error.rateLimited',
      vars: { seconds: 13 },
    });
    expect(describeError(new ApiError(429, 'RATE_LIMITED', 'slow'))).toEqual({
      key: 'error.rateLimitedNoTime',
    });
  });

  it('maps the other failures to plain messages', () => {
    expect(describeError(new ApiError(422, 'VALIDATION', 'bad')).key).toBe('error.validation');
    expect(describeError(new ApiError(503, 'DOWN', 'down')).key).toBe('error.server');
    expect(describeError(new WeakPasswordError({ ok: false, score: 0, problems: ['TOO_SHORT'] })).key).toBe(
      'error.weakPassword',
    );
    expect(describeError(new NetworkError('offline')).key).toBe('error.network');
    expect(describeError(new KeyUnlockError('x'), { unwrap: 'recover.wrong' }).key).toBe('recover.wrong');
    expect(describeError(new KeyTrustError('TRUST_CHAIN_INVALID', 'x')).key).toBe('error.trust');
    expect(
      describeError(new KeyTrustError('MEMBER_KEYS_INVALID', 'x'), { MEMBER_KEYS_INVALID: 'y' }).key,
    ).toBe('y');
    expect(describeError(new Error('?')).key).toBe('error.unknown');
  });
});

describe('matchPath', () => {
  it('extracts parameters and rejects other paths', () => {
    expect(matchPath('/invite/:token', '/invite/abc-DEF_1')).toEqual({ token: 'abc-DEF_1' });
    expect(matchPath('/invite/:token', '/invite/')).toBeUndefined();
    expect(matchPath('/invite/:token', '/team')).toBeUndefined();
    expect(matchPath('/invite/:token', '/invite/%E0%A4%A')).toBeUndefined();
  });
});
