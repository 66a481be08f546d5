// Who may act on a conversation: its applicant, or any lawyer of its firm.
import {Types} from 'mongoose';
import type {SocketPrincipal as Principal} from '../../protocol/events.js';
import {AppError} from '../errors.js';
import type {Conversation, Models} from '../models/index.js';
import type {ChatCaches, Membership} from './caches.js';
import type {SummaryWriter} from './summaries.js';

function checkMember(p: Principal, conv: Pick<Conversation, 'firmId' | 'applicantId'>): void {
  const member = p.kind === 'applicant' ? String(conv.applicantId) === p.id : String(conv.firmId) === p.firmId;
  if (!member) throw new AppError('not_member', 'you are not a participant of this conversation');
}

export function createMembers(deps: {models: Models; caches: ChatCaches; summaries: SummaryWriter}) {
  const {caches, summaries} = deps;

  /** Loads a conversation the principal may act on (summary writes settled), or refuses. */
  async function load(p: Principal, conversationId: string): Promise<Conversation> {
    if (!Types.ObjectId.isValid(conversationId)) throw new AppError('not_found', 'conversation not found');
    await summaries.settled(conversationId);
    const conv = await deps.models.Conversation.findById(conversationId).lean<Conversation>();
    if (!conv) throw new AppError('not_found', 'conversation not found');
    caches.rememberMember(conv);
    caches.remember(conv);
    checkMember(p, conv);
    return conv;
  }

  /** Membership from memory after the first load (the facts it rests on never change). */
  async function check(p: Principal, conversationId: string): Promise<Membership> {
    const known = caches.member(conversationId);
    if (!known) return load(p, conversationId);
    checkMember(p, known);
    return known;
  }

  return {load, check};
}

export type Members = ReturnType<typeof createMembers>;
