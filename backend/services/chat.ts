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
import type {EventBus} from './bus.js';
import {conversationDto, messageDto} from './dto.js';
import type {KeyedMutex} from './keyed-mutex.js';

export type Principal = SocketPrincipal;

export interface ChatServiceDeps {
  models: Models;
  bus: EventBus;
  mutex: KeyedMutex;
}

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
  /** Last stored seq and counts per conversation, as this process knows them: the first guess. */
  const tips = new Map<string, {seq: number; counts: Counts}>();
  const TIPS_MAX = 50_000;

  async function readTip(conversationId: Types.ObjectId): Promise<{seq: number; counts: Counts}> {
    const last = await Message.findOne({conversationId}).sort({seq: -1}).select({seq: 1, counts: 1}).lean<Pick<Message, 'seq' | 'counts'>>();
    return last ? {seq: last.seq, counts: {...ZERO, ...last.counts}} : {seq: 0, counts: {...ZERO}};
  }

  async function loadApplicant(id: Types.ObjectId): Promise<Applicant> {
    const a = await Applicant.findById(id).lean<Applicant>();
    if (!a) throw new AppError('not_found', 'applicant not found');
    return a;
  }

  async function toDto(conv: Conversation, applicant?: Applicant): Promise<ConversationDto> {
    return conversationDto(conv, applicant ?? (await loadApplicant(conv.applicantId)));
  }

  /** Loads a conversation the principal may act on, or refuses. */
  async function loadMember(p: Principal, conversationId: string): Promise<Conversation> {
    if (!Types.ObjectId.isValid(conversationId)) throw new AppError('not_found', 'conversation not found');
    const conv = await Conversation.findById(conversationId).lean<Conversation>();
    if (!conv) throw new AppError('not_found', 'conversation not found');
    const member = p.kind === 'applicant' ? String(conv.applicantId) === p.id : String(conv.firmId) === p.firmId;
    if (!member) throw new AppError('not_member', 'you are not a participant of this conversation');
    return conv;
  }

  function requireLawyer(p: Principal): void {
    if (p.kind !== 'lawyer') throw new AppError('forbidden', 'only lawyers can do this');
  }

  /**
   * Appends a message with seq = last + 1. The unique (conversation, seq) index decides between
   * writers (this process serialises its own; other processes lose with a duplicate and retry),
   * so seqs are gapless and visible in order. The conversation document is only a summary.
   */
  async function append(conv: Conversation, msg: Pick<Message, 'sender' | 'kind' | 'body' | 'clientId' | 'system' | 'consultationId'> & Partial<Pick<Message, 'consultation'>>, reopen: boolean): Promise<{message: Message; conversation: Conversation}> {
    const side = sideOf(msg.sender.kind);
    const key = String(conv._id);
    return mutex.run(key, async () => {
      let tip = tips.get(key) ?? (await readTip(conv._id));
      for (let attempt = 0; attempt < 20; attempt++) {
        const counts = {...tip.counts};
        if (side) counts[side] += 1;
        const now = new Date();
        const doc: Message = {...msg, _id: new Types.ObjectId(), conversationId: conv._id, firmId: conv.firmId, seq: tip.seq + 1, counts, createdAt: now, deletedAt: null, deletedBy: null};
        try {
          await Message.collection.insertOne(doc);
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          // Which unique index refused us? (FerretDB does not say.) Ours if the clientId is taken.
          if (msg.sender.id && (await Message.exists({conversationId: conv._id, 'sender.id': msg.sender.id, clientId: msg.clientId}))) throw new ClientIdTaken();
          tip = await readTip(conv._id); // another process wrote first
          continue;
        }
        if (tips.size > TIPS_MAX) tips.clear();
        tips.set(key, {seq: doc.seq, counts});
        const set: Record<string, unknown> = {lastMessageAt: now};
        if (msg.kind !== 'system') set.lastMessagePreview = msg.kind === 'text' ? preview(msg.body) : msg.body;
        if (reopen) set.status = 'open';
        const updated = await Conversation.findOneAndUpdate(
          {_id: conv._id},
          {$max: {lastSeq: doc.seq, 'counts.applicant': counts.applicant, 'counts.lawyer': counts.lawyer}, $set: set},
          {new: true},
        ).lean<Conversation>();
        return {message: doc, conversation: updated ?? conv};
      }
      throw new AppError('unavailable', 'the conversation is very busy; retry the message', {retryAfter: 1});
    });
  }

  async function publishConversation(conv: Conversation): Promise<ConversationDto> {
    const dto = await toDto(conv);
    deps.bus.publish('conversation:updated', {conversation: dto});
    return dto;
  }

  async function postSystem(conv: Conversation, system: SystemEvent): Promise<Conversation> {
    const {message, conversation} = await append(conv, {sender: {kind: 'system', id: null, name: null}, kind: 'system', body: '', clientId: randomUUID(), system, consultationId: null}, false);
    deps.bus.publish('message:new', {conversation: await toDto(conversation), message: messageDto(message)});
    return conversation;
  }

  function page(docs: Message[], throughSeq: number, hasMore: boolean): MessagePage {
    return {messages: docs.map(messageDto), throughSeq, hasMore};
  }

  return {
    loadMember,
    toDto,

    /** The applicant's current conversation, created on first call. */
    async openConversation(p: Principal, input: {topic?: string}): Promise<ConversationDto> {
      if (p.kind !== 'applicant') throw new AppError('forbidden', 'only applicants open their conversation');
      const applicantId = new Types.ObjectId(p.id);
      const existing = await Conversation.findOne({applicantId}).sort({createdAt: -1}).lean<Conversation>();
      if (existing) return toDto(existing);
      const now = new Date();
      const created = await Conversation.create({firmId: new Types.ObjectId(p.firmId), applicantId, topic: input.topic || null, lastMessageAt: now});
      return publishConversation(created.toObject());
    },

    async getConversation(p: Principal, conversationId: string): Promise<ConversationDto> {
      return toDto(await loadMember(p, conversationId));
    },

    async listConversations(p: Principal, filter: {status: 'open' | 'closed' | 'all'; assigned: 'me' | 'unassigned' | 'all'; before?: string; limit: number}): Promise<ConversationListResponse> {
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
      const conv = await loadMember(p, input.conversationId);
      const senderId = new Types.ObjectId(p.id);
      const findExisting = () => Message.findOne({conversationId: conv._id, 'sender.id': senderId, clientId: input.clientId}).lean<Message>();
      const existing = await findExisting();
      if (existing) return messageDto(existing);
      try {
        const {message, conversation} = await append(conv, {sender: {kind: p.kind, id: senderId, name: p.name}, kind: 'text', body: input.body, clientId: input.clientId, system: null, consultationId: null}, conv.status === 'closed');
        const dto = messageDto(message);
        deps.bus.publish('message:new', {conversation: await toDto(conversation), message: dto});
        return dto;
      } catch (err) {
        // The same clientId raced in from another connection: that one won; return it.
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
        const fresh = (await Conversation.findById(conv._id).select({cursors: 1}).lean<Pick<Conversation, 'cursors'>>()) ?? conv;
        const current: CursorDto = {readSeq: 0, deliveredSeq: 0, readCount: 0, ...(fresh.cursors?.[field] as Partial<CursorDto> | undefined)};
        if (input.seq <= current.deliveredSeq && (which === 'delivered' || input.seq <= current.readSeq)) return current;
        // The newest stored message at or before the requested seq: clamps the cursor and
        // tells how many of the other side's messages it covers.
        const top = await Message.findOne({conversationId: conv._id, seq: {$lte: input.seq}}).sort({seq: -1}).select({seq: 1, counts: 1}).lean<Pick<Message, 'seq' | 'counts'>>();
        if (!top) return current;
        const next: CursorDto = {...current, deliveredSeq: Math.max(current.deliveredSeq, top.seq)};
        if (which === 'read' && top.seq > current.readSeq) {
          const other: ParticipantKind = p.kind === 'lawyer' ? 'applicant' : 'lawyer';
          next.readSeq = top.seq;
          next.readCount = Math.max(current.readCount, top.counts?.[other] ?? 0);
        }
        if (next.deliveredSeq === current.deliveredSeq && next.readSeq === current.readSeq) return current;
        await Conversation.updateOne({_id: conv._id}, {$set: {[`cursors.${field}`]: next}});
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
      const after = await postSystem(conv, {event: 'assigned', lawyerName: lawyer.name, byName: p.name ?? undefined});
      return publishConversation(after);
    },

    async setStatus(p: Principal, conversationId: string, status: 'open' | 'closed'): Promise<ConversationDto> {
      requireLawyer(p);
      const conv = await loadMember(p, conversationId);
      if (conv.status === status) return toDto(conv);
      await mutex.run(String(conv._id), () => Conversation.updateOne({_id: conv._id}, {$set: {status}}));
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
      const dto = messageDto(message);
      deps.bus.publish('message:new', {conversation: await toDto(conversation), message: dto});
      return dto;
    },

    /** Keeps the card current (new time, cancelled, invite delivery) and announces changes. */
    async updateConsultationCard(card: ConsultationCard, announce?: 'consultation-rescheduled' | 'consultation-cancelled'): Promise<void> {
      const updated = await Message.findOneAndUpdate({consultationId: new Types.ObjectId(card.id), kind: 'consultation'}, {$set: {consultation: card, body: card.title}}, {new: true}).lean<Message>();
      if (!updated) return;
      const conv = await Conversation.findById(updated.conversationId).lean<Conversation>();
      if (!conv) return;
      deps.bus.publish('message:updated', {conversation: await toDto(conv), message: messageDto(updated)});
      if (announce) await postSystem(conv, {event: announce});
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
