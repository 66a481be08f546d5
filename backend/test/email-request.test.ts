// The email-request card: a lawyer's "Ask for email" posts a form card; the applicant confirms an
// address with the emailed code (wrong, expired and used codes each refused with their reason);
// the card turns "confirmed" for both sides; the firm's rule posts the same card when no lawyer
// has answered in time; invitations go only to a confirmed address.
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import type {MessageDto} from '../../protocol/chat.js';
import {outboxModel} from '../models/outbox.js';
import {applicantSession, call, connect, connected, lawyerLogin, nextEvent, ok, startChatFixture, type ChatFixture} from './chat-fixture.js';
import {api, codeFor} from './booking-support.js';

const f: ChatFixture = await startChatFixture({RATE_LIMIT_SCALE: '10'});
after(() => f.backend.stop());

const cardsOf = (messages: MessageDto[]) => messages.filter((m) => m.kind === 'email-request');

test('a lawyer asks for an email: the card, the code, wrong/expired refusals, confirmed on both sides, invites only then', async () => {
  const lawyerAuth = await lawyerLogin(f);
  const console_ = api(f.url, lawyerAuth.token, f.url);
  const session = await applicantSession(f);
  const widget = api(f.url, session.token);
  const conversationId = (await widget.post('/conversations', {})).body.id;
  await widget.post(`/conversations/${conversationId}/messages`, {clientId: 'visitor-msg-1', body: 'Hello, I need advice'});

  const applicant = connect(f.url, session.token, 'https://firm.example');
  await connected(applicant);
  await ok(call(applicant, 'conversation:join', {conversationId}));
  const arrives = nextEvent(applicant, 'message:new', (m) => m.kind === 'email-request');
  const asked = await console_.post(`/conversations/${conversationId}/email-request`, {});
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  assert.deepEqual(asked.body.emailRequest, {state: 'asked', email: null, auto: false});
  assert.equal(asked.body.sender.kind, 'lawyer');
  assert.equal((await arrives).id, asked.body.id, 'the applicant receives the card live');
  const again = await console_.post(`/conversations/${conversationId}/email-request`, {});
  assert.equal(again.body.id, asked.body.id, 'one waiting card per conversation');
  assert.equal(cardsOf((await widget.get(`/conversations/${conversationId}/messages?after=0`)).body.messages).length, 1);

  // Before the address is confirmed, a consultation invites the lawyer only.
  const start = new Date(Date.now() + 3 * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  const before = await console_.post(`/conversations/${conversationId}/consultations`, {start: start.toISOString(), durationMinutes: 30, provider: 'jitsi'});
  assert.equal(before.status, 201, JSON.stringify(before.body));
  const invitesBefore = await outboxModel(f.backend.db).find({consultationId: before.body.id}).lean();
  assert.ok(invitesBefore.length > 0 && invitesBefore.every((j) => ![j.payload.to].flat().includes('sam@client.example')));

  // The applicant types an email: a code is sent; a wrong one and an expired one are refused by reason.
  assert.equal((await widget.post('/contact/code', {email: 'sam@client.example', lang: 'fr'})).status, 200);
  const code = await codeFor(f.backend.db, 'sam@client.example');
  const wrong = await widget.post('/contact/verify', {code: code === '000000' ? '000001' : '000000'});
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.reason, 'wrong');
  await f.backend.db.collection('email_codes').updateMany({}, {$set: {expiresAt: new Date(Date.now() - 1000)}});
  const expired = await widget.post('/contact/verify', {code});
  assert.equal(expired.body.error.reason, 'expired');
  assert.equal((await console_.get(`/conversations/${conversationId}/visitor`)).body.applicant.email ?? null, null, 'nothing confirmed yet');

  // A new code (the resend), the right one: the card says confirmed, live and in history.
  assert.equal((await widget.post('/contact/code', {email: 'sam@client.example', lang: 'fr'})).status, 200);
  const fresh = await codeFor(f.backend.db, 'sam@client.example');
  const confirmedLive = nextEvent(applicant, 'message:updated', (m) => m.id === asked.body.id);
  const ok1 = await widget.post('/contact/verify', {code: fresh});
  assert.deepEqual(ok1.body, {email: 'sam@client.example', verified: true});
  assert.deepEqual((await confirmedLive).emailRequest, {state: 'confirmed', email: 'sam@client.example', auto: false});
  const history = (await console_.get(`/conversations/${conversationId}/messages?after=0`)).body.messages;
  assert.deepEqual(cardsOf(history)[0].emailRequest, {state: 'confirmed', email: 'sam@client.example', auto: false});
  const profile = (await console_.get(`/conversations/${conversationId}/visitor`)).body;
  assert.equal(profile.applicant.email, 'sam@client.example');
  assert.equal(profile.applicant.emailVerified, true);
  const used = await widget.post('/contact/verify', {code: fresh});
  assert.equal(used.status, 400, 'a code works once');

  // Confirmed: asking again is refused; the next consultation invites the applicant too.
  const refused = await console_.post(`/conversations/${conversationId}/email-request`, {});
  assert.equal(refused.status, 409);
  assert.match(refused.body.error.message, /already confirmed: sam@client\.example/);
  const next = await console_.post(`/conversations/${conversationId}/consultations`, {start: new Date(start.getTime() + 86_400_000).toISOString(), durationMinutes: 30, provider: 'jitsi'});
  assert.equal(next.status, 201);
  const invites = await outboxModel(f.backend.db).find({consultationId: next.body.id}).lean();
  assert.ok(invites.some((j) => [j.payload.to].flat().includes('sam@client.example')), JSON.stringify(invites.map((j) => [j.kind, j.payload.to])));

  // An applicant cannot post the card; another firm's lawyer cannot either.
  assert.equal((await widget.post(`/conversations/${conversationId}/email-request`, {})).status, 403);
  applicant.close();
});

test('the firm\'s rule: no lawyer answered within N minutes → the same card (a firm without booking); answered or confirmed → none', async () => {
  const lawyerAuth = await lawyerLogin(f);
  const console_ = api(f.url, lawyerAuth.token, f.url);
  const bad = await console_.post('/settings', {askEmail: {afterMinutes: 0}});
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /askEmail\.afterMinutes.*at least 1 minute/);
  const set = await console_.post('/settings', {askEmail: {afterMinutes: 5}});
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.deepEqual(set.body.askEmail, {afterMinutes: 5, beforeScheduling: false});
  assert.equal(set.body.booking.mode, 'off');

  const open = async () => {
    const s = await applicantSession(f);
    const w = api(f.url, s.token);
    const id = (await w.post('/conversations', {})).body.id as string;
    await w.post(`/conversations/${id}/messages`, {clientId: 'visitor-msg-1', body: 'Anyone there?'});
    return {w, id};
  };
  const silent = await open();
  const answered = await open();
  const reply = await console_.post(`/conversations/${answered.id}/messages`, {clientId: 'lawyer-reply-1', body: 'Yes, I am here'});
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  const Conversation = f.backend.services.models.Conversation;
  const due = await Conversation.findById(silent.id).lean();
  assert.ok(due?.emailAskDueAt && due.emailAskDueAt.getTime() > Date.now() + 4 * 60_000, 'due five minutes after the start');
  assert.equal(await f.backend.services.emailRequests.sweep(), 0, 'not due yet');

  // The clock moves past the due time (the due dates are moved back by six minutes).
  await Conversation.updateMany({_id: {$in: [silent.id, answered.id]}}, {$set: {emailAskDueAt: new Date(Date.now() - 60_000)}});
  assert.equal(await f.backend.services.emailRequests.sweep(), 1);
  assert.equal(await f.backend.services.emailRequests.sweep(), 0, 'once per conversation');
  const cards = cardsOf((await silent.w.get(`/conversations/${silent.id}/messages?after=0`)).body.messages);
  assert.equal(cards.length, 1);
  assert.deepEqual(cards[0].emailRequest, {state: 'asked', email: null, auto: true});
  assert.equal(cards[0].sender.kind, 'system');
  assert.equal(cardsOf((await answered.w.get(`/conversations/${answered.id}/messages?after=0`)).body.messages).length, 0, 'a lawyer answered: no card');
  const conv = (await silent.w.get(`/conversations/${silent.id}`)).body;
  assert.equal(conv.counts.lawyer, 0, 'the firm\'s card is not a lawyer\'s answer');

  // The applicant confirms through the card: it turns confirmed.
  await silent.w.post('/contact/code', {email: 'kim@client.example'});
  await silent.w.post('/contact/verify', {code: await codeFor(f.backend.db, 'kim@client.example')});
  const after_ = cardsOf((await silent.w.get(`/conversations/${silent.id}/messages?after=0`)).body.messages);
  assert.deepEqual(after_[0].emailRequest, {state: 'confirmed', email: 'kim@client.example', auto: true});

  // "Before scheduling": the visitor panel tells the console to post the card as "Schedule" opens.
  assert.equal((await console_.get(`/conversations/${silent.id}/visitor`)).body.askEmailBeforeScheduling, false);
  const both = await console_.post('/settings', {askEmail: {afterMinutes: 5, beforeScheduling: true}});
  assert.deepEqual(both.body.askEmail, {afterMinutes: 5, beforeScheduling: true});
  assert.equal((await console_.get(`/conversations/${silent.id}/visitor`)).body.askEmailBeforeScheduling, true);
  assert.equal((await console_.post('/settings', {askEmail: {afterMinutes: 5, beforeScheduling: 'yes'}})).status, 400);

  // Switched off: new conversations get no due time.
  await console_.post('/settings', {askEmail: {afterMinutes: null}});
  assert.deepEqual((await console_.get('/settings')).body.askEmail, {afterMinutes: null, beforeScheduling: false});
  const later = await open();
  assert.equal((await Conversation.findById(later.id).lean())?.emailAskDueAt ?? null, null);
});
