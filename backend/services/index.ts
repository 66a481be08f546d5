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
import {createPresenceStore, type PresenceStore} from './presence.js';
import {createRateLimiter, type RateLimiter} from './rate-limit.js';
import {createKeyedMutex, type KeyedMutex} from './keyed-mutex.js';
import {createPrivacyService, type PrivacyService} from './privacy.js';

export interface Services {
  models: Models;
  bus: EventBus;
  tokens: TokenIssuer;
  firms: FirmService;
  firmCache: FirmCache;
  sessions: SessionService;
  chat: ChatService;
  privacy: PrivacyService;
  presence: PresenceStore;
  mutex: KeyedMutex;
  limits: {session: RateLimiter; loginPerIp: RateLimiter; loginPerAccount: RateLimiter; message: RateLimiter; messagePerIp: RateLimiter};
}

export function createServices(deps: {db: Connection; config: Config; logger: Logger}): Services {
  const models = createModels(deps.db);
  const bus = new EventBus();
  const tokens = createTokenIssuer(deps.config.JWT_SECRET);
  const firmCache = createFirmCache(models);
  const scale = deps.config.RATE_LIMIT_SCALE;
  const mutex = createKeyedMutex();
  const chat = createChatService({models, bus, mutex});
  return {
    mutex,
    models,
    bus,
    tokens,
    firms: createFirmService(models),
    firmCache,
    sessions: createSessionService({models, tokens, firms: firmCache, mutex}),
    chat,
    privacy: createPrivacyService({models, chat, bus}),
    presence: createPresenceStore(),
    limits: {
      // New visitor sessions per IP: a page load or two a second, bursts of 20.
      session: createRateLimiter({capacity: 20 * scale, refillPerSecond: 0.5 * scale}),
      // Login attempts: per account 10, then one every 30 s; per IP 30, then one every 10 s.
      loginPerAccount: createRateLimiter({capacity: 10 * scale, refillPerSecond: scale / 30}),
      loginPerIp: createRateLimiter({capacity: 30 * scale, refillPerSecond: scale / 10}),
      // Messages per sender: bursts of 20, then 2 a second.
      message: createRateLimiter({capacity: 20 * scale, refillPerSecond: 2 * scale}),
      messagePerIp: createRateLimiter({capacity: 60 * scale, refillPerSecond: 10 * scale}),
    },
  };
}

export async function prepareDatabase(services: Services): Promise<void> {
  await ensureIndexes(services.models);
}
