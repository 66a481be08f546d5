// What the chat remembers between calls, so a message costs one insert plus at most one _id
// read on the hot path (membership and the broadcast's conversation come from here).
import type {Types} from 'mongoose';
import {AppError} from '../errors.js';
import type {Applicant, Conversation, Models} from '../models/index.js';

/** Applicant names/emails in conversation DTOs may lag a profile change on another process by this much (and one message). */
const APPLICANT_TTL_MS = 5_000;
const SNAPSHOT_TTL_MS = 1_000;
const CACHE_MAX = 50_000;

export type Membership = Pick<Conversation, '_id' | 'firmId' | 'applicantId'>;

/** A map that forgets everything when full: cheap, and every entry can be read again. */
function boundedMap<V>() {
  const map = new Map<string, V>();
  return Object.assign(map, {
    put(key: string, value: V) {
      if (map.size >= CACHE_MAX) map.clear();
      map.set(key, value);
    },
  });
}

export function createChatCaches(models: Models) {
  const applicants = boundedMap<{applicant: Applicant; at: number}>();
  /** A conversation's firm and applicant never change: membership is checked from here. */
  const members = boundedMap<Membership>();
  // The conversation as last read or written here, for the DTO broadcast with each message.
  // Writes in this process refresh it; another process's cursor or assignment change shows in
  // it after at most SNAPSHOT_TTL_MS (their own receipt/conversation events carry it at once).
  const snapshots = boundedMap<{conv: Conversation; at: number}>();
  const refreshing = new Set<string>();

  async function loadApplicant(key: string, id: Types.ObjectId): Promise<Applicant> {
    const a = await models.Applicant.findById(id).lean<Applicant>();
    if (!a) {
      applicants.delete(key);
      throw new AppError('not_found', 'applicant not found');
    }
    applicants.put(key, {applicant: a, at: Date.now()});
    return a;
  }

  return {
    /**
     * The applicant for a conversation DTO. Past the TTL the remembered one is still answered
     * and read again behind it (a message's broadcast never waits on that read); a change made
     * on another process shows from the next message on.
     */
    async applicant(id: Types.ObjectId): Promise<Applicant> {
      const key = String(id);
      const hit = applicants.get(key);
      if (hit && Date.now() - hit.at < APPLICANT_TTL_MS) return hit.applicant;
      if (hit) {
        if (!refreshing.has(key)) {
          refreshing.add(key);
          hit.at = Date.now(); // one read per TTL, however many messages ask meanwhile
          loadApplicant(key, id).catch(() => applicants.delete(key)).finally(() => refreshing.delete(key));
        }
        return hit.applicant;
      }
      return loadApplicant(key, id);
    },
    forgetApplicant(id: string): void {
      applicants.delete(id);
    },

    member: (id: string): Membership | undefined => members.get(id),
    rememberMember(conv: Membership): void {
      members.put(String(conv._id), {_id: conv._id, firmId: conv.firmId, applicantId: conv.applicantId});
    },

    /** The snapshot with the time it was taken (kept when a write only extends it). */
    seen: (id: string) => snapshots.get(id),
    remember(conv: Conversation, at = Date.now()): void {
      snapshots.put(String(conv._id), {conv, at});
    },
    async snapshot(id: Types.ObjectId): Promise<Conversation | null> {
      const hit = snapshots.get(String(id));
      if (hit && Date.now() - hit.at < SNAPSHOT_TTL_MS) return hit.conv;
      const conv = await models.Conversation.findById(id).lean<Conversation>();
      if (conv) this.remember(conv);
      return conv;
    },
    /** A write made the snapshot stale. */
    invalidate(id: string): void {
      snapshots.delete(id);
    },

    /** Drops what this process remembers of erased conversations. */
    forgetConversations(ids: string[]): void {
      for (const id of ids) {
        members.delete(id);
        snapshots.delete(id);
      }
    },
  };
}

export type ChatCaches = ReturnType<typeof createChatCaches>;
