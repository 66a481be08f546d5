// The visitor panel beside a conversation: where the chat started and where the applicant is
// now, where they came from, their local time and language, whether the site vouched for them,
// and their other conversations and consultations with the firm.
import {html, nothing, type TemplateResult} from 'lit';
import type {VisitorDto} from '../../protocol/chat.js';
import {timeZoneCity} from '../../protocol/time.js';
import {safeHref} from '../shared/linkify.js';
import type {WorkStrings} from './workday-i18n.js';
import type {SearchStrings} from './search-i18n.js';

const closeIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z"/></svg>`;

export interface VisitorPanelContext {
  lang: string;
  conversationId: string;
  open(id: string): void;
  close(): void;
  /** Offered while the email is not confirmed: posts the email card in the conversation. */
  askEmail?: {label: string; ask(): void};
}

function link(url: string | null, t: WorkStrings): TemplateResult | string {
  const href = url && safeHref(url);
  if (!href) return t.none;
  const u = new URL(href);
  return html`<a class="url" href=${href} target="_blank" rel="noopener noreferrer" title=${href}>${u.host}${u.pathname === '/' ? '' : u.pathname}${u.search}</a>`;
}

function localTime(zone: string | null, lang: string, t: WorkStrings): string {
  if (!zone) return t.none;
  try {
    const time = new Date().toLocaleTimeString(lang, {timeZone: zone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short'});
    return `${time} · ${timeZoneCity(zone)}`;
  } catch {
    return zone;
  }
}

function language(tag: string | null, lang: string, t: WorkStrings): string {
  if (!tag) return t.none;
  try {
    return `${new Intl.DisplayNames([lang], {type: 'language'}).of(tag) ?? tag} (${tag})`;
  } catch {
    return tag;
  }
}

/** Whether and when the applicant accepted the firm's notice, and in which version. */
function consent(a: VisitorDto['applicant'], s: SearchStrings, lang: string): TemplateResult {
  const c = a.consent;
  if (!c) return html`<span class="consent-none">${s.consentNone}</span>`;
  const when = new Date(c.acceptedAt).toLocaleString(lang, {day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit'});
  return html`<span class="consent-ok" title=${`sha256 ${c.textHash} · ${c.lang}`}>${s.consentAccepted(c.version, when)}</span>`;
}

export function renderVisitorPanel(v: VisitorDto | undefined, t: WorkStrings, x: VisitorPanelContext, s?: SearchStrings): TemplateResult {
  const day = (iso: string) => new Date(iso).toLocaleDateString(x.lang, {day: 'numeric', month: 'short', year: 'numeric'});
  const a = v?.applicant;
  return html`<aside part="visitor" class="visitor" aria-labelledby="visitor-title">
    <div class="visitor-head">
      <h2 id="visitor-title">${t.visitor}</h2>
      <button class="icon close-visitor" type="button" aria-label=${t.dismiss} @click=${x.close}>${closeIcon}</button>
    </div>
    ${!v || !a ? html`<p class="hint">…</p>` : html`<dl>
      <dt>${t.startedOn}</dt><dd>${link(v.startUrl, t)}</dd>
      <dt>${t.currentPage}</dt><dd>${link(a.currentUrl, t)}</dd>
      <dt>${t.referrer}</dt><dd>${link(v.startReferrer ?? a.referrer, t)}</dd>
      <dt>${t.localTime}</dt><dd>${localTime(a.timeZone, x.lang, t)}</dd>
      <dt>${t.language}</dt><dd>${language(a.language, x.lang, t)}</dd>
      <dt>${t.identity}</dt><dd>${a.verified ? html`<span class="badge">${t.verified}</span>` : t.unverified}</dd>
      <dt>${t.email}</dt><dd class="email">${a.email ?? t.none}${a.email && s ? html` <small>(${a.emailVerified ? s.emailVerified : s.emailUnverified})</small>` : nothing}
        ${x.askEmail && !a.emailVerified && !a.verified ? html`<button class="link ask-email" type="button" @click=${x.askEmail.ask}>${x.askEmail.label}</button>` : nothing}</dd>
      ${s ? html`<dt>${s.consent}</dt><dd class="consent">${consent(a, s, x.lang)}</dd>` : nothing}
    </dl>
    <h3>${t.pastConversations} (${v.conversations.length})</h3>
    <ul class="past">${v.conversations.map((c) => html`<li>
      ${c.id === x.conversationId
        ? html`<span>${day(c.createdAt)} · ${t.thisConversation}</span>`
        : html`<button class="link" type="button" @click=${() => x.open(c.id)}>${day(c.createdAt)}${c.topic ? ` · ${c.topic}` : ''}</button>`}
      <small>${c.status}${c.lastMessagePreview ? ` · ${c.lastMessagePreview}` : ''}</small></li>`)}</ul>
    <h3>${t.consultations} (${v.consultations.length})</h3>
    ${v.consultations.length ? html`<ul class="past">${v.consultations.map((c) => html`<li><span>${day(c.start)} · ${new Date(c.start).toLocaleTimeString(x.lang, {hour: 'numeric', minute: '2-digit'})}</span><small>${c.title} · ${c.status}</small></li>`)}</ul>` : nothing}`}
  </aside>${nothing}`;
}
