// The mail module as the rest of the backend sees it: enqueue() and a worker that sends.
// Without RESEND_API_KEY nothing is sent: emails are stored as `captured` for /dev/mail.
import type {Connection} from 'mongoose';
import type {Config} from '../config.js';
import type {Logger} from '../logger.js';
import {enqueueEmail, type EmailInput, type EnqueueOptions, type EnqueueResult} from './outbox.js';
import {resendSender, type EmailSender} from './resend-sender.js';
import {OutboxWorker, type OutboxWorkerOptions} from './worker.js';

export {devMailbox, type DevMailbox} from './mailbox.js';
export {enqueueEmail, retryFailedEmail, type EmailInput} from './outbox.js';
export {OutboxWorker} from './worker.js';
export {resendSender, type EmailSender, type SendResult} from './resend-sender.js';

export interface Mailer {
  /** True when emails are only stored (no provider configured). */
  readonly capturing: boolean;
  /** Null while capturing. Call `worker.start()` at boot and `worker.stop()` at shutdown. */
  readonly worker: OutboxWorker | null;
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

export function createMailer(deps: MailerDeps): Mailer {
  const sender = deps.sender ?? (deps.config.RESEND_API_KEY
    ? resendSender({apiKey: deps.config.RESEND_API_KEY, baseUrl: deps.config.RESEND_BASE_URL, timeoutMs: deps.sendTimeoutMs})
    : undefined);
  const worker = sender ? new OutboxWorker({db: deps.db, sender, logger: deps.logger, ...deps.worker}) : null;
  if (!sender) deps.logger?.warn('RESEND_API_KEY is not set: emails are stored as captured (see /dev/mail), not sent');
  return {
    capturing: !sender,
    worker,
    async enqueue(email, opts) {
      const result = await enqueueEmail(deps.db, email, {...opts, capture: !sender, defaultFrom: deps.config.MAIL_FROM});
      worker?.kick();
      return result;
    },
  };
}
