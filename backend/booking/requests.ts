// Booking requests (firm mode `request`): the visitor asks for a time, the lawyer accepts,
// proposes another time or declines from the card in the console. An open request holds its
// time through the consultation engine's overlap check (same lawyer lock as bookings), so
// nobody else can take it; accepting schedules the consultation exactly as an instant booking.
//   services/booking.ts → this → consultations façade (hold, book) → chat cards
import {Types, type Connection} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {BookingRequestCard, BookingResult, RequestStatus, SlotDTO} from '../../protocol/booking.js';
import type {ProviderId} from '../../protocol/consultation.js';
import {AppError} from '../errors.js';
import type {Applicant, Conversation} from '../models/index.js';
import {bookingRequestModel, type BookingRequest} from '../models/booking-request.js';
import type {ChatService} from '../chat/index.js';
import type {ConsultationFacade} from '../services/consultations.js';
import type {LawyerRules} from './availability.js';
import {freeSlots, type Interval} from './slots.js';

const OPEN: RequestStatus[] = ['pending', 'proposed'];

/** Why a request in this state cannot take the action, in words for the caller. */
function closedReason(r: BookingRequest): string {
  switch (r.status) {
    case 'accepted': return 'this request was already accepted; the consultation is in the conversation';
    case 'declined': return 'this request was declined';
    case 'withdrawn': return 'the visitor replaced this request with a newer one';
    default: return 'this request is being handled right now; try again in a moment';
  }
}

export function toRequestCard(r: BookingRequest): BookingRequestCard {
  return {
    id: String(r._id), conversationId: String(r.conversationId), lawyerId: String(r.lawyerId), lawyerName: r.lawyerName, status: r.status,
    start: r.start.toISOString(), end: r.end.toISOString(),
    proposal: r.proposal ? {start: r.proposal.start.toISOString(), end: r.proposal.end.toISOString()} : null,
    reason: r.reason ?? null, consultationId: r.consultationId ? String(r.consultationId) : null,
  };
}

export function createBookingRequests(deps: {
  db: Connection; chat: ChatService; consultations: ConsultationFacade; now: () => Date;
  /** The lawyer's busy times over the booking horizon (consultations and other holds). */
  busy: (lawyerId: string, from: Date, exceptHold?: string) => Promise<Interval[]>;
  rules: (firmId: string, lawyerId: Types.ObjectId) => Promise<LawyerRules | null>;
}) {
  const Requests = bookingRequestModel(deps.db);
  const {chat, consultations} = deps;
  const hold = consultations.engine.service.hold;

  async function refresh(id: Types.ObjectId): Promise<BookingRequestCard> {
    const r = (await Requests.findById(id).lean<BookingRequest>())!;
    const card = toRequestCard(r);
    await chat.updateRequestCard(card, r.applicantId);
    return card;
  }

  /** The request, for a member of its conversation; another firm's (or visitor's) is not found. */
  async function load(p: SocketPrincipal, requestId: string): Promise<{r: BookingRequest; conv: Conversation}> {
    const r = await Requests.findById(requestId).lean<BookingRequest>();
    if (!r || String(r.firmId) !== p.firmId || (p.kind === 'applicant' && String(r.applicantId) !== p.id)) throw new AppError('not_found', 'no such booking request');
    return {r, conv: await chat.loadMember(p, String(r.conversationId))};
  }

  /** Moves an open request to its next state, once: the filter decides between concurrent callers. */
  async function transition(r: BookingRequest, from: RequestStatus[], set: Partial<BookingRequest>): Promise<void> {
    const done = await Requests.updateOne({_id: r._id, status: {$in: from}, busy: false}, {$set: set});
    if (!done.matchedCount) throw new AppError('conflict', closedReason((await Requests.findById(r._id).lean<BookingRequest>()) ?? r));
  }

  return {
    /** The visitor's request: holds the time under the lawyer's lock, then posts its card. */
    async create(conv: Conversation, applicant: Applicant, lawyer: LawyerRules, input: {start: Date; durationMinutes: number; provider: ProviderId}): Promise<BookingResult> {
      const end = new Date(input.start.getTime() + input.durationMinutes * 60_000);
      const at = deps.now();
      const doc: BookingRequest = {
        _id: new Types.ObjectId(), firmId: conv.firmId, conversationId: conv._id, applicantId: applicant._id, lawyerId: new Types.ObjectId(lawyer.lawyerId),
        lawyerName: lawyer.lawyerName, status: 'pending', busy: false, holding: true, holdStart: input.start, holdEnd: end, start: input.start, end,
        durationMinutes: input.durationMinutes, provider: input.provider, bufferMinutes: lawyer.bufferMinutes, proposal: null, reason: null, consultationId: null,
        createdAt: at, updatedAt: at,
      };
      await hold(lawyer.lawyerId, input.start, end, lawyer.bufferMinutes, () => Requests.create(doc));
      // One open request per conversation: an earlier one (say, the lawyer proposed a time the visitor did not take) gives way.
      const earlier = await Requests.find({conversationId: conv._id, holding: true}).select({_id: 1}).lean();
      for (const e of earlier.filter((x) => !x._id.equals(doc._id))) {
        const w = await Requests.updateOne({_id: e._id, status: {$in: OPEN}, busy: false}, {$set: {status: 'withdrawn', holding: false}});
        if (w.modifiedCount) await refresh(e._id);
      }
      await chat.postRequestCard(toRequestCard(doc), applicant._id, applicant.name ?? null);
      return {status: 'requested', consultationId: null, requestId: String(doc._id), start: input.start.toISOString(), end: end.toISOString()};
    },

    /** The lawyer accepts a pending request, or the visitor accepts the lawyer's proposal: the consultation is scheduled. */
    async accept(p: SocketPrincipal, requestId: string): Promise<BookingRequestCard> {
      const {r, conv} = await load(p, requestId);
      const from: RequestStatus = p.kind === 'lawyer' ? 'pending' : 'proposed';
      if (r.status !== from) {
        if (OPEN.includes(r.status)) throw new AppError('conflict', p.kind === 'lawyer' ? 'you proposed another time; the visitor chooses now' : 'the lawyer has not proposed another time');
        throw new AppError('conflict', closedReason(r));
      }
      await transition(r, [from], {busy: true});
      const when = from === 'pending' ? {start: r.start, end: r.end} : r.proposal!;
      try {
        const booked = await consultations.book(conv, String(r.lawyerId), {
          start: when.start.toISOString(), durationMinutes: r.durationMinutes, provider: r.provider, bufferMinutes: r.bufferMinutes, holdExcept: String(r._id),
        });
        await Requests.updateOne({_id: r._id}, {$set: {status: 'accepted', busy: false, holding: false, consultationId: new Types.ObjectId(booked.consultation.id)}});
      } catch (err) {
        await Requests.updateOne({_id: r._id}, {$set: {busy: false}});
        if (err instanceof AppError && err.code === 'conflict') throw new AppError('conflict', 'that time was taken in the meantime; propose another time');
        throw err;
      }
      return refresh(r._id);
    },

    /** The lawyer proposes another free time: it is held instead of the asked one. */
    async propose(p: SocketPrincipal, requestId: string, start: Date): Promise<BookingRequestCard> {
      const {r} = await load(p, requestId);
      if (!OPEN.includes(r.status)) throw new AppError('conflict', closedReason(r));
      const end = new Date(start.getTime() + r.durationMinutes * 60_000);
      if (start.getTime() === r.start.getTime()) throw new AppError('bad_request', 'that is the time the visitor asked for: accept it instead');
      try {
        await hold(String(r.lawyerId), start, end, r.bufferMinutes, () => transition(r, OPEN, {status: 'proposed', proposal: {start, end}, holdStart: start, holdEnd: end}), String(r._id));
      } catch (err) {
        if (err instanceof AppError && err.code === 'conflict' && /already has/.test(err.message)) throw new AppError('conflict', 'that time is not free any more; choose another');
        throw err;
      }
      return refresh(r._id);
    },

    /** The lawyer declines (with an optional reason for the visitor): the time is free again. */
    async decline(p: SocketPrincipal, requestId: string, reason?: string): Promise<BookingRequestCard> {
      const {r} = await load(p, requestId);
      if (!OPEN.includes(r.status)) throw new AppError('conflict', closedReason(r));
      await transition(r, OPEN, {status: 'declined', holding: false, reason: reason?.trim() || null});
      return refresh(r._id);
    },

    /** Free times the lawyer may propose: the request lawyer's hours, its own hold not counted. */
    async slots(p: SocketPrincipal, requestId: string): Promise<{slots: SlotDTO[]; timeZone: string | null}> {
      const {r} = await load(p, requestId);
      if (!OPEN.includes(r.status)) throw new AppError('conflict', closedReason(r));
      const rules = await deps.rules(String(r.firmId), r.lawyerId);
      if (!rules) return {slots: [], timeZone: null};
      const t = deps.now();
      const free = freeSlots({...rules, durations: [r.durationMinutes]}, await deps.busy(String(r.lawyerId), t, String(r._id)), r.durationMinutes, t);
      return {slots: free.map((s) => ({start: s.start.toISOString(), end: s.end.toISOString(), lawyerId: String(r.lawyerId)})), timeZone: rules.timeZone};
    },
  };
}

export type BookingRequests = ReturnType<typeof createBookingRequests>;
