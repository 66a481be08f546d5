// The consultations façade: the one way down from a lawyer's action to the engine, its meeting
// provider and the outbox. Input arrives validated (operations table, protocol/schemas.ts);
// here the lawyer is read once, the engine books, and the card it builds is posted in the chat.
//   transport → operations table → this façade → consultations/service.ts → provider + outbox
//                                                  ↳ postCard → chat (chat/cards.ts)
import type {Connection, Types} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {SystemEvent} from '../../protocol/chat.js';
import type {ConsultationCard, ProviderId} from '../../protocol/consultation.js';
import type {Valid} from '../../protocol/schemas.js';
import type {Config} from '../config.js';
import type {Logger} from '../logger.js';
import {AppError} from '../errors.js';
import type {Applicant, Firm, Lawyer, Models} from '../models/index.js';
import {consultationModel} from '../models/consultation.js';
import {outboxModel} from '../models/outbox.js';
import {createConsultations, type ConsultationsModule} from '../consultations/index.js';
import type {ChatService} from '../chat/index.js';
import type {ApplicantDataEraser} from './privacy.js';
import type {EventBus} from '../infra/bus.js';
import {contactStatus} from './email-verification.js';

export interface ConsultationFacadeDeps {
  db: Connection;
  models: Models;
  chat: ChatService;
  config: Config;
  logger: Logger;
  /** Where `consultation:changed` is published (webhooks listen). */
  bus?: EventBus;
  /** Counts email outcomes (metrics). */
  onEmailOutcome?: (outcome: 'sent' | 'retry' | 'failed') => void;
  /** The clock (tests move it). */
  now?: () => Date;
}

export function createConsultationFacade(deps: ConsultationFacadeDeps) {
  const {models, chat, config} = deps;
  const engine: ConsultationsModule = createConsultations({
    config, db: deps.db, logger: deps.logger, now: deps.now,
    mail: {worker: {backoffMaxMs: config.MAIL_RETRY_MAX_SECONDS * 1000, onOutcome: deps.onEmailOutcome}},
    async postCard(card, event, lawyerName, change) {
      if (event === 'scheduled') await chat.postConsultationCard(card, lawyerName);
      else {
        const line: SystemEvent = {
          event: event === 'cancelled' ? 'consultation-cancelled' : 'consultation-rescheduled',
          ...(change.previous ? {from: change.previous.start.toISOString(), to: card.start} : {}),
          ...(change.by === 'applicant' ? {by: 'applicant' as const, ...(change.byName ? {byName: change.byName} : {})} : {}),
        };
        await chat.updateConsultationCard(card, line);
      }
      deps.bus?.publish('consultation:changed', {event, card});
    },
    // Invite delivery changed: refresh the card so the console shows it.
    async onInviteSettled(consultationId) {
      await chat.updateConsultationCard(await engine.service.card(consultationId));
    },
  });

  async function lawyerOf(p: SocketPrincipal): Promise<Lawyer> {
    const lawyer = await models.Lawyer.findById(p.id).lean<Lawyer>();
    if (!lawyer) throw new AppError('unauthorized', 'this lawyer account no longer exists');
    return lawyer;
  }

  async function firmName(firmId: string | Types.ObjectId): Promise<string | null> {
    return (await models.Firm.findById(firmId).select({name: 1}).lean<Pick<Firm, 'name'>>())?.name ?? null;
  }

  /** The firm's name, logo and accent for the emails. */
  async function brandOf(firmId: string | Types.ObjectId): Promise<{firmName: string | null; brand: {name: string; logoUrl: string | null; accent: string | null} | null}> {
    const f = await models.Firm.findById(firmId).select({name: 1, branding: 1}).lean<Pick<Firm, 'name' | 'branding'>>();
    return {firmName: f?.name ?? null, brand: f ? {name: f.name, logoUrl: f.branding?.logoUrl ?? null, accent: f.branding?.accent ?? null} : null};
  }

  /** The chat's page while its origin is still one of the firm's sites (the reschedule link goes back there). */
  async function chatPage(conv: {firmId: Types.ObjectId; startUrl?: string | null}): Promise<string | null> {
    if (!conv.startUrl) return null;
    const firm = await models.Firm.findById(conv.firmId).select({allowedOrigins: 1}).lean<Pick<Firm, 'allowedOrigins'>>();
    try {
      const url = new URL(conv.startUrl);
      return firm?.allowedOrigins.includes(url.origin) && /^https?:$/.test(url.protocol) ? `${url.origin}${url.pathname}${url.search}` : null;
    } catch {
      return null;
    }
  }

  async function scheduleIn(conv: {_id: Types.ObjectId; firmId: Types.ObjectId; applicantId: Types.ObjectId; startUrl?: string | null}, lawyerId: string, input: {start: string; durationMinutes: number; provider: ProviderId; bufferMinutes?: number; notes?: string | null; bookedBy?: 'lawyer' | 'applicant'; holdExcept?: string}) {
    const [lawyer, applicant, firm] = await Promise.all([
      models.Lawyer.findById(lawyerId).lean<Lawyer>(), models.Applicant.findById(conv.applicantId).lean<Applicant>(), brandOf(conv.firmId),
    ]);
    if (!lawyer) throw new AppError('unauthorized', 'this lawyer account no longer exists');
    if (!applicant) throw new AppError('not_found', 'applicant not found');
    return engine.service.schedule({
      conversationId: String(conv._id),
      firmId: String(conv.firmId),
      ...firm,
      lawyer: {id: String(lawyer._id), name: lawyer.name, email: lawyer.email, timeZone: lawyer.timeZone, personalMeetingUrl: lawyer.personalMeetingUrl, lang: lawyer.lang},
      // Invitations go only to an address the applicant proved (a code, or the site's sign-in);
      // a typed, unconfirmed one is not used. Language: the widget's, else the browser's.
      applicant: {id: String(applicant._id), name: applicant.name, email: contactStatus(applicant).verified ? applicant.email : null, timeZone: applicant.timeZone, lang: applicant.lang ?? applicant.language?.slice(0, 2) ?? null},
      notes: input.notes,
      bookedBy: input.bookedBy,
      start: input.start,
      durationMinutes: input.durationMinutes,
      provider: input.provider,
      bufferMinutes: input.bufferMinutes,
      holdExcept: input.holdExcept,
      startUrl: await chatPage(conv),
    });
  }

  return {
    engine,

    async providers(p: SocketPrincipal): Promise<ProviderId[]> {
      const lawyer = await lawyerOf(p);
      return engine.providers.available({personalMeetingUrl: lawyer.personalMeetingUrl});
    },

    async schedule(p: SocketPrincipal, input: Valid<'scheduleConsultation'>): Promise<ConsultationCard> {
      const conv = await chat.loadMember(p, input.conversationId);
      return (await scheduleIn(conv, p.id, input)).card;
    },

    /** A visitor's booking: the same path as the console's (lock, overlap check), plus the lawyer's buffer. */
    async book(conv: {_id: Types.ObjectId; firmId: Types.ObjectId; applicantId: Types.ObjectId; startUrl?: string | null}, lawyerId: string, input: {start: string; durationMinutes: number; provider: ProviderId; bufferMinutes: number; holdExcept?: string}) {
      return scheduleIn(conv, lawyerId, {...input, bookedBy: 'applicant'});
    },

    async reschedule(p: SocketPrincipal, input: Valid<'rescheduleConsultation'>): Promise<ConsultationCard> {
      const result = await engine.service.reschedule({...input, firmId: p.firmId, ...(await brandOf(p.firmId))});
      return result.card;
    },

    async cancel(p: SocketPrincipal, input: Valid<'consultationRef'>): Promise<ConsultationCard> {
      const result = await engine.service.cancel({...input, firmId: p.firmId, ...(await brandOf(p.firmId))});
      return result.card;
    },

    /** Consultations of one conversation, for members, newest first. */
    async list(p: SocketPrincipal, conversationId: string): Promise<ConsultationCard[]> {
      const conv = await chat.loadMember(p, conversationId);
      const cards = await models.Message.find({conversationId: conv._id, kind: 'consultation'}).sort({seq: -1}).select({consultationId: 1}).lean();
      const out: ConsultationCard[] = [];
      for (const m of cards) if (m.consultationId) out.push(await engine.service.card(String(m.consultationId), String(conv.firmId)));
      return out;
    },

    /** One applicant's consultations, newest first (the console's visitor panel). */
    async ofApplicant(applicantId: Types.ObjectId, limit: number) {
      const docs = await consultationModel(deps.db).find({applicantId}).sort({start: -1}).limit(limit).lean();
      return docs.map((c) => ({id: String(c._id), conversationId: String(c.conversationId), title: c.title, start: new Date(c.start).toISOString(), status: c.status}));
    },

    /** Erasure also clears consultations and the emails queued or kept about them. */
    eraser: (async (applicantId) => {
      const Consultation = consultationModel(deps.db);
      const ids = (await Consultation.find({applicantId}).select({_id: 1}).lean()).map((c) => c._id);
      const emails = await outboxModel(deps.db).deleteMany({consultationId: {$in: ids}});
      const removed = await Consultation.deleteMany({_id: {$in: ids}});
      return {name: 'consultations', deleted: removed.deletedCount + emails.deletedCount};
    }) satisfies ApplicantDataEraser,
  };
}

export type ConsultationFacade = ReturnType<typeof createConsultationFacade>;
