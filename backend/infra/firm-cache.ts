// Firms are read on every session and socket handshake; keep them for a few seconds. A settings
// change drops the firm at once, on this process and (through Redis) on every other one, so a
// newly allowed origin works immediately everywhere.
import {Types} from 'mongoose';
import type {Firm, Models} from '../models/index.js';
import type {Logger} from '../logger.js';
import type {RedisClient} from './redis.js';

export interface FirmCache {
  bySiteKey(siteKey: string): Promise<Firm | null>;
  byId(id: string): Promise<Firm | null>;
  /** Drops the firm here and on every process sharing the Redis. */
  changed(firm: Pick<Firm, '_id' | 'siteKey'>): Promise<void>;
  /** Settled once this process listens for other processes' changes. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export const FIRM_CHANGED_CHANNEL = 'consult:firm-changed';

export function createFirmCache(models: Models, ttlMs = 5_000, now: () => number = Date.now, shared?: {redis: RedisClient; logger: Logger}): FirmCache {
  const entries = new Map<string, {firm: Firm | null; at: number}>();
  /** Bumped on every drop, so a load that started before it is not cached after it. */
  let generation = 0;
  async function cached(key: string, load: () => Promise<Firm | null>): Promise<Firm | null> {
    const hit = entries.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.firm;
    const started = generation;
    const firm = await load();
    if (entries.size > 10_000) entries.clear();
    if (started === generation) entries.set(key, {firm, at: now()});
    return firm;
  }
  const forget = (id: string, siteKey: string) => {
    generation++;
    entries.delete(`i:${id}`);
    entries.delete(`k:${siteKey}`);
  };

  let subscriber: RedisClient | undefined;
  const subscribed = shared ? (async () => {
    subscriber = shared.redis.duplicate();
    subscriber.on('error', (err) => shared.logger.warn({err}, 'redis subscriber error'));
    await subscriber.connect();
    await subscriber.subscribe(FIRM_CHANGED_CHANNEL, (message) => {
      const [id, siteKey] = message.split(' ');
      if (id && siteKey) forget(id, siteKey);
    });
  })() : Promise.resolve();
  subscribed.catch((err) => shared?.logger.error({err}, 'firm cache: subscribing to changes failed'));

  return {
    bySiteKey: (siteKey) => cached(`k:${siteKey}`, () => models.Firm.findOne({siteKey: String(siteKey)}).lean<Firm>()),
    byId: (id) => (Types.ObjectId.isValid(id) ? cached(`i:${id}`, () => models.Firm.findById(id).lean<Firm>()) : Promise.resolve(null)),
    async changed(firm) {
      forget(String(firm._id), firm.siteKey);
      if (shared) await shared.redis.publish(FIRM_CHANGED_CHANNEL, `${firm._id} ${firm.siteKey}`);
    },
    ready: () => subscribed.catch(() => {}),
    async close() {
      await subscribed.catch(() => {});
      await subscriber?.quit().catch(() => {});
    },
  };
}
