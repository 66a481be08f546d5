// Use cases on messages: send once per clientId, sync after a seq, page back, soft delete.
import {Types} from 'mongoose';
import type {MessageDto, MessagePage} from '../../protocol/chat.js';
import {PAGE_MAX} from '../../protocol/chat.js';
import type {AttachmentDto} from '../../protocol/attachments.js';
import type {SocketPrincipal as Principal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import {AppError} from '../errors.js';
import type {Message, Models} from '../models/index.js';
import {messageDto} from '../services/dto.js';
import type {Announcer} from './announce.js';
import type {Members} from './members.js';
import {ClientIdTaken, type NewMessage, type Sequencer} from './sequencer.js';

const HISTORY_PAGE = 50;

/** Applicants never see notes; the page's cursor still moves past them. */
function page(p: Principal, docs: Message[], throughSeq: number, hasMore: boolean): MessagePage {
  const shown = p.kind === 'applicant' ? docs.filter((m) => m.kind !== 'note') : docs;
  return {messages: shown.map(messageDto), throughSeq, hasMore};
}

/** Lawyers of the firm named after an `@` in a note (full name, or first name when unambiguous). */
async function mentioned(models: Models, firmId: Types.ObjectId, body: string): Promise<Types.ObjectId[] | undefined> {
  if (!body.includes('@')) return undefined;
  const text = body.toLowerCase();
  const lawyers = await models.Lawyer.find({firmId}).select({name: 1}).limit(200).lean<{_id: Types.ObjectId; name: string}[]>();
  const first = (n: string) => n.toLowerCase().split(/\s+/)[0];
  const ids = lawyers.filter((l) => text.includes(`@${l.name.toLowerCase()}`)
    || (text.includes(`@${first(l.name)}`) && lawyers.filter((o) => first(o.name) === first(l.name)).length === 1)).map((l) => l._id);
  return ids.length ? ids : undefined;
}

/** Runs after a message is soft-deleted (e.g. its document's bytes are removed). */
export type DeletedHook = (message: Message) => Promise<void>;

export function messageUseCases(deps: {models: Models; members: Members; sequencer: Sequencer; announce: Announcer}) {
  const {Message} = deps.models;
  const {members, announce} = deps;
  const deletedHooks: DeletedHook[] = [];

  /** Appends once per (sender, clientId); a repeat returns the stored message. */
  async function appendOnce(p: Principal, conv: Awaited<ReturnType<Members['check']>>, msg: Omit<NewMessage, 'sender'>, reopen = true): Promise<{dto: MessageDto; fresh: boolean}> {
    const senderId = new Types.ObjectId(p.id);
    try {
      // A repeat is refused by the unique clientId index (no lookup before the first try).
      const {message, conversation} = await deps.sequencer.append(conv, {...msg, sender: {kind: p.kind, id: senderId, name: p.name}}, reopen);
      return {dto: await announce.message(conversation, message), fresh: true};
    } catch (err) {
      // Stored already (a resend, or a race with another connection): return the stored one.
      if (err instanceof ClientIdTaken) {
        const winner = await Message.findOne({conversationId: conv._id, 'sender.id': senderId, clientId: msg.clientId}).lean<Message>();
        if (winner && !(p.kind === 'applicant' && winner.kind === 'note')) return {dto: messageDto(winner), fresh: false};
      }
      throw err;
    }
  }

  /** Up to `limit` messages past `seq` in one direction, and whether more remain. */
  async function slice(conversationId: Types.ObjectId, seq: {$gt: number} | {$lt: number}, order: 1 | -1, limit: number) {
    const docs = await Message.find({conversationId, seq}).sort({seq: order}).limit(limit + 1).lean<Message[]>();
    const hasMore = docs.length > limit;
    if (hasMore) docs.length = limit;
    return {docs, hasMore};
  }

  return {
    /** Stores a message once per clientId; a repeat returns the stored message unchanged. */
    async send(p: Principal, input: Valid<'send'>): Promise<MessageDto> {
      if (input.note && p.kind !== 'lawyer') throw new AppError('forbidden', 'only lawyers can write notes');
      const conv = await members.check(p, input.conversationId);
      const mentions = input.note ? await mentioned(deps.models, conv.firmId, input.body) : undefined;
      // A note neither reopens a closed conversation nor reaches the applicant.
      return (await appendOnce(p, conv, {kind: input.note ? 'note' : 'text', body: input.body, clientId: input.clientId, system: null, consultationId: null, ...(mentions ? {mentions} : {})}, !input.note)).dto;
    },

    /** The stored message of this sender and clientId, if any (served by the unique index). */
    async findByClientId(p: Principal, conversationId: Types.ObjectId, clientId: string): Promise<MessageDto | null> {
      const doc = await Message.findOne({conversationId, 'sender.id': new Types.ObjectId(p.id), clientId}).lean<Message>();
      return doc && !(p.kind === 'applicant' && doc.kind === 'note') ? messageDto(doc) : null;
    },

    /** Posts a document's message; `fresh` is false when the clientId was already stored. */
    async sendAttachment(p: Principal, conversationId: string, input: {clientId: string; caption: string; attachment: AttachmentDto}): Promise<{dto: MessageDto; fresh: boolean}> {
      const conv = await members.check(p, conversationId);
      return appendOnce(p, conv, {kind: 'attachment', body: input.caption, clientId: input.clientId, system: null, consultationId: null, attachment: input.attachment});
    },

    onMessageDeleted(hook: DeletedHook): void {
      deletedHooks.push(hook);
    },

    /** Everything after `afterSeq`, in order; `throughSeq` is the cursor to sync from next. */
    async syncAfter(p: Principal, input: Valid<'sync'>): Promise<MessagePage> {
      const conv = await members.load(p, input.conversationId);
      const {docs, hasMore} = await slice(conv._id, {$gt: input.afterSeq}, 1, input.limit ?? PAGE_MAX);
      return page(p, docs, docs.at(-1)?.seq ?? input.afterSeq, hasMore);
    },

    /** Older messages before `beforeSeq`, oldest first; a `beforeSeq` past the end gives the latest page. */
    async historyBefore(p: Principal, input: Valid<'history'>): Promise<MessagePage> {
      const conv = await members.load(p, input.conversationId);
      const {docs, hasMore} = await slice(conv._id, {$lt: input.beforeSeq}, -1, input.limit ?? HISTORY_PAGE);
      docs.reverse();
      // Seqs become visible in order, so the newest seq of this page is a valid sync cursor.
      return page(p, docs, docs.at(-1)?.seq ?? 0, hasMore);
    },

    /** Soft delete: the author or the firm's owner. */
    async deleteMessage(p: Principal, input: Valid<'deleteMessage'>): Promise<MessageDto> {
      const conv = await members.load(p, input.conversationId);
      const msg = await Message.findOne({_id: new Types.ObjectId(input.messageId), conversationId: conv._id}).lean<Message>();
      if (!msg || (p.kind === 'applicant' && msg.kind === 'note')) throw new AppError('not_found', 'message not found');
      if (String(msg.sender.id) !== p.id && p.role !== 'owner') throw new AppError('forbidden', 'only the author or the firm owner can delete a message');
      const updated = await Message.findOneAndUpdate({_id: msg._id, deletedAt: null}, {$set: {deletedAt: new Date(), deletedBy: new Types.ObjectId(p.id), body: ''}}, {new: true}).lean<Message>();
      if (updated) {
        for (const hook of deletedHooks) await hook(msg);
        return announce.message(conv, updated, 'message:updated');
      }
      return messageDto((await Message.findById(msg._id).lean<Message>())!);
    },
  };
}
