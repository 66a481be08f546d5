// Ratings: the applicant rates a closed conversation once (1–5 and a comment); owners read the
// average per lawyer and month.
import {Types} from 'mongoose';
import type {ConversationDto, RatingReportRow} from '../../protocol/chat.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import {AppError} from '../errors.js';
import type {Conversation, Lawyer, Models} from '../models/index.js';
import type {ChatService} from '../chat/index.js';

const REPORT_MAX = 5000;

export function createRatingService(deps: {models: Models; chat: ChatService}) {
  const {Conversation, Lawyer} = deps.models;
  return {
    async rate(p: SocketPrincipal, input: Valid<'rate'>): Promise<ConversationDto> {
      const conv = await deps.chat.loadMember(p, input.conversationId);
      if (conv.status !== 'closed') throw new AppError('conflict', 'a conversation is rated once it is closed');
      const rating = {score: input.score, comment: input.comment ?? null, lawyerId: conv.assignedLawyerIds[0] ?? null};
      // Once: the filter refuses a second rating atomically.
      const updated = await Conversation.findOneAndUpdate({_id: conv._id, rating: null}, {$set: {rating, ratedAt: new Date()}}, {new: true}).lean<Conversation>();
      if (!updated) throw new AppError('conflict', 'this conversation is already rated');
      deps.chat.forgetConversations([String(conv._id)]);
      return deps.chat.toDto(updated);
    },

    /** Owners only: averages per lawyer and month over the last `months` months. */
    async report(p: SocketPrincipal, input: Valid<'ratingReport'>): Promise<{rows: RatingReportRow[]}> {
      if (p.role !== 'owner') throw new AppError('forbidden', 'only the firm owner can read ratings');
      const since = new Date();
      since.setUTCMonth(since.getUTCMonth() - input.months + 1, 1);
      since.setUTCHours(0, 0, 0, 0);
      const rated = await Conversation.find({firmId: new Types.ObjectId(p.firmId), ratedAt: {$gte: since}}).sort({ratedAt: -1}).limit(REPORT_MAX)
        .select({rating: 1, ratedAt: 1}).lean<Pick<Conversation, 'rating' | 'ratedAt'>[]>();
      const groups = new Map<string, {month: string; lawyerId: string | null; sum: number; count: number}>();
      for (const c of rated) {
        if (!c.rating || !c.ratedAt) continue;
        const month = new Date(c.ratedAt).toISOString().slice(0, 7);
        const lawyerId = c.rating.lawyerId ? String(c.rating.lawyerId) : null;
        const g = groups.get(`${month}|${lawyerId}`) ?? {month, lawyerId, sum: 0, count: 0};
        g.sum += c.rating.score;
        g.count += 1;
        groups.set(`${month}|${lawyerId}`, g);
      }
      const lawyers = await Lawyer.find({firmId: new Types.ObjectId(p.firmId)}).select({name: 1}).lean<Pick<Lawyer, '_id' | 'name'>[]>();
      const names = new Map(lawyers.map((l) => [String(l._id), l.name]));
      const rows = [...groups.values()].map((g) => ({month: g.month, lawyerId: g.lawyerId, lawyerName: g.lawyerId ? names.get(g.lawyerId) ?? null : null, count: g.count, average: Math.round((g.sum / g.count) * 100) / 100}));
      rows.sort((a, b) => b.month.localeCompare(a.month) || (a.lawyerName ?? '').localeCompare(b.lawyerName ?? ''));
      return {rows};
    },
  };
}

export type RatingService = ReturnType<typeof createRatingService>;
