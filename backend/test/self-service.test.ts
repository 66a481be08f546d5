// The applicant's email links: signed, expiring, refused clearly when tampered with or old;
// reschedule (back to the free times) and cancel, each told to the lawyer in the conversation
// and to the firm's webhooks like a change made in the console.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {outboxModel} from '../models/outbox.js';
import {signLink} from '../consultations/links.js';
import type {MessageDto} from '../../protocol/chat.js';
import type {SlotDTO} from '../../protocol/booking.js';
import {FIRM_ORIGIN, startChatFixture, lawyerLogin} from './chat-fixture.js';
import {until} from './consult-helpers.js';
import {enableBooking, verifiedVisitor} from './booking-support.js';
import {startWebhookReceiver} from './standins/webhook-receiver.js';

test('email links: tampered and expired refused, a GET changes nothing, reschedule then cancel from the email, the lawyer and the webhooks are told', async () => {
  const f = await startChatFixture({RATE_LIMIT_SCALE: '10', PUBLIC_URL: 'http://127.0.0.1:1'});
  const S = f.backend.services;
  const db = f.backend.db;
  const lawyer = await lawyerLogin(f);
  const receiver = await startWebhookReceiver();
  const hook = await fetch(`${f.url}/api/v1/webhooks`, {method: 'POST', headers: {'content-type': 'application/json', authorization: `Bearer ${lawyer.token}`, origin: f.url},
    body: JSON.stringify({url: `${receiver.url}/hooks`, events: ['consultation.scheduled', 'consultation.rescheduled', 'consultation.cancelled']})});
  assert.equal(hook.status, 201);
  receiver.secret = (await hook.json()).secret;
  await enableBooking(S, String(f.firmId), lawyer.lawyer.id, {timeZone: 'Europe/Paris', weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({day, start: '08:00', end: '20:00'}))});
  const profile = await fetch(`${f.url}/api/v1/team/${lawyer.lawyer.id}`, {method: 'POST', headers: {'content-type': 'application/json', authorization: `Bearer ${lawyer.token}`, origin: f.url}, body: JSON.stringify({lang: 'es'})});
  assert.equal(profile.status, 200);
  assert.equal((await profile.json()).lang, 'es');
  const v = await verifiedVisitor(f.url, f.siteKey, db, 'sam@client.example', {timeZone: 'America/New_York', lang: 'fr'});
  const slots: SlotDTO[] = (await v.client.get(`/conversations/${v.conversationId}/slots?duration=30`)).body.slots;
  const booked = await v.client.post(`/conversations/${v.conversationId}/bookings`, {start: slots[30].start, durationMinutes: 30});
  assert.equal(booked.status, 201);
  const invite = (await outboxModel(db).findOne({kind: 'consultation.scheduled', 'payload.to': 'sam@client.example'}).lean())!;
  // The lawyer chose Spanish for their emails in their profile: theirs speaks it.
  const lawyerInvite = (await outboxModel(db).findOne({kind: 'consultation.scheduled', recipientRole: 'lawyer', consultationId: booked.body.consultationId}).lean())!;
  assert.match(lawyerInvite.payload.text, /^Hola, Lawyer 1:$/m);
  assert.match(lawyerInvite.payload.text, /meet\.jit\.si pide al primer participante/, 'the Jitsi note in Spanish too');
  assert.match(invite.payload.subject, /^Consultation vidéo avec /, 'in the applicant\'s language (fr)');
  assert.match(invite.payload.text, /heure de New York/);
  const local = (u: string) => u.replace('http://127.0.0.1:1', f.url);
  const reschedule = local(/Choisir un autre horaire: (\S+)/.exec(invite.payload.text)![1]);
  const cancel = local(/Annuler la consultation: (\S+)/.exec(invite.payload.text)![1]);

  // Tampered: any change fails the signature. Expired: signed, but past.
  const tampered = cancel.replace(/\.c\.(\d+)\./, (_m, t) => `.c.${Number(t) + 86400}.`);
  const bad = await fetch(tampered);
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /This link is not valid/);
  assert.equal((await fetch(cancel.replace('.c.', '.r.'))).status, 400, 'the action is signed too');
  const old = `${f.url}/booking/${signLink(S.consultations.engine.linkSecret, booked.body.consultationId, 'cancel', new Date(Date.now() - 1000))}`;
  const expired = await fetch(old);
  assert.equal(expired.status, 410);
  assert.match(await expired.text(), /This link has expired/);
  assert.equal((await fetch(tampered, {method: 'POST'})).status, 400, 'nor can it be posted');

  // The cancel page asks first; the GET changes nothing (mail scanners follow links).
  const page = await fetch(cancel);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  const html = await page.text();
  assert.match(html, /Annuler votre consultation/);
  assert.match(html, /<form method="post"/);
  assert.doesNotMatch(html, /<script|style=/);

  // Reschedule: the page lists free times in the applicant's zone; one is posted.
  const movePage = await (await fetch(reschedule)).text();
  assert.match(movePage, /heure de New York/);
  const times = [...movePage.matchAll(/name="start" value="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(times.length > 20, `${times.length} free times`);
  const target = times.find((t) => new Date(t).getTime() > new Date(slots[30].start).getTime() + 86_400_000)!;
  const moved = await fetch(reschedule, {method: 'POST', headers: {'content-type': 'application/x-www-form-urlencoded'}, body: `start=${encodeURIComponent(target)}`});
  assert.equal(moved.status, 200);
  assert.match(await moved.text(), /Votre consultation a été déplacée/);
  const movedMail = (await outboxModel(db).findOne({kind: 'consultation.rescheduled', 'payload.to': 'sam@client.example'}).lean())!;
  assert.match(movedMail.payload.text, /Déplacée de .+ à .+ \(heure de New York\)\./);
  // Outside the hours: refused on the page, with the reason.
  const offGrid = await fetch(reschedule, {method: 'POST', headers: {'content-type': 'application/x-www-form-urlencoded'}, body: `start=${encodeURIComponent(new Date(new Date(target).getTime() + 7 * 60_000).toISOString())}`});
  assert.match(await offGrid.text(), /Cet horaire ne peut pas être réservé/);

  // Cancel from the email: done, the lawyer is told in the conversation, reminders withdrawn.
  const done = await fetch(cancel, {method: 'POST'});
  assert.equal(done.status, 200);
  assert.match(await done.text(), /Votre consultation est annulée/);
  assert.equal((await fetch(cancel)).status, 410, 'the link is spent');
  const messages: MessageDto[] = (await v.client.get(`/conversations/${v.conversationId}/messages?after=0`)).body.messages;
  const lines = messages.filter((m) => m.kind === 'system').map((m) => m.system);
  const movedLine = lines.find((l) => l?.event === 'consultation-rescheduled')!;
  assert.equal(movedLine.by, 'applicant');
  assert.equal(movedLine.from, slots[30].start);
  assert.equal(movedLine.to, target);
  assert.ok(lines.some((l) => l?.event === 'consultation-cancelled' && l.by === 'applicant' && l.byName === 'Sam Carter'));
  const pending = await outboxModel(db).find({consultationId: booked.body.consultationId, status: 'pending'}).lean();
  assert.deepEqual(pending.map((j) => j.kind), [], 'no reminder left to send');

  // The booking and both changes from the email reached the firm's webhook, signed, once each.
  const deadline = Date.now() + 15_000;
  while (receiver.events.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(receiver.badSignatures, []);
  assert.deepEqual(receiver.events.map((e) => e.type).sort(), ['consultation.cancelled', 'consultation.rescheduled', 'consultation.scheduled']);
  assert.ok(receiver.events.every((e) => (e.data.consultation as {id: string}).id === booked.body.consultationId));
  await receiver.close();
});

test('the reschedule link goes back to the chat’s page with the token in the fragment; the widget’s picker reads and moves through the token; bad tokens are refused clearly', async () => {
  const f = await startChatFixture({RATE_LIMIT_SCALE: '10', PUBLIC_URL: 'http://127.0.0.1:1'});
  const S = f.backend.services;
  const db = f.backend.db;
  const lawyer = await lawyerLogin(f);
  await enableBooking(S, String(f.firmId), lawyer.lawyer.id);
  const origin = FIRM_ORIGIN;
  const v = await verifiedVisitor(f.url, f.siteKey, db, 'page@client.example', {pageUrl: `${origin}/contact/?ref=ad#top`});
  const slots: SlotDTO[] = (await v.client.get(`/conversations/${v.conversationId}/slots?duration=30`)).body.slots;
  const booked = await v.client.post(`/conversations/${v.conversationId}/bookings`, {start: slots[10].start, durationMinutes: 30});
  assert.equal(booked.status, 201);
  const invite = (await outboxModel(db).findOne({kind: 'consultation.scheduled', 'payload.to': 'page@client.example'}).lean())!;
  const link = /Pick another time: (\S+)/.exec(invite.payload.text)![1];
  // The chat's page (its own fragment dropped), the token after #consult-reschedule=.
  assert.match(link, new RegExp(`^${origin.replace(/\./g, '\\.')}/contact/\\?ref=ad#consult-reschedule=[0-9a-f]{24}\\.r\\.\\d+\\.[\\w-]{32}$`));
  assert.match(invite.payload.text, /Cancel the consultation: http:\/\/127\.0\.0\.1:1\/booking\//, 'cancel stays on the server page');
  const token = link.split('#consult-reschedule=')[1];
  const pub = (path: string, body?: unknown) => fetch(`${f.url}/api/v1${path}`, {method: body ? 'POST' : 'GET', headers: {origin, ...(body ? {'content-type': 'application/json'} : {})}, body: body ? JSON.stringify(body) : undefined});
  const listed = await pub(`/booking-links/${token}/slots`);
  assert.equal(listed.status, 200);
  const list = await listed.json();
  assert.equal(list.start, slots[10].start);
  assert.ok(list.slots.length > 5 && !list.slots.some((s: SlotDTO) => s.start === slots[10].start), 'free times, its own not among them');
  // Tampered, the cancel token, an expired one: each refused with its reason, nothing moved.
  const tampered = token.replace(/\.r\.(\d+)\./, (_m, t) => `.r.${Number(t) + 60}.`);
  const refused = async (t: string, why: RegExp) => {
    const r = await pub(`/booking-links/${t}/slots`);
    assert.equal(r.status, 400);
    assert.match((await r.json()).error.message, why);
    const m = await pub(`/booking-links/${t}/move`, {start: list.slots[0].start});
    assert.equal(m.status, 400);
  };
  await refused(tampered, /not valid: it was altered/);
  await refused(signLink(S.consultations.engine.linkSecret, booked.body.consultationId, 'cancel', new Date(Date.now() + 86_400_000)), /cancel link/);
  await refused(signLink(S.consultations.engine.linkSecret, booked.body.consultationId, 'reschedule', new Date(Date.now() - 1000)), /expired/);
  // Outside the lawyer's hours: refused with the reason.
  const night = new Date(Date.parse(slots[10].start));
  night.setUTCHours(3, 0, 0, 0);
  night.setUTCDate(night.getUTCDate() + 1);
  const outside = await pub(`/booking-links/${token}/move`, {start: night.toISOString()});
  assert.equal(outside.status, 400);
  assert.match((await outside.json()).error.message, /outside the lawyer's hours/);
  const moved = await pub(`/booking-links/${token}/move`, {start: list.slots[3].start});
  assert.equal(moved.status, 200);
  assert.equal((await moved.json()).start, list.slots[3].start);
  assert.equal((await S.consultations.engine.service.load(booked.body.consultationId))!.start.toISOString(), list.slots[3].start);
  const line = async () => ((await v.client.get(`/conversations/${v.conversationId}/messages?limit=100`)).body.messages as MessageDto[]).find((m) => m.system?.event === 'consultation-rescheduled');
  await until(async () => !!(await line()), 10_000, 'the line in the chat');
  assert.equal((await line())?.system?.by, 'applicant', 'the lawyer is told who moved it');
});
