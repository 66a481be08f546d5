// Builds every service from the database connection and configuration. Transports get the
// `TransportServices` view: use cases and infrastructure, never the models.
import type {Connection} from 'mongoose';
import type {Config} from '../config.js';
import type {Logger} from '../logger.js';
import {createModels, ensureIndexes, type Models} from '../models/index.js';
import {createTokenIssuer, type TokenIssuer} from '../auth/tokens.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import {AppError} from '../errors.js';
import {EventBus} from '../infra/bus.js';
import {createFirmCache, type FirmCache} from '../infra/firm-cache.js';
import {createPresenceStore, createRedisPresenceStore} from '../infra/presence.js';
import {createRateLimiter, createRedisRateLimiter, type RateLimiter, type RateLimitRule} from '../infra/rate-limit.js';
import {createKeyedMutex, createRedisMutex} from '../infra/keyed-mutex.js';
import type {RedisClient} from '../infra/redis.js';
import {createMemoryTipStore, createRedisTipStore} from '../infra/tips.js';
import {createChatService, type ChatService} from '../chat/index.js';
import {createFirmService, type FirmService} from './firms.js';
import {createSessionService, type SessionService} from './sessions.js';
import {createPresenceService, type PresenceService} from './presence.js';
import {createPrivacyService, type PrivacyService} from './privacy.js';
import {createOfflineNotifier, type OfflineNotifier} from './notifications.js';
import {createConsultationFacade, type ConsultationFacade} from './consultations.js';
import {createBookingService, type BookingService} from './booking.js';
import {createEmailVerification, type EmailVerification} from './email-verification.js';
import {createHmac} from 'node:crypto';
import {createAttachmentService, type AttachmentService} from '../attachments/service.js';
import {createFileStore, type FileStore} from '../attachments/store.js';
import {createExporter, type Exporter} from '../attachments/export.js';
import {createReplyService, type ReplyService} from './replies.js';
import {createVisitorService, type VisitorService} from './visitor.js';
import {createRatingService, type RatingService} from './ratings.js';
import {createAuditLog, type AuditLog} from './audit.js';
import {createImageStore, type ImageStore} from './images.js';
import {createSettingsService, type SettingsService} from './settings.js';
import {createLawyerService, type LawyerService} from './lawyers.js';
import {createRetention, type Retention} from './retention.js';
import {createEmailRequests, type EmailRequests} from './email-request.js';
import {assertMayOpen} from './contact.js';
import {personalLinkHosts} from '../consultations/providers/index.js';
import type {Applicant} from '../models/index.js';
import {createApiKeyService, isApiKey, type ApiKeyService} from '../integrations/api-keys.js';
import {createWebhooks, type Webhooks} from '../integrations/webhooks.js';
import {createMetrics, type Metrics} from '../infra/metrics.js';
import {outboxModel} from '../models/outbox.js';
import {createSearch, type Search} from '../search/index.js';
import {createTranscriptEmail, type TranscriptEmail} from './transcript-email.js';

export interface Services {
  /** For the CLI, the demo seed and tests; transports do not get it (see TransportServices). */
  models: Models;
  bus: EventBus;
  tokens: TokenIssuer;
  firms: FirmService;
  firmCache: FirmCache;
  sessions: SessionService;
  chat: ChatService;
  privacy: PrivacyService;
  consultations: ConsultationFacade;
  /** Availability, slots and self-service booking. */
  booking: BookingService;
  /** Emailed one-time codes that verify an applicant's address. */
  emailVerification: EmailVerification;
  /** Documents: uploads, signed links, downloads; `files` holds the bytes (GridFS). */
  attachments: AttachmentService;
  files: FileStore;
  /** The firm's zip of a conversation: transcript and documents. */
  exporter: Exporter;
  notifier: OfflineNotifier;
  replies: ReplyService;
  visitor: VisitorService;
  ratings: RatingService;
  search: Search;
  transcriptEmail: TranscriptEmail;
  /** Verifies a session token and that its applicant still exists (erasure outlives tokens). */
  authenticate(token: unknown): Promise<SocketPrincipal>;
  /** REST only: a session token or a firm API key. */
  authenticateRest(token: unknown): Promise<SocketPrincipal>;
  apiKeys: ApiKeyService;
  webhooks: Webhooks;
  metrics: Metrics;
  presence: PresenceService;
  settings: SettingsService;
  lawyers: LawyerService;
  audit: AuditLog;
  images: ImageStore;
  retention: Retention;
  emailRequests: EmailRequests;
  /** Applicants: the firm's notice accepted, pre-chat filled, an email outside hours. */
  assertMayOpen(p: SocketPrincipal): Promise<void>;
  /** Set when REDIS_URL is: state shared by every process. */
  redis?: RedisClient;
  limits: {
    session: RateLimiter; loginPerIp: RateLimiter; loginPerAccount: RateLimiter; message: RateLimiter; messagePerIp: RateLimiter;
    booking: RateLimiter; bookingPerIp: RateLimiter; verifyCode: RateLimiter; verifyCodePerIp: RateLimiter; upload: RateLimiter; uploadPerIp: RateLimiter;
  };
}

/** What HTTP and Socket.IO may use. */
export type TransportServices = Omit<Services, 'models'>;

/** One process alone keeps everything in memory; with `redis`, state shared across processes lives there. */
export function createServices(deps: {db: Connection; config: Config; logger: Logger; redis?: RedisClient; now?: () => Date}): Services {
  const {redis, logger, config} = deps;
  const models = createModels(deps.db);
  const bus = new EventBus();
  const tokens = createTokenIssuer(config.JWT_SECRET);
  const firmCache = createFirmCache(models, 5_000, Date.now, redis ? {redis, logger} : undefined);
  const scale = config.RATE_LIMIT_SCALE;
  // Orders the seq takers of each conversation (sequencer.ts); across processes with Redis.
  const mutex = redis ? createRedisMutex({redis, logger}) : createKeyedMutex();
  const metrics = createMetrics();
  const limiter = (name: string, rule: RateLimitRule): RateLimiter => {
    const inner = redis ? createRedisRateLimiter(redis, name, rule) : createRateLimiter(rule);
    return {
      take: (key, what) => inner.take(key, what).catch((err) => {
        if ((err as AppError).code === 'rate_limited') metrics.rateLimited.inc({limit: name});
        throw err;
      }),
    };
  };
  const chat = createChatService({models, bus, mutex, tips: redis ? createRedisTipStore(redis) : createMemoryTipStore()});
  const consultations = createConsultationFacade({db: deps.db, models, chat, config, logger, bus, now: deps.now, onEmailOutcome: (outcome) => metrics.emails.inc({outcome})});
  const files = createFileStore(deps.db);
  const attachments = createAttachmentService({models, chat, store: files, firmCache, config});
  chat.onMessageDeleted(attachments.onMessageDeleted);
  const audit = createAuditLog(models);
  const images = createImageStore(models, config.PUBLIC_URL);
  const webhooks = createWebhooks({db: deps.db, models, firms: firmCache, bus, config, logger, mailer: consultations.engine.mailer, onOutcome: (outcome) => metrics.webhooks.inc({outcome})});
  bus.subscribe('message:new', ({message}) => message.kind === 'text' && metrics.messages.inc());
  metrics.setSources({db: deps.db, redis, queues: {email: outboxModel(deps.db), webhook: webhooks.deliveries} as never});
  const apiKeys = createApiKeyService(models);
  const search = createSearch({db: deps.db, models, bus, logger});
  const privacy = createPrivacyService({models, chat, bus, erasers: [
    consultations.eraser, webhooks.eraser, attachments.eraser,
    async (applicantId) => ({name: 'email codes', deleted: await emailVerification.erase(applicantId)}),
    async (_a, ids) => ({name: 'searchTerms', deleted: await search.indexer.dropConversations(ids)}),
  ]});
  const transcriptEmail = createTranscriptEmail({db: deps.db, models, privacy, mailer: () => consultations.engine.mailer});
  privacy.addEraser(transcriptEmail.eraser);
  async function authenticate(token: unknown): Promise<SocketPrincipal> {
    const principal = tokens.verify(token);
    if (principal.kind === 'applicant' && !(await models.Applicant.exists({_id: principal.id}))) {
      throw new AppError('unauthorized', 'this visitor no longer exists; start a new session');
    }
    if (principal.kind === 'lawyer') {
      // Read every time, so a deactivation or role change applies at once on every process.
      const l = await models.Lawyer.findById(principal.id).select({active: 1, tokenVersion: 1, role: 1}).lean<{active?: boolean; tokenVersion?: number; role: 'owner' | 'lawyer'}>();
      if (!l || l.active === false || (l.tokenVersion ?? 0) !== (principal.ver ?? 0)) throw new AppError('unauthorized', 'this account was deactivated or its sessions were ended; sign in again');
      principal.role = l.role;
    }
    return principal;
  }
  const emailVerification = createEmailVerification({
    db: deps.db, models, mailer: consultations.engine.mailer,
    secret: createHmac('sha256', config.JWT_SECRET).update('email-verification').digest('base64url'),
    onApplicantChanged: (id) => chat.forgetApplicant(id), now: deps.now,
    onVerified: (id, email) => emailRequests.confirmed(id, email),
  });
  const emailRequests = createEmailRequests({models, chat, logger, now: deps.now});
  const settings = createSettingsService({models, audit, images, publicUrl: config.PUBLIC_URL, firmChanged: (f) => firmCache.changed(f)});
  const booking = createBookingService({db: deps.db, models, chat, consultations, settings, now: deps.now});
  return {
    booking,
    emailVerification,
    emailRequests,
    audit,
    images,
    settings,
    lawyers: createLawyerService({
      models, tokens, mutex, bus, audit, images, mailer: () => consultations.engine.mailer, publicUrl: config.PUBLIC_URL, meetingHosts: personalLinkHosts(config),
    }),
    retention: createRetention({db: deps.db, models, chat, audit, logger, documents: attachments.purgeConversations, dropConversations: (ids) => search.indexer.dropConversations(ids)}),
    search,
    transcriptEmail,
    async assertMayOpen(p) {
      const [firm, applicant] = await Promise.all([firmCache.byId(p.firmId), models.Applicant.findById(p.id).lean<Applicant>()]);
      if (!applicant) throw new AppError('unauthorized', 'this visitor no longer exists; start a new session');
      if (firm) assertMayOpen(firm, applicant);
    },
    redis,
    models,
    bus,
    tokens,
    firms: createFirmService(models),
    firmCache,
    sessions: createSessionService({models, tokens, firms: firmCache, onApplicantChanged: (id) => {
      chat.forgetApplicant(id);
      search.indexer.applicantChanged(id).catch((err) => logger.error({err}, 'search: applicant reindex failed'));
    }}),
    chat,
    privacy,
    consultations,
    attachments,
    files,
    exporter: createExporter({chat, privacy, attachments}),
    replies: createReplyService(models),
    visitor: createVisitorService({models, chat, consultationsOf: consultations.ofApplicant}),
    ratings: createRatingService({models, chat}),
    authenticate,
    authenticateRest: (token) => (isApiKey(token) ? apiKeys.authenticate(token) : authenticate(token)),
    apiKeys,
    webhooks,
    metrics,
    notifier: createOfflineNotifier({
      models, bus, config, logger, mailer: consultations.engine.mailer,
      delayMs: config.NOTIFY_AFTER_SECONDS * 1000, windowMs: config.NOTIFY_WINDOW_MINUTES * 60_000,
    }),
    presence: createPresenceService({
      models, logger,
      store: redis ? createRedisPresenceStore({redis, logger, ttlMs: config.PRESENCE_TTL_MS}) : createPresenceStore(),
    }),
    limits: {
      // New visitor sessions per IP: a page load or two a second, bursts of 20.
      session: limiter('session', {capacity: 20 * scale, refillPerSecond: 0.5 * scale}),
      // Login attempts: per account 10, then one every 30 s; per IP 30, then one every 10 s.
      loginPerAccount: limiter('loginPerAccount', {capacity: 10 * scale, refillPerSecond: scale / 30}),
      loginPerIp: limiter('loginPerIp', {capacity: 30 * scale, refillPerSecond: scale / 10}),
      // Messages per sender: bursts of 20, then 2 a second.
      message: limiter('message', {capacity: 20 * scale, refillPerSecond: 2 * scale}),
      messagePerIp: limiter('messagePerIp', {capacity: 60 * scale, refillPerSecond: 10 * scale}),
      // Booking attempts (taken or refused alike): per visitor 5, then one a minute; per IP 20, then one every 15 s.
      booking: limiter('booking', {capacity: 5 * scale, refillPerSecond: scale / 60}),
      bookingPerIp: limiter('bookingPerIp', {capacity: 20 * scale, refillPerSecond: scale / 15}),
      // Verification emails: per visitor 3, then one every 2 minutes; per IP 10, then one a minute.
      verifyCode: limiter('verifyCode', {capacity: 3 * scale, refillPerSecond: scale / 120}),
      verifyCodePerIp: limiter('verifyCodePerIp', {capacity: 10 * scale, refillPerSecond: scale / 60}),
      // Documents per sender: bursts of 10, then one every 6 s; per IP 30, then one every 2 s.
      upload: limiter('upload', {capacity: 10 * scale, refillPerSecond: scale / 6}),
      uploadPerIp: limiter('uploadPerIp', {capacity: 30 * scale, refillPerSecond: scale / 2}),
    },
  };
}

/** Every index the backend needs: chat, consultations and the email outbox. */
export async function prepareIndexes(services: Services): Promise<void> {
  await ensureIndexes(services.models);
  await services.files.prepare();
  await services.consultations.engine.prepare();
  await services.booking.availability.ensureIndexes();
  await services.emailVerification.ensureIndexes();
  await services.webhooks.prepare();
  await services.search.prepare();
}

/** Indexes, then the background workers (the email outbox). */
export async function prepareDatabase(services: Services): Promise<void> {
  await prepareIndexes(services);
  await services.firmCache.ready();
  await services.consultations.engine.start();
  services.retention.start();
  services.emailRequests.start();
  services.webhooks.start();
  // History stored before search existed: indexed once, in the background.
  void services.search.indexer.backfill().catch((err) => services.search.indexer.logError(err));
}
