// What the socket's events do to one conversation: the connection's ups and downs (with a new
// token when the server dropped the old one) and the live updates of messages, receipts,
// typing, presence and the conversation itself. The state stays in conversation-core.ts.
import type {ChatSocket} from './chat-socket.js';
import type {ConversationCore} from './conversation-core.js';
import {sleep} from './http.js';
import {laterCursor} from '../../protocol/chat.js';

/** After a short random pause (so a restart is not stormed), reconnects; first a new token unless told not to. */
export async function reconnectLater(core: ConversationCore, socket: ChatSocket, newToken = true): Promise<void> {
  await sleep(500 + Math.random() * 1000);
  if (newToken && !(await core.side.authenticate())) return;
  if (core.attached && !socket.connected && !socket.active) socket.connect();
}

/**
 * Called on the core (`wireSocket.call(core, socket)`): the handlers then read, and minify,
 * like the core's own methods, which keeps consult-chat.js within its gzip budget.
 */
export function wireSocket(this: ConversationCore, socket: ChatSocket): void {
  socket.on('connect', () => void this.onConnect());
  socket.on('disconnect', (reason) => {
    this.gen++;
    this.setState(navigator.onLine ? 'reconnecting' : 'offline');
    // The server closed us (token expired, restart): Socket.IO will not retry by itself.
    if (reason === 'io server disconnect') void reconnectLater(this, socket);
  });
  socket.on('connect_error', (err: Error & {data?: {code?: string}}) => {
    const code = err.data?.code ?? err.message;
    if (code === 'origin_not_allowed' || code === 'forbidden') return this.setState('refused');
    this.setState(navigator.onLine ? (this.joinedGen < 0 ? 'connecting' : 'reconnecting') : 'offline');
    if (!socket.active) void reconnectLater(this, socket, code === 'token_expired' || code === 'unauthorized');
  });
  socket.on('message:new', (m) => {
    if (m.conversationId !== this.conversation?.id) return;
    const {isNew, gap} = this.store.applyLive(m);
    if (isNew) this.received([m], true);
    // A gap before it: something is in flight or missed; a short sync settles it.
    if (gap) {
      clearTimeout(this.gapTimer);
      this.gapTimer = setTimeout(() => void this.sync().catch(() => {}), 1000);
    }
  });
  socket.on('message:updated', (m) => {
    if (m.conversationId !== this.conversation?.id) return;
    this.store.put(m);
    this.host.requestUpdate();
  });
  socket.on('receipt', (e) => {
    if (e.conversationId !== this.conversation?.id) return;
    this.conversation = {...this.conversation!, cursors: {...this.conversation!.cursors, [e.key]: laterCursor(this.conversation!.cursors[e.key], e.cursor)}};
    this.host.requestUpdate();
  });
  socket.on('typing', (e) => {
    if (e.conversationId !== this.conversation?.id || e.participant.key === this.side.me()) return;
    this.typing.apply(e.participant.key, e.participant.name, e.typing);
    this.host.requestUpdate();
  });
  socket.on('presence', (p) => {
    this.presence.set(p.key, p);
    this.host.requestUpdate();
  });
  socket.on('conversation:updated', (c) => {
    if (c.id !== this.conversation?.id) return;
    this.conversation = c;
    this.host.requestUpdate();
  });
}
