// Message list templates shared by <consult-chat> and the lawyer console. Text is bound as text
// nodes and links as <a> elements built from linkify(): message bodies never reach innerHTML.
import {css, html, nothing, type TemplateResult} from 'lit';
import type {CursorDto, MessageDto, ParticipantKey, ParticipantKind} from '../../protocol/chat.js';
import {PROVIDER_NAMES, type ConsultationCard} from '../../protocol/consultation.js';
import {timeZoneCity} from '../../protocol/time.js';
import type {Strings} from './i18n.js';
import {linkify, safeHref} from './linkify.js';
import {dayLabel, groupByDay, timeLabel} from './format.js';

import type {DeliveryState as Delivery} from './chat-side.js';

/** How far the other side got with one of our messages, from their cursors (never our own). */
export function deliveryOf(seq: number, cursors: Partial<Record<ParticipantKey, CursorDto>> = {}, other: ParticipantKind): Delivery {
  let read = 0;
  let delivered = 0;
  const prefix = other === 'lawyer' ? 'l:' : 'a:';
  for (const [key, c] of Object.entries(cursors)) {
    if (!key.startsWith(prefix) || !c) continue;
    read = Math.max(read, c.readSeq);
    delivered = Math.max(delivered, c.deliveredSeq, c.readSeq);
  }
  return seq <= read ? 'read' : seq <= delivered ? 'delivered' : 'sent';
}

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
  /** Extra content at the foot of a consultation card (the console's invites and buttons). */
  card?(c: ConsultationCard): TemplateResult | typeof nothing;
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
  const cls = `row ${v.mine ? 'mine' : 'theirs'} ${m?.kind ?? ''}`;
  const time = html`<time datetime=${v.createdAt.toISOString()}>${timeLabel(v.createdAt, lang)}</time>`;
  const content = m?.deletedAt
    ? html`<em class="deleted">${t.deleted}</em>`
    : m?.kind === 'consultation'
      ? renderConsultation(m, ctx)
      : m?.kind === 'email-request'
        // Drawn by the email part (<consult-email>), loaded once such a card is on screen.
        ? html`<consult-email class="doc" .message=${m}></consult-email>`
      : m?.request
        // A booking request's card (the booking part defines it).
        ? html`<consult-request class="doc" .message=${m}></consult-request>`
      : m?.attachment
        // The name shows as text until the documents part defines the card.
        ? html`<consult-file class="doc" .message=${m}>${m.attachment.name}</consult-file>`
        : renderBody(v.body);
  return html`<div class=${cls} data-seq=${m?.seq ?? nothing}>
    ${v.author ? html`<span class="author">${v.author}</span>` : nothing}
    <div class="bubble" part=${v.mine ? 'message message-mine' : 'message message-theirs'}>${content}</div>
    <span class="meta">${time}${v.delivery ? html` · <span class="status ${v.delivery}">${t[v.delivery]}</span>` : nothing}</span>
    ${ctx.actions?.(v) ?? nothing}
  </div>`;
}

/**
 * Extension point for `consultation` messages: the card from `message.consultation` (status,
 * time in the viewer's own zone, provider, join button, calendar links). Keep the signature.
 */
export function renderConsultation(m: MessageDto, {t, lang, card}: ListContext): TemplateResult {
  const c = m.consultation;
  if (!c) return html`<div class="card" part="consultation-card"><strong>${t.consultation}</strong>${m.body ? renderBody(m.body) : nothing}</div>`;
  const start = new Date(c.start);
  // The browser's zone: each side reads the time as its own clock shows it.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const status = c.status === 'cancelled' ? 'cancelled' : c.sequence ? 'rescheduled' : 'scheduled';
  const link = (href: string, text: string, cls = '') => {
    const safe = safeHref(href);
    return safe ? html`<a class=${cls} href=${safe} target="_blank" rel="noopener noreferrer">${text}</a>` : nothing;
  };
  return html`<div class="card ${status}" part="consultation-card">
    <span class="head">${t.consultation}<span class="pill">${t[status]}</span></span>
    <strong>${c.title}</strong>
    <time class="when" datetime=${c.start}><b>${start.toLocaleDateString(lang, {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric'})}</b>
      ${timeLabel(start, lang)} – ${new Date(c.end).toLocaleTimeString(lang, {hour: 'numeric', minute: '2-digit', timeZoneName: 'short'})} <small>${timeZoneCity(zone)}</small></time>
    ${PROVIDER_NAMES[c.provider] ? html`<span class="via">${PROVIDER_NAMES[c.provider]}</span>` : nothing}
    ${status === 'cancelled'
      ? nothing
      : html`${link(c.joinUrl, t.join, 'join')}<span class="cal">${t.addToCalendar}${link(c.links.google, 'Google')}${link(c.links.outlook, 'Outlook')}${link(c.links.ics, '.ics')}</span>`}
    ${card?.(c) ?? nothing}
  </div>`;
}

/**
 * What the conversation looks like the same in the widget and the console: rows, the composer
 * and the consultation card (each host defines the --_ colours and its own sizes). Added after
 * the host's styles; the shared row rules come first so the card's link colours still win.
 */
export const conversationStyles = css`
  .row {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
  }
  .row.mine {
    align-self: flex-end;
    align-items: flex-end;
  }
  .bubble {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .composer textarea {
    flex: 1;
    resize: none;
    border: 1px solid #8c959f;
    border-radius: 10px;
  }
  .send {
    display: grid;
    place-items: center;
    border: none;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .bubble a {
    color: inherit;
    text-decoration: underline;
  }
  .author, .meta {
    font-size: 12px;
    color: var(--_muted);
    margin: 2px 4px;
  }
  .bubble:has(> .card, > .doc) {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_fg);
    white-space: normal;
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: 6px;
    width: min(320px, 100%);
    padding: 14px 16px;
    border: 1px solid #d5dbe3;
    border-top: 4px solid var(--_accent);
    border-radius: 12px;
    background: #fff;
  }
  .head {
    display: flex;
    justify-content: space-between;
    font-size: 13px;
    color: var(--_muted);
  }
  .pill {
    padding: 0 8px;
    border-radius: 9px;
    background: #e3f1e8;
    color: #17663a;
    font-weight: 600;
  }
  .rescheduled .pill {
    background: #fdf0d5;
    color: #7a4d00;
  }
  .cancelled .pill {
    background: #fbe4e2;
    color: #a12a1f;
  }
  .when b {
    display: block;
    font-size: 16px;
  }
  .cancelled .when {
    text-decoration: line-through;
    color: var(--_muted);
  }
  .via, .cal, .when small {
    font-size: 13px;
    color: var(--_muted);
  }
  .card .join {
    align-self: flex-start;
    padding: 8px 18px;
    border-radius: 8px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
    text-decoration: none;
  }
  .cal a {
    margin-left: 8px;
    color: var(--_accent);
  }
`;
