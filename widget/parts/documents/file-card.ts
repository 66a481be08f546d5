// <consult-file>: one document in the conversation: icon, name, size and type, a download
// button, and for images a preview. Both fetch a short-lived signed link when needed.
import {css, html, nothing, svg} from 'lit';
import {PREVIEWABLE} from '../../../protocol/attachments.js';
import type {MessageDto} from '../../../protocol/chat.js';
import {DocumentsElement, documentLink, langOf, sizeLabel} from './host.js';
import {documentStrings} from './strings.js';

const fileIcon = (label: string) => html`<svg class="icon" viewBox="0 0 32 40" aria-hidden="true">
  <path d="M3 1h18l8 8v28a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2z" fill="#fff" stroke="currentColor" stroke-width="2"/>
  <path d="M21 1v8h8" fill="none" stroke="currentColor" stroke-width="2"/>
  ${svg`<text x="15" y="30" text-anchor="middle" font-size="8.5" font-weight="700" fill="currentColor">${label}</text>`}
</svg>`;
const downloadIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M11 3h2v10l3.6-3.6 1.4 1.4-6 6-6-6 1.4-1.4L11 13zM4 19h16v2H4z"/></svg>`;

export class ConsultFile extends DocumentsElement {
  static override properties = {message: {attribute: false}, host: {attribute: false}, preview: {state: true}, busy: {state: true}};
  static override styles = css`
    /* A definite width: a percentage of the shrink-to-fit bubble would overflow it. */
    :host { display: block; width: min(300px, calc(100vw - 90px)); }
    .file { display: grid; grid-template-columns: auto 1fr auto; align-items: center; gap: 10px;
      padding: 10px 12px; border: 1px solid #d5dbe3; border-radius: 12px; background: #fff; color: #1d2733; }
    .icon { width: 30px; height: 38px; color: var(--_accent, #1f4e79); }
    .name { font-weight: 600; overflow-wrap: anywhere; line-height: 1.3; }
    .meta { display: block; font-size: 12px; color: #57606a; margin-top: 2px; }
    button { display: grid; place-items: center; width: 36px; height: 36px; border: 1px solid #d5dbe3; border-radius: 50%;
      background: #f6f8fa; color: var(--_accent, #1f4e79); cursor: pointer; font: inherit; }
    button:hover { background: #eaeef2; }
    button:focus-visible { outline: 3px solid var(--consult-focus, #0b5cad); outline-offset: 2px; }
    button svg { width: 18px; height: 18px; fill: currentColor; }
    .caption { grid-column: 1 / -1; margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    /* The preview's room is kept from the start, so the log does not jump when it arrives. */
    .preview { grid-column: 1 / -1; height: 180px; border-radius: 8px; background: #f6f8fa; overflow: hidden; }
    img { display: block; width: 100%; height: 100%; object-fit: contain; }
  `;

  /** The document's message: its `attachment`, and its text shown under the file as a caption. */
  message?: MessageDto;
  /** A signed inline link for an image's preview, and the document it was asked for. */
  private preview = '';
  private previewOf = '';
  private busy = false;

  override updated(): void {
    const a = this.message?.attachment;
    const owner = this.owner;
    if (a && owner && this.previewOf !== a.id && PREVIEWABLE.includes(a.type)) {
      this.previewOf = a.id; // asked once per document
      this.preview = '';
      documentLink(owner, a.id, true).then((url) => this.previewOf === a.id && (this.preview = url), () => {});
    }
  }

  private async download(): Promise<void> {
    const a = this.message?.attachment;
    const owner = this.owner;
    if (!owner || !a || this.busy) return;
    this.busy = true;
    try {
      const link = document.createElement('a');
      link.href = await documentLink(owner, a.id);
      link.rel = 'noopener';
      link.click(); // Content-Disposition: attachment saves it; the page stays
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const a = this.message?.attachment;
    if (!a) return nothing;
    const lang = langOf(this.owner);
    const t = documentStrings(lang);
    const caption = this.message!.body;
    return html`<div class="file" part="file-card">
      ${PREVIEWABLE.includes(a.type) ? html`<div class="preview">${this.preview ? html`<img src=${this.preview} alt=${t.preview(a.name)}>` : nothing}</div>` : nothing}
      ${fileIcon(a.type === 'jpeg' ? 'JPG' : a.type.toUpperCase())}
      <span><span class="name">${a.name}</span><span class="meta">${sizeLabel(a.size, lang)} · ${t.types[a.type]}</span></span>
      <button type="button" aria-label=${t.download(a.name)} title=${t.download(a.name)} ?disabled=${this.busy} @click=${this.download}>${downloadIcon}</button>
      ${caption ? html`<p class="caption">${caption}</p>` : nothing}
    </div>`;
  }
}
