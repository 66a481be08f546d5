// The hosted calendar file linked from invite emails: always the consultation's current state.
import Router from '@koa/router';
import type {ConsultationService} from '../consultations/service.js';

export function calendarRouter(consultations: Pick<ConsultationService, 'publishedIcs'>): Router {
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
  return router;
}
