// Who is online, for the transports: snapshots on join, dots in lists, and the last-seen time
// stored when someone goes offline. The counting itself lives in the presence store (infra/).
import {Types} from 'mongoose';
import type {ConversationDto, ParticipantKind, PresenceDto} from '../../protocol/chat.js';
import {participantKey} from '../../protocol/chat.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {ConversationListResponse, LawyerListResponse} from '../../protocol/rest.js';
import type {Logger} from '../logger.js';
import type {Lawyer, Models} from '../models/index.js';
import type {PresenceStore} from '../infra/presence.js';
import {lawyerDto} from './dto.js';

/** Applicants see at most this many of their firm's lawyers' presence. */
const LAWYERS_SHOWN = 50;

export function createPresenceService(deps: {models: Models; store: PresenceStore; logger: Logger}) {
  const {models, store} = deps;
  const modelOf = (kind: ParticipantKind) => (kind === 'lawyer' ? models.Lawyer : models.Applicant) as typeof models.Lawyer;

  async function of(kind: ParticipantKind, ids: Types.ObjectId[]): Promise<PresenceDto[]> {
    const docs = await modelOf(kind).find({_id: {$in: ids}}).select({lastSeenAt: 1}).lean<Pick<Lawyer, '_id' | 'lastSeenAt'>[]>();
    return Promise.all(docs.map(async (d) => {
      const key = participantKey(kind, String(d._id));
      return {key, online: await store.isOnline(key), lastSeenAt: d.lastSeenAt ? new Date(d.lastSeenAt).toISOString() : null};
    }));
  }

  return {
    store,

    /** The other side of a conversation: its applicant for lawyers, the firm's lawyers for applicants. */
    async otherSide(p: SocketPrincipal, conversation: ConversationDto): Promise<PresenceDto[]> {
      if (p.kind === 'lawyer') return of('applicant', [new Types.ObjectId(conversation.applicant.id)]);
      const lawyers = await models.Lawyer.find({firmId: new Types.ObjectId(p.firmId)}).select({_id: 1}).limit(LAWYERS_SHOWN).lean<{_id: Types.ObjectId}[]>();
      return of('lawyer', lawyers.map((l) => l._id));
    },

    /** The presence event to send; going offline also stores the last-seen time. */
    async changed(p: Pick<SocketPrincipal, 'kind' | 'id'>, online: boolean): Promise<PresenceDto> {
      const key = participantKey(p.kind, p.id);
      if (online) return {key, online, lastSeenAt: null};
      const now = new Date();
      await modelOf(p.kind).updateOne({_id: new Types.ObjectId(p.id)}, {$set: {lastSeenAt: now}}).catch((err) => deps.logger.warn({err}, 'could not store lastSeenAt'));
      return {key, online, lastSeenAt: now.toISOString()};
    },

    /** The console's online dots start from a list; `presence` events keep them current. */
    async markOnline(list: ConversationListResponse): Promise<ConversationListResponse> {
      await Promise.all(list.conversations.map(async (c) => {
        c.online = await store.isOnline(participantKey('applicant', c.applicant.id));
      }));
      return list;
    },

    /** The firm's lawyers with their online dots, for assigning conversations. */
    async lawyers(docs: Lawyer[]): Promise<LawyerListResponse> {
      return {lawyers: await Promise.all(docs.map(async (l) => ({...lawyerDto(l), online: await store.isOnline(participantKey('lawyer', String(l._id)))})))};
    },
  };
}

export type PresenceService = ReturnType<typeof createPresenceService>;
