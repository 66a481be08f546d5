// The owners' Ratings tab: the applicants' average rating per lawyer and per month (UTC), over
// the last 3, 6 or 12 months, with the period's average per lawyer above. Reads `GET /ratings`.
import {LitElement, css, html, nothing, type PropertyDeclarations, type TemplateResult} from 'lit';
import type {RatingReportRow} from '../../protocol/chat.js';
import {API_PREFIX} from '../../protocol/rest.js';
import {localize} from '../shared/i18n.js';
import {RequestError, requestJson} from '../shared/http.js';
import {settingsStyles} from './settings.styles.js';

interface RatingStrings {
  period: string;
  months: (n: number) => string;
  byLawyer: string;
  byMonth: string;
  month: string;
  lawyer: string;
  count: string;
  average: string;
  unassigned: string;
  none: string;
  failed: (why: string) => string;
  outOf5: (avg: string) => string;
}

const TABLES: Record<'en' | 'fr' | 'es', RatingStrings> = {
  en: {period: 'Period', months: (n) => `Last ${n} months`, byLawyer: 'Per lawyer over the period', byMonth: 'Per lawyer and month', month: 'Month', lawyer: 'Lawyer',
    count: 'Ratings', average: 'Average', unassigned: 'Not assigned', none: 'No conversation was rated in this period.', failed: (w) => `The ratings could not be loaded: ${w}`, outOf5: (a) => `${a} out of 5`},
  fr: {period: 'Période', months: (n) => `${n} derniers mois`, byLawyer: 'Par avocat sur la période', byMonth: 'Par avocat et par mois', month: 'Mois', lawyer: 'Avocat',
    count: 'Notes', average: 'Moyenne', unassigned: 'Non attribuée', none: 'Aucune conversation notée sur cette période.', failed: (w) => `Les notes n’ont pas pu être chargées : ${w}`, outOf5: (a) => `${a} sur 5`},
  es: {period: 'Periodo', months: (n) => `Últimos ${n} meses`, byLawyer: 'Por abogado en el periodo', byMonth: 'Por abogado y mes', month: 'Mes', lawyer: 'Abogado',
    count: 'Valoraciones', average: 'Media', unassigned: 'Sin asignar', none: 'Ninguna conversación fue valorada en este periodo.', failed: (w) => `No se pudieron cargar las valoraciones: ${w}`, outOf5: (a) => `${a} de 5`},
};

export class ConsultRatings extends LitElement {
  static override styles = [settingsStyles, css`
    .stars { color: #8a5a00; letter-spacing: 1px; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    h3 { margin: 18px 0 6px; font-size: 15px; }
    :host { display: block; height: auto; overflow: visible; background: none; }
    .period { flex-direction: row; align-items: center; gap: 10px; }
    .avg { white-space: nowrap; }
    .scroll { overflow-x: auto; }
  `];

  static override properties: PropertyDeclarations = {server: {}, token: {}, lang: {}, months: {state: true}, rows: {state: true}, error: {state: true}, loading: {state: true}};
  server = '';
  token = '';
  override lang = '';
  months = 6;
  rows: RatingReportRow[] = [];
  error = '';
  loading = true;

  private get t(): RatingStrings {
    return localize(TABLES, this.lang, document.documentElement.lang, navigator.languages).t;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = '';
    try {
      this.rows = (await requestJson<{rows: RatingReportRow[]}>(`${this.server}${API_PREFIX}/ratings?months=${this.months}`, {token: this.token})).rows;
    } catch (err) {
      this.error = this.t.failed(err instanceof RequestError ? err.message : String(err));
    } finally {
      this.loading = false;
    }
  }

  override render(): TemplateResult {
    const t = this.t;
    const lang = this.lang || 'en';
    const name = (r: {lawyerName: string | null; lawyerId: string | null}) => r.lawyerName ?? t.unassigned;
    const monthLabel = (m: string) => new Date(`${m}-01T12:00:00Z`).toLocaleDateString(lang, {month: 'long', year: 'numeric', timeZone: 'UTC'});
    const avg = (a: number) => a.toLocaleString(lang, {minimumFractionDigits: 1, maximumFractionDigits: 2});
    const stars = (a: number) => html`<span class="stars" aria-hidden="true">${'★'.repeat(Math.floor(a))}${'☆'.repeat(5 - Math.floor(a))}</span> <span class="sr-only">${t.outOf5(avg(a))}</span>`;
    // The period's average per lawyer, weighted by each month's count.
    const per = new Map<string, {lawyerId: string | null; lawyerName: string | null; count: number; sum: number}>();
    for (const r of this.rows) {
      const k = r.lawyerId ?? '-';
      const g = per.get(k) ?? {lawyerId: r.lawyerId, lawyerName: r.lawyerName, count: 0, sum: 0};
      g.count += r.count;
      g.sum += r.average * r.count;
      per.set(k, g);
    }
    const lawyers = [...per.values()].sort((a, b) => b.count - a.count);
    return html`<label class="period">${t.period}
        <select @change=${(e: Event) => ((this.months = Number((e.target as HTMLSelectElement).value)), void this.load())}>
          ${[3, 6, 12].map((n) => html`<option value=${n} ?selected=${n === this.months}>${t.months(n)}</option>`)}
        </select></label>
      ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
      ${this.loading ? html`<p class="hint">…</p>` : !this.rows.length && !this.error ? html`<p class="hint">${t.none}</p>` : html`
        <h3>${t.byLawyer}</h3>
        <div class="scroll"><table class="by-lawyer">
          <thead><tr><th>${t.lawyer}</th><th class="num">${t.count}</th><th>${t.average}</th></tr></thead>
          <tbody>${lawyers.map((g) => html`<tr><td>${name(g)}</td><td class="num">${g.count}</td><td class="avg">${stars(g.sum / g.count)} ${avg(g.sum / g.count)}</td></tr>`)}</tbody>
        </table></div>
        <h3>${t.byMonth}</h3>
        <div class="scroll"><table class="by-month">
          <thead><tr><th>${t.month}</th><th>${t.lawyer}</th><th class="num">${t.count}</th><th>${t.average}</th></tr></thead>
          <tbody>${this.rows.map((r) => html`<tr><td>${monthLabel(r.month)}</td><td>${name(r)}</td><td class="num">${r.count}</td><td class="avg">${stars(r.average)} ${avg(r.average)}</td></tr>`)}</tbody>
        </table></div>`}`;
  }
}

if (!customElements.get('consult-ratings')) customElements.define('consult-ratings', ConsultRatings);
