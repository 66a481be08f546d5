import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import type {JoinResult} from '../../protocol/chat.js';
import {applicantSession, call, connect, connected, connectError, FIRM_ORIGIN, LAWYER_PASSWORD, lawyerLogin, ok, startChatFixture} from './chat-fixture.js';

const f = await startChatFixture();

test('an applicant downloads their own transcript; nobody else\'s', async () => {
  const s = await applicantSession(f, {name: 'Maria Lopez'});
  const socket = connect(f.url, s.token, FIRM_ORIGIN);
  const {conversation} = await ok<JoinResult>(call(socket, 'conversation:open', {}));
  await ok(call(socket, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'My residence permit expires in May.'}));
  const res = await fetch(`${f.url}/api/v1/conversations/${conversation.id}/transcript`, {headers: {authorization: `Bearer ${s.token}`, origin: FIRM_ORIGIN}});
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="conversation-[0-9a-f]{24}\.txt"/);
  const text = await res.text();
  assert.match(text, /Applicant: Maria Lopez/);
  assert.match(text, /\] Maria Lopez: My residence permit expires in May\./);

  const other = await applicantSession(f);
  const denied = await fetch(`${f.url}/api/v1/conversations/${conversation.id}/transcript`, {headers: {authorization: `Bearer ${other.token}`}});
  assert.equal(denied.status, 403);
});

test('the firm owner erases an applicant: conversations, messages and the visitor are gone', async () => {
  const s = await applicantSession(f, {name: 'To Be Forgotten', email: 'forget@example.com'});
  const socket = connect(f.url, s.token, FIRM_ORIGIN, {reconnection: false});
  const {conversation} = await ok<JoinResult>(call(socket, 'conversation:open', {}));
  for (const body of ['one', 'two']) await ok(call(socket, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body}));

  // A plain lawyer may not; the owner may.
  const {Lawyer, Applicant, Conversation, Message} = f.backend.services.models;
  const plainEmail = `plain-${Date.now()}@firm.example`;
  await f.backend.services.firms.createLawyer({firmId: f.firmId, name: 'Plain Lawyer', email: plainEmail, password: LAWYER_PASSWORD, role: 'lawyer'});
  const plain = await lawyerLogin({url: f.url, lawyerEmail: plainEmail});
  const refused = await fetch(`${f.url}/api/v1/applicants/${s.applicant.id}`, {method: 'DELETE', headers: {authorization: `Bearer ${plain.token}`}});
  assert.equal(refused.status, 403);
  assert.ok(await Lawyer.exists({email: plainEmail}));

  const owner = await lawyerLogin(f);
  const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
  const res = await fetch(`${f.url}/api/v1/applicants/${s.applicant.id}`, {method: 'DELETE', headers: {authorization: `Bearer ${owner.token}`}});
  assert.equal(res.status, 200);
  const report = await res.json();
  assert.deepEqual({c: report.conversations, m: report.messages}, {c: 1, m: 2});
  await disconnected;

  assert.equal(await Applicant.countDocuments({_id: s.applicant.id}), 0);
  assert.equal(await Conversation.countDocuments({_id: conversation.id}), 0);
  assert.equal(await Message.countDocuments({conversationId: conversation.id}), 0);
  const transcript = await fetch(`${f.url}/api/v1/conversations/${conversation.id}/transcript`, {headers: {authorization: `Bearer ${owner.token}`}});
  assert.equal(transcript.status, 404);

  // The erased visitor's token is still unexpired, but it no longer opens anything.
  const stale = await fetch(`${f.url}/api/v1/conversations`, {headers: {authorization: `Bearer ${s.token}`, origin: FIRM_ORIGIN}});
  assert.equal(stale.status, 401);
  const staleSocket = connect(f.url, s.token, FIRM_ORIGIN, {reconnection: false});
  assert.equal((await connectError(staleSocket)).code, 'unauthorized');

  // The old browser's secret no longer resumes anything; it becomes a new visitor.
  const again = await applicantSession(f, {visitorId: s.visitorId, visitorSecret: s.visitorSecret});
  assert.notEqual(again.applicant.id, s.applicant.id);
  const fresh = connect(f.url, again.token, FIRM_ORIGIN);
  await connected(fresh);
  const reopened = await ok<JoinResult>(call(fresh, 'conversation:open', {}));
  assert.notEqual(reopened.conversation.id, conversation.id);
  assert.equal(reopened.conversation.lastSeq, 0);
});
