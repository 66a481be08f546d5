// The console's search: a search box over the conversation list and, while a query is typed,
// the results in its place (newest first, the match highlighted). Arrow keys move from the box
// into the results and between them, Enter opens one at its message, Escape clears the search.
import {html, nothing, type ReactiveControllerHost, type TemplateResult} from 'lit';
import type {SearchHit, SearchPage} from '../../protocol/chat.js';
import type {SearchStrings} from './search-i18n.js';

const searchIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M10 4a6 6 0 1 0 3.7 10.7l5.3 5.3 1.4-1.4-5.3-5.3A6 6 0 0 0 10 4zm0 2a4 4 0 1 1 0 8 4 4 0 0 1 0-8z"/></svg>`;

export class ConsoleSearch {
  q = '';
  hits: SearchHit[] = [];
  next: string | null = null;
  loading = false;
  error = '';
  /** Whether the results replace the conversation list. */
  get active(): boolean {
    return this.q.trim().length > 0;
  }

  private timer?: ReturnType<typeof setTimeout>;
  private gen = 0;

  constructor(private readonly host: ReactiveControllerHost, private readonly opts: {server(): string; token(): string | undefined}) {}

  /** Typing: search after a short pause once a word has two letters. */
  input(q: string): void {
    this.q = q;
    clearTimeout(this.timer);
    this.gen++;
    this.hits = [];
    this.next = null;
    this.error = '';
    this.loading = this.tooShort ? false : true;
    if (!this.tooShort) this.timer = setTimeout(() => void this.run(), 250);
    this.host.requestUpdate();
  }

  get tooShort(): boolean {
    return !/[\p{L}\p{N}]{2}/u.test(this.q);
  }

  clear(): void {
    this.input('');
  }

  async run(more = false): Promise<void> {
    const token = this.opts.token();
    if (!token || this.tooShort) return;
    clearTimeout(this.timer);
    const gen = ++this.gen;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const params = new URLSearchParams({q: this.q.trim().slice(0, 200)});
      if (more && this.next) params.set('before', this.next);
      const res = await fetch(`${this.opts.server()}/api/v1/search?${params}`, {headers: {authorization: `Bearer ${token}`}});
      const body = (await res.json().catch(() => null)) as (SearchPage & {error?: {message: string}}) | null;
      if (gen !== this.gen) return;
      if (!res.ok || !body) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
      this.hits = more ? [...this.hits, ...body.hits] : body.hits;
      this.next = body.next;
      this.error = '';
    } catch (err) {
      if (gen === this.gen) this.error = (err as Error).message;
    } finally {
      if (gen === this.gen) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }
}

export interface SearchView {
  readonly search: ConsoleSearch;
  readonly language: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  openHit(hit: SearchHit): void;
}

export function renderSearchBox(v: SearchView, s: SearchStrings): TemplateResult {
  const search = v.search;
  return html`<form class="search" role="search" @submit=${(e: Event) => (e.preventDefault(), void search.run())}>
    <label class="search-field">
      ${searchIcon}
      <span class="sr-only">${s.label}</span>
      <input type="search" name="q" .value=${search.q} placeholder=${s.placeholder} autocomplete="off" spellcheck="false" maxlength="200"
        aria-controls=${search.active ? 'search-results' : nothing} @input=${(e: Event) => search.input((e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => onBoxKey(v, e)}>
    </label>
    ${search.active ? html`<button class="icon clear-search" type="button" aria-label=${s.clear} title=${s.clear} @click=${() => (search.clear(), focusBox(v))}>×</button>` : nothing}
  </form>`;
}

export function renderSearchResults(v: SearchView, s: SearchStrings, name: (hit: SearchHit) => string): TemplateResult {
  const search = v.search;
  const status = search.tooShort ? s.tooShort : search.error ? s.failed(search.error) : search.loading && !search.hits.length ? s.searching
    : !search.hits.length ? s.none(search.q.trim()) : s.results(search.hits.length, !!search.next);
  return html`<div class="search-results" id="search-results">
    <p class="list-note search-status ${search.error ? 'error' : ''}" role="status">${status}</p>
    <ul class="results" @keydown=${(e: KeyboardEvent) => onResultKey(v, e)}>
      ${search.hits.map((h) => html`<li><button type="button" class="hit" @click=${() => v.openHit(h)}>
        <span class="hit-top"><span class="name">${name(h)}</span><time datetime=${h.at}>${day(h.at, v.language)}</time></span>
        <span class="hit-field ${h.field}">${s.field[h.field]}${h.status === 'closed' ? html` · <span class="closed-tag">✓</span>` : nothing}</span>
        <span class="hit-text">${highlighted(h)}</span>
      </button></li>`)}
    </ul>
    ${search.next ? html`<button class="link more" type="button" ?disabled=${search.loading} @click=${() => void search.run(true)}>${search.loading ? s.searching : s.more}</button>` : nothing}
  </div>`;
}

/** The hit's text with its matches in <mark>. */
function highlighted(h: SearchHit): (TemplateResult | string)[] {
  const out: (TemplateResult | string)[] = [];
  let at = 0;
  for (const [a, b] of h.marks) {
    if (a < at) continue;
    out.push(h.text.slice(at, a), html`<mark>${h.text.slice(a, b)}</mark>`);
    at = b;
  }
  out.push(h.text.slice(at));
  return out;
}

function day(iso: string, lang: string): string {
  const d = new Date(iso);
  return d.toDateString() === new Date().toDateString()
    ? d.toLocaleTimeString(lang, {hour: 'numeric', minute: '2-digit'})
    : d.toLocaleDateString(lang, {day: 'numeric', month: 'short', year: d.getFullYear() === new Date().getFullYear() ? undefined : 'numeric'});
}

function focusBox(v: SearchView): void {
  v.renderRoot.querySelector<HTMLInputElement>('.search input')?.focus();
}

function onBoxKey(v: SearchView, e: KeyboardEvent): void {
  if (e.key === 'Escape' && v.search.active) {
    e.preventDefault();
    e.stopPropagation();
    v.search.clear();
  } else if (e.key === 'ArrowDown') {
    const first = v.renderRoot.querySelector<HTMLElement>('.results .hit');
    if (first) {
      e.preventDefault();
      first.focus();
    }
  }
}

function onResultKey(v: SearchView, e: KeyboardEvent): void {
  const hits = [...v.renderRoot.querySelectorAll<HTMLElement>('.results .hit')];
  const i = hits.indexOf(e.target as HTMLElement);
  if (i < 0) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? hits[i + 1] : hits[i - 1];
    if (next) next.focus();
    else if (e.key === 'ArrowUp') focusBox(v);
  } else if (e.key === 'Escape') {
    e.preventDefault();
    v.search.clear();
    focusBox(v);
  }
}
