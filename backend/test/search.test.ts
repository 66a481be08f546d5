// Search: accents, case and word prefixes; applicant name, email, topic, text and notes; newest
// first and paged without repeats; only the firm's own; deleted and erased messages never found;
// history stored before search existed is indexed by the backfill.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {Types} from 'mongoose';
import type {JoinResult, MessageDto, SearchPage} from '../../protocol/chat.js';
import {applicantSession, call, connect, createFirmWithLawyer, FIRM_ORIGIN, lawyerLogin, ok, startChatFixture} from './chat-fixture.js';
import {BACKFILL_MARK} from '../search/indexer.js';

const f = await startChatFixture({RATE_LIMIT_SCALE: '100'});
const {search} = f.backend.services;
const lawyer = await lawyerLogin(f);
const lawyerSocket = connect(f.url, lawyer.token, f.url);

async function find(q: string, token = lawyer.token, extra = ''): Promise<SearchPage> {
  await search.indexer.idle();
  const res = await fetch(`${f.url}/api/v1/search?q=${encodeURIComponent(q)}${extra}`, {headers: {authorization: `Bearer ${token}`, origin: f.url}});
  assert.equal(res.status, 200, await res.clone().text());
  return res.json() as Promise<SearchPage>;
}

async function chat(session: {token: string}, bodies: string[], origin = FIRM_ORIGIN, url = f.url) {
  const s = connect(url, session.token, origin);
  const {conversation} = await ok<JoinResult>(call(s, 'conversation:open', {}));
  const sent: MessageDto[] = [];
  for (const body of bodies) sent.push(await ok<MessageDto>(call(s, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body})));
  return {socket: s, conversation, sent};
}

const zoe = await applicantSession(f, {name: 'Zoé Lefèvre', email: 'zoe.lefevre@exemple.fr'});
const zoeChat = await chat(zoe, ['Ma demande de NATURALISATION est bloquée depuis mars.', 'Residence permit: which documents?']);
const other = await applicantSession(f, {name: 'Paul Martin'});
const visas = await chat(other, Array.from({length: 25}, (_, i) => `Visa question number ${i + 1}`));

test('accents, case and word prefixes: text, name and email', async () => {
  const natural = await find('naturâl');
  assert.deepEqual(natural.hits.map((h) => h.messageId), [zoeChat.sent[0].id]);
  const hit = natural.hits[0];
  assert.equal(hit.field, 'text');
  assert.equal(hit.seq, zoeChat.sent[0].seq);
  assert.equal(hit.conversationId, zoeChat.conversation.id);
  assert.equal(hit.applicant.name, 'Zoé Lefèvre');
  assert.deepEqual(hit.marks.map(([a, b]) => hit.text.slice(a, b)), ['NATURAL']);

  assert.deepEqual((await find('BLOQUEE')).hits.map((h) => h.messageId), [zoeChat.sent[0].id], 'bloquée without its accent');
  const byName = await find('lefev');
  assert.deepEqual(byName.hits.map((h) => [h.field, h.conversationId, h.messageId]), [['name', zoeChat.conversation.id, null]]);
  assert.deepEqual(byName.hits[0].marks.map(([a, b]) => byName.hits[0].text.slice(a, b)), ['Lefèv']);
  const byEmail = await find('zoe.lefevre@exem');
  assert.ok(byEmail.hits.some((h) => h.field === 'email' && h.text === 'zoe.lefevre@exemple.fr'), JSON.stringify(byEmail.hits));
  // Every word must match the same message or its conversation: the applicant's name plus a word of her message.
  assert.deepEqual((await find('zoé permit')).hits.map((h) => h.messageId), [zoeChat.sent[1].id]);
  assert.deepEqual((await find('paul permit')).hits, []);
});

test('notes are found by the firm’s lawyers', async () => {
  await ok(call(lawyerSocket, 'conversation:join', {conversationId: zoeChat.conversation.id}));
  const note = await ok<MessageDto>(call(lawyerSocket, 'message:send', {conversationId: zoeChat.conversation.id, clientId: randomUUID(), body: 'Dossier prioritaire, voir @Anna', note: true}));
  const page = await find('priorit');
  assert.deepEqual(page.hits.map((h) => [h.messageId, h.field]), [[note.id, 'note']]);
});

test('newest first, one hit per conversation, paged without repeats or gaps', async () => {
  const later: {conversation: {id: string}; sent: MessageDto[]}[] = [];
  for (let k = 1; k <= 5; k++) later.push(await chat(await applicantSession(f, {name: `Applicant ${k}`}), [`Visa appointment ${k}`, 'Thank you']));
  const seen: [string, number][] = [];
  let next: string | null = null;
  do {
    const page: SearchPage = await find('visa', lawyer.token, `&limit=2${next ? `&before=${next}` : ''}`);
    assert.ok(page.hits.length <= 2);
    seen.push(...page.hits.map((h): [string, number] => [h.conversationId, h.seq!]));
    next = page.next;
  } while (next);
  // Each conversation once, at its newest message with the word; the newest conversations first.
  assert.deepEqual(seen, [...later.reverse().map((c): [string, number] => [c.conversation.id, c.sent[0].seq]), [visas.conversation.id, 25]]);
  // Every word in one message: the newest such message of the conversation.
  assert.deepEqual((await find('visa 17')).hits.map((h) => h.seq), [17]);
});

test('another firm never sees these conversations, and sees its own', async () => {
  const otherOrigin = 'https://second-firm.example';
  const firm2 = await createFirmWithLawyer(f.backend, {origin: otherOrigin});
  const lawyer2 = await lawyerLogin({url: f.url, lawyerEmail: firm2.lawyerEmail});
  const app2 = await applicantSession({url: f.url, siteKey: firm2.siteKey}, {}, otherOrigin);
  const theirs = await chat(app2, ['Naturalisation: my own file'], otherOrigin);
  const page = await find('naturalisation', lawyer2.token);
  assert.deepEqual(page.hits.map((h) => h.messageId), [theirs.sent[0].id]);
  assert.ok(!(await find('lefevre', lawyer2.token)).hits.length);
  assert.ok(!(await find('naturalisation')).hits.some((h) => h.messageId === theirs.sent[0].id));
});

test('a deleted message is not found, before and after its terms are removed', async () => {
  const {sent, conversation} = await chat(other, [`Ultrasecret ${randomUUID().slice(0, 8)}`]);
  assert.equal((await find('ultrasecret')).hits.length, 1);
  await ok(call(lawyerSocket, 'conversation:join', {conversationId: conversation.id}));
  await ok(call(lawyerSocket, 'message:delete', {conversationId: conversation.id, messageId: sent[0].id}));
  const res = await fetch(`${f.url}/api/v1/search?q=ultrasecret`, {headers: {authorization: `Bearer ${lawyer.token}`, origin: f.url}});
  assert.deepEqual(((await res.json()) as SearchPage).hits, [], 'refused by the re-check at once');
  await search.indexer.idle();
  assert.equal(await search.terms.countDocuments({messageId: new Types.ObjectId(sent[0].id)}), 0, 'terms removed');
});

test('erasing the applicant removes their terms', async () => {
  const gone = await applicantSession(f, {name: 'Quentin Effacé'});
  const {conversation} = await chat(gone, ['Évanescent propos']);
  assert.equal((await find('evanesc')).hits.length, 1);
  const res = await fetch(`${f.url}/api/v1/applicants/${gone.applicant.id}`, {method: 'DELETE', headers: {authorization: `Bearer ${lawyer.token}`, origin: f.url}});
  assert.equal(res.status, 200);
  assert.equal(await search.terms.countDocuments({conversationId: new Types.ObjectId(conversation.id)}), 0);
  assert.deepEqual((await find('evanesc')).hits, []);
  assert.deepEqual((await find('quentin')).hits, []);
});

test('history stored before search existed is found after the backfill', async () => {
  const {Message, Lease} = f.backend.services.models;
  const conv = zoeChat.conversation;
  const _id = new Types.ObjectId();
  await Message.collection.insertOne({_id, conversationId: new Types.ObjectId(conv.id), firmId: new Types.ObjectId(f.firmId), seq: 900, sender: {kind: 'applicant', id: null, name: null}, kind: 'text', body: 'Ancienne requête oubliée', clientId: randomUUID(), counts: {applicant: 0, lawyer: 0}, system: null, consultationId: null, consultation: null, createdAt: new Date(Date.now() - 86_400_000), deletedAt: null, deletedBy: null});
  assert.deepEqual((await find('oubliee')).hits, []);
  assert.equal((await search.indexer.backfill()).terms, 0, 'marked done at start: nothing redone');
  await Lease.deleteOne({_id: BACKFILL_MARK});
  const counts = await search.indexer.backfill();
  assert.ok(counts.terms > 0 && counts.conversations > 0);
  assert.deepEqual((await find('oubliee')).hits.map((h) => h.messageId), [String(_id)]);
  assert.equal((await find('naturalisation')).hits.filter((h) => h.conversationId === conv.id).length, 1, 'indexed twice, found once');
});

