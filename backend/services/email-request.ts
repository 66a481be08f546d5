// Email requests: a form card in the conversation that asks the applicant for an email, proven
// with the one-time code of services/email-verification.ts. A lawyer posts one with "Ask for
// email"; the firm's rule posts one when no lawyer has answered within N minutes of the
// conversation's start (a sweep; several processes may run it: each due time is claimed with
// one atomic update). Once the applicant proves an address, their waiting cards turn
// "confirmed" for both sides. One waiting card per conversation: asking again returns it.
import {Types} from 'mongoose';
import type {MessageDto} from '../../protocol/chat.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import type {ChatService} from '../chat/index.js';
import {AppError} from '../errors.js';
import type {Logger} from '../logger.js';
import type {Applicant, Conversation, Firm, Message, Models} from '../models/index.js';
import {messageDto} from './dto.js';
import {contactStatus} from './email-verification.js';

const SWEEP_MS = 30_000;
/** Conversations handled per sweep: bounded work, the rest follow on the next tick. */
const SWEEP_BATCH = 100;

export interface EmailRequestDeps {
  models: Models;
  chat: ChatService;
  logger: Logger;
  now?: () => Date;
}

export function createEmailRequests(deps: EmailRequestDeps) {
  const {Applicant, Conversation, Firm, Message} = deps.models;
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;

  /** The waiting card of a conversation, if it still waits. */
  async function waiting(conv: Pick<Conversation, 'emailRequestId'>): Promise<MessageDto | null> {
    if (!conv.emailRequestId) return null;
    const m = await Message.findById(conv.emailRequestId).lean<Message>();
    return m && !m.deletedAt && m.emailRequest?.state === 'asked' ? messageDto(m) : null;
  }

  async function post(conv: Conversation, lawyer: {id: string; name: string} | null): Promise<MessageDto> {
    const clientId = `email-request-${new Types.ObjectId()}`;
    const {message, id} = await deps.chat.postEmailRequest(conv, lawyer, clientId);
    await Conversation.updateOne({_id: conv._id}, {$set: {emailRequestId: id}});
    return message;
  }

  return {
    /** A lawyer's "Ask for email": posts the card, or returns the one still waiting. */
    async ask(p: SocketPrincipal, input: Valid<'conversationRef'>): Promise<MessageDto> {
      const conv = await deps.chat.loadMember(p, input.conversationId);
      const a = await Applicant.findById(conv.applicantId).lean<Applicant>();
      if (!a) throw new AppError('not_found', 'this visitor no longer exists');
      const status = contactStatus(a);
      if (status.verified) throw new AppError('conflict', `this visitor’s email is already confirmed: ${status.email}`, {reason: 'confirmed'});
      return (await waiting(conv)) ?? post(conv, {id: p.id, name: p.name ?? ''});
    },

    /** When a new conversation starts: the firm's rule sets the time its ask falls due. */
    async conversationOpened(firm: Pick<Firm, 'askEmail'> | null, conversationId: string): Promise<void> {
      const minutes = firm?.askEmail?.afterMinutes;
      if (!minutes) return;
      const _id = new Types.ObjectId(conversationId);
      // Only once per conversation: a null due time means it was handled already.
      await Conversation.updateOne({_id, emailAskDueAt: {$exists: false}}, {$set: {emailAskDueAt: new Date(now().getTime() + minutes * 60_000)}});
    },

    /** Posts the firm's card in conversations whose ask is due; returns how many got one. */
    async sweep(): Promise<number> {
      let posted = 0;
      const at = now();
      // Message counts are written behind the messages: this process's pending ones first.
      await deps.chat.flush();
      const due = await Conversation.find({emailAskDueAt: {$lte: at}}).sort({emailAskDueAt: 1}).limit(SWEEP_BATCH).select({_id: 1}).lean<{_id: Types.ObjectId}[]>();
      for (const {_id} of due) {
        // Claimed by one process: the others find the due time already gone.
        const conv = await Conversation.findOneAndUpdate({_id, emailAskDueAt: {$lte: at}}, {$set: {emailAskDueAt: null}}, {new: true}).lean<Conversation>();
        if (!conv || conv.status !== 'open' || (conv.counts?.lawyer ?? 0) > 0) continue;
        const [firm, a] = await Promise.all([Firm.findById(conv.firmId).select({askEmail: 1}).lean<Pick<Firm, 'askEmail'>>(), Applicant.findById(conv.applicantId).lean<Applicant>()]);
        if (!firm?.askEmail?.afterMinutes || !a || contactStatus(a).verified || (await waiting(conv))) continue;
        await post(conv, null);
        posted++;
      }
      return posted;
    },

    /** An applicant proved an address: their waiting cards say so, for both sides. */
    async confirmed(applicantId: string, email: string): Promise<void> {
      const convs = await Conversation.find({applicantId: new Types.ObjectId(applicantId)}).select({emailRequestId: 1}).lean<Pick<Conversation, '_id' | 'emailRequestId'>[]>();
      for (const c of convs) {
        if (!c.emailRequestId) continue;
        await deps.chat.confirmEmailRequest(c.emailRequestId, email);
        await Conversation.updateOne({_id: c._id, emailRequestId: c.emailRequestId}, {$set: {emailRequestId: null}});
      }
    },

    start(): void {
      timer ??= setInterval(() => void this.sweep().catch((err) => deps.logger.error({err}, 'email requests: sweep failed')), SWEEP_MS);
      timer.unref();
    },

    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

export type EmailRequests = ReturnType<typeof createEmailRequests>;
