// npm entry: `import '@consult-chat/elements/consult-chat'` defines <consult-chat> and gives its class and types.
import '../consult-chat/index.js';

export {ConsultChat} from '../consult-chat/consult-chat.js';
