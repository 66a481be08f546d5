// Appends messages with seq = last + 1. The unique (conversation, seq) index decides between
// writers (appends to one conversation queue up per process, and on the shared lock with
// Redis; a stale guess loses with a duplicate and retries), so seqs are gapless and visible in
// order. The conversation summary follows behind (summaries.ts).
import {Types} from 'mongoose';
import {AppError} from '../errors.js';
import type {Conversation, Message, Models} from '../models/index.js';
import type {KeyedMutex} from '../infra/keyed-mutex.js';
import type {Tip, TipStore} from '../infra/tips.js';
import type {ChatCaches} from './caches.js';
import type {SummaryWriter} from './summaries.js';

const PREVIEW_LENGTH = 140;
const MAX_ATTEMPTS = 20;
const ZERO: Message['counts'] = {applicant: 0, lawyer: 0};

/** The same sender already stored a message with this clientId. */
export class ClientIdTaken extends Error {}

export type NewMessage = Pick<Message, 'sender' | 'kind' | 'body' | 'clientId' | 'system' | 'consultationId'> & Partial<Pick<Message, 'consultation' | 'mentions' | 'attachment' | 'emailRequest' | 'request'>>;

export interface Appended {
  message: Message;
  /** The conversation as it stands with this message (summary applied in memory). */
  conversation: Conversation;
  /** Settles when the summary is written (never rejects). */
  summary: Promise<void>;
}

const isDuplicateKey = (err: unknown) => (err as {code?: number})?.code === 11000;

function sideOf(kind: Message['sender']['kind']): 'applicant' | 'lawyer' | null {
  return kind === 'applicant' || kind === 'lawyer' ? kind : null;
}

function preview(body: string): string {
  const flat = body.replace(/\s+/g, ' ');
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

export function createSequencer(deps: {models: Models; mutex: KeyedMutex; tips: TipStore; caches: ChatCaches; summaries: SummaryWriter}) {
  const {Conversation, Message} = deps.models;
  const {mutex, tips, caches, summaries} = deps;

  /** The newest stored message: a scan, only when a guessed seq turned out to be taken. */
  async function readTip(conversationId: Types.ObjectId): Promise<Tip> {
    const last = await Message.findOne({conversationId}).sort({seq: -1}).select({seq: 1, counts: 1}).lean<Pick<Message, 'seq' | 'counts'>>();
    return last ? {seq: last.seq, counts: {...ZERO, ...last.counts}} : {seq: 0, counts: {...ZERO}};
  }

  /** The summary's seq, once this process's pending summary writes are in. */
  async function summaryTip(conversationId: Types.ObjectId): Promise<Tip> {
    await summaries.settled(String(conversationId));
    const c = await Conversation.findById(conversationId).select({lastSeq: 1, counts: 1}).lean<Pick<Conversation, 'lastSeq' | 'counts'>>();
    return {seq: c?.lastSeq ?? 0, counts: {...ZERO, ...c?.counts}};
  }

  async function insert(conv: Pick<Conversation, '_id' | 'firmId'>, msg: NewMessage): Promise<Message> {
    const key = String(conv._id);
    // Notes count for neither side: unread counts are what the applicant can see.
    const side = msg.kind === 'note' ? null : sideOf(msg.sender.kind);
    // Seq takers of one conversation queue up (across processes with Redis). Not for
    // isolation (the unique index alone keeps seqs unique): unordered, a burst would all guess
    // the same seq and retry against each other, up to MAX_ATTEMPTS each, and messages would
    // not be numbered in the order they arrived; the tip store would also be set out of order.
    return mutex.run(`${key}:seq`, async () => {
      // No tip yet: the conversation as this process last saw it (read when it was joined) is a
      // guess without a read before the insert; a stale one loses on the index and reads the tip.
      const seen = caches.seen(key)?.conv;
      let tip = (await tips.get(key)) ?? (seen ? {seq: seen.lastSeq ?? 0, counts: {...ZERO, ...seen.counts}} : await summaryTip(conv._id));
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const counts = {...ZERO, ...tip.counts};
        if (side) counts[side] += 1;
        const doc: Message = {...msg, _id: new Types.ObjectId(), conversationId: conv._id, firmId: conv.firmId, seq: tip.seq + 1, counts, createdAt: new Date(), deletedAt: null, deletedBy: null};
        try {
          await Message.collection.insertOne(doc);
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          // Which unique index refused us? (FerretDB does not say.) Ours if the clientId is taken.
          if (msg.sender.id && (await Message.exists({conversationId: conv._id, 'sender.id': msg.sender.id, clientId: msg.clientId}))) throw new ClientIdTaken();
          tip = await readTip(conv._id); // another writer took the seq
          continue;
        }
        await tips.set(key, {seq: doc.seq, counts});
        return doc;
      }
      throw new AppError('unavailable', 'the conversation is very busy; retry the message', {retryAfter: 1});
    });
  }

  /** Resolves once the message is stored; the summary follows (`summary`). */
  async function append(conv: Pick<Conversation, '_id' | 'firmId'>, msg: NewMessage, reopenIfClosed: boolean): Promise<Appended> {
    const key = String(conv._id);
    // The conversation's current state for the broadcast, read while the insert runs.
    const current = caches.snapshot(conv._id);
    current.catch(() => {});
    const message = await insert(conv, msg);
    const base = await current;
    if (!base) throw new AppError('not_found', 'conversation not found');
    const reopen = reopenIfClosed && base.status === 'closed';
    // The preview reaches the applicant's own conversation DTO: never from a note.
    const previewText = message.kind === 'system' || message.kind === 'note' || message.kind === 'email-request' ? null : message.kind === 'text' ? preview(message.body)
      : message.kind === 'attachment' ? preview(`${message.attachment?.name ?? ''}${message.body ? ` — ${message.body}` : ''}`) : message.body;
    const summary = summaries.schedule(key, {seq: message.seq, counts: message.counts, at: message.createdAt, preview: previewText, reopen});
    const conversation: Conversation = {
      ...base,
      lastSeq: Math.max(base.lastSeq ?? 0, message.seq),
      counts: {applicant: Math.max(base.counts?.applicant ?? 0, message.counts.applicant), lawyer: Math.max(base.counts?.lawyer ?? 0, message.counts.lawyer)},
      lastMessageAt: message.createdAt,
      lastMessagePreview: previewText ?? base.lastMessagePreview,
      status: reopen ? 'open' : base.status,
    };
    const seen = caches.seen(key);
    caches.remember(conversation, seen?.conv === base ? seen.at : Date.now());
    return {message, conversation, summary: summary.then(() => {}, () => {})};
  }

  return {append};
}

export type Sequencer = ReturnType<typeof createSequencer>;
