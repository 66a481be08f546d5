// createApp builds the Koa application from injected dependencies; it opens nothing itself.
import Koa from 'koa';
import Router from '@koa/router';
import {bodyParser} from '@koa/bodyparser';
import compress from 'koa-compress';
import {constants as zlib} from 'node:zlib';
import path from 'node:path';
import type {Connection} from 'mongoose';
import type {Config} from './config.js';
import type {Logger} from './logger.js';
import {errorHandler, requestLog, securityHeaders} from './http/middleware.js';
import {staticFolder, widgetParts, widgetScripts} from './http/assets.js';
import {projectRoot} from './paths.js';
import {AppError} from './errors.js';
import type {TransportServices} from './services/index.js';
import {apiRouter, cors} from './http/api.js';
import {apiDocsRouter} from './http/api-docs.js';
import {metricsRouter} from './http/metrics.js';
import {demoRouter, pageSecurityHeaders} from './http/pages.js';
import {calendarRouter} from './http/calendar.js';
import {bookingPagesRouter} from './http/booking-pages.js';
import {devMailRouter} from './http/dev-mailbox.js';
import {filesRouter} from './http/files.js';
import {imagesRouter} from './http/images.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Connection;
  services: TransportServices;
  /** Folder holding the built scripts; `dist/` by default. */
  distDir?: string;
}

export const JSON_BODY_LIMIT = '32kb';

export function createApp(deps: AppDeps): Koa {
  const app = new Koa({proxy: false});
  app.silent = true; // errors are logged by errorHandler, once

  const health = new Router();
  health.get('/healthz', (ctx) => {
    ctx.body = {status: 'ok'};
  });
  health.get('/readyz', async (ctx) => {
    try {
      await withTimeout(deps.db.db!.admin().ping(), 2_000);
      ctx.body = {status: 'ready'};
    } catch {
      throw new AppError('unavailable', 'database is not answering');
    }
  });

  app.use(errorHandler(deps.logger));
  app.use(requestLog(deps.logger));
  // Before securityHeaders so the pages' own headers are set last and win.
  app.use(pageSecurityHeaders(['/demo', '/console', '/api/docs']));
  app.use(securityHeaders());
  // HTML, JSON and the like above 1 KB; the scripts come precompressed and are left alone.
  app.use(compress({threshold: 1024, br: {params: {[zlib.BROTLI_PARAM_QUALITY]: 5}}, gzip: {level: 6}, deflate: false}));
  app.use(bodyParser({enableTypes: ['json'], jsonLimit: JSON_BODY_LIMIT, encoding: 'utf-8'}));
  app.use(health.routes());
  app.use(metricsRouter(deps.config, deps.services.metrics).routes());
  const api = apiRouter(deps.services, deps.config);
  app.use(cors('/api/'));
  // Before the API router, whose catch-all answers every other path under /api/v1.
  app.use(apiDocsRouter(deps.config).routes());
  app.use(api.routes());
  app.use(filesRouter(deps.services).routes());
  app.use(imagesRouter(deps.services).routes());
  const consultations = deps.services.consultations.engine;
  app.use(calendarRouter(consultations.service).routes());
  app.use(bookingPagesRouter(deps.services).routes());
  if (deps.config.NODE_ENV !== 'production') app.use(devMailRouter(consultations.mailbox).routes());
  const distDir = deps.distDir ?? path.join(projectRoot, 'dist');
  app.use(widgetScripts(distDir, ['consult-chat', 'consult-inbox', ...widgetParts(distDir)]));
  const demoDir = path.join(projectRoot, 'demo');
  app.use(demoRouter(deps.services, deps.config, demoDir).routes());
  app.use(staticFolder('/console', path.join(demoDir, 'console')));
  app.use(staticFolder('/demo', demoDir));
  return app;
}

function withTimeout<T>(p: Promise<T> | undefined, ms: number): Promise<T> {
  if (!p) return Promise.reject(new Error('not connected'));
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
