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
  | 'mfaPerAccount'
  | 'slotReadsPerClient'
  | 'holdsPerClient'
  | 'bookingsPerClient'
  | 'manageFailuresPerCode'
  | 'manageFailuresPerClient'
  | 'chatMessagesPerAccount';

export interface RateLimitSettings {
  loginPerName: number;
  loginPerClient: number;
  registerPerClient: number;
  windowSeconds: number;
  /** The public booking API (no login), counted per client address in `bookingWindowSeconds`. */
  slotReadsPerClient: number;
  holdsPerClient: number;
  bookingsPerClient: number;
  bookingWindowSeconds: number;
  /** Failed token checks for one booking code per hour. */
  manageFailuresPerCode: number;
  /** Chat messages per account and minute. */
  chatMessagesPerMinute?: number;
}

const HOUR = 60 * 60;

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
      registerPerClient: make('registerPerClient', settings.registerPerClient, HOUR),
      invitePerClient: make('invitePerClient', 20),
      invitePerToken: make('invitePerToken', 5),
      mfaPerAccount: make('mfaPerAccount', 10),
      slotReadsPerClient: make(
        'slotReadsPerClient',
        settings.slotReadsPerClient,
        settings.bookingWindowSeconds,
      ),
      holdsPerClient: make('holdsPerClient', settings.holdsPerClient, settings.bookingWindowSeconds),
      bookingsPerClient: make('bookingsPerClient', settings.bookingsPerClient, settings.bookingWindowSeconds),
      manageFailuresPerCode: make('manageFailuresPerCode', settings.manageFailuresPerCode, HOUR),
      // One address trying many codes would otherwise lock each of them for its owner.
      manageFailuresPerClient: make('manageFailuresPerClient', 30, HOUR),
      chatMessagesPerAccount: make('chatMessagesPerAccount', settings.chatMessagesPerMinute ?? 30, 60),
    };
  }

  /** Counts one attempt; throws RateLimitedError (429, Retry-After) once over the limit. */
  async consume(name: LimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(this.keyOf(key));
    } catch (result) {
      if (result instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(result.msBeforeNext / 1000)));
      }
      throw result;
    }
  }

  /** A successful login clears the per-name counter so a user is not locked by old typos. */
  async reset(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].delete(this.keyOf(key));
  }

  /**
   * Gives back the point of an attempt that succeeded, so only failures count. Counting
   * first and refunding after (instead of counting failures afterwards) also bounds
   * attempts that run at the same time.
   */
  async refund(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].reward(this.keyOf(key), 1);
  }

  private keyOf(key: string): string {
    return keyedHash(this.secretKey, key, 16).toString('base64url');
  }
}
