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
import type {ApplicantDto, MessageDto} from '../../protocol/chat.js';
import type {ConnectionState, ConversationCore} from '../shared/conversation-core.js';
import {renderSidebar} from './inbox-sidebar.js';
import {renderCardControls} from './consultation-controls.js';
import {renderConversationHeader} from './conversation-header.js';
import {TitleBadge, notify} from './notifications.js';
// The console carries the documents part in its own script (it has no tag-size budget).
import '../parts/documents/index.js';

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

  // Read by the sidebar (inbox-sidebar.ts); not part of the element's API.
  @state() selectedId?: string;
  @state() permission: NotificationPermission | 'unsupported' = 'Notification' in globalThis ? Notification.permission : 'unsupported';
  @state() private loginError = '';
  @state() private loginBusy = false;
  @state() private actionError = '';

  @query('consult-schedule-dialog') private dialog?: ConsultScheduleDialog;

  protected readonly tables = INBOX_TABLES;
  protected readonly side = 'lawyer';

  protected override loadDocuments(): Promise<void> {
    return Promise.resolve();
  }
  readonly inbox = new InboxController(this, {
    server: () => this.backend,
    onApplicantMessage: (c, m) => this.onApplicantMessage(c, m),
    onSignedOut: (reason) => this.onSignedOut(reason),
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
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    this.chats.closeAll();
  }

  /** Opens a conversation by id (also from a notification). */
  async openConversation(id: string): Promise<void> {
    if (!this.inbox.session) return;
    await this.inbox.list.ensure(id);
    if (this.selectedId === id) return;
    this.selectedId = id;
    this.actionError = '';
    this.stickToBottom = true;
    this.chats.open(id);
    this.emit('consult-conversation-open', {conversationId: id});
  }

  protected override willUpdate(): void {
    const signedIn = !!this.inbox.session;
    if (signedIn && !this.wasSignedIn) this.emit('consult-signed-in', {lawyer: this.inbox.session!.lawyer});
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
    if (this.focusListOnRender) {
      this.focusListOnRender = false;
      this.renderRoot.querySelector<HTMLElement>('.item[tabindex="0"]')?.focus();
    }
  }

  override render(): TemplateResult {
    const t = this.t;
    if (!this.inbox.session) return this.renderLogin(t);
    return html`<div class="app ${this.selectedId ? 'has-selection' : ''}">
      ${renderSidebar(this, t)}
      ${this.renderConversation(t)}
    </div>
    <consult-schedule-dialog exportparts="dialog: schedule-dialog" .t=${t.consult} lang=${this.language} @consult-dialog-done=${this.onDialogDone}></consult-schedule-dialog>`;
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
      const code = err instanceof RequestError ? err.body.code : 'unavailable';
      this.loginError = code === 'unauthorized' || code === 'bad_request' ? t.badLogin : code === 'rate_limited' ? t.tooManyLogins : t.loginUnavailable;
    } finally {
      this.loginBusy = false;
    }
  }

  private onSignedOut(reason: 'logout' | 'expired'): void {
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
    if (!chat || !shown || !c) {
      return html`<main part="conversation" class="conversation empty-state">
        <p>${t.pickConversation}</p>
        <p class="hint">${t.keyboardHint}</p>
      </main>`;
    }
    const name = this.applicantName(c.applicant, t);
    const closed = c.status === 'closed';
    const typing = shown.typing.names;
    return html`<main part="conversation" class="conversation" aria-labelledby="conv-title" @keydown=${this.onConversationKey}>
      ${renderConversationHeader(c, t, {
        name,
        presence: chat.applicantPresence,
        inbox: this.inbox,
        language: this.language,
        back: () => this.back(),
        act: (fn) => this.act(fn),
        schedule: () => this.openDialog('schedule', name),
      })}
      ${this.renderBanner(t, shown.state)}
      ${this.actionError ? html`<p class="banner error" role="alert">${this.actionError}</p>` : nothing}
      ${this.renderMessages(t, shown, name)}
      <div class="typing" aria-live="polite">${typing.length ? t.typing(typing[0] ?? name) : ''}</div>
      ${closed ? html`<p class="closed-note">${t.closedNote}</p>` : nothing}
      ${this.renderComposer(shown, t, 2)}
    </main>`;
  }

  private renderBanner(t: InboxStrings, s: ConnectionState): TemplateResult | typeof nothing {
    if (s === 'online' || s === 'idle') return nothing;
    const text = s === 'offline' ? t.offline : s === 'connecting' ? t.connecting : t.reconnecting;
    return html`<div part="banner" class="banner ${s}" role="status">${text}</div>`;
  }

  private renderMessages(t: InboxStrings, shown: ConversationCore, name: string): TemplateResult {
    const views = this.views(shown, (m) => (m.sender.kind === 'applicant' ? name : m.sender.name));
    // Name a sender once per run of their messages.
    for (let i = views.length - 1; i > 0; i--) {
      const [prev, cur] = [views[i - 1].message, views[i].message];
      if (prev && cur && prev.kind !== 'system' && prev.sender.kind === cur.sender.kind && prev.sender.id === cur.sender.id) views[i].author = null;
    }
    const lawyer = (id: string) => (id === this.inbox.me ? t.consult.you : this.inbox.lawyerName(id) ?? '…');
    return this.renderLog(shown, views, t.list, 'row-actions', {
      card: (c) => renderCardControls(c, t.consult, {lawyer: lawyer(c.lawyerId), applicant: name}, (mode, card) => this.openDialog(mode, name, card)),
    });
  }

  // --- consultations ---------------------------------------------------------------------------

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
  }

  // --- notifications ---------------------------------------------------------------------------

  async askPermission(): Promise<void> {
    // Asked only from this click, never on load.
    if (!('Notification' in globalThis)) return;
    this.permission = await Notification.requestPermission();
  }

  private onApplicantMessage(c: InboxItem, m: MessageDto): void {
    this.emit('consult-message', {conversation: c, message: m});
    if (document.visibilityState !== 'hidden') return;
    this.badge.set(this.badge.count + 1);
    if (this.permission !== 'granted') return;
    notify(this.t.newMessageFrom(this.applicantName(c.applicant, this.t)), m.body.slice(0, 140), `consult-${c.id}`, () => void this.openConversation(c.id));
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
