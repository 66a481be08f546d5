import {html, nothing, type TemplateResult} from 'lit';
import {state, query} from 'lit/decorators.js';
import {NARROW_PX, styles} from './consult-inbox.styles.js';
import {InboxController} from './inbox-controller.js';
import type {InboxItem} from './conversation-list.js';
import {OpenConversations, type ConversationController} from './conversation-controller.js';
import {INBOX_TABLES, type InboxStrings} from './inbox-i18n.js';
import {conversationStyles} from '../shared/message-list.js';
import {ConsultScheduleDialog, type DialogMode} from '../schedule-dialog/schedule-dialog.js';
import type {ConsultationCard} from '../../protocol/consultation.js';
import {ConsultElement, atBottom, baseStyles} from '../shared/element-base.js';
import {RequestError} from '../shared/http.js';
import type {ApplicantDto, MessageDto, VisitorDto} from '../../protocol/chat.js';
import type {ConnectionState, ConversationCore} from '../shared/conversation-core.js';
import {renderSidebar} from './inbox-sidebar.js';
import {renderLogin} from './login-form.js';
import {openConsultationDialog, renderCardControls} from './consultation-controls.js';
import {renderBanner, renderConversationHeader, renderNoConversation} from './conversation-header.js';
import {TitleBadge, alertIfHidden, notify} from './notifications.js';
import './console-composer.js';
import {renderVisitorPanel} from './visitor-panel.js';
import {Toasts} from './toasts.js';
import {renderRepliesManager} from './replies-manager.js';
import type {MessageView} from '../shared/message-list.js';
import {ConsoleSearch, renderSearchBox, renderSearchResults} from './search-panel.js';
import type {SearchHit} from '../../protocol/chat.js';

/** From this width the visitor panel sits beside the conversation when a conversation opens. */
const VISITOR_BESIDE_PX = 1100;
import '../consult-settings/consult-settings.js';
import './consult-signup.js';
import type {LawyerDto} from '../../protocol/chat.js';
// The console carries the documents part in its own script (it has no tag-size budget).
import '../parts/documents/index.js';
import '../parts/email/index.js';
// Booking requests' cards with Accept / Propose another time / Decline.
import '../parts/booking/request-card.js';
import {draggingFiles} from '../parts/documents/attach-button.js';

if (!customElements.get('consult-schedule-dialog')) customElements.define('consult-schedule-dialog', ConsultScheduleDialog);

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
export class ConsultInbox extends ConsultElement<InboxStrings> {
  static override styles = [baseStyles, styles, conversationStyles];

  // Read by the sidebar (inbox-sidebar.ts) and the sign-in form (login-form.ts); not part of the element's API.
  @state() selectedId?: string;
  @state() permission: NotificationPermission | 'unsupported' = 'Notification' in globalThis ? Notification.permission : 'unsupported';
  @state() loginError = '';
  @state() loginBusy = false;
  @state() private actionError = '';
  @state() visitorOpen = false;
  @state() managingReplies = false;
  private visitors = new Map<string, VisitorDto>();
  readonly toasts = new Toasts(this);
  readonly search = new ConsoleSearch(this, {server: () => this.backend, token: () => this.inbox.session?.token});
  /** The settings screens replace the conversation pane. */
  @state() private settingsOpen = false;

  @query('consult-schedule-dialog') private dialog?: ConsultScheduleDialog;

  protected readonly tables = INBOX_TABLES;
  protected readonly side = 'lawyer';

  /** Files from the composer (paperclip, paste) or dropped on the conversation; a note never carries one. */
  private attach(files: Iterable<File>): void {
    if (this.renderRoot.querySelector('consult-composer')?.note) return;
    this.renderRoot.querySelector('consult-documents')?.add(files);
  }

  private onDragOver = (e: DragEvent): void => {
    if (!draggingFiles(e) || this.renderRoot.querySelector('consult-composer')?.note) return;
    e.preventDefault();
    this.renderRoot.querySelector('consult-documents')?.showDropHint();
  };

  private onDrop = (e: DragEvent): void => {
    if (!e.dataTransfer?.files.length) return;
    e.preventDefault();
    this.attach(e.dataTransfer.files);
  };

  readonly inbox = new InboxController(this, {
    server: () => this.backend,
    onApplicantMessage: (c, m) => this.onApplicantMessage(c, m),
    onSignedOut: (reason) => this.onSignedOut(reason),
    onMention: (c, m) => this.toasts.push(this.t.work.mentioned(m.sender.name ?? '…', this.applicantName(c.applicant, this.t)), m.body, c.id),
  });
  private chats = new OpenConversations(this, {
    server: () => this.backend,
    auth: () => {
      const s = this.inbox.session;
      return s && {token: s.token, expiresAt: s.expiresAt, lawyerId: s.lawyer.id};
    },
    onAuthLost: () => this.inbox.logout('expired'),
  });
  private badge = new TitleBadge();
  private focusListOnRender = false;
  /** Whether the reader was at the newest message before the box changed size (a phone keyboard opening). */
  private atBottom = true;
  private resizeObserver = new ResizeObserver(() => {
    const log = this.log;
    if (log && this.atBottom) log.scrollTop = log.scrollHeight;
  });
  private wasSignedIn = false;

  get language(): string {
    return this.l10n.lang;
  }

  private get chat(): ConversationController | undefined {
    return this.chats.get(this.selectedId);
  }

  protected get shown() {
    return this.chat?.core;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
    addEventListener('hashchange', this.openFromHash);
    // An email card turned confirmed: the visitor panel shows the address as confirmed.
    this.addEventListener('consult-email-confirmed', () => this.selectedId && void this.loadVisitor(this.selectedId));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    removeEventListener('hashchange', this.openFromHash);
    this.chats.closeAll();
  }

  /** `#conversation=<id>` (the link in a notification email) opens that conversation. */
  private openFromHash = () => {
    const id = /^#conversation=([0-9a-f]{24})$/i.exec(location.hash)?.[1];
    if (id && this.inbox.session) void this.openConversation(id);
  };

  searchBox(): TemplateResult {
    return renderSearchBox(this, this.t.search);
  }

  searchResults(): TemplateResult | undefined {
    return this.search.active ? renderSearchResults(this, this.t.search, (h) => h.applicant.name || this.t.visitor(h.applicant.number)) : undefined;
  }

  /** Opens a search hit: its conversation, scrolled to the message (loaded around it if far back). */
  async openHit(hit: SearchHit): Promise<void> {
    await this.openConversation(hit.conversationId);
    const chat = this.chat;
    if (hit.seq === null || !chat || chat.conversationId !== hit.conversationId) return;
    await chat.showAround(hit.seq).catch(() => undefined);
    await this.updateComplete;
    const row = this.renderRoot.querySelector<HTMLElement>(`.row[data-seq="${hit.seq}"]`);
    if (!row) return;
    this.stickToBottom = false;
    row.scrollIntoView({block: 'center'});
    row.classList.add('found');
    setTimeout(() => row.classList.remove('found'), 4000);
  }

  /** Opens a conversation by id (also from a notification). */
  async openConversation(id: string): Promise<void> {
    if (!this.inbox.session) return;
    await this.inbox.list.ensure(id);
    if (this.selectedId === id) return;
    this.selectedId = id;
    this.inbox.list.pinned = id;
    this.actionError = '';
    this.stickToBottom = true;
    this.visitorOpen = this.getBoundingClientRect().width >= VISITOR_BESIDE_PX;
    void this.loadVisitor(id);
    this.chats.open(id);
    this.emit('consult-conversation-open', {conversationId: id});
  }

  protected override willUpdate(): void {
    const signedIn = !!this.inbox.session;
    if (signedIn && !this.wasSignedIn) {
      this.emit('consult-signed-in', {lawyer: this.inbox.session!.lawyer});
      queueMicrotask(this.openFromHash);
    }
    this.wasSignedIn = signedIn;
    this.noteScroll();
  }

  protected override updated(): void {
    const log = this.log;
    const shown = this.shown;
    if (log && shown) {
      this.restoreScroll();
      this.atBottom = atBottom(log);
      if (document.visibilityState === 'visible') shown.markRead();
    }
    this.keepSelectionInView();
    if (this.focusListOnRender) {
      this.focusListOnRender = false;
      this.renderRoot.querySelector<HTMLElement>('.item[tabindex="0"]')?.focus();
    }
  }

  /** New activity above pushes the open conversation's row down: bring it back, unless the lawyer is using the list. */
  private keepSelectionInView(): void {
    const item = this.renderRoot.querySelector<HTMLElement>('.item[aria-selected="true"]');
    const list = item?.parentElement;
    if (!item || !list || list.matches(':focus-within, :hover')) return;
    const [r, l] = [item.getBoundingClientRect(), list.getBoundingClientRect()];
    if (r.top < l.top || r.bottom > l.bottom) list.scrollTop += r.top < l.top ? r.top - l.top : r.bottom - l.bottom;
  }

  override render(): TemplateResult {
    const t = this.t;
    if (!this.inbox.session) return renderLogin(this, t);
    if (this.settingsOpen) {
      const s = this.inbox.session;
      return html`<consult-settings class="settings-screen" .server=${this.backend} .token=${s.token} .me=${s.lawyer} lang=${this.language}
        @consult-settings-close=${this.closeSettings} @consult-profile=${this.onProfile}></consult-settings>`;
    }
    const visitor = this.selectedId && this.visitorOpen;
    return html`<div class="app ${this.selectedId ? 'has-selection' : ''} ${visitor ? 'has-visitor' : ''}">
      ${renderSidebar(this, t)}
      ${this.renderConversation(t)}
      ${visitor ? renderVisitorPanel(this.visitors.get(this.selectedId!), t.work, {
        lang: this.language, conversationId: this.selectedId!, open: (id) => void this.openConversation(id), close: () => this.toggleVisitor(),
        askEmail: {label: t.consult.askEmail, ask: () => void this.askEmail()},
      }, t.search) : nothing}
    </div>
    ${this.toasts.render(t.work, (id) => void this.openConversation(id))}
    ${this.managingReplies ? renderRepliesManager(this, t) : nothing}
    <consult-schedule-dialog exportparts="dialog: schedule-dialog" .t=${t.consult} lang=${this.language} @consult-dialog-done=${this.onDialogDone}></consult-schedule-dialog>`;
  }

  // --- sign in ---------------------------------------------------------------------------------

  /** Called by the sign-in form (login-form.ts). */
  async signIn(email: string, password: string): Promise<void> {
    await this.inbox.login(email, password);
    this.focusListOnRender = true;
  }

  openSettings(): void {
    this.settingsOpen = true;
  }

  private closeSettings(): void {
    this.settingsOpen = false;
    this.focusListOnRender = true;
  }

  private onProfile(e: CustomEvent<{lawyer: LawyerDto}>): void {
    const s = this.inbox.session;
    if (s) s.lawyer = {...s.lawyer, ...e.detail.lawyer};
  }

  /** Downloads the conversation as text (the token travels in a header, so no plain link). */
  private async downloadTranscript(id: string): Promise<void> {
    const s = this.inbox.session;
    if (!s) return;
    const res = await fetch(`${this.backend}/api/v1/conversations/${encodeURIComponent(id)}/transcript`, {headers: {authorization: `Bearer ${s.token}`}});
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `conversation-${id}.txt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private async eraseApplicant(applicantId: string, name: string): Promise<void> {
    const s = this.inbox.session;
    if (!s || !confirm(this.t.confirmErase(name))) return;
    const res = await fetch(`${this.backend}/api/v1/applicants/${encodeURIComponent(applicantId)}`, {method: 'DELETE', headers: {authorization: `Bearer ${s.token}`}});
    if (!res.ok) throw new Error(((await res.json().catch(() => null)) as {error?: {message?: string}} | null)?.error?.message ?? `HTTP ${res.status}`);
    this.selectedId = undefined;
    await this.inbox.list.reload();
  }

  private onSignedOut(reason: 'logout' | 'expired'): void {
    this.settingsOpen = false;
    this.chats.closeAll();
    this.selectedId = undefined;
    this.loginError = reason === 'expired' ? this.t.sessionExpired : '';
    this.badge.set(0);
    this.emit('consult-signed-out', {reason});
  }

  // --- conversation ----------------------------------------------------------------------------

  private renderConversation(t: InboxStrings): TemplateResult {
    const chat = this.chat;
    const item = this.selectedId ? this.inbox.list.get(this.selectedId) : undefined;
    const shown = chat?.core;
    const c = shown?.conversation ?? item;
    if (!chat || !shown || !c) return renderNoConversation(t);
    const name = this.applicantName(c.applicant, t);
    const closed = c.status === 'closed';
    const typing = shown.typing.names;
    return html`<main part="conversation" class="conversation" aria-labelledby="conv-title" @keydown=${this.onConversationKey} @dragover=${this.onDragOver} @drop=${this.onDrop}>
      ${renderConversationHeader(c, t, {
        name,
        presence: chat.applicantPresence,
        inbox: this.inbox,
        language: this.language,
        back: () => this.back(),
        act: (fn) => this.act(fn),
        schedule: () => this.openDialog('schedule', name),
        visitor: () => this.toggleVisitor(),
        visitorOpen: this.visitorOpen,
        transcript: () => void this.act(() => this.downloadTranscript(c.id)),
        ...(this.inbox.session?.lawyer.role === 'owner' ? {erase: () => void this.act(() => this.eraseApplicant(c.applicant.id, name))} : {}),
      })}
      ${renderBanner(t, shown.state)}
      ${this.actionError ? html`<p class="banner error" role="alert">${this.actionError}</p>` : nothing}
      ${this.renderMessages(t, shown, name)}
      <div class="typing" aria-live="polite">${typing.length ? t.typing(typing[0] ?? name) : ''}</div>
      ${closed ? html`<p class="closed-note">${t.closedNote}</p>` : nothing}
      <consult-documents></consult-documents>
      <consult-composer .t=${{placeholder: t.placeholder, send: t.send, attach: t.attach, work: t.work}} .replies=${this.inbox.replies}
        .names=${{applicant: name, lawyer: this.inbox.session?.lawyer.name ?? ''}}
        @composer-files=${(e: CustomEvent<File[]>) => this.attach(e.detail)}
        @composer-send=${(e: CustomEvent<{body: string; note: boolean}>) => this.onSend(e.detail.body, e.detail.note)}
        @composer-typing=${() => shown.userTyping()} @composer-idle=${() => shown.stopTyping()}></consult-composer>
    </main>`;
  }

  private renderMessages(t: InboxStrings, shown: ConversationCore, name: string): TemplateResult {
    const views = this.views(shown, (m) => (m.sender.kind === 'applicant' ? name : m.sender.name));
    // Name a sender once per run of their messages.
    for (let i = views.length - 1; i > 0; i--) {
      const [prev, cur] = [views[i - 1].message, views[i].message];
      if (prev && cur && prev.kind !== 'system' && prev.sender.kind === cur.sender.kind && prev.sender.id === cur.sender.id) views[i].author = null;
    }
    // Notes say so above the bubble (own ones too) and have no receipts: the applicant never gets them.
    for (const v of views) {
      if (v.message?.kind === 'note') {
        v.author = `${t.work.noteLabel} · ${v.mine ? t.consult.you : v.message.sender.name ?? ''}`;
        v.delivery = undefined;
      } else if (v.mine) v.author = null;
    }
    const lawyer = (id: string) => (id === this.inbox.me ? t.consult.you : this.inbox.lawyerName(id) ?? '…');
    return this.renderLog(shown, views, t.list, 'row-actions', {
      card: (c) => renderCardControls(c, t.consult, {lawyer: lawyer(c.lawyerId), applicant: name}, (mode, card) => this.openDialog(mode, name, card)),
      more: (v) => this.renderDelete(v, t),
    });
  }

  /** The author may delete their message, the firm's owner any (as the API enforces). */
  private renderDelete(v: MessageView, t: InboxStrings): TemplateResult | typeof nothing {
    const m = v.message;
    const mayDelete = m && !m.deletedAt && (m.kind === 'text' || m.kind === 'note' || m.kind === 'attachment') && (m.sender.id === this.inbox.me || this.inbox.session?.lawyer.role === 'owner');
    if (!mayDelete) return nothing;
    return html`<span class="row-actions msg-actions"><button type="button" @click=${() => this.deleteMessage(m.id)}>${t.work.deleteMessage}</button></span>`;
  }

  private deleteMessage(id: string): void {
    const chat = this.chat;
    if (chat && confirm(this.t.work.confirmDelete)) void this.act(async () => void (await chat.deleteMessage(id)));
  }

  private onSend(body: string, note: boolean): void {
    const chat = this.chat;
    if (!chat) return;
    this.stickToBottom = true;
    if (note) void this.act(async () => void (await chat.sendNote(body)));
    else chat.core.send(body);
  }

  private toggleVisitor(): void {
    this.visitorOpen = !this.visitorOpen;
    if (this.visitorOpen && this.selectedId) void this.loadVisitor(this.selectedId);
  }

  private async loadVisitor(id: string): Promise<void> {
    try {
      this.visitors.set(id, await this.inbox.visitor(id));
      this.requestUpdate();
    } catch {
      // The panel keeps its placeholder; opening it again retries.
    }
  }

  // --- consultations ---------------------------------------------------------------------------

  private openDialog(mode: DialogMode, applicantName: string, card?: ConsultationCard): void {
    const chat = this.chat;
    if (!chat || !this.dialog) return;
    // Invitations go only to a confirmed address: say so before scheduling, and offer to ask.
    const a = chat.core.conversation?.applicant;
    const noEmail = !a?.email ? 'none' as const : !a.verified && !a.emailVerified ? 'unverified' as const : undefined;
    // The firm asks before scheduling: the email card goes into the chat as the dialog opens.
    const auto = mode === 'schedule' && !!noEmail && !!this.visitors.get(chat.conversationId)?.askEmailBeforeScheduling;
    if (auto) void this.askEmail();
    openConsultationDialog(this.dialog, chat, mode, applicantName, card, (action, consultation) => {
      this.emit('consult-consultation', {action, consultation});
      this.stickToBottom = true;
    }, {noEmail, ask: () => void this.askEmail(), asked: auto});
  }

  /** "Ask for email": a form card in the conversation; the applicant confirms an address with a code. */
  private async askEmail(): Promise<void> {
    const chat = this.chat;
    if (!chat) return;
    this.stickToBottom = true;
    await this.act(async () => void (await chat.core.request('contact:ask', {conversationId: chat.conversationId})));
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
    if (id) this.focusAfterRender(`.item[data-id="${CSS.escape(id)}"]`);
  }

  protected override onLogScroll(): void {
    const log = this.log;
    if (log) this.atBottom = atBottom(log);
    super.onLogScroll();
    // After a search hit far back: fill the gap below it before the lawyer scrolls into it.
    const chat = this.chat;
    const edge = chat?.gapAfter != null && log ? log.querySelector(`.row[data-seq="${chat.gapEdge()}"]`) : null;
    if (edge && edge.getBoundingClientRect().top < log!.getBoundingClientRect().bottom + log!.clientHeight) {
      // Checked again once the page is in: a short page may leave the edge in view.
      void chat!.fillForward().then(() => this.updateComplete).then(() => this.onLogScroll(), () => {});
    }
  }

  // --- notifications ---------------------------------------------------------------------------

  async askPermission(): Promise<void> {
    // Asked only from this click, never on load.
    if (!('Notification' in globalThis)) return;
    this.permission = await Notification.requestPermission();
  }

  private onApplicantMessage(c: InboxItem, m: MessageDto): void {
    this.emit('consult-message', {conversation: c, message: m});
    if (document.visibilityState !== 'hidden') {
      // On screen: a toast, unless the lawyer is already reading that conversation.
      if (c.id !== this.selectedId) this.toasts.push(this.t.work.toastFrom(this.applicantName(c.applicant, this.t)), m.body, c.id);
      return;
    }
    alertIfHidden(this.badge, this.permission === 'granted', () =>
      notify(this.t.newMessageFrom(this.applicantName(c.applicant, this.t)), m.body.slice(0, 140), `consult-${c.id}`, () => void this.openConversation(c.id)));
  }

  protected override onVisibility = () => {
    if (document.visibilityState === 'visible') this.badge.set(0);
    this.requestUpdate();
  };

  applicantName(a: ApplicantDto, t: InboxStrings): string {
    return a.name || t.visitor(a.number);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consult-inbox': ConsultInbox;
  }
}
