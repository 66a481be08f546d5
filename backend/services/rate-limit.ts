// Token buckets keyed by caller (IP, account, socket). A refused call gets `rate_limited` with
// the seconds to wait. In memory per process; a shared store can implement the same interface.
import {AppError} from '../errors.js';

export interface RateLimitRule {
  /** Calls allowed in a burst. */
  capacity: number;
  /** Tokens regained per second. */
  refillPerSecond: number;
}

export interface RateLimiter {
  /** Takes one token for `key` or throws AppError('rate_limited'). */
  take(key: string, what: string): void;
}

export function createRateLimiter(rule: RateLimitRule, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, {tokens: number; at: number}>();
  let lastSweep = now();
  return {
    take(key, what) {
      const t = now();
      // Forget idle buckets now and then so the map cannot grow without bound.
      if (t - lastSweep > 60_000) {
        for (const [k, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * rule.refillPerSecond >= rule.capacity) buckets.delete(k);
        lastSweep = t;
      }
      const b = buckets.get(key) ?? {tokens: rule.capacity, at: t};
      b.tokens = Math.min(rule.capacity, b.tokens + ((t - b.at) / 1000) * rule.refillPerSecond);
      b.at = t;
      if (b.tokens < 1) {
        buckets.set(key, b);
        const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / rule.refillPerSecond));
        throw new AppError('rate_limited', `too many ${what}; retry in ${retryAfter} s`, {retryAfter});
      }
      b.tokens -= 1;
      buckets.set(key, b);
    },
  };
}
