// Owns everything the applicant's widget does over the network: the widget session, the socket,
// the sync cursor, the outbox, typing and receipts. The element only renders its state.
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {io, type Socket} from 'socket.io-client';
import type {ClientToServerEvents, ServerToClientEvents} from '../../protocol/events.js';
import type {ConversationDto, CursorDto, JoinResult, MessageDto, ParticipantKey, ParticipantKind, PresenceDto} from '../../protocol/chat.js';
import {participantKey} from '../../protocol/chat.js';
import type {WidgetSessionRequest, WidgetSessionResponse} from '../../protocol/rest.js';
import type {Ack, ErrorBody, ErrorCode} from '../../protocol/errors.js';
import {ConversationStore} from './conversation-store.js';
import {Outbox, type OutboxEntry} from './outbox.js';

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Events = ClientToServerEvents;
type AckData<E extends keyof Events> = Parameters<Events[E]> extends [unknown, (ack: Ack<infer T>) => void] ? T : never;

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'unavailable' | 'refused';
export type DeliveryState = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface ChatControllerOptions {
  /** Backend origin, e.g. https://chat.example-firm.com */
  server(): string;
  site(): string;
  identityToken(): string | undefined;
  /** Called for each message from the other side that arrives while the widget runs. */
  onIncoming?(message: MessageDto): void;
}

export interface PrechatAnswers {
  name?: string;
  email?: string;
  topic?: string;
}

/** How many recent seqs the first sync fetches; older ones come from history on scroll-up. */
export const INITIAL_WINDOW = 50;
const ACK_TIMEOUT = 10_000;
const TYPING_RESEND = 3_000;
const TYPING_IDLE = 4_000;
const TYPING_SHOWN = 8_000;

export class RequestError extends Error {
  constructor(readonly body: ErrorBody, readonly status = 0) {
    super(body.message);
  }
}

const retryable = (code: ErrorCode | string) => code === 'unavailable' || code === 'rate_limited' || code === 'internal';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ChatController implements ReactiveController {
  state: ConnectionState = 'idle';
  session?: WidgetSessionResponse;
  conversation?: ConversationDto;
  store = new ConversationStore();
  outbox?: Outbox;
  presence = new Map<ParticipantKey, PresenceDto>();
  typing = new Map<ParticipantKey, {name: string | null; until: number}>();
  needsPrechat = false;
  hasOlder = false;
  loadingOlder = false;

  /**
   * Which side this client speaks for. The lawyer console subclasses this controller
   * (consult-inbox/conversation-controller.ts) and overrides the hooks marked "side hook".
   */
  protected readonly side: ParticipantKind = 'applicant';

  private socket?: ChatSocket;
  /** The visitor opened the chat once: from then on, being on the page means being connected. */
  private engaged = false;
  private starting?: Promise<void>;
  private attached = false;
  /** Bumped on every (re)connect so work begun on an older connection stops. */
  private gen = 0;
  private joinedGen = -1;
  private flushGen = -1;
  private syncing = false;
  private syncAgain = false;
  private initialSyncDone = false;
  private topic?: string;
  /** Written before any session existed (first open while offline); moved to the visitor's outbox. */
  private early?: Outbox;
  private deliveredSent = 0;
  private readSent = 0;
  private typingSentAt = 0;
  private typingTimer?: ReturnType<typeof setTimeout>;
  private typingExpiry?: ReturnType<typeof setTimeout>;
  private gapTimer?: ReturnType<typeof setTimeout>;

  constructor(private host: ReactiveControllerHost, private opts: ChatControllerOptions) {
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
    clearTimeout(this.typingExpiry);
    clearTimeout(this.gapTimer);
  }

  /** The visitor engaged: create or resume the session and connect. Safe to call repeatedly. */
  start(): Promise<void> {
    this.engaged = true;
    // One attempt at a time, or a first visit could create two visitors.
    return (this.starting ??= this.run().finally(() => (this.starting = undefined)));
  }

  private async run(): Promise<void> {
    if (this.socket || (this.session && this.needsPrechat)) return;
    this.early ??= new Outbox(this.storage(), this.storageKey('early'));
    this.setState('connecting');
    if (!(await this.openSession()) || !this.attached) return;
    const {applicant, firm} = this.session ?? {};
    this.needsPrechat = !!firm && !!applicant && firm.prechat.enabled && !applicant.name && !applicant.verified;
    if (this.needsPrechat) this.host.requestUpdate();
    else this.connect();
  }

  async submitPrechat(answers: PrechatAnswers): Promise<void> {
    this.topic = answers.topic || undefined;
    if ((await this.openSession({name: answers.name || undefined, email: answers.email || undefined})) && this.attached) {
      this.needsPrechat = false;
      this.connect();
    }
  }

  // --- what the element calls --------------------------------------------------------------------

  get me(): ParticipantKey | undefined {
    return this.session ? `a:${this.session.applicant.id}` : undefined;
  }

  protected get otherSide(): ParticipantKind {
    return this.side === 'lawyer' ? 'applicant' : 'lawyer';
  }

  /** Outbox entries not yet in the message list (an entry whose message arrived is hidden). */
  get pending(): readonly OutboxEntry[] {
    return [...(this.outbox?.entries ?? []), ...(this.early?.entries ?? [])].filter((e) => !this.store.hasClientId(this.side, e.clientId));
  }

  get unread(): number {
    const read = Math.max(this.readSent, this.myCursor?.readSeq ?? 0);
    return this.store.messages.filter((m) => m.sender.kind === this.otherSide && m.seq > read && !m.deletedAt).length;
  }

  /** Lawyers' presence, summarised: online if any is, else the latest time one was seen. */
  get lawyersPresence(): {online: boolean; lastSeenAt: string | null} {
    let lastSeenAt: string | null = null;
    for (const p of this.presence.values()) {
      if (!p.key.startsWith('l:')) continue;
      if (p.online) return {online: true, lastSeenAt: null};
      if (p.lastSeenAt && (!lastSeenAt || p.lastSeenAt > lastSeenAt)) lastSeenAt = p.lastSeenAt;
    }
    return {online: false, lastSeenAt};
  }

  get typingNames(): (string | null)[] {
    const now = Date.now();
    return [...this.typing.values()].filter((t) => t.until > now).map((t) => t.name);
  }

  /** Own messages: read/delivered from the other side's cursors, never from our own. */
  deliveryOf(m: MessageDto): DeliveryState {
    let read = 0;
    let delivered = 0;
    const prefix = this.otherSide === 'lawyer' ? 'l:' : 'a:';
    for (const [key, c] of Object.entries(this.conversation?.cursors ?? {})) {
      if (!key.startsWith(prefix)) continue;
      read = Math.max(read, c.readSeq);
      delivered = Math.max(delivered, c.deliveredSeq, c.readSeq);
    }
    return m.seq <= read ? 'read' : m.seq <= delivered ? 'delivered' : 'sent';
  }

  send(body: string): void {
    const text = body.trim();
    if (!text) return;
    (this.outbox ?? this.early)?.add(text);
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

  /** The visitor typed: typing:start at most every few seconds, typing:stop once idle. */
  userTyping(): void {
    const s = this.joinedSocket();
    if (!s) return;
    const now = Date.now();
    if (now - this.typingSentAt > TYPING_RESEND) {
      this.typingSentAt = now;
      s.emit('typing:start', {conversationId: this.conversation!.id});
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE);
  }

  stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.typingSentAt) return;
    this.typingSentAt = 0;
    this.joinedSocket()?.emit('typing:stop', {conversationId: this.conversation!.id});
  }

  /** The element saw the list on screen (panel open, tab visible): move our read cursor. */
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

  // --- session ---------------------------------------------------------------------------------

  /** Side hook. */
  protected storageKey(what: string): string {
    return `consult-chat:${this.opts.site()}:${what}`;
  }

  private storage(): Storage | undefined {
    try {
      return localStorage;
    } catch {
      return undefined; // blocked by the browser's privacy settings
    }
  }

  private readVisitor(): {visitorId: string; visitorSecret: string} | undefined {
    try {
      const v = JSON.parse(this.storage()?.getItem(this.storageKey('visitor')) ?? 'null');
      return typeof v?.visitorId === 'string' && typeof v?.visitorSecret === 'string' ? v : undefined;
    } catch {
      return undefined;
    }
  }

  /** Creates or resumes the session; retries transient failures; false when refused for good. */
  protected async openSession(extra: Pick<WidgetSessionRequest, 'name' | 'email'> = {}): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      // A wrong or stale secret makes the server start a new visitor, whose secret replaces it.
      const visitor = this.readVisitor();
      const body: WidgetSessionRequest = {siteKey: this.opts.site(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, ...visitor, ...extra};
      const identityToken = this.opts.identityToken();
      if (identityToken) body.identityToken = identityToken;
      try {
        const res = await postJson<WidgetSessionResponse>(`${this.opts.server()}/api/v1/widget/session`, body);
        if (res.visitorSecret) {
          try {
            this.storage()?.setItem(this.storageKey('visitor'), JSON.stringify({visitorId: res.visitorId, visitorSecret: res.visitorSecret}));
          } catch {
            // Without storage the visitor simply cannot resume after a reload.
          }
        }
        if (!this.outbox || this.session?.visitorId !== res.visitorId) {
          this.outbox = new Outbox(this.storage(), this.storageKey(`${res.visitorId}:outbox`));
        }
        for (const e of this.early?.entries ?? []) {
          this.outbox.add(e.body, e.clientId);
          this.early!.remove(e.clientId);
        }
        this.session = res;
        this.host.requestUpdate();
        return true;
      } catch (err) {
        const network = !(err instanceof RequestError); // fetch itself failed: no answer at all
        const e = network ? new RequestError({code: 'unavailable', message: String(err)}) : err;
        // Refusals that retrying cannot fix: wrong site key or origin, a bad identity token.
        if (['origin_not_allowed', 'bad_request', 'not_found', 'unauthorized', 'forbidden'].includes(e.body.code)) {
          this.setState('refused');
          return false;
        }
        this.setState(!navigator.onLine ? 'offline' : network ? 'connecting' : 'unavailable');
        await sleep(e.body.retryAfter ? e.body.retryAfter * 1000 : Math.min(30_000, 1000 * 2 ** attempt));
        if (!this.attached) return false; // the element left the page; hostConnected resumes

      }
    }
  }

  // --- socket ----------------------------------------------------------------------------------

  private connect(): void {
    if (this.socket || !this.attached) return;
    const socket: ChatSocket = io(this.opts.server(), {
      // A function, so every reconnection uses the newest token; never in the URL.
      auth: (cb) => cb({token: this.authToken()}),
      transports: ['websocket', 'polling'],
      forceNew: true,
      reconnectionDelayMax: 10_000,
    });
    this.socket = socket;
    socket.on('connect', () => void this.onConnect());
    socket.on('disconnect', (reason) => {
      this.gen++;
      this.setState(navigator.onLine ? 'reconnecting' : 'offline');
      // The server closed us (token expired, restart): Socket.IO will not retry by itself.
      if (reason === 'io server disconnect') void this.refreshAndReconnect();
    });
    socket.on('connect_error', (err: Error & {data?: {code?: string}}) => {
      const code = err.data?.code ?? err.message;
      if (code === 'origin_not_allowed' || code === 'forbidden') return this.setState('refused');
      this.setState(navigator.onLine ? (this.joinedGen < 0 ? 'connecting' : 'reconnecting') : 'offline');
      if (!socket.active) void this.refreshAndReconnect(code === 'token_expired' || code === 'unauthorized');
    });
    socket.on('message:new', (m) => this.onMessage(m));
    socket.on('message:updated', (m) => {
      if (m.conversationId !== this.conversation?.id) return;
      this.store.put(m);
      this.host.requestUpdate();
    });
    socket.on('receipt', (e) => {
      if (e.conversationId !== this.conversation?.id) return;
      this.conversation = {...this.conversation, cursors: {...this.conversation.cursors, [e.key]: e.cursor}};
      this.host.requestUpdate();
    });
    socket.on('typing', (e) => {
      if (e.conversationId !== this.conversation?.id || e.participant.key === this.me) return;
      if (e.typing) this.typing.set(e.participant.key, {name: e.participant.name, until: Date.now() + TYPING_SHOWN});
      else this.typing.delete(e.participant.key);
      clearTimeout(this.typingExpiry);
      if (this.typing.size) this.typingExpiry = setTimeout(() => this.host.requestUpdate(), TYPING_SHOWN + 50);
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

  private async refreshAndReconnect(newToken = true): Promise<void> {
    await sleep(500 + Math.random() * 1000);
    if (newToken && !(await this.openSession())) return;
    if (this.attached && this.socket && !this.socket.connected && !this.socket.active) this.socket.connect();
  }

  /** On every (re)connect: join again, sync from the cursor, then flush the outbox. */
  private async onConnect(): Promise<void> {
    const gen = ++this.gen;
    try {
      const joined = await this.joinConversation();
      if (gen !== this.gen) return;
      this.conversation = joined.conversation;
      this.presence = new Map(joined.presence.map((p) => [p.key, p]));
      const mine = this.myCursor;
      this.deliveredSent = Math.max(this.deliveredSent, mine?.deliveredSeq ?? 0);
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
      if (err instanceof RequestError && (err.body.code === 'token_expired' || err.body.code === 'unauthorized')) {
        this.socket?.disconnect();
        void this.refreshAndReconnect();
      } else {
        const socket = this.socket;
        socket?.disconnect();
        setTimeout(() => this.attached && !socket?.connected && socket?.connect(), 2000);
      }
    }
  }

  private async sync(gen = this.gen): Promise<void> {
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

  private onMessage(m: MessageDto): void {
    if (m.conversationId !== this.conversation?.id) return;
    const {isNew, gap} = this.store.applyLive(m);
    if (isNew) this.received([m], true);
    // A gap before it: something is in flight or missed; a short sync settles it.
    if (gap) {
      clearTimeout(this.gapTimer);
      this.gapTimer = setTimeout(() => void this.sync().catch(() => {}), 1000);
    }
  }

  /** New messages landed: acknowledge delivery and tell the host about incoming ones. */
  private received(added: MessageDto[], announce: boolean): void {
    if (!added.length) return;
    if (announce) for (const m of added) if (m.sender.kind === this.otherSide && m.sender.id !== null) this.opts.onIncoming?.(m);
    for (const m of added) if (m.sender.kind === this.otherSide && m.sender.id) this.typing.delete(participantKey(this.otherSide, m.sender.id));
    const seq = this.store.newestSeq;
    if (seq > this.deliveredSent && this.joinedSocket()) {
      this.deliveredSent = seq;
      this.request('receipt:delivered', {conversationId: this.conversation!.id, seq}).then((c) => this.setMyCursor(c), () => {});
    }
    this.host.requestUpdate();
  }

  /** Sends the outbox one message at a time, in order, each with its own clientId until acked. */
  private async flush(): Promise<void> {
    const gen = this.gen;
    if (this.flushGen === gen || this.joinedGen !== gen || !this.outbox) return;
    this.flushGen = gen;
    try {
      for (let attempt = 0, entry = this.outbox.next(); entry && gen === this.gen; entry = this.outbox.next()) {
        try {
          const m = await this.request('message:send', {conversationId: this.conversation!.id, clientId: entry.clientId, body: entry.body});
          this.store.applyLive(m);
          this.outbox.remove(entry.clientId);
          attempt = 0;
        } catch (err) {
          const body = err instanceof RequestError ? err.body : {code: 'unavailable' as const, message: 'timeout'};
          if (gen !== this.gen) return; // disconnected: the next connection resends it
          if (retryable(body.code) || body.code === 'token_expired' || body.code === 'unauthorized') {
            await sleep(body.retryAfter ? body.retryAfter * 1000 : Math.min(15_000, 500 * 2 ** attempt++));
          } else {
            this.outbox.fail(entry.clientId, {code: body.code, message: body.message});
          }
        }
        this.host.requestUpdate();
      }
    } finally {
      if (this.flushGen === gen) this.flushGen = -1;
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Side hook: the token sent in the handshake. */
  protected authToken(): string | undefined {
    return this.session?.token;
  }

  /** Side hook: the applicant opens (or resumes) their own conversation. */
  protected joinConversation(): Promise<JoinResult> {
    return this.request('conversation:open', this.topic ? {topic: this.topic} : {});
  }

  private get myCursor(): CursorDto | undefined {
    return this.me ? this.conversation?.cursors[this.me] : undefined;
  }

  private setMyCursor(c: CursorDto): void {
    if (!this.conversation || !this.me) return;
    this.conversation = {...this.conversation, cursors: {...this.conversation.cursors, [this.me]: c}};
    this.host.requestUpdate();
  }

  private joinedSocket(): ChatSocket | undefined {
    return this.socket?.connected && this.joinedGen === this.gen && this.conversation ? this.socket : undefined;
  }

  /** Emits with an acknowledgement; rejects with RequestError on `{ok: false}` or a timeout. */
  protected async request<E extends keyof Events>(event: E, payload: Parameters<Events[E]>[0]): Promise<AckData<E>> {
    const socket = this.socket;
    if (!socket?.connected) throw new RequestError({code: 'unavailable', message: 'not connected'});
    let ack: Ack<AckData<E>>;
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      ack = await (socket.timeout(ACK_TIMEOUT) as any).emitWithAck(event, payload);
    } catch {
      throw new RequestError({code: 'unavailable', message: `${event} timed out`});
    }
    if (!ack?.ok) throw new RequestError(ack?.error ?? {code: 'internal', message: 'malformed acknowledgement'});
    return ack.data;
  }

  private setState(s: ConnectionState): void {
    // A refusal outranks transient states until something actually works again.
    if (this.state === 'refused' && s !== 'online') return;
    this.state = s;
    this.host.requestUpdate();
  }

  private onOnline = () => {
    if (this.socket && !this.socket.connected) this.socket.connect();
  };

  private onOffline = () => {
    if (this.engaged) this.setState('offline');
  };
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body), credentials: 'omit'});
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const error: ErrorBody = json?.error?.code ? json.error : {code: res.status >= 500 ? 'unavailable' : 'bad_request', message: `HTTP ${res.status}`};
    const retryAfter = Number(res.headers.get('retry-after'));
    if (!error.retryAfter && retryAfter > 0) error.retryAfter = retryAfter;
    throw new RequestError(error, res.status);
  }
  return json as T;
}
