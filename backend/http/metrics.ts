// GET /metrics in the Prometheus text format, for a scraper holding METRICS_TOKEN. Without the
// variable the route does not exist.
import Router from '@koa/router';
import type {Config} from '../config.js';
import type {Metrics} from '../infra/metrics.js';
import {bearerToken} from '../auth/tokens.js';
import {safeEqual} from '../auth/passwords.js';
import {AppError} from '../errors.js';

export function metricsRouter(config: Pick<Config, 'METRICS_TOKEN'>, metrics: Metrics): Router {
  const router = new Router();
  const token = config.METRICS_TOKEN;
  if (!token) return router;
  router.get('/metrics', async (ctx) => {
    const sent = bearerToken(ctx.get('Authorization'));
    if (!sent || !safeEqual(sent, token)) throw new AppError('unauthorized', 'a metrics token is required');
    ctx.type = metrics.registry.contentType;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
