// The documents part: <consult-documents> (files waiting to be sent) and <consult-file> (a
// document in the conversation). Loaded on demand by <consult-chat>, bundled into the console.
import {ConsultDocuments} from './upload-tray.js';
import {ConsultFile} from './file-card.js';

export {ConsultDocuments, ConsultFile};
export type {DocumentsHost} from './host.js';

if (!customElements.get('consult-file')) customElements.define('consult-file', ConsultFile);
if (!customElements.get('consult-documents')) customElements.define('consult-documents', ConsultDocuments);

declare global {
  interface HTMLElementTagNameMap {
    'consult-documents': ConsultDocuments;
    'consult-file': ConsultFile;
  }
}
