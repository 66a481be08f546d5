// Canned replies: the firm's (owners manage them) and each lawyer's own, for `/` in the console.
import {Types} from 'mongoose';
import type {CannedReplyDto} from '../../protocol/chat.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import {AppError} from '../errors.js';
import type {CannedReply, Models} from '../models/index.js';

const MAX_PER_OWNER = 300;

function dto(r: CannedReply): CannedReplyDto {
  return {id: String(r._id), shortcut: r.shortcut, body: r.body, shared: !r.ownerId};
}

export function createReplyService(models: Models) {
  const {CannedReply} = models;
  const firm = (p: SocketPrincipal) => new Types.ObjectId(p.firmId);

  return {
    /** The firm's replies, then the lawyer's own, each by shortcut. */
    async list(p: SocketPrincipal): Promise<{replies: CannedReplyDto[]}> {
      const [shared, own] = await Promise.all([null, new Types.ObjectId(p.id)].map((ownerId) =>
        CannedReply.find({firmId: firm(p), ownerId}).sort({shortcut: 1}).limit(MAX_PER_OWNER).lean<CannedReply[]>()));
      return {replies: [...shared, ...own].map(dto)};
    },

    async create(p: SocketPrincipal, input: Valid<'createReply'>): Promise<CannedReplyDto> {
      if (input.shared && p.role !== 'owner') throw new AppError('forbidden', 'only the firm owner can add firm-wide replies');
      const ownerId = input.shared ? null : new Types.ObjectId(p.id);
      if ((await CannedReply.countDocuments({firmId: firm(p), ownerId})) >= MAX_PER_OWNER) throw new AppError('bad_request', `at most ${MAX_PER_OWNER} replies`);
      const doc = await CannedReply.create({firmId: firm(p), ownerId, shortcut: input.shortcut, body: input.body});
      return dto(doc.toObject());
    },

    /** One's own, or a firm-wide one by the owner. */
    async remove(p: SocketPrincipal, input: Valid<'replyRef'>): Promise<{deleted: true}> {
      const r = await CannedReply.findOne({_id: new Types.ObjectId(input.id), firmId: firm(p)}).lean<CannedReply>();
      if (!r || (r.ownerId && String(r.ownerId) !== p.id)) throw new AppError('not_found', 'reply not found');
      if (!r.ownerId && p.role !== 'owner') throw new AppError('forbidden', 'only the firm owner can remove firm-wide replies');
      await CannedReply.deleteOne({_id: r._id});
      return {deleted: true};
    },
  };
}

export type ReplyService = ReturnType<typeof createReplyService>;
