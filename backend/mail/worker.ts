// Delivers outbox jobs. Attempt N of a job is claimed by inserting the claim document
// `<job>:<N>`; the unique `_id` lets exactly one worker (in any process) win it, and the
// claim documents record every attempt. The winner then leases the job
// (`lockedUntil`). A worker that dies mid-send leaves its lease to expire; the job is then
// claimed as attempt N+1 and re-sent with the same idempotency key, and the provider dedupes it.
// One that dies between its claim and its lease leaves attempt N claimed but the job unleased: a
// lease's time after that claim, the next claimer skips to N+1.
// Emails are the default job kind; webhook deliveries use the same worker on their own
// collection (`jobs`), whose documents carry the same lease fields.
import {randomBytes} from 'node:crypto';
import type {Connection, Model} from 'mongoose';
import type {Logger} from '../logger.js';
import {NOBODY, REVOKED_CLAIM, outboxClaimModel, outboxModel, type Outbox, type OutboxClaim, type OutboxPayload} from '../models/outbox.js';
import {backoffDelay} from '../retry.js';
import type {SendResult} from './resend-sender.js';

/** What the worker reads and writes on a job: the payload and the lease bookkeeping. */
export type OutboxJob<P> = Omit<Outbox, 'payload' | 'kind' | 'consultationId' | 'recipientRole'> & {payload: P};

export interface JobSender<P> {
  readonly name: string;
  send(payload: P, idempotencyKey: string): Promise<SendResult>;
}

export interface OutboxWorkerOptions<P = OutboxPayload, J = P extends OutboxPayload ? Outbox : OutboxJob<P>> {
  db: Connection;
  sender: JobSender<P>;
  /** The job collection; the email outbox by default. */
  jobs?: Model<J>;
  /** How jobs are named in logs. */
  label?: string;
  logger?: Logger;
  /** How often to look for due jobs when nothing kicks the worker. */
  pollIntervalMs?: number;
  /** How long a claim lasts; must exceed the sender's timeout. */
  leaseMs?: number;
  /** Attempts before a retryable failure becomes `failed` (a safety net; time is the real limit). */
  maxAttempts?: number;
  /** A retryable failure keeps being retried until the job is this old: outages end, emails wait. */
  giveUpAfterMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Jobs sent at the same time by this worker. */
  concurrency?: number;
  random?: () => number;
  /** Called after a job ends `sent` or `failed` (e.g. to update the consultation's invite state). */
  onSettled?: (job: J) => void | Promise<void>;
  /** Counts each attempt's outcome (metrics). */
  onOutcome?: (outcome: 'sent' | 'retry' | 'failed') => void;
  workerId?: string;
  /** The clock due times are compared with (tests move it). */
  now?: () => Date;
}

export class OutboxWorker<P = OutboxPayload, J = P extends OutboxPayload ? Outbox : OutboxJob<P>> {
  readonly id: string;
  private readonly Outbox: Model<OutboxJob<P>>;
  private readonly Claims: Model<OutboxClaim>;
  private readonly label: string;
  private readonly o: Required<Omit<OutboxWorkerOptions<P, J>, 'logger' | 'onSettled' | 'onOutcome' | 'workerId' | 'jobs' | 'label' | 'now'>> & Pick<OutboxWorkerOptions<P, J>, 'logger' | 'onSettled' | 'onOutcome'>;
  private readonly now: () => Date;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private timer?: NodeJS.Timeout;
  private kicked = false;

  constructor(opts: OutboxWorkerOptions<P, J>) {
    this.id = opts.workerId ?? `w-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.Outbox = (opts.jobs ?? outboxModel(opts.db)) as unknown as Model<OutboxJob<P>>;
    this.label = opts.label ?? 'email';
    this.Claims = outboxClaimModel(opts.db);
    this.now = opts.now ?? (() => new Date());
    this.o = {
      pollIntervalMs: 2_000, leaseMs: 60_000, maxAttempts: 500, giveUpAfterMs: 24 * 60 * 60_000, backoffBaseMs: 2_000, backoffMaxMs: 15 * 60_000, concurrency: 4, random: Math.random,
      ...opts,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the sends in progress (bounded by the sender's timeout), then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp();
    await this.loop;
    this.loop = undefined;
  }

  /** Look for work now instead of at the next poll (called after enqueueing). */
  kick(): void {
    this.kicked = true;
    this.wakeUp();
  }

  /** Sends every job that is due right now; resolves with how many were handled. For tools and tests. */
  async drain(): Promise<number> {
    let handled = 0;
    await Promise.all(Array.from({length: this.o.concurrency}, async () => {
      while (await this.processOne()) handled++;
    }));
    return handled;
  }

  private wakeUp(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.kicked = false;
      try {
        await this.drain();
      } catch (err) {
        this.o.logger?.warn({err}, 'outbox worker could not reach the database; retrying');
      }
      if (!this.running) break;
      if (this.kicked) continue;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        // Unref: an idle poller never keeps a process alive (servers are kept alive by their sockets).
        this.timer = setTimeout(resolve, this.o.pollIntervalMs).unref();
      });
      this.wake = undefined;
    }
  }

  /** Claims one due job and delivers it; false when none was due. */
  private async processOne(): Promise<boolean> {
    if (!this.running && this.loop) return false;
    const job = await this.claim();
    if (!job) return false;
    let result: SendResult;
    if (job.notAfter && this.now().getTime() > new Date(job.notAfter).getTime()) {
      // Came due too late (e.g. the process was down past a reminder's consultation): drop it.
      await this.Outbox.updateOne({_id: job._id, status: 'pending'}, {$set: {status: 'expired', lockedUntil: NOBODY, lockedBy: null, lastError: 'not sent: its time had passed'}});
      await this.Claims.deleteMany({jobId: job._id}).catch(() => {});
      return true;
    }
    try {
      result = await this.o.sender.send(job.payload, job.idempotencyKey);
    } catch (err) {
      result = {ok: false, retryable: true, status: null, message: `sender threw: ${(err as Error)?.message ?? err}`.slice(0, 500)};
    }
    await this.record(job, result);
    return true;
  }

  private async claim(): Promise<OutboxJob<P> | null> {
    const now = this.now();
    const due = await this.Outbox.find({status: 'pending', nextAttemptAt: {$lte: now}, lockedUntil: {$lte: now}})
      .sort({nextAttemptAt: 1}).limit(this.o.concurrency * 4).lean();
    // Start at a random place so parallel claimers do not all fight over the first job.
    const offset = Math.floor(this.o.random() * due.length);
    for (let i = 0; i < due.length; i++) {
      const job = due[(i + offset) % due.length];
      const attempt = job.attempts + 1;
      try {
        await this.Claims.create({_id: `${job._id}:${attempt}`, jobId: job._id, worker: this.id, at: now});
      } catch (err) {
        if ((err as {code?: number}).code !== 11000) throw err;
        // Someone else won this attempt. If it never leased the job (its process died between
        // the claim and the lease), every claimer would lose attempt N forever: once a lease's
        // time has passed since that claim, the job moves on to attempt N + 1 (one worker does).
        // A claim taken to withdraw the job (revokeEmails) stays final.
        const won = await this.Claims.findById(`${job._id}:${attempt}`).lean<OutboxClaim>();
        if (won && won.worker !== REVOKED_CLAIM && now.getTime() - new Date(won.at).getTime() > this.o.leaseMs) {
          await this.Outbox.updateOne({_id: job._id, status: 'pending', attempts: job.attempts}, {$set: {attempts: attempt}});
        }
        continue;
      }
      // We own attempt N; make sure the job did not finish since we read it.
      const fresh = await this.Outbox.findById(job._id).lean<OutboxJob<P>>();
      if (!fresh || fresh.status !== 'pending' || fresh.attempts !== job.attempts) continue;
      const lease = {attempts: attempt, lockedUntil: new Date(this.now().getTime() + this.o.leaseMs), lockedBy: this.id};
      await this.Outbox.updateOne({_id: job._id}, {$set: lease});
      return {...fresh, ...lease};
    }
    return null;
  }

  private async record(job: OutboxJob<P>, result: SendResult): Promise<void> {
    const released = {lockedUntil: NOBODY, lockedBy: null};
    let settled: OutboxJob<P> | null = null;
    if (result.ok) {
      // Sent is final whoever holds the lease: the provider accepted this key.
      const set = {...released, status: result.captured ? 'captured' as const : 'sent' as const, providerMessageId: result.id, sentAt: this.now(), lastError: null};
      await this.Outbox.updateOne({_id: job._id}, {$set: set});
      settled = {...job, ...set};
      this.o.logger?.info({outboxId: String(job._id), attempts: job.attempts, providerMessageId: result.id}, `${this.label} sent`);
      this.o.onOutcome?.('sent');
    } else if (result.retryable && job.attempts - (job.attemptsBase ?? 0) < this.o.maxAttempts && Date.now() - new Date(job.createdAt).getTime() < this.o.giveUpAfterMs) {
      const wait = Math.max(backoffDelay(job.attempts - (job.attemptsBase ?? 0), {baseMs: this.o.backoffBaseMs, maxMs: this.o.backoffMaxMs, random: this.o.random}), result.retryAfterMs ?? 0);
      // Only the lease holder reschedules; a worker whose lease lapsed must not undo a newer outcome.
      await this.Outbox.updateOne(
        {_id: job._id, lockedBy: this.id, status: 'pending'},
        {$set: {...released, nextAttemptAt: new Date(this.now().getTime() + wait), lastError: describe(result)}},
      );
      this.o.logger?.warn({outboxId: String(job._id), attempts: job.attempts, status: result.status, retryInMs: wait}, `${this.label} not sent; will retry`);
      this.o.onOutcome?.('retry');
    } else {
      const set = {...released, status: 'failed' as const, lastError: describe(result) + (result.retryable ? ` (gave up after ${job.attempts - (job.attemptsBase ?? 0)} attempts)` : '')};
      await this.Outbox.updateOne({_id: job._id, status: 'pending'}, {$set: set});
      settled = {...job, ...set};
      this.o.logger?.error({outboxId: String(job._id), attempts: job.attempts, status: result.status}, `${this.label} failed`);
      this.o.onOutcome?.('failed');
    }
    if (settled) await this.Claims.deleteMany({jobId: job._id}).catch(() => {});
    if (settled && this.o.onSettled) {
      try {
        await this.o.onSettled(settled as unknown as J);
      } catch (err) {
        this.o.logger?.warn({err, outboxId: String(job._id)}, `recording ${this.label} delivery failed`);
      }
    }
  }
}

function describe(r: Extract<SendResult, {ok: false}>): string {
  return `${r.status === null ? 'no answer' : `HTTP ${r.status}`}: ${r.message}`;
}
