// Self-service booking: the slots a visitor sees, the booking itself, the firm's mode, and the
// applicant's signed email links. Booking goes through the consultations façade's schedule path
// (the lawyer's lock and overlap check), so console scheduling and bookings block each other.
//   transport → operations table → this façade → availability + slots → consultations façade
import {Types, type Connection} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import {BOOKING_HORIZON_DAYS, type BookingMode, type BookingResult, type SlotDTO, type SlotsDTO} from '../../protocol/booking.js';
import type {ProviderId} from '../../protocol/consultation.js';
import {AppError} from '../errors.js';
import type {Applicant, Conversation, Firm, Models} from '../models/index.js';
import {consultationModel} from '../models/consultation.js';
import type {ChatService} from '../chat/index.js';
import {createAvailabilityService, type LawyerRules} from '../booking/availability.js';
import {freeSlots, refusal, type Interval} from '../booking/slots.js';
import type {ConsultationFacade} from './consultations.js';
import {contactStatus} from './email-verification.js';

export const SLOT_TAKEN = 'that time was just taken; please choose another';

export function createBookingService(deps: {db: Connection; models: Models; chat: ChatService; consultations: ConsultationFacade; now?: () => Date}) {
  const {models, chat, consultations} = deps;
  const now = deps.now ?? (() => new Date());
  const Consultations = consultationModel(deps.db);
  const availability = createAvailabilityService({
    db: deps.db, models, configuredProviders: () => consultations.engine.providers.available({personalMeetingUrl: 'configured'}),
  });

  async function firmOf(firmId: Types.ObjectId | string): Promise<Firm> {
    const firm = await models.Firm.findById(firmId).lean<Firm>();
    if (!firm) throw new AppError('not_found', 'firm not found');
    return firm;
  }

  function modeOf(firm: Firm): BookingMode {
    return firm.booking?.mode ?? 'off';
  }

  /** Scheduled consultations of the lawyer over the horizon (served by the lawyerId/status/start index). */
  async function busy(lawyerId: string, from: Date): Promise<Interval[]> {
    const to = new Date(from.getTime() + (BOOKING_HORIZON_DAYS + 1) * 86_400_000);
    const list = await Consultations.find({lawyerId: new Types.ObjectId(lawyerId), status: 'scheduled', start: {$gte: new Date(from.getTime() - 86_400_000), $lt: to}}).select({start: 1, end: 1}).lean();
    return list.map((c) => ({start: c.start, end: c.end}));
  }

  /** Who can be booked from this conversation: its assigned lawyers if bookable, else the firm's. */
  async function bookable(conv: Conversation): Promise<LawyerRules[]> {
    const assigned = conv.assignedLawyerIds ?? [];
    const mine = assigned.length ? await availability.rules(String(conv.firmId), assigned) : [];
    return mine.length ? mine : availability.rules(String(conv.firmId));
  }

  async function openFor(p: SocketPrincipal, conversationId: string): Promise<{conv: Conversation; firm: Firm; lawyers: LawyerRules[]}> {
    const conv = await chat.loadMember(p, conversationId);
    const firm = await firmOf(conv.firmId);
    if (modeOf(firm) === 'off') throw new AppError('forbidden', 'this firm does not take bookings online; ask in the chat');
    return {conv, firm, lawyers: await bookable(conv)};
  }

  async function slotsFor(lawyers: LawyerRules[], durationMinutes: number | undefined): Promise<{slots: SlotDTO[]; durations: number[]; providers: ProviderId[]}> {
    const durations = [...new Set(lawyers.flatMap((l) => l.durations))].sort((a, b) => a - b);
    const providers = [...new Set(lawyers.flatMap((l) => l.providers))];
    const duration = durationMinutes ?? durations[0];
    const t = now();
    const byStart = new Map<number, SlotDTO>();
    for (const l of lawyers.filter((x) => x.durations.includes(duration))) {
      for (const s of freeSlots(l, await busy(l.lawyerId, t), duration, t)) {
        if (!byStart.has(s.start.getTime())) byStart.set(s.start.getTime(), {start: s.start.toISOString(), end: s.end.toISOString(), lawyerId: l.lawyerId});
      }
    }
    return {slots: [...byStart.values()].sort((a, b) => a.start.localeCompare(b.start)), durations, providers};
  }

  return {
    availability,

    async setMode(p: SocketPrincipal, input: Valid<'bookingMode'>): Promise<{mode: BookingMode}> {
      if (p.role !== 'owner') throw new AppError('forbidden', "only the firm's owners can change how bookings work");
      await models.Firm.updateOne({_id: new Types.ObjectId(p.firmId)}, {$set: {'booking.mode': input.mode}});
      return {mode: input.mode};
    },

    async slots(p: SocketPrincipal, input: Valid<'bookingSlots'>): Promise<SlotsDTO> {
      const {firm, lawyers} = await openFor(p, input.conversationId);
      const {slots, durations, providers} = await slotsFor(lawyers, input.durationMinutes);
      return {mode: modeOf(firm), durations, providers, lawyerTimeZone: lawyers[0]?.timeZone ?? null, slots};
    },

    async book(p: SocketPrincipal, input: Valid<'book'>): Promise<BookingResult> {
      const {conv, firm, lawyers} = await openFor(p, input.conversationId);
      const applicant = await models.Applicant.findById(conv.applicantId).lean<Applicant>();
      if (!applicant) throw new AppError('not_found', 'applicant not found');
      if (!contactStatus(applicant).verified) throw new AppError('forbidden', 'confirm your email address first, so we can send you the invitation');
      const start = new Date(input.start);
      const candidates = input.lawyerId ? lawyers.filter((l) => l.lawyerId === input.lawyerId) : lawyers;
      if (!candidates.length) throw new AppError('bad_request', input.lawyerId ? 'that lawyer cannot be booked from this conversation' : 'no lawyer takes bookings right now');
      // The first lawyer whose rules allow this time; otherwise the first reason, for the visitor.
      const reasons = candidates.map((l) => ({l, why: refusal(l, start, input.durationMinutes, now())}));
      const fit = reasons.filter((r) => r.why === null).map((r) => r.l);
      if (!fit.length) throw new AppError('bad_request', reasons[0].why!);
      const provider = input.provider ?? fit[0].providers[0];
      const offering = fit.filter((l) => l.providers.includes(provider));
      if (!offering.length) throw new AppError('bad_request', `the video provider "${provider}" is not offered for bookings; choose ${[...new Set(fit.flatMap((l) => l.providers))].join(', ')}`);
      if (modeOf(firm) === 'request') throw new AppError('bad_request', 'this firm confirms bookings by hand; requests are not available yet');
      for (const l of offering) {
        try {
          const r = await consultations.book(conv, l.lawyerId, {start: input.start, durationMinutes: input.durationMinutes, provider, bufferMinutes: l.bufferMinutes});
          return {status: 'booked', consultationId: r.consultation.id, requestId: null, start: r.consultation.start, end: r.consultation.end};
        } catch (err) {
          // Taken (or being taken) for this lawyer: try the next one who could take it.
          if (!(err instanceof AppError && err.code === 'conflict')) throw err;
        }
      }
      throw new AppError('conflict', SLOT_TAKEN);
    },
  };
}

export type BookingService = ReturnType<typeof createBookingService>;
