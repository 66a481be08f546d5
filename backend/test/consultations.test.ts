import {test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import Koa from 'koa';
import ical, {type VEvent} from 'node-ical';
import {consultationModel} from '../models/consultation.js';
import {outboxModel} from '../models/outbox.js';
import {zonedTimeToUtc} from '../../protocol/time.js';
import type {ConsultationDTO, ConsultationEvent} from '../../protocol/consultation.js';
import {applicant, attachmentOf, consultationsModule, id, lawyer, recipient, until} from './consult-helpers.js';
import {startResendStandin} from './standins/resend.js';
import {calendarRouter} from '../http/calendar.js';

const clock = () => new Date('2030-03-01T00:00:00Z');
const paris = (local: string) => zonedTimeToUtc(local, 'Europe/Paris');

test('schedule → reschedule → cancel: one email per person per step, one UID, rising SEQUENCE, each in their own time zone', async () => {
  const resend = await startResendStandin();
  const cards: [ConsultationEvent, ConsultationDTO][] = [];
  const {service, mod} = await consultationsModule(
    {RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url},
    {now: clock, postCard: (c, e) => void cards.push([e, c])},
  );
  const L = lawyer();
  const A = applicant();
  const base = {conversationId: id(), firmId: id(), lawyer: L, applicant: A, provider: 'jitsi' as const};

  // 20 March 2030: the US is already on summer time, the EU not yet → 09:00 Paris is 04:00 New York.
  const created = await service.schedule({...base, start: paris('2030-03-20T09:00'), durationMinutes: 45});
  const c = created.consultation;
  assert.equal(c.status, 'scheduled');
  assert.equal(c.sequence, 0);
  assert.equal(c.start, '2030-03-20T08:00:00.000Z');
  assert.equal(c.end, '2030-03-20T08:45:00.000Z');
  assert.match(c.joinUrl, /^https:\/\/meet\.jit\.si\/Consult-[0-9a-f]{32}$/);
  assert.equal(c.applicantTimeZone, 'America/New_York');
  assert.equal(cards.length, 1);
  assert.deepEqual(cards[0][0], 'scheduled');
  await until(() => resend.emails.length === 2, 5_000, 'two invites');

  const byRole = (from: number) => {
    const batch = resend.emails.slice(from);
    assert.equal(batch.length, 2, 'exactly one email per person');
    return {
      lawyer: batch.find((e) => recipient(e) === L.email)!,
      applicant: batch.find((e) => recipient(e) === A.email)!,
    };
  };
  const first = byRole(0);
  const lInv = attachmentOf(first.lawyer);
  const aInv = attachmentOf(first.applicant);
  for (const inv of [lInv, aInv]) {
    assert.equal(inv.contentType, 'text/calendar; charset=utf-8; method=REQUEST');
    assert.equal(inv.method, 'REQUEST');
    assert.equal(Number(inv.event.sequence), 0);
    assert.equal(inv.event.start.toISOString(), '2030-03-20T08:00:00.000Z');
    assert.equal(inv.event.location, c.joinUrl);
    assert.match(inv.ics, /^DTSTART:20300320T080000Z\r$/m);
  }
  const uid = lInv.event.uid;
  assert.equal(aInv.event.uid, uid);
  assert.match(uid, /^consultation-[0-9a-f]{24}@chat\.firm\.example$/);
  const lText = String(first.lawyer.body.text);
  const aText = String(first.applicant.body.text);
  assert.match(lText, /9:00–9:45\sAM \(Paris time, GMT\+1\)/);
  assert.match(aText, /4:00–4:45\sAM \(New York time, GMT-4\)/);
  assert.match(lText, /meet\.jit\.si asks the first participant to sign in/, 'the lawyer is told about the Jitsi moderator sign-in');
  assert.doesNotMatch(aText, /sign in/);
  assert.ok(lText.includes(c.joinUrl) && aText.includes(c.joinUrl));
  // Add-to-calendar links are short links to this server, which redirects to the calendar apps.
  assert.match(aText, /Google: https:\/\/chat\.firm\.example\/consultations\/[0-9a-f]{24}\/[\w-]{32}\/google$/m);
  assert.match(aText, /Outlook: https:\/\/chat\.firm\.example\/consultations\/[0-9a-f]{24}\/[\w-]{32}\/outlook$/m);
  for (const t of [aText, lText]) assert.ok(t.match(/https?:\/\/\S+/g)!.every((u) => u.length <= 120), 'no long URLs in the text');
  assert.match(String(first.applicant.body.html), /<a href="https:\/\/meet\.jit\.si\/Consult-[0-9a-f]{32}"[^>]*>Join the video call<\/a>/);
  assert.match(aText, /^Hello Sam Carter,$/m);
  assert.equal(first.applicant.body.reply_to !== undefined ? String(first.applicant.body.reply_to) : '', L.email, 'the applicant can reply to the lawyer');
  assert.match(String(first.applicant.body.subject), /^Video consultation with Léa Martin, Wednesday, March 20, 2030, 4:00–4:45\sAM$/);
  await until(async () => {
    const d = await service.delivery(c.id);
    return d.lawyer?.status === 'sent' && d.applicant?.status === 'sent';
  }, 5_000, 'delivery state to read sent');

  // Moved to 2 April: both zones on summer time again → 09:00 Paris is 03:00 New York.
  const moved = await service.reschedule({consultationId: c.id, firmId: base.firmId, start: paris('2030-04-02T09:00')});
  assert.equal(moved.consultation.sequence, 1);
  assert.equal(moved.consultation.start, '2030-04-02T07:00:00.000Z');
  assert.equal(moved.consultation.end, '2030-04-02T07:45:00.000Z', 'duration kept');
  assert.equal(moved.consultation.joinUrl, c.joinUrl, 'the Jitsi room stays');
  await until(() => resend.emails.length === 4, 5_000, 'two rescheduled invites');
  const second = byRole(2);
  for (const e of [second.lawyer, second.applicant]) {
    const inv = attachmentOf(e);
    assert.equal(inv.method, 'REQUEST');
    assert.equal(inv.event.uid, uid, 'same UID: calendars update the event in place');
    assert.equal(Number(inv.event.sequence), 1);
    assert.equal(inv.event.start.toISOString(), '2030-04-02T07:00:00.000Z');
  }
  assert.match(String(second.lawyer.body.text), /9:00–9:45\sAM \(Paris time, GMT\+2\)/);
  assert.match(String(second.applicant.body.text), /3:00–3:45\sAM \(New York time, GMT-4\)/);
  assert.match(String(second.applicant.body.subject), /^New time:/);

  const cancelled = await service.cancel({consultationId: c.id});
  assert.equal(cancelled.consultation.status, 'cancelled');
  assert.equal(cancelled.consultation.sequence, 2);
  await until(() => resend.emails.length === 6, 5_000, 'two cancellations');
  const third = byRole(4);
  for (const e of [third.lawyer, third.applicant]) {
    const inv = attachmentOf(e);
    assert.equal(inv.contentType, 'text/calendar; charset=utf-8; method=CANCEL');
    assert.equal(inv.method, 'CANCEL');
    assert.equal(inv.event.status, 'CANCELLED');
    assert.equal(inv.event.uid, uid);
    assert.equal(Number(inv.event.sequence), 2);
  }
  assert.match(String(third.applicant.body.subject), /^Cancelled:/);

  assert.deepEqual(cards.map(([e]) => e), ['scheduled', 'rescheduled', 'cancelled']);
  assert.equal(resend.requests.length, 6, 'no retries, no duplicates');
  assert.equal(new Set(resend.emails.map((e) => e.idempotencyKey)).size, 6);
  assert.ok(resend.emails.every((e) => /^consult-[0-9a-f]{24}-[012]-(lawyer|applicant)$/.test(e.idempotencyKey!)));

  // Cancelling again changes and sends nothing; a cancelled consultation cannot move.
  const again = await service.cancel({consultationId: c.id});
  assert.equal(again.consultation.sequence, 2);
  await assert.rejects(service.reschedule({consultationId: c.id, start: paris('2030-04-03T09:00')}), {code: 'conflict'});
  await mod.mailer.worker!.drain();
  assert.equal(resend.emails.length, 6);
  assert.equal(cards.length, 3);

  // The hosted calendar file from the email is the current state, without the applicant's address.
  const link = /\(\.ics\): (\S+)/.exec(String(second.applicant.body.text))![1];
  const googleLink = /Google: (\S+)/.exec(String(second.applicant.body.text))![1];
  const app = new Koa();
  app.use(calendarRouter(mod.service).routes());
  const server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const local = `http://127.0.0.1:${(server.address() as {port: number}).port}`;
    const res = await fetch(link.replace('https://chat.firm.example', local));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
    const text = await res.text();
    const ev = Object.values(ical.sync.parseICS(text)).find((x) => x?.type === 'VEVENT') as VEvent;
    assert.equal(ev.uid, uid);
    assert.equal(Number(ev.sequence), 2);
    assert.equal(ev.status, 'CANCELLED');
    assert.doesNotMatch(text, /sam@client\.example/);
    // The short link leads nowhere once the consultation is cancelled; a forged one nowhere at all.
    assert.equal((await fetch(googleLink.replace('https://chat.firm.example', local), {redirect: 'manual'})).status, 404);
    const forged = link.replace('https://chat.firm.example', local).replace(/\/([\w-]{32})\/invite\.ics$/, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/invite.ics');
    assert.equal((await fetch(forged)).status, 404);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('an applicant without an email is skipped and says so; without RESEND_API_KEY invites are captured', async () => {
  const {service, db} = await consultationsModule({}, {now: clock});
  const r = await service.schedule({
    conversationId: id(), firmId: id(), lawyer: lawyer(), applicant: applicant({email: null, timeZone: null}),
    start: paris('2030-03-20T10:00'), durationMinutes: 30, provider: 'jitsi',
  });
  assert.equal(r.delivery.applicant?.status, 'skipped');
  assert.match(r.delivery.applicant?.reason ?? '', /applicant has no email address/);
  assert.equal(r.delivery.lawyer?.status, 'captured');
  assert.equal(r.consultation.applicantTimeZone, 'Europe/Paris', "the lawyer's zone when the applicant's is unknown");
  const all = await outboxModel(db).find().lean();
  const jobs = all.filter((j) => !j.kind.includes('reminder'));
  assert.equal(jobs.length, 1);
  assert.equal(jobs[0].status, 'captured');
  // Reminders wait, pending, for their time even while capturing.
  const reminders = all.filter((j) => j.kind.includes('reminder'));
  assert.deepEqual(reminders.map((j) => [j.kind, j.status, j.nextAttemptAt.toISOString()]).sort(), [
    ['consultation.reminder-1h', 'pending', '2030-03-20T08:00:00.000Z'],
    ['consultation.reminder-24h', 'pending', '2030-03-19T09:00:00.000Z'],
  ]);
  assert.equal(jobs[0].payload.to[0], 'lea.martin@firm.example');
});

test('bad requests are refused with clear errors and leave nothing behind', async () => {
  const {service, db} = await consultationsModule({MEETING_LINK_HOSTS: 'video.firm.example'}, {now: clock});
  const L = lawyer();
  const base = {conversationId: id(), firmId: id(), lawyer: L, applicant: applicant(), provider: 'jitsi' as const, durationMinutes: 30, start: paris('2030-03-20T09:00')};
  const refused = async (input: Record<string, unknown>, code: string, message: RegExp) => {
    await assert.rejects(service.schedule({...base, ...input} as never), (e: {code?: string; message?: string}) => {
      assert.equal(e.code, code, e.message);
      assert.match(e.message!, message);
      return true;
    });
  };
  await refused({start: new Date('2030-02-28T09:00:00Z')}, 'bad_request', /in the past/);
  await refused({start: '20 March, 9am'}, 'bad_request', /ISO 8601/);
  await refused({durationMinutes: 10}, 'bad_request', /at least 15 minutes/);
  await refused({durationMinutes: 241}, 'bad_request', /at most 240 minutes/);
  await refused({durationMinutes: 30.5}, 'bad_request', /whole minutes/);
  await refused({provider: 'teams'}, 'bad_request', /provider must be one of jitsi, google-meet, zoom, personal/);
  await refused({provider: 'zoom'}, 'bad_request', /"zoom" is not configured here; available: jitsi/);
  await refused({provider: 'personal'}, 'bad_request', /personal meeting link is required/);
  await refused({provider: 'personal', lawyer: {...L, personalMeetingUrl: 'http://us02web.zoom.us/j/123'}}, 'bad_request', /must start with https/);
  await refused({provider: 'personal', lawyer: {...L, personalMeetingUrl: 'https://evil.example/j/123'}}, 'bad_request', /evil\.example, which is not a known video-meeting service/);
  await refused({provider: 'personal', lawyer: {...L, personalMeetingUrl: 'https://zoom.us/'}}, 'bad_request', /must point to a meeting room/);
  await refused({provider: 'personal', lawyer: {...L, personalMeetingUrl: 'https://user:pw@meet.google.com/abc'}}, 'bad_request', /user name or password/);
  await refused({lawyer: {...L, timeZone: 'Mars/Olympus'}}, 'bad_request', /not a known IANA time zone/);
  await refused({applicant: applicant({email: 'not-an-email'})}, 'bad_request', /applicant\.email: is not a valid email address/);
  await refused({conversationId: 'abc'}, 'bad_request', /conversationId must be a 24-character hex id/);
  await refused({start: new Date('2034-01-01T09:00:00Z')}, 'bad_request', /at most 730 days ahead/);
  assert.equal(await consultationModel(db).countDocuments(), 0);
  assert.equal(await outboxModel(db).countDocuments(), 0);

  // Overlaps with the same lawyer are conflicts; back-to-back and other lawyers are fine.
  await service.schedule(base);
  await refused({start: paris('2030-03-20T09:15')}, 'conflict', /already has a consultation from 2030-03-20T08:00:00.000Z to 2030-03-20T08:30:00.000Z/);
  await refused({start: paris('2030-03-20T08:45')}, 'conflict', /already has a consultation/);
  await service.schedule({...base, start: paris('2030-03-20T09:30')});
  await service.schedule({...base, lawyer: lawyer()});
  // Personal links on known hosts (and configured extra hosts) are accepted as given.
  const own = await service.schedule({...base, start: paris('2030-03-20T11:00'), provider: 'personal', lawyer: {...L, personalMeetingUrl: 'https://us02web.zoom.us/j/85512345678?pwd=abc'}});
  assert.equal(own.consultation.joinUrl, 'https://us02web.zoom.us/j/85512345678?pwd=abc');
  const extra = await service.schedule({...base, start: paris('2030-03-20T12:00'), provider: 'personal', lawyer: {...L, personalMeetingUrl: 'https://video.firm.example/room/lea'}});
  assert.equal(extra.consultation.joinUrl, 'https://video.firm.example/room/lea');

  await assert.rejects(service.reschedule({consultationId: own.consultation.id, start: paris('2030-03-20T09:10')}), {code: 'conflict'});
  await assert.rejects(service.reschedule({consultationId: own.consultation.id, start: paris('2030-03-20T11:00')}), /already at that time/);
  await assert.rejects(service.reschedule({consultationId: own.consultation.id, firmId: id(), start: paris('2030-03-21T11:00')}), {code: 'not_found'});
  await assert.rejects(service.cancel({consultationId: id()}), {code: 'not_found'});
  const movedBack = await service.reschedule({consultationId: own.consultation.id, start: paris('2030-03-21T11:00'), durationMinutes: 60});
  assert.equal(movedBack.consultation.end, '2030-03-21T11:00:00.000Z');
});

test('the overlap check still finds a consultation of the longest duration that began hours before the slot', async () => {
  const {service} = await consultationsModule({}, {now: clock});
  const L = lawyer();
  const base = {conversationId: id(), firmId: id(), lawyer: L, applicant: applicant(), provider: 'jitsi' as const};
  // A past consultation far outside the window is not in the way of anything.
  await service.schedule({...base, start: new Date('2030-03-19T08:00:00Z'), durationMinutes: 30});
  const long = await service.schedule({...base, start: new Date('2030-03-20T08:00:00Z'), durationMinutes: 240});
  assert.equal(long.consultation.end, '2030-03-20T12:00:00.000Z');
  // Starts 239 minutes after the long one: its last minute overlaps.
  await assert.rejects(service.schedule({...base, start: new Date('2030-03-20T11:59:00Z'), durationMinutes: 15}),
    {code: 'conflict', message: /already has a consultation from 2030-03-20T08:00:00.000Z to 2030-03-20T12:00:00.000Z/});
  const other = await service.schedule({...base, start: new Date('2030-03-20T13:00:00Z'), durationMinutes: 30});
  await assert.rejects(service.reschedule({consultationId: other.consultation.id, start: new Date('2030-03-20T11:45:00Z')}),
    {code: 'conflict', message: /to 2030-03-20T12:00:00.000Z/});
  // Back to back with its end is free.
  await service.schedule({...base, start: new Date('2030-03-20T12:00:00Z'), durationMinutes: 15});
});

test('simultaneous bookings of one slot: exactly one wins, the others get a conflict', async () => {
  const {service, db} = await consultationsModule({}, {now: clock});
  const L = lawyer();
  const results = await Promise.allSettled(Array.from({length: 6}, (_, i) => service.schedule({
    conversationId: id(), firmId: id(), lawyer: L, applicant: applicant(), provider: 'jitsi',
    start: paris(`2030-03-20T09:${String(i * 5).padStart(2, '0')}`), durationMinutes: 30,
  })));
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  assert.equal(won.length, 1, 'one booking');
  assert.ok(lost.every((r) => r.reason.code === 'conflict'), lost.map((r) => r.reason.message).join('; '));
  assert.equal(await consultationModel(db).countDocuments({lawyerId: L.id}), 1);
});
