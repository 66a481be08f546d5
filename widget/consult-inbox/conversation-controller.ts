// The lawyer's side of one conversation: the shared ChatController (sync cursor, outbox,
// receipts, typing, history) with the lawyer's token and `conversation:join` instead of the
// applicant's widget session and `conversation:open`.
import type {ReactiveControllerHost} from 'lit';
import type {JoinResult, ParticipantKey, PresenceDto} from '../../protocol/chat.js';
import type {ConsultationCard, ProviderId} from '../../protocol/consultation.js';
import {ChatController} from '../shared/chat-controller.js';
import {Outbox} from '../shared/outbox.js';

export interface LawyerAuth {
  token: string;
  expiresAt: string;
  lawyerId: string;
}

export interface ConversationControllerOptions {
  server(): string;
  conversationId: string;
  auth(): LawyerAuth | undefined;
  /** The token is gone or expired: the console logs out. */
  onAuthLost(): void;
}

export class ConversationController extends ChatController {
  protected override readonly side = 'lawyer' as const;
  readonly conversationId: string;

  constructor(private readonly owner: ReactiveControllerHost, private readonly lawyerOpts: ConversationControllerOptions) {
    super(owner, {server: lawyerOpts.server, site: () => '', identityToken: () => undefined});
    this.conversationId = lawyerOpts.conversationId;
  }

  override get me(): ParticipantKey | undefined {
    const auth = this.lawyerOpts.auth();
    return auth ? `l:${auth.lawyerId}` : undefined;
  }

  /** The applicant's presence in this conversation. */
  get applicantPresence(): PresenceDto | undefined {
    const id = this.conversation?.applicant.id;
    return id ? this.presence.get(`a:${id}`) : undefined;
  }

  // Consultations: the ack is the new card state, but the list shows it through the usual
  // message:new / message:updated flow, like every other client in the conversation.

  /** The meeting providers this firm offers. */
  providers(): Promise<ProviderId[]> {
    return this.request('consultation:providers', {});
  }

  schedule(start: string, durationMinutes: number, provider: ProviderId): Promise<ConsultationCard> {
    return this.request('consultation:schedule', {conversationId: this.conversationId, start, durationMinutes, provider});
  }

  reschedule(consultationId: string, start: string, durationMinutes: number): Promise<ConsultationCard> {
    return this.request('consultation:reschedule', {consultationId, start, durationMinutes});
  }

  cancelConsultation(consultationId: string): Promise<ConsultationCard> {
    return this.request('consultation:cancel', {consultationId});
  }

  /** Stops the socket and detaches from the element. */
  dispose(): void {
    this.hostDisconnected();
    this.owner.removeController(this);
  }

  protected override storageKey(what: string): string {
    return `consult-inbox:${this.lawyerOpts.auth()?.lawyerId ?? 'anonymous'}:${this.conversationId}:${what}`;
  }

  protected override async openSession(): Promise<boolean> {
    const auth = this.lawyerOpts.auth();
    if (!auth || Date.parse(auth.expiresAt) <= Date.now()) {
      this.lawyerOpts.onAuthLost();
      return false;
    }
    this.outbox ??= new Outbox(storage(), this.storageKey('outbox'));
    return true;
  }

  protected override authToken(): string | undefined {
    return this.lawyerOpts.auth()?.token;
  }

  protected override joinConversation(): Promise<JoinResult> {
    return this.request('conversation:join', {conversationId: this.conversationId});
  }
}

function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
