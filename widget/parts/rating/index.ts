// <consult-rating>: once a conversation is closed, 1–5 stars and an optional comment (thanks once
// rated), and the transcript by email for an applicant whose email is verified; loaded on demand
// (consult-chat-rating.js). Renders into <consult-chat>'s shadow root (no shadow of its own), so
// the chat's stylesheet dresses it; the chat sends the rating when `consult-rate` fires.
import {LitElement, css, html, nothing} from 'lit';
import type {ConversationDto} from '../../../protocol/chat.js';
import type {WidgetSessionResponse} from '../../../protocol/rest.js';
import {rateStrings, transcriptStrings} from './strings.js';
import {adopt} from '../shared/adopt.js';

const styles = css`
  .rate span {
    flex-basis: 100%;
  }
  .star {
    border: 0;
    background: none;
    font-size: 24px;
    color: #8c959f;
  }
  .star[aria-pressed='true'] {
    color: #b7791f;
  }
  .rate input {
    flex: 1;
    padding: 6px;
  }
`;

export class ConsultRating extends LitElement {
  static override properties = {score: {state: true}, c: {attribute: false}, s: {attribute: false}, u: {attribute: false}, lang: {}, note: {state: true}, busy: {state: true}};
  score = 0;
  /** The conversation, the widget session (token, applicant) and the backend's origin. */
  c?: ConversationDto;
  s?: WidgetSessionResponse;
  u = '';
  note = '';
  busy = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this, styles);
  }

  override render() {
    const [title, star, comment, send, thanks] = rateStrings(this.lang);
    const rate = this.c?.rating
      ? html`<p class="rate">${thanks}</p>`
      : html`<form class="rate" @submit=${this.onSubmit}><span>${title}</span>
      ${[1, 2, 3, 4, 5].map((n) => html`<button type="button" class="star" aria-label=${star(n)} aria-pressed=${n <= this.score} @click=${() => (this.score = n)}>★</button>`)}
      <input name="comment" maxlength="1000" aria-label=${comment} placeholder=${comment}><button ?disabled=${!this.score}>${send}</button></form>`;
    return html`${rate}${this.renderTranscript()}`;
  }

  private renderTranscript() {
    const a = this.s?.applicant;
    if (!a?.email) return nothing;
    const [ask, , , unverified] = transcriptStrings(this.lang);
    return html`<p class="rate transcript" role="status">${a.emailVerified
      ? this.note || html`<button type="button" class="transcript-ask" ?disabled=${this.busy} @click=${this.onTranscript}>${ask}</button>`
      : unverified}</p>`;
  }

  private async onTranscript(): Promise<void> {
    const [, sent, already, unverified, failed] = transcriptStrings(this.lang);
    this.busy = true;
    try {
      const res = await fetch(`${this.u}/api/v1/conversations/${this.c!.id}/transcript/email`, {method: 'POST', headers: {authorization: `Bearer ${this.s!.token}`}, credentials: 'omit'});
      const body = await res.json().catch(() => null);
      this.note = res.ok ? (body.queued ? sent : already)(body.to) : res.status === 409 ? unverified : failed;
    } catch {
      this.note = failed;
    }
    this.busy = false;
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const comment = (new FormData(e.target as HTMLFormElement).get('comment') as string).trim();
    this.dispatchEvent(new CustomEvent('consult-rate', {detail: {score: this.score, ...(comment && {comment})}, bubbles: true, composed: true}));
  }
}

if (!customElements.get('consult-rating')) customElements.define('consult-rating', ConsultRating);
