// Starts the whole backend: database (embedded when MONGODB_URI is unset), Koa, Socket.IO.
// Used by main.ts and by tests, so both run the same wiring.
import http from 'node:http';
import path from 'node:path';
import mongoose, {type Connection} from 'mongoose';
import type {Config} from './config.js';
import {createLogger, type Logger} from './logger.js';
import {createApp} from './app.js';
import {createRealtime, type IoServer} from './realtime/index.js';
import {startEmbeddedDatabase, type EmbeddedDatabase} from './db/embedded.js';
import {createServices, prepareDatabase, type Services} from './services/index.js';
import {connectRedis} from './infra/redis.js';

export interface RunningBackend {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  readonly io: IoServer;
  readonly db: Connection;
  readonly embeddedDb?: EmbeddedDatabase;
  readonly logger: Logger;
  readonly services: Services;
  readonly config: Config;
  stop(): Promise<void>;
}

export const DEFAULT_DB_NAME = 'consult_chat';

/** The URI to use, with a database name; starts the embedded server when none is configured. */
export async function resolveDatabase(config: Config, logger: Logger): Promise<{uri: string; embedded?: EmbeddedDatabase}> {
  if (config.MONGODB_URI) return {uri: config.MONGODB_URI};
  const embedded = await startEmbeddedDatabase({dataDir: path.join(config.DATA_DIR, 'db'), log: (l) => logger.info(l)});
  return {uri: `${embedded.uri}/${DEFAULT_DB_NAME}`, embedded};
}

export async function connectDatabase(uri: string): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5_000,
    // Fail fast while the database is away instead of queueing operations for 10 s.
    bufferCommands: false,
    autoIndex: false,
    maxPoolSize: 20,
  });
  await conn.asPromise();
  return conn;
}

/** `now`: the clock consultations, bookings and the outbox go by (end-to-end tests move it). */
export async function startBackend(baseConfig: Config, opts: {logger?: Logger; distDir?: string; now?: () => Date} = {}): Promise<RunningBackend> {
  const logger = opts.logger ?? createLogger(baseConfig);
  const {uri, embedded} = await resolveDatabase(baseConfig, logger);
  const db = await connectDatabase(uri);
  // Bind first, so a derived PUBLIC_URL can name the port actually bound (PORT=0).
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(baseConfig.PORT, baseConfig.HOST, () => resolve());
  });
  const port = (server.address() as {port: number}).port;
  const url = `http://${baseConfig.HOST.includes(':') ? `[${baseConfig.HOST}]` : baseConfig.HOST}:${port}`;
  const config: Config = baseConfig.PUBLIC_URL_DERIVED && baseConfig.PORT === 0 ? Object.freeze({...baseConfig, PUBLIC_URL: `http://localhost:${port}`}) : baseConfig;

  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const services = createServices({db, config, logger, redis, now: opts.now});
  await prepareDatabase(services);
  const app = createApp({config, logger, db, services, distDir: opts.distDir});
  server.on('request', app.callback());
  const io = createRealtime(server, {config, logger, services});
  services.metrics.setSources({sockets: () => io.of('/').sockets.size});

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop counting presence first: our sockets expire with our heartbeat, so clients that
      // move to another process do not flap offline. Then stop accepting, say goodbye to
      // sockets, and close the database and Redis.
      await services.presence.store.close();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        server.closeAllConnections?.();
      });
      services.notifier.stop();
      services.retention.stop();
      services.emailRequests.stop();
      await services.firmCache.close();
      await services.consultations.engine.stop().catch((err) => logger.warn({err}, 'stopping the email worker failed'));
      await services.webhooks.stop().catch((err) => logger.warn({err}, 'stopping the webhook worker failed'));
      await services.chat.flush().catch((err) => logger.warn({err}, 'writing conversation summaries failed'));
      await db.close().catch((err) => logger.warn({err}, 'closing database connection failed'));
      await redis?.quit().catch((err) => logger.warn({err}, 'closing redis connection failed'));
      await embedded?.stop();
    })());

  return {url, port, server, io, db, embeddedDb: embedded, logger, services, config, stop};
}

/** Stops the backend once on the first SIGTERM/SIGINT (a second one is ignored) and exits 0. */
export function stopOnSignals(backend: Pick<RunningBackend, 'stop'>, logger: Logger): void {
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({signal}, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000).unref();
    await backend.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
