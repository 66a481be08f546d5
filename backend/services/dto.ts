// Lean documents → wire DTOs. One place, so REST and sockets send identical shapes.
import type {ApplicantDto, ConversationDto, CursorDto, LawyerDto, MessageDto, ParticipantKey} from '../../protocol/chat.js';
import type {Applicant, Conversation, Lawyer, Message} from '../models/index.js';
import {iso} from '../models/shared.js';

export function applicantDto(a: Applicant): ApplicantDto {
  return {
    id: String(a._id), number: a.number, name: a.name ?? null, email: a.email ?? null, verified: !!a.verified, lastSeenAt: iso(a.lastSeenAt),
    phone: a.phone ?? null, emailVerified: !!a.verified || !!a.emailVerified, intakeDone: !!a.intakeAt,
    consent: a.consent ? {version: a.consent.version, acceptedAt: iso(a.consent.acceptedAt)!, textHash: a.consent.textHash, lang: a.consent.lang} : null,
  };
}

export function lawyerDto(l: Lawyer): LawyerDto {
  return {
    id: String(l._id), firmId: String(l.firmId), name: l.name, email: l.email, role: l.role, lastSeenAt: iso(l.lastSeenAt),
    timeZone: l.timeZone, active: l.active !== false, invited: !!l.invite, avatarUrl: l.avatarUrl ?? null, personalMeetingUrl: l.personalMeetingUrl ?? null, lang: l.lang ?? 'en',
  };
}

export function conversationDto(c: Conversation, applicant: Applicant): ConversationDto {
  const cursors: Record<string, CursorDto> = {};
  for (const [field, cur] of Object.entries(c.cursors ?? {})) {
    cursors[field.replace('_', ':')] = {readSeq: cur.readSeq ?? 0, deliveredSeq: cur.deliveredSeq ?? 0, readCount: cur.readCount ?? 0};
  }
  return {
    id: String(c._id),
    firmId: String(c.firmId),
    applicant: applicantDto(applicant),
    assignedLawyerIds: (c.assignedLawyerIds ?? []).map(String),
    status: c.status,
    topic: c.topic ?? null,
    lastSeq: c.lastSeq,
    counts: {applicant: c.counts?.applicant ?? 0, lawyer: c.counts?.lawyer ?? 0},
    cursors: cursors as Record<ParticipantKey, CursorDto>,
    lastMessageAt: iso(c.lastMessageAt),
    lastMessagePreview: c.lastMessagePreview ?? null,
    createdAt: iso(c.createdAt)!,
    rating: c.rating ? {score: c.rating.score, comment: c.rating.comment ?? null} : null,
  };
}

export function messageDto(m: Message): MessageDto {
  const deleted = !!m.deletedAt;
  return {
    id: String(m._id),
    conversationId: String(m.conversationId),
    seq: m.seq,
    sender: {kind: m.sender.kind, id: m.sender.id ? String(m.sender.id) : null, name: m.sender.name ?? null},
    kind: m.kind as MessageDto['kind'],
    body: deleted ? '' : m.body,
    clientId: m.clientId,
    createdAt: iso(m.createdAt)!,
    deletedAt: iso(m.deletedAt),
    ...(m.system ? {system: m.system} : {}),
    ...(m.consultationId ? {consultationId: String(m.consultationId)} : {}),
    ...(m.consultation && !deleted ? {consultation: m.consultation} : {}),
    ...(m.mentions?.length ? {mentions: m.mentions.map(String)} : {}),
    ...(m.attachment && !deleted ? {attachment: m.attachment} : {}),
    ...(m.emailRequest && !deleted ? {emailRequest: m.emailRequest} : {}),
    ...(m.request && !deleted ? {request: m.request} : {}),
  };
}
