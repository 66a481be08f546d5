// Consultations seen from the chat: the card appears live for the applicant, follows
// reschedule and cancel, and erasure removes the consultation with the applicant.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {JoinResult, MessageDto} from '../../protocol/chat.js';
import type {ConsultationCard} from '../../protocol/consultation.js';
import {applicantSession, call, connect, connected, FIRM_ORIGIN, lawyerLogin, nextEvent, ok, startChatFixture} from './chat-fixture.js';
import {consultationModel} from '../models/consultation.js';
import {outboxModel} from '../models/outbox.js';
import {api, codeFor} from './booking-support.js';

const f = await startChatFixture();

test('schedule, reschedule and cancel show up live on the card in the conversation', async () => {
  const lawyerAuth = await lawyerLogin(f);
  const lawyer = connect(f.url, lawyerAuth.token, f.url);
  const session = await applicantSession(f, {name: 'Amal Haddad', email: 'amal@example.com', timeZone: 'America/New_York'});
  // Invitations go only to a confirmed address: the applicant confirms theirs with the emailed code.
  const client = api(f.url, session.token);
  assert.equal((await client.post('/contact/code', {email: 'amal@example.com'})).status, 200);
  assert.equal((await client.post('/contact/verify', {code: await codeFor(f.backend.db, 'amal@example.com')})).status, 200);
  const applicant = connect(f.url, session.token, FIRM_ORIGIN);
  await Promise.all([connected(lawyer), connected(applicant)]);
  const {conversation} = await ok<JoinResult>(call(applicant, 'conversation:open', {}));

  assert.deepEqual(await ok(call(lawyer, 'consultation:providers', {})), ['jitsi']);
  const start = new Date(Date.now() + 3 * 86_400_000);
  start.setUTCHours(8, 0, 0, 0);
  const cardArrives = nextEvent(applicant, 'message:new', (m) => m.kind === 'consultation');
  const card: ConsultationCard = await ok(call(lawyer, 'consultation:schedule', {conversationId: conversation.id, start: start.toISOString(), durationMinutes: 45, provider: 'jitsi'}));
  assert.match(card.joinUrl, /^https:\/\/meet\.jit\.si\/[\w-]{16,}$/);
  assert.equal(card.applicantTimeZone, 'America/New_York');
  assert.match(card.links.google, /^https:\/\/calendar\.google\.com\//);
  assert.ok(card.links.ics.startsWith(`http://localhost:${f.backend.port}/consultations/${card.id}/`), card.links.ics);
  const message: MessageDto = await cardArrives;
  assert.equal(message.consultation?.id, card.id);
  assert.equal(message.sender.kind, 'lawyer');

  // The hosted calendar file is served at the card's link.
  const ics = await fetch(card.links.ics);
  assert.equal(ics.status, 200);
  assert.match(await ics.text(), /BEGIN:VCALENDAR[\s\S]*UID:/);

  const later = new Date(start.getTime() + 86_400_000);
  const moved = nextEvent(applicant, 'message:updated', (m) => m.consultation?.id === card.id && m.consultation.start === later.toISOString());
  const announced = nextEvent(applicant, 'message:new', (m) => m.kind === 'system' && m.system?.event === 'consultation-rescheduled');
  await ok(call(lawyer, 'consultation:reschedule', {consultationId: card.id, start: later.toISOString()}));
  assert.equal((await moved).consultation?.sequence, 1);
  await announced;

  const cancelled = nextEvent(applicant, 'message:updated', (m) => m.consultation?.id === card.id && m.consultation.status === 'cancelled');
  await ok(call(lawyer, 'consultation:cancel', {consultationId: card.id}));
  await cancelled;

  // A page of history carries the card in its final state.
  const history = await ok(call(applicant, 'message:history', {conversationId: conversation.id, beforeSeq: 1e6}));
  const final = history.messages.find((m: MessageDto) => m.kind === 'consultation');
  assert.equal(final.consultation.status, 'cancelled');

  // Without RESEND_API_KEY every invite is captured: one per person per step.
  const all = await outboxModel(f.backend.db).find({consultationId: card.id}).lean();
  const emails = all.filter((j) => !j.kind.includes('reminder'));
  assert.equal(emails.length, 6);
  assert.ok(all.filter((j) => j.kind.includes('reminder')).every((j) => j.status === 'revoked'), 'reminders withdrawn by the cancel');

  // Erasing the applicant removes the consultation and its emails too.
  const erased = await fetch(`${f.url}/api/v1/applicants/${session.applicant.id}`, {method: 'DELETE', headers: {authorization: `Bearer ${lawyerAuth.token}`}});
  assert.equal(erased.status, 200);
  assert.equal(await consultationModel(f.backend.db).countDocuments({_id: card.id}), 0);
  assert.equal(await outboxModel(f.backend.db).countDocuments({consultationId: card.id}), 0);
});

test('scheduling in the past or overlapping is refused with a clear error', async () => {
  const lawyerAuth = await lawyerLogin(f);
  const lawyer = connect(f.url, lawyerAuth.token, f.url);
  const session = await applicantSession(f);
  // Invitations go only to a confirmed address: the applicant confirms theirs with the emailed code.
  const client = api(f.url, session.token);
  assert.equal((await client.post('/contact/code', {email: 'amal@example.com'})).status, 200);
  assert.equal((await client.post('/contact/verify', {code: await codeFor(f.backend.db, 'amal@example.com')})).status, 200);
  const applicant = connect(f.url, session.token, FIRM_ORIGIN);
  const {conversation} = await ok<JoinResult>(call(applicant, 'conversation:open', {}));
  const past = await call(lawyer, 'consultation:schedule', {conversationId: conversation.id, start: new Date(Date.now() - 3_600_000).toISOString(), durationMinutes: 30, provider: 'jitsi'});
  assert.equal(!past.ok && past.error.code, 'bad_request');
  const start = new Date(Date.now() + 10 * 86_400_000).toISOString();
  await ok(call(lawyer, 'consultation:schedule', {conversationId: conversation.id, start, durationMinutes: 60, provider: 'jitsi'}));
  const overlap = await call(lawyer, 'consultation:schedule', {conversationId: conversation.id, start: new Date(Date.parse(start) + 30 * 60_000).toISOString(), durationMinutes: 30, provider: 'jitsi'});
  assert.equal(!overlap.ok && overlap.error.code, 'conflict');
  const zoom = await call(lawyer, 'consultation:schedule', {conversationId: conversation.id, start: new Date(Date.now() + 20 * 86_400_000).toISOString(), durationMinutes: 30, provider: 'zoom'});
  assert.equal(zoom.ok, false, 'an unconfigured provider is not offered');
});
