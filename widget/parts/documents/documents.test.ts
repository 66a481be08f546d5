import {expect, fixture} from '@open-wc/testing';
import {html} from 'lit';
import './index.js';
import type {ConsultDocuments} from './upload-tray.js';
import type {DocumentsHost} from './host.js';
import {sizeLabel} from './host.js';
import {DOCUMENT_TABLES} from './strings.js';

const host = (lang: string): DocumentsHost => ({backend: location.origin, l10n: {lang}, stickToBottom: true, requestUpdate: () => {}});

describe('documents part', () => {
  it('formats sizes for people in their language', () => {
    expect(sizeLabel(939, 'en')).to.equal('939 B');
    expect(sizeLabel(180_000, 'en')).to.match(/^176 kB$/);
    expect(sizeLabel(30 * 1024 * 1024, 'fr')).to.match(/^30\s?Mo$/);
  });

  it('stages several files with a caption field, and refuses a file over 25 MB at once, in French', async () => {
    const tray = await fixture<ConsultDocuments>(html`<consult-documents .host=${host('fr')}></consult-documents>`);
    const big = new File([new Uint8Array(26 * 1024 * 1024)], 'scan.pdf', {type: 'application/pdf'});
    tray.add([new File(['%PDF-1.4'], 'a.pdf'), new File(['%PDF-1.4'], 'b.pdf'), big]);
    await tray.updateComplete;
    const root = tray.shadowRoot!;
    expect(root.querySelectorAll('li').length).to.equal(3);
    expect(root.querySelector('li.refused [role=alert]')!.textContent).to.equal('Ce fichier dépasse 25 Mo.');
    expect(root.querySelector('button.primary')!.textContent).to.equal('Envoyer 2 fichiers');
    expect(root.querySelector('input')!.getAttribute('aria-label')).to.equal('Ajouter une légende (facultatif)');
    // Removing is a labelled button per file.
    (root.querySelector('li button') as HTMLButtonElement).click();
    await tray.updateComplete;
    expect(root.querySelectorAll('li').length).to.equal(2);
  });

  it('the paperclip, a paste and a drop in the same shadow root all stage files in the tray; pasted text stays text', async () => {
    // A stand-in for <consult-chat>'s shadow root: a tray, and a composer with the paperclip.
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = holder.attachShadow({mode: 'open'});
    root.innerHTML = '<consult-documents></consult-documents><form><consult-attach></consult-attach><textarea></textarea></form>';
    const tray = root.querySelector('consult-documents')!;
    const clip = root.querySelector('consult-attach')!;
    tray.host = host('es');
    clip.host = host('es');
    await clip.updateComplete;
    const button = clip.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).to.equal('Adjuntar archivos');
    // The picker: a real <input type=file> behind the button.
    const input = clip.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
    expect(input.multiple).to.equal(true);
    const picked = new DataTransfer();
    picked.items.add(new File(['%PDF-1.4'], 'checklist.pdf'));
    input.files = picked.files;
    input.dispatchEvent(new Event('change'));
    // A paste with a file, and one with text only.
    const box = root.querySelector('textarea')!;
    const pasted = new DataTransfer();
    pasted.items.add(new File(['%PDF-1.4'], 'pasted.pdf'));
    const paste = new ClipboardEvent('paste', {clipboardData: pasted, bubbles: true, composed: true, cancelable: true});
    box.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    const text = new DataTransfer();
    text.setData('text/plain', 'hello');
    const textPaste = new ClipboardEvent('paste', {clipboardData: text, bubbles: true, composed: true, cancelable: true});
    box.dispatchEvent(textPaste);
    expect(textPaste.defaultPrevented).to.equal(false);
    // Dragging shows where to drop; the drop stages the file.
    const dragged = new DataTransfer();
    dragged.items.add(new File(['%PDF-1.4'], 'dropped.pdf'));
    const over = new DragEvent('dragover', {dataTransfer: dragged, bubbles: true, composed: true, cancelable: true});
    box.dispatchEvent(over);
    expect(over.defaultPrevented, 'dragover allows the drop').to.equal(true);
    await tray.updateComplete;
    expect(tray.shadowRoot!.querySelector('.drop')!.textContent).to.equal('Suelte los archivos para adjuntarlos');
    box.dispatchEvent(new DragEvent('drop', {dataTransfer: dragged, bubbles: true, composed: true, cancelable: true}));
    await tray.updateComplete;
    const names = [...tray.shadowRoot!.querySelectorAll('li .name')].map((n) => [...n.childNodes].find((c) => c.nodeType === Node.TEXT_NODE && c.textContent!.trim())?.textContent);
    expect(names).to.deep.equal(['checklist.pdf', 'pasted.pdf', 'dropped.pdf']);
    expect(tray.shadowRoot!.querySelector('.drop')).to.equal(null);
    // Disabled (a refused session): nothing more is taken.
    clip.disabled = true;
    await clip.updateComplete;
    expect(button.disabled).to.equal(true);
    box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: pasted, bubbles: true, composed: true, cancelable: true}));
    await tray.updateComplete;
    expect(tray.shadowRoot!.querySelectorAll('li').length).to.equal(3);
  });

  it('has every refusal reason in every language', () => {
    for (const t of Object.values(DOCUMENT_TABLES)) {
      for (const reason of ['too_large', 'empty', 'type_not_accepted', 'type_mismatch', 'executable', 'archive', 'markup', 'conversation_full']) {
        expect(t.refusal(reason, 25)).to.not.equal(t.refusal('unknown', 25), reason);
      }
    }
  });
});
