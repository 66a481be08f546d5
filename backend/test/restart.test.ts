// The backend process killed mid-conversation and started again loses nothing acknowledged.
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {freePort} from '../db/embedded.js';
import {connectDatabase} from '../server.js';
import {createServices, prepareDatabase} from '../services/index.js';
import {createLogger} from '../logger.js';
import {testConfig, tempDir, testDatabaseUri, spawnBackend} from './helpers.js';
import {applicantSession, FIRM_ORIGIN, lawyerLogin, createFirmWithLawyer} from './chat-fixture.js';
import {ReliableClient} from './reliable-client.js';

test('SIGKILL of the backend mid-conversation loses no acknowledged message', async () => {
  const port = await freePort();
  const uri = await testDatabaseUri();
  const env = {PORT: String(port), MONGODB_URI: uri, JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: tempDir(), LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_SCALE: '100'};
  const url = `http://127.0.0.1:${port}`;

  // Seed the firm straight into the database the backend process uses.
  const config = await testConfig({MONGODB_URI: uri});
  const db = await connectDatabase(uri);
  after(() => db.dropDatabase().then(() => db.close()));
  const services = createServices({db, config, logger: createLogger(config)});
  await prepareDatabase(services);
  const firm = await createFirmWithLawyer({services});

  let child = await spawnBackend(env);
  after(() => child.kill('SIGKILL'));
  const session = await applicantSession({url, siteKey: firm.siteKey});
  const applicant = new ReliableClient(url, session.token, FIRM_ORIGIN, 'applicant');
  const conversationId = await applicant.attach();

  const TOTAL = 60;
  const acked: string[] = [];
  const sends = Array.from({length: TOTAL}, (_, n) => applicant.send(conversationId, `message ${n}`).then((m) => {
    acked.push(m.id);
    return m;
  }));
  while (acked.length < 20) await new Promise((r) => setTimeout(r, 10));
  const ackedBeforeKill = [...acked];
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  await new Promise((r) => setTimeout(r, 300));
  child = await spawnBackend(env);

  const all = await Promise.all(sends);
  assert.deepEqual(all.map((m) => m.body), Array.from({length: TOTAL}, (_, n) => `message ${n}`));
  const stored = await services.models.Message.find({conversationId}).sort({seq: 1}).lean();
  assert.equal(stored.length, TOTAL, 'each message stored exactly once');
  for (const id of ackedBeforeKill) assert.ok(stored.some((m) => String(m._id) === id), `acknowledged ${id} survived`);
  assert.deepEqual(stored.map((m) => m.body), all.map((m) => m.body), 'stored in send order');

  // The lawyer, connecting after the restart, sees the whole conversation.
  const lawyer = new ReliableClient(url, (await lawyerLogin({url, lawyerEmail: firm.lawyerEmail})).token, url, 'lawyer');
  await lawyer.attach(conversationId);
  assert.equal(lawyer.view(conversationId).length, TOTAL);
  applicant.close();
  lawyer.close();
  child.kill('SIGTERM');
});
