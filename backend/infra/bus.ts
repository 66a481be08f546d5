// In-process domain events. Services publish; the realtime layer turns them into socket
// broadcasts (through the Socket.IO adapter, so they reach sockets on every process).
import {EventEmitter} from 'node:events';
import type {ConversationDto, MessageDto, ReceiptEvent} from '../../protocol/chat.js';
import type {ConsultationCard, ConsultationEvent} from '../../protocol/consultation.js';

export interface DomainEvents {
  'message:new': {conversation: ConversationDto; message: MessageDto};
  'message:updated': {conversation: ConversationDto; message: MessageDto};
  'conversation:updated': {conversation: ConversationDto};
  /** A new conversation (after its `conversation:updated`); for webhooks. */
  'conversation:created': {conversation: ConversationDto};
  /** A consultation was scheduled, moved or cancelled; for webhooks. */
  'consultation:changed': {event: ConsultationEvent; card: ConsultationCard};
  receipt: {firmId: string; event: ReceiptEvent};
  'applicant:erased': {firmId: string; applicantId: string; conversationIds: string[]};
  /** Every session of this lawyer ends (deactivated). */
  'lawyer:signed-out': {firmId: string; lawyerId: string};
}

export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(100);

  publish<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void {
    this.emitter.emit(name, payload);
  }

  subscribe<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
