// The console's reply box: a reply to the applicant or an internal note, and saved replies
// inserted by typing `/` (filtered as you type, chosen with the arrow keys and Enter or Tab),
// with {applicant.name} and {lawyer.name} filled in.
import {LitElement, css, html, nothing, type TemplateResult} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import type {CannedReplyDto} from '../../protocol/chat.js';
import {baseStyles, grow, sendIcon} from '../shared/element-base.js';
import {clipIcon} from '../parts/documents/attach-button.js';
import {conversationStyles} from '../shared/message-list.js';
import type {WorkStrings} from './workday-i18n.js';

export interface ComposerStrings {
  placeholder: string;
  send: string;
  attach: string;
  work: WorkStrings;
}

/** `/query` right before the caret, at the start or after a space. */
const SLASH = /(^|\s)\/([\p{L}\p{N}_-]*)$/u;

export function fillReply(body: string, names: {applicant: string; lawyer: string}): string {
  return body.replaceAll('{applicant.name}', names.applicant).replaceAll('{lawyer.name}', names.lawyer);
}

export function matchReplies(replies: readonly CannedReplyDto[], q: string): CannedReplyDto[] {
  const s = q.toLowerCase();
  const starts = replies.filter((r) => r.shortcut.toLowerCase().startsWith(s));
  const within = replies.filter((r) => !starts.includes(r) && (r.shortcut.toLowerCase().includes(s) || r.body.toLowerCase().includes(s)));
  return [...starts, ...within].slice(0, 8);
}

/**
 * @fires composer-send - `detail: {body, note}`
 * @fires composer-typing - the lawyer typed a reply (never for a note: the applicant would see it)
 * @fires composer-idle - the lawyer left the box
 * @fires composer-files - `detail: File[]` picked or pasted (replies only: a note carries no document)
 */
export class ConsultComposer extends LitElement {
  static override styles = [baseStyles, conversationStyles, css`
    :host {
      display: block;
      border-top: 1px solid var(--_border);
      background: var(--_surface);
    }
    .modes {
      display: flex;
      gap: 4px;
      padding: 6px 14px 0;
    }
    .modes button {
      border: 0;
      border-radius: 6px 6px 0 0;
      padding: 4px 10px;
      background: none;
      color: var(--_muted);
      font-size: 13px;
      cursor: pointer;
    }
    .modes button[aria-pressed='true'] {
      color: var(--_fg);
      font-weight: 600;
      box-shadow: inset 0 -2px 0 var(--_accent);
    }
    .modes button.note[aria-pressed='true'] {
      box-shadow: inset 0 -2px 0 #b7791f;
    }
    .wrap {
      position: relative;
    }
    .composer {
      display: flex;
      gap: 8px;
      align-items: flex-end;
      padding: 8px 14px 14px;
    }
    textarea {
      min-height: 48px;
      max-height: calc(6lh + 22px);
      padding: 10px 12px;
      background: var(--_surface);
    }
    .is-note textarea {
      background: #fff8e1;
      border-color: #b7791f;
    }
    .attach {
      flex: none;
      align-self: center;
      width: 40px;
      height: 40px;
      padding: 9px;
      border: 0;
      border-radius: 50%;
      background: none;
      color: var(--_muted);
      fill: currentColor;
      cursor: pointer;
    }
    .attach:hover:not(:disabled) {
      color: var(--_accent);
      background: rgb(0 0 0 / 0.05);
    }
    .send {
      flex: none;
      width: 46px;
      height: 46px;
      cursor: pointer;
    }
    .is-note .send {
      background: #8a5a00;
      color: #fff;
    }
    .send svg {
      width: 20px;
      height: 20px;
      fill: currentColor;
    }
    .menu {
      position: absolute;
      left: 14px;
      right: 74px;
      bottom: calc(100% - 6px);
      margin: 0;
      padding: 4px;
      list-style: none;
      max-height: 260px;
      overflow-y: auto;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: 10px;
      box-shadow: 0 8px 24px rgb(0 0 0 / 0.14);
      z-index: 2;
    }
    .menu li {
      display: flex;
      flex-direction: column;
      padding: 6px 10px;
      border-radius: 6px;
      cursor: pointer;
    }
    .menu li[aria-selected='true'] {
      background: #e8eef6;
    }
    .menu b {
      font-size: 13px;
    }
    .menu span {
      font-size: 13px;
      color: var(--_muted);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .menu .empty {
      color: var(--_muted);
      cursor: default;
    }
  `];

  @property({attribute: false}) t?: ComposerStrings;
  @property({attribute: false}) replies: readonly CannedReplyDto[] = [];
  @property({attribute: false}) names = {applicant: '', lawyer: ''};
  @property({type: Boolean}) disabled = false;
  @state() note = false;
  @state() private menu?: {query: string; index: number};
  @query('textarea') private box!: HTMLTextAreaElement;

  private get found(): CannedReplyDto[] {
    return this.menu ? matchReplies(this.replies, this.menu.query) : [];
  }

  override render(): TemplateResult {
    const t = this.t!;
    const w = t.work;
    const matches = this.found;
    const active = this.menu && matches[this.menu.index] ? `reply-${matches[this.menu.index].id}` : undefined;
    return html`<div class="modes" role="group" aria-label=${w.reply}>
        <button type="button" aria-pressed=${String(!this.note)} @click=${() => this.setNote(false)}>${w.reply}</button>
        <button type="button" class="note" aria-pressed=${String(this.note)} @click=${() => this.setNote(true)}>${w.note}</button>
      </div>
      <div class="wrap ${this.note ? 'is-note' : ''}">
        ${this.menu ? html`<ul class="menu" id="reply-menu" role="listbox" aria-label=${w.replies}>
          ${matches.length ? matches.map((r, i) => html`<li id="reply-${r.id}" role="option" aria-selected=${String(i === this.menu!.index)}
              @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.insert(r)}><b>/${r.shortcut}</b><span>${r.body}</span></li>`)
            : html`<li class="empty" role="option" aria-disabled="true" aria-selected="false">${w.noReplies}</li>`}
        </ul>` : nothing}
        <form part="composer" class="composer" @submit=${this.onSubmit}>
          ${this.note ? nothing : html`<input class="files" type="file" multiple hidden @change=${this.onPick}>
            <button class="attach" type="button" title=${t.attach} aria-label=${t.attach} ?disabled=${this.disabled}
              @click=${() => this.renderRoot.querySelector<HTMLInputElement>('.files')!.click()}>${clipIcon}</button>`}
          <textarea rows="2" maxlength="4000" ?disabled=${this.disabled}
            aria-label=${this.note ? w.noteLabel : t.placeholder} placeholder=${this.note ? w.notePlaceholder : t.placeholder}
            aria-controls=${this.menu ? 'reply-menu' : nothing} aria-activedescendant=${active ?? nothing}
            @keydown=${this.onKey} @input=${this.onInput} @click=${this.onInput} @blur=${this.onBlur} @paste=${this.onPaste}></textarea>
          <button class="send" type="submit" aria-label=${this.note ? w.note : t.send} ?disabled=${this.disabled}>${sendIcon}</button>
        </form>
      </div>`;
  }

  override focus(): void {
    this.box?.focus();
  }

  private setNote(note: boolean): void {
    this.note = note;
    if (note) this.dispatchEvent(new Event('composer-idle'));
    void this.updateComplete.then(() => this.box.focus());
  }

  private onInput(): void {
    const box = this.box;
    grow(box);
    const m = SLASH.exec(box.value.slice(0, box.selectionStart ?? box.value.length));
    this.menu = m && this.replies.length ? {query: m[2], index: Math.min(this.menu?.index ?? 0, 7)} : undefined;
    if (this.menu && this.menu.index >= this.found.length) this.menu = {...this.menu, index: 0};
    if (!this.note && box.value.trim()) this.dispatchEvent(new Event('composer-typing'));
  }

  private files(list: FileList | null | undefined): void {
    if (list?.length) this.dispatchEvent(new CustomEvent('composer-files', {detail: [...list]}));
  }

  private onPick = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    this.files(input.files);
    input.value = '';
  };

  /** Pasted files become documents (a reply only); pasted text stays text. */
  private onPaste = (e: ClipboardEvent): void => {
    if (this.note || !e.clipboardData?.files.length) return;
    e.preventDefault();
    this.files(e.clipboardData.files);
  };

  private onBlur(): void {
    this.menu = undefined;
    this.dispatchEvent(new Event('composer-idle'));
  }

  private onKey(e: KeyboardEvent): void {
    const menu = this.menu;
    const matches = this.found;
    if (menu && !e.isComposing) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = Math.max(matches.length, 1);
        this.menu = {...menu, index: (menu.index + (e.key === 'ArrowDown' ? 1 : n - 1)) % n};
        void this.updateComplete.then(() => this.renderRoot.querySelector('.menu [aria-selected="true"]')?.scrollIntoView({block: 'nearest'}));
        return;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && matches[menu.index]) {
        e.preventDefault();
        this.insert(matches[menu.index]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation(); // the console's Escape goes back to the list; here it only closes the menu
        this.menu = undefined;
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.box.form!.requestSubmit();
    }
  }

  private insert(r: CannedReplyDto): void {
    const box = this.box;
    const caret = box.selectionStart ?? box.value.length;
    const before = box.value.slice(0, caret).replace(SLASH, (_all, space: string) => space);
    const text = fillReply(r.body, this.names);
    box.value = before + text + box.value.slice(caret);
    const at = before.length + text.length;
    box.setSelectionRange(at, at);
    this.menu = undefined;
    grow(box);
    box.focus();
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const box = this.box;
    const body = box.value.trim();
    if (!body || box.disabled) return;
    this.dispatchEvent(new CustomEvent('composer-send', {detail: {body, note: this.note}}));
    box.value = '';
    grow(box);
    box.focus();
  }
}

if (!customElements.get('consult-composer')) customElements.define('consult-composer', ConsultComposer);

declare global {
  interface HTMLElementTagNameMap {
    'consult-composer': ConsultComposer;
  }
}
