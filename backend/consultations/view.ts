// A consultation as clients see it: the DTO, and the chat card (the DTO plus calendar links).
import type {ConsultationCard, ConsultationDTO} from '../../protocol/consultation.js';
import type {Consultation, InviteState} from '../models/consultation.js';
import {googleCalendarUrl, hostedIcsPath, outlookCalendarUrl} from './ics.js';

export function toConsultationDTO(c: Consultation): ConsultationDTO {
  const invite = (s: InviteState | null | undefined) => (s ? {event: s.event, sequence: s.sequence, status: s.status, reason: s.reason ?? null} : null);
  return {
    id: String(c._id),
    conversationId: String(c.conversationId),
    firmId: String(c.firmId),
    lawyerId: String(c.lawyerId),
    applicantId: String(c.applicantId),
    title: c.title,
    start: c.start.toISOString(),
    end: c.end.toISOString(),
    lawyerTimeZone: c.lawyerTimeZone,
    applicantTimeZone: c.applicantTimeZone,
    provider: c.provider,
    joinUrl: c.joinUrl,
    status: c.status,
    sequence: c.sequence,
    invites: {lawyer: invite(c.invites?.lawyer), applicant: invite(c.invites?.applicant)},
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}


export function consultationCard(dto: ConsultationDTO, links: {publicUrl: string; icsSecret: string}): ConsultationCard {
  const event = {title: dto.title, start: new Date(dto.start), end: new Date(dto.end), details: `Join: ${dto.joinUrl}`, location: dto.joinUrl};
  return {...dto, links: {google: googleCalendarUrl(event), outlook: outlookCalendarUrl(event), ics: `${links.publicUrl}${hostedIcsPath(dto.id, links.icsSecret)}`}};
}
