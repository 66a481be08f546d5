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
import {consultationModel, type Consultation} from '../models/consultation.js';
import {bookingRequestModel} from '../models/booking-request.js';
import {createBookingRequests} from '../booking/requests.js';
import {verifyLink, type LinkAction} from '../consultations/links.js';
import type {ChatService} from '../chat/index.js';
import {createAvailabilityService, type LawyerRules} from '../booking/availability.js';
import {freeSlots, refusal, type Interval} from '../booking/slots.js';
import type {ConsultationFacade} from './consultations.js';
import type {SettingsService} from './settings.js';
import {contactStatus} from './email-verification.js';

export const SLOT_TAKEN = 'that time was just taken; please choose another';

/** Why an email link cannot move the consultation, in words for the visitor. */
function linkRefusal(link: {ok: false; reason: 'invalid' | 'expired' | 'cancelled'} | {ok: true; action: LinkAction}): string {
  if (link.ok) return 'this link cannot move the consultation: it is the cancel link';
  return link.reason === 'expired' ? 'this link has expired: the consultation has already started'
    : link.reason === 'cancelled' ? 'this consultation was cancelled; book a new time from the chat'
      : 'this link is not valid: it was altered or cut short; use the link in your latest email';
}

export function createBookingService(deps: {db: Connection; models: Models; chat: ChatService; consultations: ConsultationFacade; settings: Pick<SettingsService, 'update'>; now?: () => Date}) {
  const {models, chat, consultations} = deps;
  const now = deps.now ?? (() => new Date());
  const Consultations = consultationModel(deps.db);
  const Requests = bookingRequestModel(deps.db);
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

  /**
   * Scheduled consultations and open booking requests' holds of the lawyer over the horizon
   * (served by the lawyerId/status/start and lawyerId/holding/holdStart indexes).
   */
  async function busy(lawyerId: string, from: Date, exceptHold?: string): Promise<Interval[]> {
    const to = new Date(from.getTime() + (BOOKING_HORIZON_DAYS + 1) * 86_400_000);
    const since = new Date(from.getTime() - 86_400_000);
    const id = new Types.ObjectId(lawyerId);
    const list = await Consultations.find({lawyerId: id, status: 'scheduled', start: {$gte: since, $lt: to}}).select({start: 1, end: 1}).lean();
    const held = await Requests.find({lawyerId: id, holding: true, holdStart: {$gte: since, $lt: to}}).select({holdStart: 1, holdEnd: 1}).lean();
    return [
      ...list.map((c) => ({start: c.start, end: c.end})),
      ...held.filter((h) => String(h._id) !== exceptHold).map((h) => ({start: h.holdStart, end: h.holdEnd})),
    ];
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

  /** A self-service link's consultation, or why it cannot be used. */
  async function fromLink(token: unknown): Promise<{ok: true; c: Consultation; action: LinkAction} | {ok: false; reason: 'invalid' | 'expired' | 'cancelled'}> {
    const check = verifyLink(consultations.engine.linkSecret, token, now());
    if (!check.ok) return check;
    const c = await consultations.engine.service.load(check.consultationId);
    if (!c) return {ok: false, reason: 'invalid'};
    if (c.status === 'cancelled') return {ok: false, reason: 'cancelled'};
    return {ok: true, c, action: check.action};
  }

  async function rulesOf(c: Consultation): Promise<LawyerRules | null> {
    return (await availability.rules(String(c.firmId), [c.lawyerId]))[0] ?? null;
  }

  const requests = createBookingRequests({
    db: deps.db, chat, consultations, now, busy,
    rules: async (firmId, lawyerId) => (await availability.rules(firmId, [lawyerId]))[0] ?? null,
  });

  return {
    availability,
    fromLink,
    requests,

    /** Free times for moving a consultation (its own time does not count as busy). */
    async slotsToMove(c: Consultation): Promise<Date[]> {
      const rules = await rulesOf(c);
      if (!rules) return [];
      const t = now();
      const minutes = Math.round((c.end.getTime() - c.start.getTime()) / 60_000);
      const others = (await busy(rules.lawyerId, t)).filter((b) => !(b.start.getTime() === c.start.getTime() && b.end.getTime() === c.end.getTime()));
      return freeSlots({...rules, durations: [minutes]}, others, minutes, t).map((s) => s.start);
    },

    /** The applicant moves their consultation from an email link, within the lawyer's hours. */
    async moveFromLink(token: unknown, start: Date): Promise<Consultation> {
      const link = await fromLink(token);
      if (!link.ok || link.action !== 'reschedule') throw new AppError('bad_request', linkRefusal(link));
      const rules = await rulesOf(link.c);
      if (!rules) throw new AppError('bad_request', 'the lawyer takes no bookings online at the moment; ask in the chat');
      const minutes = Math.round((link.c.end.getTime() - link.c.start.getTime()) / 60_000);
      const why = refusal({...rules, durations: [minutes]}, start, minutes, now());
      if (why) throw new AppError('bad_request', why);
      const brand = await models.Firm.findById(link.c.firmId).select({name: 1, branding: 1}).lean<Firm>();
      try {
        await consultations.engine.service.reschedule({
          consultationId: String(link.c._id), start, by: 'applicant', bufferMinutes: rules.bufferMinutes,
          firmName: brand?.name, brand: brand ? {name: brand.name, logoUrl: brand.branding?.logoUrl, accent: brand.branding?.accent} : null,
        });
      } catch (err) {
        if (err instanceof AppError && err.code === 'conflict' && /already has/.test(err.message)) throw new AppError('conflict', SLOT_TAKEN);
        throw err;
      }
      return (await consultations.engine.service.load(String(link.c._id)))!;
    },

    /** The widget's picker opened from an email's reschedule link: the consultation's time and the free times to move to. */
    async linkSlots(token: string): Promise<{start: string; end: string; lawyerName: string | null; slots: SlotDTO[]}> {
      const link = await fromLink(token);
      if (!link.ok || link.action !== 'reschedule') throw new AppError('bad_request', linkRefusal(link));
      const c = link.c;
      const minutes = c.end.getTime() - c.start.getTime();
      // Its own time is free for it, but not a move.
      const starts = (await this.slotsToMove(c)).filter((s) => s.getTime() !== c.start.getTime());
      return {
        start: c.start.toISOString(), end: c.end.toISOString(), lawyerName: c.lawyer.name ?? null,
        slots: starts.map((s) => ({start: s.toISOString(), end: new Date(s.getTime() + minutes).toISOString(), lawyerId: String(c.lawyerId)})),
      };
    },

    /** The applicant cancels from an email link; the lawyer is told in the conversation. */
    async cancelFromLink(token: unknown): Promise<Consultation> {
      const link = await fromLink(token);
      if (!link.ok || link.action !== 'cancel') throw new AppError('bad_request', 'this link cannot cancel the consultation');
      const brand = await models.Firm.findById(link.c.firmId).select({name: 1, branding: 1}).lean<Firm>();
      await consultations.engine.service.cancel({
        consultationId: String(link.c._id), by: 'applicant',
        firmName: brand?.name, brand: brand ? {name: brand.name, logoUrl: brand.branding?.logoUrl, accent: brand.branding?.accent} : null,
      });
      return (await consultations.engine.service.load(String(link.c._id)))!;
    },

    /** The firm settings' booking section (audited, caches dropped), on its own route. */
    async setMode(p: SocketPrincipal, input: Valid<'bookingMode'>): Promise<{mode: BookingMode}> {
      if (p.role !== 'owner') throw new AppError('forbidden', "only the firm's owners can change how bookings work");
      return (await deps.settings.update(p, {booking: {mode: input.mode}})).booking;
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
      // The widget's language, so the invitation and reminders speak it.
      if (input.lang && input.lang !== applicant.lang) await models.Applicant.updateOne({_id: applicant._id}, {$set: {lang: input.lang}});
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
      for (const l of offering) {
        try {
          if (modeOf(firm) === 'request') return await requests.create(conv, applicant, l, {start, durationMinutes: input.durationMinutes, provider});
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
