// npm entry: `import '@consult-chat/elements/consult-inbox'` defines <consult-inbox> and gives its class and types.
import '../consult-inbox/index.js';

export {ConsultInbox} from '../consult-inbox/consult-inbox.js';
