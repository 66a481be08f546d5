// Webhooks end to end: real backend, a loopback receiver verifying each signature with the
// `standardwebhooks` package, the events a firm subscribes to and nothing else.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {Webhook} from 'standardwebhooks';
import mongoose from 'mongoose';
import {applicantSession, createFirmWithLawyer, FIRM_ORIGIN, lawyerLogin, post, startChatFixture} from './chat-fixture.js';
import {startWebhookReceiver, type WebhookReceiver} from './standins/webhook-receiver.js';
import {startTestBackend, waitFor as until} from './helpers.js';
import {isPrivateAddress, publicOnlyLookup} from '../integrations/ssrf.js';
import {sign} from '../integrations/webhook-signature.js';
import {pdf, sha256} from './documents.js';

const f = await startChatFixture({WEBHOOK_RETRY_MAX_SECONDS: '1'});
const owner = await lawyerLogin(f);
const asOwner = {authorization: `Bearer ${owner.token}`, origin: f.url};


async function register(receiver: WebhookReceiver, events: string[], path = '/hooks'): Promise<string> {
  const res = await post<{endpoint: {id: string}; secret: string}>(`${f.url}/api/v1/webhooks`, {url: `${receiver.url}${path}`, events, description: 'case system'}, asOwner);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.match(res.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  receiver.secret = res.body.secret;
  return res.body.endpoint.id;
}

test('each subscribed event arrives once, signed; system lines and unsubscribed events never do', async () => {
  const receiver = await startWebhookReceiver();
  await register(receiver, ['conversation.created', 'message.created', 'conversation.closed', 'consultation.scheduled', 'consultation.rescheduled', 'consultation.cancelled']);
  const session = await applicantSession(f);
  const asApplicant = {authorization: `Bearer ${session.token}`, origin: FIRM_ORIGIN};
  const {body: conversation} = await post<{id: string}>(`${f.url}/api/v1/conversations`, {}, asApplicant);
  for (const body of ['I need help with a visa', 'It expires in May']) {
    assert.equal((await post(`${f.url}/api/v1/conversations/${conversation.id}/messages`, {clientId: randomUUID(), body}, asApplicant)).status, 201);
  }
  await post(`${f.url}/api/v1/conversations/${conversation.id}/messages`, {clientId: randomUUID(), body: 'We can help.'}, asOwner);
  await post(`${f.url}/api/v1/conversations/${conversation.id}/assign`, {lawyerId: owner.lawyer.id}, asOwner); // a system line: no event
  const start = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 11) + '09:00:00Z';
  const {body: card} = await post<{id: string}>(`${f.url}/api/v1/conversations/${conversation.id}/consultations`, {start, durationMinutes: 30, provider: 'jitsi'}, asOwner);
  await post(`${f.url}/api/v1/consultations/${card.id}/reschedule`, {start: start.replace('09:00', '11:00')}, asOwner);
  await post(`${f.url}/api/v1/consultations/${card.id}/cancel`, {}, asOwner);
  await post(`${f.url}/api/v1/conversations/${conversation.id}/close`, {}, asOwner);

  await until('every event', () => receiver.events.length >= 8);
  await new Promise((r) => setTimeout(r, 500)); // nothing more may arrive
  assert.deepEqual(receiver.badSignatures, []);
  assert.deepEqual(receiver.events.map((e) => e.type).sort(), [
    'consultation.cancelled', 'consultation.rescheduled', 'consultation.scheduled', 'conversation.closed', 'conversation.created',
    'message.created', 'message.created', 'message.created',
  ]);
  const messages = receiver.ofType('message.created').map((e) => (e.data.message as {body: string; kind: string}));
  assert.deepEqual(messages.map((m) => m.body).sort(), ['I need help with a visa', 'It expires in May', 'We can help.']);
  assert.ok(messages.every((m) => m.kind === 'text'), 'message.created carries people’s messages only');
  assert.equal((receiver.ofType('conversation.created')[0].data.conversation as {id: string}).id, conversation.id);
  assert.equal((receiver.ofType('consultation.scheduled')[0].data.consultation as {id: string}).id, card.id);
  assert.equal(receiver.deliveries, receiver.events.length, 'no duplicates without faults');

  // Erasing the applicant erases the stored deliveries that carry their data.
  const Deliveries = f.backend.services.webhooks.deliveries;
  assert.equal(await Deliveries.countDocuments({conversationId: conversation.id}), 8);
  const erased = await fetch(`${f.url}/api/v1/applicants/${session.applicant.id}`, {method: 'DELETE', headers: asOwner});
  assert.equal(erased.status, 200);
  assert.equal(await Deliveries.countDocuments({conversationId: conversation.id}), 0);
});

test('document.shared: once per document sent (a repeat of its clientId is not a second one), never for messages or notes', async () => {
  const receiver = await startWebhookReceiver();
  await register(receiver, ['document.shared']);
  const session = await applicantSession(f);
  const asApplicant = {authorization: `Bearer ${session.token}`, origin: FIRM_ORIGIN};
  const {body: conversation} = await post<{id: string}>(`${f.url}/api/v1/conversations`, {}, asApplicant);
  const bytes = pdf('Residence card');
  const upload = async (clientId: string) => {
    const form = new FormData();
    form.append('clientId', clientId);
    form.append('caption', 'my card');
    form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), 'residence-card.pdf');
    return fetch(`${f.url}/api/v1/conversations/${conversation.id}/attachments`, {method: 'POST', headers: asApplicant, body: form});
  };
  const clientId = randomUUID();
  assert.equal((await upload(clientId)).status, 201);
  assert.equal((await upload(clientId)).status, 201); // a retry: the same message back, no second event
  await post(`${f.url}/api/v1/conversations/${conversation.id}/messages`, {clientId: randomUUID(), body: 'see the attached card'}, asApplicant);
  assert.equal((await post(`${f.url}/api/v1/conversations/${conversation.id}/messages`, {clientId: randomUUID(), body: 'checked, valid until 2030', note: true}, asOwner)).status, 201);
  await until('the document event', () => receiver.events.length >= 1);
  await new Promise((r) => setTimeout(r, 500)); // nothing more may arrive
  assert.deepEqual(receiver.badSignatures, []);
  assert.deepEqual(receiver.events.map((e) => e.type), ['document.shared']);
  const message = receiver.events[0].data.message as {kind: string; body: string; attachment: {name: string; size: number; sha256: string; type: string}};
  assert.equal(message.kind, 'attachment');
  assert.equal(message.body, 'my card');
  assert.deepEqual({name: message.attachment.name, size: message.attachment.size, sha256: message.attachment.sha256, type: message.attachment.type},
    {name: 'residence-card.pdf', size: bytes.length, sha256: sha256(bytes), type: 'pdf'});
  assert.doesNotMatch(JSON.stringify(receiver.events[0].data), /\/files\//, 'no download link in the event');
  assert.equal((receiver.events[0].data.conversation as {id: string}).id, conversation.id);
});

test('a firm without endpoints pays no webhook query per message; one registered is used at once, one removed is not', async () => {
  const other = await createFirmWithLawyer(f.backend);
  const otherOwner = await lawyerLogin({url: f.url, lawyerEmail: other.lawyerEmail});
  const session = await applicantSession({url: f.url, siteKey: other.siteKey});
  const asApplicant = {authorization: `Bearer ${session.token}`, origin: FIRM_ORIGIN};
  const {body: conversation} = await post<{id: string}>(`${f.url}/api/v1/conversations`, {}, asApplicant);
  const send = (body: string) => post(`${f.url}/api/v1/conversations/${conversation.id}/messages`, {clientId: randomUUID(), body}, asApplicant);
  const queries: string[] = [];
  // Only reads of this firm's endpoints count (the worker's polls and other tests' deliveries do not).
  mongoose.set('debug', (collection: string, method: string, query: unknown) => {
    if (collection === 'webhook_endpoints' && JSON.stringify(query ?? {}).includes(other.firmId)) queries.push(`${collection}.${method}`);
  });
  try {
    for (let i = 0; i < 5; i++) assert.equal((await send(`no one listens ${i}`)).status, 201);
  } finally {
    mongoose.set('debug', false);
  }
  assert.deepEqual(queries, [], 'no read of the firm’s webhook endpoints while it has none');

  const receiver = await startWebhookReceiver();
  const res = await post<{endpoint: {id: string}; secret: string}>(`${f.url}/api/v1/webhooks`, {url: `${receiver.url}/other`, events: ['message.created']}, {authorization: `Bearer ${otherOwner.token}`, origin: f.url});
  assert.equal(res.status, 201);
  receiver.secret = res.body.secret;
  await send('someone listens now');
  await until('the first event after registering', () => receiver.events.length >= 1);
  assert.equal((receiver.events[0].data.message as {body: string}).body, 'someone listens now');
  const removed = await fetch(`${f.url}/api/v1/webhooks/${res.body.endpoint.id}`, {method: 'DELETE', headers: {authorization: `Bearer ${otherOwner.token}`, origin: f.url}});
  assert.equal(removed.status, 200);
  await send('no one listens again');
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(receiver.deliveries, 1, 'nothing queued for a removed endpoint');
});

test('an endpoint that is down is retried with backoff until it answers; resend keeps the webhook-id', async () => {
  const receiver = await startWebhookReceiver();
  const endpointId = await register(receiver, ['conversation.created']);
  receiver.down = true;
  const session = await applicantSession(f);
  await post(`${f.url}/api/v1/conversations`, {}, {authorization: `Bearer ${session.token}`, origin: FIRM_ORIGIN});
  const Deliveries = f.backend.services.webhooks.deliveries;
  await until('a few failed attempts', async () => ((await Deliveries.findOne({endpointId}).lean())?.attempts ?? 0) >= 2);
  const failing = (await Deliveries.findOne({endpointId}).lean())!;
  assert.equal(failing.status, 'pending');
  assert.match(failing.lastError ?? '', /503/);
  receiver.down = false;
  await until('delivered after the outage', () => receiver.events.length === 1);
  const list = await (await fetch(`${f.url}/api/v1/webhooks/${endpointId}/deliveries`, {headers: asOwner})).json();
  assert.equal(list.deliveries[0].status, 'sent');
  assert.equal(list.deliveries[0].webhookId, receiver.events[0].id);
  const resent = await fetch(`${f.url}/api/v1/webhook-deliveries/${list.deliveries[0].id}/resend`, {method: 'POST', headers: asOwner});
  assert.equal(resent.status, 200);
  await until('the resend arrives', () => receiver.deliveries === 2);
  assert.equal(receiver.events.length, 1, 'the receiver deduplicates the resend on webhook-id');
  assert.deepEqual(receiver.badSignatures, []);
});

test('a day of failures disables the endpoint and emails the owner', async () => {
  const b = await startTestBackend({WEBHOOK_RETRY_MAX_SECONDS: '1', WEBHOOK_DISABLE_AFTER_SECONDS: '2'});
  const {createFirmWithLawyer} = await import('./chat-fixture.js');
  const firm = await createFirmWithLawyer(b);
  const lawyer = await lawyerLogin({url: b.url, lawyerEmail: firm.lawyerEmail});
  const headers = {authorization: `Bearer ${lawyer.token}`, origin: b.url};
  const receiver = await startWebhookReceiver();
  receiver.down = true;
  const {body} = await post<{endpoint: {id: string}; secret: string}>(`${b.url}/api/v1/webhooks`, {url: receiver.url, events: ['conversation.created']}, headers);
  receiver.secret = body.secret;
  const session = await applicantSession({url: b.url, siteKey: firm.siteKey});
  await post(`${b.url}/api/v1/conversations`, {}, {authorization: `Bearer ${session.token}`, origin: FIRM_ORIGIN});
  const endpoint = await until('the endpoint disabled', async () => {
    const list = await (await fetch(`${b.url}/api/v1/webhooks`, {headers})).json();
    return list.endpoints[0].enabled ? undefined : list.endpoints[0];
  });
  assert.match(endpoint.disabledReason, /failing for a day/);
  const mail = await until('the owner told', () => b.services.consultations.engine.mailbox.list(10).then((all) => all.find((m) => m.kind === 'webhook.disabled')));
  assert.ok(mail);
  assert.deepEqual(mail.payload.to, [firm.lawyerEmail]);
  assert.match(mail.payload.text, new RegExp(receiver.url.replace(/[.:/]/g, '\\$&')));
  // Later events are not queued for a disabled endpoint.
  await post(`${b.url}/api/v1/conversations`, {}, {authorization: `Bearer ${(await applicantSession({url: b.url, siteKey: firm.siteKey})).token}`, origin: FIRM_ORIGIN});
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await b.services.webhooks.deliveries.countDocuments({endpointId: body.endpoint.id}), 1);
});

test('production refuses private, loopback and link-local endpoints, at registration and at connection', async () => {
  const b = await startTestBackend({NODE_ENV: 'production'});
  const {createFirmWithLawyer} = await import('./chat-fixture.js');
  const firm = await createFirmWithLawyer(b);
  const lawyer = await lawyerLogin({url: b.url, lawyerEmail: firm.lawyerEmail});
  for (const url of ['http://hooks.example.com/in', 'https://127.0.0.1/in', 'https://localhost/in', 'https://[::1]/in', 'https://169.254.169.254/latest', 'https://10.1.2.3/', 'https://192.168.1.10/', 'https://[::ffff:127.0.0.1]/', 'https://[fe80::1]/']) {
    const res = await post<{error: {code: string; message: string}}>(`${b.url}/api/v1/webhooks`, {url, events: ['message.created']}, {authorization: `Bearer ${lawyer.token}`, origin: b.url});
    assert.equal(res.status, 400, url);
    assert.match(res.body.error.message, /https|private/, url);
  }
  for (const a of ['8.8.8.8', '2606:4700:4700::1111']) assert.equal(isPrivateAddress(a), false, a);
  const refused = await new Promise<string>((resolve) => publicOnlyLookup('localhost', {}, (err) => resolve((err as NodeJS.ErrnoException | null)?.code ?? 'none')));
  assert.equal(refused, 'EPRIVATE');
});

test('the signature convention matches an independent implementation, and a tampered body fails it', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const body = '{"type":"message.created"}';
  const ts = Math.floor(Date.now() / 1000);
  const headers = {'webhook-id': 'msg_1', 'webhook-timestamp': String(ts), 'webhook-signature': sign(secret, 'msg_1', ts, body)};
  assert.deepEqual(new Webhook(secret).verify(body, headers), {type: 'message.created'});
  assert.throws(() => new Webhook(secret).verify(body.replace('created', 'deleted'), headers));
  assert.equal(sign(secret, 'msg_1', ts, body), new Webhook(secret).sign('msg_1', new Date(ts * 1000), body));
});
