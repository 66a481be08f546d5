// The consultation engine built from config in one call: meeting providers, the mailer and
// its outbox worker, and the scheduling service. The façade (services/consultations.ts) is
// what the rest of the backend calls.
import {createHmac} from 'node:crypto';
import type {Connection} from 'mongoose';
import type {Config} from '../config.js';
import type {Logger} from '../logger.js';
import {createMailer, devMailbox, type DevMailbox, type Mailer, type MailerDeps} from '../mail/index.js';
import {ensureConsultationIndexes} from '../models/consultation.js';
import {ensureOutboxIndexes} from '../models/outbox.js';
import {createMeetingProviders, type MeetingProviders, type ProviderOptions} from './providers/index.js';
import {createConsultationService, type ConsultationService, type ConsultationServiceDeps} from './service.js';

export {createConsultationService, type ConsultationService, type ConsultationResult} from './service.js';
export type {ScheduleInput, RescheduleInput, CancelInput} from './booking.js';
export {toConsultationDTO} from './view.js';
export {availableProviders, createMeetingProviders} from './providers/index.js';

export interface ConsultationsModule {
  service: ConsultationService;
  /** Signs the applicant's reschedule/cancel links (consultations/links.ts). */
  linkSecret: string;
  providers: MeetingProviders;
  mailer: Mailer;
  /** What /dev/mail lists (mounted outside production). */
  mailbox: DevMailbox;
  /** Creates indexes (no worker started). */
  prepare(): Promise<void>;
  /** Creates indexes, then starts the email worker. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ConsultationsDeps {
  config: Config;
  db: Connection;
  logger?: Logger;
  postCard?: ConsultationServiceDeps['postCard'];
  /** Called when an invite email ends sent or failed (e.g. to refresh the card). */
  onInviteSettled?: (consultationId: string) => void | Promise<void>;
  providerOptions?: ProviderOptions;
  mail?: Pick<MailerDeps, 'worker' | 'sender' | 'sendTimeoutMs'>;
  now?: () => Date;
}

export function createConsultations(deps: ConsultationsDeps): ConsultationsModule {
  const {config, db, logger} = deps;
  // A key of its own, derived so rotating JWT_SECRET also rotates calendar links.
  const icsSecret = createHmac('sha256', config.JWT_SECRET).update('consultation-ics').digest('base64url');
  const linkSecret = createHmac('sha256', config.JWT_SECRET).update('consultation-self-service').digest('base64url');
  const onInviteSettled = deps.onInviteSettled;
  const mailer = createMailer({
    db, config, logger, ...deps.mail,
    worker: {
      ...(deps.now ? {now: deps.now} : {}),
      ...deps.mail?.worker,
      ...(onInviteSettled ? {onSettled: (job) => (job.consultationId ? onInviteSettled(String(job.consultationId)) : undefined)} : {}),
    },
  });
  const providers = createMeetingProviders(config, deps.providerOptions);
  const service = createConsultationService({db, providers, mailer, publicUrl: config.PUBLIC_URL, icsSecret, linkSecret, logger, postCard: deps.postCard, now: deps.now});
  async function prepare() {
    await ensureOutboxIndexes(db);
    await ensureConsultationIndexes(db);
  }
  return {
    linkSecret,
    service,
    providers,
    mailer,
    mailbox: devMailbox(db),
    prepare,
    async start() {
      await prepare();
      mailer.worker?.start();
    },
    async stop() {
      await mailer.worker?.stop();
    },
  };
}
