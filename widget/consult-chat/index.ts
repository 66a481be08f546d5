// Entry of dist/consult-chat.js: defines <consult-chat> once, even if the script is pasted twice.
import {ConsultChat} from './consult-chat.js';

if (!customElements.get('consult-chat')) customElements.define('consult-chat', ConsultChat);
