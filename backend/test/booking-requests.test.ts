// Booking requests (firm mode `request`): the visitor's pick holds the time, the lawyer accepts
// (a consultation exactly as an instant booking), proposes another time (the visitor takes it)
// or declines (the time is free again); every wrong move is refused clearly and changes nothing.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {consultationModel} from '../models/consultation.js';
import {bookingRequestModel} from '../models/booking-request.js';
import {outboxModel} from '../models/outbox.js';
import type {BookingRequestCard, SlotDTO} from '../../protocol/booking.js';
import type {MessageDto} from '../../protocol/chat.js';
import {createFirmWithLawyer, lawyerLogin, startChatFixture} from './chat-fixture.js';
import {api, enableBooking, verifiedVisitor} from './booking-support.js';

test('request mode: hold, accept, propose, decline, and every refusal', async () => {
  const f = await startChatFixture({RATE_LIMIT_SCALE: '10'});
  const S = f.backend.services;
  const db = f.backend.db;
  const Consultations = consultationModel(db);
  const Requests = bookingRequestModel(db);
  const lawyer = await lawyerLogin(f);
  const console_ = api(f.url, lawyer.token, f.url);
  await enableBooking(S, String(f.firmId), lawyer.lawyer.id);
  assert.equal((await console_.post('/booking/mode', {mode: 'request'})).status, 200);

  const anna = await verifiedVisitor(f.url, f.siteKey, db, 'anna@client.example');
  const ben = await verifiedVisitor(f.url, f.siteKey, db, 'ben@client.example');
  const slotsOf = async (v: typeof anna) => (await v.client.get(`/conversations/${v.conversationId}/slots?duration=30`)).body as {mode: string; slots: SlotDTO[]};
  const first = await slotsOf(anna);
  assert.equal(first.mode, 'request');
  const [s1, s2, s3] = first.slots.slice(4);

  // Anna asks: nothing is scheduled, the time is held, the card is in her conversation.
  const asked = await anna.client.post(`/conversations/${anna.conversationId}/bookings`, {start: s1.start, durationMinutes: 30});
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  assert.equal(asked.body.status, 'requested');
  const requestId: string = asked.body.requestId;
  assert.equal(await Consultations.countDocuments({conversationId: anna.conversationId}), 0, 'no consultation before the lawyer accepts');
  assert.ok(!(await slotsOf(ben)).slots.some((s) => s.start === s1.start), 'the asked time is not offered to others');
  const taken = await ben.client.post(`/conversations/${ben.conversationId}/bookings`, {start: s1.start, durationMinutes: 30});
  assert.equal(taken.status, 409, 'nobody else can take a held time');
  assert.match(taken.body.error.message, /just taken/);
  // The console cannot schedule over it either.
  const over = await console_.post(`/conversations/${ben.conversationId}/consultations`, {start: s1.start, durationMinutes: 30, provider: 'jitsi'});
  assert.equal(over.status, 409);
  assert.match(over.body.error.message, /booking request/, JSON.stringify(over.body));
  const history = async (v: typeof anna) => (await v.client.get(`/conversations/${v.conversationId}/messages?limit=100`)).body.messages as MessageDto[];
  const cardOf = async (v: typeof anna, id: string) => (await history(v)).find((m) => m.kind === 'request' && m.request?.id === id)?.request as BookingRequestCard;
  assert.equal((await cardOf(anna, requestId)).status, 'pending');

  // Refusals: the visitor cannot accept their own pending request; another firm's lawyer does not see it; bad ids.
  const early = await anna.client.post(`/booking-requests/${requestId}/accept`, {});
  assert.equal(early.status, 409);
  assert.match(early.body.error.message, /has not proposed/);
  const other = await createFirmWithLawyer(f.backend, {origin: 'https://other.example'});
  const stranger = api(f.url, (await lawyerLogin({url: f.url, lawyerEmail: other.lawyerEmail})).token, f.url);
  for (const action of ['accept', 'decline']) assert.equal((await stranger.post(`/booking-requests/${requestId}/${action}`, {})).status, 404, `another firm's lawyer cannot ${action}`);
  assert.equal((await ben.client.post(`/booking-requests/${requestId}/accept`, {})).status, 404, "another visitor's request is not found");
  assert.equal((await console_.post('/booking-requests/nope/accept', {})).status, 400);
  assert.equal((await console_.post(`/booking-requests/${requestId}/propose`, {start: s1.start})).status, 400, 'proposing the asked time is refused');

  // The lawyer accepts: the consultation is scheduled as an instant booking (invites, card, reminders).
  const accepted = await console_.post(`/booking-requests/${requestId}/accept`, {});
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assert.equal(accepted.body.status, 'accepted');
  const c = await Consultations.findById(accepted.body.consultationId).lean();
  assert.equal(c?.start.toISOString(), s1.start);
  assert.equal(c?.bookedBy, 'applicant');
  assert.equal(await outboxModel(db).countDocuments({kind: 'consultation.scheduled', consultationId: c!._id}), 2, 'an invite to each side');
  assert.ok((await history(anna)).some((m) => m.kind === 'consultation' && m.consultationId === String(c!._id)), 'the consultation card is in the conversation');
  assert.equal((await cardOf(anna, requestId)).status, 'accepted', 'the request card follows');
  // Twice, or declining an accepted one: refused, nothing changes.
  const again = await console_.post(`/booking-requests/${requestId}/accept`, {});
  assert.equal(again.status, 409);
  assert.match(again.body.error.message, /already accepted/);
  const late = await console_.post(`/booking-requests/${requestId}/decline`, {reason: 'too late'});
  assert.equal(late.status, 409);
  assert.match(late.body.error.message, /already accepted/);
  assert.equal(await Consultations.countDocuments({conversationId: anna.conversationId}), 1);
  assert.equal((await Requests.findById(requestId).lean())?.holding, false);

  // Ben asks for s2; the lawyer proposes s3 instead; s2 is free again and s3 is held.
  const benAsk = (await ben.client.post(`/conversations/${ben.conversationId}/bookings`, {start: s2.start, durationMinutes: 30})).body.requestId as string;
  const free = await console_.get(`/booking-requests/${benAsk}/slots`);
  assert.equal(free.status, 200);
  assert.ok(free.body.slots.some((s: SlotDTO) => s.start === s2.start), "the request's own time counts as free for the lawyer");
  assert.ok(!free.body.slots.some((s: SlotDTO) => s.start === s1.start), 'the accepted consultation is busy');
  const proposed = await console_.post(`/booking-requests/${benAsk}/propose`, {start: s3.start});
  assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
  assert.equal(proposed.body.status, 'proposed');
  assert.equal(proposed.body.proposal.start, s3.start);
  const annaNow = (await slotsOf(anna)).slots.map((s) => s.start);
  assert.ok(annaNow.includes(s2.start) && !annaNow.includes(s3.start), 'the hold moved to the proposal');
  assert.equal((await console_.post(`/booking-requests/${benAsk}/accept`, {})).status, 409, 'the lawyer waits for the visitor now');
  // A time someone took meanwhile cannot be proposed.
  assert.equal((await console_.post(`/booking-requests/${benAsk}/propose`, {start: s1.start})).status, 409);
  // Ben takes the proposal.
  const took = await ben.client.post(`/booking-requests/${benAsk}/accept`, {});
  assert.equal(took.status, 200, JSON.stringify(took.body));
  assert.equal((await Consultations.findById(took.body.consultationId).lean())?.start.toISOString(), s3.start);
  assert.equal((await cardOf(ben, benAsk)).status, 'accepted');

  // Anna asks again; the lawyer declines with a reason: the card says so, the time is free again.
  const s4 = (await slotsOf(anna)).slots.at(-1)!;
  const annaAsk = (await anna.client.post(`/conversations/${anna.conversationId}/bookings`, {start: s4.start, durationMinutes: 30})).body.requestId as string;
  const declined = await console_.post(`/booking-requests/${annaAsk}/decline`, {reason: 'I am in court that day'});
  assert.equal(declined.status, 200);
  const card = await cardOf(anna, annaAsk);
  assert.equal(card.status, 'declined');
  assert.equal(card.reason, 'I am in court that day');
  assert.ok((await slotsOf(ben)).slots.some((s) => s.start === s4.start), 'declined: the time is free again');
  assert.equal((await anna.client.post(`/booking-requests/${annaAsk}/accept`, {})).status, 409);
  assert.equal((await console_.post(`/booking-requests/${annaAsk}/decline`, {})).status, 409, 'declining twice');
  assert.equal((await console_.post(`/booking-requests/${annaAsk}/decline`, {reason: 'x'.repeat(501)})).status, 400, 'a reason too long');

  // A slot taken meanwhile (a consultation written around the hold): accept refuses clearly and keeps the request.
  const s5 = (await slotsOf(anna)).slots.at(-2)!;
  const lastAsk = (await anna.client.post(`/conversations/${anna.conversationId}/bookings`, {start: s5.start, durationMinutes: 30})).body.requestId as string;
  const template = (await Consultations.findOne({conversationId: anna.conversationId}).lean())!;
  await Consultations.create({...template, _id: undefined, icalUid: `clash-${lastAsk}`, start: new Date(s5.start), end: new Date(s5.end)});
  const clash = await console_.post(`/booking-requests/${lastAsk}/accept`, {});
  assert.equal(clash.status, 409);
  assert.match(clash.body.error.message, /taken in the meantime/);
  assert.equal((await Requests.findById(lastAsk).lean())?.status, 'pending', 'still pending: the lawyer can propose another time');
  // A new request from the same visitor withdraws the open one.
  const s6 = (await slotsOf(anna)).slots.at(-3)!;
  assert.equal((await anna.client.post(`/conversations/${anna.conversationId}/bookings`, {start: s6.start, durationMinutes: 30})).status, 201);
  assert.equal((await Requests.findById(lastAsk).lean())?.status, 'withdrawn');
  assert.match((await console_.post(`/booking-requests/${lastAsk}/accept`, {})).body.error.message, /replaced/);

});
