// Conversations and messages. Transport-free: REST routes and socket handlers both call these
// functions with an authenticated principal and validated input, and get DTOs back.
import {randomUUID} from 'node:crypto';
import {Types} from 'mongoose';
import type {ConversationDto, CursorDto, MessageDto, MessagePage, ParticipantKind, SystemEvent} from '../../protocol/chat.js';
import {participantKey, unreadFor, PAGE_MAX} from '../../protocol/chat.js';
import type {ConversationListResponse} from '../../protocol/rest.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {ConsultationCard} from '../../protocol/consultation.js';
import {AppError} from '../errors.js';
import type {Applicant, Conversation, Message, Models} from '../models/index.js';
import {cursorField} from '../models/conversation.js';
import type {EventBus} from '../infra/bus.js';
import {conversationDto, messageDto} from './dto.js';
import type {KeyedMutex} from '../infra/keyed-mutex.js';
import {createMemoryTipStore, type Tip, type TipStore} from '../infra/tips.js';

export type Principal = SocketPrincipal;

export interface ChatServiceDeps {
  models: Models;
  bus: EventBus;
  mutex: KeyedMutex;
  /** Where seqs are guessed from; shared through Redis when several processes run. */
  tips?: TipStore;
}

/** Applicant names/emails in conversation DTOs may lag a profile change by this much across processes. */
const APPLICANT_TTL_MS = 5_000;
const CACHE_MAX = 50_000;
/** How long a conversation summary write waits to take in more messages. */
const SUMMARY_DELAY_MS = 200;
const SNAPSHOT_TTL_MS = 1_000;

const PREVIEW_LENGTH = 140;
const isDuplicateKey = (err: unknown) => (err as {code?: number})?.code === 11000;

/** The same sender already stored a message with this clientId. */
class ClientIdTaken extends Error {}

type Counts = Message['counts'];
const ZERO: Counts = {applicant: 0, lawyer: 0};

function sideOf(kind: Message['sender']['kind']): 'applicant' | 'lawyer' | null {
  return kind === 'applicant' || kind === 'lawyer' ? kind : null;
}

function preview(body: string): string {
  const flat = body.replace(/\s+/g, ' ');
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

export function createChatService(deps: ChatServiceDeps) {
  const {Conversation, Message, Applicant, Lawyer} = deps.models;
  const {mutex} = deps;
  const tips = deps.tips ?? createMemoryTipStore();
  // Hot-path reads avoided: FerretDB serves only _id lookups without scanning, so a message costs
  // one insert plus one _id read; the conversation summary is written behind (see scheduleSummary).
  const applicants = new Map<string, {applicant: Applicant; at: number}>();
  /** A conversation's firm and applicant never change: membership is checked from here. */
  const members = new Map<string, {_id: Types.ObjectId; firmId: Types.ObjectId; applicantId: Types.ObjectId}>();

  /** The newest stored message: a scan, only when a guessed seq turned out to be taken. */
  async function readTip(conversationId: Types.ObjectId): Promise<Tip> {
    const last = await Message.findOne({conversationId}).sort({seq: -1}).select({seq: 1, counts: 1}).lean<Pick<Message, 'seq' | 'counts'>>();
    return last ? {seq: last.seq, counts: {...ZERO, ...last.counts}} : {seq: 0, counts: {...ZERO}};
  }

  /** The summary's seq, once this process's pending summary writes are in. */
  async function summaryTip(conversationId: Types.ObjectId): Promise<Tip> {
    await settled(String(conversationId));
    const c = await Conversation.findById(conversationId).select({lastSeq: 1, counts: 1}).lean<Pick<Conversation, 'lastSeq' | 'counts'>>();
    return {seq: c?.lastSeq ?? 0, counts: {...ZERO, ...c?.counts}};
  }

  async function loadApplicant(id: Types.ObjectId): Promise<Applicant> {
    const key = String(id);
    const hit = applicants.get(key);
    if (hit && Date.now() - hit.at < APPLICANT_TTL_MS) return hit.applicant;
    const a = await Applicant.findById(id).lean<Applicant>();
    if (!a) throw new AppError('not_found', 'applicant not found');
    if (applicants.size >= CACHE_MAX) applicants.clear();
    applicants.set(key, {applicant: a, at: Date.now()});
    return a;
  }

  // Conversation summaries (lastSeq, counts, preview, lastMessageAt) are written after the message
  // is acknowledged and broadcast, one write per conversation at a time; messages that arrive while
  // one is in flight share the next. The messages are the truth; a crash can leave a summary one
  // write behind, which the next message repairs ($max).
  interface Summary {
    seq: number;
    counts: Counts;
    at: Date;
    preview: string | null;
    reopen: boolean;
  }
  const pendingSummaries = new Map<string, Summary>();
  const flushing = new Map<string, Promise<void>>();
  /** Cuts a flush's wait short: a reader needs the summary now. */
  const wakers = new Map<string, () => void>();

  function scheduleSummary(id: string, next: Summary): Promise<void> {
    const cur = pendingSummaries.get(id);
    const newer = !cur || next.seq >= cur.seq;
    pendingSummaries.set(id, cur ? {
      seq: Math.max(cur.seq, next.seq),
      counts: newer ? next.counts : cur.counts,
      at: newer ? next.at : cur.at,
      preview: (newer ? next.preview : cur.preview) ?? cur.preview ?? next.preview,
      reopen: cur.reopen || next.reopen,
    } : next);
    let running = flushing.get(id);
    if (!running) {
      running = (async () => {
        // Wait a little so a busy conversation's messages share one write.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, SUMMARY_DELAY_MS);
          wakers.set(id, () => {
            clearTimeout(timer);
            resolve();
          });
        });
        wakers.delete(id);
        for (let s = pendingSummaries.get(id); s; s = pendingSummaries.get(id)) {
          pendingSummaries.delete(id);
          const set: Record<string, unknown> = {lastMessageAt: s.at};
          if (s.preview !== null) set.lastMessagePreview = s.preview;
          if (s.reopen) set.status = 'open';
          // Under the conversation's lock: FerretDB loses concurrent updates to one document.
          await mutex.run(id, () => Conversation.updateOne({_id: new Types.ObjectId(id)}, {$max: {lastSeq: s.seq, 'counts.applicant': s.counts.applicant, 'counts.lawyer': s.counts.lawyer}, $set: set}))
            .catch(() => {}); // the next message's summary carries the same values forward
        }
      })().finally(() => flushing.delete(id));
      flushing.set(id, running);
    }
    return running;
  }

  /** Waits for this process's summary writes (one conversation, or all), so reads see them. */
  async function settled(id?: string): Promise<void> {
    if (id === undefined) {
      for (const wake of wakers.values()) wake();
      await Promise.all(flushing.values());
    } else {
      while (flushing.has(id)) {
        wakers.get(id)?.();
        await flushing.get(id);
      }
    }
  }

  // The conversation as last read or written here, for the DTO broadcast with each message.
  // Writes in this process refresh it; another process's cursor or assignment change shows in
  // it after at most SNAPSHOT_TTL_MS (their own receipt/conversation events carry it at once).
  const snapshots = new Map<string, {conv: Conversation; at: number}>();
  function remember(conv: Conversation, at = Date.now()): void {
    if (snapshots.size >= CACHE_MAX) snapshots.clear();
    snapshots.set(String(conv._id), {conv, at});
  }
  async function snapshot(id: Types.ObjectId): Promise<Conversation | null> {
    const hit = snapshots.get(String(id));
    if (hit && Date.now() - hit.at < SNAPSHOT_TTL_MS) return hit.conv;
    const conv = await Conversation.findById(id).lean<Conversation>();
    if (conv) remember(conv);
    return conv;
  }

  async function toDto(conv: Conversation, applicant?: Applicant): Promise<ConversationDto> {
    return conversationDto(conv, applicant ?? (await loadApplicant(conv.applicantId)));
  }

  /** Loads a conversation the principal may act on, or refuses. */
  async function loadMember(p: Principal, conversationId: string): Promise<Conversation> {
    if (!Types.ObjectId.isValid(conversationId)) throw new AppError('not_found', 'conversation not found');
    await settled(conversationId);
    const conv = await Conversation.findById(conversationId).lean<Conversation>();
    if (!conv) throw new AppError('not_found', 'conversation not found');
    rememberMember(conv);
    remember(conv);
    checkMember(p, conv);
    return conv;
  }

  function rememberMember(conv: Pick<Conversation, '_id' | 'firmId' | 'applicantId'>): void {
    if (members.size >= CACHE_MAX) members.clear();
    members.set(String(conv._id), {_id: conv._id, firmId: conv.firmId, applicantId: conv.applicantId});
  }

  function checkMember(p: Principal, conv: Pick<Conversation, 'firmId' | 'applicantId'>): void {
    const member = p.kind === 'applicant' ? String(conv.applicantId) === p.id : String(conv.firmId) === p.firmId;
    if (!member) throw new AppError('not_member', 'you are not a participant of this conversation');
  }

  /** Membership from memory after the first load (the facts it rests on never change). */
  async function membership(p: Principal, conversationId: string) {
    const known = members.get(conversationId);
    if (!known) return loadMember(p, conversationId);
    checkMember(p, known);
    return known;
  }

  function requireLawyer(p: Principal): void {
    if (p.kind !== 'lawyer') throw new AppError('forbidden', 'only lawyers can do this');
  }

  /**
   * Appends a message with seq = last + 1. The unique (conversation, seq) index decides between
   * writers (appends to one conversation queue up per process, and on the shared lock with
   * Redis; a stale guess loses with a duplicate and retries), so seqs are gapless and visible in
   * order. Resolves once the message is stored; the summary follows (`summary`).
   */
  async function append(conv: Pick<Conversation, '_id' | 'firmId'>, msg: Pick<Message, 'sender' | 'kind' | 'body' | 'clientId' | 'system' | 'consultationId'> & Partial<Pick<Message, 'consultation'>>, reopenIfClosed: boolean): Promise<{message: Message; conversation: Conversation; summary: Promise<void>}> {
    const side = sideOf(msg.sender.kind);
    const key = String(conv._id);
    // The conversation's current state for the broadcast, read while the insert runs.
    const current = snapshot(conv._id);
    current.catch(() => {});
    const message = await mutex.run(`${key}:seq`, async () => {
      let tip = (await tips.get(key)) ?? (await summaryTip(conv._id));
      for (let attempt = 0; attempt < 20; attempt++) {
        const counts = {...ZERO, ...tip.counts};
        if (side) counts[side] += 1;
        const doc: Message = {...msg, _id: new Types.ObjectId(), conversationId: conv._id, firmId: conv.firmId, seq: tip.seq + 1, counts, createdAt: new Date(), deletedAt: null, deletedBy: null};
        try {
          await Message.collection.insertOne(doc);
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          // Which unique index refused us? (FerretDB does not say.) Ours if the clientId is taken.
          if (msg.sender.id && (await Message.exists({conversationId: conv._id, 'sender.id': msg.sender.id, clientId: msg.clientId}))) throw new ClientIdTaken();
          tip = await readTip(conv._id); // another writer took the seq
          continue;
        }
        await tips.set(key, {seq: doc.seq, counts});
        return doc;
      }
      throw new AppError('unavailable', 'the conversation is very busy; retry the message', {retryAfter: 1});
    });
    const base = await current;
    if (!base) throw new AppError('not_found', 'conversation not found');
    const reopen = reopenIfClosed && base.status === 'closed';
    const previewText = message.kind === 'system' ? null : message.kind === 'text' ? preview(message.body) : message.body;
    const summary = scheduleSummary(key, {seq: message.seq, counts: message.counts, at: message.createdAt, preview: previewText, reopen});
    const conversation: Conversation = {
      ...base,
      lastSeq: Math.max(base.lastSeq ?? 0, message.seq),
      counts: {applicant: Math.max(base.counts?.applicant ?? 0, message.counts.applicant), lawyer: Math.max(base.counts?.lawyer ?? 0, message.counts.lawyer)},
      lastMessageAt: message.createdAt,
      lastMessagePreview: previewText ?? base.lastMessagePreview,
      status: reopen ? 'open' : base.status,
    };
    const seen = snapshots.get(key);
    remember(conversation, seen?.conv === base ? seen.at : Date.now());
    return {message, conversation, summary: summary.then(() => {}, () => {})};
  }

  async function publishConversation(conv: Conversation): Promise<ConversationDto> {
    const dto = await toDto(conv);
    deps.bus.publish('conversation:updated', {conversation: dto});
    return dto;
  }

  async function postSystem(conv: Conversation, system: SystemEvent): Promise<Conversation> {
    const {message, conversation} = await append(conv, {sender: {kind: 'system', id: null, name: null}, kind: 'system', body: '', clientId: randomUUID(), system, consultationId: null}, false);
    await settled(String(conv._id));
    deps.bus.publish('message:new', {conversation: await toDto(conversation), message: messageDto(message)});
    return conversation;
  }

  function page(docs: Message[], throughSeq: number, hasMore: boolean): MessagePage {
    return {messages: docs.map(messageDto), throughSeq, hasMore};
  }

  return {
    loadMember,
    toDto,
    /** Writes every pending conversation summary (before shutdown). */
    flush: () => settled(),
    /** A session changed this applicant's profile: the next DTO reads it again. */
    forgetApplicant(id: string): void {
      applicants.delete(id);
    },

    /** Drops what this process remembers of erased conversations. */
    forgetConversations(ids: string[]): void {
      for (const id of ids) {
        members.delete(id);
        snapshots.delete(id);
      }
    },

    /** The applicant's current conversation, created on first call. */
    async openConversation(p: Principal, input: {topic?: string}): Promise<ConversationDto> {
      if (p.kind !== 'applicant') throw new AppError('forbidden', 'only applicants open their conversation');
      const applicantId = new Types.ObjectId(p.id);
      await settled();
      const existing = await Conversation.findOne({applicantId}).sort({createdAt: -1}).lean<Conversation>();
      if (existing) {
        // The widget's first message follows: its membership check and broadcast need no read.
        rememberMember(existing);
        remember(existing);
        return toDto(existing);
      }
      // A token outlives an erased applicant: no new conversation for someone who is gone.
      if (!(await Applicant.exists({_id: applicantId}))) throw new AppError('unauthorized', 'this visitor no longer exists; start a new session');
      const now = new Date();
      const created = await Conversation.create({firmId: new Types.ObjectId(p.firmId), applicantId, topic: input.topic || null, lastMessageAt: now});
      return publishConversation(created.toObject());
    },

    async getConversation(p: Principal, conversationId: string): Promise<ConversationDto> {
      return toDto(await loadMember(p, conversationId));
    },

    async listConversations(p: Principal, filter: {status: 'open' | 'closed' | 'all'; assigned: 'me' | 'unassigned' | 'all'; before?: string; limit: number}): Promise<ConversationListResponse> {
      await settled();
      const q: Record<string, unknown> = p.kind === 'lawyer' ? {firmId: new Types.ObjectId(p.firmId)} : {applicantId: new Types.ObjectId(p.id)};
      if (filter.status !== 'all') q.status = filter.status;
      if (p.kind === 'lawyer' && filter.assigned === 'me') q.assignedLawyerIds = new Types.ObjectId(p.id);
      if (p.kind === 'lawyer' && filter.assigned === 'unassigned') q.assignedLawyerIds = {$size: 0};
      if (filter.before) q.lastMessageAt = {$lt: new Date(filter.before)};
      const convs = await Conversation.find(q).sort({lastMessageAt: -1}).limit(filter.limit).lean<Conversation[]>();
      const applicants = await Applicant.find({_id: {$in: [...new Set(convs.map((c) => String(c.applicantId)))]}}).lean<Applicant[]>();
      const byId = new Map(applicants.map((a) => [String(a._id), a]));
      const conversations = convs.filter((c) => byId.has(String(c.applicantId))).map((c) => {
        const dto = conversationDto(c, byId.get(String(c.applicantId))!);
        return {...dto, unread: unreadFor(dto, p.kind, p.id)};
      });
      const last = convs.at(-1);
      return {conversations, nextBefore: convs.length === filter.limit && last?.lastMessageAt ? new Date(last.lastMessageAt).toISOString() : null};
    },

    /** Stores a message once per clientId; a repeat returns the stored message unchanged. */
    async send(p: Principal, input: {conversationId: string; clientId: string; body: string}): Promise<MessageDto> {
      const conv = await membership(p, input.conversationId);
      const senderId = new Types.ObjectId(p.id);
      // A repeat is refused by the unique clientId index (a lookup first would scan on FerretDB).
      const findExisting = () => Message.findOne({conversationId: conv._id, 'sender.id': senderId, clientId: input.clientId}).lean<Message>();
      try {
        const {message, conversation} = await append(conv, {sender: {kind: p.kind, id: senderId, name: p.name}, kind: 'text', body: input.body, clientId: input.clientId, system: null, consultationId: null}, true);
        const dto = messageDto(message);
        deps.bus.publish('message:new', {conversation: await toDto(conversation), message: dto});
        return dto;
      } catch (err) {
        // Stored already (a resend, or a race with another connection): return the stored one.
        if (err instanceof ClientIdTaken) {
          const winner = await findExisting();
          if (winner) return messageDto(winner);
        }
        throw err;
      }
    },

    /** Everything after `afterSeq`, in order; `throughSeq` is the cursor to sync from next. */
    async syncAfter(p: Principal, input: {conversationId: string; afterSeq: number; limit?: number}): Promise<MessagePage> {
      const conv = await loadMember(p, input.conversationId);
      const limit = input.limit ?? PAGE_MAX;
      const docs = await Message.find({conversationId: conv._id, seq: {$gt: input.afterSeq}}).sort({seq: 1}).limit(limit + 1).lean<Message[]>();
      const hasMore = docs.length > limit;
      if (hasMore) docs.length = limit;
      return page(docs, docs.at(-1)?.seq ?? input.afterSeq, hasMore);
    },

    /** Older messages before `beforeSeq`, oldest first; a `beforeSeq` past the end gives the latest page. */
    async historyBefore(p: Principal, input: {conversationId: string; beforeSeq: number; limit?: number}): Promise<MessagePage> {
      const conv = await loadMember(p, input.conversationId);
      const limit = input.limit ?? 50;
      const docs = await Message.find({conversationId: conv._id, seq: {$lt: input.beforeSeq}}).sort({seq: -1}).limit(limit + 1).lean<Message[]>();
      const hasMore = docs.length > limit;
      if (hasMore) docs.length = limit;
      docs.reverse();
      // Seqs become visible in order, so the newest seq of this page is a valid sync cursor.
      return page(docs, docs.at(-1)?.seq ?? 0, hasMore);
    },

    /** Moves the principal's read or delivered cursor forward (never back) and broadcasts it. */
    async markCursor(p: Principal, input: {conversationId: string; seq: number}, which: 'read' | 'delivered'): Promise<CursorDto> {
      const conv = await loadMember(p, input.conversationId);
      const key = participantKey(p.kind, p.id);
      const field = cursorField(key);
      return mutex.run(String(conv._id), async () => {
        const fresh = (await Conversation.findById(conv._id).select({cursors: 1, lastSeq: 1, counts: 1}).lean<Pick<Conversation, 'cursors' | 'lastSeq' | 'counts'>>()) ?? conv;
        const current: CursorDto = {readSeq: 0, deliveredSeq: 0, readCount: 0, ...(fresh.cursors?.[field] as Partial<CursorDto> | undefined)};
        if (input.seq <= current.deliveredSeq && (which === 'delivered' || input.seq <= current.readSeq)) return current;
        // The newest stored message at or before the requested seq: clamps the cursor and
        // tells how many of the other side's messages it covers.
        const newest = (fresh as Partial<Conversation>).lastSeq ?? 0;
        // The usual receipt is for the newest message, whose counts the summary holds (no scan).
        // (A seq past the summary may be another process's message whose summary is on its way.)
        const top = input.seq === newest
          ? (newest > 0 ? {seq: newest, counts: {...ZERO, ...(fresh as Partial<Conversation>).counts}} : null)
          : await Message.findOne({conversationId: conv._id, seq: {$lte: input.seq}}).sort({seq: -1}).select({seq: 1, counts: 1}).lean<Pick<Message, 'seq' | 'counts'>>();
        if (!top) return current;
        const next: CursorDto = {...current, deliveredSeq: Math.max(current.deliveredSeq, top.seq)};
        if (which === 'read' && top.seq > current.readSeq) {
          const other: ParticipantKind = p.kind === 'lawyer' ? 'applicant' : 'lawyer';
          next.readSeq = top.seq;
          next.readCount = Math.max(current.readCount, top.counts?.[other] ?? 0);
        }
        if (next.deliveredSeq === current.deliveredSeq && next.readSeq === current.readSeq) return current;
        await Conversation.updateOne({_id: conv._id}, {$set: {[`cursors.${field}`]: next}});
        snapshots.delete(String(conv._id));
        deps.bus.publish('receipt', {firmId: String(conv.firmId), event: {conversationId: String(conv._id), key, cursor: next}});
        return next;
      });
    },

    /** Soft delete: the author or the firm's owner. */
    async deleteMessage(p: Principal, input: {conversationId: string; messageId: string}): Promise<MessageDto> {
      requireLawyer(p);
      const conv = await loadMember(p, input.conversationId);
      const msg = await Message.findOne({_id: new Types.ObjectId(input.messageId), conversationId: conv._id}).lean<Message>();
      if (!msg) throw new AppError('not_found', 'message not found');
      if (String(msg.sender.id) !== p.id && p.role !== 'owner') throw new AppError('forbidden', 'only the author or the firm owner can delete a message');
      const updated = await Message.findOneAndUpdate({_id: msg._id, deletedAt: null}, {$set: {deletedAt: new Date(), deletedBy: new Types.ObjectId(p.id), body: ''}}, {new: true}).lean<Message>();
      const dto = messageDto(updated ?? (await Message.findById(msg._id).lean<Message>())!);
      if (updated) deps.bus.publish('message:updated', {conversation: await toDto(conv), message: dto});
      return dto;
    },

    async claim(p: Principal, conversationId: string): Promise<ConversationDto> {
      return this.assign(p, {conversationId, lawyerId: p.id});
    },

    /** Assigns the conversation to one lawyer of the same firm. */
    async assign(p: Principal, input: {conversationId: string; lawyerId: string}): Promise<ConversationDto> {
      requireLawyer(p);
      const conv = await loadMember(p, input.conversationId);
      const lawyer = await Lawyer.findOne({_id: new Types.ObjectId(input.lawyerId), firmId: conv.firmId}).lean();
      if (!lawyer) throw new AppError('not_found', 'no such lawyer in this firm');
      if (conv.assignedLawyerIds.length === 1 && String(conv.assignedLawyerIds[0]) === input.lawyerId) return toDto(conv);
      await mutex.run(String(conv._id), () => Conversation.updateOne({_id: conv._id}, {$set: {assignedLawyerIds: [lawyer._id]}}));
      snapshots.delete(String(conv._id));
      const after = await postSystem(conv, {event: 'assigned', lawyerName: lawyer.name, byName: p.name ?? undefined});
      return publishConversation(after);
    },

    async setStatus(p: Principal, conversationId: string, status: 'open' | 'closed'): Promise<ConversationDto> {
      requireLawyer(p);
      const conv = await loadMember(p, conversationId);
      if (conv.status === status) return toDto(conv);
      await mutex.run(String(conv._id), () => Conversation.updateOne({_id: conv._id}, {$set: {status}}));
      snapshots.delete(String(conv._id));
      const after = await postSystem(conv, {event: status === 'closed' ? 'closed' : 'reopened', byName: p.name ?? undefined});
      return publishConversation(after);
    },

    /** Posts a `consultation` card on behalf of its lawyer. */
    async postConsultationCard(card: ConsultationCard, lawyerName: string): Promise<MessageDto> {
      const conv = await Conversation.findById(card.conversationId).lean<Conversation>();
      if (!conv) throw new AppError('not_found', 'conversation not found');
      const {message, conversation} = await append(conv, {
        sender: {kind: 'lawyer', id: new Types.ObjectId(card.lawyerId), name: lawyerName},
        kind: 'consultation', body: card.title, clientId: `consultation-${card.id}`, system: null,
        consultationId: new Types.ObjectId(card.id), consultation: card,
      }, false);
      await settled(card.conversationId);
      const dto = messageDto(message);
      deps.bus.publish('message:new', {conversation: await toDto(conversation), message: dto});
      return dto;
    },

    /** Keeps the card current (new time, cancelled, invite delivery) and announces changes. */
    async updateConsultationCard(card: ConsultationCard, announce?: 'consultation-rescheduled' | 'consultation-cancelled'): Promise<void> {
      // One writer per card: invite results for both people can land at the same moment.
      const updated = await mutex.run(`card:${card.id}`, () => Message.findOneAndUpdate({consultationId: new Types.ObjectId(card.id), kind: 'consultation'}, {$set: {consultation: card, body: card.title}}, {new: true}).lean<Message>());
      if (!updated) return;
      await settled(String(updated.conversationId));
      const conv = await Conversation.findById(updated.conversationId).lean<Conversation>();
      if (!conv) return;
      deps.bus.publish('message:updated', {conversation: await toDto(conv), message: messageDto(updated)});
      if (announce) await postSystem(conv, {event: announce});
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
