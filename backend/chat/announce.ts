// Conversation DTOs and the bus events every use case ends with.
import {randomUUID} from 'node:crypto';
import type {ConversationDto, MessageDto, SystemEvent} from '../../protocol/chat.js';
import type {Applicant, Conversation, Message} from '../models/index.js';
import type {EventBus} from '../infra/bus.js';
import {conversationDto, messageDto} from '../services/dto.js';
import type {ChatCaches} from './caches.js';
import type {Sequencer} from './sequencer.js';
import type {SummaryWriter} from './summaries.js';

export function createAnnouncer(deps: {bus: EventBus; caches: ChatCaches; sequencer: Sequencer; summaries: SummaryWriter}) {
  const {bus, caches} = deps;

  async function toDto(conv: Conversation, applicant?: Applicant): Promise<ConversationDto> {
    return conversationDto(conv, applicant ?? (await caches.applicant(conv.applicantId)));
  }

  return {
    toDto,

    async conversation(conv: Conversation): Promise<ConversationDto> {
      const dto = await toDto(conv);
      bus.publish('conversation:updated', {conversation: dto});
      return dto;
    },

    async created(conv: Conversation): Promise<ConversationDto> {
      const dto = await toDto(conv);
      bus.publish('conversation:updated', {conversation: dto});
      bus.publish('conversation:created', {conversation: dto});
      return dto;
    },

    async message(conv: Conversation, message: Message, event: 'message:new' | 'message:updated' = 'message:new'): Promise<MessageDto> {
      const dto = messageDto(message);
      bus.publish(event, {conversation: await toDto(conv), message: dto});
      return dto;
    },

    /** Appends a system line (assigned, closed…) and broadcasts it once its summary is in. */
    async system(conv: Conversation, system: SystemEvent): Promise<Conversation> {
      const {message, conversation} = await deps.sequencer.append(conv, {sender: {kind: 'system', id: null, name: null}, kind: 'system', body: '', clientId: randomUUID(), system, consultationId: null}, false);
      await deps.summaries.settled(String(conv._id));
      bus.publish('message:new', {conversation: await toDto(conversation), message: messageDto(message)});
      return conversation;
    },
  };
}

export type Announcer = ReturnType<typeof createAnnouncer>;
