// Runs async work one at a time per key. Single-document updates need no lock (the database
// applies each atomically); this orders work that reads, decides and then writes, such as a
// conversation's seq takers (sequencer.ts). In process when there is one process; with Redis,
// a lease lock per key on top of the in-process queue, so each process sends one contender per
// key to Redis.
import {randomUUID} from 'node:crypto';
import {AppError} from '../errors.js';
import type {Logger} from '../logger.js';
import {luaScript, type RedisClient} from './redis.js';

export interface KeyedMutex {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, work) {
      const prev = tails.get(key) ?? Promise.resolve();
      const next = prev.then(work, work);
      const tail = next.catch(() => {});
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return next;
    },
  };
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisMutexOptions {
  redis: RedisClient;
  logger: Logger;
  /** Lease length; renewed while the work runs, so it only matters when a holder dies. */
  leaseMs?: number;
  /** Give up waiting after this long. */
  waitMs?: number;
}

export function createRedisMutex(opts: RedisMutexOptions): KeyedMutex {
  const {redis, logger} = opts;
  const leaseMs = opts.leaseMs ?? 5_000;
  const waitMs = opts.waitMs ?? 15_000;
  const local = createKeyedMutex();
  const release = luaScript(redis, RELEASE);
  const extend = luaScript(redis, EXTEND);

  async function acquire(lockKey: string, token: string): Promise<void> {
    const deadline = Date.now() + waitMs;
    let delay = 1;
    for (;;) {
      if ((await redis.set(lockKey, token, {NX: true, PX: leaseMs})) === 'OK') return;
      if (Date.now() > deadline) throw new AppError('unavailable', 'the conversation is busy; retry', {retryAfter: 1});
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 25);
    }
  }

  return {
    run(key, work) {
      return local.run(key, async () => {
        const lockKey = `cc:lock:${key}`;
        const token = randomUUID();
        await acquire(lockKey, token);
        const renew = setInterval(() => {
          void extend([lockKey], [token, leaseMs]).then((ok) => {
            if (ok !== 1) logger.error({key}, 'lost a lock lease while holding it');
          }, (err) => logger.warn({err, key}, 'could not renew a lock lease'));
        }, Math.floor(leaseMs / 3));
        renew.unref();
        try {
          return await work();
        } finally {
          clearInterval(renew);
          await release([lockKey], [token]).catch((err) => logger.warn({err, key}, 'could not release a lock; it expires with its lease'));
        }
      });
    },
  };
}
