// The contract between the shared ConversationCore and the side a client speaks for
// (chat-controller.ts for the applicant, consult-inbox/conversation-controller.ts for a lawyer).
import type {JoinResult, MessageDto, ParticipantKey, ParticipantKind} from '../../protocol/chat.js';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'unavailable' | 'refused';
export type DeliveryState = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/** What differs between the applicant's and the lawyer's side of a conversation. */
export interface ChatSide {
  readonly kind: ParticipantKind;
  /** Backend origin, e.g. https://chat.example-firm.com */
  server(): string;
  me(): ParticipantKey | undefined;
  /** The token sent in the handshake. */
  token(): string | undefined;
  /** Opens (or resumes) the session once engaged; true when the conversation may connect now. */
  open(): Promise<boolean>;
  /** New credentials after the server dropped the old ones; false when refused for good. */
  authenticate(): Promise<boolean>;
  /** Joins (or opens) the conversation on each new connection. */
  join(): Promise<JoinResult>;
  /** A message from the other side arrived while the element runs. */
  onIncoming?(message: MessageDto): void;
}
