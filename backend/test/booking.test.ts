// Availability and self-service booking: slots on the lawyer's wall clock across a DST change,
// every refusal with its reason and nothing created, console scheduling and bookings blocking
// each other, email verification, the booking flood limit.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {freeSlots, refusal} from '../booking/slots.js';
import {zonedTimeToUtc, formatTime} from '../../protocol/time.js';
import {consultationModel} from '../models/consultation.js';
import {outboxModel} from '../models/outbox.js';
import type {SlotDTO} from '../../protocol/booking.js';
import {lawyerLogin, startChatFixture, applicantSession} from './chat-fixture.js';
import {allWeek, api, codeFor, enableBooking, verifiedVisitor} from './booking-support.js';

const paris = (local: string) => zonedTimeToUtc(local, 'Europe/Paris');
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({day, start, end}));

test('slots follow the lawyer\'s wall clock across the late-March change; a New York visitor sees them shift', () => {
  const rules = {timeZone: 'Europe/Paris', weekly: weekdays('09:00', '11:00'), datesOff: ['2030-04-03'], minNoticeMinutes: 12 * 60, bufferMinutes: 15, durations: [30, 60]};
  const now = new Date('2030-03-27T12:00:00Z'); // Wednesday; Paris moves to summer time on Sunday 31 March
  const busy = [{start: paris('2030-04-02T10:00'), end: paris('2030-04-02T10:30')}];
  const slots = freeSlots(rules, busy, 30, now);
  const ny = (d: Date) => `${d.toISOString().slice(0, 10)} ${formatTime(d, 'America/New_York')}`;
  const byDay = new Map<string, string[]>();
  for (const s of slots) byDay.set(s.start.toISOString().slice(0, 10), [...(byDay.get(s.start.toISOString().slice(0, 10)) ?? []), s.start.toISOString().slice(11, 16)]);
  // Thursday 28 March 09:00 Paris is 08:00 UTC but too soon (12 h notice from Wednesday 12:00 UTC → from 00:00 UTC: fine).
  assert.deepEqual(byDay.get('2030-03-28'), ['08:00', '08:30', '09:00', '09:30'], 'winter: 09:00 Paris = 08:00 UTC');
  assert.deepEqual(byDay.get('2030-04-01'), ['07:00', '07:30', '08:00', '08:30'], 'summer: 09:00 Paris = 07:00 UTC');
  // Busy 10:00–10:30 with a 15-minute buffer blocks 09:30, 10:00 and 10:30 (Paris): only 09:00 is left.
  assert.deepEqual(byDay.get('2030-04-02'), ['07:00']);
  assert.equal(byDay.get('2030-04-03'), undefined, 'a date off');
  assert.equal(byDay.get('2030-03-30'), undefined, 'no weekend hours');
  assert.equal(ny(slots.find((s) => s.start.toISOString().startsWith('2030-03-28'))!.start), '2030-03-28 04:00', 'New York (already on summer time) sees 04:00 before the change');
  assert.equal(ny(slots.find((s) => s.start.toISOString().startsWith('2030-04-01'))!.start), '2030-04-01 03:00', 'and 03:00 after it');
  assert.ok(slots.every((s) => s.start.getTime() < now.getTime() + 14 * 86_400_000), 'within 14 days');
  // 60 minutes: 09:00 and 09:30 and 10:00 fit in 09:00–11:00 on the 30-minute grid.
  assert.deepEqual(freeSlots(rules, [], 60, now).filter((s) => s.start.toISOString().startsWith('2030-03-28')).map((s) => s.start.toISOString().slice(11, 16)), ['08:00', '08:30', '09:00']);

  // The late-October change: 09:00 Paris is 08:00 UTC on Friday 25th, 09:00 UTC... no: 08:00 UTC after (winter, GMT+1).
  const oct = freeSlots({...rules, datesOff: []}, [], 30, new Date('2030-10-24T00:00:00Z'));
  assert.equal(oct.find((s) => s.start.toISOString().startsWith('2030-10-25'))!.start.toISOString(), '2030-10-25T07:00:00.000Z', 'summer: GMT+2');
  assert.equal(oct.find((s) => s.start.toISOString().startsWith('2030-10-28'))!.start.toISOString(), '2030-10-28T08:00:00.000Z', 'winter: GMT+1');

  // Refusals name their reason.
  assert.match(refusal(rules, paris('2030-03-28T09:00'), 45, now)!, /45-minute consultation is not offered; choose 30, 60/);
  assert.match(refusal(rules, new Date('2030-03-27T11:00:00Z'), 30, now)!, /in the past/);
  assert.match(refusal(rules, new Date('2030-03-27T20:00:00Z'), 30, now)!, /too short notice: book at least 12 h ahead/);
  assert.match(refusal(rules, paris('2030-03-28T14:00'), 30, now)!, /outside the lawyer's hours/);
  assert.match(refusal(rules, paris('2030-03-28T09:10'), 30, now)!, /outside the lawyer's hours/);
  assert.match(refusal(rules, paris('2030-04-03T09:00'), 30, now)!, /not available that day/);
  assert.match(refusal(rules, paris('2030-04-15T09:00'), 30, now)!, /next 14 days only/);
  assert.equal(refusal(rules, paris('2030-04-01T09:00'), 30, now), null);
});

test('booking from the widget: verified email, the card in the conversation, refusals that create nothing, console and bookings block each other, flood limit', async () => {
  // Limits ×10 so the refusal cases below do not exhaust them; the flood check scales with it.
  const f = await startChatFixture({RATE_LIMIT_SCALE: '10'});
  const S = f.backend.services;
  const db = f.backend.db;
  const lawyer = await lawyerLogin(f);
  const console_ = api(f.url, lawyer.token, f.url);

  // Off by default: the widget is told so and booking is refused.
  const anon = await applicantSession(f);
  const anonApi = api(f.url, anon.token);
  assert.equal(anon.firm.booking, undefined, 'off: the widget offers no booking');
  const anonConv = (await anonApi.post("/conversations", {})).body.id;
  assert.equal((await anonApi.get(`/conversations/${anonConv}/slots`)).status, 403);

  // The owner turns it on and sets hours through the API.
  assert.equal((await console_.post('/booking/mode', {mode: 'instant'})).status, 200);
  const set = await console_.post('/availability', {timeZone: 'Europe/Paris', weekly: allWeek('00:00', '24:00'), minNoticeMinutes: 60, bufferMinutes: 15, durations: [30, 60], providers: ['jitsi']});
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const bad = await console_.post('/availability', {weekly: [{day: 1, start: '09:00', end: '12:00'}, {day: 1, start: '11:00', end: '13:00'}], minNoticeMinutes: 0, bufferMinutes: 0, durations: [30], providers: ['jitsi']});
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /overlap/);
  assert.match((await console_.post('/availability', {weekly: [], minNoticeMinutes: 0, bufferMinutes: 0, durations: [30], providers: ['zoom']})).body.error.message, /zoom is not configured/);

  // An unverified visitor sees slots but cannot book.
  const slots0 = (await anonApi.get(`/conversations/${anonConv}/slots`)).body;
  assert.equal(slots0.mode, 'instant');
  assert.deepEqual(slots0.durations, [30, 60]);
  assert.ok(slots0.slots.length > 100);
  const first: SlotDTO = slots0.slots[0];
  assert.ok(new Date(first.start).getTime() >= Date.now() + 60 * 60_000 - 5_000, 'minimum notice');
  const refusedUnverified = await anonApi.post(`/conversations/${anonConv}/bookings`, {start: first.start, durationMinutes: 30});
  assert.equal(refusedUnverified.status, 403);
  assert.match(refusedUnverified.body.error.message, /confirm your email address first/);

  // Verification: wrong code, then the right one; the code is stored hashed.
  const wrong = await anonApi.post('/contact/code', {email: 'sam@client.example', name: 'Sam Carter'});
  assert.equal(wrong.status, 200);
  const code = await codeFor(db, 'sam@client.example');
  const stored = await db.collection('email_codes').findOne({});
  assert.ok(stored && !JSON.stringify(stored).includes(code), 'the code is not stored in clear');
  const badCode = code === '000000' ? '000001' : '000000';
  assert.match((await anonApi.post('/contact/verify', {code: badCode})).body.error.message, /not right/);
  const ok = await anonApi.post('/contact/verify', {code});
  assert.deepEqual(ok.body, {email: 'sam@client.example', verified: true});
  assert.match((await anonApi.post('/contact/verify', {code})).body.error.message, /too many|not right/, 'a code works once');

  // Bad input: each refused with its reason, nothing created.
  const before = await consultationModel(db).countDocuments();
  const cases: [Record<string, unknown>, number, RegExp][] = [
    [{start: new Date(Date.now() - 3_600_000).toISOString(), durationMinutes: 30}, 400, /in the past/],
    [{start: new Date(Date.now() + 10 * 60_000).toISOString().slice(0, 14) + '00:00.000Z', durationMinutes: 30}, 400, /in the past|too short notice/],
    [{start: first.start, durationMinutes: 45}, 400, /45-minute consultation is not offered/],
    [{start: first.start, durationMinutes: 30, provider: 'zoom'}, 400, /"zoom" is not offered/],
    [{start: new Date(new Date(first.start).getTime() + 10 * 60_000).toISOString(), durationMinutes: 30}, 400, /outside the lawyer's hours/],
    [{start: new Date(Date.now() + 20 * 86_400_000).toISOString(), durationMinutes: 30}, 400, /next 14 days only/],
    [{start: first.start, durationMinutes: 30, lawyerId: '0123456789abcdef01234567'}, 400, /cannot be booked from this conversation/],
  ];
  for (const [body, status, why] of cases) {
    const r = await anonApi.post(`/conversations/${anonConv}/bookings`, body);
    assert.equal(r.status, status, JSON.stringify([body, r.body]));
    assert.match(r.body.error.message, why);
  }
  assert.equal(await consultationModel(db).countDocuments(), before, 'nothing created');

  // The lawyer schedules one from the console: its slot and the buffer around it disappear, and booking it is refused.
  // An hour past the earliest free time, so the minimum notice still holds however slow the run.
  const bookable = slots0.slots[2];
  const taken = slots0.slots[10];
  const lawyerSlot = await console_.post(`/conversations/${anonConv}/consultations`, {start: taken.start, durationMinutes: 30, provider: 'jitsi'});
  assert.equal(lawyerSlot.status, 201);
  const after = (await anonApi.get(`/conversations/${anonConv}/slots`)).body.slots.map((s: SlotDTO) => s.start);
  const t0 = new Date(taken.start).getTime();
  for (const d of [-30, 0, 30]) assert.ok(!after.includes(new Date(t0 + d * 60_000).toISOString()), `${d} min around the console booking is blocked (buffer)`);
  assert.ok(after.includes(new Date(t0 + 60 * 60_000).toISOString()));
  const clash = await anonApi.post(`/conversations/${anonConv}/bookings`, {start: taken.start, durationMinutes: 30});
  assert.equal(clash.status, 409);
  assert.match(clash.body.error.message, /that time was just taken/);
  // Within the buffer only: still refused, under the lock.
  assert.equal((await anonApi.post(`/conversations/${anonConv}/bookings`, {start: new Date(t0 + 30 * 60_000).toISOString(), durationMinutes: 30})).status, 409);

  // A booking: the card lands in the visitor's conversation, invites and reminders are queued.
  const booked = await anonApi.post(`/conversations/${anonConv}/bookings`, {start: bookable.start, durationMinutes: 60});
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  assert.equal(booked.body.status, 'booked');
  const c = await consultationModel(db).findById(booked.body.consultationId).lean();
  assert.equal(c!.bookedBy, 'applicant');
  assert.equal(c!.applicant.email, 'sam@client.example');
  const messages = (await anonApi.get(`/conversations/${anonConv}/messages?after=0`)).body.messages;
  assert.ok(messages.some((m: {kind: string; consultationId?: string}) => m.kind === 'consultation' && m.consultationId === booked.body.consultationId));
  const kinds = (await outboxModel(db).find({consultationId: c!._id}).lean()).map((j) => j.kind).sort();
  assert.deepEqual(kinds.filter((k) => k === 'consultation.scheduled').length, 2);
  // Console scheduling now sees the booking: the same time is refused there too.
  const fromConsole = await console_.post(`/conversations/${anonConv}/consultations`, {start: bookable.start, durationMinutes: 30, provider: 'jitsi'});
  assert.equal(fromConsole.status, 409);

  // Flood: 5 attempts per visitor (×10 here), then rate_limited, refused attempts included; nothing created.
  const count = await consultationModel(db).countDocuments();
  let status = 0;
  let tries = 0;
  while (status !== 429 && tries < 60) {
    status = (await anonApi.post(`/conversations/${anonConv}/bookings`, {start: slots0.slots[40].start, durationMinutes: 45})).status;
    tries++;
  }
  assert.equal(status, 429);
  assert.ok(tries <= 50, `refused after ${tries} attempts`);
  assert.equal(await consultationModel(db).countDocuments(), count);
  assert.ok(S.booking);

  // A second visitor books through verifiedVisitor (the helper other tests use).
  const v2 = await verifiedVisitor(f.url, f.siteKey, db, 'second@client.example');
  const v2slots = (await v2.client.get(`/conversations/${v2.conversationId}/slots?duration=30`)).body.slots;
  assert.ok(!v2slots.some((s: SlotDTO) => s.start === bookable.start), 'the first booking blocks the same lawyer for everyone');
});

test('the lawyer\'s preparation notes reach the applicant\'s invite', async () => {
  const f = await startChatFixture();
  const lawyer = await lawyerLogin(f);
  const v = await verifiedVisitor(f.url, f.siteKey, f.backend.db, 'notes@client.example');
  const when = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 11) + '10:00:00Z';
  const r = await api(f.url, lawyer.token, f.url).post(`/conversations/${v.conversationId}/consultations`, {start: when, durationMinutes: 30, provider: 'jitsi', notes: 'Bring your passport.\u0000'});
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const invite = (await outboxModel(f.backend.db).findOne({kind: 'consultation.scheduled', 'payload.to': 'notes@client.example'}).lean())!;
  assert.match(invite.payload.text, /To prepare:\nBring your passport\.\n/);
  assert.match(invite.payload.html, /<strong>To prepare<\/strong><br>Bring your passport\./);
});
