// What every Consult Chat element starts from: where its script came from, its language and
// strings, its events, the base rules of its shadow root, and the conversation parts both
// elements draw the same way (the message log kept in place while it grows, the composer).
import {LitElement, css, html, nothing, type PropertyDeclarations, type TemplateResult} from 'lit';
import type {ParticipantKind} from '../../protocol/chat.js';
import type {ConversationCore} from './conversation-core.js';
import {localize, type Strings} from './i18n.js';
import {renderList, type ListContext, type MessageView} from './message-list.js';

/** Where this bundle was served from: the default backend. Only known while the script first runs. */
export const SCRIPT_ORIGIN = (() => {
  try {
    return new URL((document.currentScript as HTMLScriptElement).src).origin;
  } catch {
    return location.origin;
  }
})();

/** First in each element's styles, so its own rules can override these. */
export const baseStyles = css`
  *, *::before, *::after {
    box-sizing: border-box;
  }
  button, textarea, input, select {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--consult-focus, #0b5cad);
    outline-offset: 2px;
  }
`;

export const sendIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M2 21 23 12 2 3v7l15 2-15 2z"/></svg>`;

/** The composer grows with its text up to its CSS max-height (about six lines), then scrolls. */
export const grow = (box: HTMLTextAreaElement) => {
  box.style.height = '';
  box.style.height = `${box.scrollHeight + box.offsetHeight - box.clientHeight}px`;
};

/** Whether the reader is at the newest message: closer than 48px to the bottom. */
export const atBottom = (log: HTMLElement) => log.scrollHeight - log.scrollTop - log.clientHeight < 48;

// Reactive properties are declared in `static properties` rather than with decorators, here and
// in <consult-chat>: the decorator helpers would weigh on the widget's gzip budget.
export abstract class ConsultElement<S> extends LitElement {
  static override properties: PropertyDeclarations = {server: {}, lang: {}};

  /** Backend origin; defaults to the origin this script was loaded from. */
  server = '';
  /** Language; else the page's `<html lang>`, else the browser's. */
  override lang = '';

  protected get log(): HTMLElement | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('.log') ?? undefined;
  }

  /** The element's translation tables, one per language it speaks. */
  protected abstract readonly tables: Record<string, S>;
  /** The conversation on screen, if any. */
  protected abstract get shown(): ConversationCore | undefined;
  /** Which side the reader is on: their messages are drawn as their own. */
  protected abstract readonly side: ParticipantKind;

  /** Follow new messages; false while the reader is scrolled up into the history. */
  protected stickToBottom = true;
  private scrollAnchor?: {oldest: string | undefined; height: number};

  protected get backend(): string {
    return (this.server || SCRIPT_ORIGIN).replace(/\/+$/, '');
  }

  protected get l10n(): {lang: string; t: S} {
    return localize(this.tables, this.lang, document.documentElement.lang, navigator.languages);
  }

  protected get t(): S {
    return this.l10n.t;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  protected onVisibility = () => this.requestUpdate();

  /** Every event: bubbling and composed, so the host page hears it through the shadow root. */
  protected emit(type: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(type, {detail, bubbles: true, composed: true}));
  }

  /** Focuses what matches `selector` once the next render is on screen. */
  protected focusAfterRender(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  // --- the message log -------------------------------------------------------------------------

  /** Before a render (willUpdate): where the reader is in the log. */
  protected noteScroll(): void {
    const log = this.log;
    if (!log) return;
    this.stickToBottom = atBottom(log);
    this.scrollAnchor = {oldest: this.shown?.store.messages[0]?.id, height: log.scrollHeight};
  }

  /** After a render (updated): follow the newest message, or keep the reader's place. */
  protected restoreScroll(): void {
    const log = this.log;
    const shown = this.shown;
    if (!log || !shown) return;
    const anchor = this.scrollAnchor;
    if (anchor?.oldest && anchor.oldest !== shown.store.messages[0]?.id && !this.stickToBottom) {
      log.scrollTop += log.scrollHeight - anchor.height; // older page above: keep the reader's place
    } else if (this.stickToBottom) {
      log.scrollTop = log.scrollHeight;
    }
  }

  /** The stored messages, then what still waits in the outbox. */
  protected views(shown: ConversationCore, author: (m: NonNullable<MessageView['message']>) => string | null | undefined): MessageView[] {
    const views: MessageView[] = shown.store.messages.map((m) => ({
      key: m.id,
      mine: m.sender.kind === this.side,
      message: m,
      body: m.body,
      createdAt: new Date(m.createdAt),
      author: author(m),
      delivery: m.sender.kind === this.side ? shown.deliveryOf(m) : undefined,
    }));
    for (const e of shown.pending) {
      views.push({key: e.clientId, mine: true, body: e.body, createdAt: new Date(e.createdAt), delivery: e.failed ? 'failed' : 'sending'});
    }
    return views;
  }

  /** The scrolling log; a failed message offers retry and delete in a span of `actionsClass`. */
  protected renderLog(shown: ConversationCore, views: MessageView[], t: Strings, actionsClass: string, extra: {top?: unknown; card?: ListContext['card']; more?: ListContext['actions']} = {}): TemplateResult {
    return html`<div part="messages" class="log" role="log" aria-live="polite" aria-label=${t.messages} tabindex="0" @scroll=${this.onLogScroll}>
      ${shown.hasOlder ? html`<button class="older" type="button" @click=${() => shown.loadOlder()}>${t.loadOlder}</button>` : nothing}
      ${extra.top ?? nothing}
      ${renderList(views, {
        lang: this.l10n.lang,
        t,
        actions: (v) => (v.delivery === 'failed'
          ? html`<span class=${actionsClass}><button type="button" @click=${() => shown.retry(v.key)}>${t.retry}</button><button type="button" @click=${() => shown.discard(v.key)}>${t.remove}</button></span>`
          : extra.more?.(v) ?? nothing),
        card: extra.card,
      })}
    </div>`;
  }

  protected onLogScroll(): void {
    const log = this.log;
    if (log && log.scrollTop < 40 && this.shown?.hasOlder) void this.shown.loadOlder();
  }

  // --- the composer ----------------------------------------------------------------------------

  /**
   * The text box and send button; the paperclip (<consult-attach>, which also takes drops and
   * pastes) and the tray of files to send (<consult-documents>) come with the documents part.
   */
  protected renderComposer(shown: ConversationCore, t: {placeholder: string; send: string}, rows: number, disabled = false): TemplateResult {
    return html`<consult-documents></consult-documents><form part="composer" class="composer" @submit=${this.onSubmit}>
      <consult-attach ?disabled=${disabled}></consult-attach>
      <textarea rows=${rows} aria-label=${t.placeholder} placeholder=${t.placeholder} maxlength="4000" ?disabled=${disabled}
        @keydown=${this.onComposerKey} @input=${(e: Event) => (grow(e.target as HTMLTextAreaElement), shown.userTyping())} @blur=${() => shown.stopTyping()}></textarea>
      <button class="send" type="submit" aria-label=${t.send} ?disabled=${disabled}>${sendIcon}</button>
    </form>`;
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
    if (!box.value.trim() || box.disabled || !this.shown) return;
    this.shown.send(box.value);
    box.value = '';
    grow(box);
    this.stickToBottom = true;
    box.focus();
  }
}
