// Builds every service from the database connection and configuration. Transports get this.
import type {Connection} from 'mongoose';
import type {Config} from '../config.js';
import type {Logger} from '../logger.js';
import {createModels, ensureIndexes, type Models} from '../models/index.js';
import {createTokenIssuer, type TokenIssuer} from '../auth/tokens.js';
import {EventBus} from '../infra/bus.js';
import {createChatService, type ChatService} from './chat.js';
import {createFirmService, type FirmService} from './firms.js';
import {createFirmCache, type FirmCache} from '../infra/firm-cache.js';
import {createSessionService, type SessionService} from './sessions.js';
import {createPresenceStore, createRedisPresenceStore, type PresenceStore} from '../infra/presence.js';
import {createRateLimiter, createRedisRateLimiter, type RateLimiter, type RateLimitRule} from '../infra/rate-limit.js';
import {createKeyedMutex, createRedisMutex, type KeyedMutex} from '../infra/keyed-mutex.js';
import type {RedisClient} from '../infra/redis.js';
import {createMemoryTipStore, createRedisTipStore} from '../infra/tips.js';
import {createPrivacyService, type PrivacyService} from './privacy.js';
import {createOfflineNotifier, type OfflineNotifier} from './notifications.js';
import {createConsultations, type ConsultationsModule} from '../consultations/index.js';
import {createConsultationActions, type ConsultationActions} from './consultation-actions.js';
import {consultationModel} from '../models/consultation.js';
import {outboxModel} from '../models/outbox.js';
import type {Types} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import {AppError} from '../errors.js';

export interface Services {
  models: Models;
  bus: EventBus;
  tokens: TokenIssuer;
  firms: FirmService;
  firmCache: FirmCache;
  sessions: SessionService;
  chat: ChatService;
  privacy: PrivacyService;
  consultations: ConsultationsModule;
  consultationActions: ConsultationActions;
  notifier: OfflineNotifier;
  /** Verifies a session token and that its applicant still exists (erasure outlives tokens). */
  authenticate(token: unknown): Promise<SocketPrincipal>;
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
  const consultations: ConsultationsModule = createConsultations({
    config: deps.config,
    db: deps.db,
    logger: deps.logger,
    mail: {worker: {backoffMaxMs: deps.config.MAIL_RETRY_MAX_SECONDS * 1000}},
    async postCard(dto, event) {
      const card = consultations.card(dto);
      const lawyer = await models.Lawyer.findById(dto.lawyerId).select({name: 1}).lean();
      if (event === 'scheduled') await chat.postConsultationCard(card, lawyer?.name ?? 'Lawyer');
      else await chat.updateConsultationCard(card, event === 'cancelled' ? 'consultation-cancelled' : 'consultation-rescheduled');
    },
    // Invite delivery changed: refresh the card so the console shows it.
    async onInviteSettled(consultationId) {
      await chat.updateConsultationCard(consultations.card(await consultations.service.get(consultationId)));
    },
  });
  // Erasure also clears consultations and the emails queued or kept about them.
  const eraseConsultations = async (applicantId: Types.ObjectId) => {
    const Consultation = consultationModel(deps.db);
    const ids = (await Consultation.find({applicantId}).select({_id: 1}).lean()).map((c) => c._id);
    const emails = await outboxModel(deps.db).deleteMany({consultationId: {$in: ids}});
    const removed = await Consultation.deleteMany({_id: {$in: ids}});
    return {name: 'consultations', deleted: removed.deletedCount + emails.deletedCount};
  };
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
    privacy: createPrivacyService({models, chat, bus, erasers: [eraseConsultations]}),
    consultations,
    consultationActions: createConsultationActions({models, chat, consultations}),
    async authenticate(token) {
      const principal = tokens.verify(token);
      if (principal.kind === 'applicant' && !(await models.Applicant.exists({_id: principal.id}))) {
        throw new AppError('unauthorized', 'this visitor no longer exists; start a new session');
      }
      return principal;
    },
    notifier: createOfflineNotifier({
      models, bus, config: deps.config, logger: deps.logger, mailer: consultations.mailer,
      delayMs: deps.config.NOTIFY_AFTER_SECONDS * 1000, windowMs: deps.config.NOTIFY_WINDOW_MINUTES * 60_000,
    }),
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

/** Indexes, then the background workers (the email outbox). */
export async function prepareDatabase(services: Services): Promise<void> {
  await ensureIndexes(services.models);
  await services.consultations.start();
}
