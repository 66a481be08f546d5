// The pages behind the applicant's email links: cancel (a confirmation, then a POST: mail
// scanners follow GET links, so a GET never changes anything) and reschedule (the free times
// in the applicant's own zone, one form, no script). Strict CSP; the stylesheet is our own file.
import Router from '@koa/router';
import type {ParameterizedContext} from 'koa';
import type {TransportServices} from '../services/index.js';
import {escapeHtml as e} from '../html.js';
import {toErrorBody} from '../errors.js';
import {clockTime, whenLine} from '../consultations/emails.js';
import {EMAIL_STRINGS, LOCALES, emailLang, type EmailLang} from '../mail/templates/strings.js';
import {timeZoneCity} from '../../protocol/time.js';
import {PAGE_STRINGS} from './booking-page-strings.js';

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const CSS = `body{margin:0;background:#eef1f5;color:#1b1b1b;font:16px/1.5 -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}
main{max-width:560px;margin:24px auto;background:#fff;border-radius:10px;padding:24px}
h1{font-size:22px;margin:0 0 12px}.when{font-weight:600}.muted{color:#5f6368;font-size:14px}
fieldset{border:0;padding:0;margin:0 0 16px}legend{font-weight:600;margin:16px 0 8px}
.times{display:flex;flex-wrap:wrap;gap:8px}.times label{border:1px solid #c9ced6;border-radius:6px;padding:8px 12px;cursor:pointer}
.times input{margin:0 6px 0 0}.times label:focus-within{outline:3px solid #1f4e79;outline-offset:2px}
button{font:inherit;font-weight:600;background:#1f4e79;color:#fff;border:0;border-radius:6px;padding:12px 20px;cursor:pointer;margin-top:8px}
button.danger{background:#b3261e}.error{background:#fdecea;color:#8a1c14;padding:12px;border-radius:6px}`;

function page(ctx: ParameterizedContext, lang: EmailLang, title: string, body: string, status = 200): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', CSP);
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Robots-Tag', 'noindex');
  ctx.body = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(title)}</title><link rel="stylesheet" href="/booking-assets/page.css"></head><body><main><h1>${e(title)}</h1>${body}</main></body></html>`;
}

/** A small urlencoded form body (the global parser takes JSON only). */
async function formBody(ctx: ParameterizedContext): Promise<URLSearchParams> {
  let raw = '';
  for await (const chunk of ctx.req) {
    raw += chunk;
    if (raw.length > 4096) break;
  }
  return new URLSearchParams(raw.slice(0, 4096));
}

function dayKey(d: Date, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', {timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit'}).format(d);
}

function slotForm(lang: EmailLang, tz: string, slots: Date[], token: string): string {
  const p = PAGE_STRINGS[lang];
  const days = new Map<string, Date[]>();
  for (const s of slots) days.set(dayKey(s, tz), [...(days.get(dayKey(s, tz)) ?? []), s]);
  const dayFmt = new Intl.DateTimeFormat(LOCALES[lang], {timeZone: tz, weekday: 'long', day: 'numeric', month: 'long'});
  const groups = [...days.values()].map((list) => `<fieldset><legend>${e(dayFmt.format(list[0]))}</legend><div class="times">${list.map((s) => `<label><input type="radio" name="start" value="${e(s.toISOString())}" required>${e(clockTime(s, tz, lang))}</label>`).join('')}</div></fieldset>`).join('');
  return `<p class="muted">${e(p.timesIn(EMAIL_STRINGS[lang].zone(timeZoneCity(tz))))}</p><form method="post" action="/booking/${e(token)}">${groups}<button type="submit">${e(p.moveButton)}</button></form>`;
}

export function bookingPagesRouter(services: Pick<TransportServices, 'booking'>): Router {
  const router = new Router();
  router.get('/booking-assets/page.css', (ctx) => {
    ctx.type = 'text/css; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = CSS;
  });

  async function show(ctx: ParameterizedContext, token: string, error?: string): Promise<void> {
    const link = await services.booking.fromLink(token);
    if (!link.ok) {
      const lang: EmailLang = 'en';
      const p = PAGE_STRINGS[lang];
      const [title, status] = link.reason === 'expired' ? [p.expired, 410] : link.reason === 'cancelled' ? [p.alreadyCancelled, 410] : [p.invalid, 400];
      return page(ctx, lang, title, `<p>${e(p.askInChat)}</p>`, status);
    }
    const c = link.c;
    const lang = emailLang(c.applicantLang);
    const p = PAGE_STRINGS[lang];
    const when = `<p class="when">${e(whenLine(c.start, c.end, c.applicantTimeZone, lang))}</p><p>${e(p.withWhom(c.lawyer.name ?? ''))}</p>`;
    const err = error ? `<p class="error" role="alert">${e(error)}</p>` : '';
    if (link.action === 'cancel') {
      return page(ctx, lang, p.cancelTitle, `${err}${when}<form method="post" action="/booking/${e(token)}"><button class="danger" type="submit">${e(EMAIL_STRINGS[lang].cancel)}</button></form>`);
    }
    const slots = await services.booking.slotsToMove(c);
    page(ctx, lang, p.moveTitle, `${err}<p class="muted">${e(p.now)}</p>${when}${slots.length ? slotForm(lang, c.applicantTimeZone, slots, token) : `<p>${e(p.noTimes)}</p>`}`);
  }

  router.get('/booking/:token', (ctx) => show(ctx, ctx.params.token));
  router.post('/booking/:token', async (ctx) => {
    const token = ctx.params.token;
    const link = await services.booking.fromLink(token);
    if (!link.ok) return show(ctx, token);
    const lang = emailLang(link.c.applicantLang);
    const p = PAGE_STRINGS[lang];
    try {
      if (link.action === 'cancel') {
        await services.booking.cancelFromLink(token);
        return page(ctx, lang, p.cancelled, `<p>${e(p.lawyerTold(link.c.lawyer.name ?? ''))}</p>`);
      }
      const start = new Date((await formBody(ctx)).get('start') ?? '');
      if (Number.isNaN(start.getTime())) return show(ctx, token, p.pickOne);
      const moved = await services.booking.moveFromLink(token, start);
      return page(ctx, lang, p.moved, `<p class="when">${e(whenLine(moved.start, moved.end, moved.applicantTimeZone, lang))}</p><p>${e(p.newInvite)}</p>`);
    } catch (err) {
      const {body} = toErrorBody(err);
      ctx.status = 200;
      // In the applicant's language: a lost race, or a time the rules refuse; anything else as is.
      return show(ctx, token, body.code === 'conflict' ? p.taken : body.code === 'bad_request' ? p.notFree : body.message);
    }
  });
  return router;
}
