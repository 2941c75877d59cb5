import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** Wrong tokens one address may send in a minute before it is answered 429. */
export const MAX_WRONG_TOKENS_PER_MINUTE = 100;

export interface AuthFailures {
  /**
   * Counts a wrong token from `address`: null while under the limit, else the seconds to wait
   * (`Retry-After`). A right token is never counted, so it keeps working from that address.
   */
  wrong(address: string): Promise<number | null>;
  close(): Promise<void>;
}

/** Per instance, or shared by every instance through Redis. */
export function createAuthFailures(options: { redisUrl?: string } = {}): AuthFailures {
  const limits = { points: MAX_WRONG_TOKENS_PER_MINUTE, duration: 60, keyPrefix: 'radar-wrong-token' };
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: false })
    : null;
  redis?.on('error', () => {});
  const memory = new RateLimiterMemory(limits);
  const limiter = redis
    ? new RateLimiterRedis({ ...limits, storeClient: redis, insuranceLimiter: memory })
    : memory;
  return {
    async wrong(address) {
      try {
        await limiter.consume(address);
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw rejection;
      }
    },
    async close() {
      redis?.disconnect();
    },
  };
}
