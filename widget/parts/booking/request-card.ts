// <consult-request>: a booking request's card in the conversation (a `request` message). The
// lawyer (in the console) accepts, proposes another free time or declines with an optional
// reason; the visitor (in <consult-chat>) sees where it stands, and takes the lawyer's proposal
// or picks another time. Works for the element whose shadow root holds it, through members both
// hosts already have (`shown.request`, `l10n`), so the tag's script carries only its name.
import {LitElement, css, html, nothing} from 'lit';
import type {MessageDto} from '../../../protocol/chat.js';
import type {BookingRequestCard, SlotDTO} from '../../../protocol/booking.js';
import {REQUEST_TABLES, type RequestStrings} from './request-strings.js';

interface Host extends HTMLElement {
  shown?: {request(event: string, payload: unknown): Promise<unknown>};
  l10n?: {lang: string};
}

type Step = 'idle' | 'propose' | 'decline';

export class ConsultRequest extends LitElement {
  static override properties = {message: {attribute: false}, host: {attribute: false}, step: {state: true}, busy: {state: true}, error: {state: true}, slots: {state: true}};
  static override styles = css`
    :host { display: block; width: min(340px, calc(100vw - 90px)); }
    .card { display: flex; flex-direction: column; gap: 8px; padding: 14px 16px; border: 1px solid #d5dbe3; border-top: 4px solid var(--_accent, #1f4e79);
      border-radius: 12px; background: #fff; color: #1d2733; font-size: 14px; line-height: 1.4; }
    .head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 4px 8px; font-size: 13px; color: #57606a; }
    .pill { padding: 0 8px; border-radius: 9px; background: #fdf0d5; color: #7a4d00; font-weight: 600; white-space: nowrap; }
    .accepted .pill { background: #e3f1e8; color: #17663a; }
    .declined .pill, .withdrawn .pill { background: #fbe4e2; color: #a12a1f; }
    .when b { display: block; font-size: 16px; }
    .when small, .note { font-size: 13px; color: #57606a; }
    .was { text-decoration: line-through; color: #57606a; }
    .reason { margin: 0; padding: 8px 10px; border-radius: 8px; background: #f6f8fa; white-space: pre-wrap; overflow-wrap: anywhere; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; }
    button { padding: 7px 14px; border: 1px solid #8c959f; border-radius: 8px; background: #fff; color: inherit; font: inherit; cursor: pointer; }
    button.primary { border-color: var(--_accent, #1f4e79); background: var(--_accent, #1f4e79); color: var(--_on-accent, #fff); font-weight: 600; }
    button:disabled { opacity: .6; cursor: default; }
    button:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid var(--consult-focus, #0b5cad); outline-offset: 2px; }
    label { display: flex; flex-direction: column; gap: 4px; font-weight: 600; font-size: 13px; }
    select, textarea { font: inherit; font-weight: 400; padding: 6px 8px; border: 1px solid #8c959f; border-radius: 8px; background: #fff; color: inherit; }
    textarea { resize: vertical; min-height: 3em; }
    .error { margin: 0; color: #b42318; }
  `;

  message?: MessageDto;
  /** The element the card works for (tests); else the one whose shadow root holds it. */
  host?: Host;
  private step: Step = 'idle';
  private busy = false;
  private error = '';
  private slots?: SlotDTO[];

  private get owner(): Host | undefined {
    return this.host ?? ((this.getRootNode() as ShadowRoot).host as Host | undefined);
  }

  private get language(): string {
    return this.owner?.l10n?.lang ?? 'en';
  }

  private get t(): RequestStrings {
    return REQUEST_TABLES[this.language as keyof typeof REQUEST_TABLES] ?? REQUEST_TABLES.en;
  }

  /** The console is the lawyer's side; anywhere else it is the visitor's. */
  private get lawyerSide(): boolean {
    return this.owner?.localName === 'consult-inbox';
  }

  private zoneCity(): string {
    return Intl.DateTimeFormat().resolvedOptions().timeZone.split('/').pop()!.replace(/_/g, ' ');
  }

  /** "Thursday 12 March, 9:00 – 9:30 AM" on the reader's own clock. */
  private when(start: string, end: string) {
    const s = new Date(start);
    const time = (d: Date) => d.toLocaleTimeString(this.language, {hour: 'numeric', minute: '2-digit'});
    return html`<b>${s.toLocaleDateString(this.language, {weekday: 'long', day: 'numeric', month: 'long'})}</b> ${time(s)} – ${time(new Date(end))} <small>${this.t.city(this.zoneCity())}</small>`;
  }

  override render() {
    const r = this.message?.request;
    if (!r) return html`<div class="card">${this.message?.body ?? ''}</div>`;
    const t = this.t;
    return html`<div class="card ${r.status}" part="request-card">
      <span class="head">${t.title}<span class="pill">${t.status[r.status]}</span></span>
      ${r.proposal && r.status !== 'declined' && r.status !== 'withdrawn'
        ? html`<span class="when was">${this.when(r.start, r.end)}</span> <span class="note">${t.proposedBy(r.lawyerName)}</span> <span class="when">${this.when(r.proposal.start, r.proposal.end)}</span>`
        : html`<span class="when">${this.when(r.start, r.end)}</span>`}
      ${r.status === 'declined' && r.reason ? html`<p class="reason"><span class="note">${t.reasonFrom(r.lawyerName)}</span> <br>${r.reason}</p>` : nothing}
      ${this.renderNext(r, t)}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }

  private renderNext(r: BookingRequestCard, t: RequestStrings) {
    if (r.status === 'accepted') return html`<span class="note">${t.acceptedNote}</span>`;
    if (r.status === 'declined') return this.lawyerSide ? nothing : html`<div class="actions"><button type="button" @click=${this.pickAnother}>${t.another}</button></div>`;
    if (r.status === 'withdrawn') return nothing;
    if (!this.lawyerSide) {
      return r.status === 'proposed'
        ? html`<div class="actions"><button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.act('booking:accept', {})}>${t.acceptProposal}</button>
            <button type="button" ?disabled=${this.busy} @click=${this.pickAnother}>${t.another}</button></div>`
        : html`<span class="note">${t.waiting}</span>`;
    }
    if (this.step === 'propose') return this.renderPropose(t);
    if (this.step === 'decline') return this.renderDecline(t);
    return html`${r.status === 'proposed' ? html`<span class="note">${t.waitingVisitor}</span>` : nothing}
      <div class="actions">
        ${r.status === 'pending' ? html`<button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.act('booking:accept', {})}>${t.accept}</button>` : nothing}
        <button type="button" ?disabled=${this.busy} @click=${this.openPropose}>${r.status === 'proposed' ? t.proposeOther : t.propose}</button>
        <button type="button" ?disabled=${this.busy} @click=${() => this.go('decline')}>${t.decline}</button>
      </div>`;
  }

  private renderPropose(t: RequestStrings) {
    const slots = this.slots;
    const day = (iso: string) => new Date(iso).toLocaleDateString(this.language, {weekday: 'long', day: 'numeric', month: 'long'});
    const groups = new Map<string, SlotDTO[]>();
    for (const s of slots ?? []) groups.set(day(s.start), [...(groups.get(day(s.start)) ?? []), s]);
    return html`<form @submit=${this.sendProposal}>
      ${!slots ? html`<span class="note" role="status">${t.loading}</span>` : !slots.length ? html`<span class="note">${t.noSlots}</span>` : html`<label>${t.otherTime(this.zoneCity())}
        <select name="start" required>${[...groups].map(([d, list]) => html`<optgroup label=${d}>${list.map((s) => html`<option value=${s.start}>${d} · ${new Date(s.start).toLocaleTimeString(this.language, {hour: 'numeric', minute: '2-digit'})}</option>`)}</optgroup>`)}</select></label>`}
      <div class="actions">
        ${slots?.length ? html`<button type="submit" class="primary" ?disabled=${this.busy}>${t.sendProposal}</button>` : nothing}
        <button type="button" @click=${() => this.go('idle')}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private renderDecline(t: RequestStrings) {
    return html`<form @submit=${this.sendDecline}>
      <label>${t.reason}<textarea name="reason" maxlength="500" rows="2"></textarea></label>
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${t.confirmDecline}</button><button type="button" @click=${() => this.go('idle')}>${t.cancel}</button></div>
    </form>`;
  }

  private go(step: Step): void {
    this.step = step;
    this.error = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(step === 'idle' ? 'button' : 'select, textarea, button')?.focus());
  }

  private async call<T>(event: string, payload: Record<string, unknown>): Promise<T | undefined> {
    const owner = this.owner;
    if (!owner?.shown || !this.message?.request) return undefined;
    this.busy = true;
    this.error = '';
    try {
      return (await owner.shown.request(event, {requestId: this.message.request.id, ...payload})) as T;
    } catch (err) {
      const e = err as {body?: {code?: string; message?: string}; message?: string};
      // The visitor reads their own language for the cases they can meet; the server's words otherwise.
      this.error = e.body?.code === 'conflict' && !this.lawyerSide ? this.t.gone : e.body?.message ?? e.message ?? String(err);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** The answer is the card as it now stands; the live update follows for everyone else. */
  private async act(event: string, payload: Record<string, unknown>): Promise<void> {
    const card = await this.call<BookingRequestCard>(event, payload);
    if (card && this.message) {
      this.message = {...this.message, request: card};
      this.go('idle');
    }
  }

  private async openPropose(): Promise<void> {
    this.slots = undefined;
    this.go('propose');
    const r = await this.call<{slots: SlotDTO[]}>('booking:request-slots', {});
    this.slots = r?.slots ?? [];
    this.go('propose');
  }

  private sendProposal(e: SubmitEvent): void {
    e.preventDefault();
    void this.act('booking:propose', {start: String(new FormData(e.target as HTMLFormElement).get('start'))});
  }

  private sendDecline(e: SubmitEvent): void {
    e.preventDefault();
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    void this.act('booking:decline', reason ? {reason} : {});
  }

  /** The visitor picks another time: the booking part's picker, in the same panel. */
  private pickAnother(): void {
    (this.getRootNode() as ShadowRoot).querySelector<HTMLElement & {start(): void}>('consult-booking')?.start();
  }
}

if (!customElements.get('consult-request')) customElements.define('consult-request', ConsultRequest);

declare global {
  interface HTMLElementTagNameMap {
    'consult-request': ConsultRequest;
  }
}
