// <consult-rating>: once a conversation is closed, 1–5 stars and an optional comment, loaded on
// demand (consult-chat-rating.js). Renders into <consult-chat>'s shadow root (no shadow of its
// own), so the chat's stylesheet dresses it; the chat sends the rating when `consult-rate` fires.
import {LitElement, html} from 'lit';
import type {Strings} from '../../shared/i18n.js';

export class ConsultRating extends LitElement {
  static override properties = {t: {attribute: false}, score: {state: true}};
  t?: Strings['rate'];
  score = 0;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render() {
    const [title, star, comment, send] = this.t!;
    return html`<form class="rate" @submit=${this.onSubmit}><span>${title}</span>
      ${[1, 2, 3, 4, 5].map((n) => html`<button type="button" class="star" aria-label=${star(n)} aria-pressed=${n <= this.score} @click=${() => (this.score = n)}>★</button>`)}
      <input name="comment" maxlength="1000" aria-label=${comment} placeholder=${comment}><button ?disabled=${!this.score}>${send}</button></form>`;
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const comment = (new FormData(e.target as HTMLFormElement).get('comment') as string).trim();
    this.dispatchEvent(new CustomEvent('consult-rate', {detail: {score: this.score, ...(comment && {comment})}, bubbles: true, composed: true}));
  }
}

if (!customElements.get('consult-rating')) customElements.define('consult-rating', ConsultRating);
