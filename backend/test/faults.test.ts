// Faults under a steady conversation load: the database stopped and restarted, the backend
// killed with SIGKILL and restarted, the email provider unreachable for a minute. Each run
// prints sent / acknowledged / delivered / lost / duplicated; lost and duplicated must be 0.
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {freePort, startEmbeddedDatabase} from '../db/embedded.js';
import {connectDatabase, startBackend} from '../server.js';
import {createServices} from '../services/index.js';
import {ensureIndexes} from '../models/index.js';
import {createLogger} from '../logger.js';
import {testConfig, tempDir, testDatabaseUri, spawnBackend} from './helpers.js';
import {call, connect, createFirmWithLawyer, lawyerLogin, ok, startChatFixture} from './chat-fixture.js';
import {assertNothingLost, startConversationLoad} from './load-harness.js';
import {startResendStandin} from './standins/resend.js';
import type {JoinResult} from '../../protocol/chat.js';

const RESEND_DOWN_MS = Number(process.env.FAULT_RESEND_DOWN_SECONDS ?? 60) * 1000;

test('database stopped and restarted mid-load: sends wait in the outbox, nothing lost or doubled', async () => {
  const dataDir = path.join(tempDir(), 'db');
  let db = await startEmbeddedDatabase({dataDir});
  const backend = await startBackend(await testConfig({MONGODB_URI: `${db.uri}/faults`, RATE_LIMIT_SCALE: '100'}));
  after(async () => {
    await backend.stop();
    await db.stop();
  });
  const firm = await createFirmWithLawyer(backend);
  const load = await startConversationLoad({url: backend.url, ...firm}, {applicants: 3, perApplicant: 40, intervalMs: 60});
  const running = load.run();
  await new Promise((r) => setTimeout(r, 800));
  await db.stop();
  const down = await fetch(`${backend.url}/readyz`);
  assert.equal(down.status, 503);
  await new Promise((r) => setTimeout(r, 3_000));
  db = await startEmbeddedDatabase({dataDir, port: db.port});
  await running;
  const figures = await load.figures(backend.services.models);
  assertNothingLost('database restart', figures);
  assert.equal(figures.acknowledged, figures.sent);
  assert.equal(figures.delivered, figures.sent);
  load.close();
});

test('backend killed with SIGKILL mid-load and restarted: nothing lost or doubled', async () => {
  const port = await freePort();
  const uri = await testDatabaseUri();
  const env = {...process.env, PORT: String(port), MONGODB_URI: uri, JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: tempDir(), LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_SCALE: '100'};
  const start = () => spawnBackend(env);
  const config = await testConfig({MONGODB_URI: uri});
  const conn = await connectDatabase(uri);
  const services = createServices({db: conn, config, logger: createLogger(config)});
  await ensureIndexes(services.models);
  after(() => conn.dropDatabase().then(() => conn.close()));
  const firm = await createFirmWithLawyer({services});
  let child = await start();
  after(() => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  const load = await startConversationLoad({url, ...firm}, {applicants: 3, perApplicant: 40, intervalMs: 60});
  const running = load.run();
  await new Promise((r) => setTimeout(r, 1_000));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  await new Promise((r) => setTimeout(r, 500));
  child = await start();
  await running;
  const figures = await load.figures(services.models);
  assertNothingLost('backend SIGKILL', figures);
  assert.equal(figures.delivered, figures.sent);
  load.close();
  child.kill('SIGTERM');
});

test(`email provider unreachable for ${RESEND_DOWN_MS / 1000} s: every invite arrives once when it is back`, async () => {
  const resend = await startResendStandin({apiKey: 're_fault_key'});
  const f = await startChatFixture({RESEND_API_KEY: 're_fault_key', RESEND_BASE_URL: resend.url, MAIL_RETRY_MAX_SECONDS: '3', RATE_LIMIT_SCALE: '100'});
  const load = await startConversationLoad(f, {applicants: 2, perApplicant: 30, intervalMs: Math.max(60, RESEND_DOWN_MS / 40)});
  const lawyer = connect(f.url, (await lawyerLogin(f)).token, f.url);
  resend.setDown(true);
  const running = load.run();
  for (const [i, a] of load.applicants.entries()) {
    const {conversation} = await ok<JoinResult>(call(a.client.socket, 'conversation:open', {}));
    // Give each applicant a confirmed email (invitations go only to confirmed ones), so both people of each consultation get an invite.
    await f.backend.services.models.Applicant.updateOne({_id: conversation.applicant.id}, {$set: {email: `applicant${i}@example.com`, emailVerified: true}});
    await ok(call(lawyer, 'consultation:schedule', {conversationId: conversation.id, start: new Date(Date.now() + (i + 2) * 86_400_000).toISOString(), durationMinutes: 30, provider: 'jitsi'}));
  }
  await new Promise((r) => setTimeout(r, RESEND_DOWN_MS));
  const failedAttempts = resend.requests.filter((r) => r.status === 0).length;
  assert.ok(failedAttempts >= 4, `sends were attempted while down (${failedAttempts})`);
  resend.setDown(false);
  const deadline = Date.now() + 30_000;
  while (resend.emails.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await running;
  await new Promise((r) => setTimeout(r, 1_000));
  const keys = resend.emails.map((e) => e.idempotencyKey);
  assert.equal(resend.emails.length, 4, 'one invite per person per consultation');
  assert.equal(new Set(keys).size, 4, 'each delivered once');
  for (const key of keys) {
    const attempts = resend.requests.filter((r) => r.idempotencyKey === key);
    assert.ok(attempts.length >= 2, 'retried with the same key');
  }
  const figures = await load.figures(f.backend.services.models);
  assertNothingLost('email provider down', figures, `; emails: queued 4, attempts ${resend.requests.length}, delivered ${resend.emails.length}, duplicated 0`);
  load.close();
});
