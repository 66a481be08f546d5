// One conversation over one socket, the same for the applicant and the lawyer: connection state,
// the sync cursor, the outbox and its delivery, receipts, typing and history. Who is speaking and
// how they sign in is the ChatSide's business (applicant-chat.ts, consult-inbox/lawyer-chat.ts).
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {ClientToServerEvents} from '../../protocol/events.js';
import type {ConversationDto, CursorDto, MessageDto, ParticipantKey, ParticipantKind, PresenceDto} from '../../protocol/chat.js';
import {laterCursor, participantKey} from '../../protocol/chat.js';
import {deliveryOf} from './message-list.js';
import {ConversationStore} from './conversation-store.js';
import {ask, openSocket, type AckData, type ChatSocket} from './chat-socket.js';
import {RequestError} from './http.js';
import {reconnectLater, wireSocket} from './socket-events.js';
import {TypingSignal, WhoIsTyping} from './typing.js';
import {deliver, type Outbox, type OutboxEntry} from './outbox.js';
import type {ChatSide, ConnectionState, DeliveryState} from './chat-side.js';

export type {ChatSide, ConnectionState, DeliveryState};

/** How many recent seqs the first sync fetches; older ones come from history on scroll-up. */
export const INITIAL_WINDOW = 50;

export class ConversationCore implements ReactiveController {
  state: ConnectionState = 'idle';
  conversation?: ConversationDto;
  store = new ConversationStore();
  /** Where the element's messages wait for their acknowledgement; the side provides it. */
  outbox?: Outbox;
  presence = new Map<ParticipantKey, PresenceDto>();
  typing = new WhoIsTyping<ParticipantKey>(() => this.host.requestUpdate());
  hasOlder = false;
  loadingOlder = false;
  /** On the page: a detached element stops its work and resumes when attached again. */
  attached = false;

  private socket?: ChatSocket;
  // Not private, as socket-events.ts moves them: the connection's generation, bumped on every
  // (re)connect so work begun on an older connection stops; the one that joined; the gap timer.
  gen = 0;
  joinedGen = -1;
  gapTimer?: ReturnType<typeof setTimeout>;
  /** The user opened the chat once: from then on, being on the page means being connected. */
  private engaged = false;
  private starting?: Promise<void>;
  private flushGen = -1;
  private syncing = false;
  private syncAgain = false;
  private initialSyncDone = false;
  private deliveredSent = 0;
  private readSent = 0;
  private signal = new TypingSignal(() => {
    const s = this.joinedSocket();
    return s && ((typing) => s.emit(typing ? 'typing:start' : 'typing:stop', {conversationId: this.conversation!.id}));
  });

  constructor(readonly host: ReactiveControllerHost, readonly side: ChatSide) {
    host.addController(this);
  }

  // --- lifecycle -------------------------------------------------------------------------------

  hostConnected(): void {
    this.attached = true;
    addEventListener('online', this.onOnline);
    addEventListener('offline', this.onOffline);
    if (this.socket) {
      if (!this.socket.connected) this.socket.connect();
    } else if (this.engaged) {
      // Detached while the session was being opened: pick up where it stopped.
      void this.start();
    }
  }

  hostDisconnected(): void {
    this.attached = false;
    removeEventListener('online', this.onOnline);
    removeEventListener('offline', this.onOffline);
    this.stopTyping();
    this.socket?.disconnect();
    this.gen++;
    this.typing.stop();
    clearTimeout(this.gapTimer);
  }

  /** Engaged: open the session, then connect. Safe to call repeatedly. */
  start(): Promise<void> {
    this.engaged = true;
    // One attempt at a time, or a first visit could create two visitors.
    return (this.starting ??= (async () => {
      if (!this.socket && (await this.side.open())) this.connect();
    })().finally(() => (this.starting = undefined)));
  }

  setState(s: ConnectionState): void {
    // A refusal outranks transient states until something actually works again.
    if (this.state === 'refused' && s !== 'online') return;
    this.state = s;
    this.host.requestUpdate();
  }

  // --- what the element reads ------------------------------------------------------------------

  private get otherSide(): ParticipantKind {
    return this.side.kind === 'lawyer' ? 'applicant' : 'lawyer';
  }

  /** Outbox entries not yet in the message list (an entry whose message arrived is hidden). */
  get pending(): readonly OutboxEntry[] {
    return (this.outbox?.entries ?? []).filter((e) => !this.store.hasClientId(this.side.kind, e.clientId));
  }

  get unread(): number {
    const read = Math.max(this.readSent, this.myCursor?.readSeq ?? 0);
    return this.store.messages.filter((m) => m.sender.kind === this.otherSide && m.seq > read && !m.deletedAt).length;
  }

  /** Own messages: read/delivered from the other side's cursors, never from our own. */
  deliveryOf(m: MessageDto): DeliveryState {
    return deliveryOf(m.seq, this.conversation?.cursors, this.otherSide);
  }

  // --- what the element does -------------------------------------------------------------------

  send(body: string): void {
    const text = body.trim();
    if (!text) return;
    this.outbox?.add(text);
    this.stopTyping();
    this.host.requestUpdate();
    void this.flush();
  }

  retry(clientId: string): void {
    this.outbox?.retry(clientId);
    this.host.requestUpdate();
    void this.flush();
  }

  discard(clientId: string): void {
    this.outbox?.remove(clientId);
    this.host.requestUpdate();
  }

  /** The user typed (typing:start at most every few seconds), or stopped. */
  userTyping(): void {
    this.signal.typed();
  }

  stopTyping(): void {
    this.signal.stop();
  }

  /** The element saw the list on screen (open, tab visible): move our read cursor. */
  markRead(): void {
    const seq = this.store.newestSeq;
    if (seq <= this.readSent || !this.joinedSocket() || !this.unread) return;
    this.readSent = seq;
    void this.request('receipt:read', {conversationId: this.conversation!.id, seq}).then((c) => this.setMyCursor(c), () => (this.readSent = 0));
    this.host.requestUpdate();
  }

  async loadOlder(): Promise<void> {
    const before = this.store.oldestSeq ?? this.store.cursor + 1;
    if (!this.hasOlder || this.loadingOlder || !this.joinedSocket()) return;
    this.loadingOlder = true;
    try {
      const page = await this.request('message:history', {conversationId: this.conversation!.id, beforeSeq: before});
      this.store.applyHistory(page);
      this.hasOlder = page.hasMore && page.messages.length > 0;
    } catch {
      // Left as is: scrolling up again retries.
    } finally {
      this.loadingOlder = false;
      this.host.requestUpdate();
    }
  }

  /** Asks the server over this conversation's socket. */
  request<E extends keyof ClientToServerEvents>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<AckData<E>> {
    return ask(this.socket, event, payload);
  }

  // --- connection ------------------------------------------------------------------------------

  connect(): void {
    if (this.socket || !this.attached) return;
    wireSocket.call(this, (this.socket = openSocket(this.side.server(), () => this.side.token())));
  }

  /** On every (re)connect: join again, sync from the cursor, then flush the outbox. */
  async onConnect(): Promise<void> {
    const gen = ++this.gen;
    try {
      const joined = await this.side.join();
      if (gen !== this.gen) return;
      this.conversation = joined.conversation;
      this.presence = new Map(joined.presence.map((p) => [p.key, p]));
      this.deliveredSent = Math.max(this.deliveredSent, this.myCursor?.deliveredSeq ?? 0);
      if (this.joinedGen < 0 && this.store.cursor === 0) {
        // First join: only the recent window; older pages come from history.
        this.store.cursor = Math.max(0, joined.conversation.lastSeq - INITIAL_WINDOW);
        this.hasOlder = this.store.cursor > 0;
      }
      this.joinedGen = gen;
      this.setState('online');
      await this.sync(gen);
      this.initialSyncDone = true;
      void this.flush();
    } catch (err) {
      if (gen !== this.gen) return;
      // Joining failed on a live socket: drop it and let Socket.IO's backoff try again.
      const socket = this.socket;
      socket?.disconnect();
      if (err instanceof RequestError && (err.body.code === 'token_expired' || err.body.code === 'unauthorized')) {
        void reconnectLater(this, socket!);
      } else {
        setTimeout(() => this.attached && !socket?.connected && socket?.connect(), 2000);
      }
    }
  }

  async sync(gen = this.gen): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.syncAgain = false;
        let page;
        do {
          page = await this.request('message:sync', {conversationId: this.conversation!.id, afterSeq: this.store.cursor});
          if (gen !== this.gen) return;
          this.received(this.store.applySyncPage(page), this.initialSyncDone);
        } while (page.hasMore);
      } while (this.syncAgain);
    } finally {
      this.syncing = false;
    }
  }

  /** New messages landed: acknowledge delivery and tell the side about incoming ones. */
  received(added: MessageDto[], announce: boolean): void {
    if (!added.length) return;
    for (const m of added) {
      if (m.sender.kind !== this.otherSide || !m.sender.id) continue;
      if (announce) this.side.onIncoming?.(m);
      this.typing.delete(participantKey(this.otherSide, m.sender.id));
    }
    const seq = this.store.newestSeq;
    if (seq > this.deliveredSent && this.joinedSocket()) {
      this.deliveredSent = seq;
      this.request('receipt:delivered', {conversationId: this.conversation!.id, seq}).then((c) => this.setMyCursor(c), () => {});
    }
    this.host.requestUpdate();
  }

  /** Sends the outbox in order while this connection lasts; the next one resumes it. */
  private async flush(): Promise<void> {
    const gen = this.gen;
    if (this.flushGen === gen || this.joinedGen !== gen || !this.outbox) return;
    this.flushGen = gen;
    try {
      await deliver(this.outbox, {
        send: (e) => this.request('message:send', {conversationId: this.conversation!.id, clientId: e.clientId, body: e.body}),
        acked: (m) => this.store.applyLive(m),
        current: () => gen === this.gen,
        changed: () => this.host.requestUpdate(),
      });
    } finally {
      if (this.flushGen === gen) this.flushGen = -1;
    }
  }

  private get myCursor(): CursorDto | undefined {
    const me = this.side.me();
    return me ? this.conversation?.cursors[me] : undefined;
  }

  private setMyCursor(c: CursorDto): void {
    const me = this.side.me();
    if (!this.conversation || !me) return;
    this.conversation = {...this.conversation, cursors: {...this.conversation.cursors, [me]: laterCursor(this.conversation.cursors[me], c)}};
    this.host.requestUpdate();
  }

  private joinedSocket(): ChatSocket | undefined {
    return this.socket?.connected && this.joinedGen === this.gen && this.conversation ? this.socket : undefined;
  }

  private onOnline = () => {
    if (this.socket && !this.socket.connected) return this.socket.connect();
    // The socket lived through the drop: nothing will reconnect, so say so and catch up here.
    if (this.joinedSocket()) {
      this.setState('online');
      void this.sync().catch(() => {});
    }
  };

  private onOffline = () => {
    if (this.engaged) this.setState('offline');
  };
}
