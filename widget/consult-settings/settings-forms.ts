// The settings screens as templates: each section is one form whose submit sends one update.
// Errors come back per field path (`allowedOrigins.1`, `hours.week.2`) and show next to it.
import {html, nothing, type TemplateResult} from 'lit';
import type {AuditEntryDto, FirmSettingsDto, HoursSpan} from '../../protocol/settings.js';
import {FIELD_MODES, LANGS, PRECHAT_FIELDS} from '../../protocol/settings.js';
import {ATTACHMENT_TYPE_IDS} from '../../protocol/attachments.js';
import type {LawyerDto} from '../../protocol/chat.js';
import type {SettingsStrings} from './settings-i18n.js';

export interface FormHost {
  t: SettingsStrings;
  lang: string;
  settings?: FirmSettingsDto;
  team: LawyerDto[];
  audit: AuditEntryDto[];
  me: LawyerDto;
  hoursDraft: HoursSpan[];
  newSecret?: string;
  notice: string;
  /** The message for a field path, or for any path under it. */
  err(path: string): TemplateResult | typeof nothing;
  busy: boolean;
  copy(text: string): void;
  rotate(e: SubmitEvent): void;
  save(section: string, e: SubmitEvent): void;
  upload(kind: 'logo' | 'avatar', e: Event): void;
  removeLogo(): void;
  setTeam(l: LawyerDto, change: Partial<Pick<LawyerDto, 'role' | 'active'>>): void;
  invite(e: SubmitEvent): void;
  addSpan(): void;
  removeSpan(i: number): void;
}

const when = (iso: string, lang: string) => new Date(iso).toLocaleString(lang, {dateStyle: 'medium', timeStyle: 'short'});
const submit = (h: FormHost) => html`<div class="form-end"><button class="primary" type="submit" ?disabled=${h.busy}>${h.busy ? h.t.saving : h.t.save}</button>
  <span class="notice" role="status">${h.notice}</span></div>`;

export function firmForm(h: FormHost, s: FirmSettingsDto): TemplateResult {
  const t = h.t;
  return html`<form @submit=${(e: SubmitEvent) => h.save('firm', e)} novalidate>
    <label>${t.firmName}<input name="name" .value=${s.name} maxlength="200" required>${h.err('name')}</label>
    <div class="logo-row">
      ${s.logoUrl ? html`<img class="logo" src=${s.logoUrl} alt="">` : nothing}
      <label>${t.logo}<input type="file" accept="image/png,image/jpeg,image/gif,image/webp" @change=${(e: Event) => h.upload('logo', e)}><small>${t.logoHint}</small>${h.err('logo')}</label>
      ${s.logoUrl ? html`<button class="ghost" type="button" @click=${h.removeLogo}>${t.removeLogo}</button>` : nothing}
    </div>
    <label>${t.accent}<span class="accent-row"><input name="accent" .value=${s.accent} maxlength="7" spellcheck="false"><span class="swatch" data-accent=${s.accent}></span></span>${h.err('accent')}</label>
    ${LANGS.map((l) => html`<label>${t.greeting(l)}<textarea name="greeting-${l}" rows="2" maxlength="500" .value=${s.greetings[l] ?? ''}></textarea>${h.err(`greetings.${l}`)}</label>`)}
    <label>${t.timeZone}<input name="timeZone" .value=${s.timeZone} maxlength="64">${h.err('timeZone')}</label>
    <label>${t.senderName}<input name="fromName" .value=${s.mail.fromName ?? ''} maxlength="100">${h.err('mail.fromName')}</label>
    <label>${t.senderAddress}<input name="fromAddress" type="email" .value=${s.mail.fromAddress ?? ''} maxlength="320">${h.err('mail.fromAddress')}</label>
    ${submit(h)}
  </form>`;
}

export function websiteForm(h: FormHost, s: FirmSettingsDto): TemplateResult {
  const t = h.t;
  return html`<form @submit=${(e: SubmitEvent) => h.save('website', e)} novalidate>
      <label>${t.origins}<textarea name="origins" rows="4" spellcheck="false" .value=${s.allowedOrigins.join('\n')}></textarea><small>${t.originsHint}</small>${h.err('allowedOrigins')}</label>
      ${submit(h)}
    </form>
    <section class="copy-block"><h3>${t.snippet}</h3><pre><code>${s.embed.snippet}</code></pre><button class="ghost small" type="button" @click=${() => h.copy(s.embed.snippet)}>${t.copy}</button></section>
    <section class="copy-block"><h3>${t.cspLines}</h3><pre><code>${s.embed.csp}</code></pre><button class="ghost small" type="button" @click=${() => h.copy(s.embed.csp)}>${t.copy}</button></section>
    <form class="secret" @submit=${h.rotate} novalidate>
      <h3>${t.secret}</h3>
      <p class="hint">${t.secretHint}</p>
      ${s.previousSecretValidUntil ? html`<p class="hint">${t.previousValid(when(s.previousSecretValidUntil, h.lang))}</p>` : nothing}
      <label>${t.graceHours}<input name="graceHours" type="number" min="0" max="720" value="24">${h.err('graceHours')}</label>
      <button class="ghost" type="submit" ?disabled=${h.busy}>${t.rotate}</button>
      ${h.newSecret ? html`<div class="new-secret" role="status"><p>${t.newSecret}</p><code>${h.newSecret}</code><button class="ghost small" type="button" @click=${() => h.copy(h.newSecret!)}>${t.copy}</button></div>` : nothing}
    </form>`;
}

export function contactForm(h: FormHost, s: FirmSettingsDto): TemplateResult {
  const t = h.t;
  return html`<form @submit=${(e: SubmitEvent) => h.save('contact', e)} novalidate>
    <fieldset><legend>${t.prechat}</legend>
      <label class="check"><input type="checkbox" name="prechat" ?checked=${s.prechat.enabled}> ${t.prechatOn}</label>
      <div class="grid">${PRECHAT_FIELDS.map((f) => html`<label>${t.field[f]}<select name="field-${f}">${FIELD_MODES.map((m) => html`<option value=${m} ?selected=${s.prechat.fields[f] === m}>${t.mode[m]}</option>`)}</select></label>`)}</div>
      <label>${t.topics}<textarea name="topics" rows="3" .value=${s.prechat.topics.join('\n')}></textarea><small>${t.topicsHint}</small>${h.err('prechat')}</label>
    </fieldset>
    <fieldset><legend>${t.consent}</legend>
      <label class="check"><input type="checkbox" name="consent" ?checked=${s.consent.enabled}> ${t.consentOn}</label>
      <p class="hint">${t.consentVersion(s.consent.version)}</p>
      ${LANGS.map((l) => html`<label>${t.consentText(l)}<textarea name="consent-${l}" rows="4" maxlength="5000" .value=${s.consent.texts[l] ?? ''}></textarea>${h.err(`consent.texts.${l}`)}</label>`)}
    </fieldset>
    <fieldset><legend>${t.askEmail}</legend>
      <label>${t.askEmailAfter}<input name="askEmailAfter" type="number" min="1" max="1440" step="1" .value=${s.askEmail?.afterMinutes == null ? '' : String(s.askEmail.afterMinutes)}><small>${t.askEmailHint}</small>${h.err('askEmail.afterMinutes')}</label>
      <label class="check"><input type="checkbox" name="askEmailBeforeScheduling" ?checked=${!!s.askEmail?.beforeScheduling}> ${t.askEmailBeforeScheduling}</label>
    </fieldset>
    <fieldset><legend>${t.documentTypes}</legend>
      <div class="grid">${ATTACHMENT_TYPE_IDS.map((d) => html`<label class="check"><input type="checkbox" name="documentTypes" value=${d} ?checked=${s.documentTypes.includes(d)}> ${d.toUpperCase()}</label>`)}</div>
      <small>${t.documentTypesHint}</small>${h.err('documentTypes')}
    </fieldset>
    ${submit(h)}
  </form>`;
}

export function hoursForm(h: FormHost, s: FirmSettingsDto): TemplateResult {
  const t = h.t;
  return html`<form @submit=${(e: SubmitEvent) => h.save('hours', e)} novalidate>
    <label class="check"><input type="checkbox" name="hoursOn" ?checked=${s.hours.enabled}> ${t.hoursOn}</label>
    <p class="hint">${t.hoursZone(s.timeZone)}</p>
    <table class="spans"><thead><tr><th>${t.day}</th><th>${t.opens}</th><th>${t.closes}</th><th><span class="sr-only">${t.remove}</span></th></tr></thead>
      <tbody>${h.hoursDraft.map((span, i) => html`<tr class="span-row">
        <td><select name="day-${i}" aria-label=${t.day}>${t.days.map((d, n) => html`<option value=${n} ?selected=${span.day === n}>${d}</option>`)}</select></td>
        <td><input name="open-${i}" type="time" aria-label=${t.opens} .value=${span.open}></td>
        <td><input name="close-${i}" type="time" aria-label=${t.closes} .value=${span.close}></td>
        <td><button class="ghost small" type="button" @click=${() => h.removeSpan(i)}>${t.remove}</button></td>
      </tr>${h.err(`hours.week.${i}`) === nothing ? nothing : html`<tr><td colspan="4">${h.err(`hours.week.${i}`)}</td></tr>`}`)}</tbody>
    </table>
    ${h.err('hours.week')}
    <button class="ghost small" type="button" @click=${h.addSpan}>${t.addSpan}</button>
    <label>${t.closedDates}<textarea name="closedDates" rows="3" .value=${s.hours.closedDates.join('\n')}></textarea><small>${t.closedDatesHint}</small>${h.err('hours.closedDates')}</label>
    ${submit(h)}
  </form>`;
}

export function retentionForm(h: FormHost, s: FirmSettingsDto): TemplateResult {
  const t = h.t;
  const r = s.retention;
  const counts = r.lastCounts ? Object.entries(r.lastCounts).map(([k, v]) => `${v} ${k}`).join(', ') : '';
  return html`<form @submit=${(e: SubmitEvent) => h.save('retention', e)} novalidate>
    <label>${t.retentionDays}<input name="retentionDays" type="number" min="1" step="1" .value=${r.days === null ? '' : String(r.days)}><small>${t.retentionHint}</small>${h.err('retentionDays')}</label>
    <p class="hint">${r.lastRunAt ? t.lastRun(when(r.lastRunAt, h.lang), counts) : t.neverRun}</p>
    ${submit(h)}
  </form>`;
}

export function teamScreen(h: FormHost): TemplateResult {
  const t = h.t;
  return html`<table class="team"><thead><tr><th>${t.name}</th><th>${t.email}</th><th>${t.role}</th><th>${t.status}</th><th></th></tr></thead>
      <tbody>${h.team.map((l) => html`<tr>
        <td>${l.name}</td><td class="mail">${l.email}</td>
        <td><select aria-label="${t.role}: ${l.name}" @change=${(e: Event) => h.setTeam(l, {role: (e.target as HTMLSelectElement).value as LawyerDto['role']})}>
          ${(['owner', 'lawyer'] as const).map((r) => html`<option value=${r} ?selected=${l.role === r}>${t.roles[r]}</option>`)}</select></td>
        <td>${l.active === false ? t.deactivated : l.invited ? t.invited : t.active}</td>
        <td>${l.active === false
          ? html`<button class="ghost small" type="button" @click=${() => h.setTeam(l, {active: true})}>${t.reactivate}</button>`
          : html`<button class="ghost small danger" type="button" @click=${() => h.setTeam(l, {active: false})}>${t.deactivate}</button>`}</td>
      </tr>`)}</tbody></table>
    ${h.err('role')}${h.err('active')}
    <form class="invite" @submit=${h.invite} novalidate>
      <label>${t.name}<input name="name" maxlength="200" autocomplete="off">${h.err('name')}</label>
      <label>${t.email}<input name="email" type="email" maxlength="320" autocomplete="off">${h.err('email')}</label>
      <label>${t.role}<select name="role"><option value="lawyer">${t.roles.lawyer}</option><option value="owner">${t.roles.owner}</option></select></label>
      <div class="form-end"><button class="primary" type="submit" ?disabled=${h.busy}>${t.invite}</button><span class="notice" role="status">${h.notice}</span></div>
    </form>`;
}

export function auditScreen(h: FormHost): TemplateResult {
  const t = h.t;
  const value = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  return html`<table class="audit"><thead><tr><th>${t.when}</th><th>${t.who}</th><th>${t.what}</th></tr></thead>
    <tbody>${h.audit.map((e) => html`<tr><td>${when(e.at, h.lang)}</td><td>${e.actor.name}</td><td><strong>${e.action}</strong>
      <ul>${e.changes.map((c) => html`<li><code>${c.field}</code>${c.from !== undefined ? html` ${value(c.from)} →` : nothing}${c.to !== undefined ? html` ${value(c.to)}` : nothing}</li>`)}</ul></td></tr>`)}</tbody></table>`;
}

export function profileForm(h: FormHost): TemplateResult {
  const t = h.t;
  const me = h.me;
  return html`<form @submit=${(e: SubmitEvent) => h.save('profile', e)} novalidate>
    <div class="logo-row">${me.avatarUrl ? html`<img class="logo" src=${me.avatarUrl} alt="">` : nothing}
      <label>${t.avatar}<input type="file" accept="image/png,image/jpeg,image/gif,image/webp" @change=${(e: Event) => h.upload('avatar', e)}><small>${t.logoHint}</small>${h.err('avatar')}</label></div>
    <label>${t.name}<input name="name" .value=${me.name} maxlength="200">${h.err('name')}</label>
    <label>${t.timeZone}<input name="timeZone" .value=${me.timeZone ?? ''} maxlength="64">${h.err('timeZone')}</label>
    <label>${t.emailLang}<select name="lang">${LANGS.map((l) => html`<option value=${l} ?selected=${(me.lang ?? 'en') === l}>${t.langNames[l]}</option>`)}</select>${h.err('lang')}</label>
    <label>${t.meetingLink}<input name="personalMeetingUrl" type="url" .value=${me.personalMeetingUrl ?? ''} maxlength="500" placeholder="https://meet.jit.si/…">${h.err('personalMeetingUrl')}</label>
    ${submit(h)}
  </form>`;
}
