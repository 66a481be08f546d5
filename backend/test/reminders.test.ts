// Reminders 24 h and 1 h before, to both people, as scheduled outbox jobs, driven by a clock the
// test moves: sent once when due, moved by a reschedule, withdrawn by a cancel.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {zonedTimeToUtc} from '../../protocol/time.js';
import {outboxModel} from '../models/outbox.js';
import {revokeEmails} from '../mail/outbox.js';
import {applicant, consultationsModule, id, lawyer, recipient} from './consult-helpers.js';
import {startResendStandin} from './standins/resend.js';

const paris = (local: string) => zonedTimeToUtc(local, 'Europe/Paris');

test('reminders: due once, to both sides, in each zone; a reschedule moves them, a cancel removes them', async () => {
  const resend = await startResendStandin();
  let t = new Date('2030-03-27T12:00:00Z');
  const {service, mod, db} = await consultationsModule({RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url}, {now: () => t});
  const worker = mod.mailer.worker;
  await worker.stop(); // the test drains by hand after each move of the clock
  const L = lawyer();
  const A = applicant();
  const subjects = (from = 0) => resend.emails.slice(from).map((e) => `${recipient(e)} ${e.body.subject}`).sort();

  // Saturday 30 March 2030, 10:00 Paris (winter time, GMT+1) = 05:00 New York (summer time).
  const {consultation: c} = await service.schedule({conversationId: id(), firmId: id(), lawyer: L, applicant: A, provider: 'jitsi', start: paris('2030-03-30T10:00'), durationMinutes: 30});
  await worker.drain();
  assert.equal(resend.emails.length, 2, 'the two invites, no reminder yet');

  // One second after 24 h before: both 24 h reminders, once.
  t = new Date(new Date(c.start).getTime() - 24 * 3_600_000 + 1000);
  await worker.drain();
  await worker.drain();
  assert.deepEqual(subjects(2), [
    `${L.email} Tomorrow: video consultation with Sam Carter, Saturday, March 30, 2030, 10:00–10:30\u00a0AM`,
    `${A.email} Tomorrow: video consultation with Léa Martin, Saturday, March 30, 2030, 5:00–5:30\u00a0AM`,
  ]);
  const reminderText = String(resend.emails.find((e) => recipient(e) === A.email && /^Tomorrow/.test(String(e.body.subject)))!.body.text);
  assert.match(reminderText, /5:00–5:30\sAM \(New York time, GMT-4\)/);
  assert.match(reminderText, /Pick another time: https:\/\/chat\.firm\.example\/booking\//, 'the reminder carries the self-service links');
  assert.ok(!resend.emails.slice(2).some((e) => (e.body.attachments as unknown[] | undefined)?.length), 'a reminder changes no calendar: no .ics');

  // Moved across the daylight-saving change, to Tuesday 2 April 10:00 Paris (GMT+2) = 04:00 New York.
  await service.reschedule({consultationId: c.id, start: paris('2030-04-02T10:00')});
  await worker.drain();
  assert.equal(resend.emails.length, 6, 'two "new time" invites');
  // The old 1 h reminder time passes: nothing.
  t = new Date(new Date(c.start).getTime() - 3_600_000 + 1000);
  await worker.drain();
  assert.equal(resend.emails.length, 6, 'no reminder for the old time');
  // The new 24 h reminder time: both, at the new time.
  t = new Date(paris('2030-04-01T10:00:01').getTime());
  await worker.drain();
  assert.deepEqual(subjects(6), [
    `${L.email} Tomorrow: video consultation with Sam Carter, Tuesday, April 2, 2030, 10:00–10:30\u00a0AM`,
    `${A.email} Tomorrow: video consultation with Léa Martin, Tuesday, April 2, 2030, 4:00–4:30\u00a0AM`,
  ]);

  // Cancelled: the two cancellations, and nothing after, however far the clock goes.
  await service.cancel({consultationId: c.id});
  await worker.drain();
  assert.equal(resend.emails.length, 10);
  assert.ok(resend.emails.slice(8).every((e) => /^Cancelled:/.test(String(e.body.subject))));
  for (const later of ['2030-04-02T08:59:59Z', '2030-04-02T09:00:01Z', '2030-04-03T00:00:00Z']) {
    t = new Date(later);
    await worker.drain();
  }
  assert.equal(resend.emails.length, 10, 'no reminder after the cancel');
  assert.equal(new Set(resend.emails.map((e) => e.idempotencyKey)).size, 10, 'nothing sent twice');
  const jobs = await outboxModel(db).find({consultationId: c.id}).lean();
  const byStatus = (s: string) => jobs.filter((j) => j.status === s).map((j) => j.idempotencyKey.replace(/^remind-[0-9a-f]{24}-/, '')).sort();
  assert.deepEqual(byStatus('revoked'), ['0-applicant-reminder-1h', '0-lawyer-reminder-1h', '1-applicant-reminder-1h', '1-lawyer-reminder-1h']);
  assert.equal(byStatus('pending').length, 0);
  // Planning again (e.g. ensureInvites after a crash) queues no second copy of anything.
  await service.ensureInvites(c.id);
  await worker.drain();
  assert.equal(resend.emails.length, 10);
});

test('a reminder that comes due after its consultation started is dropped, not sent late', async () => {
  const resend = await startResendStandin();
  let t = new Date('2030-03-27T12:00:00Z');
  const {service, mod, db} = await consultationsModule({RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url}, {now: () => t});
  await mod.mailer.worker.stop();
  const {consultation: c} = await service.schedule({conversationId: id(), firmId: id(), lawyer: lawyer(), applicant: applicant({email: null}), provider: 'jitsi', start: paris('2030-03-30T10:00'), durationMinutes: 30});
  await mod.mailer.worker.drain();
  // The process was "down" through both reminder times and the start.
  t = new Date(new Date(c.start).getTime() + 60_000);
  await mod.mailer.worker.drain();
  assert.equal(resend.emails.length, 1, 'only the invite');
  const statuses = (await outboxModel(db).find({consultationId: c.id}).lean()).map((j) => `${j.kind}:${j.status}`).sort();
  assert.deepEqual(statuses, ['consultation.reminder-1h:expired', 'consultation.reminder-24h:expired', 'consultation.scheduled:sent']);
});

test('withdrawing takes the next claim: a worker can no longer start the job', async () => {
  const resend = await startResendStandin();
  const t = new Date('2030-03-27T12:00:00Z');
  const {service, mod, db} = await consultationsModule({RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url}, {now: () => t});
  await mod.mailer.worker.stop();
  const {consultation: c} = await service.schedule({conversationId: id(), firmId: id(), lawyer: lawyer(), applicant: applicant(), provider: 'jitsi', start: paris('2030-03-30T10:00'), durationMinutes: 30});
  const cid = (await outboxModel(db).findOne({kind: 'consultation.reminder-1h'}).lean())!.consultationId!;
  assert.equal(String(cid), c.id);
  assert.equal(await revokeEmails(db, {consultationId: cid, kind: {$in: ['consultation.reminder-1h', 'consultation.reminder-24h']}}, 'test'), 4);
  assert.equal(await revokeEmails(db, {consultationId: cid, kind: {$in: ['consultation.reminder-1h']}}, 'test'), 0, 'withdrawing twice withdraws nothing more');
  // Even if a stale reader put a withdrawn job back to pending, its claim is taken.
  await outboxModel(db).updateMany({consultationId: cid, kind: /reminder/}, {$set: {status: 'pending', nextAttemptAt: new Date(0)}});
  await mod.mailer.worker.drain();
  assert.equal(resend.emails.filter((e) => /Tomorrow|one hour/.test(String(e.body.subject))).length, 0);
});
