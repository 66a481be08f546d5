// The chat contract: DTOs shared by REST responses and socket events.
import type {AttachmentDto} from './attachments.js';
import type {ConsultationCard} from './consultation.js';

export type ParticipantKind = 'lawyer' | 'applicant';
export type SenderKind = ParticipantKind | 'system';

/** `l:<lawyerId>` or `a:<applicantId>`: the key of a participant's cursors and presence. */
export type ParticipantKey = `l:${string}` | `a:${string}`;

export function participantKey(kind: ParticipantKind, id: string): ParticipantKey {
  return `${kind === 'lawyer' ? 'l' : 'a'}:${id}`;
}

export const MESSAGE_MAX_LENGTH = 4000;
export const PAGE_MAX = 100;

export type MessageKind = 'text' | 'system' | 'consultation' | 'attachment';

/** What a `system` message announces; clients render it through their translation tables. */
export interface SystemEvent {
  event: 'assigned' | 'closed' | 'reopened' | 'consultation-rescheduled' | 'consultation-cancelled';
  lawyerName?: string;
  byName?: string;
}

export interface MessageDto {
  id: string;
  conversationId: string;
  /** Per-conversation, strictly increasing; gaps are possible and mean nothing. */
  seq: number;
  sender: {kind: SenderKind; id: string | null; name: string | null};
  kind: MessageKind;
  /** Plain text, never HTML. Empty once deleted. */
  body: string;
  clientId: string;
  createdAt: string;
  deletedAt: string | null;
  system?: SystemEvent;
  /** On `consultation` messages: the consultation the card shows. */
  consultationId?: string;
  /** On `consultation` messages: the card's content, kept current on reschedule and cancel. */
  consultation?: ConsultationCard;
  /** On `attachment` messages (the body is the caption): the document's card. Gone once deleted. */
  attachment?: AttachmentDto;
}

export interface CursorDto {
  readSeq: number;
  deliveredSeq: number;
  /** How many of the other side's messages this participant has read. */
  readCount: number;
}

export interface PresenceDto {
  key: ParticipantKey;
  online: boolean;
  lastSeenAt: string | null;
}

export interface ApplicantDto {
  id: string;
  /** Visitor number within the firm, for "Visitor #n". */
  number: number;
  name: string | null;
  email: string | null;
  verified: boolean;
  lastSeenAt: string | null;
}

export interface LawyerDto {
  id: string;
  firmId: string;
  name: string;
  email: string;
  role: 'owner' | 'lawyer';
  lastSeenAt: string | null;
}

export type ConversationStatus = 'open' | 'closed';

export interface ConversationDto {
  id: string;
  firmId: string;
  applicant: ApplicantDto;
  assignedLawyerIds: string[];
  status: ConversationStatus;
  topic: string | null;
  lastSeq: number;
  /** Messages sent by each side so far; unread = counts[otherSide] - cursors[me].readCount. */
  counts: {applicant: number; lawyer: number};
  cursors: Record<ParticipantKey, CursorDto>;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  createdAt: string;
}

/** Unread messages for one participant, derived from the conversation alone. */
export function unreadFor(conversation: Pick<ConversationDto, 'counts' | 'cursors'>, kind: ParticipantKind, id: string): number {
  const other = kind === 'lawyer' ? conversation.counts.applicant : conversation.counts.lawyer;
  const mine = conversation.cursors[participantKey(kind, id)]?.readCount ?? 0;
  return Math.max(0, other - mine);
}

export interface FirmPublicDto {
  id: string;
  name: string;
  accent: string;
  greeting: string;
  logoUrl: string | null;
  timeZone: string;
  prechat: {enabled: boolean; requireEmail: boolean; topics: string[]};
}

export interface MessagePage {
  messages: MessageDto[];
  /** For `after` pages: every seq up to here is final; sync again from it. */
  throughSeq: number;
  hasMore: boolean;
}

export interface TypingEvent {
  conversationId: string;
  participant: {key: ParticipantKey; name: string | null};
  typing: boolean;
}

export interface ReceiptEvent {
  conversationId: string;
  key: ParticipantKey;
  cursor: CursorDto;
}

export interface JoinResult {
  conversation: ConversationDto;
  /** Presence of the other side: the applicant for lawyers, the firm's lawyers for applicants. */
  presence: PresenceDto[];
}
