// The bytes behind a signed document link. Not an operation of the table on purpose: its
// authority is the link's signature (short-lived, single-purpose), not a session token, and it
// answers bytes. Headers make sure a browser never runs or sniffs what it gets.
import Router from '@koa/router';
import type {TransportServices} from '../services/index.js';

export const FILES_PATH = '/files/:id';

export function filesRouter(services: TransportServices): Router {
  const router = new Router();
  router.get(FILES_PATH, async (ctx) => {
    const found = await services.attachments.download(ctx.params.id, ctx.query);
    ctx.set('Cache-Control', 'private, no-store');
    if (found.status !== 200) {
      ctx.status = found.status;
      ctx.body = {error: found.status === 403
        ? {code: 'forbidden', message: 'this link is invalid or has expired; ask for a new one'}
        : {code: 'not_found', message: 'document not found'}};
      return;
    }
    const {rec, disposition, stream, length} = found;
    ctx.attachment(rec.name, {type: disposition});
    ctx.type = rec.mime; // the stored, sniffed type, never one guessed from the name
    ctx.length = length;
    ctx.set('Content-Security-Policy', "sandbox; default-src 'none'");
    ctx.set('Referrer-Policy', 'no-referrer');
    // Previews are <img> on the host page, another origin.
    ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
    ctx.body = stream;
  });
  return router;
}
