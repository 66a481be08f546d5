// Everything the chat core needs to wire consultations in, built from config in one call.
import {createHmac} from 'node:crypto';
import type Router from '@koa/router';
import type {Connection} from 'mongoose';
import type {Config} from '../config.js';
import type {Logger} from '../logger.js';
import {createMailer, devMailRouter, type Mailer, type MailerDeps} from '../mail/index.js';
import {ensureConsultationIndexes} from '../models/consultation.js';
import {ensureOutboxIndexes} from '../models/outbox.js';
import {createMeetingProviders, type MeetingProviders, type ProviderOptions} from './providers/index.js';
import {consultationCalendarRouter} from './routes.js';
import {googleCalendarUrl, hostedIcsPath, outlookCalendarUrl} from './ics.js';
import type {ConsultationCard, ConsultationDTO} from '../../protocol/consultation.js';
import {createConsultationService, type ConsultationService, type ConsultationServiceDeps} from './service.js';

export {createConsultationService, toConsultationDTO, type ConsultationService, type ConsultationResult, type ScheduleInput, type RescheduleInput, type CancelInput} from './service.js';
export {availableProviders, createMeetingProviders} from './providers/index.js';

export interface ConsultationsModule {
  service: ConsultationService;
  /** The chat card for a consultation: the DTO plus add-to-calendar links. */
  card(dto: ConsultationDTO): ConsultationCard;
  providers: MeetingProviders;
  mailer: Mailer;
  /** Mount on the Koa app: the hosted .ics, plus /dev/mail outside production. */
  routers: Router[];
  /** Creates indexes, then starts the email worker. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ConsultationsDeps {
  config: Config;
  db: Connection;
  logger?: Logger;
  postCard?: ConsultationServiceDeps['postCard'];
  /** Called when an invite email ends sent or failed (e.g. to push `consultation:updated`). */
  onInviteSettled?: (consultationId: string) => void | Promise<void>;
  providerOptions?: ProviderOptions;
  mail?: Pick<MailerDeps, 'worker' | 'sender' | 'sendTimeoutMs'>;
  now?: () => Date;
}

export function createConsultations(deps: ConsultationsDeps): ConsultationsModule {
  const {config, db, logger} = deps;
  // A key of its own, derived so rotating JWT_SECRET also rotates calendar links.
  const icsSecret = createHmac('sha256', config.JWT_SECRET).update('consultation-ics').digest('base64url');
  const onInviteSettled = deps.onInviteSettled;
  const mailer = createMailer({
    db, config, logger, ...deps.mail,
    worker: {
      ...deps.mail?.worker,
      ...(onInviteSettled ? {onSettled: (job) => (job.consultationId ? onInviteSettled(String(job.consultationId)) : undefined)} : {}),
    },
  });
  const providers = createMeetingProviders(config, deps.providerOptions);
  const service = createConsultationService({db, providers, mailer, publicUrl: config.PUBLIC_URL, icsSecret, logger, postCard: deps.postCard, now: deps.now});
  const routers = [consultationCalendarRouter({db, icsSecret})];
  if (config.NODE_ENV !== 'production') routers.push(devMailRouter({db}));
  return {
    service,
    card(dto) {
      const event = {title: dto.title, start: new Date(dto.start), end: new Date(dto.end), details: `Join: ${dto.joinUrl}`, location: dto.joinUrl};
      return {...dto, links: {google: googleCalendarUrl(event), outlook: outlookCalendarUrl(event), ics: `${config.PUBLIC_URL}${hostedIcsPath(dto.id, icsSecret)}`}};
    },
    providers,
    mailer,
    routers,
    async start() {
      await ensureOutboxIndexes(db);
      await ensureConsultationIndexes(db);
      mailer.worker?.start();
    },
    async stop() {
      await mailer.worker?.stop();
    },
  };
}
