// The applicant's rights: a transcript of their own conversation, and erasure of everything
// the firm holds about them (emails already sent excepted).
import {Types} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import {AppError} from '../errors.js';
import type {Applicant, Conversation, Message, Models} from '../models/index.js';
import type {ChatService} from '../chat/index.js';
import type {EventBus} from '../infra/bus.js';

export interface ErasureReport {
  applicantId: string;
  conversations: number;
  messages: number;
  /** Other records removed, by collection (consultations, queued emails…). */
  other: Record<string, number>;
}

/** Extra collections keyed by applicant that erasure must also clear (e.g. consultations). */
export type ApplicantDataEraser = (applicantId: Types.ObjectId, conversationIds: Types.ObjectId[]) => Promise<{name: string; deleted: number}>;

function line(m: Message, applicantName: string): string {
  const who = m.sender.kind === 'applicant' ? applicantName : m.sender.kind === 'lawyer' ? (m.sender.name ?? 'Lawyer') : 'System';
  const when = new Date(m.createdAt).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  if (m.deletedAt) return `[${when}] ${who}: (message deleted)`;
  if (m.kind === 'note') return `[${when}] ${who} (internal note): ${m.body}`;
  if (m.kind === 'system') return `[${when}] ${m.system?.event ?? 'event'}${m.system?.lawyerName ? `: ${m.system.lawyerName}` : ''}`;
  if (m.kind === 'email-request') return `[${when}] ${who}: [email request] ${m.emailRequest?.state === 'confirmed' ? `confirmed ${m.emailRequest.email}` : 'asked'}`;
  if (m.kind === 'attachment' && m.attachment) {
    const a = m.attachment;
    return `[${when}] ${who}: [document] ${a.name} (${a.type.toUpperCase()}, ${a.size} bytes, sha256 ${a.sha256})${m.body ? ` ${m.body}` : ''}`;
  }
  return `[${when}] ${who}: ${m.body}`;
}

export function createPrivacyService(deps: {models: Models; chat: ChatService; bus: EventBus; erasers?: ApplicantDataEraser[]}) {
  const {Applicant, Conversation, Message} = deps.models;
  const erasers = [...(deps.erasers ?? [])];
  return {
    /** Another collection to clear on erasure (wired after the service is made). */
    addEraser(eraser: ApplicantDataEraser): void {
      erasers.push(eraser);
    },

    /** Plain-text transcript of one conversation, for its applicant or the firm's lawyers. */
    async transcript(p: SocketPrincipal, conversationId: string): Promise<{filename: string; text: string}> {
      const conv: Conversation = await deps.chat.loadMember(p, conversationId);
      const applicant = await Applicant.findById(conv.applicantId).lean<Applicant>();
      const name = applicant?.name ?? `Visitor #${applicant?.number ?? '?'}`;
      const all = await Message.find({conversationId: conv._id}).sort({seq: 1}).lean<Message[]>();
      // Notes are the firm's: an applicant's transcript never has them.
      const messages = p.kind === 'applicant' ? all.filter((m) => m.kind !== 'note') : all;
      const header = `Conversation ${conv._id}\nApplicant: ${name}${applicant?.email ? ` <${applicant.email}>` : ''}\nStarted: ${new Date(conv.createdAt).toISOString()}\n\n`;
      return {filename: `conversation-${conv._id}.txt`, text: header + messages.map((m) => line(m, name)).join('\n') + '\n'};
    },

    /** Firm owner only: removes the applicant, their conversations, messages and related records. */
    async eraseApplicant(p: SocketPrincipal, applicantId: string): Promise<ErasureReport> {
      if (p.kind !== 'lawyer' || p.role !== 'owner') throw new AppError('forbidden', 'only the firm owner can erase an applicant');
      if (!Types.ObjectId.isValid(applicantId)) throw new AppError('not_found', 'applicant not found');
      const applicant = await Applicant.findOne({_id: new Types.ObjectId(applicantId), firmId: new Types.ObjectId(p.firmId)}).lean<Applicant>();
      if (!applicant) throw new AppError('not_found', 'applicant not found');
      const conversations = await Conversation.find({applicantId: applicant._id}).select({_id: 1}).lean<{_id: Types.ObjectId}[]>();
      const ids = conversations.map((c) => c._id);
      const other: Record<string, number> = {};
      for (const erase of erasers) {
        const {name, deleted} = await erase(applicant._id, ids);
        other[name] = deleted;
      }
      const messages = await Message.deleteMany({conversationId: {$in: ids}});
      const convs = await Conversation.deleteMany({_id: {$in: ids}});
      await Applicant.deleteOne({_id: applicant._id});
      deps.chat.forgetConversations(ids.map(String));
      deps.chat.forgetApplicant(String(applicant._id));
      deps.bus.publish('applicant:erased', {firmId: p.firmId, applicantId: String(applicant._id), conversationIds: ids.map(String)});
      return {applicantId: String(applicant._id), conversations: convs.deletedCount, messages: messages.deletedCount, other};
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
