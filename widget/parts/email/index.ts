// <consult-email>: the email-request card in the conversation (a part, consult-chat-email.js,
// loaded when such a card is on screen; bundled into the console). The applicant types an
// email, gets a 6-digit code, types it, and the card says "Email confirmed" (the server turns
// the card confirmed for both sides). Lawyers see its state only. It works for the element whose
// shadow root holds it (<consult-chat> or the console), through members those already have.
import {LitElement, css, html, nothing} from 'lit';
import type {MessageDto} from '../../../protocol/chat.js';
import {EMAIL_CARD_TABLES, refusal, type EmailCardStrings} from './strings.js';

/** What the card reads from its host element. */
export interface EmailCardHost {
  readonly side: 'applicant' | 'lawyer';
  readonly l10n: {lang: string};
  readonly shown?: {request(event: string, payload: unknown): Promise<unknown>};
}

const checkIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z"/></svg>`;
const mailIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2.4V17h16V7.4l-8 5.3zM5.2 7 12 11.5 18.8 7z"/></svg>`;

export class ConsultEmail extends LitElement {
  static override properties = {message: {attribute: false}, host: {attribute: false}, step: {state: true}, email: {state: true}, busy: {state: true}, error: {state: true}, note: {state: true}};
  static override styles = css`
    :host { display: block; width: min(320px, calc(100vw - 90px)); }
    .card { display: flex; flex-direction: column; gap: 8px; padding: 14px 16px; border: 1px solid #d5dbe3;
      border-top: 4px solid var(--_accent, #1f4e79); border-radius: 12px; background: #fff; color: #1d2733; font-size: 14px; line-height: 1.4; }
    .head { display: flex; align-items: center; gap: 8px; font-weight: 600; font-size: 15px; }
    .head svg { width: 20px; height: 20px; fill: var(--_accent, #1f4e79); flex: none; }
    p { margin: 0; }
    form { display: flex; flex-direction: column; gap: 8px; }
    label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: #424a53; }
    input { padding: 8px 10px; border: 1px solid #8c959f; border-radius: 8px; font: inherit; font-size: 16px; color: #1d2733; background: #fff; min-width: 0; }
    input.code { letter-spacing: 0.3em; font-variant-numeric: tabular-nums; }
    button { font: inherit; cursor: pointer; }
    .submit { padding: 9px 14px; border: none; border-radius: 8px; background: var(--_accent, #1f4e79); color: var(--_on-accent, #fff); font-weight: 600; }
    .submit[disabled] { opacity: 0.6; cursor: default; }
    .links { display: flex; flex-wrap: wrap; gap: 4px 14px; }
    .link { padding: 0; border: none; background: none; color: var(--_accent, #1f4e79); text-decoration: underline; font-size: 13px; }
    button:focus-visible, input:focus-visible { outline: 3px solid var(--consult-focus, #0b5cad); outline-offset: 2px; }
    .error { color: #b42318; }
    .note, .waiting { color: #57606a; font-size: 13px; }
    .done { display: flex; align-items: center; gap: 8px; color: #17663a; font-weight: 600; overflow-wrap: anywhere; }
    .done svg { width: 20px; height: 20px; fill: currentColor; flex: none; }
  `;

  message?: MessageDto;
  /** Set in tests; otherwise the element whose shadow root holds the card. */
  host?: EmailCardHost;
  private step: 'email' | 'code' = 'email';
  private email = '';
  private busy = false;
  private error = '';
  private note = '';
  private wasAsked = false;

  private get owner(): EmailCardHost | undefined {
    return this.host ?? ((this.getRootNode() as ShadowRoot).host as unknown as EmailCardHost | undefined);
  }

  private get t(): EmailCardStrings {
    const lang = this.owner?.l10n.lang ?? 'en';
    return EMAIL_CARD_TABLES[lang as keyof typeof EMAIL_CARD_TABLES] ?? EMAIL_CARD_TABLES.en;
  }

  override render() {
    const card = this.message?.emailRequest;
    if (!card) return nothing;
    const t = this.t;
    if (card.state === 'confirmed') {
      return html`<div class="card" part="email-card"><p class="done" role="status">${checkIcon}${t.confirmed(card.email ?? '')}</p></div>`;
    }
    const head = html`<span class="head">${mailIcon}${t.title}</span>`;
    if (this.owner?.side !== 'applicant') return html`<div class="card" part="email-card">${head}<p class="waiting">${t.waiting}</p></div>`;
    const error = this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
    if (this.step === 'code') {
      return html`<div class="card" part="email-card">${head}
        <form @submit=${this.verify}>
          <p role="status">${this.note || t.codeSent(this.email)}</p>
          <label>${t.code}<input class="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required></label>
          ${error}
          <button class="submit" type="submit" ?disabled=${this.busy}>${t.confirm}</button>
          <span class="links"><button class="link resend" type="button" ?disabled=${this.busy} @click=${this.resend}>${t.resend}</button>
            <button class="link other" type="button" @click=${this.other}>${t.otherEmail}</button></span>
        </form></div>`;
    }
    return html`<div class="card" part="email-card">${head}
      <form @submit=${this.send}>
        <p>${card.auto ? t.introAuto : t.intro}</p>
        <label>${t.email}<input name="email" type="email" autocomplete="email" maxlength="200" required .value=${this.email}></label>
        ${error}
        <button class="submit" type="submit" ?disabled=${this.busy}>${t.sendCode}</button>
      </form></div>`;
  }

  protected override updated(): void {
    // The lawyer's console refreshes the visitor panel when a card it watched turns confirmed.
    const state = this.message?.emailRequest?.state;
    if (state === 'asked') this.wasAsked = true;
    if (state === 'confirmed' && this.wasAsked) {
      this.wasAsked = false;
      this.dispatchEvent(new CustomEvent('consult-email-confirmed', {detail: {email: this.message!.emailRequest!.email}, bubbles: true, composed: true}));
    }
  }

  private async call(event: 'contact:request-code' | 'contact:verify', payload: unknown): Promise<boolean> {
    this.busy = true;
    this.error = '';
    try {
      await this.owner!.shown!.request(event, payload);
      return true;
    } catch (err) {
      this.error = refusal(this.t, err, event);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** The code email's language: the widget's, when the server knows it. */
  private get codeLang(): string | undefined {
    const lang = this.owner?.l10n.lang;
    return lang && lang in EMAIL_CARD_TABLES ? lang : undefined;
  }

  private async send(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const email = String(new FormData(e.target as HTMLFormElement).get('email') ?? '').trim();
    if (!email) return;
    this.email = email;
    if (await this.call('contact:request-code', {email, lang: this.codeLang})) this.go('code', '');
  }

  private async resend(): Promise<void> {
    if (await this.call('contact:request-code', {email: this.email, lang: this.codeLang})) this.go('code', this.t.resent);
  }

  private async verify(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const code = String(new FormData(e.target as HTMLFormElement).get('code') ?? '').trim();
    if (await this.call('contact:verify', {code})) this.note = '';
    // Confirmed: the server turns the card confirmed, and the update re-renders it.
  }

  private other(): void {
    this.go('email', '');
  }

  private go(step: 'email' | 'code', note: string): void {
    this.step = step;
    this.note = note;
    this.error = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('input')?.focus());
  }
}

if (!customElements.get('consult-email')) customElements.define('consult-email', ConsultEmail);

declare global {
  interface HTMLElementTagNameMap {
    'consult-email': ConsultEmail;
  }
}
