// Owns what the console knows of the whole firm: the lawyer's login, one inbox socket (the
// firm-wide `inbox:message`, `conversation:updated`, `presence`, `typing` and `receipt` events),
// the filtered conversation list, and the firm's lawyers. The element only renders its state.
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {CannedReplyDto, ConversationDto, LawyerDto, MessageDto, ParticipantKey, VisitorDto} from '../../protocol/chat.js';
import {laterCursor} from '../../protocol/chat.js';
import type {LawyerListResponse, LoginResponse} from '../../protocol/rest.js';
import {openSocket, type ChatSocket} from '../shared/chat-socket.js';
import {RequestError, requestJson, type JsonRequest} from '../shared/http.js';
import {readJson, removeKey, writeJson} from '../shared/storage.js';
import {WhoIsTyping} from '../shared/typing.js';
import {ConversationList, type InboxItem} from './conversation-list.js';

export type InboxState = 'signed-out' | 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface StoredSession {
  token: string;
  expiresAt: string;
  lawyer: LawyerDto;
}

export interface InboxControllerOptions {
  server(): string;
  /** A message from an applicant arrived (for notifications). */
  onApplicantMessage?(conversation: InboxItem, message: MessageDto): void;
  /** The session ended (logout, expiry, revoked token). */
  onSignedOut?(reason: 'logout' | 'expired'): void;
  /** A colleague's note @mentions the signed-in lawyer. */
  onMention?(conversation: InboxItem, message: MessageDto): void;
}

const STORAGE_KEY = 'consult-inbox:session';

export class InboxController implements ReactiveController {
  state: InboxState = 'signed-out';
  session?: StoredSession;
  lawyers: LawyerListResponse['lawyers'] = [];
  /** Saved replies: the firm's, then the lawyer's own. */
  replies: CannedReplyDto[] = [];
  readonly list: ConversationList;

  private online = new Map<ParticipantKey, boolean>();
  /** Who is typing, by conversation. */
  private typing = new WhoIsTyping<string>(() => this.host.requestUpdate());
  private socket?: ChatSocket;
  private expiryTimer?: ReturnType<typeof setTimeout>;

  constructor(private host: ReactiveControllerHost, private opts: InboxControllerOptions) {
    host.addController(this);
    this.list = new ConversationList({fetch: (path) => this.fetchJson(path), me: () => this.me, changed: () => host.requestUpdate(), online: this.online});
  }

  hostConnected(): void {
    addEventListener('storage', this.onStorage);
    // Re-attached after a move in the DOM: start again with the session we have.
    if (!this.session) this.restore();
    else this.begin();
  }

  hostDisconnected(): void {
    removeEventListener('storage', this.onStorage);
    this.disconnect();
  }

  // --- session ---------------------------------------------------------------------------------

  async login(email: string, password: string): Promise<void> {
    const res = await requestJson<LoginResponse>(`${this.opts.server()}/api/v1/auth/login`, {method: 'POST', body: {email, password}});
    this.session = res;
    // Storage blocked: the session lasts as long as this page.
    writeJson(STORAGE_KEY, res);
    this.begin();
  }

  logout(reason: 'logout' | 'expired' = 'logout'): void {
    if (!this.session) return;
    removeKey(STORAGE_KEY);
    this.session = undefined;
    this.disconnect();
    this.list.clear();
    this.typing.clear();
    this.online.clear();
    this.lawyers = [];
    this.state = 'signed-out';
    this.opts.onSignedOut?.(reason);
    this.host.requestUpdate();
  }

  /** A stored session that has not expired survives a reload. */
  private restore(): void {
    const stored = readJson(STORAGE_KEY) as StoredSession | undefined;
    if (!stored?.token || !stored.lawyer?.id || !(Date.parse(stored.expiresAt) > Date.now() + 5_000)) {
      if (stored) removeKey(STORAGE_KEY);
      return;
    }
    this.session = stored;
    this.begin();
  }

  private begin(): void {
    const s = this.session!;
    clearTimeout(this.expiryTimer);
    // setTimeout overflows past ~24.8 days; tokens live hours.
    this.expiryTimer = setTimeout(() => this.logout('expired'), Math.min(2 ** 31 - 1, Date.parse(s.expiresAt) - Date.now()));
    this.state = 'connecting';
    this.connect();
    void this.list.reload();
    void this.loadLawyers();
    void this.loadReplies();
    this.host.requestUpdate();
  }

  /** Logging out in another tab logs out here too. */
  private onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY && e.newValue === null && this.session) this.logout();
  };

  // --- the firm ----------------------------------------------------------------------------------

  get me(): string | undefined {
    return this.session?.lawyer.id;
  }

  isOnline(applicantId: string): boolean {
    return this.online.get(`a:${applicantId}`) ?? false;
  }

  /** Who is typing in a conversation right now (applicant or a colleague), if anyone. */
  typingIn(conversationId: string): {name: string | null} | undefined {
    return this.typing.get(conversationId);
  }

  lawyerName(id: string): string | undefined {
    return this.lawyers.find((l) => l.id === id)?.name ?? (id === this.me ? this.session?.lawyer.name : undefined);
  }

  private async loadLawyers(): Promise<void> {
    try {
      this.lawyers = (await this.fetchJson<LawyerListResponse>('/api/v1/lawyers')).lawyers;
      for (const l of this.lawyers) this.online.set(`l:${l.id}`, l.online);
      this.host.requestUpdate();
    } catch {
      // The assignment menu then offers only "me".
    }
  }

  async loadReplies(): Promise<void> {
    try {
      this.replies = (await this.fetchJson<{replies: CannedReplyDto[]}>('/api/v1/replies')).replies;
      this.host.requestUpdate();
    } catch {
      // `/` then offers nothing; the management view says why when opened.
    }
  }

  async addReply(shortcut: string, body: string, shared: boolean): Promise<void> {
    await this.fetchJson('/api/v1/replies', {method: 'POST', body: {shortcut, body, shared}});
    await this.loadReplies();
  }

  async removeReply(id: string): Promise<void> {
    await this.fetchJson(`/api/v1/replies/${encodeURIComponent(id)}`, {method: 'DELETE'});
    await this.loadReplies();
  }

  visitor(conversationId: string): Promise<VisitorDto> {
    return this.fetchJson<VisitorDto>(`/api/v1/conversations/${encodeURIComponent(conversationId)}/visitor`);
  }

  // --- actions ---------------------------------------------------------------------------------

  claim(id: string): Promise<void> {
    return this.act(id, 'claim');
  }

  assign(id: string, lawyerId: string): Promise<void> {
    return this.act(id, 'assign', {lawyerId});
  }

  setStatus(id: string, status: 'open' | 'closed'): Promise<void> {
    return this.act(id, status === 'closed' ? 'close' : 'reopen');
  }

  private async act(id: string, action: string, body = {}): Promise<void> {
    this.list.upsert(await this.fetchJson<ConversationDto>(`/api/v1/conversations/${encodeURIComponent(id)}/${action}`, {method: 'POST', body}));
    this.host.requestUpdate();
  }

  // --- socket ----------------------------------------------------------------------------------

  private connect(): void {
    if (this.socket || !this.session) return;
    const socket = (this.socket = openSocket(this.opts.server(), () => this.session?.token));
    let connectedBefore = false;
    socket.on('connect', () => {
      this.state = 'online';
      // Anything that changed while we were away: reload the list and the lawyers' presence.
      if (connectedBefore) {
        void this.list.reload();
        void this.loadLawyers();
      }
      connectedBefore = true;
      this.host.requestUpdate();
    });
    socket.on('disconnect', (reason) => {
      this.state = navigator.onLine ? 'reconnecting' : 'offline';
      if (reason === 'io server disconnect') setTimeout(() => this.session && socket.connect(), 1000);
      this.host.requestUpdate();
    });
    socket.on('connect_error', (err: Error & {data?: {code?: string}}) => {
      const code = err.data?.code;
      if (code === 'token_expired' || code === 'unauthorized') return this.logout('expired');
      this.state = navigator.onLine ? 'reconnecting' : 'offline';
      if (!socket.active) setTimeout(() => this.session && !socket.connected && socket.connect(), 2000);
      this.host.requestUpdate();
    });
    socket.on('inbox:message', ({conversation, message}) => {
      const item = this.list.upsert(conversation);
      if (message.sender.kind === 'applicant' || (message.sender.kind === 'lawyer' && message.sender.id)) {
        this.typing.delete(conversation.id);
      }
      if (message.sender.kind === 'applicant') this.opts.onApplicantMessage?.(item, message);
      if (message.kind === 'note' && this.me && message.sender.id !== this.me && message.mentions?.includes(this.me)) this.opts.onMention?.(item, message);
      this.host.requestUpdate();
    });
    socket.on('conversation:updated', (c) => {
      this.list.upsert(c);
      this.host.requestUpdate();
    });
    socket.on('receipt', (e) => {
      const c = this.list.get(e.conversationId);
      if (!c) return;
      this.list.upsert({...c, cursors: {...c.cursors, [e.key]: laterCursor(c.cursors[e.key], e.cursor)}});
      this.host.requestUpdate();
    });
    socket.on('presence', (p) => {
      this.online.set(p.key, p.online);
      const l = p.key.startsWith('l:') ? this.lawyers.find((x) => `l:${x.id}` === p.key) : undefined;
      if (l) l.online = p.online;
      this.host.requestUpdate();
    });
    socket.on('typing', (e) => {
      if (e.participant.key === `l:${this.me}`) return;
      this.typing.apply(e.conversationId, e.participant.name, e.typing);
      // Someone is writing a first message: show the conversation before it arrives.
      if (e.typing && !this.list.get(e.conversationId)) void this.list.ensure(e.conversationId).then(() => this.host.requestUpdate());
      this.host.requestUpdate();
    });
  }

  private disconnect(): void {
    clearTimeout(this.expiryTimer);
    this.typing.stop();
    this.socket?.disconnect();
    this.socket?.removeAllListeners();
    this.socket = undefined;
  }

  // --- http ---------------------------------------------------------------------------------

  /** A signed-in call; a refused token logs out. */
  private async fetchJson<T>(path: string, req: JsonRequest = {}): Promise<T> {
    if (!this.session) throw new RequestError({code: 'unauthorized', message: 'signed out'}, 401);
    try {
      return await requestJson<T>(`${this.opts.server()}${path}`, {...req, token: this.session.token});
    } catch (err) {
      const code = (err as RequestError).body.code;
      if (code === 'token_expired' || code === 'unauthorized') this.logout('expired');
      throw err;
    }
  }
}
