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
  logger?: Logger;
  /** Puts a change in the chat (the card, on behalf of its lawyer); failures are logged, not thrown. */
  postCard?: (card: ConsultationCard, event: ConsultationEvent, lawyerName: string) => void | Promise<void>;
  now?: () => Date;
  lock?: LockOptions;
  /** Furthest ahead a consultation may be booked. */
  maxDaysAhead?: number;
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
  /** The chat card; another firm's consultation is not found. */
  card(consultationId: string, firmId?: string): Promise<ConsultationCard>;
  /** Where each person's latest invite is: queued, sent, failed, captured or skipped. */
  delivery(consultationId: string): Promise<DeliveryState>;
  /** Queues the current invites again if they are missing (idempotent: existing jobs are kept). */
  ensureInvites(consultationId: string): Promise<DeliveryState>;
}

export function createConsultationService(deps: ConsultationServiceDeps): ConsultationService {
  const Consultations = consultationModel(deps.db);
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

  async function checkFree(lawyerId: Types.ObjectId, start: Date, end: Date, except?: Types.ObjectId): Promise<void> {
    // No consultation lasts longer than the schema allows, so one that began earlier than that
    // before this slot has ended: the lower bound keeps the {lawyerId, status, start} range
    // to the slot's neighbourhood instead of the lawyer's whole past.
    const earliest = new Date(start.getTime() - MAX_CONSULTATION_MINUTES * 60_000);
    const clash = await Consultations.findOne({
      lawyerId, status: 'scheduled', start: {$gt: earliest, $lt: end}, end: {$gt: start}, ...(except ? {_id: {$ne: except}} : {}),
    }).lean();
    if (clash) {
      throw new AppError('conflict', `the lawyer already has a consultation from ${clash.start.toISOString()} to ${clash.end.toISOString()}; choose another time`);
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

  async function finish(id: Types.ObjectId, event: ConsultationEvent): Promise<ConsultationResult> {
    const saved = (await Consultations.findById(id).lean())!;
    const {dto, card, delivery} = await view(saved);
    let cardPosted = true;
    if (deps.postCard) {
      try {
        await deps.postCard(card, event, saved.lawyer.name ?? 'Lawyer');
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
        await checkFree(lawyerId, input.start, end);
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
        await inviteMail.enqueueLogged(c, input.firmName);
      }, deps.lock);
      return finish(_id, 'scheduled');
    },

    async reschedule(raw) {
      const input = parse(rescheduleSchema, raw);
      const found = await load(input.consultationId, input.firmId);
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
        await checkFree(c.lawyerId, input.start, end, c._id);
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
        await inviteMail.enqueueLogged(next, input.firmName);
      }, deps.lock);
      return finish(found._id, 'rescheduled');
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
        await inviteMail.enqueueLogged(next, input.firmName);
      }, deps.lock);
      if (alreadyCancelled) {
        const {dto, card, delivery} = await view((await Consultations.findById(found._id).lean())!);
        return {consultation: dto, card, delivery, cardPosted: false};
      }
      return finish(found._id, 'cancelled');
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

    async card(consultationId, firmId) {
      parse(objectId('consultationId'), consultationId);
      return (await view((await load(consultationId, firmId)).toObject())).card;
    },

    async delivery(consultationId) {
      parse(objectId('consultationId'), consultationId);
      return inviteMail.delivery((await load(consultationId)).toObject());
    },

    async ensureInvites(consultationId) {
      parse(objectId('consultationId'), consultationId);
      const c = (await load(consultationId)).toObject();
      await inviteMail.enqueue(c);
      return inviteMail.delivery(c);
    },
  };
}
