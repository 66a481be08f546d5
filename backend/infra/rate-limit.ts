// Token buckets keyed by caller (IP, account, socket). A refused call gets `rate_limited` with
// the seconds to wait. In memory for one process; in Redis (one script call) across processes.
import {AppError} from '../errors.js';
import {luaScript, type RedisClient} from './redis.js';

export interface RateLimitRule {
  /** Calls allowed in a burst. */
  capacity: number;
  /** Tokens regained per second. */
  refillPerSecond: number;
}

export interface RateLimiter {
  /** Takes one token for `key` or rejects with AppError('rate_limited'). */
  take(key: string, what: string): Promise<void>;
}

function refused(what: string, tokens: number, rule: RateLimitRule): AppError {
  const retryAfter = Math.max(1, Math.ceil((1 - tokens) / rule.refillPerSecond));
  return new AppError('rate_limited', `too many ${what}; retry in ${retryAfter} s`, {retryAfter});
}

export function createRateLimiter(rule: RateLimitRule, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, {tokens: number; at: number}>();
  let lastSweep = now();
  return {
    async take(key, what) {
      const t = now();
      // Forget idle buckets now and then so the map cannot grow without bound.
      if (t - lastSweep > 60_000) {
        for (const [k, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * rule.refillPerSecond >= rule.capacity) buckets.delete(k);
        lastSweep = t;
      }
      const b = buckets.get(key) ?? {tokens: rule.capacity, at: t};
      b.tokens = Math.min(rule.capacity, b.tokens + ((t - b.at) / 1000) * rule.refillPerSecond);
      b.at = t;
      buckets.set(key, b);
      if (b.tokens < 1) throw refused(what, b.tokens, rule);
      b.tokens -= 1;
    },
  };
}

// KEYS[1] bucket; ARGV capacity, refill per second → {1|0, tokens left}. Redis's clock, so
// processes with skewed clocks share one bucket fairly; the bucket expires once full again.
const TAKE = `
local cap, rate = tonumber(ARGV[1]), tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(b[1]) or cap, tonumber(b[2]) or now
tokens = math.min(cap, tokens + math.max(0, now - at) / 1000 * rate)
local ok = 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate * 1000) + 1000)
return {ok, tostring(tokens)}
`;

export function createRedisRateLimiter(redis: RedisClient, name: string, rule: RateLimitRule): RateLimiter {
  const script = luaScript(redis, TAKE);
  return {
    async take(key, what) {
      const [ok, tokens] = (await script([`cc:rl:${name}:${key}`], [rule.capacity, rule.refillPerSecond])) as [number, string];
      if (ok !== 1) throw refused(what, Number(tokens), rule);
    },
  };
}
