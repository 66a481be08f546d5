// Malformed, oversized, wrongly typed and operator-shaped input at every REST body and socket
// event: each gets a clear 4xx or error ack, nothing stored changes, the server keeps serving,
// and client mistakes are never logged at error level.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash, randomUUID} from 'node:crypto';
import fc from 'fast-check';
import {CLIENT_EVENTS, type ClientToServerEvents} from '../../protocol/events.js';
import type {JoinResult} from '../../protocol/chat.js';
import {applicantSession, call, connect, connected, FIRM_ORIGIN, lawyerLogin, ok, startChatFixture} from './chat-fixture.js';
import {capturingLogger} from './log-capture.js';
import {exe, pdf} from './documents.js';

const capture = capturingLogger('debug');
const f = await startChatFixture({RATE_LIMIT_SCALE: '1000'}, {logger: capture.logger});
const lawyer = await lawyerLogin(f);
const applicant = await applicantSession(f);
const appSocket = connect(f.url, applicant.token, FIRM_ORIGIN);
const {conversation} = await ok<JoinResult>(call(appSocket, 'conversation:open', {}));
await ok(call(appSocket, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'the only message'}));

/** Values no field of ours accepts. */
const hostile = fc.oneof(
  fc.constantFrom<unknown>({$gt: ''}, {$ne: null}, {$where: 'sleep(1000)'}, {__proto__: {admin: true}}, JSON.parse('{"__proto__": {"polluted": 1}}'), {constructor: {prototype: {x: 1}}}, [], [1, 2], null, true, -1, 1e308, NaN, '', ' ', '\u0000', 'x'.repeat(20_000)),
  fc.object({maxDepth: 3}),
  fc.array(fc.anything({maxDepth: 2}), {maxLength: 5}),
  fc.boolean(),
  fc.double(),
);

async function snapshot(): Promise<string> {
  // Conversation summaries are written shortly after a message; let earlier ones land first.
  await f.backend.services.chat.flush();
  const {Message, Conversation, Applicant, Lawyer, Firm, ApiKey} = f.backend.services.models;
  const docs = await Promise.all([Message, Conversation, Applicant, Lawyer, Firm, ApiKey].map((m) => (m as typeof Message).find().sort({_id: 1}).lean()));
  // lastSeenAt moves whenever a test socket closes; it is presence, not data.
  return createHash('sha256').update(JSON.stringify(docs, (k, v) => (k === 'lastSeenAt' ? undefined : v))).digest('hex');
}

function withOneBadField(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    hostile,
    fc.tuple(fc.constantFrom(...keys), hostile).map(([k, v]) => ({...valid, [k]: v})),
    fc.tuple(fc.constantFrom('$set', '__proto__', 'extra', 'constructor'), hostile).map(([k, v]) => JSON.parse(JSON.stringify({...valid, [k]: v ?? 1}))),
  );
}

test('socket events: malformed payloads get error acks and change nothing', async () => {
  const before = await snapshot();
  const lawyerSocket = connect(f.url, lawyer.token, f.url);
  await connected(lawyerSocket);
  const valid: Record<Exclude<(typeof CLIENT_EVENTS)[number], `typing:${string}`>, Record<string, unknown>> = {
    'conversation:open': {topic: 'x'},
    'conversation:join': {conversationId: conversation.id},
    'conversation:leave': {conversationId: conversation.id},
    'conversation:claim': {conversationId: conversation.id},
    'conversation:assign': {conversationId: conversation.id, lawyerId: lawyer.lawyer.id},
    'conversation:close': {conversationId: conversation.id},
    'conversation:reopen': {conversationId: conversation.id},
    'message:send': {conversationId: conversation.id, clientId: randomUUID(), body: 'hi'},
    'message:sync': {conversationId: conversation.id, afterSeq: 0},
    'message:history': {conversationId: conversation.id, beforeSeq: 10},
    'message:delete': {conversationId: conversation.id, messageId: conversation.id},
    'receipt:read': {conversationId: conversation.id, seq: 1},
    'receipt:delivered': {conversationId: conversation.id, seq: 1},
    'consultation:providers': {},
    'consultation:schedule': {conversationId: conversation.id, start: '2020-01-01T09:00:00Z', durationMinutes: 30, provider: 'jitsi'},
    'consultation:reschedule': {consultationId: conversation.id, start: '2020-01-01T09:00:00Z'},
    'consultation:cancel': {consultationId: conversation.id},
    'booking:slots': {conversationId: conversation.id, durationMinutes: 30},
    'booking:book': {conversationId: conversation.id, start: '2020-01-01T09:00:00Z', durationMinutes: 30, provider: 'jitsi'},
    'booking:accept': {requestId: conversation.id},
    'booking:propose': {requestId: conversation.id, start: '2020-01-01T09:00:00Z'},
    'booking:decline': {requestId: conversation.id, reason: 'busy'},
    'booking:request-slots': {requestId: conversation.id},
    'contact:request-code': {email: 'a@b.example', name: 'A'},
    'contact:verify': {code: '123456'},
    'contact:ask': {conversationId: conversation.id},
    'conversation:rate': {conversationId: conversation.id, score: 5},
  };
  let calls = 0;
  for (const event of CLIENT_EVENTS) {
    if (event.startsWith('typing:')) {
      // Fire-and-forget: must not crash or answer.
      for (const bad of fc.sample(hostile, 20)) appSocket.emit(event, bad as never);
      continue;
    }
    const socket = event === 'conversation:open' || event.startsWith('booking:') || (event.startsWith('contact:') && event !== 'contact:ask') ? appSocket : lawyerSocket;
    const good = valid[event as keyof typeof valid];
    await fc.assert(fc.asyncProperty(Object.keys(good).length ? withOneBadField(good) : hostile.filter((h) => JSON.stringify(h) !== '{}'), async (payload) => {
      // A sample may by chance equal the valid payload for events that only read; skip those.
      if (JSON.stringify(payload) === JSON.stringify(good)) return;
      calls++;
      const ack = await call(socket, event as keyof ClientToServerEvents, payload as never);
      assert.equal(ack.ok, false, `${event} accepted ${JSON.stringify(payload)?.slice(0, 80)}`);
      assert.ok(!ack.ok && ['bad_request', 'not_found', 'forbidden', 'not_member'].includes(ack.error.code), `${event}: ${!ack.ok && ack.error.code}`);
    }), {numRuns: 25, seed: 7});
  }
  assert.ok(calls > 200, `${calls} hostile calls`);
  assert.equal(await snapshot(), before, 'no stored document changed');
  assert.equal((await ok(call(appSocket, 'message:sync', {conversationId: conversation.id, afterSeq: 0}))).messages.length, 1, 'still serving');
});

test('REST bodies: malformed input gets 4xx and changes nothing', async () => {
  const before = await snapshot();
  const auth = {authorization: `Bearer ${lawyer.token}`, origin: f.url};
  const routes: [string, string, Record<string, unknown>, Record<string, string>][] = [
    ['POST', '/api/v1/widget/session', {siteKey: f.siteKey}, {origin: FIRM_ORIGIN}],
    ['POST', '/api/v1/auth/login', {email: 'a@b.c', password: 'x'}, {}],
    ['POST', `/api/v1/conversations/${conversation.id}/messages`, {clientId: randomUUID(), body: 'hi'}, auth],
    ['POST', `/api/v1/conversations/${conversation.id}/read`, {seq: 1}, auth],
    ['POST', `/api/v1/conversations/${conversation.id}/assign`, {lawyerId: lawyer.lawyer.id}, auth],
    ['POST', '/api/v1/conversations', {topic: 'x'}, {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN}],
    ['POST', `/api/v1/conversations/${conversation.id}/bookings`, {start: '2020-01-01T09:00:00Z', durationMinutes: 30}, {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN}],
    ['POST', '/api/v1/contact/code', {email: 'a@b.example'}, {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN}],
    ['POST', '/api/v1/contact/verify', {code: '123456'}, {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN}],
    ['POST', '/api/v1/availability', {weekly: [], minNoticeMinutes: 0, bufferMinutes: 0, durations: [30], providers: ['jitsi']}, auth],
    ['POST', '/api/v1/booking/mode', {mode: 'off'}, auth],
    ['POST', '/api/v1/booking-links/x/move', {start: '2030-01-01T09:00:00Z'}, {origin: FIRM_ORIGIN}],
    ['POST', `/api/v1/booking-requests/${conversation.id}/propose`, {start: '2020-01-01T09:00:00Z'}, auth],
    ['POST', `/api/v1/booking-requests/${conversation.id}/decline`, {reason: 'busy'}, auth],
    ['POST', `/api/v1/conversations/${conversation.id}/rating`, {score: 5}, {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN}],
    ['POST', '/api/v1/settings', {accent: '#123456'}, auth],
    ['POST', '/api/v1/settings/logo', {data: 'aGVsbG8gd29ybGQ='}, auth],
    ['POST', '/api/v1/team/invite', {email: 'fuzz@firm.example', name: 'Fuzz'}, auth],
    ['POST', `/api/v1/team/${lawyer.lawyer.id}/avatar`, {data: 'aGVsbG8gd29ybGQ='}, auth],
    ['POST', '/api/v1/auth/invite', {token: 'x'.repeat(40), password: 'a long enough password'}, {origin: f.url}],
    ['POST', '/api/v1/api-keys', {name: 'key', scope: 'read'}, auth],
    ['POST', '/api/v1/webhooks', {url: 'https://hooks.example/in', events: ['message.created']}, auth],
  ];
  // Bodies that look right but break a rule: refused, nothing stored.
  for (const bad of [{allowedOrigins: ['javascript:alert(1)']}, {hours: {enabled: true, week: [{day: 9, open: '25:00', close: '08:00'}], closedDates: []}}, {retentionDays: -1}, {prechat: {enabled: true, fields: {name: 'maybe'}}}]) {
    const res = await fetch(`${f.url}/api/v1/settings`, {method: 'POST', headers: {'content-type': 'application/json', ...auth}, body: JSON.stringify(bad)});
    assert.equal(res.status, 400, JSON.stringify(bad));
  }
  const lawyerUpdate = `/api/v1/team/${lawyer.lawyer.id}`;
  await fc.assert(fc.asyncProperty(withOneBadField({timeZone: 'Europe/Paris'}), async (payload) => {
    const res = await fetch(`${f.url}${lawyerUpdate}`, {method: 'POST', headers: {'content-type': 'application/json', ...auth}, body: JSON.stringify(payload)});
    assert.ok(res.status >= 400 && res.status < 500, `${lawyerUpdate} answered ${res.status} to ${JSON.stringify(payload)?.slice(0, 80)}`);
  }), {numRuns: 30, seed: 13});
  for (const [method, path, valid, headers] of routes) {
    await fc.assert(fc.asyncProperty(withOneBadField(valid), async (payload) => {
      if (JSON.stringify(payload) === JSON.stringify(valid)) return;
      const res = await fetch(`${f.url}${path}`, {method, headers: {'content-type': 'application/json', ...headers}, body: JSON.stringify(payload)});
      assert.ok(res.status >= 400 && res.status < 500, `${path} answered ${res.status} to ${JSON.stringify(payload)?.slice(0, 80)}`);
      assert.ok((await res.json()).error.code);
    }), {numRuns: 30, seed: 11});
  }
  // Bodies that are not JSON at all.
  for (const raw of ['{', 'null', '"str"', '[]', '\u0000', '{"a":1}{"b":2}']) {
    const res = await fetch(`${f.url}/api/v1/conversations/${conversation.id}/messages`, {method: 'POST', headers: {'content-type': 'application/json', ...auth}, body: raw});
    assert.ok(res.status === 400, `raw ${JSON.stringify(raw)} → ${res.status}`);
  }
  // Query strings with operators.
  const q = await fetch(`${f.url}/api/v1/conversations?status[$ne]=x&limit[$gt]=1`, {headers: auth});
  assert.equal(q.status, 400);
  // Search: operators, empty or oversized queries, forged cursors and limits are refused.
  for (const qs of ['q[$ne]=x', 'q=', 'q=%20%20', 'q=a', `q=${'x'.repeat(201)}`, 'q=visa&before=abc', 'q=visa&before[$gt]=1', 'q=visa&limit=0', 'q=visa&limit=abc', 'q=visa&limit=51', 'q=visa&extra=1', 'q=%00%01']) {
    const res = await fetch(`${f.url}/api/v1/search?${qs}`, {headers: auth});
    assert.equal(res.status, 400, `search ?${qs} → ${res.status}`);
    assert.ok((await res.json()).error.code);
  }
  // A transcript email to an applicant without a verified email: refused, nothing queued.
  const te = await fetch(`${f.url}/api/v1/conversations/${conversation.id}/transcript/email`, {method: 'POST', headers: {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN}});
  assert.equal(te.status, 409);
  // "Ask for email" about a conversation that is not one, or as the applicant: refused, no card.
  for (const [id, headers, status] of [['not-an-id', auth, 400], ['0123456789abcdef01234567', auth, 404], [conversation.id, {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN}, 403]] as const) {
    const res = await fetch(`${f.url}/api/v1/conversations/${id}/email-request`, {method: 'POST', headers});
    assert.equal(res.status, status, `email-request ${id}`);
  }
  assert.equal(await snapshot(), before, 'no stored document changed');
  assert.equal((await fetch(`${f.url}/healthz`)).status, 200);
});

test('uploads: wrong types, broken multipart, hostile names and part floods get clear 4xx and leave no chunk', async () => {
  const before = await snapshot();
  const chunks = () => f.backend.db.db!.collection('attachments.chunks').countDocuments();
  const chunksBefore = await chunks();
  const url = `${f.url}/api/v1/conversations/${conversation.id}/attachments`;
  const auth = {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN};
  const B = 'fuzzboundary';
  const part = (name: string, value: string, filename?: string) =>
    `--${B}\r\nContent-Disposition: form-data; name="${name}"${filename !== undefined ? `; filename="${filename}"\r\nContent-Type: application/pdf` : ''}\r\n\r\n${value}\r\n`;
  const raw = (body: string | Uint8Array<ArrayBuffer>, type = `multipart/form-data; boundary=${B}`) => fetch(url, {method: 'POST', headers: {...auth, 'content-type': type}, body});
  const pdfText = pdf().toString('latin1');
  const cases: [string, () => Promise<Response>, number, string?][] = [
    ['JSON body', () => fetch(url, {method: 'POST', headers: {...auth, 'content-type': 'application/json'}, body: '{"file":"x"}'}), 400, 'malformed'],
    ['text body', () => raw('hello', 'text/plain'), 400, 'malformed'],
    ['no boundary', () => raw('hello', 'multipart/form-data'), 400],
    ['truncated multipart', () => raw(part('clientId', randomUUID()) + `--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n${pdfText.slice(0, 200)}`), 400, 'malformed'],
    ['0-byte file', () => raw(part('clientId', randomUUID()) + part('file', '', 'empty.pdf') + `--${B}--\r\n`), 400, 'empty'],
    ['no file', () => raw(part('clientId', randomUUID()) + `--${B}--\r\n`), 400, 'no_file'],
    ['10,000 tiny parts', () => raw(Array.from({length: 10_000}, (_, i) => part(`f${i}`, 'x')).join('') + `--${B}--\r\n`), 400, 'malformed'],
    ['two files', () => raw(part('clientId', randomUUID()) + part('file', pdfText, 'a.pdf') + part('file', pdfText, 'b.pdf') + `--${B}--\r\n`), 400, 'malformed'],
    ['field after the file', () => raw(part('clientId', randomUUID()) + part('file', pdfText, 'a.pdf') + part('caption', 'late') + `--${B}--\r\n`), 400, 'malformed'],
    ['unknown field', () => raw(part('clientId', randomUUID()) + part('$where', 'sleep(1)') + part('file', pdfText, 'a.pdf') + `--${B}--\r\n`), 400],
    ['bad clientId', () => raw(part('clientId', '{"$gt":""}') + part('file', pdfText, 'a.pdf') + `--${B}--\r\n`), 400],
    ['wrong file field', () => raw(part('clientId', randomUUID()) + part('upload', pdfText, 'a.pdf') + `--${B}--\r\n`), 400],
    ['PDF named x.pdf.exe', () => raw(part('clientId', randomUUID()) + part('file', pdfText, 'x.pdf.exe') + `--${B}--\r\n`), 415, 'type_mismatch'],
    ['program named .pdf', () => raw(Buffer.concat([Buffer.from(part('clientId', randomUUID()) + `--${B}\r\nContent-Disposition: form-data; name="file"; filename="passport.pdf"\r\n\r\n`), exe(), Buffer.from(`\r\n--${B}--\r\n`)]) as Uint8Array<ArrayBuffer>), 415, 'executable'],
  ];
  for (const [what, send, status, reason] of cases) {
    const res = await send();
    const body = await res.json();
    assert.equal(res.status, status, `${what}: ${JSON.stringify(body)}`);
    assert.ok(body.error?.code && body.error.message, what);
    if (reason) assert.equal(body.error.reason, reason, what);
  }
  assert.equal(await chunks(), chunksBefore, 'no chunk left by any refusal');
  assert.equal(await snapshot(), before, 'no stored document changed');

  // Hostile names are cleaned, not trusted: no folders, a bounded length, the detected extension.
  for (const [name, expected] of [['../../../etc/passwd', /^passwd\.pdf$/], ['..\\..\\windows\\win.ini.pdf', /^win\.ini\.pdf$/], ['a'.repeat(5_000) + '.pdf', /^a{176}\.pdf$/]] as const) {
    const res = await raw(part('clientId', randomUUID()) + part('file', pdfText, name) + `--${B}--\r\n`);
    const body = await res.json();
    assert.equal(res.status, 201, `${name.slice(0, 30)}: ${JSON.stringify(body).slice(0, 200)}`);
    assert.match(body.attachment.name, expected);
  }
  assert.equal((await fetch(`${f.url}/healthz`)).status, 200);
});

test('client mistakes are never logged at error level', () => {
  const errors = capture.lines.filter((l) => (l.level as number) >= 50);
  assert.deepEqual(errors.map((e) => e.msg), []);
  assert.ok(capture.lines.length > 0, 'the logger was wired and saw the refusals');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
});
