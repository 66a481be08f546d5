// The chat service: conversations and messages, transport-free. The operations table
// (backend/operations/) calls these with an authenticated, authorised principal and validated
// input, and gets DTOs back. Built from rooms a reader can name:
//   caches.ts      what is remembered between calls (applicants, membership, snapshots)
//   summaries.ts   conversation summaries written behind the messages
//   sequencer.ts   gapless seqs under the unique index
//   members.ts     who may act on a conversation
//   announce.ts    DTOs and bus events
//   conversations.ts, messages.ts, receipts.ts, cards.ts: the use cases
import type {Models} from '../models/index.js';
import type {EventBus} from '../infra/bus.js';
import type {KeyedMutex} from '../infra/keyed-mutex.js';
import {createMemoryTipStore, type TipStore} from '../infra/tips.js';
import {createAnnouncer} from './announce.js';
import {createChatCaches} from './caches.js';
import {cardUseCases} from './cards.js';
import {conversationUseCases} from './conversations.js';
import {createMembers} from './members.js';
import {messageUseCases} from './messages.js';
import {receiptUseCases} from './receipts.js';
import {createSequencer} from './sequencer.js';
import {createSummaryWriter} from './summaries.js';

export interface ChatServiceDeps {
  models: Models;
  bus: EventBus;
  /** Orders each conversation's seq takers (sequencer.ts). */
  mutex: KeyedMutex;
  /** Where seqs are guessed from; shared through Redis when several processes run. */
  tips?: TipStore;
}

export function createChatService(deps: ChatServiceDeps) {
  const {models, bus, mutex} = deps;
  const caches = createChatCaches(models);
  const summaries = createSummaryWriter({models});
  const sequencer = createSequencer({models, mutex, tips: deps.tips ?? createMemoryTipStore(), caches, summaries});
  const members = createMembers({models, caches, summaries});
  const announce = createAnnouncer({bus, caches, sequencer, summaries});
  return {
    loadMember: members.load,
    toDto: announce.toDto,
    /** Writes every pending conversation summary (before shutdown). */
    flush: () => summaries.settled(),
    /** A session changed this applicant's profile: the next DTO reads it again. */
    forgetApplicant: caches.forgetApplicant,
    forgetConversations: caches.forgetConversations,
    ...conversationUseCases({models, caches, summaries, members, announce}),
    ...messageUseCases({models, members, sequencer, announce}),
    ...receiptUseCases({models, bus, caches, members}),
    ...cardUseCases({models, sequencer, summaries, announce}),
  };
}

export type ChatService = ReturnType<typeof createChatService>;
