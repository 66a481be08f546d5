// Builds every service from the database connection and configuration. Transports get this.
import type {Connection} from 'mongoose';
import type {Config} from '../config.js';
import type {Logger} from '../logger.js';
import {createModels, ensureIndexes, type Models} from '../models/index.js';
import {createTokenIssuer, type TokenIssuer} from '../auth/tokens.js';
import {EventBus} from './bus.js';
import {createChatService, type ChatService} from './chat.js';
import {createFirmService, type FirmService} from './firms.js';
import {createFirmCache, type FirmCache} from './firm-cache.js';
import {createSessionService, type SessionService} from './sessions.js';
import {createPresenceStore, createRedisPresenceStore, type PresenceStore} from './presence.js';
import {createRateLimiter, createRedisRateLimiter, type RateLimiter, type RateLimitRule} from './rate-limit.js';
import {createKeyedMutex, createRedisMutex, type KeyedMutex} from './keyed-mutex.js';
import type {RedisClient} from './redis.js';
import {createMemoryTipStore, createRedisTipStore} from './tips.js';

export interface Services {
  models: Models;
  bus: EventBus;
  tokens: TokenIssuer;
  firms: FirmService;
  firmCache: FirmCache;
  sessions: SessionService;
  chat: ChatService;
  presence: PresenceStore;
  mutex: KeyedMutex;
  /** Set when REDIS_URL is: state shared by every process. */
  redis?: RedisClient;
  limits: {session: RateLimiter; loginPerIp: RateLimiter; loginPerAccount: RateLimiter; message: RateLimiter; messagePerIp: RateLimiter};
}

/** One process alone keeps everything in memory; with `redis`, state shared across processes lives there. */
export function createServices(deps: {db: Connection; config: Config; logger: Logger; redis?: RedisClient}): Services {
  const {redis, logger} = deps;
  const models = createModels(deps.db);
  const bus = new EventBus();
  const tokens = createTokenIssuer(deps.config.JWT_SECRET);
  const firmCache = createFirmCache(models);
  const scale = deps.config.RATE_LIMIT_SCALE;
  const mutex = redis ? createRedisMutex({redis, logger}) : createKeyedMutex();
  const limiter = (name: string, rule: RateLimitRule) => (redis ? createRedisRateLimiter(redis, name, rule) : createRateLimiter(rule));
  const chat = createChatService({models, bus, mutex, tips: redis ? createRedisTipStore(redis) : createMemoryTipStore()});
  return {
    redis,
    mutex,
    models,
    bus,
    tokens,
    firms: createFirmService(models),
    firmCache,
    sessions: createSessionService({models, tokens, firms: firmCache, mutex, onApplicantChanged: (id) => chat.forgetApplicant(id)}),
    chat,
    presence: redis ? createRedisPresenceStore({redis, logger, ttlMs: deps.config.PRESENCE_TTL_MS}) : createPresenceStore(),
    limits: {
      // New visitor sessions per IP: a page load or two a second, bursts of 20.
      session: limiter('session', {capacity: 20 * scale, refillPerSecond: 0.5 * scale}),
      // Login attempts: per account 10, then one every 30 s; per IP 30, then one every 10 s.
      loginPerAccount: limiter('loginPerAccount', {capacity: 10 * scale, refillPerSecond: scale / 30}),
      loginPerIp: limiter('loginPerIp', {capacity: 30 * scale, refillPerSecond: scale / 10}),
      // Messages per sender: bursts of 20, then 2 a second.
      message: limiter('message', {capacity: 20 * scale, refillPerSecond: 2 * scale}),
      messagePerIp: limiter('messagePerIp', {capacity: 60 * scale, refillPerSecond: 10 * scale}),
    },
  };
}

export async function prepareDatabase(services: Services): Promise<void> {
  await ensureIndexes(services.models);
}
