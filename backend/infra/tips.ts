// The last seq and per-side counts of each conversation: where the next message's seq comes
// from without a read before each insert. A guess that the unique (conversation, seq) index
// checks: a stale one costs a retry.
import type {Message} from '../models/index.js';
import type {RedisClient} from './redis.js';

export interface Tip {
  seq: number;
  counts: Message['counts'];
}

export interface TipStore {
  get(conversationId: string): Promise<Tip | undefined>;
  set(conversationId: string, tip: Tip): Promise<void>;
}

export function createMemoryTipStore(max = 50_000): TipStore {
  const tips = new Map<string, Tip>();
  return {
    async get(id) {
      return tips.get(id);
    },
    async set(id, tip) {
      if (tips.size >= max && !tips.has(id)) tips.clear();
      tips.set(id, tip);
    },
  };
}

/** Shared by every process, so a process rarely guesses a seq another one already took. */
export function createRedisTipStore(redis: RedisClient, ttlSeconds = 24 * 60 * 60): TipStore {
  return {
    async get(id) {
      const raw = await redis.get(`cc:tip:${id}`);
      return raw ? (JSON.parse(raw) as Tip) : undefined;
    },
    async set(id, tip) {
      await redis.set(`cc:tip:${id}`, JSON.stringify(tip), {EX: ttlSeconds});
    },
  };
}
