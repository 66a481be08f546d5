// The documents part: <consult-attach> (the paperclip, drop and paste), <consult-documents>
// (files waiting to be sent) and <consult-file> (a document in the conversation). Loaded on
// demand by <consult-chat> once the conversation is on screen; bundled into the console.
import {ConsultDocuments} from './upload-tray.js';
import {ConsultFile} from './file-card.js';
import {ConsultAttach} from './attach-button.js';

export {ConsultAttach, ConsultDocuments, ConsultFile};
export type {DocumentsHost} from './host.js';

if (!customElements.get('consult-file')) customElements.define('consult-file', ConsultFile);
if (!customElements.get('consult-attach')) customElements.define('consult-attach', ConsultAttach);
// Last: loadPart waits for this one, so the others are defined by then.
if (!customElements.get('consult-documents')) customElements.define('consult-documents', ConsultDocuments);

declare global {
  interface HTMLElementTagNameMap {
    'consult-documents': ConsultDocuments;
    'consult-file': ConsultFile;
    'consult-attach': ConsultAttach;
  }
}
