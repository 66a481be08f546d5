// Putting an email in the outbox: validated, built once, stored whole. Sending happens later in
// the worker, so a provider outage or a restart never loses it.
import {Types, type Connection} from 'mongoose';
import {z} from 'zod';
import {AppError, invalidInput} from '../errors.js';
import {OBJECT_ID} from '../../protocol/schemas.js';
import {NOBODY, REVOKED_CLAIM, outboxClaimModel, outboxModel, type OutboxDocument, type OutboxPayload} from '../models/outbox.js';

const address = z.string().trim().max(320).email();
/** `Name <addr@host>` or a bare address. */
const sender = z.string().trim().min(3).max(400).refine((v) => {
  const m = /<([^<>]+)>\s*$/.exec(v);
  return address.safeParse(m ? m[1] : v).success;
}, 'must be an email address or "Name <address>"');
const oneOrMany = (s: z.ZodType<string>) => z.union([s, z.array(s).min(1).max(50)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const emailInputSchema = z.object({
  from: sender.optional(),
  to: oneOrMany(address),
  replyTo: oneOrMany(address).optional(),
  subject: z.string().trim().min(1).max(998).refine((s) => !/[\r\n]/.test(s), 'must be one line'),
  html: z.string().min(1).max(500_000),
  text: z.string().min(1).max(200_000),
  attachments: z.array(z.object({
    filename: z.string().min(1).max(200).regex(/^[^/\\\r\n"]+$/, 'must be a plain file name'),
    contentType: z.string().min(3).max(200).regex(/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w-]+=[\w.+-]+)*$/, 'must be a MIME type'),
    content: z.union([z.string(), z.instanceof(Buffer)]),
  })).max(10).default([]),
});

export type EmailInput = z.input<typeof emailInputSchema>;

export interface EnqueueOptions {
  /** What produced it, e.g. `consultation.scheduled`. */
  kind: string;
  /** Used when `email.from` is not given. */
  defaultFrom: string;
  consultationId?: string | Types.ObjectId | null;
  recipientRole?: string | null;
  /**
   * The key the provider dedupes on. Give a key derived from the source record to make
   * enqueueing itself idempotent (a second call returns the first job); by default
   * `mail-<outbox id>`.
   */
  idempotencyKey?: string;
  /** The job's id, when the caller must reference it before enqueueing (e.g. from its own record). */
  id?: Types.ObjectId;
  /** Store without sending (no mail provider configured): status `captured`. */
  capture: boolean;
  now?: Date;
  /** A scheduled email: not sent before this instant (kept pending until then, even when capturing). */
  notBefore?: Date;
  /** Dropped as `expired` if still unsent at this instant. */
  notAfter?: Date;
}

export interface EnqueueResult {
  job: OutboxDocument;
  /** False when a job with this idempotency key already existed. */
  created: boolean;
}

export async function enqueueEmail(db: Connection, email: EmailInput, opts: EnqueueOptions): Promise<EnqueueResult> {
  const parsed = emailInputSchema.safeParse(email);
  if (!parsed.success) throw invalidInput(parsed.error, 'invalid email');
  const e = parsed.data;
  const payload: OutboxPayload = {
    from: e.from ?? opts.defaultFrom,
    to: e.to,
    replyTo: e.replyTo ?? [],
    subject: e.subject,
    html: e.html,
    text: e.text,
    attachments: e.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.isBuffer(a.content) ? a.content.toString('base64') : Buffer.from(a.content, 'utf8').toString('base64'),
    })),
  };
  const Outbox = outboxModel(db);
  const _id = opts.id ?? new Types.ObjectId();
  const idempotencyKey = opts.idempotencyKey ?? `mail-${_id}`;
  const now = opts.now ?? new Date();
  try {
    const job = await Outbox.create({
      _id,
      kind: opts.kind,
      consultationId: opts.consultationId ?? null,
      recipientRole: opts.recipientRole ?? null,
      payload,
      idempotencyKey,
      // A scheduled email waits in `pending` even when capturing; the worker captures it when due.
      status: opts.capture && !(opts.notBefore && opts.notBefore > now) ? 'captured' : 'pending',
      attempts: 0,
      nextAttemptAt: opts.notBefore && opts.notBefore > now ? opts.notBefore : now,
      notAfter: opts.notAfter ?? null,
    });
    return {job, created: true};
  } catch (err) {
    if ((err as {code?: number}).code !== 11000) throw err;
    const existing = await Outbox.findOne({idempotencyKey});
    if (!existing) throw err;
    return {job: existing, created: false};
  }
}

/** Puts a failed job back in the queue (after fixing what made it fail). Same key, same bytes. */
export async function retryFailedEmail(db: Connection, id: string): Promise<OutboxDocument> {
  if (!OBJECT_ID.test(id)) throw new AppError('bad_request', 'not an outbox id');
  const Outbox = outboxModel(db);
  const job = await Outbox.findById(id);
  if (!job || job.status !== 'failed') throw new AppError('conflict', 'only a failed email can be retried');
  // Attempt numbers keep counting (claims are per attempt number); the limit restarts here.
  job.set({status: 'pending', attemptsBase: job.attempts, nextAttemptAt: new Date(), lastError: null});
  await job.save();
  return job;
}

/**
 * Withdraws scheduled emails that have not been sent. The claim of each job's next attempt is
 * taken in the worker's place (the same unique insert the workers race on), so once this
 * returns no worker can start sending them; an attempt a worker had already claimed was due
 * before the withdrawal and may still complete. Returns how many were withdrawn.
 */
export async function revokeEmails(db: Connection, filter: {consultationId: Types.ObjectId; kind: {$in: string[]}}, reason: string): Promise<number> {
  const Outbox = outboxModel(db);
  const Claims = outboxClaimModel(db);
  const jobs = await Outbox.find({consultationId: filter.consultationId}).lean();
  let revoked = 0;
  for (const job of jobs.filter((j) => j.status === 'pending' && filter.kind.$in.includes(j.kind))) {
    // A worker may hold attempt N right now; the claim of N+1 (or a later one) is what we take.
    for (let attempt = job.attempts + 1; attempt <= job.attempts + 3; attempt++) {
      try {
        await Claims.create({_id: `${job._id}:${attempt}`, jobId: job._id, worker: REVOKED_CLAIM, at: new Date()});
      } catch (err) {
        if ((err as {code?: number}).code === 11000) continue;
        throw err;
      }
      await Outbox.updateOne({_id: job._id, status: 'pending'}, {$set: {status: 'revoked', lastError: reason, lockedUntil: NOBODY, lockedBy: null}});
      revoked++;
      break;
    }
  }
  return revoked;
}
