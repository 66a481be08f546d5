// Typed Socket.IO event maps. Every client event that can fail takes an Ack<T> callback; its
// payload type is its input schema's (schemas.ts), and the backend's operations table
// (backend/operations/) serves each one.
import type {Ack} from './errors.js';
import type {ConsultationCard, ProviderId} from './consultation.js';
import type {ConversationDto, JoinResult, MessageDto, MessagePage, PresenceDto, ReceiptEvent, TypingEvent, CursorDto, ParticipantKind} from './chat.js';
import type {Input, Schemas} from './schemas.js';
import type {BookingRequestCard, BookingResult, ContactStatus, SlotDTO, SlotsDTO} from './booking.js';

export type AckFn<T> = (ack: Ack<T>) => void;

/** Events answered through an ack: their names, input schema (schemas.ts) and what the ack carries. */
type Acked<E extends string, K extends keyof Schemas, R> = {[_ in E]: (payload: Input<K>, ack: AckFn<R>) => void};

export type ClientToServerEvents =
  // Applicant: their current conversation, created on first call; both join its room.
  & Acked<'conversation:open', 'openConversation', JoinResult>
  & Acked<'conversation:join', 'conversationRef', JoinResult>
  & Acked<'conversation:leave', 'conversationRef', null>
  // Lawyers: the conversation's workflow.
  & Acked<'conversation:claim' | 'conversation:close' | 'conversation:reopen', 'conversationRef', ConversationDto>
  & Acked<'conversation:assign', 'assign', ConversationDto>
  // Messages: stored once per clientId; sync after a seq, history before one; lawyers soft-delete.
  & Acked<'message:send', 'send', MessageDto>
  & Acked<'message:sync', 'sync', MessagePage>
  & Acked<'message:history', 'history', MessagePage>
  & Acked<'message:delete', 'deleteMessage', MessageDto>
  & Acked<'receipt:read' | 'receipt:delivered', 'cursor', CursorDto>
  // Applicants: rate a closed conversation once.
  & Acked<'conversation:rate', 'rate', ConversationDto>
  // Lawyers: schedule, move or cancel a video consultation; the card in the chat follows.
  & Acked<'consultation:providers', 'empty', ProviderId[]>
  & Acked<'consultation:schedule', 'scheduleConsultation', ConsultationCard>
  & Acked<'consultation:reschedule', 'rescheduleConsultation', ConsultationCard>
  & Acked<'consultation:cancel', 'consultationRef', ConsultationCard>
  // Applicants: book a consultation themselves, after proving their email address.
  & Acked<'booking:slots', 'bookingSlots', SlotsDTO>
  & Acked<'booking:book', 'book', BookingResult>
  // Booking requests: the lawyer accepts, proposes another time or declines; the visitor accepts a proposal.
  & Acked<'booking:accept', 'bookingRequestRef', BookingRequestCard>
  & Acked<'booking:propose', 'proposeBooking', BookingRequestCard>
  & Acked<'booking:decline', 'declineBooking', BookingRequestCard>
  & Acked<'booking:request-slots', 'bookingRequestRef', {slots: SlotDTO[]; timeZone: string | null}>
  & Acked<'contact:request-code', 'contactRequestCode', {email: string; expiresAt: string}>
  & Acked<'contact:verify', 'contactVerify', ContactStatus>
  & Acked<'contact:ask', 'conversationRef', MessageDto>
  // Typing is fire-and-forget, for joined conversations only; it expires unless refreshed.
  & {[E in 'typing:start' | 'typing:stop']: (payload: Input<'conversationRef'>) => void};

export interface ServerToClientEvents {
  'message:new': (message: MessageDto) => void;
  'message:updated': (message: MessageDto) => void;
  'typing': (event: TypingEvent) => void;
  'receipt': (event: ReceiptEvent) => void;
  'presence': (event: PresenceDto) => void;
  /** Conversation state changed (status, assignment, counts). Lawyers get every conversation of the firm. */
  'conversation:updated': (conversation: ConversationDto) => void;
  /** Lawyers: a message in any conversation of the firm (for the inbox list and notifications). */
  'inbox:message': (event: {conversation: ConversationDto; message: MessageDto}) => void;
}

/** Processes exchange nothing of their own: room broadcasts travel through the adapter. */
export type InterServerEvents = Record<string, never>;

export interface SocketPrincipal {
  kind: ParticipantKind;
  id: string;
  firmId: string;
  name: string | null;
  role?: 'owner' | 'lawyer';
  /** Lawyers: the account's token version when the token was issued (deactivation raises it). */
  ver?: number;
  /** Set when a firm API key made the call (REST only): it acts as the owner who created it, never as an owner. */
  apiKey?: {id: string; scope: 'read' | 'read-write'};
}

export interface SocketData {
  principal: SocketPrincipal;
}

/** Names of every client event, for tables that must cover them all (authorization tests). */
export const CLIENT_EVENTS = [
  'conversation:open', 'conversation:join', 'conversation:leave', 'conversation:claim', 'conversation:assign',
  'conversation:close', 'conversation:reopen', 'message:send', 'message:sync', 'message:history', 'message:delete',
  'receipt:read', 'receipt:delivered', 'consultation:providers', 'consultation:schedule', 'consultation:reschedule',
  'consultation:cancel', 'typing:start', 'typing:stop', 'conversation:rate',
  'booking:slots', 'booking:book', 'contact:request-code', 'contact:verify', 'contact:ask',
  'booking:accept', 'booking:propose', 'booking:decline', 'booking:request-slots',
] as const satisfies readonly (keyof ClientToServerEvents)[];
