// /metrics: token-guarded Prometheus text with sockets, message and rate-limit counters,
// outbox backlog and age, and database round-trip times that move with what happens.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import type {JoinResult} from '../../protocol/chat.js';
import {applicantSession, call, connect, FIRM_ORIGIN, ok, post, startChatFixture} from './chat-fixture.js';
import {startTestBackend} from './helpers.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
const f = await startChatFixture({METRICS_TOKEN: TOKEN});

async function scrape(): Promise<Map<string, number>> {
  const res = await fetch(`${f.url}/metrics`, {headers: {authorization: `Bearer ${TOKEN}`}});
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
  const values = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) values.set(m[1], Number(m[2]));
  }
  return values;
}

test('without the token, or with a wrong one, /metrics is refused; unset, it does not exist', async () => {
  assert.equal((await fetch(`${f.url}/metrics`)).status, 401);
  assert.equal((await fetch(`${f.url}/metrics`, {headers: {authorization: 'Bearer wrong-token-wrong-token'}})).status, 401);
  const plain = await startTestBackend();
  assert.equal((await fetch(`${plain.url}/metrics`)).status, 404);
});

test('the figures follow what happens', async () => {
  const before = await scrape();
  assert.equal(before.get('consult_messages_total'), 0);
  assert.ok((before.get('consult_db_roundtrip_seconds') ?? 0) > 0);
  assert.equal(before.get('consult_redis_roundtrip_seconds'), -1, 'no Redis configured');

  const session = await applicantSession(f);
  const socket = connect(f.url, session.token, FIRM_ORIGIN);
  const {conversation} = await ok<JoinResult>(call(socket, 'conversation:open', {}));
  for (let i = 0; i < 3; i++) await ok(call(socket, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: `m${i}`}));
  // Eleven logins for one account: the per-account limit refuses the last.
  for (let i = 0; i < 11; i++) await post(`${f.url}/api/v1/auth/login`, {email: 'nobody@firm.example', password: 'x'}, {origin: f.url});
  // A webhook delivery that cannot be sent yet is backlog.
  const {Types} = await import('mongoose');
  await f.backend.services.webhooks.deliveries.create({
    firmId: f.firmId, endpointId: new Types.ObjectId(), event: 'message.created', idempotencyKey: `msg_${randomUUID()}`,
    payload: {endpointId: String(new Types.ObjectId()), url: 'http://127.0.0.1:9/', body: '{}'}, nextAttemptAt: new Date(Date.now() + 3_600_000),
    createdAt: new Date(Date.now() - 90_000),
  });

  const after = await scrape();
  assert.equal(after.get('consult_messages_total'), 3);
  assert.equal(after.get('consult_sockets_connected'), 1);
  assert.equal(after.get('consult_rate_limit_refusals_total{limit="loginPerAccount"}'), 1);
  assert.equal(after.get('consult_outbox_pending{queue="webhook"}'), 1);
  assert.ok((after.get('consult_outbox_oldest_pending_seconds{queue="webhook"}') ?? 0) >= 89);
  assert.equal(after.get('consult_outbox_pending{queue="email"}'), 0);
  socket.disconnect();
});
