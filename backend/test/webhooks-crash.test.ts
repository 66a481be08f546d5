// Exactly-once from the receiver's side across a receiver outage and a SIGKILL of the backend:
// every message.created reaches the receiver, each verified with the `standardwebhooks`
// package, and deduplicating on webhook-id leaves each event once.
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {randomBytes, randomUUID} from 'node:crypto';
import {freePort} from '../db/embedded.js';
import {connectDatabase} from '../server.js';
import {createServices, prepareIndexes} from '../services/index.js';
import {createLogger} from '../logger.js';
import {testConfig, tempDir, testDatabaseUri, spawnBackend, waitFor} from './helpers.js';
import {applicantSession, createFirmWithLawyer, FIRM_ORIGIN, lawyerLogin, post} from './chat-fixture.js';
import {startWebhookReceiver} from './standins/webhook-receiver.js';

/** Restarts and outages are slow: twice the usual patience. */
const until = <T>(what: string, fn: () => T | Promise<T>, ms = 30_000) => waitFor(what, fn, ms);

test('every message.created is received once (by webhook-id) across a receiver outage and a backend SIGKILL', async () => {
  const port = await freePort();
  const uri = await testDatabaseUri();
  const env = {PORT: String(port), MONGODB_URI: uri, JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: tempDir(), LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_SCALE: '100', WEBHOOK_RETRY_MAX_SECONDS: '1'};
  const url = `http://127.0.0.1:${port}`;
  const config = await testConfig({MONGODB_URI: uri});
  const db = await connectDatabase(uri);
  after(() => db.dropDatabase().then(() => db.close()));
  const services = createServices({db, config, logger: createLogger(config)});
  await prepareIndexes(services);
  const firm = await createFirmWithLawyer({services});
  const Deliveries = services.webhooks.deliveries;

  let child = await spawnBackend(env);
  after(() => child.kill('SIGKILL'));
  const owner = await lawyerLogin({url, lawyerEmail: firm.lawyerEmail});
  const receiver = await startWebhookReceiver();
  const reg = await post<{secret: string}>(`${url}/api/v1/webhooks`, {url: `${receiver.url}/in`, events: ['message.created']}, {authorization: `Bearer ${owner.token}`, origin: url});
  receiver.secret = reg.body.secret;

  // The receiver is down while the messages are written.
  receiver.down = true;
  const session = await applicantSession({url, siteKey: firm.siteKey});
  const asApplicant = {authorization: `Bearer ${session.token}`, origin: FIRM_ORIGIN};
  const {body: conversation} = await post<{id: string}>(`${url}/api/v1/conversations`, {}, asApplicant);
  const TOTAL = 30;
  const sent: string[] = [];
  for (let n = 0; n < TOTAL; n++) {
    const res = await post<{id: string}>(`${url}/api/v1/conversations/${conversation.id}/messages`, {clientId: randomUUID(), body: `message ${n}`}, asApplicant);
    assert.equal(res.status, 201);
    sent.push(res.body.id);
  }
  await until('every delivery stored', async () => (await Deliveries.countDocuments()) === TOTAL);
  await until('attempts failing during the outage', async () => (await Deliveries.countDocuments({attempts: {$gte: 1}})) >= 5);

  // The receiver comes back; the backend is killed while deliveries are under way.
  receiver.down = false;
  await until('some deliveries through', () => receiver.events.length >= 3);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const beforeRestart = receiver.events.length;
  child = await spawnBackend(env);

  await until('every event received', () => receiver.events.length >= TOTAL, 60_000);
  // A delivery the killed process had sent but not yet recorded is sent again once its lease
  // (30 s) lapses, with the same webhook-id: wait for every delivery to be recorded as sent.
  await until('every delivery recorded as sent', async () => (await Deliveries.countDocuments({status: 'sent'})) === TOTAL, 60_000);
  await new Promise((r) => setTimeout(r, 1_000)); // nothing further may arrive
  assert.deepEqual(receiver.badSignatures, [], 'every signature verified');
  const received = receiver.events.map((e) => (e.data.message as {id: string}).id);
  assert.equal(receiver.events.length, TOTAL, 'each event once after deduplication');
  assert.deepEqual([...received].sort(), [...sent].sort(), 'exactly the messages written');
  assert.ok(beforeRestart < TOTAL, `the kill interrupted delivery (${beforeRestart} of ${TOTAL} before it)`);
  console.log(`# webhooks: ${TOTAL} events, ${receiver.deliveries} verified deliveries (${receiver.deliveries - TOTAL} duplicates deduplicated), ${beforeRestart} before the SIGKILL`);
  child.kill('SIGTERM');
});
