// The firm owner's Integrations panel in the console: API keys and webhook endpoints, each
// secret shown once, recent deliveries with a resend button. Talks to the REST API only.
import {LitElement, css, html, nothing, type PropertyDeclarations, type TemplateResult} from 'lit';
import type {ApiKeyDto, CreatedApiKey, CreatedWebhookEndpoint, WebhookDeliveryDto, WebhookEndpointDto} from '../../protocol/integrations.js';
import {WEBHOOK_EVENTS} from '../../protocol/integrations.js';
import {API_PREFIX} from '../../protocol/rest.js';
import {localize} from '../shared/i18n.js';
import {RequestError, requestJson, type JsonRequest} from '../shared/http.js';
import {INTEGRATIONS_TABLES, type IntegrationsStrings} from './integrations-i18n.js';

export class ConsultIntegrations extends LitElement {
  static override properties: PropertyDeclarations = {
    server: {}, token: {}, lang: {},
    keys: {state: true}, endpoints: {state: true}, deliveries: {state: true}, secret: {state: true}, confirming: {state: true}, error: {state: true}, busy: {state: true},
  };

  server = '';
  token = '';
  override lang = '';
  keys: ApiKeyDto[] = [];
  endpoints: WebhookEndpointDto[] = [];
  /** Recent deliveries of the endpoint whose list is open. */
  deliveries?: {endpointId: string; list: WebhookDeliveryDto[]};
  /** A secret just created, shown once: `{for: key or endpoint id, value}`. */
  secret?: {for: string; value: string};
  /** The id whose destructive button asks for a second click. */
  confirming = '';
  error = '';
  busy = false;

  private get t(): IntegrationsStrings {
    return localize(INTEGRATIONS_TABLES, this.lang, document.documentElement.lang, navigator.languages).t;
  }

  private call<T>(path: string, init: JsonRequest = {}): Promise<T> {
    return requestJson<T>(`${this.server}${API_PREFIX}${path}`, {...init, token: this.token});
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  private async run(fn: () => Promise<void>): Promise<void> {
    this.error = '';
    this.busy = true;
    try {
      await fn();
    } catch (err) {
      this.error = this.t.failed(err instanceof RequestError ? err.message : String(err));
    } finally {
      this.busy = false;
    }
  }

  private reload(): Promise<void> {
    return this.run(async () => {
      const [keys, hooks] = await Promise.all([this.call<{keys: ApiKeyDto[]}>('/api-keys'), this.call<{endpoints: WebhookEndpointDto[]}>('/webhooks')]);
      this.keys = keys.keys;
      this.endpoints = hooks.endpoints;
    });
  }

  private onCreateKey(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    return this.run(async () => {
      const created = await this.call<CreatedApiKey>('/api-keys', {method: 'POST', body: {name: String(data.get('name') ?? ''), scope: String(data.get('scope'))}});
      form.reset();
      this.keys = [created.key, ...this.keys];
      this.secret = {for: created.key.id, value: created.secret};
    });
  }

  private onAddEndpoint(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    return this.run(async () => {
      const created = await this.call<CreatedWebhookEndpoint>('/webhooks', {method: 'POST', body: {url: String(data.get('url') ?? '').trim(), events: data.getAll('events').map(String)}});
      form.reset();
      this.endpoints = [created.endpoint, ...this.endpoints];
      this.secret = {for: created.endpoint.id, value: created.secret};
    });
  }

  /** Revoking and deleting take a second click on the same button. */
  private destroy(id: string, path: string): Promise<void> | void {
    if (this.confirming !== id) {
      this.confirming = id;
      return;
    }
    this.confirming = '';
    return this.run(async () => {
      await this.call(path, {method: 'DELETE'});
      await this.reload();
    });
  }

  private toggleDeliveries(endpointId: string): Promise<void> | void {
    if (this.deliveries?.endpointId === endpointId) {
      this.deliveries = undefined;
      return;
    }
    return this.run(async () => {
      const {deliveries} = await this.call<{deliveries: WebhookDeliveryDto[]}>(`/webhooks/${endpointId}/deliveries?limit=20`);
      this.deliveries = {endpointId, list: deliveries};
    });
  }

  private resend(d: WebhookDeliveryDto): Promise<void> {
    return this.run(async () => {
      const updated = await this.call<WebhookDeliveryDto>(`/webhook-deliveries/${d.id}/resend`, {method: 'POST'});
      if (this.deliveries) this.deliveries = {...this.deliveries, list: this.deliveries.list.map((x) => (x.id === d.id ? updated : x))};
      // Most resends land within a second: show the outcome rather than "retrying".
      setTimeout(() => void this.refreshDeliveries(d.endpointId), 1500);
    });
  }

  private async refreshDeliveries(endpointId: string): Promise<void> {
    if (this.deliveries?.endpointId !== endpointId) return;
    const {deliveries} = await this.call<{deliveries: WebhookDeliveryDto[]}>(`/webhooks/${endpointId}/deliveries?limit=20`).catch(() => ({deliveries: this.deliveries!.list}));
    if (this.deliveries?.endpointId === endpointId) this.deliveries = {endpointId, list: deliveries};
  }

  private when(iso: string): string {
    return new Date(iso).toLocaleString(this.lang || undefined, {dateStyle: 'medium', timeStyle: 'short'});
  }

  private renderSecret(id: string, note: string): TemplateResult | typeof nothing {
    if (this.secret?.for !== id) return nothing;
    return html`<div class="secret" role="status"><p>${note}</p><code>${this.secret.value}</code></div>`;
  }

  override render(): TemplateResult {
    const t = this.t;
    return html`<section class="panel" part="integrations" >
      <p class="muted">${t.intro} <a href="${this.server}/api/docs/" target="_blank" rel="noopener">${t.docs}</a></p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <h4>${t.keys}</h4>
      <p class="muted">${t.keysIntro}</p>
      <form class="row" @submit=${this.onCreateKey}>
        <label>${t.keyName}<input name="name" required maxlength="100"></label>
        <label>${t.scope}<select name="scope"><option value="read">${t.scopeRead}</option><option value="read-write">${t.scopeWrite}</option></select></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.createKey}</button>
      </form>
      <ul class="items">
        ${this.keys.map((k) => html`<li class=${k.revokedAt ? 'gone' : ''}>
          <div class="what"><strong>${k.name}</strong> <code>${k.prefix}…</code>
            <span class="muted">${k.scope === 'read' ? t.scopeRead : t.scopeWrite} · ${k.revokedAt ? t.revoked : k.lastUsedAt ? t.lastUsed(this.when(k.lastUsedAt)) : t.neverUsed}</span></div>
          ${k.revokedAt ? nothing : html`<button class="ghost danger" type="button" @click=${() => this.destroy(k.id, `/api-keys/${k.id}`)}>${this.confirming === k.id ? t.confirmRevoke : t.revoke}</button>`}
          ${this.renderSecret(k.id, t.secretOnce)}
        </li>`)}
      </ul>
      ${this.keys.length ? nothing : html`<p class="muted">${t.noKeys}</p>`}
      <h4>${t.webhooks}</h4>
      <p class="muted">${t.webhooksIntro}</p>
      <form class="hook-form" @submit=${this.onAddEndpoint}>
        <label>${t.url}<input name="url" type="url" required maxlength="2048" placeholder="https://"></label>
        <fieldset><legend>${t.events}</legend>
          ${WEBHOOK_EVENTS.map((ev) => html`<label class="check"><input type="checkbox" name="events" value=${ev} ?checked=${ev === 'message.created'}>${t.event[ev]}</label>`)}
        </fieldset>
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.addEndpoint}</button>
      </form>
      <ul class="items">${this.endpoints.map((e) => this.renderEndpoint(e, t))}</ul>
      ${this.endpoints.length ? nothing : html`<p class="muted">${t.noEndpoints}</p>`}
    </section>`;
  }

  private renderEndpoint(e: WebhookEndpointDto, t: IntegrationsStrings): TemplateResult {
    const open = this.deliveries?.endpointId === e.id ? this.deliveries.list : undefined;
    return html`<li class=${e.enabled ? '' : 'gone'}>
      <div class="what"><strong class="url">${e.url}</strong>
        <span class="muted">${e.events.map((ev) => t.event[ev]).join(' · ')}</span>
        ${e.enabled ? nothing : html`<span class="error">${t.disabled}: ${e.disabledReason}</span>`}</div>
      <button class="ghost" type="button" aria-expanded=${open ? 'true' : 'false'} @click=${() => this.toggleDeliveries(e.id)}>${open ? t.hideDeliveries : t.deliveries}</button>
      <button class="ghost danger" type="button" @click=${() => this.destroy(e.id, `/webhooks/${e.id}`)}>${this.confirming === e.id ? t.confirmRemove : t.remove}</button>
      ${this.renderSecret(e.id, t.signingSecretOnce)}
      ${open ? html`<ul class="deliveries">${open.length ? open.map((d) => html`<li>
        <span>${t.event[d.event]}</span><span class="badge ${d.status}">${t.status[d.status]}</span>
        <span class="muted">${this.when(d.createdAt)} · ${t.attempts(d.attempts)}${d.lastError ? ` · ${d.lastError}` : ''}</span>
        ${d.status === 'pending' ? nothing : html`<button class="link" type="button" @click=${() => this.resend(d)}>${t.resend}</button>`}
      </li>`) : html`<li class="muted">${t.noDeliveries}</li>`}</ul>` : nothing}
    </li>`;
  }

  static override styles = css`
    :host { display: block; overflow: auto; min-height: 0; background: var(--consult-surface, #fff); color: var(--consult-text, #1b1f24); }
    .panel { max-width: 860px; }
    h4 { margin: 28px 0 2px; font-size: 1.05rem; }
    p { margin: 4px 0 10px; }
    .muted { color: var(--consult-muted, #5b6470); font-size: 14px; }
    .error { color: #b3261e; }
    button, input, select { font: inherit; color: inherit; }
    button { cursor: pointer; }
    .primary { border: none; border-radius: 8px; padding: 9px 16px; background: var(--consult-accent, #1f4e79); color: var(--consult-on-accent, #fff); font-weight: 600; }
    .ghost { border: 1px solid var(--consult-border, #d9dee5); border-radius: 8px; padding: 6px 12px; background: transparent; }
    .danger { color: #b3261e; }
    .link { border: none; background: none; padding: 0; color: var(--consult-accent, #1f4e79); text-decoration: underline; }
    button:focus-visible, input:focus-visible, select:focus-visible, a:focus-visible { outline: 3px solid var(--consult-focus, #2b7bd6); outline-offset: 2px; }
    .row, .hook-form { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-end; }
    label { display: flex; flex-direction: column; gap: 4px; font-size: 14px; }
    input:not([type=checkbox]), select { box-sizing: border-box; height: 38px; padding: 6px 10px; border: 1px solid var(--consult-border, #d9dee5); border-radius: 8px; background: #fff; }
    .hook-form label:first-child { flex: 1 1 320px; }
    fieldset { flex: 1 1 100%; display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 0; padding: 8px 12px 10px; border: 1px solid var(--consult-border, #d9dee5); border-radius: 8px; }
    legend { font-size: 14px; padding: 0 4px; }
    .check { flex-direction: row; align-items: center; gap: 6px; }
    .items { list-style: none; margin: 12px 0 0; padding: 0; }
    .items > li { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 10px; padding: 10px 0; border-top: 1px solid var(--consult-border, #d9dee5); }
    .items > li.gone .what { opacity: 0.65; }
    .what { flex: 1 1 260px; display: flex; flex-direction: column; gap: 2px; min-width: 0; }
    .url { overflow-wrap: anywhere; }
    code { font-size: 13px; overflow-wrap: anywhere; }
    .secret { flex-basis: 100%; padding: 10px 12px; border-radius: 8px; background: #fff8e1; border: 1px solid #f0c36d; }
    .secret p { margin: 0 0 6px; font-weight: 600; }
    .deliveries { flex-basis: 100%; list-style: none; margin: 4px 0 0; padding: 0 0 0 12px; border-left: 3px solid var(--consult-border, #d9dee5); }
    .deliveries li { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; padding: 4px 0; font-size: 14px; }
    .badge { padding: 1px 8px; border-radius: 999px; font-size: 12px; background: #eef1f4; }
    .badge.sent { background: #e3f4e8; color: #1d6b35; }
    .badge.failed { background: #fde7e5; color: #8c1d18; }
    .badge.pending { background: #fff3d6; color: #7a5200; }
  `;
}

if (!customElements.get('consult-integrations')) customElements.define('consult-integrations', ConsultIntegrations);

declare global {
  interface HTMLElementTagNameMap {
    'consult-integrations': ConsultIntegrations;
  }
}
