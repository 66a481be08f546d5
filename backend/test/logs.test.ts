// Nothing confidential reaches the logs, even at debug level and on failures.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import jwt from 'jsonwebtoken';
import type {JoinResult} from '../../protocol/chat.js';
import {applicantSession, call, connect, FIRM_ORIGIN, LAWYER_PASSWORD, lawyerLogin, ok, post, startChatFixture} from './chat-fixture.js';
import {capturingLogger} from './log-capture.js';

test('no token, password, identity secret, visitor secret or message body in the logs', async () => {
  const capture = capturingLogger('debug');
  const f = await startChatFixture({}, {logger: capture.logger});
  const body = `privileged-${randomUUID()}`;
  const identityToken = jwt.sign({email: 'secret.client@example.com', name: 'Secret Client'}, f.identitySecret, {algorithm: 'HS256'});
  const lawyer = await lawyerLogin(f);
  await post(`${f.url}/api/v1/auth/login`, {email: f.lawyerEmail, password: 'wrong-password-123'}, {origin: f.url});
  const session = await applicantSession(f, {identityToken});
  const anon = await applicantSession(f);
  const socket = connect(f.url, session.token, FIRM_ORIGIN);
  const {conversation} = await ok<JoinResult>(call(socket, 'conversation:open', {}));
  await ok(call(socket, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body}));
  // Refusals carrying the secrets in their payloads.
  await call(socket, 'message:send', {conversationId: conversation.id, clientId: 'bad', body: `${body} ${lawyer.token}`});
  await post(`${f.url}/api/v1/conversations/${conversation.id}/messages`, {clientId: randomUUID(), body: {$gt: body}}, {authorization: `Bearer ${session.token}`});
  await fetch(`${f.url}/api/v1/conversations`, {headers: {authorization: `Bearer ${lawyer.token}x`}});
  socket.disconnect();
  await new Promise((r) => setTimeout(r, 200));

  const text = capture.text();
  assert.ok(capture.lines.length >= 5, 'the logger saw the traffic');
  for (const [name, secret] of Object.entries({
    body, lawyerToken: lawyer.token, applicantToken: session.token, identityToken, identitySecret: f.identitySecret,
    visitorSecret: anon.visitorSecret!, password: LAWYER_PASSWORD, wrongPassword: 'wrong-password-123', email: 'secret.client@example.com',
  })) {
    assert.ok(!text.includes(secret), `${name} appears in the logs`);
  }
});
