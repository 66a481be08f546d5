// Owns what the console knows of the whole firm: the lawyer's login, one inbox socket (the
// firm-wide `inbox:message`, `conversation:updated`, `presence`, `typing` and `receipt` events),
// the filtered conversation list, and the firm's lawyers. The element only renders its state.
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {io, type Socket} from 'socket.io-client';
import type {ClientToServerEvents, ServerToClientEvents} from '../../protocol/events.js';
import {unreadFor, type ConversationDto, type LawyerDto, type MessageDto, type ParticipantKey} from '../../protocol/chat.js';
import type {ConversationListResponse, LawyerListResponse, LoginResponse} from '../../protocol/rest.js';
import type {ErrorBody} from '../../protocol/errors.js';

type InboxSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type StatusFilter = 'open' | 'closed' | 'all';
export type AssignedFilter = 'unassigned' | 'me' | 'all';
export type InboxState = 'signed-out' | 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface InboxItem extends ConversationDto {
  unread: number;
}

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
}

const STORAGE_KEY = 'consult-inbox:session';
const PAGE = 30;
const TYPING_SHOWN = 8_000;

export class HttpError extends Error {
  constructor(readonly body: ErrorBody, readonly status: number) {
    super(body.message);
  }
}

export class InboxController implements ReactiveController {
  state: InboxState = 'signed-out';
  session?: StoredSession;
  status: StatusFilter = 'open';
  assigned: AssignedFilter = 'all';
  lawyers: LawyerListResponse['lawyers'] = [];
  loading = false;
  nextBefore: string | null = null;
  /** Set when the list could not be loaded; cleared by the next successful load. */
  listError?: string;

  private items = new Map<string, InboxItem>();
  private online = new Map<ParticipantKey, boolean>();
  private typingMap = new Map<string, {name: string | null; until: number}>();
  private socket?: InboxSocket;
  private expiryTimer?: ReturnType<typeof setTimeout>;
  private typingTimer?: ReturnType<typeof setTimeout>;
  /** Bumped on each reload so an older, slower answer cannot overwrite a newer one. */
  private loadGen = 0;

  constructor(private host: ReactiveControllerHost, private opts: InboxControllerOptions) {
    host.addController(this);
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
    const res = await this.fetchJson<LoginResponse>('/api/v1/auth/login', {method: 'POST', body: JSON.stringify({email, password})}, false);
    this.session = res;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(res));
    } catch {
      // Storage blocked: the session lasts as long as this page.
    }
    this.begin();
  }

  logout(reason: 'logout' | 'expired' = 'logout'): void {
    if (!this.session) return;
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
    this.session = undefined;
    this.disconnect();
    this.items.clear();
    this.typingMap.clear();
    this.online.clear();
    this.lawyers = [];
    this.state = 'signed-out';
    this.opts.onSignedOut?.(reason);
    this.host.requestUpdate();
  }

  /** A stored session that has not expired survives a reload. */
  private restore(): void {
    let stored: StoredSession | undefined;
    try {
      stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') ?? undefined;
    } catch {
      stored = undefined;
    }
    if (!stored?.token || !stored.lawyer?.id || !(Date.parse(stored.expiresAt) > Date.now() + 5_000)) {
      if (stored) localStorage.removeItem(STORAGE_KEY);
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
    void this.reload();
    void this.loadLawyers();
    this.host.requestUpdate();
  }

  /** Logging out in another tab logs out here too. */
  private onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY && e.newValue === null && this.session) this.logout();
  };

  // --- list ------------------------------------------------------------------------------------

  get me(): string | undefined {
    return this.session?.lawyer.id;
  }

  /** The filtered list, most recent activity first. */
  get conversations(): InboxItem[] {
    return [...this.items.values()]
      .filter((c) => this.matches(c))
      .sort((a, b) => (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt));
  }

  get(id: string): InboxItem | undefined {
    return this.items.get(id);
  }

  get totalUnread(): number {
    let n = 0;
    for (const c of this.items.values()) if (c.status === 'open') n += c.unread;
    return n;
  }

  isOnline(applicantId: string): boolean {
    return this.online.get(`a:${applicantId}`) ?? false;
  }

  /** Who is typing in a conversation right now (applicant or a colleague), if anyone. */
  typingIn(conversationId: string): {name: string | null} | undefined {
    const t = this.typingMap.get(conversationId);
    return t && t.until > Date.now() ? t : undefined;
  }

  lawyerName(id: string): string | undefined {
    return this.lawyers.find((l) => l.id === id)?.name ?? (id === this.me ? this.session?.lawyer.name : undefined);
  }

  setFilter(status: StatusFilter, assigned: AssignedFilter): void {
    if (status === this.status && assigned === this.assigned) return;
    this.status = status;
    this.assigned = assigned;
    void this.reload();
    this.host.requestUpdate();
  }

  /** First page of the current filter; live events keep it current afterwards. */
  async reload(): Promise<void> {
    const gen = ++this.loadGen;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const page = await this.fetchPage();
      if (gen !== this.loadGen) return;
      this.items.clear();
      this.absorb(page);
      this.listError = undefined;
    } catch (err) {
      if (gen === this.loadGen) this.listError = (err as Error).message;
    } finally {
      if (gen === this.loadGen) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  async loadMore(): Promise<void> {
    if (!this.nextBefore || this.loading) return;
    const gen = this.loadGen;
    this.loading = true;
    try {
      const page = await this.fetchPage(this.nextBefore);
      if (gen === this.loadGen) this.absorb(page);
    } catch {
      // Scrolling down again retries.
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  private fetchPage(before?: string): Promise<ConversationListResponse> {
    const q = new URLSearchParams({status: this.status, assigned: this.assigned, limit: String(PAGE)});
    if (before) q.set('before', before);
    return this.fetchJson<ConversationListResponse>(`/api/v1/conversations?${q}`);
  }

  private absorb(page: ConversationListResponse): void {
    for (const c of page.conversations) {
      this.items.set(c.id, c);
      if (c.online !== undefined) this.online.set(`a:${c.applicant.id}`, c.online);
    }
    this.nextBefore = page.nextBefore;
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

  private matches(c: ConversationDto): boolean {
    if (this.status !== 'all' && c.status !== this.status) return false;
    if (this.assigned === 'me') return !!this.me && c.assignedLawyerIds.includes(this.me);
    if (this.assigned === 'unassigned') return c.assignedLawyerIds.length === 0;
    return true;
  }

  private upsert(c: ConversationDto): InboxItem {
    const item: InboxItem = {...c, unread: this.me ? unreadFor(c, 'lawyer', this.me) : 0};
    this.items.set(c.id, item);
    return item;
  }

  // --- actions ---------------------------------------------------------------------------------

  async claim(id: string): Promise<void> {
    this.upsert(await this.fetchJson<ConversationDto>(`/api/v1/conversations/${encodeURIComponent(id)}/claim`, {method: 'POST', body: '{}'}));
    this.host.requestUpdate();
  }

  async assign(id: string, lawyerId: string): Promise<void> {
    this.upsert(await this.fetchJson<ConversationDto>(`/api/v1/conversations/${encodeURIComponent(id)}/assign`, {method: 'POST', body: JSON.stringify({lawyerId})}));
    this.host.requestUpdate();
  }

  async setStatus(id: string, status: 'open' | 'closed'): Promise<void> {
    const action = status === 'closed' ? 'close' : 'reopen';
    this.upsert(await this.fetchJson<ConversationDto>(`/api/v1/conversations/${encodeURIComponent(id)}/${action}`, {method: 'POST', body: '{}'}));
    this.host.requestUpdate();
  }

  /** A conversation opened from elsewhere (a notification, a link) that the filter did not load. */
  async ensure(id: string): Promise<InboxItem | undefined> {
    if (this.items.has(id)) return this.items.get(id);
    try {
      return this.upsert(await this.fetchJson<ConversationDto>(`/api/v1/conversations/${encodeURIComponent(id)}`));
    } catch {
      return undefined;
    }
  }

  // --- socket ----------------------------------------------------------------------------------

  private connect(): void {
    if (this.socket || !this.session) return;
    const socket: InboxSocket = io(this.opts.server(), {
      auth: (cb) => cb({token: this.session?.token}),
      transports: ['websocket', 'polling'],
      forceNew: true,
      reconnectionDelayMax: 10_000,
    });
    this.socket = socket;
    let connectedBefore = false;
    socket.on('connect', () => {
      this.state = 'online';
      // Anything that changed while we were away: reload the list and the lawyers' presence.
      if (connectedBefore) {
        void this.reload();
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
      const item = this.upsert(conversation);
      if (message.sender.kind === 'applicant' || (message.sender.kind === 'lawyer' && message.sender.id)) {
        this.typingMap.delete(conversation.id);
      }
      if (message.sender.kind === 'applicant') this.opts.onApplicantMessage?.(item, message);
      this.host.requestUpdate();
    });
    socket.on('conversation:updated', (c) => {
      this.upsert(c);
      this.host.requestUpdate();
    });
    socket.on('receipt', (e) => {
      const c = this.items.get(e.conversationId);
      if (!c) return;
      this.upsert({...c, cursors: {...c.cursors, [e.key]: e.cursor}});
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
      if (e.typing) this.typingMap.set(e.conversationId, {name: e.participant.name, until: Date.now() + TYPING_SHOWN});
      else this.typingMap.delete(e.conversationId);
      // Someone is writing a first message: show the conversation before it arrives.
      if (e.typing && !this.items.has(e.conversationId)) void this.ensure(e.conversationId).then(() => this.host.requestUpdate());
      clearTimeout(this.typingTimer);
      if (this.typingMap.size) this.typingTimer = setTimeout(() => this.host.requestUpdate(), TYPING_SHOWN + 50);
      this.host.requestUpdate();
    });
  }

  private disconnect(): void {
    clearTimeout(this.expiryTimer);
    clearTimeout(this.typingTimer);
    this.socket?.disconnect();
    this.socket?.removeAllListeners();
    this.socket = undefined;
  }

  // --- http ------------------------------------------------------------------------------------

  private async fetchJson<T>(path: string, init: RequestInit = {}, authed = true): Promise<T> {
    const headers: Record<string, string> = {'content-type': 'application/json'};
    if (authed) {
      if (!this.session) throw new HttpError({code: 'unauthorized', message: 'signed out'}, 401);
      headers.authorization = `Bearer ${this.session.token}`;
    }
    let res: Response;
    try {
      res = await fetch(`${this.opts.server()}${path}`, {...init, headers, credentials: 'omit'});
    } catch {
      throw new HttpError({code: 'unavailable', message: 'network error'}, 0);
    }
    const json = await res.json().catch(() => null);
    if (!res.ok) {
      const body: ErrorBody = json?.error?.code ? json.error : {code: res.status >= 500 ? 'unavailable' : 'bad_request', message: `HTTP ${res.status}`};
      if (authed && (body.code === 'token_expired' || body.code === 'unauthorized')) this.logout('expired');
      throw new HttpError(body, res.status);
    }
    return json as T;
  }
}
