// Unread messages trigger one email to the offline side, grouped, with no message content.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import type {JoinResult} from '../../protocol/chat.js';
import {applicantSession, call, connect, FIRM_ORIGIN, lawyerLogin, ok, startChatFixture} from './chat-fixture.js';
import {outboxModel} from '../models/outbox.js';

const f = await startChatFixture({NOTIFY_AFTER_SECONDS: '1'});
const Outbox = outboxModel(f.backend.db);
const settle = () => new Promise((r) => setTimeout(r, 1_600));

test('an applicant message no lawyer read emails the firm once; a read one emails nobody', async () => {
  const session = await applicantSession(f, {name: 'Yusuf Demir', email: 'yusuf@example.com'});
  const applicant = connect(f.url, session.token, FIRM_ORIGIN);
  const {conversation} = await ok<JoinResult>(call(applicant, 'conversation:open', {}));
  const secret = `confidential-${randomUUID()}`;
  for (const body of [secret, `${secret} again`]) await ok(call(applicant, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body}));
  await settle();
  const toLawyers = await Outbox.find({kind: 'notify.lawyer'}).lean();
  assert.equal(toLawyers.length, 1, 'one email for the burst');
  assert.deepEqual(toLawyers[0].payload.to, [f.lawyerEmail]);
  assert.ok(!JSON.stringify(toLawyers[0].payload).includes(secret), 'no message content in the email');
  assert.match(toLawyers[0].payload.text, new RegExp(`/console/#conversation=${conversation.id}`));

  // The lawyer replies; the applicant reads it at once: no email to them.
  const lawyerAuth = await lawyerLogin(f);
  const lawyer = connect(f.url, lawyerAuth.token, f.url);
  await ok(call(lawyer, 'conversation:join', {conversationId: conversation.id}));
  const reply = await ok(call(lawyer, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'Answer one'}));
  await ok(call(applicant, 'receipt:read', {conversationId: conversation.id, seq: reply.seq}));
  await settle();
  assert.equal(await Outbox.countDocuments({kind: 'notify.applicant'}), 0);

  // A reply left unread reaches the applicant's inbox, once.
  applicant.disconnect();
  await ok(call(lawyer, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'Answer two, unread'}));
  await settle();
  await ok(call(lawyer, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'Answer three, unread'}));
  await settle();
  const toApplicant = await Outbox.find({kind: 'notify.applicant'}).lean();
  assert.equal(toApplicant.length, 1, 'one per window');
  assert.deepEqual(toApplicant[0].payload.to, ['yusuf@example.com']);
  assert.ok(!JSON.stringify(toApplicant[0].payload).includes('Answer'), 'no message content');
});
