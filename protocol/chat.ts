// The chat contract: DTOs shared by REST responses and socket events.
import type {ConsentAcceptance, FirmContactDto} from './settings.js';
import type {AttachmentDto} from './attachments.js';
import type {ConsultationCard} from './consultation.js';
import type {BookingRequestCard} from './booking.js';

export type ParticipantKind = 'lawyer' | 'applicant';
export type SenderKind = ParticipantKind | 'system';

/** `l:<lawyerId>` or `a:<applicantId>`: the key of a participant's cursors and presence. */
export type ParticipantKey = `l:${string}` | `a:${string}`;

export function participantKey(kind: ParticipantKind, id: string): ParticipantKey {
  return `${kind === 'lawyer' ? 'l' : 'a'}:${id}`;
}

export const MESSAGE_MAX_LENGTH = 4000;
export const PAGE_MAX = 100;

/** `note`: a lawyers-only message; no path ever carries it to an applicant. */
/** `request`: a visitor's booking request (firm mode `request`), its card in `request`. */
export type MessageKind = 'text' | 'system' | 'consultation' | 'note' | 'attachment' | 'email-request' | 'request';

/**
 * On `email-request` messages: a form card asking the applicant for an email, confirmed by a
 * one-time code. `asked` until the applicant proves an address; then `confirmed` with it.
 */
export interface EmailRequestCard {
  state: 'asked' | 'confirmed';
  email: string | null;
  /** Posted by the firm's rule (no lawyer answered in time), not by a lawyer's button. */
  auto: boolean;
}

/** What a `system` message announces; clients render it through their translation tables. */
export interface SystemEvent {
  event: 'assigned' | 'closed' | 'reopened' | 'consultation-rescheduled' | 'consultation-cancelled';
  lawyerName?: string;
  byName?: string;
  /** Consultation moved: where it was and where it is now (ISO); each reader shows them in their own zone. */
  from?: string;
  to?: string;
  /** Who made the change, when it was not the lawyer (the applicant, from the widget or an email link). */
  by?: 'lawyer' | 'applicant';
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
  /** On notes: the lawyers it @mentions. */
  mentions?: string[];
  /** On `attachment` messages (the body is the caption): the document's card. Gone once deleted. */
  attachment?: AttachmentDto;
  /** On `email-request` messages: the card's state. */
  emailRequest?: EmailRequestCard;
  /** On `request` messages: the booking request's card, kept current in place. */
  request?: BookingRequestCard;
}

export interface CursorDto {
  readSeq: number;
  deliveredSeq: number;
  /** How many of the other side's messages this participant has read. */
  readCount: number;
}

/** Cursors only move forward: of two (e.g. receipts broadcast out of order), each field's higher. */
export function laterCursor(a: CursorDto | undefined, b: CursorDto): CursorDto {
  return a ? {readSeq: Math.max(a.readSeq, b.readSeq), deliveredSeq: Math.max(a.deliveredSeq, b.deliveredSeq), readCount: Math.max(a.readCount, b.readCount)} : b;
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
  phone?: string | null;
  /** A typed email stays unverified until the visitor confirms it with a one-time code. */
  emailVerified?: boolean;
  /** The visitor submitted the pre-chat form. */
  intakeDone?: boolean;
  /** The firm's notice as the visitor accepted it. */
  consent?: ConsentAcceptance | null;
}

export interface LawyerDto {
  id: string;
  firmId: string;
  name: string;
  email: string;
  role: 'owner' | 'lawyer';
  lastSeenAt: string | null;
  timeZone?: string;
  /** False once deactivated by an owner. */
  active?: boolean;
  /** Invited, and the invitation not accepted yet. */
  invited?: boolean;
  avatarUrl?: string | null;
  personalMeetingUrl?: string | null;
  /** The language of the lawyer's emails. */
  lang?: string;
}

export type ConversationStatus = 'open' | 'closed';

/** What a conversation says of itself the same way in the database and on the wire. */
export interface ConversationSummary {
  status: ConversationStatus;
  topic: string | null;
  lastSeq: number;
  /** Messages sent by each side so far; unread = counts[otherSide] - cursors[me].readCount. */
  counts: {applicant: number; lawyer: number};
  lastMessagePreview: string | null;
}

export interface ConversationDto extends ConversationSummary {
  id: string;
  firmId: string;
  applicant: ApplicantDto;
  assignedLawyerIds: string[];
  cursors: Record<ParticipantKey, CursorDto>;
  lastMessageAt: string | null;
  createdAt: string;
  /** The applicant's rating once the conversation closed, if they gave one. */
  rating: {score: number; comment: string | null} | null;
}

/** Unread messages for one participant, derived from the conversation alone. */
export function unreadFor(conversation: Pick<ConversationDto, 'counts' | 'cursors'>, kind: ParticipantKind, id: string): number {
  const other = kind === 'lawyer' ? conversation.counts.applicant : conversation.counts.lawyer;
  const mine = conversation.cursors[participantKey(kind, id)]?.readCount ?? 0;
  return Math.max(0, other - mine);
}

export interface CannedReplyDto {
  id: string;
  shortcut: string;
  /** May hold {applicant.name} and {lawyer.name}, filled in when inserted. */
  body: string;
  /** Firm-wide (managed by owners) rather than the lawyer's own. */
  shared: boolean;
}

/** Owners' report: average rating per lawyer and month (UTC), from rated conversations. */
export interface RatingReportRow {
  month: string;
  lawyerId: string | null;
  lawyerName: string | null;
  count: number;
  average: number;
}

/** One search result: a message (opened at its seq) or a conversation's applicant name, email or topic. */
export interface SearchHit {
  conversationId: string;
  messageId: string | null;
  seq: number | null;
  field: 'text' | 'note' | 'name' | 'email' | 'topic';
  /** The message's time, or the conversation's start for its own fields. */
  at: string;
  sender: SenderKind | null;
  status: ConversationStatus;
  applicant: {name: string | null; email: string | null; number: number};
  /** The matching text (cut around the match when long) and the ranges to highlight in it. */
  text: string;
  marks: [number, number][];
}

export interface SearchPage {
  hits: SearchHit[];
  /** Pass as `before` for the next page; null when nothing older matches. */
  next: string | null;
}

/** The console's visitor panel: who the applicant is, where they are, what came before. */
export interface VisitorDto {
  applicant: ApplicantDto & {timeZone: string | null; language: string | null; currentUrl: string | null; referrer: string | null};
  startUrl: string | null;
  startReferrer: string | null;
  conversations: {id: string; status: ConversationStatus; topic: string | null; createdAt: string; lastMessageAt: string | null; lastMessagePreview: string | null}[];
  consultations: {id: string; conversationId: string; title: string; start: string; status: string}[];
  /** The firm asks for an email (the card) as soon as a lawyer opens "Schedule" without a confirmed one. */
  askEmailBeforeScheduling?: boolean;
}

export interface FirmPublicDto {
  id: string;
  name: string;
  accent: string;
  greeting: string;
  logoUrl: string | null;
  timeZone: string;
  prechat: {enabled: boolean; requireEmail: boolean; topics: string[]};
  /** Present when the widget offers "Book a consultation" (`instant`, or a `request` the lawyer confirms). */
  booking?: {mode: 'instant' | 'request'};
  /** Pre-chat fields, consent notice, business hours and translated greetings. */
  contact?: FirmContactDto;
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
