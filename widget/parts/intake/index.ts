// <consult-intake>: what a firm asks before the first message, loaded on demand (consult-chat-
// intake.js): the pre-chat fields it wants (each optional or required), its confidentiality
// notice to accept, and, outside business hours, when it opens again in the visitor's own time
// with an email required so the reply can reach them. Renders into <consult-chat>'s shadow
// root (no shadow of its own), so the chat's stylesheet dresses it.
import {LitElement, css, html, nothing} from 'lit';
import {adopt, formStyles} from '../shared/adopt.js';

/** Added to the chat's shadow root once: the chat's own stylesheet does not know these. */
const extra = css`
  .prechat .notice { max-height: 30vh; overflow-y: auto; padding: 8px 10px; border: 1px solid #8c959f; border-radius: 8px; font-size: 13px; white-space: pre-wrap; }
  .prechat label.accept { flex-direction: row; align-items: center; gap: 8px; }
  .prechat .closed { margin: 0; padding: 8px 10px; border-radius: 8px; background: var(--_bubble, #f1f3f5); font-size: 14px; }
  .prechat .error { margin: 0; color: #b42318; font-size: 14px; }
  .prechat small { color: var(--_muted, #57606a); }
  .prechat p { margin: 0; }
`;
import type {ApplicantDto, FirmPublicDto} from '../../../protocol/chat.js';
import type {FieldMode} from '../../../protocol/settings.js';
import {INTAKE_TABLES, refusalText, type IntakeStrings} from './strings.js';

export interface IntakeAnswers {
  name?: string;
  email?: string;
  phone?: string;
  topic?: string;
  consentVersion?: number;
  consentLang?: 'en' | 'fr' | 'es';
}

export class ConsultIntake extends LitElement {
  static override properties = {firm: {attribute: false}, applicant: {attribute: false}, lang: {}, busy: {type: Boolean}, error: {attribute: false}, autofocus: {type: Boolean}};
  firm?: FirmPublicDto;
  applicant?: ApplicantDto;
  override lang = 'en';
  busy = false;
  /** The server's refusal of the last answers (an error with `body`), shown in the visitor's language. */
  error: unknown = '';
  override autofocus = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this, formStyles);
    adopt(this, extra);
  }

  private get t(): IntakeStrings {
    return INTAKE_TABLES[this.lang as keyof typeof INTAKE_TABLES] ?? INTAKE_TABLES.en;
  }

  protected override firstUpdated(): void {
    if (this.autofocus) this.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }

  override render() {
    const firm = this.firm;
    const c = firm?.contact;
    if (!firm || !c) return nothing;
    const t = this.t;
    const a = this.applicant;
    const closed = c.hours && !c.hours.open;
    const fields = {...c.fields};
    if (a?.verified) fields.name = fields.email = 'off';
    // Outside hours the reply goes by email: ask for it even where the form would not.
    if (closed && !a?.email) fields.email = 'required';
    const needsConsent = c.consent && a?.consent?.version !== c.consent.version;
    const notice = c.consent ? c.consent.texts[this.lang as 'en'] || c.consent.texts.en || '' : '';
    const field = (name: 'name' | 'email' | 'phone', label: string, type: string, auto: string, max: number, mode: FieldMode) =>
      mode === 'off' ? nothing : html`<label>${label}${mode === 'optional' ? html` <small>${t.optional}</small>` : nothing}
        <input name=${name} type=${type} autocomplete=${auto} maxlength=${max} ?required=${mode === 'required'}></label>`;
    return html`<form part="prechat" class="prechat" @submit=${this.submit}>
      ${closed ? html`<p class="closed" role="status">${c.hours!.nextOpen ? t.closedUntil(this.when(c.hours!.nextOpen)) : t.closed}</p>` : nothing}
      ${fields.name !== 'off' || fields.email !== 'off' || fields.phone !== 'off' ? html`<p>${t.intro}</p>` : nothing}
      ${field('name', t.name, 'text', 'name', 120, fields.name)}
      ${field('email', t.email, 'email', 'email', 200, fields.email)}
      ${field('phone', t.phone, 'tel', 'tel', 30, fields.phone)}
      ${fields.topic === 'off' ? nothing : firm.prechat.topics.length
        ? html`<label>${t.topic}<select name="topic" ?required=${fields.topic === 'required'}>${fields.topic === 'optional' ? html`<option value="">—</option>` : nothing}${firm.prechat.topics.map((x) => html`<option value=${x}>${x}</option>`)}</select></label>`
        : html`<label>${t.topic}<input name="topic" maxlength="200" ?required=${fields.topic === 'required'}></label>`}
      ${needsConsent ? html`<div class="notice" tabindex="0" aria-label=${t.notice}>${notice}</div>
        <label class="accept"><input type="checkbox" name="consent" required> ${t.accept}</label>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${refusalText(t, this.error)}</p>` : nothing}
      <button type="submit" ?disabled=${this.busy}>${t.start}</button>
    </form>`;
  }

  /** The next opening on the visitor's own clock, with their zone named. */
  private when(iso: string): string {
    const d = new Date(iso);
    const day = d.toDateString() === new Date().toDateString() ? this.t.today : d.toLocaleDateString(this.lang, {weekday: 'long', day: 'numeric', month: 'long'});
    const time = d.toLocaleTimeString(this.lang, {hour: '2-digit', minute: '2-digit', timeZoneName: 'short'});
    return `${day}, ${time}`;
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    const c = this.firm!.contact!;
    const lang = (['en', 'fr', 'es'].includes(this.lang) && c.consent?.texts[this.lang as 'en'] ? this.lang : 'en') as IntakeAnswers['consentLang'];
    const answers: IntakeAnswers = {name: get('name'), email: get('email'), phone: get('phone'), topic: get('topic'), ...(data.get('consent') ? {consentVersion: c.consent!.version, consentLang: lang} : {})};
    this.dispatchEvent(new CustomEvent('consult-intake', {detail: answers, bubbles: true, composed: true}));
  }
}

if (!customElements.get('consult-intake')) customElements.define('consult-intake', ConsultIntake);
