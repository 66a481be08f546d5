// Two backend processes sharing one database and one real redis-server: chat, typing, receipts
// and presence cross processes; SIGKILL of one moves its clients to the other with nothing lost
// and no presence flapping; locks and rate limits hold across Redis clients.
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {createClient} from 'redis';
import {freePort} from '../db/embedded.js';
import {connectDatabase} from '../server.js';
import {createServices, prepareDatabase, type Services} from '../services/index.js';
import {createRedisMutex} from '../infra/keyed-mutex.js';
import {createRedisRateLimiter} from '../infra/rate-limit.js';
import {createLogger} from '../logger.js';
import {ensureRedis} from '../../scripts/setup.js';
import type {PresenceDto, TypingEvent, ReceiptEvent, MessageDto} from '../../protocol/chat.js';
import {testConfig, tempDir, testDatabaseUri, spawnBackend} from './helpers.js';
import {applicantSession, call, connect, connected, FIRM_ORIGIN, lawyerLogin, createFirmWithLawyer, nextEvent, ok} from './chat-fixture.js';
import {ReliableClient} from './reliable-client.js';
import {assertNothingLost, startConversationLoad} from './load-harness.js';

const PRESENCE_TTL_MS = 3_000;
const silent = createLogger({LOG_LEVEL: 'silent'} as never);

async function startRedis(fixedPort?: number): Promise<{url: string; port: number; proc: ChildProcess}> {
  const bin = ensureRedis();
  if (!bin) throw new Error('redis-server was not found and could not be installed (need root for apt-get install redis-server); the multi-process test cannot run without it');
  const port = fixedPort ?? (await freePort());
  const proc = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {stdio: 'ignore'});
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = createClient({url, socket: {reconnectStrategy: false}});
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      await probe.quit();
      return {url, port, proc};
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${url}: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const until = async (what: string, cond: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

// Set up at the top level: cleanups registered here run after the whole file.
let redis = await startRedis();
after(() => redis.proc.kill('SIGKILL'));
const uri = await testDatabaseUri();
const db = await connectDatabase(uri);
after(() => db.dropDatabase().catch(() => {}).finally(() => db.close()));
const services: Services = createServices({db, config: await testConfig({MONGODB_URI: uri}), logger: silent});
await prepareDatabase(services);

test('two processes on one Redis: chat, typing, receipts and presence cross; SIGKILL of one loses nothing and does not flap', async () => {
  const firm = await createFirmWithLawyer({services});
  const [portA, portB] = [await freePort(), await freePort()];
  // Behind one load balancer every process has the same public origin (the console's).
  const publicUrl = 'https://chat.firm.example';
  const common = {PUBLIC_URL: publicUrl, MONGODB_URI: uri, REDIS_URL: redis.url, PRESENCE_TTL_MS: String(PRESENCE_TTL_MS), JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: tempDir(), LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_SCALE: '100'};
  const urlA = `http://127.0.0.1:${portA}`;
  const urlB = `http://127.0.0.1:${portB}`;
  const [a, b] = await Promise.all([spawnBackend({...common, PORT: String(portA)}), spawnBackend({...common, PORT: String(portB)})]);
  after(() => {
    a.kill('SIGKILL');
    b.kill('SIGKILL');
  });

  // Applicant on A; the lawyer on B (falls over to A); a second applicant only on B.
  const session = await applicantSession({url: urlA, siteKey: firm.siteKey});
  const applicant = new ReliableClient(urlA, session.token, FIRM_ORIGIN, 'applicant');
  const conversationId = await applicant.attach();
  const seenByApplicant: PresenceDto[] = [];
  applicant.socket.on('presence', (e) => seenByApplicant.push(e));

  const login = await lawyerLogin({url: urlB, lawyerEmail: firm.lawyerEmail});
  const lawyerKey = `l:${login.lawyer.id}`;
  const lawyer = new ReliableClient([urlB, urlA], login.token, publicUrl, 'lawyer');
  const seenByLawyer: PresenceDto[] = [];
  lawyer.socket.on('presence', (e) => seenByLawyer.push(e));
  await lawyer.attach(conversationId);
  await until('the applicant on A to see the lawyer on B come online', () => seenByApplicant.some((e) => e.key === lawyerKey && e.online));

  // A join on A reports the lawyer on B as online.
  const snapshot = await ok(call(applicant.socket, 'conversation:open', {}));
  assert.equal(snapshot.presence.find((e: PresenceDto) => e.key === lawyerKey)?.online, true, 'presence snapshot crosses processes');

  const other = await applicantSession({url: urlB, siteKey: firm.siteKey});
  const otherKey = `a:${other.applicant.id}`;
  const otherSocket = connect(urlB, other.token, FIRM_ORIGIN, {reconnection: false});
  await connected(otherSocket);
  await until('the lawyer to see the second applicant come online', () => seenByLawyer.some((e) => e.key === otherKey && e.online));

  // Messages both ways across processes.
  const toLawyer = nextEvent(lawyer.socket, 'message:new', (m: MessageDto) => m.body === 'hello from A');
  await applicant.send(conversationId, 'hello from A');
  assert.equal((await toLawyer).conversationId, conversationId);
  const toApplicant = nextEvent(applicant.socket, 'message:new', (m: MessageDto) => m.body === 'hello from B');
  await lawyer.send(conversationId, 'hello from B');
  await toApplicant;

  // Typing from B reaches A, and stops.
  const typingOn = nextEvent(applicant.socket, 'typing', (e: TypingEvent) => e.participant.key === lawyerKey && e.typing);
  lawyer.socket.emit('typing:start', {conversationId});
  await typingOn;
  const typingOff = nextEvent(applicant.socket, 'typing', (e: TypingEvent) => e.participant.key === lawyerKey && !e.typing);
  lawyer.socket.emit('typing:stop', {conversationId});
  await typingOff;

  // A read receipt on A reaches the lawyer on B.
  const lastSeq = applicant.view(conversationId).at(-1)!.seq;
  const receipt = nextEvent(lawyer.socket, 'receipt', (e: ReceiptEvent) => e.key === `a:${session.applicant.id}` && e.cursor.readSeq === lastSeq);
  await ok(call(applicant.socket, 'receipt:read', {conversationId, seq: lastSeq}));
  await receipt;

  // A storm from both sides; B is killed part-way through.
  const FROM_APPLICANT = 40;
  const FROM_LAWYER = 20;
  let acked = 0;
  const sends = [
    ...Array.from({length: FROM_APPLICANT}, (_, n) => applicant.send(conversationId, `applicant ${n}`).then(() => acked++)),
    ...Array.from({length: FROM_LAWYER}, (_, n) => lawyer.send(conversationId, `lawyer ${n}`).then(() => acked++)),
  ];
  await until('some messages to be acknowledged', () => acked >= 10);
  const killedAt = seenByApplicant.length;
  b.kill('SIGKILL');
  await Promise.all(sends);
  await until('the lawyer to reconnect to A', () => lawyer.socket.connected && (lawyer.socket.io as unknown as {uri: string}).uri === urlA);

  // The applicant who lived only on B goes offline once B's heartbeat expires.
  await until('the dead process\'s applicant to go offline', () => seenByLawyer.some((e) => e.key === otherKey && !e.online), PRESENCE_TTL_MS * 4);

  await applicant.settle();
  await lawyer.settle();
  const expected = ['hello from A', 'hello from B', ...Array.from({length: FROM_APPLICANT}, (_, n) => `applicant ${n}`), ...Array.from({length: FROM_LAWYER}, (_, n) => `lawyer ${n}`)].sort();
  for (const [who, client] of [['applicant', applicant], ['lawyer', lawyer]] as const) {
    const texts = client.view(conversationId).filter((m) => m.kind === 'text');
    assert.deepEqual(texts.map((m) => m.body).sort(), expected, `${who} sees every message once`);
    const seqs = client.view(conversationId).map((m) => m.seq);
    assert.deepEqual(seqs, Array.from({length: seqs.length}, (_, i) => i + 1), `${who}: gapless seqs`);
  }
  const stored = await services.models.Message.find({conversationId, kind: 'text'}).lean();
  assert.equal(stored.length, expected.length, 'each message stored exactly once');
  assert.deepEqual(stored.filter((m) => m.body.startsWith('applicant ')).map((m) => m.body), Array.from({length: FROM_APPLICANT}, (_, n) => `applicant ${n}`), 'applicant messages in send order');

  // The lawyer moved within the heartbeat TTL: the applicant never saw them go offline.
  await new Promise((r) => setTimeout(r, PRESENCE_TTL_MS + 1_000)); // past B's expiry and a sweep
  const lawyerEvents = seenByApplicant.filter((e) => e.key === lawyerKey);
  assert.equal(lawyerEvents.filter((e) => !e.online).length, 0, `no offline for the lawyer: ${JSON.stringify(lawyerEvents)}`);
  assert.equal(seenByApplicant.slice(killedAt).filter((e) => e.key === lawyerKey).length, 0, 'no presence change for the lawyer after the kill');
  const later = await ok(call(applicant.socket, 'conversation:open', {}));
  assert.equal(later.presence.find((e: PresenceDto) => e.key === lawyerKey)?.online, true, 'the lawyer is online through A');

  // Leaving for real is announced: the lawyer's last socket closes on A.
  const offline = nextEvent(applicant.socket, 'presence', (e: PresenceDto) => e.key === lawyerKey && !e.online);
  lawyer.close();
  await offline;
  applicant.close();
  a.kill('SIGTERM');
});

/** Separate Redis clients, standing for separate processes; closed after the file. */
function redisClients(n: number) {
  return Promise.all(Array.from({length: n}, async () => {
    const c = createClient({url: redis.url});
    c.on('error', () => {});
    await c.connect();
    after(() => c.quit());
    return c;
  }));
}

test('the Redis lock admits one holder at a time across processes: a read-then-write loses nothing', async () => {
  // Two database connections and two Redis clients stand for two processes.
  const clients = await redisClients(2);
  const dbs = await Promise.all([0, 1].map(async () => {
    const db = await connectDatabase(uri);
    after(() => db.close());
    return db;
  }));
  const firm = await services.models.Firm.create({name: 'Lock firm', siteKey: `k_${randomBytes(6).toString('hex')}`, identitySecret: 'x'});
  const PER = 15;
  let inside = 0;
  let overlap = 0;
  await Promise.all(clients.flatMap((client, i) => {
    const mutex = createRedisMutex({redis: client, logger: silent});
    const Firm = dbs[i].model('Firm', services.models.Firm.schema);
    return Array.from({length: PER}, () => mutex.run(`firm:${firm._id}`, async () => {
      if (++inside > 1) overlap++;
      // Read, then write what was read plus one: only the lock keeps this from losing updates.
      const cur = await Firm.findById(firm._id).lean<{visitorCounter: number}>();
      await Firm.updateOne({_id: firm._id}, {$set: {visitorCounter: cur!.visitorCounter + 1}});
      inside--;
    }));
  }));
  assert.equal(overlap, 0, 'never two holders at once');
  const stored = await services.models.Firm.findById(firm._id).lean();
  assert.equal(stored!.visitorCounter, 2 * PER, 'no increment lost');
});

test('a Redis rate limit is one budget across processes', async () => {
  const clients = await redisClients(2);
  const rule = {capacity: 5, refillPerSecond: 0.01};
  const [l1, l2] = clients.map((c) => createRedisRateLimiter(c, 'test', rule));
  const key = `ip:${randomBytes(4).toString('hex')}`;
  for (let i = 0; i < 3; i++) await l1.take(key, 'calls');
  await l2.take(key, 'calls');
  await l2.take(key, 'calls');
  await assert.rejects(l1.take(key, 'calls'), (err: {code?: string; extra?: {retryAfter?: number}}) => err.code === 'rate_limited' && (err.extra?.retryAfter ?? 0) >= 1);
  await assert.rejects(l2.take(key, 'calls'), {code: 'rate_limited'});
  await l1.take(`${key}:other`, 'calls'); // other keys keep their own budget
});

test('Redis restarted under load across two processes: nothing lost or doubled', async () => {
  const firm = await createFirmWithLawyer({services});
  const [portA, portB] = [await freePort(), await freePort()];
  const common = {MONGODB_URI: uri, REDIS_URL: redis.url, PRESENCE_TTL_MS: String(PRESENCE_TTL_MS), JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: tempDir(), LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_SCALE: '100'};
  const [a, b] = await Promise.all([spawnBackend({...common, PORT: String(portA)}), spawnBackend({...common, PORT: String(portB)})]);
  after(() => {
    a.kill('SIGKILL');
    b.kill('SIGKILL');
  });
  // Applicants on A, the lawyer on B: every delivery crosses Redis.
  const load = await startConversationLoad({url: `http://127.0.0.1:${portA}`, lawyerUrl: `http://127.0.0.1:${portB}`, ...firm}, {applicants: 3, perApplicant: 30, intervalMs: 80});
  const running = load.run();
  await new Promise((r) => setTimeout(r, 800));
  redis.proc.kill('SIGKILL');
  await new Promise((r) => redis.proc.once('exit', r));
  await new Promise((r) => setTimeout(r, 2_000));
  redis = await startRedis(redis.port);
  await running;
  const figures = await load.figures(services.models);
  assertNothingLost('Redis restart (2 processes)', figures);
  assert.equal(figures.delivered, figures.sent);
  load.close();
});
