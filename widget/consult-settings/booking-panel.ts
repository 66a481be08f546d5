// The console's Booking panel: the firm's booking mode (owners) and a lawyer's availability —
// weekly hours in their own zone, dates off, notice, buffer, lengths and video providers. Every
// lawyer edits their own; an owner picks any lawyer of the firm. Talks to the REST API only;
// a refusal is shown as the server words it, nothing is half-saved.
import {LitElement, css, html, nothing, type PropertyDeclarations} from 'lit';
import type {AvailabilityDTO, BookingMode, WeeklyHours} from '../../protocol/booking.js';
import type {FirmSettingsDto} from '../../protocol/settings.js';
import type {LawyerDto} from '../../protocol/chat.js';
import {PROVIDER_NAMES, type ProviderId} from '../../protocol/consultation.js';
import {API_PREFIX} from '../../protocol/rest.js';
import {RequestError, requestJson, type JsonRequest} from '../shared/http.js';
import {BOOKING_PANEL_TABLES, type BookingPanelStrings} from './booking-i18n.js';
import {settingsStyles} from './settings.styles.js';

const LENGTHS = [15, 30, 45, 60, 90];

export class ConsultBookingSettings extends LitElement {
  // Inside the settings panel: the panel's look, none of the screen's own box.
  static override styles = [settingsStyles, css`:host { height: auto; overflow: visible; background: none; } .mode { margin-bottom: 16px; } h3 { margin-top: 0; } .add { align-self: flex-start; }`];
  static override properties: PropertyDeclarations = {
    server: {}, token: {}, lang: {}, me: {attribute: false},
    mode: {state: true}, team: {state: true}, lawyerId: {state: true}, a: {state: true}, weekly: {state: true}, providers: {state: true}, notice: {state: true}, error: {state: true}, busy: {state: true},
  };
  server = '';
  token = '';
  override lang = 'en';
  me!: LawyerDto;
  mode: BookingMode = 'off';
  team: LawyerDto[] = [];
  lawyerId = '';
  a?: AvailabilityDTO;
  weekly: WeeklyHours[] = [];
  providers: ProviderId[] = [];
  notice = '';
  error = '';
  busy = false;

  private get t(): BookingPanelStrings {
    return BOOKING_PANEL_TABLES[this.lang as keyof typeof BOOKING_PANEL_TABLES] ?? BOOKING_PANEL_TABLES.en;
  }

  private get owner(): boolean {
    return this.me?.role === 'owner';
  }

  private call<T>(path: string, init: JsonRequest = {}): Promise<T> {
    return requestJson<T>(`${this.server}${API_PREFIX}${path}`, {...init, token: this.token});
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.lawyerId = this.me.id;
    void this.run(async () => {
      const [providers] = await Promise.all([this.call<{providers: ProviderId[]}>('/consultations/providers'), this.loadLawyer()]);
      this.providers = providers.providers;
      if (this.owner) {
        const [settings, team] = await Promise.all([this.call<FirmSettingsDto>('/settings'), this.call<{lawyers: LawyerDto[]}>('/team')]);
        this.mode = settings.booking.mode;
        this.team = team.lawyers.filter((l) => l.active !== false);
      }
    }, false);
  }

  private async loadLawyer(): Promise<void> {
    this.a = await this.call<AvailabilityDTO>(`/availability?lawyerId=${encodeURIComponent(this.lawyerId)}`);
    this.weekly = this.a.weekly.map((w) => ({...w}));
  }

  private async run(fn: () => Promise<void>, say = true): Promise<void> {
    this.busy = true;
    this.error = '';
    this.notice = '';
    try {
      await fn();
      if (say) this.notice = this.t.saved;
    } catch (err) {
      this.error = err instanceof RequestError ? err.message : String(err);
    } finally {
      this.busy = false;
    }
  }

  private setMode(mode: BookingMode): void {
    void this.run(async () => {
      this.mode = (await this.call<FirmSettingsDto>('/settings', {method: 'POST', body: {booking: {mode}}})).booking.mode;
    });
  }

  private pickLawyer(e: Event): void {
    this.lawyerId = (e.target as HTMLSelectElement).value;
    void this.run(() => this.loadLawyer(), false);
  }

  private save(e: SubmitEvent): void {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const weekly = this.weekly.map((_, i) => ({day: Number(v(`day-${i}`)), start: v(`start-${i}`), end: v(`end-${i}`) === '00:00' ? '24:00' : v(`end-${i}`)}));
    this.weekly = weekly;
    const body = {
      lawyerId: this.lawyerId, timeZone: v('timeZone'), weekly,
      datesOff: v('datesOff').split('\n').map((x) => x.trim()).filter(Boolean),
      minNoticeMinutes: Math.round(Number(v('notice')) * 60), bufferMinutes: Number(v('buffer')),
      durations: f.getAll('durations').map(Number), providers: f.getAll('providers').map(String),
    };
    void this.run(async () => {
      this.a = await this.call<AvailabilityDTO>('/availability', {method: 'POST', body});
      this.weekly = this.a.weekly.map((w) => ({...w}));
    });
  }

  override render() {
    const t = this.t;
    const a = this.a;
    return html`${this.owner ? html`<fieldset class="mode"><legend>${t.mode}</legend>
        ${(['off', 'instant', 'request'] as const).map((m) => html`<label class="check"><input type="radio" name="mode" value=${m} .checked=${this.mode === m} ?disabled=${this.busy} @change=${() => this.setMode(m)}> ${t.modes[m]}</label>`)}
        <small>${t.modeHint}</small>
      </fieldset>` : nothing}
      ${this.owner && this.team.length > 1 ? html`<label>${t.lawyer}<select @change=${this.pickLawyer}>${this.team.map((l) => html`<option value=${l.id} ?selected=${l.id === this.lawyerId}>${l.name}</option>`)}</select></label>` : nothing}
      ${!a ? html`<p class="hint">${this.error || '…'}</p>` : html`<form @submit=${this.save} novalidate>
        <h3>${t.hoursOf(a.lawyerName)}</h3>
        <label>${t.timeZone}<input name="timeZone" .value=${a.timeZone} maxlength="64"></label>
        ${this.weekly.length ? nothing : html`<p class="hint">${t.noHours}</p>`}
        <table class="spans"><thead><tr><th>${t.day}</th><th>${t.from}</th><th>${t.to}</th><th><span class="sr-only">${t.remove}</span></th></tr></thead>
          <tbody>${this.weekly.map((w, i) => html`<tr class="span-row">
            <td><select name="day-${i}" aria-label=${t.day}>${t.days.map((d, n) => html`<option value=${n} ?selected=${w.day === n}>${d}</option>`)}</select></td>
            <td><input name="start-${i}" type="time" aria-label=${t.from} .value=${w.start}></td>
            <td><input name="end-${i}" type="time" aria-label=${t.to} .value=${w.end === '24:00' ? '00:00' : w.end}></td>
            <td><button class="ghost small" type="button" @click=${() => (this.weekly = this.weekly.filter((_, j) => j !== i))}>${t.remove}</button></td>
          </tr>`)}</tbody>
        </table>
        <button class="ghost small add" type="button" @click=${this.addSpan}>${t.addSpan}</button>
        <label>${t.datesOff}<textarea name="datesOff" rows="3" .value=${a.datesOff.join('\n')}></textarea><small>${t.datesOffHint}</small></label>
        <div class="grid">
          <label>${t.notice}<input name="notice" type="number" min="0" max="720" step="0.5" .value=${String(a.minNoticeMinutes / 60)}></label>
          <label>${t.buffer}<input name="buffer" type="number" min="0" max="240" step="5" .value=${String(a.bufferMinutes)}></label>
        </div>
        <fieldset><legend>${t.durations}</legend><div class="grid">${[...new Set([...LENGTHS, ...a.durations])].sort((x, y) => x - y).map((n) => html`<label class="check"><input type="checkbox" name="durations" value=${n} .checked=${a.durations.includes(n)}> ${t.minutes(n)}</label>`)}</div></fieldset>
        <fieldset><legend>${t.providers}</legend><div class="grid">${this.providers.map((p) => html`<label class="check"><input type="checkbox" name="providers" value=${p} .checked=${a.providers.includes(p)}> ${PROVIDER_NAMES[p] || p}</label>`)}</div></fieldset>
        ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
        <div class="form-end"><button class="primary" type="submit" ?disabled=${this.busy}>${t.save}</button><span class="notice" role="status">${this.notice}</span></div>
      </form>`}`;
  }

  private addSpan(): void {
    const last = this.weekly[this.weekly.length - 1];
    this.weekly = [...this.weekly, {day: last ? (last.day + 1) % 7 : 1, start: last?.start ?? '09:00', end: last?.end ?? '17:00'}];
  }
}

if (!customElements.get('consult-booking-settings')) customElements.define('consult-booking-settings', ConsultBookingSettings);
