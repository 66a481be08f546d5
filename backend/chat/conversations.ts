// Use cases on conversations: open, read, list, and the lawyers' workflow (assign, close, reopen).
import {Types} from 'mongoose';
import type {ConversationDto} from '../../protocol/chat.js';
import {unreadFor} from '../../protocol/chat.js';
import type {ConversationListResponse} from '../../protocol/rest.js';
import type {SocketPrincipal as Principal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import {AppError} from '../errors.js';
import type {Applicant, Conversation, Models} from '../models/index.js';
import {conversationDto} from '../services/dto.js';
import type {Announcer} from './announce.js';
import type {ChatCaches} from './caches.js';
import type {Members} from './members.js';
import type {SummaryWriter} from './summaries.js';

interface Deps {
  models: Models;
  caches: ChatCaches;
  summaries: SummaryWriter;
  members: Members;
  announce: Announcer;
}

export function conversationUseCases(deps: Deps) {
  const {Conversation, Applicant, Lawyer} = deps.models;
  const {caches, members, announce, summaries} = deps;

  /** Writes one change ($set of its own fields, atomic on the document), then says so in the chat and to the firm. */
  async function change(conv: Conversation, set: Partial<Conversation>, line: Parameters<Announcer['system']>[1]): Promise<ConversationDto> {
    await Conversation.updateOne({_id: conv._id}, {$set: set});
    caches.invalidate(String(conv._id));
    return announce.conversation(await announce.system(conv, line));
  }

  /** Assigns the conversation to one lawyer of the same firm. */
  async function assign(p: Principal, input: Valid<'assign'>): Promise<ConversationDto> {
    const conv = await members.load(p, input.conversationId);
    const lawyer = await Lawyer.findOne({_id: new Types.ObjectId(input.lawyerId), firmId: conv.firmId}).lean();
    if (!lawyer) throw new AppError('not_found', 'no such lawyer in this firm');
    if (conv.assignedLawyerIds.length === 1 && String(conv.assignedLawyerIds[0]) === input.lawyerId) return announce.toDto(conv);
    return change(conv, {assignedLawyerIds: [lawyer._id]}, {event: 'assigned', lawyerName: lawyer.name, byName: p.name ?? undefined});
  }

  return {
    /** The applicant's current conversation, created on first call. */
    async openConversation(p: Principal, input: Valid<'openConversation'>): Promise<ConversationDto> {
      const applicantId = new Types.ObjectId(p.id);
      await summaries.settled();
      const existing = await Conversation.findOne({applicantId}).sort({createdAt: -1}).lean<Conversation>();
      if (existing) {
        // The widget's first message follows: its membership check and broadcast need no read.
        caches.rememberMember(existing);
        caches.remember(existing);
        return announce.toDto(existing);
      }
      // A token outlives an erased applicant: no new conversation for someone who is gone.
      const applicant = await Applicant.findById(applicantId).select({currentUrl: 1, referrer: 1}).lean<Pick<Applicant, 'currentUrl' | 'referrer'>>();
      if (!applicant) throw new AppError('unauthorized', 'this visitor no longer exists; start a new session');
      const created = await Conversation.create({firmId: new Types.ObjectId(p.firmId), applicantId, topic: input.topic || null, lastMessageAt: new Date(),
        startUrl: applicant.currentUrl ?? null, startReferrer: applicant.referrer ?? null});
      return announce.created(created.toObject());
    },

    async getConversation(p: Principal, conversationId: string): Promise<ConversationDto> {
      return announce.toDto(await members.load(p, conversationId));
    },

    async listConversations(p: Principal, filter: Valid<'listConversations'>): Promise<ConversationListResponse> {
      await summaries.settled();
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

    assign,

    async claim(p: Principal, input: Valid<'conversationRef'>): Promise<ConversationDto> {
      return assign(p, {conversationId: input.conversationId, lawyerId: p.id});
    },

    async setStatus(p: Principal, input: Valid<'conversationRef'>, status: 'open' | 'closed'): Promise<ConversationDto> {
      const conv = await members.load(p, input.conversationId);
      if (conv.status === status) return announce.toDto(conv);
      return change(conv, {status}, {event: status === 'closed' ? 'closed' : 'reopened', byName: p.name ?? undefined});
    },
  };
}
