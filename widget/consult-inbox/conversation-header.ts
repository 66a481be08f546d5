// The open conversation's title bar in the console: who the applicant is and whether they are
// here, then the lawyer's actions (claim, assign, close or reopen, schedule a consultation);
// below it, the connection banner while the conversation is not online. With none open, a hint.
import {html, nothing, type TemplateResult} from 'lit';
import type {ConversationDto, PresenceDto} from '../../protocol/chat.js';
import {relativeTime} from '../shared/format.js';
import type {ConnectionState} from '../shared/chat-side.js';
import type {InboxController} from './inbox-controller.js';
import type {InboxStrings} from './inbox-i18n.js';

const backIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15.4 7.4 14 6l-6 6 6 6 1.4-1.4L10.8 12z"/></svg>`;
const calendarIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3zm12 8H5v9h14zM9 12v2H7v-2zm4 0v2h-2v-2zm4 0v2h-2v-2z"/></svg>`;

export interface HeaderContext {
  /** The applicant's name as the console shows it. */
  name: string;
  presence?: PresenceDto;
  inbox: InboxController;
  language: string;
  back(): void;
  /** Runs a conversation action, showing its error if it fails. */
  act(fn: () => Promise<void>): void;
  schedule(): void;
  /** Shows or hides the visitor panel. */
  visitor(): void;
  visitorOpen: boolean;
  transcript(): void;
  /** Only for owners. */
  erase?(): void;
}

export function renderConversationHeader(c: ConversationDto, t: InboxStrings, x: HeaderContext): TemplateResult {
  const {name, inbox} = x;
  const online = x.presence?.online ?? inbox.isOnline(c.applicant.id);
  const lastSeen = x.presence?.lastSeenAt ?? c.applicant.lastSeenAt;
  const me = inbox.me!;
  const assignee = c.assignedLawyerIds[0];
  const closed = c.status === 'closed';
  const onAssign = (e: Event) => {
    const select = e.target as HTMLSelectElement;
    const lawyerId = select.value;
    select.value = '';
    if (lawyerId) x.act(() => inbox.assign(c.id, lawyerId));
  };
  return html`<header part="header" class="conv-header">
    <button class="icon back" type="button" aria-label=${t.back} @click=${x.back}>${backIcon}</button>
    <div class="who">
      <h2 id="conv-title">${name}${c.applicant.verified ? html` <span class="badge">${t.verified}</span>` : nothing}</h2>
      <p class="presence ${online ? 'on' : ''}">
        <span class="dot ${online ? 'on' : ''}" aria-hidden="true"></span>${online ? t.online : lastSeen ? t.lastSeen(relativeTime(lastSeen, x.language)) : t.offlineDot}${c.applicant.email ? html` · <span class="email">${c.applicant.email}</span>` : nothing}${c.applicant.email && c.applicant.emailVerified === false && !c.applicant.verified ? html` <span class="unverified">(${t.unverified})</span>` : nothing}${c.applicant.phone ? html` · ${t.phone}: ${c.applicant.phone}` : nothing}${c.topic ? html` · ${t.topic}: ${c.topic}` : nothing}
      </p>
      ${c.applicant.consent ? html`<p class="consent">${t.consentAccepted(c.applicant.consent.version, new Date(c.applicant.consent.acceptedAt).toLocaleString(x.language, {dateStyle: 'medium', timeStyle: 'short'}))}</p>` : nothing}
    </div>
    <div class="actions-bar">
      ${assignee !== me ? html`<button class="primary small" type="button" @click=${() => x.act(() => inbox.claim(c.id))}>${t.claim}</button>` : nothing}
      <label class="assign"><span class="sr-only">${t.assignTo}</span>
        <select aria-label=${t.assignTo} @change=${onAssign}>
          <option value="" selected>${assignee ? t.assignedTo(assignee === me ? t.you : inbox.lawyerName(assignee) ?? '…') : `${t.assignTo}…`}</option>
          ${inbox.lawyers.filter((l) => l.id !== assignee).map((l) => html`<option value=${l.id}>${t.assignTo} ${l.name}${l.online ? ` (${t.online.toLowerCase()})` : ''}</option>`)}
        </select>
      </label>
      <button class="ghost small" type="button" @click=${() => x.act(() => inbox.setStatus(c.id, closed ? 'open' : 'closed'))}>${closed ? t.reopen : t.close}</button>
      <button class="ghost small schedule" type="button" title=${t.consult.schedule} @click=${x.schedule}>${calendarIcon}<span>${t.consult.schedule}</span></button>
      <button class="ghost small visitor-toggle" type="button" aria-pressed=${String(x.visitorOpen)} @click=${x.visitor}>${t.work.visitor}</button>
      <button class="ghost small" type="button" @click=${x.transcript}>${t.transcript}</button>
      ${x.erase ? html`<button class="ghost small danger" type="button" @click=${x.erase}>${t.erase}</button>` : nothing}
    </div>
  </header>`;
}

export function renderBanner(t: InboxStrings, s: ConnectionState): TemplateResult | typeof nothing {
  if (s === 'online' || s === 'idle') return nothing;
  const text = s === 'offline' ? t.offline : s === 'connecting' ? t.connecting : t.reconnecting;
  return html`<div part="banner" class="banner ${s}" role="status">${text}</div>`;
}

export function renderNoConversation(t: InboxStrings): TemplateResult {
  return html`<main part="conversation" class="conversation empty-state">
    <p>${t.pickConversation}</p>
    <p class="hint">${t.keyboardHint}</p>
  </main>`;
}
