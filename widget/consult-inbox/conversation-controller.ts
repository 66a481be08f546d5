// The lawyer's side of one conversation: the lawyer's token and `conversation:join` around the
// shared ConversationCore (sync cursor, outbox, receipts, typing, history), plus the
// consultation requests only a lawyer makes.
import type {ReactiveControllerHost} from 'lit';
import type {JoinResult, ParticipantKey, PresenceDto} from '../../protocol/chat.js';
import type {ConsultationCard, ProviderId} from '../../protocol/consultation.js';
import {ConversationCore, type ChatSide} from '../shared/conversation-core.js';
import {Outbox} from '../shared/outbox.js';
import {storage} from '../shared/storage.js';

export interface LawyerAuth {
  token: string;
  expiresAt: string;
  lawyerId: string;
}

export interface ConversationControllerOptions {
  server(): string;
  conversationId: string;
  auth(): LawyerAuth | undefined;
  /** The token is gone or expired: the console logs out. */
  onAuthLost(): void;
}

export class ConversationController implements ChatSide {
  readonly kind = 'lawyer';
  readonly core: ConversationCore;
  readonly conversationId: string;

  constructor(private readonly host: ReactiveControllerHost, private readonly opts: ConversationControllerOptions) {
    this.core = new ConversationCore(host, this);
    this.conversationId = opts.conversationId;
  }

  server(): string {
    return this.opts.server();
  }

  me(): ParticipantKey | undefined {
    const auth = this.opts.auth();
    return auth ? `l:${auth.lawyerId}` : undefined;
  }

  token(): string | undefined {
    return this.opts.auth()?.token;
  }

  open(): Promise<boolean> {
    this.core.setState('connecting');
    return this.authenticate();
  }

  async authenticate(): Promise<boolean> {
    const auth = this.opts.auth();
    if (!auth || Date.parse(auth.expiresAt) <= Date.now()) {
      this.opts.onAuthLost();
      return false;
    }
    this.core.outbox ??= new Outbox(storage(), `consult-inbox:${auth.lawyerId}:${this.conversationId}:outbox`);
    return true;
  }

  join(): Promise<JoinResult> {
    return this.core.request('conversation:join', {conversationId: this.conversationId});
  }

  /** The applicant's presence in this conversation. */
  get applicantPresence(): PresenceDto | undefined {
    const id = this.core.conversation?.applicant.id;
    return id ? this.core.presence.get(`a:${id}`) : undefined;
  }

  // Consultations: the ack is the new card state, but the list shows it through the usual
  // message:new / message:updated flow, like every other client in the conversation.

  /** The meeting providers this firm offers. */
  providers(): Promise<ProviderId[]> {
    return this.core.request('consultation:providers', {});
  }

  schedule(start: string, durationMinutes: number, provider: ProviderId): Promise<ConsultationCard> {
    return this.core.request('consultation:schedule', {conversationId: this.conversationId, start, durationMinutes, provider});
  }

  reschedule(consultationId: string, start: string, durationMinutes: number): Promise<ConsultationCard> {
    return this.core.request('consultation:reschedule', {consultationId, start, durationMinutes});
  }

  cancelConsultation(consultationId: string): Promise<ConsultationCard> {
    return this.core.request('consultation:cancel', {consultationId});
  }

  /** An internal note: straight to the server (no offline queue), seen by the firm's lawyers only. */
  sendNote(body: string): Promise<unknown> {
    return this.core.request('message:send', {conversationId: this.conversationId, clientId: crypto.randomUUID(), body, note: true});
  }

  deleteMessage(messageId: string): Promise<unknown> {
    return this.core.request('message:delete', {conversationId: this.conversationId, messageId});
  }

  /**
   * After a search hit far back: the seq through which the messages after the hit are loaded,
   * while a gap still separates them from the recent window (null once they join). The console
   * calls `fillForward` as the lawyer scrolls towards it.
   */
  gapAfter: number | null = null;
  private filling?: Promise<void>;

  /**
   * Loads the messages around `seq` (a search hit far back in history) once the first sync is
   * done, and a first page of those after it; the rest of the gap fills as the lawyer scrolls.
   */
  async showAround(seq: number): Promise<void> {
    const core = this.core;
    const ready = () => core.joinedGen >= 0 && core.conversation && core.store.newestSeq >= core.conversation.lastSeq;
    for (const t0 = Date.now(); !ready() && Date.now() - t0 < 10_000;) await new Promise((r) => setTimeout(r, 50));
    if (core.store.messages.some((m) => m.seq === seq)) return;
    const page = await core.request('message:history', {conversationId: this.conversationId, beforeSeq: seq + 25, limit: 50});
    core.store.applyHistory(page);
    core.hasOlder = page.hasMore && page.messages.length > 0;
    const from = page.messages.at(-1)?.seq ?? seq;
    const next = core.store.messages.find((m) => m.seq > from)?.seq;
    this.gapAfter = next !== undefined && next > from + 1 ? from : null;
    await this.fillForward();
    this.host.requestUpdate();
  }

  /** The last row drawn before the gap (system lines are not rows with a seq). */
  gapEdge(): number | undefined {
    const list = this.core.store.messages;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].seq <= this.gapAfter! && list[i].kind !== 'system') return list[i].seq;
    return undefined;
  }

  /** One page of the gap after a search hit (`gapAfter`); several calls at once share it. */
  fillForward(): Promise<void> {
    if (this.gapAfter === null) return Promise.resolve();
    this.filling ??= (async () => {
      const core = this.core;
      const from = this.gapAfter!;
      const known = new Set(core.store.messages.map((m) => m.id));
      const page = await core.request('message:sync', {conversationId: this.conversationId, afterSeq: from, limit: 100});
      core.store.applyHistory(page);
      // Joined once the page reaches a message already loaded (the recent window) or the end.
      const joined = !page.hasMore || !page.messages.length || page.messages.some((m) => known.has(m.id));
      this.gapAfter = joined ? null : page.throughSeq;
      this.host.requestUpdate();
    })().finally(() => (this.filling = undefined));
    return this.filling;
  }

  /** Stops the socket and detaches from the element. */
  dispose(): void {
    this.core.hostDisconnected();
    this.host.removeController(this.core);
  }
}

/** The conversations the console keeps connected: the one on screen and any with unsent replies. */
export class OpenConversations {
  private chats = new Map<string, ConversationController>();

  constructor(private host: ReactiveControllerHost, private opts: Omit<ConversationControllerOptions, 'conversationId'>) {}

  get(id: string | undefined): ConversationController | undefined {
    return id ? this.chats.get(id) : undefined;
  }

  /** Shows `id` (connecting on first use); the others close their sockets unless replies wait. */
  open(id: string): void {
    if (!this.chats.has(id)) {
      const chat = new ConversationController(this.host, {...this.opts, conversationId: id});
      this.chats.set(id, chat);
      void chat.core.start();
    }
    for (const [other, c] of this.chats) {
      if (other === id || c.core.pending.length) continue;
      c.dispose();
      this.chats.delete(other);
    }
  }

  closeAll(): void {
    for (const c of this.chats.values()) c.dispose();
    this.chats.clear();
  }
}
