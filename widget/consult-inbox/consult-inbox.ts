import {LitElement, html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {NARROW_PX, styles} from './consult-inbox.styles.js';
import {InboxController, HttpError, type AssignedFilter, type InboxItem, type StatusFilter} from './inbox-controller.js';
import {ConversationController} from './conversation-controller.js';
import {INBOX_TABLES, pickInboxLang, type InboxStrings} from './inbox-i18n.js';
import {TABLES, type Strings} from '../shared/i18n.js';
import {cardStyles, renderList, type MessageView} from '../shared/message-list.js';
import {ConsultScheduleDialog, type DialogMode} from './schedule-dialog.js';
import type {ConsultationCard} from '../../protocol/consultation.js';
import {SCRIPT_ORIGIN, baseStyles, sendIcon} from '../shared/element-base.js';
import {relativeTime, timeLabel} from '../shared/format.js';
import type {ApplicantDto, MessageDto} from '../../protocol/chat.js';

if (!customElements.get('consult-schedule-dialog')) customElements.define('consult-schedule-dialog', ConsultScheduleDialog);


const backIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15.4 7.4 14 6l-6 6 6 6 1.4-1.4L10.8 12z"/></svg>`;
const calendarIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3zm12 8H5v9h14zM9 12v2H7v-2zm4 0v2h-2v-2zm4 0v2h-2v-2z"/></svg>`;
const bellIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11c0-3.1-1.6-5.6-4.5-6.3V4a1.5 1.5 0 0 0-3 0v.7C7.6 5.4 6 7.9 6 11v5l-2 2v1h16v-1z"/></svg>`;

/**
 * The lawyer console: sign in, the firm's conversations (filtered, live), and the conversation
 * view with the same message features as the applicant's widget.
 *
 * @fires consult-signed-in - a lawyer signed in (or a stored session was restored); `detail.lawyer`
 * @fires consult-signed-out - the session ended; `detail.reason` is `logout` or `expired`
 * @fires consult-conversation-open - a conversation was opened; `detail.conversationId`
 * @fires consult-message - an applicant's message arrived; `detail.conversation`, `detail.message`
 * @fires consult-consultation - the lawyer scheduled, moved or cancelled a consultation; `detail.action`, `detail.consultation`
 *
 * @csspart login - the sign-in form
 * @csspart sidebar - the column with filters and the conversation list
 * @csspart filters - the filter controls
 * @csspart list - the conversation list
 * @csspart item - one conversation in the list (also `item-selected`)
 * @csspart conversation - the open conversation's column
 * @csspart header - the open conversation's header with its actions
 * @csspart banner - the connection status line
 * @csspart messages - the scrolling message list
 * @csspart message - every message bubble (also `message-mine` / `message-theirs`)
 * @csspart system-message - assignment / closing notices
 * @csspart consultation-card - a scheduled consultation
 * @csspart consultation-controls - the console's invite states and buttons on a card
 * @csspart schedule-dialog - the schedule / reschedule / cancel dialog
 * @csspart composer - the reply form
 *
 * @cssproperty --consult-accent - accent colour (buttons, own bubbles, selection)
 * @cssproperty --consult-on-accent - text colour on the accent
 * @cssproperty --consult-font - font family
 * @cssproperty --consult-background - page background
 * @cssproperty --consult-surface - panels' background
 * @cssproperty --consult-text - text colour
 * @cssproperty --consult-muted - secondary text colour
 * @cssproperty --consult-border - hairlines
 * @cssproperty --consult-bubble - background of the applicant's bubbles
 * @cssproperty --consult-radius - corner radius of bubbles
 * @cssproperty --consult-focus - focus ring colour
 */
export class ConsultInbox extends LitElement {
  static override styles = [baseStyles, styles, cardStyles];

  /** Backend origin; defaults to the origin this script was loaded from. */
  @property({attribute: 'server'}) server = '';
  /** Language (en, fr); else the page's `<html lang>`, else the browser's. */
  @property({attribute: 'lang'}) override lang = '';

  @state() private selectedId?: string;
  @state() private loginError = '';
  @state() private loginBusy = false;
  @state() private actionError = '';
  @state() private permission: NotificationPermission | 'unsupported' = 'Notification' in globalThis ? Notification.permission : 'unsupported';

  @query('.log') private log?: HTMLElement;
  @query('consult-schedule-dialog') private dialog?: ConsultScheduleDialog;

  private inbox = new InboxController(this, {
    server: () => this.backend,
    onApplicantMessage: (c, m) => this.onApplicantMessage(c, m),
    onSignedOut: (reason) => this.onSignedOut(reason),
  });
  private chats = new Map<string, ConversationController>();
  private hiddenCount = 0;
  private baseTitle = document.title;
  private stickToBottom = true;
  private scrollAnchor?: {oldest: string | undefined; height: number};
  private focusListOnRender = false;
  /** Whether the reader was at the newest message before the box changed size (a phone keyboard opening). */
  private atBottom = true;
  private resizeObserver = new ResizeObserver(() => {
    const log = this.log;
    if (log && this.atBottom) log.scrollTop = log.scrollHeight;
  });
  private wasSignedIn = false;

  private get backend(): string {
    return (this.server || SCRIPT_ORIGIN).replace(/\/+$/, '');
  }

  private get t(): InboxStrings {
    return INBOX_TABLES[pickInboxLang(this.lang, document.documentElement.lang, navigator.languages)];
  }

  private get lang_(): string {
    return pickInboxLang(this.lang, document.documentElement.lang, navigator.languages);
  }

  private get mt(): Strings {
    return TABLES[this.lang_ as keyof typeof TABLES];
  }

  private get chat(): ConversationController | undefined {
    return this.selectedId ? this.chats.get(this.selectedId) : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.resizeObserver.disconnect();
    for (const c of this.chats.values()) c.dispose();
    this.chats.clear();
  }

  /** Opens a conversation by id (also from a notification). */
  async openConversation(id: string): Promise<void> {
    if (!this.inbox.session) return;
    await this.inbox.ensure(id);
    if (this.selectedId === id) return;
    this.selectedId = id;
    this.actionError = '';
    this.stickToBottom = true;
    let chat = this.chats.get(id);
    if (!chat) {
      chat = new ConversationController(this, {
        server: () => this.backend,
        conversationId: id,
        auth: () => {
          const s = this.inbox.session;
          return s && {token: s.token, expiresAt: s.expiresAt, lawyerId: s.lawyer.id};
        },
        onAuthLost: () => this.inbox.logout('expired'),
      });
      this.chats.set(id, chat);
      void chat.start();
    }
    this.pruneChats();
    this.emit('consult-conversation-open', {conversationId: id});
  }

  /** Keeps the open conversation and any with unsent replies; the rest close their sockets. */
  private pruneChats(): void {
    for (const [id, c] of this.chats) {
      if (id === this.selectedId || c.pending.length) continue;
      c.dispose();
      this.chats.delete(id);
    }
  }

  protected override willUpdate(): void {
    const signedIn = !!this.inbox.session;
    if (signedIn && !this.wasSignedIn) this.emit('consult-signed-in', {lawyer: this.inbox.session!.lawyer});
    this.wasSignedIn = signedIn;
    const log = this.log;
    if (log) {
      this.stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
      this.scrollAnchor = {oldest: this.chat?.store.messages[0]?.id, height: log.scrollHeight};
    }
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const log = this.log;
    const chat = this.chat;
    if (log && chat) {
      const anchor = this.scrollAnchor;
      if (anchor?.oldest && anchor.oldest !== chat.store.messages[0]?.id && !this.stickToBottom) {
        log.scrollTop += log.scrollHeight - anchor.height; // older page above: keep the reader's place
      } else if (this.stickToBottom) {
        log.scrollTop = log.scrollHeight;
      }
      this.atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
      if (document.visibilityState === 'visible') chat.markRead();
    }
    if (this.focusListOnRender) {
      this.focusListOnRender = false;
      this.renderRoot.querySelector<HTMLElement>('.item[tabindex="0"]')?.focus();
    }
  }

  override render(): TemplateResult {
    const t = this.t;
    if (!this.inbox.session) return this.renderLogin(t);
    return html`<div class="app ${this.selectedId ? 'has-selection' : ''}">
      ${this.renderSidebar(t)}
      ${this.renderConversation(t)}
    </div>
    <consult-schedule-dialog exportparts="dialog: schedule-dialog" .t=${t.consult} lang=${this.lang_} @consult-dialog-done=${this.onDialogDone}></consult-schedule-dialog>`;
  }

  // --- sign in ---------------------------------------------------------------------------------

  private renderLogin(t: InboxStrings): TemplateResult {
    return html`<main class="login-page">
      <form part="login" class="login" @submit=${this.onLogin} aria-labelledby="login-title">
        <p class="product">${t.product}</p>
        <h1 id="login-title">${t.signInTitle}</h1>
        <p class="intro">${t.signInIntro}</p>
        <label>${t.email}<input name="email" type="email" autocomplete="username" required maxlength="200"></label>
        <label>${t.password}<input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
        ${this.loginError ? html`<p class="error" role="alert">${this.loginError}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.loginBusy}>${this.loginBusy ? t.signingIn : t.signIn}</button>
      </form>
    </main>`;
  }

  private async onLogin(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const t = this.t;
    this.loginBusy = true;
    this.loginError = '';
    try {
      await this.inbox.login(String(data.get('email') ?? '').trim(), String(data.get('password') ?? ''));
      this.focusListOnRender = true;
    } catch (err) {
      const code = err instanceof HttpError ? err.body.code : 'unavailable';
      this.loginError = code === 'unauthorized' || code === 'bad_request' ? t.badLogin : code === 'rate_limited' ? t.tooManyLogins : t.loginUnavailable;
    } finally {
      this.loginBusy = false;
    }
  }

  private onSignedOut(reason: 'logout' | 'expired'): void {
    for (const c of this.chats.values()) c.dispose();
    this.chats.clear();
    this.selectedId = undefined;
    this.loginError = reason === 'expired' ? this.t.sessionExpired : '';
    this.setTitleBadge(0);
    this.emit('consult-signed-out', {reason});
  }

  // --- sidebar ---------------------------------------------------------------------------------

  private renderSidebar(t: InboxStrings): TemplateResult {
    const inbox = this.inbox;
    const me = inbox.session!.lawyer;
    const items = inbox.conversations;
    return html`<aside part="sidebar" class="sidebar" aria-label=${t.conversations}>
      <header class="me">
        <div class="me-text">
          <strong>${me.name}</strong>
          <span class="conn ${inbox.state}">${inbox.state === 'online' ? t.online : inbox.state === 'offline' ? t.offlineDot : t[inbox.state === 'connecting' ? 'connecting' : 'reconnecting']}</span>
        </div>
        ${this.renderNotifyButton(t)}
        <button class="ghost" type="button" @click=${() => this.inbox.logout()}>${t.signOut}</button>
      </header>
      <div part="filters" class="filters">
        <div class="segmented" role="group" aria-label=${t.filterAssigned}>
          ${(['unassigned', 'me', 'all'] as AssignedFilter[]).map(
            (a) => html`<button type="button" aria-pressed=${inbox.assigned === a ? 'true' : 'false'} @click=${() => inbox.setFilter(inbox.status, a)}>${a === 'me' ? t.mine : t[a]}</button>`,
          )}
        </div>
        <label class="status-filter">${t.filterStatus}
          <select @change=${(e: Event) => inbox.setFilter((e.target as HTMLSelectElement).value as StatusFilter, inbox.assigned)}>
            ${(['open', 'closed', 'all'] as StatusFilter[]).map((s) => html`<option value=${s} ?selected=${inbox.status === s}>${t[s]}</option>`)}
          </select>
        </label>
      </div>
      <h2 class="sr-only" id="list-title">${t.conversations}</h2>
      <ul part="list" class="list" role="listbox" aria-labelledby="list-title" @keydown=${this.onListKey} @scroll=${this.onListScroll}>
        ${items.map((c, i) => this.renderItem(c, t, i, items))}
      </ul>
      ${inbox.listError ? html`<p class="list-note error" role="alert">${t.listFailed} <button class="link" type="button" @click=${() => inbox.reload()}>${t.retry}</button></p>` : nothing}
      ${!items.length && !inbox.loading && !inbox.listError ? html`<p class="list-note">${t.empty}</p>` : nothing}
      ${inbox.nextBefore ? html`<button class="link more" type="button" @click=${() => inbox.loadMore()}>${t.loadMore}</button>` : nothing}
    </aside>`;
  }

  private renderNotifyButton(t: InboxStrings): TemplateResult | typeof nothing {
    if (this.permission === 'unsupported' || this.permission === 'granted') return nothing;
    const blocked = this.permission === 'denied';
    return html`<button class="icon" type="button" title=${blocked ? t.notificationsBlocked : t.notifications} aria-label=${blocked ? t.notificationsBlocked : t.notifications}
      ?disabled=${blocked} @click=${this.askPermission}>${bellIcon}</button>`;
  }

  private renderItem(c: InboxItem, t: InboxStrings, index: number, items: InboxItem[]): TemplateResult {
    const selected = c.id === this.selectedId;
    // Roving tabindex: the selected item, or the first one, is the list's single tab stop.
    const tabStop = selected || (!items.some((x) => x.id === this.selectedId) && index === 0);
    const name = this.applicantName(c.applicant, t);
    const online = this.inbox.isOnline(c.applicant.id);
    const typing = this.inbox.typingIn(c.id);
    const assignee = c.assignedLawyerIds[0];
    const when = c.lastMessageAt ?? c.createdAt;
    return html`<li part=${selected ? 'item item-selected' : 'item'} class="item ${c.unread ? 'unread' : ''} ${c.status}" role="option" data-id=${c.id}
      aria-selected=${selected ? 'true' : 'false'} tabindex=${tabStop ? '0' : '-1'} @click=${() => this.openConversation(c.id)}>
      <span class="avatar" aria-hidden="true">${initials(name)}<span class="dot ${online ? 'on' : ''}"></span></span>
      <span class="item-main">
        <span class="item-top">
          <span class="name">${name}</span>
          <time datetime=${when}>${this.shortTime(when)}</time>
        </span>
        <span class="item-bottom">
          ${typing
            ? html`<span class="preview typing-hint">${t.typing(typing.name ?? name)}</span>`
            : html`<span class="preview">${c.lastMessagePreview ?? ''}</span>`}
          ${c.unread ? html`<span class="count" aria-hidden="true">${c.unread > 99 ? '99+' : c.unread}</span>` : nothing}
        </span>
        <span class="item-meta">
          ${!assignee ? t.notAssigned : assignee === this.inbox.me ? t.assignedToYou : t.assignedTo(this.inbox.lawyerName(assignee) ?? '…')}
          ${c.status === 'closed' ? html` · ${t.closed}` : nothing}
        </span>
      </span>
      <span class="sr-only">${online ? t.online : t.offlineDot}${c.unread ? `, ${t.unread(c.unread)}` : ''}</span>
    </li>`;
  }

  private onListKey(e: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('.item')];
    const current = items.indexOf(e.target as HTMLElement);
    if (current < 0) return;
    let next = -1;
    if (e.key === 'ArrowDown' || e.key === 'j') next = Math.min(items.length - 1, current + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') next = Math.max(0, current - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      void this.openConversation(items[current].dataset.id!).then(() => this.updateComplete).then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus());
      return;
    } else return;
    e.preventDefault();
    for (const el of items) el.tabIndex = -1;
    items[next].tabIndex = 0;
    items[next].focus();
  }

  private onListScroll(e: Event): void {
    const list = e.target as HTMLElement;
    if (list.scrollHeight - list.scrollTop - list.clientHeight < 80) void this.inbox.loadMore();
  }

  // --- conversation ----------------------------------------------------------------------------

  private renderConversation(t: InboxStrings): TemplateResult {
    const chat = this.chat;
    const item = this.selectedId ? this.inbox.get(this.selectedId) : undefined;
    const c = chat?.conversation ?? item;
    if (!chat || !c) {
      return html`<main part="conversation" class="conversation empty-state">
        <p>${t.pickConversation}</p>
        <p class="hint">${t.keyboardHint}</p>
      </main>`;
    }
    const name = this.applicantName(c.applicant, t);
    const presence = chat.applicantPresence;
    const online = presence?.online ?? this.inbox.isOnline(c.applicant.id);
    const lastSeen = presence?.lastSeenAt ?? c.applicant.lastSeenAt;
    const me = this.inbox.me!;
    const assignee = c.assignedLawyerIds[0];
    const closed = c.status === 'closed';
    return html`<main part="conversation" class="conversation" aria-labelledby="conv-title" @keydown=${this.onConversationKey}>
      <header part="header" class="conv-header">
        <button class="icon back" type="button" aria-label=${t.back} @click=${this.back}>${backIcon}</button>
        <div class="who">
          <h2 id="conv-title">${name}${c.applicant.verified ? html` <span class="badge">${t.verified}</span>` : nothing}</h2>
          <p class="presence ${online ? 'on' : ''}">
            <span class="dot ${online ? 'on' : ''}" aria-hidden="true"></span>${online ? t.online : lastSeen ? t.lastSeen(relativeTime(lastSeen, this.lang_)) : t.offlineDot}${c.applicant.email ? html` · <span class="email">${c.applicant.email}</span>` : nothing}${c.topic ? html` · ${t.topic}: ${c.topic}` : nothing}
          </p>
        </div>
        <div class="actions-bar">
          ${assignee !== me ? html`<button class="primary small" type="button" @click=${() => this.act(() => this.inbox.claim(c.id))}>${t.claim}</button>` : nothing}
          <label class="assign"><span class="sr-only">${t.assignTo}</span>
            <select aria-label=${t.assignTo} @change=${(e: Event) => this.onAssign(e, c.id)}>
              <option value="" selected>${assignee ? t.assignedTo(assignee === me ? t.you : this.inbox.lawyerName(assignee) ?? '…') : `${t.assignTo}…`}</option>
              ${this.inbox.lawyers.filter((l) => l.id !== assignee).map((l) => html`<option value=${l.id}>${t.assignTo} ${l.name}${l.online ? ` (${t.online.toLowerCase()})` : ''}</option>`)}
            </select>
          </label>
          <button class="ghost small" type="button" @click=${() => this.act(() => this.inbox.setStatus(c.id, closed ? 'open' : 'closed'))}>${closed ? t.reopen : t.close}</button>
          <button class="ghost small schedule" type="button" title=${t.consult.schedule} @click=${() => this.openDialog('schedule', name)}>${calendarIcon}<span>${t.consult.schedule}</span></button>
        </div>
      </header>
      ${this.renderBanner(t, chat)}
      ${this.actionError ? html`<p class="banner error" role="alert">${this.actionError}</p>` : nothing}
      ${this.renderMessages(chat, name)}
      <div class="typing" aria-live="polite">${chat.typingNames.length ? t.typing(chat.typingNames[0] ?? name) : ''}</div>
      ${closed ? html`<p class="closed-note">${t.closedNote}</p>` : nothing}
      <form part="composer" class="composer" @submit=${this.onSubmit}>
        <textarea rows="2" aria-label=${t.placeholder} placeholder=${t.placeholder} maxlength="4000"
          @keydown=${this.onComposerKey} @input=${() => chat.userTyping()} @blur=${() => chat.stopTyping()}></textarea>
        <button class="send" type="submit" aria-label=${t.send}>${sendIcon}</button>
      </form>
    </main>`;
  }

  private renderBanner(t: InboxStrings, chat: ConversationController): TemplateResult | typeof nothing {
    const s = chat.state;
    if (s === 'online' || s === 'idle') return nothing;
    const text = s === 'offline' ? t.offline : s === 'connecting' ? t.connecting : t.reconnecting;
    return html`<div part="banner" class="banner ${s}" role="status">${text}</div>`;
  }

  private renderMessages(chat: ConversationController, name: string): TemplateResult {
    const t = this.t;
    const mt = this.mt;
    const views: MessageView[] = chat.store.messages.map((m) => ({
      key: m.id,
      mine: m.sender.kind === 'lawyer',
      message: m,
      body: m.body,
      createdAt: new Date(m.createdAt),
      author: m.sender.kind === 'applicant' ? name : m.sender.name,
      delivery: m.sender.kind === 'lawyer' ? chat.deliveryOf(m) : undefined,
    }));
    // Name a sender once per run of their messages.
    for (let i = views.length - 1; i > 0; i--) {
      const [prev, cur] = [views[i - 1].message, views[i].message];
      if (prev && cur && prev.kind !== 'system' && prev.sender.kind === cur.sender.kind && prev.sender.id === cur.sender.id) views[i].author = null;
    }
    for (const e of chat.pending) {
      views.push({key: e.clientId, mine: true, body: e.body, createdAt: new Date(e.createdAt), delivery: e.failed ? 'failed' : 'sending'});
    }
    return html`<div part="messages" class="log" role="log" aria-live="polite" aria-label=${mt.messages} tabindex="0" @scroll=${this.onLogScroll}>
      ${chat.hasOlder ? html`<button class="older" type="button" @click=${() => chat.loadOlder()}>${mt.loadOlder}</button>` : nothing}
      ${renderList(views, {
        lang: this.lang_,
        t: mt,
        actions: (v) => (v.delivery === 'failed'
          ? html`<span class="row-actions"><button type="button" @click=${() => chat.retry(v.key)}>${mt.retry}</button><button type="button" @click=${() => chat.discard(v.key)}>${mt.remove}</button></span>`
          : nothing),
        card: (c) => this.renderCardControls(c, t, name),
      })}
    </div>`;
  }

  // --- consultations ---------------------------------------------------------------------------

  /** Invite delivery per person, then Reschedule / Cancel while it is still ahead. */
  private renderCardControls(c: ConsultationCard, t: InboxStrings, applicantName: string): TemplateResult {
    const k = t.consult;
    const lawyer = c.lawyerId === this.inbox.me ? k.you : this.inbox.lawyerName(c.lawyerId) ?? '…';
    const invites = [[lawyer, c.invites.lawyer], [applicantName, c.invites.applicant]] as const;
    const ahead = c.status === 'scheduled' && Date.parse(c.end) > Date.now();
    return html`<div class="consult-controls" part="consultation-controls">
      <p class="invites-title">${k.invitations}</p>
      <ul class="invites">
        ${invites.map(([who, inv]) => (inv
          ? html`<li class="invite ${inv.status}" data-status=${inv.status}><span class="invitee">${who}</span> <span class="state">${k.invite(inv.event, inv.status, inv.reason)}</span></li>`
          : nothing))}
      </ul>
      ${ahead
        ? html`<div class="consult-actions">
            <button type="button" class="reschedule" @click=${() => this.openDialog('reschedule', applicantName, c)}>${k.reschedule}</button>
            <button type="button" class="cancel" @click=${() => this.openDialog('cancel', applicantName, c)}>${k.cancel}</button>
          </div>`
        : nothing}
    </div>`;
  }

  private openDialog(mode: DialogMode, applicantName: string, card?: ConsultationCard): void {
    const chat = this.chat;
    if (!chat || !this.dialog) return;
    const done = (action: DialogMode, consultation: ConsultationCard) => this.emit('consult-consultation', {action, consultation});
    void this.dialog.show({
      mode,
      applicantName,
      card,
      providers: () => chat.providers(),
      submit: async (v) => {
        if (mode === 'schedule') done(mode, await chat.schedule(v.start, v.durationMinutes, v.provider));
        else if (mode === 'reschedule') done(mode, await chat.reschedule(card!.id, v.start, v.durationMinutes));
        else done(mode, await chat.cancelConsultation(card!.id));
        this.stickToBottom = true;
      },
    });
  }

  /** A cancelled card loses the button that opened the dialog: keep focus in the conversation. */
  private async onDialogDone(): Promise<void> {
    await this.updateComplete;
    if (!this.shadowRoot?.activeElement) this.log?.focus();
  }

  private async act(fn: () => Promise<void>): Promise<void> {
    this.actionError = '';
    try {
      await fn();
    } catch (err) {
      this.actionError = this.t.actionFailed((err as Error).message);
    }
  }

  private onAssign(e: Event, conversationId: string): void {
    const select = e.target as HTMLSelectElement;
    const lawyerId = select.value;
    select.value = '';
    if (lawyerId) void this.act(() => this.inbox.assign(conversationId, lawyerId));
  }

  private onComposerKey(e: KeyboardEvent): void {
    // Enter sends, Shift+Enter is a newline; never while an IME is composing.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      (e.target as HTMLTextAreaElement).form!.requestSubmit();
    }
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const box = (e.target as HTMLFormElement).querySelector('textarea')!;
    if (!box.value.trim() || !this.chat) return;
    this.chat.send(box.value);
    box.value = '';
    this.stickToBottom = true;
    box.focus();
  }

  private onConversationKey(e: KeyboardEvent): void {
    // Escape goes back to the list, where the arrow keys move between conversations.
    if (e.key !== 'Escape') return;
    e.preventDefault();
    this.back();
  }

  private back(): void {
    const id = this.selectedId;
    // On narrow screens the list replaces the conversation; keep the selection for wide ones.
    if (this.getBoundingClientRect().width <= NARROW_PX) this.selectedId = undefined;
    this.focusListOnRender = true;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      if (id) this.renderRoot.querySelector<HTMLElement>(`.item[data-id="${CSS.escape(id)}"]`)?.focus();
    });
  }

  private onLogScroll(): void {
    const log = this.log;
    if (log) this.atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    if (log && log.scrollTop < 40 && this.chat?.hasOlder) void this.chat.loadOlder();
  }

  // --- notifications ---------------------------------------------------------------------------

  private async askPermission(): Promise<void> {
    // Asked only from this click, never on load.
    if (!('Notification' in globalThis)) return;
    this.permission = await Notification.requestPermission();
  }

  private onApplicantMessage(c: InboxItem, m: MessageDto): void {
    this.emit('consult-message', {conversation: c, message: m});
    if (document.visibilityState !== 'hidden') return;
    this.setTitleBadge(this.hiddenCount + 1);
    if (this.permission !== 'granted') return;
    const name = this.applicantName(c.applicant, this.t);
    try {
      const n = new Notification(this.t.newMessageFrom(name), {body: m.body.slice(0, 140), tag: `consult-${c.id}`});
      n.onclick = () => {
        window.focus();
        void this.openConversation(c.id);
        n.close();
      };
    } catch {
      // Some browsers only allow notifications from a service worker; the title badge remains.
    }
  }

  private setTitleBadge(n: number): void {
    if (this.hiddenCount === 0) this.baseTitle = document.title;
    this.hiddenCount = n;
    document.title = n ? `(${n}) ${this.baseTitle}` : this.baseTitle;
  }

  private onVisibility = () => {
    if (document.visibilityState === 'visible') this.setTitleBadge(0);
    this.requestUpdate();
  };

  // --- helpers ---------------------------------------------------------------------------------

  private applicantName(a: ApplicantDto, t: InboxStrings): string {
    return a.name || t.visitor(a.number);
  }

  private shortTime(iso: string): string {
    const d = new Date(iso);
    const now = new Date();
    if (d.toDateString() === now.toDateString()) return timeLabel(d, this.lang_);
    if (now.getTime() - d.getTime() < 6 * 86_400_000) return d.toLocaleDateString(this.lang_, {weekday: 'short'});
    return d.toLocaleDateString(this.lang_, {day: 'numeric', month: 'short'});
  }

  private emit(type: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(type, {detail, bubbles: true, composed: true}));
  }
}

function initials(name: string): string {
  if (name.startsWith('#') || /#\s*\d+$/.test(name)) return `#${name.replace(/\D+/g, '').slice(-3)}`;
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

declare global {
  interface HTMLElementTagNameMap {
    'consult-inbox': ConsultInbox;
  }
}
