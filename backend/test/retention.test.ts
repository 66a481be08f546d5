// Retention with the clock moved forward: exactly the closed conversations past the firm's
// period go, with their messages, documents (records, GridFS files and chunks), consultations
// and emails; open ones, recent ones and other
// firms' stay. Two processes running at once do the work once; a second run removes nothing.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {Types} from 'mongoose';
import {createRetention} from '../services/retention.js';
import {consultationModel} from '../models/consultation.js';
import {outboxModel} from '../models/outbox.js';
import {createLogger} from '../logger.js';
import {applicantSession, call, connect, createFirmWithLawyer, lawyerLogin, ok, startChatFixture} from './chat-fixture.js';
import {pdf} from './documents.js';

const f = await startChatFixture();
const {models} = f.backend.services;
const DAY = 86_400_000;
const db = f.backend.db.db!;
/** Document records, GridFS files and chunks of a conversation. */
async function stored(conversationId: string): Promise<{records: number; files: number; chunks: number}> {
  const ids = (await models.Attachment.find({conversationId: new Types.ObjectId(conversationId)}).select({_id: 1}).lean()).map((d) => d._id);
  return {
    records: ids.length,
    files: await db.collection('attachments.files').countDocuments({_id: {$in: ids}}),
    chunks: await db.collection('attachments.chunks').countDocuments({files_id: {$in: ids}}),
  };
}

async function conversationWithMessages(siteKey: string, lawyerToken: string, close: boolean, withConsultation = false): Promise<string> {
  const s = await applicantSession({url: f.url, siteKey});
  const socket = connect(f.url, s.token, 'https://firm.example');
  const {conversation} = await ok(call(socket, 'conversation:open', {}));
  for (const body of ['one', 'two']) await ok(call(socket, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body}));
  // A document of about 600 KB: three GridFS chunks.
  const form = new FormData();
  form.append('clientId', randomUUID());
  form.append('file', new Blob([pdf('Passport', 600_000) as Uint8Array<ArrayBuffer>]), 'passport.pdf');
  const up = await fetch(`${f.url}/api/v1/conversations/${conversation.id}/attachments`, {method: 'POST', headers: {authorization: `Bearer ${s.token}`, origin: 'https://firm.example'}, body: form});
  assert.equal(up.status, 201, await up.clone().text());
  const l = connect(f.url, lawyerToken, f.url);
  if (withConsultation) {
    const start = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 11) + '10:00:00Z';
    await ok(call(l, 'consultation:schedule', {conversationId: conversation.id, start, durationMinutes: 30, provider: 'jitsi'}));
  }
  if (close) await ok(call(l, 'conversation:close', {conversationId: conversation.id}));
  socket.disconnect();
  l.disconnect();
  return conversation.id;
}

test('a run 31 days later removes exactly the expired closed conversations of firms with retention', async () => {
  const owner = await lawyerLogin(f);
  const res = await fetch(`${f.url}/api/v1/settings`, {method: 'POST', headers: {authorization: `Bearer ${owner.token}`, origin: f.url, 'content-type': 'application/json'}, body: JSON.stringify({retentionDays: 30})});
  assert.equal(res.status, 200);
  const other = await createFirmWithLawyer(f.backend); // no retention set
  const otherOwner = await lawyerLogin({url: f.url, lawyerEmail: other.lawyerEmail});

  const expired = await conversationWithMessages(f.siteKey, owner.token, true, true);
  const open = await conversationWithMessages(f.siteKey, owner.token, false);
  const elsewhere = await conversationWithMessages(other.siteKey, otherOwner.token, true);
  await f.backend.services.chat.flush();
  // One closed conversation whose last message is recent at the moved clock.
  const recent = await conversationWithMessages(f.siteKey, owner.token, true);
  await f.backend.services.chat.flush();
  await models.Conversation.updateOne({_id: recent}, {$set: {lastMessageAt: new Date(Date.now() + 20 * DAY)}});

  const Consultation = consultationModel(f.backend.db);
  const Outbox = outboxModel(f.backend.db);
  const consultations = await Consultation.find({conversationId: new Types.ObjectId(expired)}).lean();
  assert.equal(consultations.length, 1);
  const emails = await Outbox.countDocuments({consultationId: consultations[0]._id});
  assert.ok(emails > 0);

  const count = (id: string) => models.Message.countDocuments({conversationId: new Types.ObjectId(id)});
  const kept = [open, elsewhere, recent];
  const keptBefore = await Promise.all(kept.map(count));
  const expiredMessages = await count(expired);
  assert.deepEqual(await stored(expired), {records: 1, files: 1, chunks: 3});
  const keptDocuments = await Promise.all(kept.map(stored));
  const documents = f.backend.services.attachments.purgeConversations;
  const later = () => new Date(Date.now() + 31 * DAY);
  const logger = createLogger({LOG_LEVEL: 'silent'} as never);
  const a = createRetention({db: f.backend.db, models, chat: f.backend.services.chat, audit: f.backend.services.audit, logger, documents, now: later});
  const b = createRetention({db: f.backend.db, models, chat: f.backend.services.chat, audit: f.backend.services.audit, logger, documents, now: later});
  const ran = await Promise.all([a.runOnce(), b.runOnce()]);
  assert.deepEqual(ran.sort(), [false, true], 'one process runs the day, the other skips it');

  const exists = async (id: string) => !!(await models.Conversation.exists({_id: id}));
  assert.equal(await exists(expired), false);
  assert.equal(await models.Message.countDocuments({conversationId: new Types.ObjectId(expired)}), 0);
  assert.equal(await Consultation.countDocuments({conversationId: new Types.ObjectId(expired)}), 0);
  assert.equal(await Outbox.countDocuments({consultationId: consultations[0]._id}), 0);
  assert.deepEqual(await stored(expired), {records: 0, files: 0, chunks: 0}, 'no document, file or chunk of it remains');
  assert.deepEqual(await Promise.all(kept.map(stored)), keptDocuments, 'the other conversations keep their documents');
  for (const id of kept) assert.equal(await exists(id), true);
  assert.deepEqual(await Promise.all(kept.map(count)), keptBefore, 'every other message is still there');
  const firm = await models.Firm.findById(f.firmId).lean();
  assert.deepEqual(firm!.retention!.lastCounts, {conversations: 1, messages: expiredMessages, consultations: 1, emails, documents: 1});
  assert.equal(firm!.retention!.lastRunAt!.getTime() > Date.now() + 30 * DAY, true);

  // Same day again: nothing to do; forced, nothing more is removed.
  assert.equal(await a.runOnce(), false);
  assert.equal(await a.runOnce({force: true}), true);
  assert.equal((await models.Firm.findById(f.firmId).lean())!.retention!.lastCounts!.conversations, 0);
});

test('retention below one day is refused', async () => {
  const owner = await lawyerLogin(f);
  const res = await fetch(`${f.url}/api/v1/settings`, {method: 'POST', headers: {authorization: `Bearer ${owner.token}`, origin: f.url, 'content-type': 'application/json'}, body: JSON.stringify({retentionDays: 0.5})});
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error.issues[0].path, 'retentionDays');
});

test('the retention job the server runs deletes the documents of the conversations it removes', async () => {
  const owner = await lawyerLogin(f);
  const id = await conversationWithMessages(f.siteKey, owner.token, true);
  await f.backend.services.chat.flush();
  await models.Conversation.updateOne({_id: id}, {$set: {lastMessageAt: new Date(Date.now() - 40 * DAY)}});
  assert.deepEqual(await stored(id), {records: 1, files: 1, chunks: 3});
  // The server's own hourly tick may hold the lease for a moment: wait for it.
  let ran = false;
  for (let i = 0; i < 50 && !ran; i++) {
    ran = await f.backend.services.retention.runOnce({force: true});
    if (!ran) await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(ran, true, 'the run took the lease');
  assert.equal(await models.Conversation.exists({_id: id}), null);
  assert.deepEqual(await stored(id), {records: 0, files: 0, chunks: 0});
});
