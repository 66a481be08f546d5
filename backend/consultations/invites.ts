// The invite emails of a consultation change: planned before the record is written (so the
// record names its outbox jobs), queued after it, and read back live from the outbox.
import {Types, type Connection} from 'mongoose';
import type {Logger} from '../logger.js';
import type {Mailer} from '../mail/index.js';
import type {Consultation, ConsultationEvent, InviteState} from '../models/consultation.js';
import {outboxModel} from '../models/outbox.js';
import {emailFor, type Role} from './emails.js';

export interface DeliveryState {
  lawyer: InviteState | null;
  applicant: InviteState | null;
}

export interface InviteDeps {
  db: Connection;
  mailer: Pick<Mailer, 'enqueue' | 'capturing'>;
  publicUrl: string;
  icsSecret: string;
  logger?: Logger;
  now: () => Date;
}

export interface Invites {
  /** Invite states for a change, with outbox ids chosen now so the record can name them. */
  plan(c: Consultation, event: ConsultationEvent): DeliveryState;
  /** Queues the planned emails. One key per person per change: doing it twice makes no second email. */
  enqueue(c: Consultation, firmName?: string | null): Promise<void>;
  /** enqueue(), but a failure is logged: the consultation stands and ensureInvites() can queue later. */
  enqueueLogged(c: Consultation, firmName?: string | null): Promise<void>;
  /** The live state: the outbox job's status where there is one. */
  delivery(c: Consultation): Promise<DeliveryState>;
}

export function createInvites(deps: InviteDeps): Invites {
  async function enqueue(c: Consultation, firmName?: string | null): Promise<void> {
    for (const role of ['lawyer', 'applicant'] as Role[]) {
      const state = c.invites?.[role];
      if (!state?.outboxId) continue;
      const email = emailFor(c, role, state.event, {publicUrl: deps.publicUrl, icsSecret: deps.icsSecret, firmName, now: deps.now()});
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

    async enqueueLogged(c, firmName) {
      try {
        await enqueue(c, firmName);
      } catch (err) {
        deps.logger?.error({err, consultationId: String(c._id)}, 'queueing consultation invites failed; call ensureInvites() to retry');
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
        return {...s, status: job.status, reason: job.status === 'failed' ? job.lastError : null};
      };
      return {lawyer: live(c.invites?.lawyer), applicant: live(c.invites?.applicant)};
    },
  };
}
