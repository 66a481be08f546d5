// Entry of dist/consult-inbox.js: defines <consult-inbox> once, even if the script is included twice.
import {ConsultInbox} from './consult-inbox.js';

if (!customElements.get('consult-inbox')) customElements.define('consult-inbox', ConsultInbox);
