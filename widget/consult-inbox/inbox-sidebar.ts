// The console's left column: who is signed in, the filters, and the conversation list with
// its roving tab stop (arrow keys, j/k, Home/End; Enter opens).
import {html, nothing, type TemplateResult} from 'lit';
import type {ApplicantDto} from '../../protocol/chat.js';
import {timeLabel} from '../shared/format.js';
import type {AssignedFilter, InboxItem, StatusFilter} from './conversation-list.js';
import type {InboxController} from './inbox-controller.js';
import type {InboxStrings} from './inbox-i18n.js';

const bellIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11c0-3.1-1.6-5.6-4.5-6.3V4a1.5 1.5 0 0 0-3 0v.7C7.6 5.4 6 7.9 6 11v5l-2 2v1h16v-1z"/></svg>`;

const gearIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19.4 13a7.7 7.7 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.5 7.5 0 0 0-1.7-1L15 3.3h-4l-.4 2.6a7.5 7.5 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.7 7.7 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.5 7.5 0 0 0 1.7 1l.4 2.6h4l.4-2.6a7.5 7.5 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z" transform="translate(-1 0)"/></svg>`;

/** What the sidebar reads from the console element. */
export interface SidebarHost {
  readonly inbox: InboxController;
  readonly selectedId?: string;
  readonly permission: NotificationPermission | 'unsupported';
  readonly language: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  openConversation(id: string): Promise<void>;
  openSettings(): void;
  askPermission(): Promise<void>;
  applicantName(a: ApplicantDto, t: InboxStrings): string;
  managingReplies: boolean;
  readonly toasts: {sound: boolean; toggleSound(): void};
  /** The search box, and the results that replace the list while a query is typed. */
  searchBox?(): TemplateResult;
  searchResults?(): TemplateResult | undefined;
}

export function renderSidebar(host: SidebarHost, t: InboxStrings): TemplateResult {
  const inbox = host.inbox;
  const list = inbox.list;
  const me = inbox.session!.lawyer;
  const items = list.conversations;
  return html`<aside part="sidebar" class="sidebar" aria-label=${t.conversations}>
    <header class="me">
      <h1 class="sr-only">${t.product}</h1>
      <div class="me-text">
        <strong>${me.name}</strong>
        <span class="conn ${inbox.state}">${inbox.state === 'online' ? t.online : inbox.state === 'offline' ? t.offlineDot : t[inbox.state === 'connecting' ? 'connecting' : 'reconnecting']}</span>
      </div>
      ${renderNotifyButton(host, t)}
      <button class="icon settings-button" type="button" title=${t.settings} aria-label=${t.settings} @click=${() => host.openSettings()}>${gearIcon}</button>
      <button class="ghost" type="button" @click=${() => host.inbox.logout()}>${t.signOut}</button>
    </header>
    ${host.searchBox?.() ?? nothing}
    ${host.searchResults?.() ?? renderList(host, t)}
  </aside>`;
}

function renderList(host: SidebarHost, t: InboxStrings): TemplateResult {
  const list = host.inbox.list;
  const items = list.conversations;
  return html`
    <div part="filters" class="filters">
      <div class="segmented" role="group" aria-label=${t.filterAssigned}>
        ${(['unassigned', 'me', 'all'] as AssignedFilter[]).map(
          (a) => html`<button type="button" aria-pressed=${list.assigned === a ? 'true' : 'false'} @click=${() => list.setFilter(list.status, a)}>${a === 'me' ? t.mine : t[a]}</button>`,
        )}
      </div>
      <label class="status-filter">${t.filterStatus}
        <select @change=${(e: Event) => list.setFilter((e.target as HTMLSelectElement).value as StatusFilter, list.assigned)}>
          ${(['open', 'closed', 'all'] as StatusFilter[]).map((s) => html`<option value=${s} ?selected=${list.status === s}>${t[s]}</option>`)}
        </select>
      </label>
    </div>
    <div class="tools">
      <button class="ghost small" type="button" @click=${() => (host.managingReplies = true)}>${t.work.manageReplies}</button>
      <button class="ghost small" type="button" aria-pressed=${String(host.toasts.sound)} @click=${() => host.toasts.toggleSound()}>${t.work.sound}</button>
    </div>
    <h2 class="sr-only" id="list-title">${t.conversations}</h2>
    <ul part="list" class="list" role="listbox" aria-labelledby="list-title" @keydown=${(e: KeyboardEvent) => onListKey(host, e)} @scroll=${(e: Event) => onListScroll(host, e)}>
      ${items.map((c, i) => renderItem(host, c, t, i, items))}
    </ul>
    ${list.error ? html`<p class="list-note error" role="alert">${t.listFailed} <button class="link" type="button" @click=${() => list.reload()}>${t.retry}</button></p>` : nothing}
    ${!items.length && !list.loading && !list.error ? html`<p class="list-note">${t.empty}</p>` : nothing}
    ${list.nextBefore ? html`<button class="link more" type="button" @click=${() => list.loadMore()}>${t.loadMore}</button>` : nothing}`;
}

function renderNotifyButton(host: SidebarHost, t: InboxStrings): TemplateResult | typeof nothing {
  if (host.permission === 'unsupported' || host.permission === 'granted') return nothing;
  const blocked = host.permission === 'denied';
  return html`<button class="icon" type="button" title=${blocked ? t.notificationsBlocked : t.notifications} aria-label=${blocked ? t.notificationsBlocked : t.notifications}
    ?disabled=${blocked} @click=${() => host.askPermission()}>${bellIcon}</button>`;
}

function renderItem(host: SidebarHost, c: InboxItem, t: InboxStrings, index: number, items: InboxItem[]): TemplateResult {
  const selected = c.id === host.selectedId;
  // Roving tabindex: the selected item, or the first one, is the list's single tab stop.
  const tabStop = selected || (!items.some((x) => x.id === host.selectedId) && index === 0);
  const name = host.applicantName(c.applicant, t);
  const online = host.inbox.isOnline(c.applicant.id);
  const typing = host.inbox.typingIn(c.id);
  const assignee = c.assignedLawyerIds[0];
  const when = c.lastMessageAt ?? c.createdAt;
  return html`<li part=${selected ? 'item item-selected' : 'item'} class="item ${c.unread ? 'unread' : ''} ${c.status}" role="option" data-id=${c.id}
    aria-selected=${selected ? 'true' : 'false'} tabindex=${tabStop ? '0' : '-1'} @click=${() => host.openConversation(c.id)}>
    <span class="avatar" aria-hidden="true">${initials(name)}<span class="dot ${online ? 'on' : ''}"></span></span>
    <span class="item-main">
      <span class="item-top">
        <span class="name">${name}</span>
        <time datetime=${when}>${shortTime(when, host.language)}</time>
      </span>
      <span class="item-bottom">
        ${typing
          ? html`<span class="preview typing-hint">${t.typing(typing.name ?? name)}</span>`
          : html`<span class="preview">${c.lastMessagePreview ?? ''}</span>`}
        ${c.unread ? html`<span class="count" aria-hidden="true">${c.unread > 99 ? '99+' : c.unread}</span>` : nothing}
      </span>
      <span class="item-meta">
        ${!assignee ? t.notAssigned : assignee === host.inbox.me ? t.assignedToYou : t.assignedTo(host.inbox.lawyerName(assignee) ?? '…')}
        ${c.status === 'closed' ? html` · ${t.closed}` : nothing}
      </span>
    </span>
    <span class="sr-only">${online ? t.online : t.offlineDot}${c.unread ? `, ${t.unread(c.unread)}` : ''}</span>
  </li>`;
}

function onListKey(host: SidebarHost, e: KeyboardEvent): void {
  const items = [...host.renderRoot.querySelectorAll<HTMLElement>('.item')];
  const current = items.indexOf(e.target as HTMLElement);
  if (current < 0) return;
  let next = -1;
  if (e.key === 'ArrowDown' || e.key === 'j') next = Math.min(items.length - 1, current + 1);
  else if (e.key === 'ArrowUp' || e.key === 'k') next = Math.max(0, current - 1);
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = items.length - 1;
  else if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    void host.openConversation(items[current].dataset.id!).then(() => host.updateComplete).then(() => host.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus());
    return;
  } else return;
  e.preventDefault();
  for (const el of items) el.tabIndex = -1;
  items[next].tabIndex = 0;
  items[next].focus();
}

function onListScroll(host: SidebarHost, e: Event): void {
  const list = e.target as HTMLElement;
  if (list.scrollHeight - list.scrollTop - list.clientHeight < 80) void host.inbox.list.loadMore();
}

function shortTime(iso: string, lang: string): string {
  const d = new Date(iso);
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return timeLabel(d, lang);
  if (now.getTime() - d.getTime() < 6 * 86_400_000) return d.toLocaleDateString(lang, {weekday: 'short'});
  return d.toLocaleDateString(lang, {day: 'numeric', month: 'short'});
}

function initials(name: string): string {
  if (name.startsWith('#') || /#\s*\d+$/.test(name)) return `#${name.replace(/\D+/g, '').slice(-3)}`;
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}
