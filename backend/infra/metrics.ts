// Prometheus metrics, one registry per backend (tests run several in one process). Counters
// are incremented where things happen; gauges are measured when /metrics is scraped.
import {Counter, Gauge, Registry, collectDefaultMetrics} from 'prom-client';
import type {Connection, Model} from 'mongoose';
import type {RedisClient} from './redis.js';

export interface MetricSources {
  /** Sockets connected to this process. */
  sockets?: () => number;
  db?: Connection;
  redis?: RedisClient;
  /** Outbox collections by queue name (email, webhook). */
  queues?: Record<string, Model<{status: string; createdAt: Date}>>;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({register: registry, prefix: 'consult_process_'});
  const sources: MetricSources = {};
  const on = {registers: [registry]};

  const metrics = {
    registry,
    messages: new Counter({name: 'consult_messages_total', help: 'Chat messages written by people (rate() gives messages per second)', ...on}),
    emails: new Counter({name: 'consult_emails_total', help: 'Email sending outcomes', labelNames: ['outcome'] as const, ...on}),
    webhooks: new Counter({name: 'consult_webhook_deliveries_total', help: 'Webhook delivery outcomes', labelNames: ['outcome'] as const, ...on}),
    rateLimited: new Counter({name: 'consult_rate_limit_refusals_total', help: 'Calls refused by a rate limit', labelNames: ['limit'] as const, ...on}),
    /** Late wiring: the socket server and the database exist after the services. */
    setSources(s: MetricSources) {
      Object.assign(sources, s);
    },
  };

  new Gauge({name: 'consult_sockets_connected', help: 'Socket.IO connections to this process', ...on, collect() {
    this.set(sources.sockets?.() ?? 0);
  }});
  new Gauge({name: 'consult_outbox_pending', help: 'Jobs waiting to be sent', labelNames: ['queue'] as const, ...on, async collect() {
    for (const [queue, model] of Object.entries(sources.queues ?? {})) this.set({queue}, await model.countDocuments({status: 'pending'}));
  }});
  new Gauge({name: 'consult_outbox_oldest_pending_seconds', help: 'Age of the oldest job still waiting', labelNames: ['queue'] as const, ...on, async collect() {
    for (const [queue, model] of Object.entries(sources.queues ?? {})) {
      const oldest = await model.findOne({status: 'pending'}).sort({createdAt: 1}).select({createdAt: 1}).lean();
      this.set({queue}, oldest ? (Date.now() - new Date(oldest.createdAt).getTime()) / 1000 : 0);
    }
  }});
  new Gauge({name: 'consult_db_roundtrip_seconds', help: 'Time of one database ping, measured at scrape', ...on, async collect() {
    const start = process.hrtime.bigint();
    await sources.db?.db?.admin().ping();
    this.set(sources.db ? seconds(start) : -1);
  }});
  new Gauge({name: 'consult_redis_roundtrip_seconds', help: 'Time of one Redis PING, measured at scrape (-1 without Redis)', ...on, async collect() {
    const start = process.hrtime.bigint();
    await sources.redis?.ping();
    this.set(sources.redis ? seconds(start) : -1);
  }});
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
