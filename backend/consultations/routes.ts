// The hosted calendar file linked from invite emails: always the consultation's current state.
import Router from '@koa/router';
import type {Connection} from 'mongoose';
import {consultationModel} from '../models/consultation.js';
import {publishedIcs} from './emails.js';
import {verifyIcsSignature} from './ics.js';

export function consultationCalendarRouter(deps: {db: Connection; icsSecret: string}): Router {
  const router = new Router();
  router.get('/consultations/:id/:sig/invite.ics', async (ctx) => {
    const {id, sig} = ctx.params;
    // A bad signature looks exactly like a missing consultation.
    const ok = /^[0-9a-f]{24}$/i.test(id) && verifyIcsSignature(id, sig, deps.icsSecret);
    const c = ok ? await consultationModel(deps.db).findById(id).lean() : null;
    if (!c) {
      ctx.status = 404;
      ctx.body = {error: {code: 'not_found', message: 'no such calendar file'}};
      return;
    }
    ctx.type = 'text/calendar; charset=utf-8; method=PUBLISH';
    ctx.set('Content-Disposition', 'attachment; filename="consultation.ics"');
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.body = publishedIcs(c);
  });
  return router;
}
