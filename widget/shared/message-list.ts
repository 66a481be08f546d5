// Message list templates shared by <consult-chat> and the lawyer console. Text is bound as text
// nodes and links as <a> elements built from linkify(): message bodies never reach innerHTML.
import {html, nothing, type TemplateResult} from 'lit';
import type {MessageDto} from '../../protocol/chat.js';
import type {Strings} from './i18n.js';
import {linkify, safeHref} from './linkify.js';
import {dayLabel, groupByDay, timeLabel} from './format.js';

import type {DeliveryState as Delivery} from './chat-controller.js';

/** One row of the list: a stored message or an outbox entry not yet acknowledged. */
export interface MessageView {
  key: string;
  mine: boolean;
  message?: MessageDto;
  body: string;
  createdAt: Date;
  delivery?: Delivery;
  author?: string | null;
}

export interface ListContext {
  lang: string;
  t: Strings;
  /** Extra controls under a row (retry/delete on a failed message). */
  actions?(view: MessageView): TemplateResult | typeof nothing;
}

export function renderBody(text: string): (TemplateResult | string)[] {
  return linkify(text).map((s) => (s.href ? html`<a href=${s.href} target="_blank" rel="noopener noreferrer">${s.text}</a>` : s.text));
}

export function renderList(views: readonly MessageView[], ctx: ListContext): TemplateResult[] {
  return groupByDay(views, (v) => v.createdAt).map(
    (g) => html`<div class="day" role="presentation"><span>${dayLabel(g.date, ctx.lang, ctx.t)}</span></div>${g.items.map((v) => renderRow(v, ctx))}`,
  );
}

function renderRow(v: MessageView, ctx: ListContext): TemplateResult {
  const {t, lang} = ctx;
  const m = v.message;
  if (m?.kind === 'system') {
    return html`<p class="system" part="system-message">${m.system ? t.system(m.system) : m.body}</p>`;
  }
  const cls = `row ${v.mine ? 'mine' : 'theirs'}`;
  const time = html`<time datetime=${v.createdAt.toISOString()}>${timeLabel(v.createdAt, lang)}</time>`;
  const content = m?.deletedAt
    ? html`<em class="deleted">${t.deleted}</em>`
    : m?.kind === 'consultation'
      ? renderConsultation(m, ctx)
      : renderBody(v.body);
  return html`<div class=${cls}>
    ${!v.mine && v.author ? html`<span class="author">${v.author}</span>` : nothing}
    <div class="bubble" part=${v.mine ? 'message message-mine' : 'message message-theirs'}>${content}</div>
    <span class="meta">${time}${v.delivery ? html` · <span class="status ${v.delivery}">${t[v.delivery]}</span>` : nothing}</span>
    ${ctx.actions?.(v) ?? nothing}
  </div>`;
}

/**
 * Extension point for `consultation` messages: a compact card from `message.consultation` (title,
 * local start time, join link, calendar links, cancelled state). A richer card can replace this
 * function; keep the signature.
 */
export function renderConsultation(m: MessageDto, {t, lang}: ListContext): TemplateResult {
  const c = m.consultation;
  if (!c) return html`<div class="card" part="consultation-card"><strong>${t.consultation}</strong>${m.body ? renderBody(m.body) : nothing}</div>`;
  const cancelled = c.status === 'cancelled';
  const link = (href: string, text: string) => {
    const safe = safeHref(href);
    return safe ? html` <a href=${safe} target="_blank" rel="noopener noreferrer">${text}</a>` : nothing;
  };
  return html`<div class="card ${cancelled ? 'cancelled' : ''}" part="consultation-card">
    <strong>${c.title || t.consultation}</strong>
    <span>${new Date(c.start).toLocaleString(lang, {dateStyle: 'full', timeStyle: 'short'})}–${timeLabel(new Date(c.end), lang)}</span>
    ${cancelled
      ? html`<em>${t.cancelled}</em>`
      : html`${link(c.joinUrl, t.join)}<span>${t.addToCalendar}${link(c.links.google, 'Google')}${link(c.links.outlook, 'Outlook')}${link(c.links.ics, '.ics')}</span>`}
  </div>`;
}
