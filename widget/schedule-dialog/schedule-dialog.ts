// The console's modal for scheduling, moving and cancelling a video consultation. Times are
// entered on the lawyer's own clock (the browser's zone) and sent as UTC instants.
import {LitElement, html, nothing, type TemplateResult} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {MAX_CONSULTATION_MINUTES, MIN_CONSULTATION_MINUTES, PROVIDER_NAMES, type ConsultationCard, type ProviderId} from '../../protocol/consultation.js';
import {formatDate, formatOffset, timeZoneCity, zonedParts, zonedTimeToUtc} from '../../protocol/time.js';
import {clock, localInstants, nextWorkingDay} from './dialog-time.js';
import type {ConsultStrings} from '../consult-inbox/inbox-i18n.js';
import {styles} from './schedule-dialog.styles.js';

export type DialogMode = 'schedule' | 'reschedule' | 'cancel';

export interface ScheduleValue {
  /** ISO 8601, UTC. */
  start: string;
  durationMinutes: number;
  provider: ProviderId;
}

export interface DialogRequest {
  mode: DialogMode;
  /** Who the consultation is with, for the introduction. */
  applicantName: string;
  /** The consultation being moved or cancelled. */
  card?: ConsultationCard;
  /** Schedule mode: the providers the firm offers. */
  providers?(): Promise<ProviderId[]>;
  /** Resolves once the server accepted; rejects with an Error whose message is shown. */
  submit(value: ScheduleValue): Promise<unknown>;
  /** Schedule mode: the applicant has no address an invitation may go to (`none`, or typed but `unverified`). */
  noEmail?: 'none' | 'unverified';
  /** Asks the applicant for their email in the chat (offered instead of promising an invitation). */
  askEmail?(): void;
  /** The firm's rule asked already (the email card is in the chat): said instead of offering it. */
  emailAsked?: boolean;
}

export const DURATION_PRESETS = [15, 30, 45, 60, 90, 120, 180, 240];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A modal dialog (native `<dialog>`): focus stays inside, Escape and "Close" dismiss it and
 * focus returns to the control that opened it.
 *
 * @fires consult-dialog-done - the server accepted; `detail.mode`
 */
export class ConsultScheduleDialog extends LitElement {
  static override styles = styles;

  @property({attribute: false}) t!: ConsultStrings;
  @property({attribute: 'lang'}) override lang = 'en';
  /** The lawyer's zone; the browser's unless set. */
  @property({attribute: 'time-zone'}) timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  @state() private req?: DialogRequest;
  @state() private error = '';
  @state() private busy = false;
  @state() private offered?: ProviderId[];
  @state() private date = '';
  @state() private time = '';
  @state() private duration = 30;
  @state() private provider?: ProviderId;

  @query('dialog') private dialog!: HTMLDialogElement;
  private opener?: HTMLElement;

  get isOpen(): boolean {
    return !!this.dialog?.open;
  }

  /** Shows the dialog for one request; a second call replaces the first. */
  async show(req: DialogRequest): Promise<void> {
    this.opener = deepActiveElement();
    this.req = req;
    this.error = '';
    this.busy = false;
    this.offered = undefined;
    const card = req.card;
    if (card) {
      const p = zonedParts(new Date(card.start), this.timeZone);
      this.date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
      this.time = `${pad(p.hour)}:${pad(p.minute)}`;
      this.duration = Math.round((Date.parse(card.end) - Date.parse(card.start)) / 60_000);
      this.provider = card.provider;
    } else {
      this.date = nextWorkingDay(this.timeZone);
      this.time = '10:00';
      this.duration = 30;
      this.provider = undefined;
    }
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    this.firstField()?.focus();
    if (req.mode === 'schedule' && req.providers) {
      try {
        const offered = await req.providers();
        if (this.req !== req) return;
        this.offered = offered;
        this.provider = offered.includes('jitsi') ? 'jitsi' : offered[0];
      } catch (err) {
        if (this.req === req) this.error = this.t.failed((err as Error).message);
      }
    }
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
    this.req = undefined;
    const opener = this.opener;
    this.opener = undefined;
    if (opener?.isConnected) opener.focus();
  }

  override render(): TemplateResult {
    const req = this.req;
    // aria-labelledby/-describedby name the modal for screen readers.
    return html`<dialog part="dialog" aria-labelledby="dlg-title" aria-describedby="dlg-intro" @cancel=${this.onCancel} @keydown=${this.onKey}>
      ${req ? this.renderForm(req) : nothing}
    </dialog>`;
  }

  private renderForm(req: DialogRequest): TemplateResult {
    const t = this.t;
    const title = req.mode === 'schedule' ? t.scheduleTitle : req.mode === 'reschedule' ? t.rescheduleTitle : t.cancelTitle;
    const intro = req.mode === 'schedule' ? (req.noEmail ? t.noEmailIntro(req.applicantName, req.noEmail === 'unverified') : t.scheduleIntro(req.applicantName)) : req.mode === 'reschedule' ? t.rescheduleIntro : t.cancelIntro;
    const cancel = req.mode === 'cancel';
    const noProvider = req.mode === 'schedule' && !!this.offered && !this.offered.length;
    const submit = req.mode === 'schedule' ? t.submitSchedule : req.mode === 'reschedule' ? t.submitReschedule : t.submitCancel;
    return html`<form novalidate @submit=${this.onSubmit}>
      <h2 id="dlg-title">${title}</h2>
      <p id="dlg-intro" class="intro ${req.mode === 'schedule' && req.noEmail ? 'warn' : ''}">${intro}</p>
      ${req.mode === 'schedule' && req.noEmail && req.emailAsked ? html`<p class="asked" role="status">${t.emailAsked}</p>`
        : req.mode === 'schedule' && req.noEmail && req.askEmail ? html`<p><button type="button" class="ask-email" @click=${() => {
        req.askEmail!();
        this.close();
      }}>${t.askEmail}</button></p>` : nothing}
      ${cancel ? this.renderSummary(req.card!) : this.renderFields(req)}
      ${this.error ? html`<p class="error" id="dlg-error" role="alert">${this.error}</p>` : nothing}
      <div class="buttons">
        <button type="button" @click=${() => this.close()}>${cancel ? t.keep : t.close}</button>
        <button type="submit" class=${cancel ? 'danger' : 'primary'} ?disabled=${this.busy || noProvider || (req.mode === 'schedule' && !this.offered)}>
          ${this.busy ? t.working : submit}
        </button>
      </div>
    </form>`;
  }

  private renderFields(req: DialogRequest): TemplateResult {
    const t = this.t;
    const zone = this.timeZone;
    const at = this.startInstant() ?? new Date();
    const durations = [...new Set([...DURATION_PRESETS, this.duration])].filter((m) => m >= MIN_CONSULTATION_MINUTES && m <= MAX_CONSULTATION_MINUTES).sort((a, b) => a - b);
    const invalid = this.error ? 'true' : 'false';
    return html`
      <div class="row">
        <div class="field">
          <label for="dlg-date">${t.date}</label>
          <input id="dlg-date" name="date" type="date" required .value=${this.date} aria-invalid=${invalid} aria-describedby=${this.error ? 'dlg-error' : nothing}
            @input=${(e: Event) => (this.date = (e.target as HTMLInputElement).value)}>
        </div>
        <div class="field">
          <label for="dlg-time">${t.time}</label>
          <input id="dlg-time" name="time" type="time" required step="300" .value=${this.time} aria-invalid=${invalid} aria-describedby=${this.error ? 'dlg-zone dlg-error' : 'dlg-zone'}
            @input=${(e: Event) => (this.time = (e.target as HTMLInputElement).value)}>
        </div>
      </div>
      <p class="hint" id="dlg-zone">${t.zone(timeZoneCity(zone), formatOffset(at, zone, this.lang))}</p>
      <div class="field">
        <label for="dlg-duration">${t.duration}</label>
        <select id="dlg-duration" name="duration" @change=${(e: Event) => (this.duration = Number((e.target as HTMLSelectElement).value))}>
          ${durations.map((m) => html`<option value=${m} ?selected=${m === this.duration}>${t.minutes(m)}</option>`)}
        </select>
      </div>
      ${req.mode === 'schedule' ? this.renderProviders() : html`<p class="hint">${t.provider}: ${this.providerName(req.card!.provider)}</p>`}`;
  }

  private renderProviders(): TemplateResult {
    const t = this.t;
    const offered = this.offered;
    if (!offered) return html`<p class="hint">${t.provider}: …</p>`;
    if (!offered.length) return html`<p class="hint">${t.noProviders}</p>`;
    return html`<fieldset>
      <legend>${t.provider}</legend>
      ${offered.map((p) => html`<label class="choice"><input type="radio" name="provider" value=${p} .checked=${p === this.provider}
        @change=${() => (this.provider = p)}>${this.providerName(p)}</label>`)}
    </fieldset>`;
  }

  private renderSummary(card: ConsultationCard): TemplateResult {
    const zone = this.timeZone;
    const start = new Date(card.start);
    return html`<p class="summary"><strong>${formatDate(start, zone, this.lang)}</strong><br>
      ${clock(start, this.lang, zone)} – ${clock(new Date(card.end), this.lang, zone)} · ${timeZoneCity(zone)} (${formatOffset(start, zone, this.lang)})
      ${PROVIDER_NAMES[card.provider] ? html`<br>${PROVIDER_NAMES[card.provider]}` : nothing}</p>`;
  }

  private providerName(p: ProviderId): string {
    return PROVIDER_NAMES[p] || this.t.personal;
  }

  private startInstant(): Date | undefined {
    try {
      return zonedTimeToUtc(`${this.date}T${this.time}`, this.timeZone);
    } catch {
      return undefined;
    }
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const req = this.req;
    if (!req || this.busy) return;
    let value: ScheduleValue;
    if (req.mode === 'cancel') {
      value = {start: req.card!.start, durationMinutes: 0, provider: req.card!.provider};
    } else {
      const start = this.startInstant();
      if (!start) {
        this.error = this.t.invalidTime;
        return;
      }
      value = {start: start.toISOString(), durationMinutes: this.duration, provider: this.provider ?? 'jitsi'};
    }
    this.busy = true;
    this.error = '';
    try {
      await req.submit(value);
      if (this.req !== req) return;
      this.close();
      this.dispatchEvent(new CustomEvent('consult-dialog-done', {detail: {mode: req.mode}, bubbles: true, composed: true}));
    } catch (err) {
      if (this.req !== req) return;
      this.error = this.t.failed(localInstants((err as Error).message, this.lang, this.timeZone));
      await this.updateComplete;
      this.firstField()?.focus();
    } finally {
      this.busy = false;
    }
  }

  private onCancel(e: Event): void {
    // Escape on a modal dialog: close through our own path so focus goes back to the opener.
    e.preventDefault();
    this.close();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation(); // not also "back to the list" in the console
      this.close();
      return;
    }
    if (e.key !== 'Tab') return;
    // Keep Tab inside the dialog: wrap from the last control to the first and back.
    const items = this.tabbables();
    if (!items.length) return;
    const active = this.shadowRoot!.activeElement;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && (active === first || !items.includes(active as HTMLElement))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !items.includes(active as HTMLElement))) {
      e.preventDefault();
      first.focus();
    }
  }

  private tabbables(): HTMLElement[] {
    return [...this.dialog.querySelectorAll<HTMLElement>('input, select, button')].filter(
      (el) => !(el as HTMLInputElement).disabled && el.getClientRects().length > 0 && !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked),
    );
  }

  private firstField(): HTMLElement | undefined {
    return this.tabbables()[0];
  }
}

/** The focused element, looking inside shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'consult-schedule-dialog': ConsultScheduleDialog;
  }
}
