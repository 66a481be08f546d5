// Typed Socket.IO event maps. Every client event that can fail takes an Ack<T> callback.
import type {Ack} from './errors.js';
import type {ConsultationCard, ProviderId} from './consultation.js';
import type {ConversationDto, JoinResult, MessageDto, MessagePage, PresenceDto, ReceiptEvent, TypingEvent, CursorDto, ParticipantKind} from './chat.js';

export type AckFn<T> = (ack: Ack<T>) => void;

export interface ClientToServerEvents {
  /** Applicant: their current conversation, created on first call. */
  'conversation:open': (payload: {topic?: string}, ack: AckFn<JoinResult>) => void;
  /** Join a conversation's room (membership checked) and get its state. */
  'conversation:join': (payload: {conversationId: string}, ack: AckFn<JoinResult>) => void;
  'conversation:leave': (payload: {conversationId: string}, ack: AckFn<null>) => void;
  'conversation:claim': (payload: {conversationId: string}, ack: AckFn<ConversationDto>) => void;
  'conversation:assign': (payload: {conversationId: string; lawyerId: string}, ack: AckFn<ConversationDto>) => void;
  'conversation:close': (payload: {conversationId: string}, ack: AckFn<ConversationDto>) => void;
  'conversation:reopen': (payload: {conversationId: string}, ack: AckFn<ConversationDto>) => void;
  'message:send': (payload: {conversationId: string; clientId: string; body: string}, ack: AckFn<MessageDto>) => void;
  /** Everything after `afterSeq`, in order, paged. */
  'message:sync': (payload: {conversationId: string; afterSeq: number; limit?: number}, ack: AckFn<MessagePage>) => void;
  /** Older history, before `beforeSeq`. */
  'message:history': (payload: {conversationId: string; beforeSeq: number; limit?: number}, ack: AckFn<MessagePage>) => void;
  'message:delete': (payload: {conversationId: string; messageId: string}, ack: AckFn<MessageDto>) => void;
  'receipt:read': (payload: {conversationId: string; seq: number}, ack: AckFn<CursorDto>) => void;
  'receipt:delivered': (payload: {conversationId: string; seq: number}, ack: AckFn<CursorDto>) => void;
  /** Lawyers: schedule, move or cancel a video consultation; the card in the chat follows. */
  'consultation:providers': (payload: Record<string, never>, ack: AckFn<ProviderId[]>) => void;
  'consultation:schedule': (payload: {conversationId: string; start: string; durationMinutes: number; provider: ProviderId}, ack: AckFn<ConsultationCard>) => void;
  'consultation:reschedule': (payload: {consultationId: string; start: string; durationMinutes?: number}, ack: AckFn<ConsultationCard>) => void;
  'consultation:cancel': (payload: {consultationId: string}, ack: AckFn<ConsultationCard>) => void;
  'typing:start': (payload: {conversationId: string}) => void;
  'typing:stop': (payload: {conversationId: string}) => void;
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

export interface InterServerEvents {
  ping: () => void;
}

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
