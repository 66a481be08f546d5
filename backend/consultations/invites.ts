// The invite emails of a consultation change: planned before the record is written (so the
// record names its outbox jobs), queued after it, and read back live from the outbox.
import {Types, type Connection} from 'mongoose';
import type {Logger} from '../logger.js';
import type {Mailer} from '../mail/index.js';
import type {Consultation, ConsultationEvent, InviteState} from '../models/consultation.js';
import {outboxModel} from '../models/outbox.js';
import {emailFor, type EmailContext, type Role} from './emails.js';
import {selfServiceLinks} from './links.js';
import {planReminders} from './reminders.js';

export interface DeliveryState {
  lawyer: InviteState | null;
  applicant: InviteState | null;
}

/** How an email looks and what it may mention beyond the consultation itself. */
export interface MailExtras {
  firmName?: string | null;
  brand?: {name: string; logoUrl?: string | null; accent?: string | null} | null;
  previous?: {start: Date; end: Date} | null;
}

export interface InviteDeps {
  db: Connection;
  mailer: Pick<Mailer, 'enqueue' | 'capturing'>;
  publicUrl: string;
  icsSecret: string;
  /** Signs the applicant's reschedule/cancel links; without it emails carry none. */
  linkSecret?: string;
  logger?: Logger;
  now: () => Date;
}

export interface Invites {
  /** Invite states for a change, with outbox ids chosen now so the record can name them. */
  plan(c: Consultation, event: ConsultationEvent): DeliveryState;
  /** Queues the planned emails. One key per person per change: doing it twice makes no second email. */
  enqueue(c: Consultation, extras?: MailExtras): Promise<void>;
  /** enqueue() then the reminders; a failure is logged: the consultation stands and ensureInvites() can queue later. */
  enqueueLogged(c: Consultation, extras?: MailExtras): Promise<void>;
  /** The live state: the outbox job's status where there is one. */
  delivery(c: Consultation): Promise<DeliveryState>;
}

export function createInvites(deps: InviteDeps): Invites {
  function emailContext(extras: MailExtras): EmailContext {
    const linkSecret = deps.linkSecret;
    return {
      publicUrl: deps.publicUrl, icsSecret: deps.icsSecret, firmName: extras.firmName, brand: extras.brand, previous: extras.previous, now: deps.now(),
      selfService: linkSecret ? (c) => selfServiceLinks(deps.publicUrl, linkSecret, c) : null,
    };
  }

  async function enqueue(c: Consultation, extras: MailExtras = {}): Promise<void> {
    const ctx = emailContext(extras);
    for (const role of ['lawyer', 'applicant'] as Role[]) {
      const state = c.invites?.[role];
      if (!state?.outboxId) continue;
      const email = emailFor(c, role, state.event, ctx);
      if (!email) continue;
      await deps.mailer.enqueue(email, {
        kind: `consultation.${state.event}`,
        consultationId: c._id,
        recipientRole: role,
        id: state.outboxId,
        idempotencyKey: `consult-${c._id}-${state.sequence}-${role}`,
      });
    }
  }

  return {
    plan(c, event) {
      const plan = (role: Role): InviteState => (role === 'lawyer' ? c.lawyer : c.applicant).email
        ? {event, sequence: c.sequence, outboxId: new Types.ObjectId(), status: deps.mailer.capturing ? 'captured' : 'pending', reason: null}
        : {event, sequence: c.sequence, outboxId: null, status: 'skipped', reason: `the ${role} has no email address`};
      return {lawyer: plan('lawyer'), applicant: plan('applicant')};
    },

    enqueue,

    async enqueueLogged(c, extras = {}) {
      try {
        await enqueue(c, extras);
      } catch (err) {
        deps.logger?.error({err, consultationId: String(c._id)}, 'queueing consultation invites failed; call ensureInvites() to retry');
      }
      try {
        // Reminders never say "moved from": they stand on their own.
        const ctx = emailContext({...extras, previous: null});
        await planReminders({db: deps.db, mailer: deps.mailer, now: deps.now}, c, (role, event) => emailFor(c, role, event, ctx));
      } catch (err) {
        deps.logger?.error({err, consultationId: String(c._id)}, 'planning consultation reminders failed');
      }
    },

    async delivery(c) {
      const ids = [c.invites?.lawyer?.outboxId, c.invites?.applicant?.outboxId].filter((x): x is Types.ObjectId => !!x);
      const jobs = new Map((await outboxModel(deps.db).find({_id: {$in: ids}}, {status: 1, lastError: 1}).lean()).map((j) => [String(j._id), j]));
      const live = (s: InviteState | null | undefined): InviteState | null => {
        if (!s) return null;
        if (!s.outboxId) return {...s};
        const job = jobs.get(String(s.outboxId));
        if (!job) return {...s, status: 'pending', reason: 'not queued yet'};
        // A withdrawn (revoked) or stale (expired) job was never sent: to the person it is skipped.
        const status = job.status === 'revoked' || job.status === 'expired' ? 'skipped' : job.status;
        return {...s, status, reason: status === 'failed' || status === 'skipped' ? job.lastError : null};
      };
      return {lawyer: live(c.invites?.lawyer), applicant: live(c.invites?.applicant)};
    },
  };
}
