// What one client knows of one conversation: messages deduplicated by id, and the sync cursor.
import type {MessageDto, MessagePage} from '../../protocol/chat.js';

export class ConversationStore {
  /** Every seq up to here is known; `message:sync` asks for what comes after. */
  cursor = 0;
  private byId = new Map<string, MessageDto>();
  private bySeq = new Map<number, MessageDto>();
  private sorted: MessageDto[] | undefined;

  get messages(): readonly MessageDto[] {
    return (this.sorted ??= [...this.byId.values()].sort((a, b) => a.seq - b.seq));
  }

  get oldestSeq(): number | undefined {
    return this.messages[0]?.seq;
  }

  get newestSeq(): number {
    const m = this.messages;
    return m.length ? m[m.length - 1].seq : 0;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  hasClientId(senderKind: string, clientId: string): boolean {
    return this.messages.some((m) => m.clientId === clientId && m.sender.kind === senderKind);
  }

  /** Adds or replaces (soft delete) a message; returns true when it was not known before. */
  put(m: MessageDto): boolean {
    const isNew = !this.byId.has(m.id);
    this.byId.set(m.id, m);
    this.bySeq.set(m.seq, m);
    this.sorted = undefined;
    return isNew;
  }

  /** A `message:sync` page: its messages are final through `throughSeq`. */
  applySyncPage(page: MessagePage): MessageDto[] {
    const added = page.messages.filter((m) => this.put(m));
    if (page.throughSeq > this.cursor) this.cursor = page.throughSeq;
    this.advance();
    return added;
  }

  /**
   * A live message (or our own acknowledged one). The cursor only moves when it is the very next
   * seq, because seqs have gaps and may arrive out of order; a later sync fills what is missing.
   * Returns whether it was new, and whether a gap now sits before it.
   */
  applyLive(m: MessageDto): {isNew: boolean; gap: boolean} {
    const isNew = this.put(m);
    this.advance();
    return {isNew, gap: m.seq > this.cursor};
  }

  /** Older history (`message:history`): shown, but it says nothing about the cursor. */
  applyHistory(page: MessagePage): void {
    for (const m of page.messages) this.put(m);
  }

  private advance(): void {
    while (this.bySeq.has(this.cursor + 1)) this.cursor++;
  }
}
