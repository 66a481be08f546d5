// The mail module as the rest of the backend sees it: enqueue() and a worker that sends.
// Without RESEND_API_KEY nothing is sent: emails are stored as `captured` for /dev/mail.
import type {Connection} from 'mongoose';
import type {Config} from '../config.js';
import type {Logger} from '../logger.js';
import {enqueueEmail, type EmailInput, type EnqueueOptions, type EnqueueResult} from './outbox.js';
import {resendSender, type EmailSender} from './resend-sender.js';
import {OutboxWorker, type OutboxWorkerOptions} from './worker.js';

export {devMailbox, type DevMailbox} from './mailbox.js';
export {enqueueEmail, retryFailedEmail, revokeEmails, type EmailInput} from './outbox.js';
export {OutboxWorker} from './worker.js';
export {resendSender, type EmailSender, type SendResult} from './resend-sender.js';

export interface Mailer {
  /** True when emails are only stored (no provider configured). */
  readonly capturing: boolean;
  /** Sends (or, while capturing, captures) due jobs. Call `worker.start()` at boot and `worker.stop()` at shutdown. */
  readonly worker: OutboxWorker;
  enqueue(email: EmailInput, opts: Omit<EnqueueOptions, 'capture' | 'defaultFrom'>): Promise<EnqueueResult>;
}

export interface MailerDeps {
  db: Connection;
  config: Pick<Config, 'RESEND_API_KEY' | 'RESEND_BASE_URL' | 'MAIL_FROM'>;
  logger?: Logger;
  /** Replaces the Resend sender (another provider). */
  sender?: EmailSender;
  worker?: Omit<OutboxWorkerOptions, 'db' | 'sender' | 'logger'>;
  sendTimeoutMs?: number;
}

/** Stores instead of sending: what a due scheduled email becomes without a provider. */
const captureSender: EmailSender = {name: 'capture', send: async (_p, key) => ({ok: true, id: `captured-${key}`, captured: true})};

export function createMailer(deps: MailerDeps): Mailer {
  const sender = deps.sender ?? (deps.config.RESEND_API_KEY
    ? resendSender({apiKey: deps.config.RESEND_API_KEY, baseUrl: deps.config.RESEND_BASE_URL, timeoutMs: deps.sendTimeoutMs})
    : undefined);
  // While capturing, the worker only captures scheduled emails once they are due.
  const worker = new OutboxWorker({db: deps.db, sender: sender ?? captureSender, logger: deps.logger, ...deps.worker});
  if (!sender) deps.logger?.warn('RESEND_API_KEY is not set: emails are stored as captured (see /dev/mail), not sent');
  return {
    capturing: !sender,
    worker,
    async enqueue(email, opts) {
      const result = await enqueueEmail(deps.db, email, {...opts, capture: !sender, defaultFrom: deps.config.MAIL_FROM});
      if (result.job.status === 'pending') worker.kick();
      return result;
    },
  };
}
