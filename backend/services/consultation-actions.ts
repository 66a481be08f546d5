// The lawyer's consultation actions as the transports see them: membership and firm checks,
// then the consultation service with the lawyer's and applicant's details filled in. The card
// in the conversation follows every change.
import type {SocketPrincipal} from '../../protocol/events.js';
import type {ConsultationCard, ProviderId} from '../../protocol/consultation.js';
import {AppError} from '../errors.js';
import type {Applicant, Firm, Lawyer, Models} from '../models/index.js';
import type {ConsultationsModule} from '../consultations/index.js';
import type {ChatService} from './chat.js';

export interface ScheduleRequest {
  conversationId: string;
  start: string;
  durationMinutes: number;
  provider: ProviderId;
}

export function createConsultationActions(deps: {models: Models; chat: ChatService; consultations: ConsultationsModule}) {
  const {models, chat, consultations} = deps;

  function requireLawyer(p: SocketPrincipal): void {
    if (p.kind !== 'lawyer') throw new AppError('forbidden', 'only lawyers schedule consultations');
  }

  async function lawyerOf(p: SocketPrincipal): Promise<Lawyer> {
    const lawyer = await models.Lawyer.findById(p.id).lean<Lawyer>();
    if (!lawyer) throw new AppError('unauthorized', 'this lawyer account no longer exists');
    return lawyer;
  }

  async function firmName(firmId: string): Promise<string | null> {
    return (await models.Firm.findById(firmId).select({name: 1}).lean<Pick<Firm, 'name'>>())?.name ?? null;
  }

  return {
    async providers(p: SocketPrincipal): Promise<ProviderId[]> {
      requireLawyer(p);
      const lawyer = await lawyerOf(p);
      return consultations.providers.available({personalMeetingUrl: lawyer.personalMeetingUrl});
    },

    async schedule(p: SocketPrincipal, input: ScheduleRequest): Promise<ConsultationCard> {
      requireLawyer(p);
      const conv = await chat.loadMember(p, input.conversationId);
      const [lawyer, applicant] = await Promise.all([lawyerOf(p), models.Applicant.findById(conv.applicantId).lean<Applicant>()]);
      if (!applicant) throw new AppError('not_found', 'applicant not found');
      const result = await consultations.service.schedule({
        conversationId: String(conv._id),
        firmId: String(conv.firmId),
        firmName: await firmName(String(conv.firmId)),
        lawyer: {id: String(lawyer._id), name: lawyer.name, email: lawyer.email, timeZone: lawyer.timeZone, personalMeetingUrl: lawyer.personalMeetingUrl},
        applicant: {id: String(applicant._id), name: applicant.name, email: applicant.email, timeZone: applicant.timeZone},
        start: input.start,
        durationMinutes: input.durationMinutes,
        provider: input.provider,
      });
      return consultations.card(result.consultation);
    },

    async reschedule(p: SocketPrincipal, input: {consultationId: string; start: string; durationMinutes?: number}): Promise<ConsultationCard> {
      requireLawyer(p);
      await consultations.service.get(input.consultationId, p.firmId);
      const result = await consultations.service.reschedule({consultationId: input.consultationId, firmId: p.firmId, firmName: await firmName(p.firmId), start: input.start, durationMinutes: input.durationMinutes});
      return consultations.card(result.consultation);
    },

    async cancel(p: SocketPrincipal, input: {consultationId: string}): Promise<ConsultationCard> {
      requireLawyer(p);
      const result = await consultations.service.cancel({consultationId: input.consultationId, firmId: p.firmId, firmName: await firmName(p.firmId)});
      return consultations.card(result.consultation);
    },

    /** Consultations of one conversation, for members, newest first. */
    async list(p: SocketPrincipal, conversationId: string): Promise<ConsultationCard[]> {
      const conv = await chat.loadMember(p, conversationId);
      const cards = await models.Message.find({conversationId: conv._id, kind: 'consultation'}).sort({seq: -1}).select({consultationId: 1}).lean();
      const out: ConsultationCard[] = [];
      for (const m of cards) if (m.consultationId) out.push(consultations.card(await consultations.service.get(String(m.consultationId), String(conv.firmId))));
      return out;
    },
  };
}

export type ConsultationActions = ReturnType<typeof createConsultationActions>;
