// A Node chat client that follows the delivery rules the widget follows: an outbox sent one at
// a time with stable clientIds until acknowledged, a per-conversation sync cursor advanced only
// contiguously, a full sync after every (re)connect, and de-duplication by seq.
import {randomUUID} from 'node:crypto';
import type {JoinResult, MessageDto, MessagePage} from '../../protocol/chat.js';
import type {Ack} from '../../protocol/errors.js';
import {isRetryable} from '../../protocol/errors.js';
import {openSocket, type ClientSocket} from './socket-client.js';

interface ConversationState {
  cursor: number;
  messages: Map<number, MessageDto>;
}

interface Pending {
  conversationId: string;
  clientId: string;
  body: string;
  resolve: (m: MessageDto) => void;
  reject: (e: Error) => void;
}

export class ReliableClient {
  readonly socket: ClientSocket;
  readonly conversations = new Map<string, ConversationState>();
  /** Live deliveries of a seq already held: what a naive client would have shown twice. */
  duplicateDeliveries = 0;
  /** Send attempts, including retries after cuts. */
  attempts = 0;
  private readonly outbox: Pending[] = [];
  private pumping = false;
  private closed = false;
  private syncing: Promise<void> = Promise.resolve();

  /** Several URLs (one per backend process): a failed reconnection attempt moves to the next. */
  constructor(url: string | string[], token: string, origin: string, private readonly mode: 'applicant' | 'lawyer') {
    const urls = Array.isArray(url) ? url : [url];
    this.socket = openSocket(urls[0], token, origin);
    if (urls.length > 1) {
      let current = 0;
      // The manager opens its next transport on `uri`, so this is what a load balancer does for us.
      this.socket.io.on('reconnect_error', () => {
        current = (current + 1) % urls.length;
        (this.socket.io as unknown as {uri: string}).uri = urls[current];
      });
    }
    this.socket.on('connect', () => {
      this.syncing = this.resync().catch(() => {});
      void this.pump();
    });
    this.socket.on('message:new', (m) => this.receive(m));
  }

  /** Applicant: open (or resume) the conversation. Lawyer: join one. */
  async attach(conversationId?: string): Promise<string> {
    await this.waitConnected();
    const ack: Ack<JoinResult> = this.mode === 'applicant'
      ? await this.socket.timeout(5000).emitWithAck('conversation:open', {})
      : await this.socket.timeout(5000).emitWithAck('conversation:join', {conversationId: conversationId!});
    if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
    const id = ack.data.conversation.id;
    if (!this.conversations.has(id)) this.conversations.set(id, {cursor: 0, messages: new Map()});
    await this.syncOne(id);
    return id;
  }

  send(conversationId: string, body: string): Promise<MessageDto> {
    return new Promise((resolve, reject) => {
      this.outbox.push({conversationId, clientId: randomUUID(), body, resolve, reject});
      void this.pump();
    });
  }

  get pendingCount(): number {
    return this.outbox.length;
  }

  /** Ordered messages as shown to the user. */
  view(conversationId: string): MessageDto[] {
    const state = this.conversations.get(conversationId);
    return state ? [...state.messages.values()].sort((a, b) => a.seq - b.seq) : [];
  }

  async settle(): Promise<void> {
    await this.waitConnected();
    await this.syncing;
    await this.resync();
  }

  close(): void {
    this.closed = true;
    this.socket.disconnect();
  }

  private receive(m: MessageDto): void {
    const state = this.conversations.get(m.conversationId);
    if (!state) return;
    if (state.messages.has(m.seq)) {
      this.duplicateDeliveries++;
      return;
    }
    state.messages.set(m.seq, m);
    while (state.messages.has(state.cursor + 1)) state.cursor++;
  }

  private async resync(): Promise<void> {
    for (const id of this.conversations.keys()) {
      const ack = this.mode === 'applicant'
        ? await this.socket.timeout(5000).emitWithAck('conversation:open', {})
        : await this.socket.timeout(5000).emitWithAck('conversation:join', {conversationId: id});
      if (!ack.ok) throw new Error(ack.error.message);
      await this.syncOne(id);
    }
  }

  private async syncOne(id: string): Promise<void> {
    const state = this.conversations.get(id)!;
    for (;;) {
      const ack: Ack<MessagePage> = await this.socket.timeout(5000).emitWithAck('message:sync', {conversationId: id, afterSeq: state.cursor});
      if (!ack.ok) throw new Error(ack.error.message);
      for (const m of ack.data.messages) if (!state.messages.has(m.seq)) state.messages.set(m.seq, m);
      state.cursor = Math.max(state.cursor, ack.data.throughSeq);
      while (state.messages.has(state.cursor + 1)) state.cursor++;
      if (!ack.data.hasMore) return;
    }
  }

  private async waitConnected(): Promise<void> {
    if (this.socket.connected) return;
    await new Promise<void>((resolve) => this.socket.once('connect', () => resolve()));
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.outbox.length > 0 && !this.closed) {
        await this.waitConnected();
        const item = this.outbox[0];
        this.attempts++;
        const ack: Ack<MessageDto> | undefined = await this.socket.timeout(3000)
          .emitWithAck('message:send', {conversationId: item.conversationId, clientId: item.clientId, body: item.body})
          .catch(() => undefined);
        if (!ack) continue; // no ack (cut or timeout): resend the same clientId
        if (ack.ok) {
          this.outbox.shift();
          this.receive(ack.data);
          item.resolve(ack.data);
        } else if (isRetryable(ack.error.code)) {
          await new Promise((r) => setTimeout(r, Math.min(2000, (ack.error.retryAfter ?? 0.2) * 1000)));
        } else {
          this.outbox.shift();
          item.reject(new Error(`${ack.error.code}: ${ack.error.message}`));
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}
