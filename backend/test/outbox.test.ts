import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import Koa from 'koa';
import {outboxClaimModel, outboxModel} from '../models/outbox.js';
import {devMailRouter} from '../http/dev-mailbox.js';
import {createMailer, devMailbox, enqueueEmail, OutboxWorker, resendSender, retryFailedEmail} from '../mail/index.js';
import {projectRoot} from '../paths.js';
import {FAST_WORKER, testDb, testDbWithUri, until} from './consult-helpers.js';
import {startResendStandin} from './standins/resend.js';

const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR';
const mail = (n: number | string) => ({
  to: `person${n}@client.example`,
  subject: `Hello ${n}`,
  html: `<p>Hello ${n}</p>`,
  text: `Hello ${n}`,
  attachments: [{filename: 'invite.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: ICS}],
});
const enqueue = (db: Parameters<typeof enqueueEmail>[0], n: number | string) =>
  enqueueEmail(db, mail(n), {kind: 'test', defaultFrom: 'Consult Chat <consult@firm.example>', capture: false});

test('500s and a 429 with Retry-After are retried with the same key; each email arrives once', async () => {
  const db = await testDb();
  const resend = await startResendStandin();
  const {job: a} = await enqueue(db, 'a');
  const {job: b} = await enqueue(db, 'b');
  resend.fail(2, {status: 500, name: 'internal_server_error', message: 'boom'});
  resend.fail(1, {status: 429, name: 'rate_limit_exceeded', message: 'Too many requests', retryAfter: 1});
  const worker = new OutboxWorker({db, sender: resendSender({apiKey: resend.apiKey, baseUrl: resend.url}), ...FAST_WORKER});
  worker.start();
  try {
    await until(async () => (await outboxModel(db).countDocuments({status: 'sent'})) === 2, 10_000, 'both emails sent');
  } finally {
    await worker.stop();
  }
  assert.equal(resend.emails.length, 2, 'each email accepted once');
  assert.equal(resend.requests.length, 5, '3 failed attempts + 2 successes');
  assert.deepEqual(new Set(resend.requests.map((r) => r.idempotencyKey)), new Set([a.idempotencyKey, b.idempotencyKey]), 'every attempt carried its job key');
  assert.equal(a.idempotencyKey, `mail-${a._id}`);
  for (const job of [a, b]) {
    const saved = (await outboxModel(db).findById(job._id).lean())!;
    const attempts = resend.requests.filter((r) => r.idempotencyKey === job.idempotencyKey);
    assert.equal(saved.attempts, attempts.length, 'attempts recorded');
    assert.equal(saved.status, 'sent');
    assert.equal(saved.providerMessageId, resend.emails.find((e) => e.idempotencyKey === job.idempotencyKey)!.id);
    assert.ok(saved.sentAt instanceof Date);
  }
  const limited = resend.requests.findIndex((r) => r.status === 429);
  const retry = resend.requests.slice(limited + 1).find((r) => r.idempotencyKey === resend.requests[limited].idempotencyKey)!;
  assert.ok(retry.at - resend.requests[limited].at >= 950, `Retry-After honoured (${retry.at - resend.requests[limited].at} ms)`);
  const sent = resend.emails[0].body as {attachments: {content_type: string; content: string}[]; from: string};
  assert.equal(sent.attachments[0].content_type, 'text/calendar; charset=utf-8; method=REQUEST');
  assert.equal(Buffer.from(sent.attachments[0].content, 'base64').toString(), ICS);
  assert.equal(sent.from, 'Consult Chat <consult@firm.example>');
});

test('a validation error fails the job at once, with the reason; retrying it later sends it', async () => {
  const db = await testDb();
  const resend = await startResendStandin();
  const {job} = await enqueue(db, 'x');
  resend.fail(1, {status: 422, name: 'validation_error', message: 'Invalid `to` field.'});
  const worker = new OutboxWorker({db, sender: resendSender({apiKey: resend.apiKey, baseUrl: resend.url}), ...FAST_WORKER});
  assert.equal(await worker.drain(), 1);
  const failed = (await outboxModel(db).findById(job._id).lean())!;
  assert.equal(failed.status, 'failed');
  assert.equal(failed.attempts, 1);
  assert.match(failed.lastError!, /HTTP 422: validation_error: Invalid `to` field/);
  assert.equal(await worker.drain(), 0, 'a failed job is not retried by itself');

  await retryFailedEmail(db, String(job._id));
  assert.equal(await worker.drain(), 1);
  assert.equal((await outboxModel(db).findById(job._id).lean())!.status, 'sent');
  assert.equal(resend.emails.length, 1);
});

test('a wrong API key and a dead provider are reported, never hidden', async () => {
  const db = await testDb();
  const resend = await startResendStandin();
  const {job} = await enqueue(db, 'k');
  const wrongKey = new OutboxWorker({db, sender: resendSender({apiKey: 're_wrong', baseUrl: resend.url}), ...FAST_WORKER});
  await wrongKey.drain();
  const saved = (await outboxModel(db).findById(job._id).lean())!;
  assert.equal(saved.status, 'failed');
  assert.match(saved.lastError!, /HTTP 403: invalid_api_key/);
  assert.doesNotMatch(saved.lastError!, /re_wrong/, 'the key is not echoed');

  const {job: down} = await enqueue(db, 'd');
  await resend.close();
  const gone = new OutboxWorker({db, sender: resendSender({apiKey: resend.apiKey, baseUrl: resend.url}), ...FAST_WORKER, maxAttempts: 3, backoffBaseMs: 1, backoffMaxMs: 1});
  for (let i = 0; i < 3; i++) {
    await until(async () => (await outboxModel(db).findById(down._id).lean())!.nextAttemptAt <= new Date(), 2_000, 'due again');
    await gone.drain();
  }
  const dead = (await outboxModel(db).findById(down._id).lean())!;
  assert.equal(dead.status, 'failed');
  assert.equal(dead.attempts, 3);
  assert.match(dead.lastError!, /no answer: .*gave up after 3 attempts/);
});

test('a worker killed mid-send loses nothing: the next worker re-sends with the same key and it is delivered once', async () => {
  const {db, uri} = await testDbWithUri();
  const resend = await startResendStandin();
  const {job} = await enqueue(db, 'crash');
  const hold = resend.holdNext();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'backend/test/fixtures/outbox-worker-child.ts')], {
    cwd: projectRoot,
    env: {...process.env, CHILD_DB_URI: uri, CHILD_RESEND_URL: resend.url, CHILD_RESEND_KEY: resend.apiKey, CHILD_LEASE_MS: '1500'},
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await Promise.race([hold.arrived, exited.then(() => assert.fail(`child exited early: ${stderr}`))]);
  // The provider has accepted the email; its answer never reaches the worker.
  child.kill('SIGKILL');
  await exited;
  hold.release();

  const claimed = (await outboxModel(db).findById(job._id).lean())!;
  assert.equal(claimed.status, 'pending', 'the dead worker never recorded an outcome');
  assert.match(claimed.lockedBy!, /^child-/);
  assert.ok(claimed.lockedUntil > new Date(), 'still leased to the dead worker');

  const survivor = new OutboxWorker({db, sender: resendSender({apiKey: resend.apiKey, baseUrl: resend.url}), ...FAST_WORKER});
  assert.equal(await survivor.drain(), 0, 'nobody else sends while the lease holds');
  survivor.start();
  try {
    await until(async () => (await outboxModel(db).findById(job._id).lean())!.status === 'sent', 10_000, 'the job re-sent after the lease expired');
  } finally {
    await survivor.stop();
  }
  assert.equal(resend.emails.length, 1, 'delivered exactly once');
  const tries = resend.requests.filter((r) => r.idempotencyKey === job.idempotencyKey);
  assert.equal(tries.length, 2, 'the dead attempt and the re-send');
  const done = (await outboxModel(db).findById(job._id).lean())!;
  assert.equal(done.attempts, 2);
  assert.equal(done.providerMessageId, resend.emails[0].id, 'the provider answered the re-send with the first id');
});

test('a worker that died between claiming an attempt and leasing the job does not strand it', async () => {
  const db = await testDb();
  const resend = await startResendStandin();
  const {job} = await enqueue(db, 'stranded');
  // What the dead worker left: attempt 1 claimed a while ago, the job never leased.
  await outboxClaimModel(db).create({_id: `${job._id}:1`, jobId: job._id, worker: 'dead', at: new Date(Date.now() - 60_000)});
  const worker = new OutboxWorker({db, sender: resendSender({apiKey: resend.apiKey, baseUrl: resend.url}), ...FAST_WORKER});
  worker.start();
  try {
    await until(async () => (await outboxModel(db).findById(job._id).lean())!.status === 'sent', 10_000, 'the stranded job sent');
  } finally {
    await worker.stop();
  }
  assert.equal(resend.emails.length, 1, 'delivered once');
  assert.equal((await outboxModel(db).findById(job._id).lean())!.attempts, 2, 'attempt 1 skipped as abandoned');

  // A claim younger than a lease is a worker between its two writes: it is left alone.
  const {job: busy} = await enqueue(db, 'being-claimed');
  await outboxClaimModel(db).create({_id: `${busy._id}:1`, jobId: busy._id, worker: 'alive', at: new Date()});
  const other = new OutboxWorker({db, sender: resendSender({apiKey: resend.apiKey, baseUrl: resend.url}), ...FAST_WORKER});
  assert.equal(await other.drain(), 0, 'nothing taken from a live claimer');
  assert.equal((await outboxModel(db).findById(busy._id).lean())!.attempts, 0);
});

test('two workers draining the same outbox never send a job twice', async () => {
  const db = await testDb();
  const resend = await startResendStandin({latencyMs: 15});
  const jobs = await Promise.all(Array.from({length: 24}, (_, i) => enqueue(db, i)));
  const make = (workerId: string) => new OutboxWorker({db, sender: resendSender({apiKey: resend.apiKey, baseUrl: resend.url}), ...FAST_WORKER, workerId, concurrency: 4});
  const w1 = make('one');
  const w2 = make('two');
  const [n1, n2] = await Promise.all([w1.drain(), w2.drain()]);
  assert.equal(n1 + n2, 24);
  assert.ok(n1 > 0 && n2 > 0, `both workers took part (${n1}/${n2})`);
  assert.equal(resend.requests.length, 24, 'one request per job: no double claim');
  assert.equal(resend.emails.length, 24);
  assert.equal(new Set(resend.requests.map((r) => r.idempotencyKey)).size, 24);
  assert.equal(await outboxModel(db).countDocuments({status: 'sent', _id: {$in: jobs.map((j) => j.job._id)}}), 24);
});

test('enqueueing twice with one key keeps one job; bad emails are refused clearly', async () => {
  const db = await testDb();
  const opts = {kind: 'test', defaultFrom: 'consult@firm.example', capture: false, idempotencyKey: 'consult-x-0-lawyer'};
  const first = await enqueueEmail(db, mail(1), opts);
  const second = await enqueueEmail(db, {...mail(1), subject: 'changed'}, opts);
  assert.equal(first.created, true);
  assert.equal(second.created, false);
  assert.equal(String(second.job._id), String(first.job._id));
  assert.equal(second.job.payload.subject, 'Hello 1', 'built once: the stored email is kept');
  await assert.rejects(enqueueEmail(db, {...mail(2), to: 'not-an-address'}, opts), (e: {code?: string; message?: string}) => e.code === 'bad_request' && /to/.test(e.message!));
  await assert.rejects(enqueueEmail(db, {...mail(2), subject: 'two\nlines'}, opts), (e: {code?: string; message?: string}) => e.code === 'bad_request' && /one line/.test(e.message!));
});

test('without RESEND_API_KEY emails are captured and listed on /dev/mail, escaped, with their .ics', async () => {
  const db = await testDb();
  const mailer = createMailer({db, config: {MAIL_FROM: 'Consult Chat <consult@firm.example>', RESEND_API_KEY: undefined, RESEND_BASE_URL: undefined}});
  assert.equal(mailer.capturing, true);
  const {job: older} = await mailer.enqueue(mail('old'), {kind: 'test'});
  const {job} = await mailer.enqueue({...mail('new'), subject: '<script>alert(1)</script> & more'}, {kind: 'test'});
  assert.equal(job.status, 'captured');

  const app = new Koa();
  app.use(devMailRouter(devMailbox(db)).routes());
  const server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const base = `http://127.0.0.1:${(server.address() as {port: number}).port}`;
    const page = await fetch(`${base}/dev/mail`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await page.text();
    assert.ok(!html.includes('<script>alert(1)</script>'), 'subject escaped');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more'));
    assert.ok(html.indexOf('Hello new') < html.indexOf('Hello old') || html.indexOf('&lt;script') < html.indexOf('Hello old'), 'newest first');
    assert.match(html, /captured/);
    assert.ok(html.includes(`/dev/mail/${job._id}/0`));
    assert.ok(html.includes(`/dev/mail/${older._id}/0`));

    const file = await fetch(`${base}/dev/mail/${job._id}/0`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'text/calendar; charset=utf-8; method=REQUEST');
    assert.match(file.headers.get('content-disposition') ?? '', /attachment; filename="invite.ics"/);
    assert.equal(await file.text(), ICS);
    assert.equal((await fetch(`${base}/dev/mail/${job._id}/1`)).status, 404);
    assert.equal((await fetch(`${base}/dev/mail/nope/0`)).status, 404);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
