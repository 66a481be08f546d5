// Internal notes: the firm's lawyers get them, the applicant never does, by any path: live
// events, sync, history, the conversation's preview and counts, the transcript, and the
// offline-notification email. (There are no webhooks yet; when they come, they join this list.)
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import type {ConversationDto, JoinResult, MessageDto, MessagePage} from '../../protocol/chat.js';
import {applicantSession, call, connect, FIRM_ORIGIN, lawyerLogin, nextEvent, ok, startChatFixture} from './chat-fixture.js';
import {outboxModel} from '../models/outbox.js';

const f = await startChatFixture({NOTIFY_AFTER_SECONDS: '1'});
const Outbox = outboxModel(f.backend.db);
const SECRET = `privileged-${randomUUID()}`;

test('a note reaches the firm’s lawyers and a mentioned colleague, and nothing of it reaches the applicant', async () => {
  const colleague = await f.backend.services.firms.createLawyer({firmId: f.firmId, name: 'Bruno Keller', email: `bruno-${Date.now()}@firm.example`, password: 'correct horse battery', role: 'lawyer'});
  const session = await applicantSession(f, {name: 'Ines Duarte', email: 'ines@example.com'});
  const applicant = connect(f.url, session.token, FIRM_ORIGIN);
  const heard: string[] = [];
  applicant.onAny((event, payload) => heard.push(`${event} ${JSON.stringify(payload)}`));
  const {conversation} = await ok<JoinResult>(call(applicant, 'conversation:open', {}));
  const first = await ok<MessageDto>(call(applicant, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'My question'}));

  const auth = await lawyerLogin(f);
  const lawyer = connect(f.url, auth.token, f.url);
  await ok(call(lawyer, 'conversation:join', {conversationId: conversation.id}));
  const bruno = connect(f.url, (await lawyerLogin({url: f.url, lawyerEmail: colleague.email})).token, f.url);
  await new Promise<void>((r) => bruno.once('connect', () => r()));
  const inboxEvent = nextEvent(bruno, 'inbox:message', (e) => e.message.kind === 'note');
  const live = nextEvent(lawyer, 'message:new', (m) => m.kind === 'note');

  // An applicant cannot write one.
  const refused = await call(applicant, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'sneaky', note: true});
  assert.equal(!refused.ok && refused.error.code, 'forbidden');

  const note = await ok<MessageDto>(call(lawyer, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: `${SECRET} @Bruno please check the visa dates`, note: true}));
  assert.equal(note.kind, 'note');
  assert.deepEqual(note.mentions, [String(colleague._id)], 'the mention is resolved to the colleague');
  assert.equal((await live).id, note.id, 'the lawyer in the conversation gets it live');
  const forBruno = await inboxEvent;
  assert.equal(forBruno.message.id, note.id, 'the mentioned colleague gets it on the inbox socket');
  assert.ok(!forBruno.conversation.lastMessagePreview?.includes(SECRET), 'the preview is never a note');

  // A reply after the note, so the applicant's live stream has a gap where the note sits.
  const replyHeard = nextEvent(applicant, 'message:new', (m) => m.body === 'A reply the applicant sees');
  const reply = await ok<MessageDto>(call(lawyer, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'A reply the applicant sees'}));
  assert.equal((await replyHeard).id, reply.id);
  // The note can be deleted by its author; the applicant does not hear of that either.
  await ok(call(lawyer, 'message:delete', {conversationId: conversation.id, messageId: note.id}));
  await new Promise((r) => setTimeout(r, 300));

  // Lawyers see it in sync and history; the applicant in neither, but their cursor moves past it.
  const lawyerSync = await ok<MessagePage>(call(lawyer, 'message:sync', {conversationId: conversation.id, afterSeq: 0}));
  assert.ok(lawyerSync.messages.some((m) => m.id === note.id));
  const sync = await ok<MessagePage>(call(applicant, 'message:sync', {conversationId: conversation.id, afterSeq: first.seq}));
  assert.deepEqual(sync.messages.map((m) => m.id), [reply.id]);
  assert.equal(sync.throughSeq, reply.seq);
  const history = await ok<MessagePage>(call(applicant, 'message:history', {conversationId: conversation.id, beforeSeq: 1e6}));
  assert.ok(!history.messages.some((m) => m.kind === 'note'));
  const noteOnly = await ok<MessagePage>(call(applicant, 'message:sync', {conversationId: conversation.id, afterSeq: first.seq, limit: 1}));
  assert.deepEqual(noteOnly.messages, [], 'a page holding only the note is empty…');
  assert.equal(noteOnly.throughSeq, note.seq, '…and its cursor still moves past it');
  const del = await call(applicant, 'message:delete', {conversationId: conversation.id, messageId: note.id});
  assert.equal(del.ok, false);

  // Counts and preview: the note is not an unread lawyer message, nor the conversation's last words.
  await f.backend.services.chat.flush();
  const rest = await fetch(`${f.url}/api/v1/conversations`, {headers: {authorization: `Bearer ${session.token}`, origin: FIRM_ORIGIN}});
  const list = (await rest.json()) as {conversations: (ConversationDto & {unread: number})[]};
  assert.equal(list.conversations[0].lastMessagePreview, 'A reply the applicant sees');
  assert.equal(list.conversations[0].counts.lawyer, 1);
  const restMessages = await (await fetch(`${f.url}/api/v1/conversations/${conversation.id}/messages`, {headers: {authorization: `Bearer ${session.token}`, origin: FIRM_ORIGIN}})).json();
  assert.ok(!JSON.stringify(restMessages).includes('"note"'));

  // The transcript: the applicant's has no note; the firm's shows it marked as internal.
  const noteTwo = await ok<MessageDto>(call(lawyer, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: `${SECRET} second note`, note: true}));
  const transcript = async (token: string, origin: string) => (await fetch(`${f.url}/api/v1/conversations/${conversation.id}/transcript`, {headers: {authorization: `Bearer ${token}`, origin}})).text();
  assert.ok(!(await transcript(session.token, FIRM_ORIGIN)).includes(SECRET));
  assert.match(await transcript(auth.token, f.url), /internal note/);

  // The offline email: a note alone emails nobody.
  applicant.disconnect();
  await new Promise((r) => setTimeout(r, 1_600));
  const mails = await Outbox.find({kind: 'notify.applicant'}).lean();
  assert.equal(mails.length, 1, 'one email, for the reply');
  assert.ok(!JSON.stringify(mails).includes(SECRET));
  const before = mails.length;
  await ok(call(lawyer, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: `${SECRET} third`, note: true}));
  await new Promise((r) => setTimeout(r, 1_600));
  assert.equal(await Outbox.countDocuments({kind: 'notify.applicant'}), before);
  assert.ok(noteTwo.seq > reply.seq);

  // Nothing the applicant's socket heard carried the secret or a note.
  assert.ok(heard.length > 0);
  for (const line of heard) {
    assert.ok(!line.includes(SECRET), `the applicant heard: ${line.slice(0, 120)}`);
    assert.ok(!line.includes('"kind":"note"'), `the applicant heard a note: ${line.slice(0, 120)}`);
  }
});
