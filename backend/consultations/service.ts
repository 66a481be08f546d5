// Scheduling, moving and cancelling consultations: the engine behind the consultations façade
// (services/consultations.ts), which hands it the people involved and turns `postCard` into
// the card in the chat.
//
// Order of work, so a failure never leaves half a consultation behind:
//   lock the lawyer → check the slot → ask the provider → write the record (or undo the
//   provider meeting) → enqueue one email per person → unlock → post the card.
// Every write to a consultation happens under its lawyer's lock: the overlap check and the
// write must see no other change for that lawyer in between (check-then-insert races on any
// database), and a consultation so never has two concurrent writers.
import {Types, type Connection} from 'mongoose';
import {AppError} from '../errors.js';
import type {Logger} from '../logger.js';
import type {Mailer} from '../mail/index.js';
import {bookingRequestModel} from '../models/booking-request.js';
import {consultationModel, type Consultation, type ConsultationDocument, type ConsultationEvent} from '../models/consultation.js';
import {MAX_CONSULTATION_MINUTES, type ConsultationCard, type ConsultationDTO} from '../../protocol/consultation.js';
import {OBJECT_ID, objectId} from '../../protocol/schemas.js';
import {cancelSchema, parse, rescheduleSchema, scheduleSchema, type CancelInput, type RescheduleInput, type ScheduleInput} from './booking.js';
import {consultationCard, toConsultationDTO} from './view.js';
import {publishedIcs} from './emails.js';
import {createInvites, type DeliveryState} from './invites.js';
import {verifyIcsSignature} from './ics.js';
import {withLawyerLock, type LockOptions} from './lock.js';
import type {Meeting, MeetingProviders, MeetingRequest} from './providers/index.js';

export type {DeliveryState};

export interface ConsultationServiceDeps {
  db: Connection;
  providers: MeetingProviders;
  mailer: Pick<Mailer, 'enqueue' | 'capturing'>;
  /** Base of links in emails (hosted .ics). */
  publicUrl: string;
  /** Signs hosted .ics links. */
  icsSecret: string;
  /** Signs the applicant's reschedule/cancel links; without it emails carry none. */
  linkSecret?: string;
  logger?: Logger;
  /** Puts a change in the chat (the card, on behalf of its lawyer); failures are logged, not thrown. */
  postCard?: (card: ConsultationCard, event: ConsultationEvent, lawyerName: string, change: ChangeNote) => void | Promise<void>;
  now?: () => Date;
  lock?: LockOptions;
  /** Furthest ahead a consultation may be booked. */
  maxDaysAhead?: number;
}

/** What the chat's line about a change says: where it was, and who made it. */
export interface ChangeNote {
  previous?: {start: Date; end: Date};
  by: 'lawyer' | 'applicant';
  byName: string | null;
}

export interface ConsultationResult {
  consultation: ConsultationDTO;
  /** The chat card of the consultation as it now stands. */
  card: ConsultationCard;
  delivery: DeliveryState;
  /** False when the card could not be posted (the consultation itself stands). */
  cardPosted: boolean;
}

export interface ConsultationService {
  schedule(input: ScheduleInput): Promise<ConsultationResult>;
  reschedule(input: RescheduleInput): Promise<ConsultationResult>;
  cancel(input: CancelInput): Promise<ConsultationResult>;
  get(consultationId: string, firmId?: string): Promise<ConsultationDTO>;
  /** The hosted calendar file of a signed link, or null (a bad signature looks like a missing consultation). */
  publishedIcs(consultationId: string, signature: string): Promise<string | null>;
  /** Where a short "add to calendar" link leads (same signature as the .ics), or null. */
  calendarLink(consultationId: string, signature: string, app: 'google' | 'outlook'): Promise<string | null>;
  /** The consultation a still-valid self-service link names (raw record, for the booking pages). */
  load(consultationId: string): Promise<Consultation | null>;
  /** The chat card; another firm's consultation is not found. */
  card(consultationId: string, firmId?: string): Promise<ConsultationCard>;
  /** Where each person's latest invite is: queued, sent, failed, captured or skipped. */
  delivery(consultationId: string): Promise<DeliveryState>;
  /** Queues the current invites again if they are missing (idempotent: existing jobs are kept). */
  ensureInvites(consultationId: string): Promise<DeliveryState>;
  /**
   * Runs `write` under the lawyer's lock once start..end is free of consultations and of other
   * booking requests' holds (`except`: the request itself): how a request takes or moves its hold.
   */
  hold<T>(lawyerId: string, start: Date, end: Date, bufferMinutes: number, write: () => Promise<T>, except?: string): Promise<T>;
}

export function createConsultationService(deps: ConsultationServiceDeps): ConsultationService {
  const Consultations = consultationModel(deps.db);
  const Requests = bookingRequestModel(deps.db);
  const now = deps.now ?? (() => new Date());
  const maxDaysAhead = deps.maxDaysAhead ?? 730;
  const uidDomain = new URL(deps.publicUrl).hostname || 'consult-chat';
  const inviteMail = createInvites({...deps, now});

  function checkWhen(start: Date, durationMinutes: number): Date {
    const t = now();
    if (start.getTime() <= t.getTime()) throw new AppError('bad_request', `the start time ${start.toISOString()} is in the past`);
    if (start.getTime() > t.getTime() + maxDaysAhead * 86_400_000) throw new AppError('bad_request', `a consultation can be booked at most ${maxDaysAhead} days ahead`);
    return new Date(start.getTime() + durationMinutes * 60_000);
  }

  async function checkFree(lawyerId: Types.ObjectId, start: Date, end: Date, except?: Types.ObjectId, bufferMinutes = 0, exceptHold?: string): Promise<void> {
    // The buffer widens the slot on both sides. No consultation lasts longer than the schema
    // allows, so one that began earlier than that before the widened slot has ended: the lower
    // bound keeps the {lawyerId, status, start} range to the slot's neighbourhood.
    const b = bufferMinutes * 60_000;
    const from = new Date(start.getTime() - b);
    const to = new Date(end.getTime() + b);
    const earliest = new Date(from.getTime() - MAX_CONSULTATION_MINUTES * 60_000);
    const clash = await Consultations.findOne({
      lawyerId, status: 'scheduled', start: {$gt: earliest, $lt: to}, end: {$gt: from}, ...(except ? {_id: {$ne: except}} : {}),
    }).lean();
    if (clash) {
      throw new AppError('conflict', `the lawyer already has a consultation from ${clash.start.toISOString()} to ${clash.end.toISOString()}; choose another time`);
    }
    // A visitor's open booking request holds its time the same way (served by lawyerId/holding/holdStart).
    const held = await Requests.findOne({
      lawyerId, holding: true, holdStart: {$gt: earliest, $lt: to}, holdEnd: {$gt: from}, ...(exceptHold ? {_id: {$ne: new Types.ObjectId(exceptHold)}} : {}),
    }).lean();
    if (held) {
      throw new AppError('conflict', `the lawyer already has a booking request from ${held.holdStart.toISOString()} to ${held.holdEnd.toISOString()}; choose another time`);
    }
  }

  function provider(id: Consultation['provider']) {
    const p = deps.providers.get(id);
    if (!p) throw new AppError('bad_request', `the meeting provider "${id}" is not configured here; available: ${deps.providers.available().filter((x) => x !== 'personal').join(', ')}`);
    return p;
  }

  function meetingRequest(c: Pick<Consultation, '_id' | 'title' | 'start' | 'end' | 'lawyerTimeZone' | 'lawyer'>, personalMeetingUrl?: string | null): MeetingRequest {
    return {
      consultationId: String(c._id),
      title: c.title,
      description: 'Video consultation booked through Consult Chat.',
      start: c.start,
      end: c.end,
      timeZone: c.lawyerTimeZone,
      organizer: {name: c.lawyer.name, email: c.lawyer.email!},
      personalMeetingUrl,
    };
  }

  async function load(consultationId: string, firmId?: string): Promise<ConsultationDocument> {
    const c = await Consultations.findById(consultationId);
    // Another firm's consultation is as invisible as a missing one.
    if (!c || (firmId && String(c.firmId) !== firmId)) throw new AppError('not_found', 'no such consultation');
    return c;
  }

  async function view(c: Consultation): Promise<{dto: ConsultationDTO; card: ConsultationCard; delivery: DeliveryState}> {
    const delivery = await inviteMail.delivery(c);
    const dto = toConsultationDTO({...c, invites: delivery});
    return {dto, card: consultationCard(dto, deps), delivery};
  }

  async function finish(id: Types.ObjectId, event: ConsultationEvent, change: ChangeNote): Promise<ConsultationResult> {
    const saved = (await Consultations.findById(id).lean())!;
    const {dto, card, delivery} = await view(saved);
    let cardPosted = true;
    if (deps.postCard) {
      try {
        await deps.postCard(card, event, saved.lawyer.name ?? 'Lawyer', change);
      } catch (err) {
        cardPosted = false;
        deps.logger?.error({err, consultationId: String(id)}, 'posting the consultation card failed');
      }
    }
    return {consultation: dto, card, delivery, cardPosted};
  }

  return {
    async schedule(raw) {
      const input = parse(scheduleSchema, raw);
      const p = provider(input.provider);
      const end = checkWhen(input.start, input.durationMinutes);
      const _id = new Types.ObjectId();
      const lawyerId = new Types.ObjectId(input.lawyer.id);
      const draft = {
        _id,
        title: `Consultation: ${input.lawyer.name} / ${input.applicant.name || 'client'}`.slice(0, 200),
        start: input.start,
        end,
        lawyerTimeZone: input.lawyer.timeZone,
        lawyer: {name: input.lawyer.name, email: input.lawyer.email},
      };
      await withLawyerLock(deps.db, lawyerId, async () => {
        await checkFree(lawyerId, input.start, end, undefined, input.bufferMinutes, input.holdExcept ?? undefined);
        // The meeting first: if the provider fails, nothing has been written.
        const meeting = await p.create(meetingRequest(draft, input.lawyer.personalMeetingUrl));
        const at = now();
        const c: Consultation = {
          ...draft,
          conversationId: new Types.ObjectId(input.conversationId),
          firmId: new Types.ObjectId(input.firmId),
          lawyerId,
          applicantId: new Types.ObjectId(input.applicant.id),
          applicant: {name: input.applicant.name ?? null, email: input.applicant.email ?? null},
          applicantTimeZone: input.applicant.timeZone || input.lawyer.timeZone,
          lawyerLang: input.lawyer.lang ?? null,
          applicantLang: input.applicant.lang ?? null,
          notes: input.notes || null,
          bookedBy: input.bookedBy ?? 'lawyer',
          startUrl: input.startUrl ?? null,
          provider: input.provider,
          joinUrl: meeting.joinUrl,
          providerMeetingId: meeting.providerMeetingId,
          icalUid: `consultation-${_id}@${uidDomain}`,
          sequence: 0,
          status: 'scheduled',
          invites: {lawyer: null, applicant: null},
          createdAt: at,
          updatedAt: at,
        };
        c.invites = inviteMail.plan(c, 'scheduled');
        try {
          await Consultations.create(c);
        } catch (err) {
          await p.cancel(meeting).catch((undoErr) => deps.logger?.error({err: undoErr, providerMeetingId: meeting.providerMeetingId}, 'could not remove the meeting of an unsaved consultation'));
          throw err;
        }
        await inviteMail.enqueueLogged(c, {firmName: input.firmName, brand: input.brand});
      }, deps.lock);
      return finish(_id, 'scheduled', {by: input.bookedBy ?? 'lawyer', byName: input.bookedBy === 'applicant' ? input.applicant.name ?? null : input.lawyer.name});
    },

    async reschedule(raw) {
      const input = parse(rescheduleSchema, raw);
      const found = await load(input.consultationId, input.firmId);
      let previous: {start: Date; end: Date} | undefined;
      await withLawyerLock(deps.db, found.lawyerId, async () => {
        // Re-read under the lock: another change may have landed since.
        const c = await load(input.consultationId, input.firmId);
        if (c.status !== 'scheduled') throw new AppError('conflict', 'a cancelled consultation cannot be moved; schedule a new one');
        const minutes = input.durationMinutes ?? Math.round((c.end.getTime() - c.start.getTime()) / 60_000);
        const end = checkWhen(input.start, minutes);
        if (input.start.getTime() === c.start.getTime() && end.getTime() === c.end.getTime()) {
          throw new AppError('bad_request', 'the consultation is already at that time');
        }
        const p = provider(c.provider);
        previous = {start: c.start, end: c.end};
        await checkFree(c.lawyerId, input.start, end, c._id, input.bufferMinutes);
        const current: Meeting = {joinUrl: c.joinUrl, providerMeetingId: c.providerMeetingId};
        const moved = await p.update(current, meetingRequest({...c.toObject(), start: input.start, end}));
        const a = input.applicant;
        const next: Consultation = {
          ...c.toObject(),
          start: input.start, end, joinUrl: moved.joinUrl, providerMeetingId: moved.providerMeetingId, sequence: c.sequence + 1,
          applicant: {name: a?.name !== undefined ? a.name : c.applicant.name, email: a?.email !== undefined ? a.email : c.applicant.email},
          applicantTimeZone: a?.timeZone || c.applicantTimeZone,
        };
        next.invites = inviteMail.plan(next, 'rescheduled');
        const {start, joinUrl, providerMeetingId, sequence, applicant, applicantTimeZone, invites} = next;
        try {
          await Consultations.updateOne({_id: c._id}, {$set: {start, end, joinUrl, providerMeetingId, sequence, applicant, applicantTimeZone, invites}});
        } catch (err) {
          // The record did not move: put the provider meeting back where it was.
          await p.update(moved, meetingRequest(c)).catch((undoErr) => deps.logger?.error({err: undoErr, consultationId: String(c._id)}, 'could not move the provider meeting back'));
          throw err;
        }
        await inviteMail.enqueueLogged(next, {firmName: input.firmName, brand: input.brand, previous});
      }, deps.lock);
      return finish(found._id, 'rescheduled', {previous, by: input.by ?? 'lawyer', byName: input.by === 'applicant' ? found.applicant.name : found.lawyer.name});
    },

    async cancel(raw) {
      const input = parse(cancelSchema, raw);
      const found = await load(input.consultationId, input.firmId);
      let alreadyCancelled = false;
      await withLawyerLock(deps.db, found.lawyerId, async () => {
        const c = await load(input.consultationId, input.firmId);
        if (c.status === 'cancelled') {
          // Cancelling twice changes nothing and sends nothing.
          alreadyCancelled = true;
          return;
        }
        if (c.end.getTime() <= now().getTime()) throw new AppError('bad_request', 'this consultation has already taken place');
        await provider(c.provider).cancel({joinUrl: c.joinUrl, providerMeetingId: c.providerMeetingId});
        const next: Consultation = {...c.toObject(), status: 'cancelled', sequence: c.sequence + 1};
        next.invites = inviteMail.plan(next, 'cancelled');
        await Consultations.updateOne({_id: c._id}, {$set: {status: next.status, sequence: next.sequence, invites: next.invites}});
        await inviteMail.enqueueLogged(next, {firmName: input.firmName, brand: input.brand});
      }, deps.lock);
      if (alreadyCancelled) {
        const {dto, card, delivery} = await view((await Consultations.findById(found._id).lean())!);
        return {consultation: dto, card, delivery, cardPosted: false};
      }
      return finish(found._id, 'cancelled', {by: input.by ?? 'lawyer', byName: input.by === 'applicant' ? found.applicant.name : found.lawyer.name});
    },

    async get(consultationId, firmId) {
      parse(objectId('consultationId'), consultationId);
      return (await view((await load(consultationId, firmId)).toObject())).dto;
    },

    async publishedIcs(consultationId, signature) {
      const ok = OBJECT_ID.test(consultationId) && verifyIcsSignature(consultationId, signature, deps.icsSecret);
      const c = ok ? await Consultations.findById(consultationId).lean() : null;
      return c ? publishedIcs(c) : null;
    },

    async calendarLink(consultationId, signature, app) {
      const ok = OBJECT_ID.test(consultationId) && verifyIcsSignature(consultationId, signature, deps.icsSecret);
      const c = ok ? await Consultations.findById(consultationId).lean() : null;
      if (!c || c.status === 'cancelled') return null;
      return consultationCard(toConsultationDTO(c), deps).links[app];
    },

    async load(consultationId) {
      return OBJECT_ID.test(consultationId) ? Consultations.findById(consultationId).lean() : null;
    },

    async card(consultationId, firmId) {
      parse(objectId('consultationId'), consultationId);
      return (await view((await load(consultationId, firmId)).toObject())).card;
    },

    async delivery(consultationId) {
      parse(objectId('consultationId'), consultationId);
      return inviteMail.delivery((await load(consultationId)).toObject());
    },

    async hold(lawyerId, start, end, bufferMinutes, write, except) {
      checkWhen(start, Math.round((end.getTime() - start.getTime()) / 60_000));
      const id = new Types.ObjectId(lawyerId);
      let out: Awaited<ReturnType<typeof write>> | undefined;
      await withLawyerLock(deps.db, id, async () => {
        await checkFree(id, start, end, undefined, bufferMinutes, except);
        out = await write();
      }, deps.lock);
      return out as Awaited<ReturnType<typeof write>>;
    },

    async ensureInvites(consultationId) {
      parse(objectId('consultationId'), consultationId);
      const c = (await load(consultationId)).toObject();
      await inviteMail.enqueue(c);
      return inviteMail.delivery(c);
    },
  };
}
