// <consult-settings>: the console's settings screens. Owners get the firm's settings, lawyers,
// visitor contact, hours, retention and the audit log; every lawyer gets their own profile.
// Each save sends one section; a refusal names its fields and nothing is half-saved.
import {LitElement, html, nothing, type TemplateResult} from 'lit';
import type {AuditEntryDto, FirmSettingsDto, HoursSpan} from '../../protocol/settings.js';
import {LANGS, PRECHAT_FIELDS} from '../../protocol/settings.js';
import type {LawyerDto} from '../../protocol/chat.js';
import type {ErrorBody} from '../../protocol/errors.js';
import {RequestError, requestJson, type JsonRequest} from '../shared/http.js';
import {SETTINGS_TABLES, type SettingsStrings} from './settings-i18n.js';
import {auditScreen, contactForm, firmForm, hoursForm, profileForm, retentionForm, teamScreen, websiteForm, type FormHost} from './settings-forms.js';
import {settingsStyles} from './settings.styles.js';
import './integrations-panel.js';
import './booking-panel.js';
import './ratings-panel.js';

type Tab = keyof SettingsStrings['tabs'];
const OWNER_TABS: Tab[] = ['firm', 'website', 'contact', 'hours', 'booking', 'retention', 'team', 'integrations', 'ratings', 'audit', 'profile'];

/**
 * @fires consult-settings-close - the lawyer went back to the conversations
 * @fires consult-profile - the signed-in lawyer's profile changed; `detail.lawyer`
 */
export class ConsultSettings extends LitElement implements FormHost {
  static override styles = settingsStyles;
  static override properties = {
    server: {}, token: {}, me: {attribute: false}, lang: {},
    tab: {state: true}, settings: {state: true}, team: {state: true}, audit: {state: true}, errors: {state: true},
    busy: {state: true}, notice: {state: true}, newSecret: {state: true}, hoursDraft: {state: true}, loadError: {state: true},
  };
  server = '';
  token = '';
  me!: LawyerDto;
  override lang = 'en';
  tab: Tab = 'profile';
  settings?: FirmSettingsDto;
  team: LawyerDto[] = [];
  audit: AuditEntryDto[] = [];
  errors: {path: string; message: string}[] = [];
  busy = false;
  notice = '';
  newSecret?: string;
  hoursDraft: HoursSpan[] = [];
  loadError = '';

  get t(): SettingsStrings {
    return SETTINGS_TABLES[this.lang as keyof typeof SETTINGS_TABLES] ?? SETTINGS_TABLES.en;
  }

  private get owner(): boolean {
    return this.me?.role === 'owner';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.owner) this.tab = 'firm';
    void this.load();
  }

  private api<T>(path: string, req: JsonRequest = {}): Promise<T> {
    return requestJson<T>(`${this.server}/api/v1${path}`, {...req, token: this.token});
  }

  private async load(): Promise<void> {
    if (!this.owner) return;
    try {
      const [settings, team, audit] = await Promise.all([
        this.api<FirmSettingsDto>('/settings'),
        this.api<{lawyers: LawyerDto[]}>('/team'),
        this.api<{entries: AuditEntryDto[]}>('/audit'),
      ]);
      this.apply(settings);
      this.team = team.lawyers;
      this.audit = audit.entries;
    } catch (err) {
      this.loadError = `${this.t.loadFailed} ${(err as Error).message}`;
    }
  }

  private apply(s: FirmSettingsDto): void {
    this.settings = s;
    this.hoursDraft = s.hours.week.map((x) => ({...x}));
  }

  err(path: string): TemplateResult | typeof nothing {
    const hits = this.errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`));
    return hits.length ? html`<span class="field-error" role="alert">${hits.map((e) => e.message).join(' ')}</span>` : nothing;
  }

  /** Runs one save: clears errors, keeps field-level ones from a refusal, refreshes the log. */
  private async run(fn: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.errors = [];
    this.notice = '';
    try {
      await fn();
      this.notice = this.notice || this.t.saved;
      if (this.owner) this.audit = (await this.api<{entries: AuditEntryDto[]}>('/audit')).entries;
    } catch (err) {
      const body: ErrorBody = err instanceof RequestError ? err.body : {code: 'unavailable', message: String(err)};
      this.errors = body.issues?.length ? body.issues : [{path: '_', message: body.message}];
      this.notice = body.issues?.length ? this.t.failed : body.message;
    } finally {
      this.busy = false;
    }
  }

  save(section: string, e: SubmitEvent): void {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const lines = (k: string) => v(k).split('\n').map((x) => x.trim()).filter(Boolean);
    const perLang = (prefix: string) => Object.fromEntries(LANGS.map((l) => [l, v(`${prefix}-${l}`)]).filter(([, x]) => x));
    if (section === 'profile') {
      void this.run(async () => {
        const me = await this.api<LawyerDto>(`/team/${this.me.id}`, {method: 'POST', body: {name: v('name'), timeZone: v('timeZone'), lang: v('lang') || undefined, personalMeetingUrl: v('personalMeetingUrl') || null}});
        this.me = me;
        this.dispatchEvent(new CustomEvent('consult-profile', {detail: {lawyer: me}, bubbles: true, composed: true}));
      });
      return;
    }
    let body: Record<string, unknown> = {};
    if (section === 'firm') body = {name: v('name'), accent: v('accent'), greetings: perLang('greeting'), timeZone: v('timeZone'), mail: {fromName: v('fromName') || null, fromAddress: v('fromAddress') || null}};
    if (section === 'website') body = {allowedOrigins: lines('origins')};
    if (section === 'contact') {
      body = {
        prechat: {enabled: f.has('prechat'), fields: Object.fromEntries(PRECHAT_FIELDS.map((k) => [k, v(`field-${k}`)])), topics: lines('topics')},
        consent: {enabled: f.has('consent'), texts: perLang('consent')},
        documentTypes: f.getAll('documentTypes'),
        askEmail: {afterMinutes: v('askEmailAfter') === '' ? null : Number(v('askEmailAfter')), beforeScheduling: f.has('askEmailBeforeScheduling')},
      };
    }
    if (section === 'hours') {
      const week = this.hoursDraft.map((_, i) => ({day: Number(v(`day-${i}`)), open: v(`open-${i}`), close: v(`close-${i}`)}));
      this.hoursDraft = week;
      body = {hours: {enabled: f.has('hoursOn'), week, closedDates: lines('closedDates')}};
    }
    if (section === 'retention') body = {retentionDays: v('retentionDays') === '' ? null : Number(v('retentionDays'))};
    void this.run(async () => this.apply(await this.api<FirmSettingsDto>('/settings', {method: 'POST', body})));
  }

  rotate(e: SubmitEvent): void {
    e.preventDefault();
    const graceHours = Number(new FormData(e.target as HTMLFormElement).get('graceHours') ?? 0);
    void this.run(async () => {
      this.newSecret = (await this.api<{identitySecret: string}>('/settings/identity-secret', {method: 'POST', body: {graceHours}})).identitySecret;
      this.apply(await this.api<FirmSettingsDto>('/settings'));
    });
  }

  upload(kind: 'logo' | 'avatar', e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    void this.run(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      const data = btoa(bin);
      input.value = '';
      if (kind === 'logo') this.apply(await this.api<FirmSettingsDto>('/settings/logo', {method: 'POST', body: {data}}));
      else this.me = await this.api<LawyerDto>(`/team/${this.me.id}/avatar`, {method: 'POST', body: {data}});
    });
  }

  removeLogo(): void {
    void this.run(async () => this.apply(await this.api<FirmSettingsDto>('/settings/logo', {method: 'DELETE'})));
  }

  setTeam(l: LawyerDto, change: Partial<Pick<LawyerDto, 'role' | 'active'>>): void {
    if (change.active === false && !confirm(this.t.confirmDeactivate(l.name))) return;
    void this.run(async () => {
      try {
        await this.api<LawyerDto>(`/team/${l.id}`, {method: 'POST', body: change});
      } finally {
        // A refused role change puts the menu back as the server has it.
        this.team = (await this.api<{lawyers: LawyerDto[]}>('/team')).lawyers;
      }
    });
  }

  invite(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const email = String(f.get('email') ?? '').trim();
    void this.run(async () => {
      await this.api('/team/invite', {method: 'POST', body: {name: String(f.get('name') ?? '').trim(), email, role: f.get('role')}});
      form.reset();
      this.notice = this.t.inviteSent(email);
      this.team = (await this.api<{lawyers: LawyerDto[]}>('/team')).lawyers;
    });
  }

  addSpan(): void {
    const last = this.hoursDraft[this.hoursDraft.length - 1];
    this.hoursDraft = [...this.hoursDraft, {day: last ? (last.day + 1) % 7 : 1, open: '09:00', close: '17:00'}];
  }

  removeSpan(i: number): void {
    this.hoursDraft = this.hoursDraft.filter((_, j) => j !== i);
  }

  copy(text: string): void {
    void navigator.clipboard?.writeText(text).then(() => (this.notice = this.t.copied), () => {});
  }

  private select(tab: Tab): void {
    if (tab !== this.tab) this.scrollTop = 0;
    this.tab = tab;
    this.errors = [];
    this.notice = '';
    this.newSecret = undefined;
  }

  protected override updated(changed: Map<string, unknown>): void {
    // On a phone the tab strip scrolls: keep the current tab in sight.
    if (changed.has('tab')) this.renderRoot.querySelector('.tab[aria-current="page"]')?.scrollIntoView({block: 'nearest', inline: 'nearest'});
    // The accent preview, through CSSOM (no inline style under the console's CSP).
    const swatch = this.renderRoot.querySelector<HTMLElement>('.swatch');
    const accent = swatch?.dataset.accent;
    if (swatch && accent && CSS.supports('color', accent)) swatch.style.setProperty('background', accent);
  }

  override render(): TemplateResult {
    const t = this.t;
    const tabs: Tab[] = this.owner ? OWNER_TABS : ['profile', 'booking'];
    const s = this.settings;
    const body = this.tab === 'profile' ? profileForm(this)
      : this.tab === 'team' ? teamScreen(this)
      : this.tab === 'audit' ? auditScreen(this)
      : this.tab === 'booking' ? html`<consult-booking-settings .server=${this.server} .token=${this.token} .me=${this.me} .lang=${this.lang}></consult-booking-settings>`
      : this.tab === 'integrations' ? html`<consult-integrations .server=${this.server} .token=${this.token} .lang=${this.lang}></consult-integrations>`
      : this.tab === 'ratings' ? html`<consult-ratings .server=${this.server} .token=${this.token} .lang=${this.lang}></consult-ratings>`
      : !s ? html`<p class="hint">${this.loadError || '…'}</p>`
      : {firm: firmForm, website: websiteForm, contact: contactForm, hours: hoursForm, retention: retentionForm}[this.tab](this, s);
    // The settings replace the whole console: they are the page's main landmark and its h1.
    return html`<main class="settings" aria-labelledby="settings-title">
      <header class="top">
        <button class="ghost small" type="button" @click=${() => this.dispatchEvent(new CustomEvent('consult-settings-close', {bubbles: true, composed: true}))}>← ${t.backToInbox}</button>
        <h1 id="settings-title">${t.settings}</h1>
      </header>
      <nav class="tabs" aria-label=${t.settings}>
        ${tabs.map((x) => html`<button type="button" class="tab" aria-current=${x === this.tab ? 'page' : 'false'} @click=${() => this.select(x)}>${t.tabs[x]}</button>`)}
      </nav>
      <div class="panel">
        <h2 class="panel-title">${t.tabs[this.tab]}</h2>
        ${this.err('_')}
        ${body}
      </div>
    </main>`;
  }
}

if (!customElements.get('consult-settings')) customElements.define('consult-settings', ConsultSettings);
