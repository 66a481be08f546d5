// A scheduled video consultation between a lawyer and an applicant. Times are stored in UTC;
// the time zones say how each person sees them. `icalUid` never changes and `sequence` grows
// with every change, as calendar clients expect.
import {Schema, type Connection, type HydratedDocument, type Model, type Types} from 'mongoose';
import {bind, wireShape} from './shared.js';
import {bookingRequestModel} from './booking-request.js';
import {
  CONSULTATION_EVENTS, CONSULTATION_STATUSES, INVITE_STATUSES, PROVIDERS,
  type ConsultationEvent, type ConsultationStatus, type InviteStatus, type ProviderId,
} from '../../protocol/consultation.js';

export {CONSULTATION_EVENTS, CONSULTATION_STATUSES, INVITE_STATUSES, PROVIDERS};
export type {ConsultationEvent, ConsultationStatus, InviteStatus, ProviderId};

/**
 * The latest invite to one person. `status` is as it was when queued; the live state is the
 * outbox job's (read it with the service, which looks the job up), because the worker never
 * writes to the consultation: its only writer is the service, under the lawyer's lock.
 */
export interface InviteState {
  /** Which change the latest invite announced. */
  event: ConsultationEvent;
  sequence: number;
  outboxId: Types.ObjectId | null;
  status: InviteStatus;
  /** Why it was skipped or failed. */
  reason: string | null;
}

export interface Participant {
  name: string | null;
  email: string | null;
}

export interface Consultation {
  _id: Types.ObjectId;
  conversationId: Types.ObjectId;
  firmId: Types.ObjectId;
  lawyerId: Types.ObjectId;
  applicantId: Types.ObjectId;
  /** Names and addresses as they were when the invites went out, so later changes can reach them. */
  lawyer: Participant;
  applicant: Participant;
  title: string;
  start: Date;
  end: Date;
  lawyerTimeZone: string;
  applicantTimeZone: string;
  /** Languages of each person's emails (en, fr, es). */
  lawyerLang?: string | null;
  applicantLang?: string | null;
  /** What the lawyer asks the applicant to prepare; shown in the applicant's emails. */
  notes?: string | null;
  /** Who made it: the lawyer from the console, or the applicant from the widget. */
  bookedBy?: 'lawyer' | 'applicant';
  /** The page the applicant's chat lives on: the email's reschedule link opens the widget's picker there. */
  startUrl?: string | null;
  provider: ProviderId;
  joinUrl: string;
  providerMeetingId: string | null;
  icalUid: string;
  sequence: number;
  status: ConsultationStatus;
  invites: {lawyer: InviteState | null; applicant: InviteState | null};
  createdAt: Date;
  updatedAt: Date;
}

export type ConsultationDocument = HydratedDocument<Consultation>;

const participantSchema = new Schema<Participant>({name: {type: String, default: null}, email: {type: String, default: null}}, {_id: false});
const inviteSchema = new Schema<InviteState>(
  {
    event: {type: String, enum: CONSULTATION_EVENTS, required: true},
    sequence: {type: Number, required: true},
    outboxId: {type: Schema.Types.ObjectId, default: null},
    status: {type: String, enum: INVITE_STATUSES, required: true},
    reason: {type: String, default: null},
  },
  {_id: false},
);

export const consultationSchema = new Schema<Consultation>(
  {
    conversationId: {type: Schema.Types.ObjectId, required: true},
    firmId: {type: Schema.Types.ObjectId, required: true},
    lawyerId: {type: Schema.Types.ObjectId, required: true},
    applicantId: {type: Schema.Types.ObjectId, required: true},
    lawyer: {type: participantSchema, required: true},
    applicant: {type: participantSchema, required: true},
    title: {type: String, required: true, maxlength: 200},
    start: {type: Date, required: true},
    end: {type: Date, required: true},
    lawyerTimeZone: {type: String, required: true},
    applicantTimeZone: {type: String, required: true},
    lawyerLang: {type: String, default: null},
    applicantLang: {type: String, default: null},
    notes: {type: String, default: null, maxlength: 2000},
    bookedBy: {type: String, enum: ['lawyer', 'applicant'], default: 'lawyer'},
    startUrl: {type: String, default: null},
    provider: {type: String, enum: PROVIDERS, required: true},
    joinUrl: {type: String, required: true},
    providerMeetingId: {type: String, default: null},
    icalUid: {type: String, required: true},
    sequence: {type: Number, required: true, default: 0},
    status: {type: String, enum: CONSULTATION_STATUSES, required: true, default: 'scheduled'},
    invites: {
      lawyer: {type: inviteSchema, default: null},
      applicant: {type: inviteSchema, default: null},
    },
  },
  {
    collection: 'consultations',
    timestamps: true,
  },
);

wireShape(consultationSchema);
consultationSchema.index({icalUid: 1}, {unique: true});
// Overlap checks: a lawyer's scheduled consultations by time.
consultationSchema.index({lawyerId: 1, status: 1, start: 1});
consultationSchema.index({conversationId: 1, start: 1});
// The visitor panel and erasure: one applicant's consultations.
consultationSchema.index({applicantId: 1, start: -1});

export function consultationModel(conn: Connection): Model<Consultation> {
  return bind(conn, 'Consultation', consultationSchema);
}

/**
 * Serialises booking changes per lawyer without transactions or atomic updates (see
 * consultations/lock.ts): one insert-only document per holder, `_id` = `<lawyer>:<generation>`.
 */
export interface LawyerLock {
  _id: string;
  lawyerId: Types.ObjectId;
  generation: number;
  owner: string;
  expiresAt: Date;
  released: boolean;
}

export const lawyerLockSchema = new Schema<LawyerLock>(
  {
    _id: {type: String, required: true},
    lawyerId: {type: Schema.Types.ObjectId, required: true},
    generation: {type: Number, required: true},
    owner: {type: String, required: true},
    expiresAt: {type: Date, required: true},
    released: {type: Boolean, required: true, default: false},
  },
  {collection: 'consultation_locks', versionKey: false},
);
lawyerLockSchema.index({lawyerId: 1, generation: -1});

export function lawyerLockModel(conn: Connection): Model<LawyerLock> {
  return bind(conn, 'ConsultationLock', lawyerLockSchema);
}

export async function ensureConsultationIndexes(conn: Connection): Promise<void> {
  await consultationModel(conn).createIndexes();
  await bookingRequestModel(conn).createIndexes();
  await lawyerLockModel(conn).createIndexes();
}
