// The console's visitor panel: the applicant of a conversation as the firm knows them, where the
// chat started and where they are now, and their other conversations and consultations.
import {Types} from 'mongoose';
import type {VisitorDto} from '../../protocol/chat.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import {AppError} from '../errors.js';
import type {Applicant, Conversation, Firm, Models} from '../models/index.js';
import {iso} from '../models/shared.js';
import type {ChatService} from '../chat/index.js';
import {applicantDto} from './dto.js';

const PAST = 20;

export interface ConsultationsOf {
  (applicantId: Types.ObjectId, limit: number): Promise<VisitorDto['consultations']>;
}

export function createVisitorService(deps: {models: Models; chat: ChatService; consultationsOf: ConsultationsOf}) {
  const {Applicant, Conversation, Firm} = deps.models;
  return {
    async profile(p: SocketPrincipal, conversationId: string): Promise<VisitorDto> {
      const conv = await deps.chat.loadMember(p, conversationId);
      const a = await Applicant.findById(conv.applicantId).lean<Applicant>();
      if (!a) throw new AppError('not_found', 'applicant not found');
      const convs = await Conversation.find({applicantId: a._id}).sort({createdAt: -1}).limit(PAST).lean<Conversation[]>();
      return {
        applicant: {...applicantDto(a), timeZone: a.timeZone ?? null, language: a.language ?? null, currentUrl: a.currentUrl ?? null, referrer: a.referrer ?? null},
        startUrl: conv.startUrl ?? null,
        startReferrer: conv.startReferrer ?? null,
        conversations: convs.map((c) => ({id: String(c._id), status: c.status, topic: c.topic ?? null, createdAt: iso(c.createdAt)!, lastMessageAt: iso(c.lastMessageAt), lastMessagePreview: c.lastMessagePreview ?? null})),
        consultations: await deps.consultationsOf(a._id, PAST),
        askEmailBeforeScheduling: !!(await Firm.findById(conv.firmId).select({askEmail: 1}).lean<Pick<Firm, 'askEmail'>>())?.askEmail?.beforeScheduling,
      };
    },
  };
}

export type VisitorService = ReturnType<typeof createVisitorService>;
