// Logos and avatars stored by the settings, served by id. Each upload gets a new id, so the
// bytes behind an address never change and may be cached for a year, on any site.
import Router from '@koa/router';
import type {TransportServices} from '../services/index.js';
import {AppError} from '../errors.js';

export function imagesRouter(services: TransportServices): Router {
  const router = new Router();
  router.get('/images/:id', async (ctx) => {
    const image = await services.images.get(ctx.params.id);
    if (!image) throw new AppError('not_found', 'no such image');
    ctx.type = image.type;
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
    ctx.set('Content-Security-Policy', "default-src 'none'");
    ctx.body = Buffer.from(image.data.buffer ?? image.data);
  });
  return router;
}
