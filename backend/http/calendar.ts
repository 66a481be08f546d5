// The hosted calendar file linked from invite emails: always the consultation's current state.
import Router from '@koa/router';
import type {ConsultationService} from '../consultations/service.js';

export function calendarRouter(consultations: Pick<ConsultationService, 'publishedIcs' | 'calendarLink'>): Router {
  const router = new Router();
  router.get('/consultations/:id/:sig/invite.ics', async (ctx) => {
    const ics = await consultations.publishedIcs(ctx.params.id, ctx.params.sig);
    if (ics === null) {
      ctx.status = 404;
      ctx.body = {error: {code: 'not_found', message: 'no such calendar file'}};
      return;
    }
    ctx.type = 'text/calendar; charset=utf-8; method=PUBLISH';
    ctx.set('Content-Disposition', 'attachment; filename="consultation.ics"');
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.body = ics;
  });
  // Short links from emails: the long calendar-app URLs are built from the current state here.
  router.get('/consultations/:id/:sig/:app(google|outlook)', async (ctx) => {
    const to = await consultations.calendarLink(ctx.params.id, ctx.params.sig, ctx.params.app as 'google' | 'outlook');
    if (to === null) {
      ctx.status = 404;
      ctx.body = {error: {code: 'not_found', message: 'no such consultation, or it was cancelled'}};
      return;
    }
    ctx.set('Cache-Control', 'private, no-store');
    ctx.redirect(to);
  });
  return router;
}
