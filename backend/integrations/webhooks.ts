// Webhooks: the owner registers endpoints and picks events; each domain event becomes one
// delivery per subscribed endpoint, stored (the durable outbox) and sent by the outbox worker
// with retries and backoff. A delivery still failing after WEBHOOK_DISABLE_AFTER_SECONDS
// disables its endpoint, and the firm's owners get an email saying so.
import {Types, type Connection} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {CreatedWebhookEndpoint, WebhookDeliveryDto, WebhookEndpointDto, WebhookEvent} from '../../protocol/integrations.js';
import type {Valid} from '../../protocol/schemas.js';
import type {Config} from '../config.js';
import type {Logger} from '../logger.js';
import {AppError} from '../errors.js';
import {escapeHtml} from '../html.js';
import type {EventBus} from '../infra/bus.js';
import type {FirmCache} from '../infra/firm-cache.js';
import type {Mailer} from '../mail/index.js';
import {OutboxWorker} from '../mail/worker.js';
import type {Lawyer, Models} from '../models/index.js';
import type {ApplicantDataEraser} from '../services/privacy.js';
import {iso} from '../models/shared.js';
import {webhookDeliveryModel, webhookEndpointModel, type WebhookDelivery, type WebhookEndpoint, type WebhookPayload} from '../models/webhook.js';
import {assertOwner} from './owner.js';
import {assertPublicUrl} from './ssrf.js';
import {webhookSender} from './webhook-sender.js';
import {newSigningSecret} from './webhook-signature.js';

export interface WebhookDeps {
  db: Connection;
  models: Pick<Models, 'Lawyer' | 'Firm'>;
  /** The cached firm says which events anyone listens to, so most messages cost no query here. */
  firms: Pick<FirmCache, 'byId' | 'changed'>;
  bus: EventBus;
  config: Pick<Config, 'NODE_ENV' | 'WEBHOOK_RETRY_MAX_SECONDS' | 'WEBHOOK_DISABLE_AFTER_SECONDS' | 'PUBLIC_URL'>;
  logger?: Logger;
  /** Tells owners about a disabled endpoint. */
  mailer?: Mailer;
  /** Counts delivery outcomes (metrics). */
  onOutcome?: (outcome: 'sent' | 'retry' | 'failed') => void;
  /** Tests: faster polling and backoff. */
  worker?: {pollIntervalMs?: number; backoffBaseMs?: number};
}

const endpointDto = (e: WebhookEndpoint): WebhookEndpointDto => ({
  id: String(e._id), url: e.url, events: e.events, description: e.description, enabled: e.enabled, disabledReason: e.disabledReason, createdAt: iso(e.createdAt)!,
});

const deliveryDto = (d: WebhookDelivery): WebhookDeliveryDto => ({
  id: String(d._id), webhookId: d.idempotencyKey, endpointId: String(d.endpointId), event: d.event, status: d.status, attempts: d.attempts, lastError: d.lastError, createdAt: iso(d.createdAt)!, sentAt: iso(d.sentAt),
});

export function createWebhooks(deps: WebhookDeps) {
  const Endpoints = webhookEndpointModel(deps.db);
  const Deliveries = webhookDeliveryModel(deps.db);
  const production = deps.config.NODE_ENV === 'production';
  const worker = new OutboxWorker<WebhookPayload, WebhookDelivery>({
    db: deps.db, jobs: Deliveries, label: 'webhook', logger: deps.logger,
    sender: webhookSender({endpoints: Endpoints, publicOnly: production}),
    backoffMaxMs: deps.config.WEBHOOK_RETRY_MAX_SECONDS * 1000,
    giveUpAfterMs: deps.config.WEBHOOK_DISABLE_AFTER_SECONDS * 1000,
    // Longer than the sender's 10 s timeout; a dead process's lease frees up this fast.
    leaseMs: 30_000,
    onOutcome: deps.onOutcome,
    ...deps.worker,
    onSettled: (job) => (job.status === 'failed' ? disableAfterFailures(job) : undefined),
  });

  async function ownEndpoint(p: SocketPrincipal, id: string): Promise<WebhookEndpoint> {
    assertOwner(p);
    const endpoint = await Endpoints.findById(id).lean<WebhookEndpoint>();
    if (!endpoint || String(endpoint.firmId) !== p.firmId) throw new AppError('not_found', 'no such webhook endpoint');
    return endpoint;
  }

  /** Writes on the firm the events its enabled endpoints want, and drops the cached firm everywhere. */
  async function refreshSubscriptions(firmId: Types.ObjectId | string): Promise<void> {
    const id = new Types.ObjectId(String(firmId));
    const enabled = await Endpoints.find({firmId: id, enabled: true}).select({events: 1}).lean<Pick<WebhookEndpoint, 'events'>[]>();
    const events = [...new Set(enabled.flatMap((e) => e.events))].sort();
    // No projection: the embedded FerretDB refuses one on findAndModify.
    const firm = await deps.models.Firm.findOneAndUpdate({_id: id}, {$set: {webhookEvents: events}}, {new: true}).lean<{_id: Types.ObjectId; siteKey: string}>();
    if (firm) await deps.firms.changed(firm);
  }

  /** One delivery per enabled endpoint of the firm subscribed to the event. */
  async function publish(firmId: string, event: WebhookEvent, data: unknown, conversationId: string | null = null): Promise<void> {
    // Nobody listening (the common case): no query at all.
    if (!(await deps.firms.byId(firmId))?.webhookEvents?.includes(event)) return;
    const endpoints = await Endpoints.find({firmId: new Types.ObjectId(firmId)}).lean<WebhookEndpoint[]>();
    const targets = endpoints.filter((e) => e.enabled && e.events.includes(event));
    if (!targets.length) return;
    const body = JSON.stringify({type: event, timestamp: new Date().toISOString(), data});
    await Deliveries.insertMany(targets.map((e) => {
      const _id = new Types.ObjectId();
      return {_id, firmId: e.firmId, endpointId: e._id, conversationId, event, payload: {endpointId: String(e._id), url: e.url, body}, idempotencyKey: `msg_${_id}`};
    }));
    worker.kick();
  }

  function on(event: WebhookEvent, run: () => Promise<void>): void {
    run().catch((err) => deps.logger?.error({err, event}, 'queueing a webhook delivery failed'));
  }

  const unsubscribe = [
    deps.bus.subscribe('conversation:created', ({conversation}) => on('conversation.created', () => publish(conversation.firmId, 'conversation.created', {conversation}, conversation.id))),
    deps.bus.subscribe('message:new', ({conversation, message}) => {
      // Only what people wrote to each other: never system lines, cards, or internal notes.
      if (message.kind === 'text') on('message.created', () => publish(conversation.firmId, 'message.created', {conversation, message}, conversation.id));
      if (message.kind === 'system' && message.system?.event === 'closed') on('conversation.closed', () => publish(conversation.firmId, 'conversation.closed', {conversation}, conversation.id));
    }),
    deps.bus.subscribe('consultation:changed', ({event, card}) => {
      const name = `consultation.${event}` as WebhookEvent;
      on(name, () => publish(card.firmId, name, {consultation: card}, card.conversationId));
    }),
  ];

  async function disableAfterFailures(job: WebhookDelivery): Promise<void> {
    if (!/gave up/.test(job.lastError ?? '')) return; // deleted or already disabled endpoints fail without giving up
    const endpoint = await Endpoints.findById(job.endpointId).lean<WebhookEndpoint>();
    if (!endpoint?.enabled) return;
    const reason = `disabled on ${new Date().toISOString()}: deliveries kept failing for a day (${job.lastError})`.slice(0, 500);
    await Endpoints.updateOne({_id: endpoint._id}, {$set: {enabled: false, disabledReason: reason}});
    await refreshSubscriptions(endpoint.firmId);
    deps.logger?.warn({endpointId: String(endpoint._id)}, 'webhook endpoint disabled after a day of failures');
    const owners = await deps.models.Lawyer.find({firmId: endpoint.firmId}).lean<Lawyer[]>();
    const to = owners.filter((l) => l.role === 'owner').map((l) => l.email);
    if (!to.length || !deps.mailer) return;
    const text = `Your webhook endpoint ${endpoint.url} has been disabled: deliveries to it kept failing for a day.\n\nLast error: ${job.lastError}\n\nFix the endpoint, then register it again in the console (Integrations).`;
    await deps.mailer.enqueue({to, subject: 'A webhook endpoint was disabled', text, html: `<p>${escapeHtml(text).replace(/\n\n/g, '</p><p>')}</p>`}, {kind: 'webhook.disabled', idempotencyKey: `webhook-disabled-${endpoint._id}-${job._id}`});
  }

  return {
    worker,
    endpoints: Endpoints,
    deliveries: Deliveries,
    publish,

    async create(p: SocketPrincipal, input: Valid<'createWebhook'>): Promise<CreatedWebhookEndpoint> {
      assertOwner(p);
      // Development and tests deliver to the local stand-in receiver; production only to public hosts.
      if (production) await assertPublicUrl(input.url);
      const secret = newSigningSecret();
      const endpoint = await Endpoints.create({firmId: new Types.ObjectId(p.firmId), url: input.url, events: [...new Set(input.events)], description: input.description ?? null, secret, createdBy: new Types.ObjectId(p.id)});
      await refreshSubscriptions(p.firmId);
      return {endpoint: endpointDto(endpoint.toObject()), secret};
    },

    async list(p: SocketPrincipal): Promise<{endpoints: WebhookEndpointDto[]}> {
      assertOwner(p);
      const all = await Endpoints.find({firmId: new Types.ObjectId(p.firmId)}).sort({createdAt: -1}).limit(50).lean<WebhookEndpoint[]>();
      return {endpoints: all.map(endpointDto)};
    },

    async remove(p: SocketPrincipal, id: string): Promise<WebhookEndpointDto> {
      const endpoint = await ownEndpoint(p, id);
      await Endpoints.deleteOne({_id: endpoint._id});
      await refreshSubscriptions(endpoint.firmId);
      return endpointDto(endpoint);
    },

    async recent(p: SocketPrincipal, input: Valid<'webhookDeliveries'>): Promise<{deliveries: WebhookDeliveryDto[]}> {
      const endpoint = await ownEndpoint(p, input.id);
      const list = await Deliveries.find({endpointId: endpoint._id}).sort({createdAt: -1}).limit(input.limit).lean<WebhookDelivery[]>();
      return {deliveries: list.map(deliveryDto)};
    },

    /** Sends a settled delivery again, with the same webhook-id (receivers deduplicate on it). */
    async resend(p: SocketPrincipal, input: Valid<'idRef'>): Promise<WebhookDeliveryDto> {
      assertOwner(p);
      const delivery = await Deliveries.findById(input.id).lean<WebhookDelivery>();
      if (!delivery || String(delivery.firmId) !== p.firmId) throw new AppError('not_found', 'no such delivery');
      if (delivery.status === 'pending') throw new AppError('conflict', 'this delivery is still being attempted');
      const set = {status: 'pending' as const, attemptsBase: delivery.attempts, nextAttemptAt: new Date(), lastError: null};
      await Deliveries.updateOne({_id: delivery._id, status: delivery.status}, {$set: set});
      worker.kick();
      return deliveryDto({...delivery, ...set});
    },

    /** Erasure also removes deliveries (sent or queued) that carry the applicant's data. */
    eraser: (async (_applicantId, conversationIds) => {
      const {deletedCount} = await Deliveries.deleteMany({conversationId: {$in: conversationIds}});
      return {name: 'webhook deliveries', deleted: deletedCount};
    }) satisfies ApplicantDataEraser,

    async prepare(): Promise<void> {
      await Endpoints.createIndexes();
      await Deliveries.createIndexes();
      // Endpoints stored before firms carried their subscriptions (a handful per firm at most).
      for (const firmId of await Endpoints.distinct('firmId')) await refreshSubscriptions(firmId as Types.ObjectId);
    },
    start: () => worker.start(),
    async stop(): Promise<void> {
      for (const off of unsubscribe) off();
      await worker.stop();
    },
  };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
