// The applicant asks for the transcript by email: sent through the outbox to a verified email
// only (refused with the reason otherwise), never with the firm's notes, once per state of the
// conversation, and erased with the applicant.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import jwt from 'jsonwebtoken';
import type {JoinResult} from '../../protocol/chat.js';
import {applicantSession, call, connect, FIRM_ORIGIN, lawyerLogin, ok, startChatFixture} from './chat-fixture.js';
import {outboxModel} from '../models/outbox.js';

const f = await startChatFixture();
const Outbox = outboxModel(f.backend.db);
const lawyer = await lawyerLogin(f);

async function ask(token: string, conversationId: string) {
  const res = await fetch(`${f.url}/api/v1/conversations/${conversationId}/transcript/email`, {method: 'POST', headers: {authorization: `Bearer ${token}`, origin: FIRM_ORIGIN}});
  return {status: res.status, body: await res.json()};
}

async function conversationOf(token: string, body: string) {
  const s = connect(f.url, token, FIRM_ORIGIN);
  const {conversation} = await ok<JoinResult>(call(s, 'conversation:open', {}));
  await ok(call(s, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body}));
  return {socket: s, id: conversation.id};
}

test('a verified applicant gets the transcript by email, without notes, once per state', async () => {
  const identityToken = jwt.sign({email: 'Camille@Example.com', name: 'Camille Roy'}, f.identitySecret, {algorithm: 'HS256', expiresIn: '1h'});
  const session = await applicantSession(f, {identityToken});
  const {socket, id} = await conversationOf(session.token, 'Question about my visa renewal');
  const ls = connect(f.url, lawyer.token, f.url);
  await ok(call(ls, 'conversation:join', {conversationId: id}));
  await ok(call(ls, 'message:send', {conversationId: id, clientId: randomUUID(), body: 'INTERNAL-ONLY remark', note: true}));
  await ok(call(ls, 'conversation:close', {conversationId: id}));

  const first = await ask(session.token, id);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.deepEqual(first.body, {to: 'camille@example.com', queued: true});
  const jobs = await Outbox.find({kind: 'transcript', 'payload.to': 'camille@example.com'}).lean();
  assert.equal(jobs.length, 1);
  const text = jobs[0].payload.text;
  assert.match(text, /Question about my visa renewal/);
  assert.doesNotMatch(text + jobs[0].payload.html + Buffer.from(jobs[0].payload.attachments[0].content, 'base64').toString(), /INTERNAL-ONLY/);
  assert.equal(jobs[0].status, 'captured', 'no provider configured: kept for /dev/mail');
  assert.deepEqual((await ask(session.token, id)).body, {to: 'camille@example.com', queued: false}, 'nothing new said: nothing new queued');

  // Erasure takes the stored email with it.
  const erased = await fetch(`${f.url}/api/v1/applicants/${session.applicant.id}`, {method: 'DELETE', headers: {authorization: `Bearer ${lawyer.token}`, origin: f.url}});
  assert.equal(erased.status, 200);
  assert.equal(await Outbox.countDocuments({kind: 'transcript', 'payload.to': 'camille@example.com'}), 0);
  socket.close();
  ls.close();
});

test('an unverified or missing email is refused with the reason, and nothing is queued', async () => {
  const typed = await applicantSession(f, {name: 'Noé', email: 'noe@example.com'});
  const a = await conversationOf(typed.token, 'hello');
  const refused = await ask(typed.token, a.id);
  assert.equal(refused.status, 409);
  assert.match(refused.body.error.message, /not verified/);
  const anonymous = await applicantSession(f);
  const b = await conversationOf(anonymous.token, 'hello');
  const none = await ask(anonymous.token, b.id);
  assert.equal(none.status, 409);
  assert.match(none.body.error.message, /no email/);
  assert.equal(await Outbox.countDocuments({kind: 'transcript', 'payload.to': 'noe@example.com'}), 0);
  // Someone else's conversation: not a member.
  assert.equal((await ask(anonymous.token, a.id)).status, 403);
  a.socket.close();
  b.socket.close();
});

test('the transcript email speaks the applicant\'s language (fr, es; en otherwise), on their clock, with the firm\'s brand', async () => {
  const firm = await f.backend.services.models.Firm.findById(f.firmId).lean();
  const cases = [
    {lang: 'fr', email: 'amelie@example.com', name: 'Amélie', subject: `Votre conversation avec ${firm!.name}`, hello: 'Bonjour Amélie,', intro: /voici la transcription de votre conversation/, you: 'Vous: Question sur mon titre de séjour', closed: 'La conversation a été close', footer: /car vous avez demandé cette transcription/},
    {lang: 'es', email: 'lucia@example.com', name: 'Lucía', subject: `Su conversación con ${firm!.name}`, hello: 'Hola, Lucía:', intro: /aquí tiene la transcripción de su conversación/, you: 'Usted: Question sur mon titre de séjour', closed: 'La conversación se cerró', footer: /porque pidió esta transcripción/},
    {lang: 'de', email: 'jonas@example.com', name: 'Jonas', subject: `Your conversation with ${firm!.name}`, hello: 'Hello Jonas,', intro: /here is the transcript of your conversation/, you: 'You: Question sur mon titre de séjour', closed: 'The conversation was closed', footer: /because you asked for this transcript/},
  ];
  for (const c of cases) {
    const identityToken = jwt.sign({email: c.email, name: c.name}, f.identitySecret, {algorithm: 'HS256', expiresIn: '1h'});
    // The widget's language when it is one of ours, else the browser's (German here: English).
    const session = await applicantSession(f, {identityToken, timeZone: 'America/Montreal', ...(c.lang === 'de' ? {language: 'de-DE'} : {lang: c.lang})});
    const {socket, id} = await conversationOf(session.token, 'Question sur mon titre de séjour');
    const ls = connect(f.url, lawyer.token, f.url);
    await ok(call(ls, 'conversation:join', {conversationId: id}));
    await ok(call(ls, 'conversation:close', {conversationId: id}));
    assert.equal((await ask(session.token, id)).status, 200);
    const job = (await Outbox.findOne({kind: 'transcript', 'payload.to': c.email}).lean())!;
    assert.equal(job.payload.subject, c.subject);
    const text: string = job.payload.text;
    assert.ok(text.includes(c.hello), text);
    assert.match(text, c.intro);
    assert.ok(text.includes(c.you), text);
    assert.ok(text.includes(c.closed), text);
    assert.match(text, c.footer);
    assert.match(job.payload.html, new RegExp(`<html lang="${c.lang === 'de' ? 'en' : c.lang}">`));
    assert.ok(job.payload.html.includes(firm!.name), 'the firm\'s brand');
    // On the applicant's clock (Montreal), not UTC.
    const sent = await f.backend.services.models.Message.findOne({conversationId: id, 'sender.kind': 'applicant'}).lean();
    const local = new Date(sent!.createdAt).toLocaleTimeString({fr: 'fr-FR', es: 'es-ES', de: 'en-GB'}[c.lang], {timeZone: 'America/Montreal', hour: '2-digit', minute: '2-digit'});
    assert.ok(text.includes(local), `${local} in ${text}`);
    socket.close();
    ls.close();
  }
});
