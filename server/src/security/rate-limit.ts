import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { RateLimitedError } from '../http/errors';
import { keyedHash } from './secrets';

export type LimitName =
  | 'loginPerName'
  | 'loginPerClient'
  | 'registerPerClient'
  | 'invitePerClient'
  | 'invitePerToken'
  | 'mfaPerAccount';

export interface RateLimitSettings {
  loginPerName: number;
  loginPerClient: number;
  registerPerClient: number;
  windowSeconds: number;
}

/**
 * Attempt limits. Counters live in memory, or in Redis when several server processes
 * share the load. Client addresses are only ever keys in the form of a keyed hash,
 * kept for the window and never written to the database.
 */
export class RateLimits {
  private readonly limiters: Record<LimitName, RateLimiterAbstract>;

  constructor(
    settings: RateLimitSettings,
    private readonly secretKey: Buffer,
    redisClient?: unknown,
  ) {
    const make = (
      keyPrefix: LimitName,
      points: number,
      duration = settings.windowSeconds,
    ): RateLimiterAbstract =>
      redisClient
        ? new RateLimiterRedis({
            storeClient: redisClient,
            useRedisPackage: true,
            keyPrefix: `rl:${keyPrefix}`,
            points,
            duration,
          })
        : new RateLimiterMemory({ keyPrefix, points, duration });
    this.limiters = {
      loginPerName: make('loginPerName', settings.loginPerName),
      loginPerClient: make('loginPerClient', settings.loginPerClient),
      registerPerClient: make('registerPerClient', settings.registerPerClient, 60 * 60),
      invitePerClient: make('invitePerClient', 20),
      invitePerToken: make('invitePerToken', 5),
      mfaPerAccount: make('mfaPerAccount', 10),
    };
  }

  /** Counts one attempt; throws RateLimitedError (429, Retry-After) once over the limit. */
  async consume(name: LimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(keyedHash(this.secretKey, key, 16).toString('base64url'));
    } catch (result) {
      if (result instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(result.msBeforeNext / 1000)));
      }
      throw result;
    }
  }

  /** A successful login clears the per-name counter so a user is not locked by old typos. */
  async reset(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].delete(keyedHash(this.secretKey, key, 16).toString('base64url'));
  }
}
