// Typed Socket.IO event maps. Every client event that can fail takes an Ack<T> callback; its
// payload type is its input schema's (schemas.ts), and the backend's operations table
// (backend/operations/) serves each one.
import type {Ack} from './errors.js';
import type {ConsultationCard, ProviderId} from './consultation.js';
import type {ConversationDto, JoinResult, MessageDto, MessagePage, PresenceDto, ReceiptEvent, TypingEvent, CursorDto, ParticipantKind} from './chat.js';
import type {Input} from './schemas.js';

export type AckFn<T> = (ack: Ack<T>) => void;

export interface ClientToServerEvents {
  /** Applicant: their current conversation, created on first call. */
  'conversation:open': (payload: Input<'openConversation'>, ack: AckFn<JoinResult>) => void;
  /** Join a conversation's room (membership checked) and get its state. */
  'conversation:join': (payload: Input<'conversationRef'>, ack: AckFn<JoinResult>) => void;
  'conversation:leave': (payload: Input<'conversationRef'>, ack: AckFn<null>) => void;
  'conversation:claim': (payload: Input<'conversationRef'>, ack: AckFn<ConversationDto>) => void;
  'conversation:assign': (payload: Input<'assign'>, ack: AckFn<ConversationDto>) => void;
  'conversation:close': (payload: Input<'conversationRef'>, ack: AckFn<ConversationDto>) => void;
  'conversation:reopen': (payload: Input<'conversationRef'>, ack: AckFn<ConversationDto>) => void;
  'message:send': (payload: Input<'send'>, ack: AckFn<MessageDto>) => void;
  /** Everything after `afterSeq`, in order, paged. */
  'message:sync': (payload: Input<'sync'>, ack: AckFn<MessagePage>) => void;
  /** Older history, before `beforeSeq`. */
  'message:history': (payload: Input<'history'>, ack: AckFn<MessagePage>) => void;
  'message:delete': (payload: Input<'deleteMessage'>, ack: AckFn<MessageDto>) => void;
  'receipt:read': (payload: Input<'cursor'>, ack: AckFn<CursorDto>) => void;
  'receipt:delivered': (payload: Input<'cursor'>, ack: AckFn<CursorDto>) => void;
  /** Lawyers: schedule, move or cancel a video consultation; the card in the chat follows. */
  'consultation:providers': (payload: Input<'empty'>, ack: AckFn<ProviderId[]>) => void;
  'consultation:schedule': (payload: Input<'scheduleConsultation'>, ack: AckFn<ConsultationCard>) => void;
  'consultation:reschedule': (payload: Input<'rescheduleConsultation'>, ack: AckFn<ConsultationCard>) => void;
  'consultation:cancel': (payload: Input<'consultationRef'>, ack: AckFn<ConsultationCard>) => void;
  'typing:start': (payload: Input<'conversationRef'>) => void;
  'typing:stop': (payload: Input<'conversationRef'>) => void;
}

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
}

export interface SocketData {
  principal: SocketPrincipal;
}

/** Names of every client event, for tables that must cover them all (authorization tests). */
export const CLIENT_EVENTS = [
  'conversation:open', 'conversation:join', 'conversation:leave', 'conversation:claim', 'conversation:assign',
  'conversation:close', 'conversation:reopen', 'message:send', 'message:sync', 'message:history', 'message:delete',
  'receipt:read', 'receipt:delivered', 'consultation:providers', 'consultation:schedule', 'consultation:reschedule',
  'consultation:cancel', 'typing:start', 'typing:stop',
] as const satisfies readonly (keyof ClientToServerEvents)[];
