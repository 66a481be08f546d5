import {expect, fixture} from '@open-wc/testing';
import {html} from 'lit';
import './index.js';
import type {ConsultDocuments} from './upload-tray.js';
import type {DocumentsHost} from './host.js';
import {sizeLabel} from './host.js';
import {DOCUMENT_TABLES} from './strings.js';

const host = (lang: string): DocumentsHost => ({server: () => location.origin, token: () => undefined, conversationId: () => undefined, delivered: () => {}, lang: () => lang});

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

  it('has every refusal reason in every language', () => {
    for (const t of Object.values(DOCUMENT_TABLES)) {
      for (const reason of ['too_large', 'empty', 'type_not_accepted', 'type_mismatch', 'executable', 'archive', 'markup', 'conversation_full']) {
        expect(t.refusal(reason, 25)).to.not.equal(t.refusal('unknown', 25), reason);
      }
    }
  });
});
