// <consult-documents>: the files waiting above the composer. Staged files get one optional
// caption; each upload shows its progress and can be cancelled; one that fails for a passing
// reason stays and retries with the same clientId (the server stores it once); a refused one
// says why in the user's language.
import {css, html, nothing} from 'lit';
import {ATTACHMENT_MAX_BYTES} from '../../../protocol/attachments.js';
import type {MessageDto} from '../../../protocol/chat.js';
import {DocumentsElement, delivered, langOf, sizeLabel} from './host.js';
import {documentStrings} from './strings.js';

type State = 'staged' | 'uploading' | 'waiting' | 'refused';

export interface Upload {
  clientId: string;
  file: File;
  caption: string;
  state: State;
  progress: number;
  reason?: string;
  attempt: number;
  xhr?: XMLHttpRequest;
  timer?: ReturnType<typeof setTimeout>;
}

const uuid = () => crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

export class ConsultDocuments extends DocumentsElement {
  static override properties = {host: {attribute: false}, uploads: {state: true}, dropHint: {state: true}};
  static override styles = css`
    :host { display: block; }
    :host([hidden]), .empty { display: none; }
    .tray { display: flex; flex-direction: column; gap: 6px; padding: 8px 12px; border-top: 1px solid #d5dbe3; background: #f6f8fa; color: #1d2733; max-height: 45vh; overflow: auto; }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
    li { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; align-items: center; padding: 6px 8px; border-radius: 8px; background: #fff; border: 1px solid #d5dbe3; font-size: 14px; }
    li.refused { border-color: #d1242f; }
    .name { font-weight: 600; overflow-wrap: anywhere; }
    .size { color: #57606a; font-weight: 400; margin-left: 6px; white-space: nowrap; }
    .note { grid-column: 1 / -1; font-size: 13px; color: #57606a; }
    .refused .note { color: #a40e26; }
    progress { grid-column: 1 / -1; width: 100%; height: 6px; accent-color: var(--_accent, #1f4e79); }
    .actions { display: flex; gap: 6px; }
    button { font: inherit; font-size: 13px; padding: 4px 10px; border-radius: 6px; border: 1px solid #8c959f; background: #fff; color: inherit; cursor: pointer; }
    button.primary { background: var(--_accent, #1f4e79); color: var(--_on-accent, #fff); border-color: transparent; font-weight: 600; }
    button:focus-visible, input:focus-visible { outline: 3px solid var(--consult-focus, #0b5cad); outline-offset: 2px; }
    .send { display: flex; gap: 6px; }
    .drop { margin: 0; padding: 14px; border: 2px dashed var(--_accent, #1f4e79); border-radius: 10px; text-align: center; font-weight: 600; color: var(--_accent, #1f4e79); background: #fff; }
    input { flex: 1; min-width: 0; font: inherit; font-size: 14px; padding: 6px 8px; border: 1px solid #8c959f; border-radius: 6px; }
  `;

  uploads: Upload[] = [];
  private caption = '';
  private dropHint = false;
  private hintTimer?: ReturnType<typeof setTimeout>;

  /** While files are dragged over the panel (dragover repeats; the hint goes soon after it stops). */
  showDropHint(): void {
    this.dropHint = true;
    clearTimeout(this.hintTimer);
    this.hintTimer = setTimeout(() => (this.dropHint = false), 300);
  }

  /** Stages files (several at once); those over the size limit are refused at once, without sending. */
  add(files: Iterable<File>): void {
    clearTimeout(this.hintTimer);
    this.dropHint = false;
    for (const file of files) {
      const over = file.size > ATTACHMENT_MAX_BYTES;
      this.uploads = [...this.uploads, {clientId: uuid(), file, caption: '', state: over ? 'refused' : 'staged', reason: over ? 'too_large' : undefined, progress: 0, attempt: 0}];
    }
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.send input')?.focus());
  }

  /** The tray takes room from the log: a reader at the newest message stays there. */
  override updated(): void {
    const log = (this.getRootNode() as ParentNode).querySelector?.('.log');
    if (log && this.owner?.stickToBottom) log.scrollTop = log.scrollHeight;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const u of this.uploads) clearTimeout(u.timer);
    clearTimeout(this.hintTimer);
  }

  private changed(u: Upload, patch: Partial<Upload>): void {
    Object.assign(u, patch);
    this.uploads = [...this.uploads];
  }

  private drop(u: Upload): void {
    clearTimeout(u.timer);
    u.xhr?.abort();
    this.uploads = this.uploads.filter((x) => x !== u);
  }

  private sendStaged(): void {
    const staged = this.uploads.filter((u) => u.state === 'staged');
    // The caption goes with the first file of the batch.
    staged.forEach((u, i) => {
      u.caption = i === 0 ? this.caption.trim() : '';
      this.start(u);
    });
    this.caption = '';
  }

  private start(u: Upload): void {
    const host = this.owner;
    const conversationId = host?.shown?.conversation?.id;
    if (!host || !conversationId) return this.retryLater(u);
    clearTimeout(u.timer);
    const form = new FormData();
    form.append('clientId', u.clientId);
    if (u.caption) form.append('caption', u.caption);
    form.append('file', u.file, u.file.name || 'document');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${host.backend}/api/v1/conversations/${conversationId}/attachments`);
    xhr.setRequestHeader('authorization', `Bearer ${host.shown?.side.token() ?? ''}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && this.changed(u, {progress: e.loaded / e.total});
    xhr.onload = () => {
      let body: {error?: {reason?: string; code?: string}} & Partial<MessageDto> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch { /* an answer without JSON: treated by its status */ }
      if (xhr.status === 200 || xhr.status === 201) {
        this.uploads = this.uploads.filter((x) => x !== u);
        delivered(host, body as MessageDto);
      } else if (xhr.status >= 400 && xhr.status < 500 && ![401, 408, 429].includes(xhr.status)) {
        this.changed(u, {state: 'refused', reason: body.error?.reason ?? body.error?.code ?? 'malformed', xhr: undefined});
      } else {
        this.retryLater(u, xhr.status === 429 ? 'rate_limited' : undefined);
      }
    };
    xhr.onerror = () => this.retryLater(u);
    this.changed(u, {state: 'uploading', progress: 0, xhr, attempt: u.attempt + 1, reason: undefined});
    xhr.send(form);
  }

  /** A passing failure: stays in the outbox and tries again with the same clientId. */
  private retryLater(u: Upload, reason?: string): void {
    if (!this.uploads.includes(u)) return;
    const wait = Math.min(30_000, 1000 * 2 ** Math.min(u.attempt, 5));
    this.changed(u, {state: 'waiting', xhr: undefined, reason, timer: setTimeout(() => this.start(u), wait)});
  }

  override render() {
    const lang = langOf(this.owner);
    const t = documentStrings(lang);
    const staged = this.uploads.filter((u) => u.state === 'staged').length;
    return html`<div class="tray ${this.uploads.length || this.dropHint ? '' : 'empty'}" role="region" aria-label=${t.region}>
      ${this.dropHint ? html`<p class="drop">${t.dropHere}</p>` : nothing}
      <ul>${this.uploads.map((u) => html`<li class=${u.state}>
        <span class="name">${u.file.name}<span class="size">${sizeLabel(u.file.size, lang)}</span></span>
        <span class="actions">
          ${u.state === 'waiting' ? html`<button type="button" @click=${() => this.start(u)}>${t.retry}</button>` : nothing}
          <button type="button" aria-label=${u.state === 'uploading' ? `${t.cancel} ${u.file.name}` : t.remove(u.file.name)} @click=${() => this.drop(u)}>${u.state === 'uploading' ? t.cancel : '✕'}</button>
        </span>
        ${u.state === 'uploading' ? html`<progress max="1" .value=${u.progress} aria-label=${t.uploading(u.file.name)}></progress>` : nothing}
        ${u.state === 'waiting' ? html`<span class="note" role="status">${u.reason ? t.refusal(u.reason, 25) : t.waiting}</span>` : nothing}
        ${u.state === 'refused' ? html`<span class="note" role="alert">${t.refusal(u.reason ?? '', Math.round(ATTACHMENT_MAX_BYTES / 1048576))}</span>` : nothing}
      </li>`)}</ul>
      ${staged ? html`<form class="send" @submit=${(e: Event) => (e.preventDefault(), this.sendStaged())}>
        <input aria-label=${t.caption} placeholder=${t.caption} maxlength="1000" .value=${this.caption} @input=${(e: Event) => (this.caption = (e.target as HTMLInputElement).value)}>
        <button class="primary" type="submit">${t.send(staged)}</button>
      </form>` : nothing}
    </div>`;
  }
}
