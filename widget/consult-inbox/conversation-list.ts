// The console's list of the firm's conversations: the current filter, its pages, and each item's
// unread count for the signed-in lawyer. Live events upsert into it; a reload replaces it.
import {unreadFor, type ConversationDto, type ParticipantKey} from '../../protocol/chat.js';
import type {ConversationListResponse} from '../../protocol/rest.js';

export type StatusFilter = 'open' | 'closed' | 'all';
export type AssignedFilter = 'unassigned' | 'me' | 'all';

export interface InboxItem extends ConversationDto {
  unread: number;
}

export interface ListSource {
  /** A signed-in GET of the backend. */
  fetch<T>(path: string): Promise<T>;
  /** The signed-in lawyer's id. */
  me(): string | undefined;
  changed(): void;
  /** Presence that comes with the list (applicants online now). */
  online: Map<ParticipantKey, boolean>;
}

const PAGE = 30;

export class ConversationList {
  status: StatusFilter = 'open';
  assigned: AssignedFilter = 'all';
  loading = false;
  nextBefore: string | null = null;
  /** Set when the list could not be loaded; cleared by the next successful load. */
  error?: string;
  /** The open conversation: a reload keeps it even when newer ones fill the first page. */
  pinned?: string;

  private items = new Map<string, InboxItem>();
  /** Bumped on each reload so an older, slower answer cannot overwrite a newer one. */
  private loadGen = 0;

  constructor(private source: ListSource) {}

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

  setFilter(status: StatusFilter, assigned: AssignedFilter): void {
    if (status === this.status && assigned === this.assigned) return;
    this.status = status;
    this.assigned = assigned;
    void this.reload();
    this.source.changed();
  }

  /** First page of the current filter; live events keep it current afterwards. */
  async reload(): Promise<void> {
    const gen = ++this.loadGen;
    this.loading = true;
    this.source.changed();
    try {
      const page = await this.fetchPage();
      if (gen !== this.loadGen) return;
      const kept = this.pinned ? this.items.get(this.pinned) : undefined;
      this.items.clear();
      if (kept) this.items.set(kept.id, kept);
      this.absorb(page);
      this.error = undefined;
    } catch (err) {
      if (gen === this.loadGen) this.error = (err as Error).message;
    } finally {
      if (gen === this.loadGen) {
        this.loading = false;
        this.source.changed();
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
      this.source.changed();
    }
  }

  /** A conversation opened from elsewhere (a notification, a link) that the filter did not load. */
  async ensure(id: string): Promise<InboxItem | undefined> {
    if (this.items.has(id)) return this.items.get(id);
    try {
      return this.upsert(await this.source.fetch<ConversationDto>(`/api/v1/conversations/${encodeURIComponent(id)}`));
    } catch {
      return undefined;
    }
  }

  upsert(c: ConversationDto): InboxItem {
    const me = this.source.me();
    const item: InboxItem = {...c, unread: me ? unreadFor(c, 'lawyer', me) : 0};
    this.items.set(c.id, item);
    return item;
  }

  clear(): void {
    this.items.clear();
  }

  private fetchPage(before?: string): Promise<ConversationListResponse> {
    const q = new URLSearchParams({status: this.status, assigned: this.assigned, limit: String(PAGE)});
    if (before) q.set('before', before);
    return this.source.fetch<ConversationListResponse>(`/api/v1/conversations?${q}`);
  }

  private absorb(page: ConversationListResponse): void {
    for (const c of page.conversations) {
      this.items.set(c.id, c);
      if (c.online !== undefined) this.source.online.set(`a:${c.applicant.id}`, c.online);
    }
    this.nextBefore = page.nextBefore;
  }

  private matches(c: ConversationDto): boolean {
    const me = this.source.me();
    if (this.status !== 'all' && c.status !== this.status) return false;
    if (this.assigned === 'me') return !!me && c.assignedLawyerIds.includes(me);
    if (this.assigned === 'unassigned') return c.assignedLawyerIds.length === 0;
    return true;
  }
}
