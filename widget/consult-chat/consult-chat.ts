import {html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {styles} from './consult-chat.styles.js';
import {ChatController} from '../shared/chat-controller.js';
import {TABLES, type Strings} from '../shared/i18n.js';
import {conversationStyles} from '../shared/message-list.js';
import {ConsultElement, baseStyles} from '../shared/element-base.js';
import {relativeTime} from '../shared/format.js';
import type {MessageDto} from '../../protocol/chat.js';
import {loadPart} from '../shared/parts.js';
import type {PrechatAnswers} from '../shared/chat-controller.js';

const chatIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z"/></svg>`;
const closeIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z"/></svg>`;

/**
 * The applicant's consultation chat: a launcher that opens a panel talking to the firm's lawyers.
 * Nothing is requested, connected or stored until the visitor opens it.
 *
 * @fires consult-open - the panel opened
 * @fires consult-close - the panel closed
 * @fires consult-message - a lawyer's message arrived; `detail.message` is the MessageDto
 * @fires consult-unread - the unread count changed; `detail.count`
 *
 * @csspart root - the fixed-position container of launcher and panel
 * @csspart launcher - the round button that opens and closes the chat
 * @csspart badge - the unread counter on the launcher
 * @csspart panel - the chat window
 * @csspart header - the panel's title bar
 * @csspart banner - the connection status line
 * @csspart messages - the scrolling message list
 * @csspart message - every message bubble (also `message-mine` / `message-theirs`)
 * @csspart system-message - assignment / closing notices
 * @csspart consultation-card - a scheduled consultation
 * @csspart composer - the form with the text box and send button
 * @csspart prechat - the optional form asked before the first message
 *
 * @cssproperty --consult-accent - accent colour (launcher, header, own bubbles); overrides the firm's
 * @cssproperty --consult-on-accent - text colour on the accent
 * @cssproperty --consult-z-index - stacking order (default 2147483000)
 * @cssproperty --consult-offset - distance from the viewport corner (default 20px)
 * @cssproperty --consult-font - font family
 * @cssproperty --consult-background - panel background
 * @cssproperty --consult-text - text colour
 * @cssproperty --consult-muted - secondary text colour
 * @cssproperty --consult-bubble - background of the lawyers' bubbles
 * @cssproperty --consult-radius - corner radius
 * @cssproperty --consult-focus - focus ring colour
 */
export class ConsultChat extends ConsultElement<Strings> {
  static override styles = [baseStyles, styles, conversationStyles];
  static override properties = {
    site: {},
    position: {},
    accent: {},
    greeting: {},
    opened: {attribute: 'open', type: Boolean, reflect: true},
    identityToken: {attribute: 'identity-token'},
    prechatBusy: {state: true},
    prechatError: {state: true},
  };

  /** The firm's public site key. */
  site = '';
  /** `bottom-right` (default) or `bottom-left`. */
  position: 'bottom-right' | 'bottom-left' = 'bottom-right';
  /** Accent colour; overrides the firm's. */
  accent = '';
  /** Greeting shown atop the conversation; overrides the firm's. */
  greeting = '';
  /** Whether the panel is open. Setting it opens the chat (and engages, like a click). */
  opened = false;
  /** A JWT signed by the host site with the firm's identity secret, for logged-in visitors. */
  identityToken = '';

  private prechatBusy = false;
  /** The server's refusal of the pre-chat answers; the intake part words it in the visitor's language. */
  private prechatError: unknown = '';
  /** An email's reschedule link (`#consult-reschedule=<token>`): the panel opens and the booking part's picker with it. */
  private move = location.hash.includes('consult-reschedule=');


  protected readonly tables = TABLES;
  protected readonly side = 'applicant';
  private chat = new ChatController(this, {
    server: () => this.backend,
    site: () => this.site,
    identityToken: () => this.identityToken || undefined,
    onIncoming: (message: MessageDto) => this.emit('consult-message', {message}),
  });
  private focusOnOpen = false;
  /** Which view the panel shows, and whether focus was in it before this update. */
  private view?: 'prechat' | 'chat';
  private hadFocus = false;
  private lastUnread = 0;

  private get root(): HTMLElement | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('.root') ?? undefined;
  }

  protected get shown() {
    return this.chat.core;
  }

  /** Opens the panel (and starts the chat on first use). */
  open(): void {
    this.focusOnOpen = true;
    this.opened = true;
  }

  /** Closes the panel; focus goes back to the launcher when it was inside. */
  close(): void {
    const hadFocus = this.matches(':focus-within');
    this.opened = false;
    if (hadFocus) this.focusAfterRender('.launcher');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.move) this.opened = true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('opened') && this.opened) {
      void this.chat.core.start();
      // The paperclip, the tray and document cards: the documents part, once per opening.
      loadPart('documents', 'consult-documents', this.backend).catch(() => {});
    }
    this.hadFocus = this.matches(':focus-within');
    this.noteScroll();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Not for the initial `open` attribute: the page set it and knows.
    if (changed.has('opened') && changed.get('opened') !== undefined) {
      this.emit(this.opened ? 'consult-open' : 'consult-close');
      if (this.opened) this.stickToBottom = true;
    }
    const view = this.chat.needsPrechat ? 'prechat' : 'chat';
    // Follow the view when it swaps (pre-chat form ↔ conversation) under the visitor's focus.
    if (this.opened && (this.focusOnOpen || (this.hadFocus && view !== this.view))) {
      const target = this.renderRoot.querySelector<HTMLElement>('.prechat input, textarea');
      if (target) {
        target.focus();
        this.focusOnOpen = false;
      }
    }
    this.view = this.opened ? view : undefined;
    this.applyAccent();
    this.restoreScroll();
    if (this.opened && document.visibilityState === 'visible') this.chat.core.markRead();
    const unread = this.chat.core.unread;
    if (unread !== this.lastUnread) {
      this.lastUnread = unread;
      this.emit('consult-unread', {count: unread});
    }
  }

  /** Accent from the attribute or the firm, set through CSSOM (allowed under a strict style-src). */
  private applyAccent(): void {
    const accent = this.accent || this.chat.session?.firm.accent;
    if (!this.root || !accent || !CSS.supports('color', accent)) return;
    this.root.style.setProperty('--_firm-accent', accent);
    this.root.style.setProperty('--_firm-on-accent', textOn(accent));
  }

  override render(): TemplateResult {
    const t = this.t;
    const unread = this.chat.core.unread;
    const label = unread ? `${this.opened ? t.closeChat : t.openChat}, ${t.unread(unread)}` : this.opened ? t.closeChat : t.openChat;
    return html`<div part="root" class="root ${this.position === 'bottom-left' ? 'left' : ''} ${this.opened ? 'open' : ''}" @keydown=${this.onKey}>
      ${this.opened ? this.renderPanel(t) : nothing}
      <button part="launcher" class="launcher" type="button" aria-label=${label} aria-expanded=${this.opened ? 'true' : 'false'} aria-controls="panel" @click=${this.toggle}>
        ${this.opened ? closeIcon : chatIcon}
        ${unread && !this.opened ? html`<span part="badge" class="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
      </button>
    </div>`;
  }

  private renderPanel(t: Strings): TemplateResult {
    const chat = this.chat;
    const firm = chat.session?.firm;
    return html`<section id="panel" part="panel" class="panel" role="dialog" aria-labelledby="title">
      <div part="header" class="header">
        <div class="who">
          <h2 id="title">${firm ? t.chatWith(firm.name) : t.messages}</h2>
          ${firm ? this.renderPresence(t) : nothing}
        </div>
        <button class="close" type="button" aria-label=${t.closeChat} @click=${this.close}>${closeIcon}</button>
      </div>
      ${this.renderBanner(t)}
      ${chat.needsPrechat ? this.renderPrechat(t) : this.renderConversation(t)}
    </section>`;
  }

  private renderPresence(t: Strings): TemplateResult {
    const p = this.chat.lawyersPresence;
    const text = p.online ? t.online : p.lastSeenAt ? t.lastSeen(relativeTime(p.lastSeenAt, this.l10n.lang)) : t.away;
    return html`<p class="presence ${p.online ? 'on' : ''}">${text}</p>`;
  }

  private renderBanner(t: Strings): TemplateResult | typeof nothing {
    const s = this.chat.core.state;
    // While the visitor fills the intake form, nothing is connecting yet.
    if (s === 'online' || s === 'idle' || (s === 'connecting' && this.chat.needsPrechat)) return nothing;
    return html`<div part="banner" class="banner ${s}" role="status">${t[s]}</div>`;
  }

  private renderConversation(t: Strings): TemplateResult {
    const shown = this.chat.core;
    const firm = this.chat.session?.firm;
    const greeting = this.greeting || firm?.contact?.greetings[this.l10n.lang as 'en'] || firm?.greeting;
    const typing = shown.typing.names;
    const views = this.views(shown, (m) => (m.sender.kind === 'lawyer' ? m.sender.name ?? t.lawyer : null));
    return html`${this.renderLog(shown, views, t, 'actions', {top: greeting && !shown.hasOlder ? html`<p class="greeting">${greeting}</p>` : nothing})}
      <div class="typing">${typing.length ? t.typing(typing[0]) : ''}</div>
      ${(firm?.booking || this.move) && shown.conversation ? this.withPart('booking', () => html`<consult-booking .chat=${this.chat} lang=${this.l10n.lang}></consult-booking>`) : nothing}
      ${views.some((v) => v.message?.kind === 'email-request') ? this.withPart('email', () => html``) : nothing}
      ${this.renderRating(t)}
      ${this.renderComposer(shown, t, 1, shown.state === 'refused')}`;
  }

  /** Once closed: 1–5 and a comment, sent once, and the transcript by email (a part loaded on first need, consult-chat-rating.js). */
  private renderRating(t: Strings): TemplateResult | typeof nothing {
    const c = this.chat.core.conversation;
    if (c?.status !== 'closed') return nothing;
    return this.withPart('rating', () => html`<consult-rating .c=${c} .s=${this.chat.session} .u=${this.backend} lang=${this.l10n.lang} @consult-rate=${this.onRate}></consult-rating>`);
  }

  /** A part's element (`consult-<name>`), once its script is in: loaded on first need (consult-chat-<name>.js). */
  private withPart(name: string, show: () => TemplateResult, failed = () => {}): TemplateResult | typeof nothing {
    if (customElements.get(`consult-${name}`)) return show();
    void loadPart(name, `consult-${name}`, this.backend).then(() => this.requestUpdate(), failed);
    return nothing;
  }

  private async onRate(e: CustomEvent<{score: number; comment?: string}>): Promise<void> {
    const core = this.chat.core;
    core.conversation = await core.request('conversation:rate', {conversationId: core.conversation!.id, ...e.detail});
    this.requestUpdate();
  }

  /** The intake form is a part loaded on first need (consult-chat-intake.js). */
  private renderPrechat(t: Strings): TemplateResult | typeof nothing {
    const s = this.chat.session!;
    return this.withPart('intake', () => html`<consult-intake .firm=${s.firm} .applicant=${s.applicant} lang=${this.l10n.lang} ?busy=${this.prechatBusy} .error=${this.prechatError}
      ?autofocus=${this.focusOnOpen || this.hadFocus} @consult-intake=${this.onPrechat}></consult-intake>`, () => this.chat.core.setState('unavailable'));
  }

  private toggle(): void {
    if (this.opened) this.close();
    else this.open();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || !this.opened) return;
    e.stopPropagation();
    this.close();
    this.focusAfterRender('.launcher');
  }

  private async onPrechat(e: CustomEvent<PrechatAnswers>): Promise<void> {
    this.prechatBusy = true;
    this.prechatError = '';
    try {
      await this.chat.submitPrechat(e.detail);
    } catch (err) {
      this.prechatError = err;
    } finally {
      this.prechatBusy = false;
    }
  }

}

/** Black or white, whichever reads better on a #rgb / #rrggbb accent (WCAG relative luminance). */
export function textOn(color: string): string {
  const m = /^#([\da-f]{3}|[\da-f]{6})$/i.exec(color.trim());
  if (!m) return '#fff';
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is 1.05/(l+.05), with black (l+.05)/.05; pick the larger.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#fff' : '#000';
}

declare global {
  interface HTMLElementTagNameMap {
    'consult-chat': ConsultChat;
  }
}
