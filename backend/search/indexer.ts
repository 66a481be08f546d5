// Keeps the search terms in step with the chat: it listens to the domain events of this
// process (a message sent or deleted, a conversation created) and writes in the background,
// in order, coalescing a burst of messages into one write per conversation and word. The search re-checks every hit against the stored message, so a
// term written late or left behind never shows a wrong or deleted message.
import type {Model, Types} from 'mongoose';
import type {EventBus} from '../infra/bus.js';
import type {Logger} from '../logger.js';
import type {Applicant, Conversation, Lease, Message, Models} from '../models/index.js';
import type {SearchTerm} from './model.js';
import {conversationTerms, messageTerms, storeTerms} from './terms.js';

type Job =
  | {kind: 'put'; docs: SearchTerm[]}
  | {kind: 'dropMessage'; conversationId: Types.ObjectId | string}
  | {kind: 'conversationFields'; conversationId: Types.ObjectId | string};

// v2: one row per conversation and word (v1 stored one per message and word); a v1 index is redone once.
const BACKFILL_MARK = 'search-backfill-v2';
/** Queued messages' rows written together, at most. */
const WRITE_BATCH = 1_000;
/** A deleted message's conversation is re-read this far back to point its words at other messages. */
const REINDEX_MESSAGES = 2_000;

export function createIndexer(deps: {models: Models; terms: Model<SearchTerm>; bus: EventBus; logger: Logger}) {
  const {terms: Terms} = deps;
  const {Conversation, Applicant, Message, Lease} = deps.models;
  const queue: Job[] = [];
  let running: Promise<void> | null = null;

  /** Rewrites a conversation's message words from its stored messages (after a deletion). */
  async function reindexMessages(conversationId: Types.ObjectId | string, onlyNew = false): Promise<number> {
    // The backfill keeps rows live writes made, but drops a v1 index's per-message rows.
    await Terms.deleteMany(onlyNew ? {conversationId, messageId: {$ne: null}, _id: {$not: /^t/}} : {conversationId, messageId: {$ne: null}});
    const messages = await Message.find({conversationId, deletedAt: null}).sort({seq: -1}).limit(REINDEX_MESSAGES).lean<Message[]>();
    return storeTerms(Terms.collection, messages.flatMap((m) => messageTerms({id: m._id, firmId: m.firmId, conversationId: m.conversationId, kind: m.kind, body: m.body, createdAt: m.createdAt, deletedAt: m.deletedAt})), onlyNew);
  }

  async function conversationFields(conversationId: Types.ObjectId | string): Promise<void> {
    const conv = await Conversation.findById(conversationId).lean<Conversation>();
    await Terms.deleteMany({conversationId, messageId: null});
    if (!conv) return;
    const applicant = await Applicant.findById(conv.applicantId).select({name: 1, email: 1}).lean<Pick<Applicant, 'name' | 'email'>>();
    // The conversation's field rows were just removed: a plain insert (rows a retry wrote stay).
    await storeTerms(Terms.collection, conversationTerms({id: conv._id, firmId: conv.firmId, createdAt: conv.createdAt, topic: conv.topic}, applicant), true);
  }

  async function drain(): Promise<void> {
    while (queue.length) {
      const job = queue.shift()!;
      try {
        if (job.kind === 'put') {
          const docs = [...job.docs];
          while (queue[0]?.kind === 'put' && docs.length < WRITE_BATCH) docs.push(...(queue.shift() as {docs: SearchTerm[]}).docs);
          await storeTerms(Terms.collection, docs);
        } else if (job.kind === 'dropMessage') {
          await reindexMessages(job.conversationId);
        } else {
          await conversationFields(job.conversationId);
        }
      } catch (err) {
        deps.logger.error({err, job: job.kind}, 'search index write failed');
      }
    }
  }

  function enqueue(job: Job): void {
    queue.push(job);
    running ??= drain().finally(() => {
      running = null;
    });
  }

  deps.bus.subscribe('message:new', ({conversation, message}) => {
    const docs = messageTerms({...message, firmId: conversation.firmId});
    if (docs.length) enqueue({kind: 'put', docs});
  });
  deps.bus.subscribe('message:updated', ({conversation, message}) => {
    if (message.deletedAt) enqueue({kind: 'dropMessage', conversationId: conversation.id});
  });
  deps.bus.subscribe('conversation:created', ({conversation}) => enqueue({kind: 'conversationFields', conversationId: conversation.id}));

  return {
    logError(err: unknown): void {
      deps.logger.error({err}, 'search backfill failed');
    },

    /** The applicant's name or email changed: their conversations' fields are rewritten. */
    async applicantChanged(applicantId: string): Promise<void> {
      const convs = await Conversation.find({applicantId}).sort({createdAt: -1}).limit(100).select({_id: 1}).lean<{_id: Types.ObjectId}[]>();
      for (const c of convs) enqueue({kind: 'conversationFields', conversationId: c._id});
    },

    /** Removes whole conversations' terms (erasure, retention); returns how many went. */
    async dropConversations(ids: (Types.ObjectId | string)[]): Promise<number> {
      await this.idle();
      let n = 0;
      for (const conversationId of ids) n += (await Terms.deleteMany({conversationId})).deletedCount;
      return n;
    },

    /** Resolves once every queued write is done (tests, shutdown). */
    async idle(): Promise<void> {
      while (running) await running;
    },

    /**
     * Indexes what was stored before search existed, once per database (a mark in the leases
     * collection), conversation by conversation through indexed reads. Safe to run twice.
     */
    async backfill(): Promise<{conversations: number; terms: number}> {
      const done = await Lease.findById(BACKFILL_MARK).lean<Lease>();
      const counts = {conversations: 0, terms: 0};
      if (done?.doneDay) return counts;
      const firms = await deps.models.Firm.find().select({_id: 1}).lean<{_id: Types.ObjectId}[]>();
      for (const firm of firms) {
        for await (const conv of Conversation.find({firmId: firm._id}).sort({lastMessageAt: -1}).lean<Conversation>().cursor()) {
          counts.conversations++;
          await conversationFields(conv._id);
          counts.terms += await reindexMessages(conv._id, true);
        }
      }
      await Lease.updateOne({_id: BACKFILL_MARK}, {$set: {holder: 'backfill', until: new Date(0), doneDay: new Date().toISOString().slice(0, 10)}}, {upsert: true});
      return counts;
    },
  };
}

export type SearchIndexer = ReturnType<typeof createIndexer>;
export {BACKFILL_MARK};
