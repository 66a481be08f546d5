// Retention: each firm may keep closed conversations only so many days after their last
// message. A daily job deletes older ones with their messages, documents, consultations and
// stored emails. One process at a time runs it (a lease document taken with an atomic update), and
// running it twice deletes nothing more, so a crash half-way is simply finished the next time.
import {randomUUID} from 'node:crypto';
import type {Connection} from 'mongoose';
import {Types} from 'mongoose';
import type {Firm, Lease, Models} from '../models/index.js';
import {consultationModel} from '../models/consultation.js';
import {outboxModel} from '../models/outbox.js';
import type {Logger} from '../logger.js';
import type {ChatService} from '../chat/index.js';
import type {AuditLog} from './audit.js';

const DAY_MS = 86_400_000;
const LEASE_MS = 10 * 60_000;
/** Conversations deleted per batch: bounded work between checks of the lease. */
const BATCH = 200;

export interface RetentionCounts {
  conversations: number;
  messages: number;
  consultations: number;
  emails: number;
  documents: number;
}

export interface RetentionDeps {
  db: Connection;
  models: Models;
  chat: ChatService;
  audit: AuditLog;
  logger: Logger;
  /** Deletes the documents (records and stored bytes) of these conversations; returns how many. */
  documents?: (conversationIds: Types.ObjectId[]) => Promise<number>;
  now?: () => Date;
  /** Removes the conversations' search terms. */
  dropConversations?: (ids: Types.ObjectId[]) => Promise<number>;
}

export function createRetention(deps: RetentionDeps) {
  const {Firm, Conversation, Message, Lease} = deps.models;
  const now = deps.now ?? (() => new Date());
  const holder = randomUUID();
  let timer: NodeJS.Timeout | undefined;

  /** Deletes one firm's expired closed conversations; returns what went. */
  async function purgeFirm(firm: Firm, at: Date): Promise<RetentionCounts> {
    const counts: RetentionCounts = {conversations: 0, messages: 0, consultations: 0, emails: 0, documents: 0};
    const days = firm.retention?.days;
    if (!days || days < 1) return counts;
    const cutoff = new Date(at.getTime() - days * DAY_MS);
    const Consultation = consultationModel(deps.db);
    const Outbox = outboxModel(deps.db);
    for (;;) {
      // Served by {firmId, lastMessageAt}; the status is checked on the few rows it returns.
      const batch = await Conversation.find({firmId: firm._id, lastMessageAt: {$lt: cutoff}, status: 'closed'}).select({_id: 1}).limit(BATCH).lean<{_id: Types.ObjectId}[]>();
      if (!batch.length) break;
      const ids = batch.map((c) => c._id);
      for (const id of ids) {
        const consultations = (await Consultation.find({conversationId: id}).select({_id: 1}).lean()).map((c) => c._id);
        if (consultations.length) {
          counts.emails += (await Outbox.deleteMany({consultationId: {$in: consultations}})).deletedCount;
          counts.consultations += (await Consultation.deleteMany({_id: {$in: consultations}})).deletedCount;
        }
        if (deps.documents) counts.documents += await deps.documents([id]);
        counts.messages += (await Message.deleteMany({conversationId: id})).deletedCount;
      }
      await deps.dropConversations?.(ids);
      // The conversation goes last: a crash before this line leaves it to the next run.
      counts.conversations += (await Conversation.deleteMany({_id: {$in: ids}, status: 'closed'})).deletedCount;
      deps.chat.forgetConversations(ids.map(String));
      if (batch.length < BATCH) break;
    }
    return counts;
  }

  /** Takes the day's lease if nobody holds it and the day is not done yet. */
  async function claim(day: string, at: Date): Promise<boolean> {
    try {
      await Lease.create({_id: 'retention', holder: 'nobody', until: new Date(0), doneDay: null});
    } catch (err) {
      if ((err as {code?: number}).code !== 11000) throw err;
    }
    const taken = await Lease.findOneAndUpdate(
      {_id: 'retention', until: {$lt: at}, doneDay: {$ne: day}},
      {$set: {holder, until: new Date(at.getTime() + LEASE_MS)}},
      {new: true},
    ).lean<Lease>();
    return taken?.holder === holder;
  }

  return {
    /** Purges every firm with a retention period; false when another process has the day. */
    async runOnce(opts: {force?: boolean} = {}): Promise<boolean> {
      const at = now();
      const day = at.toISOString().slice(0, 10);
      if (!(await claim(opts.force ? `${day}:${randomUUID()}` : day, at))) return false;
      try {
        const firms = await Firm.find({'retention.days': {$gte: 1}}).lean<Firm[]>();
        for (const firm of firms) {
          const counts = await purgeFirm(firm, at);
          await Firm.updateOne({_id: firm._id}, {$set: {'retention.lastRunAt': at, 'retention.lastCounts': counts}});
          const total = counts.conversations + counts.messages + counts.consultations + counts.emails + counts.documents;
          if (total) await deps.audit.record({firmId: String(firm._id), id: null, name: 'retention'}, 'retention.purge', Object.entries(counts).map(([field, to]) => ({field, to})));
        }
        await Lease.updateOne({_id: 'retention', holder}, {$set: {doneDay: day, until: new Date(0)}});
        return true;
      } catch (err) {
        await Lease.updateOne({_id: 'retention', holder}, {$set: {until: new Date(0)}}).catch(() => {});
        throw err;
      }
    },

    /** Tries every hour; the lease makes it once a day across all processes. */
    start(everyMs = 3_600_000): void {
      const tick = () => void this.runOnce().catch((err) => deps.logger.error({err}, 'retention run failed'));
      setTimeout(tick, 5_000).unref();
      timer = setInterval(tick, everyMs);
      timer.unref();
    },

    stop(): void {
      clearInterval(timer);
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
