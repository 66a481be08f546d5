// Reminders 24 h and 1 h before, to both people, as scheduled outbox jobs (sent when due, by
// whichever process's worker claims them). Every change re-plans them under the lawyer's lock:
// the old ones are withdrawn first, so a moved consultation is never reminded at its old time
// and a cancelled one never again. Keys carry the sequence: planning twice makes nothing twice.
import type {Connection} from 'mongoose';
import type {Mailer} from '../mail/index.js';
import {revokeEmails, type EmailInput} from '../mail/outbox.js';
import type {Consultation} from '../models/consultation.js';
import type {EmailEvent, Role} from './emails.js';

export const REMINDERS = [
  {event: 'reminder-24h', beforeMs: 24 * 3_600_000},
  {event: 'reminder-1h', beforeMs: 3_600_000},
] as const satisfies readonly {event: EmailEvent; beforeMs: number}[];

export const REMINDER_KINDS = REMINDERS.map((r) => `consultation.${r.event}`);

export async function planReminders(
  deps: {db: Connection; mailer: Pick<Mailer, 'enqueue'>; now: () => Date},
  c: Consultation,
  build: (role: Role, event: EmailEvent) => EmailInput | null,
): Promise<void> {
  await revokeEmails(deps.db, {consultationId: c._id, kind: {$in: REMINDER_KINDS}}, `withdrawn: the consultation was ${c.status === 'cancelled' ? 'cancelled' : 'changed'} (sequence ${c.sequence})`);
  if (c.status !== 'scheduled') return;
  for (const role of ['lawyer', 'applicant'] as Role[]) {
    for (const r of REMINDERS) {
      const at = new Date(c.start.getTime() - r.beforeMs);
      // Booked closer than that: the confirmation just sent is the reminder.
      if (at.getTime() <= deps.now().getTime()) continue;
      const email = build(role, r.event);
      if (!email) continue;
      await deps.mailer.enqueue(email, {
        kind: `consultation.${r.event}`,
        consultationId: c._id,
        recipientRole: role,
        idempotencyKey: `remind-${c._id}-${c.sequence}-${role}-${r.event}`,
        notBefore: at,
        notAfter: c.start,
      });
    }
  }
}
