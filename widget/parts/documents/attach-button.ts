// <consult-attach>: the paperclip in <consult-chat>'s composer and the other ways files come in
// (a drop anywhere in the panel, a paste into the text box). It belongs to the documents part,
// loaded once the conversation is on screen, so the tag's own script carries none of it. Files
// go to the <consult-documents> tray of the same shadow root.
import {css, html} from 'lit';
import {DocumentsElement, langOf} from './host.js';
import {documentStrings} from './strings.js';

export const clipIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16 6v11a4 4 0 0 1-8 0V5a3 3 0 0 1 6 0v10a1 1 0 0 1-2 0V6h-1v9a2 2 0 0 0 4 0V5a4 4 0 0 0-8 0v12a5 5 0 0 0 10 0V6z"/></svg>`;

/** Files dragged over the page (not text or links). */
export const draggingFiles = (e: Event) => !!(e as DragEvent).dataTransfer?.types.includes('Files');

export class ConsultAttach extends DocumentsElement {
  static override properties = {host: {attribute: false}, disabled: {type: Boolean}};
  static override styles = css`
    :host { display: flex; flex: none; align-self: center; }
    button { display: grid; place-items: center; width: 40px; height: 40px; padding: 0; border: 0; border-radius: 50%;
      background: none; color: var(--_muted, #57606a); cursor: pointer; }
    button:hover:not(:disabled) { color: var(--_accent, #1f4e79); background: rgb(0 0 0 / 0.05); }
    button:disabled { opacity: 0.5; cursor: default; }
    button:focus-visible { outline: 3px solid var(--consult-focus, #0b5cad); outline-offset: 2px; }
    svg { width: 22px; height: 22px; fill: currentColor; }
  `;

  disabled = false;
  private root?: Node;

  private readonly listeners: [string, (e: Event) => void][] = [
    ['dragover', (e) => {
      if (!draggingFiles(e) || this.disabled) return;
      e.preventDefault(); // allows the drop
      this.tray()?.showDropHint();
    }],
    ['drop', (e) => this.take(e, (e as DragEvent).dataTransfer?.files)],
    ['paste', (e) => this.take(e, (e as ClipboardEvent).clipboardData?.files)],
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.root = this.getRootNode();
    for (const [type, fn] of this.listeners) this.root.addEventListener(type, fn);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const [type, fn] of this.listeners) this.root?.removeEventListener(type, fn);
  }

  private tray() {
    return (this.root as ParentNode | undefined)?.querySelector('consult-documents');
  }

  /** Files dropped or pasted become documents; pasted text stays text. */
  private take(e: Event, files: FileList | undefined): void {
    if (!files?.length || this.disabled) return;
    e.preventDefault();
    this.tray()?.add(files);
  }

  private pick(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (input.files?.length) this.tray()?.add(input.files);
    input.value = '';
  }

  override render() {
    const label = documentStrings(langOf(this.owner)).attach;
    return html`<input type="file" multiple hidden @change=${this.pick}>
      <button type="button" title=${label} aria-label=${label} ?disabled=${this.disabled}
        @click=${() => this.renderRoot.querySelector('input')!.click()}>${clipIcon}</button>`;
  }
}
