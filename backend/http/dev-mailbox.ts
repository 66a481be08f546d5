// /dev/mail: every email in the outbox (captured, pending, sent, failed), newest first, with
// its attachments to download. For development only: mount it when NODE_ENV !== 'production'.
import Router from '@koa/router';
import type {DevMailbox, MailRecord} from '../mail/mailbox.js';
import {escapeHtml as esc} from '../html.js';

const when = (d: Date | null | undefined) => (d ? new Date(d).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—');

function row(m: MailRecord): string {
  const id = String(m._id);
  const files = m.payload.attachments
    .map((a, i) => `<a href="/dev/mail/${esc(id)}/${i}" download="${esc(a.filename)}">${esc(a.filename)}</a> <small>${esc(a.contentType)}</small>`)
    .join('<br>');
  return `<tr class="${esc(m.status)}">
  <td>${esc(when(m.createdAt))}</td>
  <td><b class="status">${esc(m.status)}</b>${m.sentAt ? `<br><small>${esc(when(m.sentAt))}</small>` : ''}</td>
  <td>${esc(m.payload.to.join(', '))}<br><small>from ${esc(m.payload.from)}${m.payload.replyTo.length ? `, reply to ${esc(m.payload.replyTo.join(', '))}` : ''}</small></td>
  <td><details><summary>${esc(m.payload.subject)}</summary><pre>${esc(m.payload.text)}</pre></details></td>
  <td>${esc(m.attempts)}</td>
  <td>${m.lastError ? `<code>${esc(m.lastError)}</code>` : ''}</td>
  <td>${files}</td>
  <td><small>${esc(m.kind)}<br>${esc(m.idempotencyKey)}</small></td>
</tr>`;
}

/** `limit`: how many emails the page lists. */
export function devMailRouter(mailbox: DevMailbox, limit = 200): Router {
  const router = new Router();

  router.get('/dev/mail', async (ctx) => {
    const mails = await mailbox.list(limit);
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dev mailbox</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;vertical-align:top;text-align:left}
pre{white-space:pre-wrap;max-width:60ch}.status{text-transform:uppercase;font-size:12px}
tr.failed .status{color:#b00020}tr.sent .status{color:#0a7d32}tr.pending .status{color:#8a5a00}tr.captured .status{color:#2a4fa8}
</style></head><body>
<h1>Dev mailbox</h1>
<p>${esc(mails.length)} email${mails.length === 1 ? '' : 's'}, newest first. <b>captured</b>: stored, not sent (no RESEND_API_KEY).</p>
<table><thead><tr><th>Created</th><th>Status</th><th>To</th><th>Subject</th><th>Attempts</th><th>Last error</th><th>Attachments</th><th>Kind / key</th></tr></thead>
<tbody>${mails.map(row).join('\n')}</tbody></table>
</body></html>`;
  });

  router.get('/dev/mail/:id/:index', async (ctx) => {
    const {id, index} = ctx.params;
    const i = /^\d{1,2}$/.test(index) ? Number(index) : -1;
    const file = i >= 0 ? await mailbox.attachment(id, i) : undefined;
    if (!file) {
      ctx.status = 404;
      ctx.body = {error: {code: 'not_found', message: 'no such email attachment'}};
      return;
    }
    ctx.set('Content-Disposition', `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = file.contentType;
    ctx.body = Buffer.from(file.content, 'base64');
  });

  return router;
}
