// Email jobs. The message is built once at enqueue time and stored whole, so every attempt
// sends the same bytes with the same idempotency key.
//
// Workers claim a job attempt by inserting a claim document (a unique `_id` decides, in any
// process), and a job document has one writer at a time (whoever holds the claim), so its
// history of attempts is never written by two workers at once.
import {Schema, type Connection, type HydratedDocument, type Model, type Types} from 'mongoose';
import {bind, wireShape} from './shared.js';

// `revoked`: a scheduled email withdrawn before it was due (a reminder of a moved or cancelled
// consultation); `expired`: one that became due too late to mean anything (its `notAfter` passed).
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'captured', 'revoked', 'expired'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxAttachment {
  filename: string;
  /** Full MIME type with parameters, e.g. `text/calendar; method=REQUEST; charset=utf-8`. */
  contentType: string;
  /** Base64. */
  content: string;
}

export interface OutboxPayload {
  from: string;
  to: string[];
  replyTo: string[];
  subject: string;
  html: string;
  text: string;
  attachments: OutboxAttachment[];
}

/** What every job the outbox worker sends carries: its attempts and who holds it (emails, webhook deliveries). */
export interface JobState<S extends string = OutboxStatus> {
  status: S;
  attempts: number;
  /** Attempts made before the last manual retry; the attempt limit counts from here. */
  attemptsBase: number;
  nextAttemptAt: Date;
  /** Not sent after this instant (a reminder after the consultation started); null: no limit. */
  notAfter?: Date | null;
  /** A worker owns the job until this instant; epoch when nobody does. */
  lockedUntil: Date;
  lockedBy: string | null;
  lastError: string | null;
  providerMessageId: string | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const NOBODY = new Date(0);
/** The worker name on a claim taken to withdraw a job: that claim is final. */
export const REVOKED_CLAIM = 'revoked';

/** The schema paths of `JobState` (timestamps come from the schema option). */
export const jobStatePaths = <S extends string>(statuses: readonly S[]) => ({
  status: {type: String, enum: statuses, required: true, default: 'pending' as S},
  attempts: {type: Number, required: true, default: 0},
  attemptsBase: {type: Number, required: true, default: 0},
  nextAttemptAt: {type: Date, required: true, default: () => new Date()},
  lockedUntil: {type: Date, required: true, default: () => NOBODY},
  lockedBy: {type: String, default: null},
  lastError: {type: String, default: null},
  providerMessageId: {type: String, default: null},
  sentAt: {type: Date, default: null},
});

export interface Outbox extends JobState {
  _id: Types.ObjectId;
  /** What produced the email, e.g. `consultation.scheduled`. */
  kind: string;
  consultationId: Types.ObjectId | null;
  /** Whose copy this is (`lawyer` / `applicant`), for delivery state on the source record. */
  recipientRole: string | null;
  payload: OutboxPayload;
  idempotencyKey: string;
}

export type OutboxDocument = HydratedDocument<Outbox>;

const attachmentSchema = new Schema<OutboxAttachment>(
  {
    filename: {type: String, required: true, maxlength: 200},
    contentType: {type: String, required: true, maxlength: 200},
    content: {type: String, required: true},
  },
  {_id: false},
);

export const outboxSchema = new Schema<Outbox>(
  {
    kind: {type: String, required: true, maxlength: 80},
    consultationId: {type: Schema.Types.ObjectId, default: null},
    recipientRole: {type: String, default: null, maxlength: 40},
    payload: {
      from: {type: String, required: true},
      to: {type: [String], required: true, validate: [(v: string[]) => v.length > 0 && v.length <= 50, 'needs 1 to 50 recipients']},
      replyTo: {type: [String], default: []},
      subject: {type: String, required: true, maxlength: 998},
      html: {type: String, required: true},
      text: {type: String, required: true},
      attachments: {type: [attachmentSchema], default: []},
    },
    idempotencyKey: {type: String, required: true, maxlength: 256},
    ...jobStatePaths(OUTBOX_STATUSES),
    notAfter: {type: Date, default: null},
  },
  {
    collection: 'outbox',
    timestamps: true,
  },
);

// Lease bookkeeping is internal to the workers.
wireShape(outboxSchema, ['lockedBy', 'lockedUntil', 'attemptsBase']);
outboxSchema.index({idempotencyKey: 1}, {unique: true});
// The claim query: due pending jobs, oldest first.
outboxSchema.index({status: 1, nextAttemptAt: 1});
outboxSchema.index({consultationId: 1});
// The oldest pending job (metrics).
outboxSchema.index({status: 1, createdAt: 1});
outboxSchema.index({createdAt: -1});

export function outboxModel(conn: Connection): Model<Outbox> {
  return bind(conn, 'Outbox', outboxSchema);
}

/**
 * One document per attempt, `_id` = `<job id>:<attempt number>`. Inserting it is the claim:
 * the unique `_id` lets exactly one worker own attempt N of a job.
 */
export interface OutboxClaim {
  _id: string;
  jobId: Types.ObjectId;
  worker: string;
  at: Date;
}

export const outboxClaimSchema = new Schema<OutboxClaim>(
  {_id: {type: String, required: true}, jobId: {type: Schema.Types.ObjectId, required: true}, worker: {type: String, required: true}, at: {type: Date, required: true}},
  {collection: 'outbox_claims', versionKey: false},
);
outboxClaimSchema.index({jobId: 1});

export function outboxClaimModel(conn: Connection): Model<OutboxClaim> {
  return bind(conn, 'OutboxClaim', outboxClaimSchema);
}

/** Indexes are created explicitly at start (autoIndex is off). */
export async function ensureOutboxIndexes(conn: Connection): Promise<void> {
  await outboxModel(conn).createIndexes();
  await outboxClaimModel(conn).createIndexes();
}

