// <consult-booking>: "Book a consultation" in <consult-chat>, loaded on demand (consult-chat-
// booking.js) when the firm takes bookings. The action opens a slot picker over the panel: the
// visitor proves their email with a code if the firm cannot write to them yet, then picks a day
// and a time on their own clock (the zone is named) and books into the conversation they are in;
// the consultation card then arrives in the chat like any other. Renders into the chat's shadow
// root (no shadow of its own) and adds its few rules there.
import {LitElement, css, html, nothing} from 'lit';
import type {ApplicantDto} from '../../../protocol/chat.js';
import type {BookingResult, SlotDTO, SlotsDTO} from '../../../protocol/booking.js';
import {adopt, formStyles} from '../shared/adopt.js';
import {BOOKING_TABLES, type BookingStrings} from './strings.js';
// Booking requests' cards in the conversation (firm mode `request`) come with the part.
import './request-card.js';

/** What the part needs of the chat: its acknowledged socket requests, conversation and visitor. */
export interface BookingChat {
  core: {request(event: string, payload: unknown): Promise<unknown>; conversation?: {id: string}};
  session?: {applicant: ApplicantDto; firm: {booking?: {mode: 'instant' | 'request'}}};
}

type Step = 'closed' | 'contact' | 'code' | 'slots' | 'done';

const styles = css`
  .panel { position: relative; }
  .book-open { align-self: center; margin: 4px 12px; padding: 6px 12px; border: 1px solid var(--_accent); border-radius: 999px; background: var(--_bg); color: inherit; font: inherit; font-size: 14px; cursor: pointer; }
  .booking { position: absolute; inset: 0; z-index: 1; display: flex; flex-direction: column; background: var(--_bg); }
  .booking .prechat { gap: 12px; }
  .booking h3 { margin: 0; font-size: 16px; }
  .booking p { margin: 0; font-size: 14px; }
  .booking .error { color: #b42318; }
  .booking fieldset { margin: 0; padding: 0; border: 0; display: flex; flex-wrap: wrap; gap: 6px; }
  .booking legend { margin-bottom: 6px; font-size: 14px; font-weight: 600; }
  .booking .pick { padding: 8px 10px; min-width: 64px; border: 1px solid #8c959f; border-radius: 8px; background: var(--_bg); color: inherit; font: inherit; font-size: 14px; cursor: pointer; }
  .booking .pick[aria-pressed='true'] { border-color: var(--_accent); background: var(--_accent); color: var(--_on-accent); }
  .booking .pick small { display: block; font-size: 12px; }
  .booking .link { align-self: flex-start; padding: 0; border: 0; background: none; color: inherit; text-decoration: underline; cursor: pointer; font: inherit; font-size: 14px; }
  .booking .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .booking .choice { padding: 10px; border-radius: 8px; background: var(--_bubble, #f1f3f5); font-size: 15px; }
`;

export class ConsultBooking extends LitElement {
  static override properties = {
    chat: {attribute: false}, lang: {}, move: {state: true}, current: {state: true},
    step: {state: true}, busy: {state: true}, error: {state: true}, note: {state: true}, list: {state: true}, day: {state: true}, chosen: {state: true}, duration: {state: true},
  };
  chat?: BookingChat;
  override lang = 'en';
  /** An email's signed reschedule token: the picker moves that consultation instead of booking. */
  move = '';
  /** In move mode: the consultation's time now. */
  private current?: SlotDTO;

  private step: Step = 'closed';
  private busy = false;
  private error = '';
  private note = '';
  private email = '';
  private list?: SlotsDTO;
  private day = '';
  private chosen?: SlotDTO;
  private duration?: number;
  private verified = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // An email's reschedule link: the token leaves the address bar once read (a reload or a shared URL does not reopen it).
    const token = /[#&]consult-reschedule=([\w.-]{1,120})/.exec(location.hash)?.[1];
    if (token) {
      history.replaceState(history.state, '', location.pathname + location.search);
      this.move = token;
    }
    adopt(this, formStyles);
    adopt(this, styles);
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('move') && this.move) void this.openMove();
  }

  /** The public link routes, from the chat's own backend origin. */
  private async link<T>(path: string, body?: unknown): Promise<T> {
    const backend = ((this.getRootNode() as ShadowRoot).host as unknown as {backend: string}).backend;
    const res = await fetch(`${backend}/api/v1/booking-links/${encodeURIComponent(this.move)}/${path}`, body ? {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)} : {});
    const json = await res.json();
    if (!res.ok) throw Object.assign(new Error(json.error?.message ?? res.statusText), {body: json.error});
    return json as T;
  }

  private async openMove(): Promise<void> {
    this.list = undefined;
    this.current = undefined;
    this.note = '';
    this.go('slots');
    try {
      const r = await this.link<{start: string; end: string; slots: SlotDTO[]}>('slots');
      this.current = {start: r.start, end: r.end, lawyerId: ''};
      this.list = {mode: 'instant', durations: [], providers: [], lawyerTimeZone: null, slots: r.slots};
      this.go('slots');
    } catch {
      // Altered, expired or cancelled: say so in the visitor's language; the chat stays usable.
      this.error = this.t.linkBad;
    }
  }

  private get applicant(): ApplicantDto | undefined {
    return this.chat?.session?.applicant;
  }

  private get conversationId(): string {
    return this.chat?.core.conversation?.id ?? '';
  }

  /** The firm's mode: `instant` books at once, `request` asks the lawyer. */
  private get mode(): string {
    return this.list?.mode ?? this.chat?.session?.firm.booking?.mode ?? 'instant';
  }

  private get t(): BookingStrings {
    return BOOKING_TABLES[this.lang as keyof typeof BOOKING_TABLES] ?? BOOKING_TABLES.en;
  }

  private get zone(): string {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  /** The day a slot falls on, on the visitor's clock ("2030-03-28"). */
  private dayOf(iso: string): string {
    return new Intl.DateTimeFormat('en-CA', {year: 'numeric', month: '2-digit', day: '2-digit'}).format(new Date(iso));
  }

  private fmt(iso: string, o: Intl.DateTimeFormatOptions): string {
    return new Date(iso).toLocaleString(this.lang, o);
  }

  override render() {
    const t = this.t;
    // The firm may have turned booking off since the email: then only the link's picker shows.
    if (this.step === 'closed') return this.chat?.session?.firm.booking ? html`<button type="button" class="book-open" part="book" aria-haspopup="dialog" @click=${this.start}>${t.open}</button>` : nothing;
    return html`<div class="booking" part="booking" role="dialog" aria-modal="true" aria-labelledby="booking-title" aria-describedby="booking-zone" @keydown=${this.onKey}>
      <div part="header" class="header">
        <div class="who"><h2 id="booking-title">${this.move ? t.moveTitle : t.title}</h2><p class="presence" id="booking-zone">${t.zone(this.zone.split('/').pop()!.replace(/_/g, ' '))}</p></div>
        <button class="close" type="button" aria-label=${t.close} @click=${this.finish}><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z"/></svg></button>
      </div>
      ${this.step === 'contact' ? this.renderContact(t) : this.step === 'code' ? this.renderCode(t) : this.step === 'done' ? this.renderDone(t) : this.renderSlots(t)}
    </div>`;
  }

  private renderError() {
    return this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
  }

  private renderContact(t: BookingStrings) {
    const a = this.applicant;
    return html`<form class="prechat" @submit=${this.sendCode}>
      <p>${t.intro}</p>
      ${a?.name ? nothing : html`<label>${t.name}<input name="name" autocomplete="name" maxlength="120" required></label>`}
      <label>${t.email}<input name="email" type="email" autocomplete="email" maxlength="200" required .value=${this.email || a?.email || ''}></label>
      ${this.renderError()}
      <button type="submit" ?disabled=${this.busy}>${t.sendCode}</button>
    </form>`;
  }

  private renderCode(t: BookingStrings) {
    return html`<form class="prechat" @submit=${this.verify}>
      <p role="status">${t.codeSent(this.email)}</p>
      <label>${t.code}<input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required></label>
      ${this.renderError()}
      <button type="submit" ?disabled=${this.busy}>${t.confirmCode}</button>
      <button type="button" class="link" @click=${() => this.go('contact')}>${t.otherEmail}</button>
    </form>`;
  }

  private renderSlots(t: BookingStrings) {
    const list = this.list;
    const days = [...new Set(list?.slots.map((s) => this.dayOf(s.start)) ?? [])];
    const day = days.includes(this.day) ? this.day : days[0];
    const times = list?.slots.filter((s) => this.dayOf(s.start) === day) ?? [];
    const dayName = (iso: string, o: Intl.DateTimeFormatOptions) => this.fmt(iso, o);
    const first = times[0]?.start;
    return html`<div class="prechat">
      ${this.current ? html`<p class="choice">${t.now(this.when(this.current))}</p>` : nothing}
      ${this.note ? html`<p role="status">${this.note}</p>` : nothing}
      ${this.renderError()}
      ${list && list.durations.length > 1 ? html`<label>${t.duration}<select @change=${this.onDuration}>${list.durations.map((d) => html`<option value=${d} ?selected=${d === (this.duration ?? list.durations[0])}>${t.minutes(d)}</option>`)}</select></label>` : nothing}
      ${!list ? (this.error ? html`<button type="button" @click=${this.finish}>${t.done}</button>` : html`<p role="status">${t.loading}</p>`) : !days.length ? html`<p>${t.none}</p>` : html`
        <fieldset class="days"><legend>${t.days}</legend>
          ${days.map((d) => {
            const iso = list.slots.find((s) => this.dayOf(s.start) === d)!.start;
            // Short on screen, said in full: the visible text is hidden from the accessible name rather than contradicted by an aria-label.
            return html`<button type="button" class="pick" aria-pressed=${d === day} @click=${() => this.pickDay(d)}><span aria-hidden="true">${dayName(iso, {weekday: 'short'})}<small>${dayName(iso, {day: 'numeric', month: 'short'})}</small></span><span class="sr">${dayName(iso, {weekday: 'long', day: 'numeric', month: 'long'})}</span></button>`;
          })}
        </fieldset>
        <fieldset class="times"><legend>${first ? t.times(dayName(first, {weekday: 'long', day: 'numeric', month: 'long'})) : ''}</legend>
          ${times.map((s) => html`<button type="button" class="pick" aria-pressed=${this.chosen?.start === s.start} @click=${() => this.pickSlot(s)}>${this.fmt(s.start, {hour: 'numeric', minute: '2-digit'})}</button>`)}
        </fieldset>`}
      ${this.chosen ? html`<p class="choice" aria-live="polite">${this.when(this.chosen)}</p>
        <button type="button" class="submit" ?disabled=${this.busy} @click=${this.book}>${this.move ? t.moveHere : this.mode === 'request' ? t.request : t.book}</button>` : nothing}
    </div>`;
  }

  private renderDone(t: BookingStrings) {
    return html`<div class="prechat">
      <p class="choice" role="status">${this.chosen ? this.when(this.chosen) : ''}</p>
      <p>${this.note}</p>
      <button type="button" @click=${this.finish}>${t.done}</button>
    </div>`;
  }

  /** "Thursday 28 March, 09:00–09:45 (New York time)" on the visitor's clock. */
  private when(s: SlotDTO): string {
    const city = this.zone.split('/').pop()!.replace(/_/g, ' ');
    const day = this.fmt(s.start, {weekday: 'long', day: 'numeric', month: 'long'});
    const time = (iso: string) => this.fmt(iso, {hour: 'numeric', minute: '2-digit'});
    return `${day}, ${time(s.start)}–${time(s.end)} (${this.t.city(city)})`;
  }

  private async call<T>(event: string, payload: unknown): Promise<T | undefined> {
    this.busy = true;
    this.error = '';
    try {
      return (await this.chat!.core.request(event, payload)) as T;
    } catch (err) {
      const e = err as {body?: {code?: string; message?: string}; message?: string};
      // In the visitor's language where we know the case; the server's words otherwise.
      const code = e.body?.code;
      this.error = code === 'conflict' ? this.t.taken : code === 'rate_limited' ? this.t.tooMany
        : code === 'bad_request' && event === 'contact:verify' ? this.t.wrongCode : e.body?.message ?? e.message ?? String(err);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private go(step: Step): void {
    this.step = step;
    this.error = '';
    // Focus the first control of the new step, for keyboard and screen-reader users.
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('.booking input, .booking select, .booking .pick, .booking button.submit, .booking .prechat button')?.focus());
  }

  /** Opens the picker (also from a request card's "Choose another time"). */
  start(): void {
    const a = this.applicant;
    this.verified ||= !!a?.email && (!!a.verified || !!a.emailVerified);
    this.note = '';
    this.chosen = undefined;
    if (this.verified) {
      this.go('slots');
      void this.load();
    } else this.go('contact');
  }

  private async load(): Promise<void> {
    const list = await this.call<SlotsDTO>('booking:slots', {conversationId: this.conversationId, ...(this.duration ? {durationMinutes: this.duration} : {})});
    if (list) this.list = list;
    this.go('slots');
  }

  private async sendCode(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.email = String(data.get('email') ?? '').trim();
    const name = String(data.get('name') ?? '').trim();
    const sent = await this.call('contact:request-code', {email: this.email, ...(name ? {name} : {}), lang: this.lang});
    if (sent) this.go('code');
  }

  private async verify(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const code = String(new FormData(e.target as HTMLFormElement).get('code') ?? '').trim();
    const status = await this.call<{verified: boolean}>('contact:verify', {code});
    if (status?.verified) {
      this.verified = true;
      this.list = undefined;
      this.go('slots');
      await this.load();
    }
  }

  private onDuration(e: Event): void {
    this.duration = Number((e.target as HTMLSelectElement).value);
    this.chosen = undefined;
    this.list = undefined;
    void this.load();
  }

  private pickDay(d: string): void {
    this.day = d;
    this.chosen = undefined;
  }

  private pickSlot(s: SlotDTO): void {
    this.chosen = s;
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('.booking button.submit')?.focus());
  }

  private async book(): Promise<void> {
    if (this.move) return this.moveTo(this.chosen!);
    const s = this.chosen!;
    const minutes = Math.round((Date.parse(s.end) - Date.parse(s.start)) / 60_000);
    const r = await this.call<BookingResult>('booking:book', {conversationId: this.conversationId, start: s.start, durationMinutes: minutes, lawyerId: s.lawyerId, lang: this.lang});
    if (r) {
      this.note = r.status === 'requested' ? this.t.requested : this.t.booked(this.email || this.applicant?.email || '');
      this.go('done');
      this.dispatchEvent(new CustomEvent('consult-booked', {detail: r, bubbles: true, composed: true}));
    } else if (this.error === this.t.taken) {
      // Someone else was quicker: say so and show what is free now.
      this.note = this.t.taken;
      this.error = '';
      this.chosen = undefined;
      await this.load();
    }
  }

  private async moveTo(s: SlotDTO): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await this.link('move', {start: s.start});
      this.current = undefined;
      this.note = this.t.moved;
      this.go('done');
    } catch (err) {
      const e = err as {body?: {code?: string}; message: string};
      if (e.body?.code === 'conflict') {
        this.note = this.t.taken;
        this.chosen = undefined;
        await this.openMove();
      } else this.error = e.message;
    } finally {
      this.busy = false;
    }
  }

  private finish(): void {
    if (this.move) {
      // Back to the chat as it was: the host forgets the link.
      this.move = '';
      this.current = undefined;
      this.list = undefined;
    }
    this.step = 'closed';
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('.book-open')?.focus());
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return;
    // Closes the picker, not the whole chat.
    e.stopPropagation();
    this.finish();
  }
}

if (!customElements.get('consult-booking')) customElements.define('consult-booking', ConsultBooking);
