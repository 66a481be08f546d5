// Cards: a `consultation` message per consultation, and `email-request` form cards, kept current in place.
import {Types} from 'mongoose';
import type {MessageDto, SystemEvent} from '../../protocol/chat.js';
import type {ConsultationCard} from '../../protocol/consultation.js';
import type {BookingRequestCard} from '../../protocol/booking.js';
import {AppError} from '../errors.js';
import type {Conversation, Message, Models} from '../models/index.js';
import type {Announcer} from './announce.js';
import type {Sequencer} from './sequencer.js';
import type {SummaryWriter} from './summaries.js';

export function cardUseCases(deps: {models: Models; sequencer: Sequencer; summaries: SummaryWriter; announce: Announcer}) {
  const {Conversation, Message} = deps.models;
  const {announce, summaries} = deps;

  return {
    /** Posts a `consultation` card on behalf of its lawyer. */
    async postConsultationCard(card: ConsultationCard, lawyerName: string): Promise<MessageDto> {
      const conv = await Conversation.findById(card.conversationId).lean<Conversation>();
      if (!conv) throw new AppError('not_found', 'conversation not found');
      const {message, conversation} = await deps.sequencer.append(conv, {
        sender: {kind: 'lawyer', id: new Types.ObjectId(card.lawyerId), name: lawyerName},
        kind: 'consultation', body: card.title, clientId: `consultation-${card.id}`, system: null,
        consultationId: new Types.ObjectId(card.id), consultation: card,
      }, false);
      await summaries.settled(card.conversationId);
      return announce.message(conversation, message);
    },

    /** Posts a booking request's card on behalf of the visitor who asked (it counts as theirs, unread for the lawyers). */
    async postRequestCard(card: BookingRequestCard, applicantId: Types.ObjectId, applicantName: string | null): Promise<MessageDto> {
      const conv = await Conversation.findById(card.conversationId).lean<Conversation>();
      if (!conv) throw new AppError('not_found', 'conversation not found');
      const {message, conversation} = await deps.sequencer.append(conv, {
        sender: {kind: 'applicant', id: applicantId, name: applicantName},
        kind: 'request', body: 'Consultation request', clientId: `request-${card.id}`, system: null, consultationId: null, request: card,
      }, true);
      await summaries.settled(card.conversationId);
      return announce.message(conversation, message);
    },

    /** Keeps a request's card current (accepted, proposed, declined) and announces the change. */
    async updateRequestCard(card: BookingRequestCard, applicantId: Types.ObjectId): Promise<void> {
      // Served by the unique (conversationId, sender.id, clientId) index.
      const updated = await Message.findOneAndUpdate({conversationId: new Types.ObjectId(card.conversationId), 'sender.id': applicantId, clientId: `request-${card.id}`}, {$set: {request: card}}, {new: true}).lean<Message>();
      if (!updated) return;
      const conv = await Conversation.findById(updated.conversationId).lean<Conversation>();
      if (conv) await announce.message(conv, updated, 'message:updated');
    },

    /** Keeps the card current (new time, cancelled, invite delivery) and announces changes. */
    async updateConsultationCard(card: ConsultationCard, announceLine?: 'consultation-rescheduled' | 'consultation-cancelled' | SystemEvent): Promise<void> {
      // Invite results for both people can land at the same moment: each is one atomic $set
      // of the whole card, so the document is always one of them, never a mix.
      const updated = await Message.findOneAndUpdate({consultationId: new Types.ObjectId(card.id), kind: 'consultation'}, {$set: {consultation: card, body: card.title}}, {new: true}).lean<Message>();
      if (!updated) return;
      await summaries.settled(String(updated.conversationId));
      const conv = await Conversation.findById(updated.conversationId).lean<Conversation>();
      if (!conv) return;
      await announce.message(conv, updated, 'message:updated');
      if (announceLine) await announce.system(conv, typeof announceLine === 'string' ? {event: announceLine} : announceLine);
    },

    /** Posts an email-request card: a lawyer's, or the firm's rule's (`lawyer` null, a system sender). */
    async postEmailRequest(conv: Pick<Conversation, '_id' | 'firmId'>, lawyer: {id: string; name: string} | null, clientId: string): Promise<{message: MessageDto; id: Types.ObjectId}> {
      const {message, conversation} = await deps.sequencer.append(conv, {
        sender: lawyer ? {kind: 'lawyer', id: new Types.ObjectId(lawyer.id), name: lawyer.name} : {kind: 'system', id: null, name: null},
        kind: 'email-request', body: '', clientId, system: null, consultationId: null,
        emailRequest: {state: 'asked', email: null, auto: !lawyer},
      }, false);
      await summaries.settled(String(conv._id));
      return {message: await announce.message(conversation, message), id: message._id};
    },

    /** Turns a waiting email-request card into `confirmed` and tells both sides. */
    async confirmEmailRequest(messageId: Types.ObjectId, email: string): Promise<void> {
      const updated = await Message.findOneAndUpdate({_id: messageId, 'emailRequest.state': 'asked'}, {$set: {'emailRequest.state': 'confirmed', 'emailRequest.email': email}}, {new: true}).lean<Message>();
      if (!updated) return;
      const conv = await Conversation.findById(updated.conversationId).lean<Conversation>();
      if (conv) await announce.message(conv, updated, 'message:updated');
    },
  };
}
