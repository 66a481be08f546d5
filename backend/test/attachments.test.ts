// Documents: upload once per clientId, type decided by content, streamed into GridFS, read only
// through short-lived signed links, and gone (chunks included) with the message or the applicant.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import type {JoinResult, MessageDto} from '../../protocol/chat.js';
import type {AttachmentLink} from '../../protocol/attachments.js';
import {outboxModel} from '../models/outbox.js';
import {applicantSession, call, connect, FIRM_ORIGIN, lawyerLogin, nextEvent, ok, startChatFixture} from './chat-fixture.js';
import * as doc from './documents.js';

const f = await startChatFixture({ATTACHMENT_MAX_MB: '1', ATTACHMENT_CONVERSATION_MAX_FILES: '12', NOTIFY_AFTER_SECONDS: '1', RATE_LIMIT_SCALE: '100'});
const lawyer = await lawyerLogin(f);
const applicant = await applicantSession(f, {name: 'Amina Okafor', email: 'amina@example.com'});
const appSocket = connect(f.url, applicant.token, FIRM_ORIGIN);
const {conversation} = await ok<JoinResult>(call(appSocket, 'conversation:open', {}));
const lawyerSocket = connect(f.url, lawyer.token, f.url);
await ok(call(lawyerSocket, 'conversation:join', {conversationId: conversation.id}));
const db = f.backend.db.db!;
const allChunks = () => db.collection('attachments.chunks').countDocuments();
const allFiles = () => db.collection('attachments.files').countDocuments();

const asApplicant = {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN};
const asLawyer = {authorization: `Bearer ${lawyer.token}`, origin: f.url};

async function upload(bytes: Uint8Array, name: string, opts: {headers?: Record<string, string>; clientId?: string | null; caption?: string; conversationId?: string; type?: string} = {}) {
  const form = new FormData();
  if (opts.clientId !== null) form.append('clientId', opts.clientId ?? randomUUID());
  if (opts.caption) form.append('caption', opts.caption);
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], {type: opts.type ?? 'application/pdf'}), name);
  const res = await fetch(`${f.url}/api/v1/conversations/${opts.conversationId ?? conversation.id}/attachments`, {method: 'POST', headers: opts.headers ?? asApplicant, body: form});
  return {status: res.status, body: await res.json()};
}

async function linkFor(id: string, headers = asLawyer, inline = false): Promise<{status: number; body: AttachmentLink & {error?: {code: string}}}> {
  const res = await fetch(`${f.url}/api/v1/attachments/${id}/link${inline ? '?inline=1' : ''}`, {headers});
  return {status: res.status, body: await res.json()};
}

test('an applicant sends a PDF: the lawyer sees the card live and downloads the same bytes through a signed link', async () => {
  const bytes = doc.pdf('Passport K1234567', 300_000);
  const live = nextEvent(lawyerSocket, 'message:new', (m) => m.kind === 'attachment');
  const res = await upload(bytes, 'passport.pdf', {caption: 'My passport, pages 1-2'});
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const msg = res.body as MessageDto;
  assert.equal(msg.kind, 'attachment');
  assert.equal(msg.body, 'My passport, pages 1-2');
  assert.deepEqual({...msg.attachment, id: undefined}, {id: undefined, name: 'passport.pdf', size: bytes.length, sha256: doc.sha256(bytes), type: 'pdf', mime: 'application/pdf'});
  assert.equal((await live).id, msg.id, 'the lawyer got the card live');

  const link = await linkFor(msg.attachment!.id);
  assert.equal(link.status, 200);
  assert.ok(new Date(link.body.expiresAt).getTime() - Date.now() <= 5 * 60_000 + 1000, 'short-lived');
  assert.ok(!link.body.url.includes(lawyer.token) && !link.body.url.includes(applicant.token), 'the link is not the access token');
  const file = await fetch(link.body.url);
  assert.equal(file.status, 200);
  const got = Buffer.from(await file.arrayBuffer());
  assert.equal(doc.sha256(got), doc.sha256(bytes));
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.match(file.headers.get('content-disposition')!, /^attachment; filename="passport.pdf"/);
  assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
  assert.match(file.headers.get('content-security-policy')!, /^sandbox/);
  assert.equal(file.headers.get('cache-control'), 'private, no-store');
  // A PDF is never served inline, even when asked.
  const inline = await linkFor(msg.attachment!.id, asApplicant, true);
  assert.match((await fetch(inline.body.url)).headers.get('content-disposition')!, /^attachment/);
});

test('the same clientId (field or Idempotency-Key) stores one message and one file', async () => {
  const bytes = await doc.docx();
  const clientId = randomUUID();
  const first = await upload(bytes, 'checklist.docx', {clientId, headers: asLawyer});
  const chunksAfterFirst = await allChunks();
  const again = await upload(bytes, 'checklist.docx', {clientId, headers: asLawyer});
  assert.equal(first.status, 201);
  assert.equal(again.body.id, first.body.id);
  assert.equal(await allChunks(), chunksAfterFirst, 'no second copy of the bytes');
  assert.equal(first.body.attachment.type, 'docx');

  const key = randomUUID();
  const viaHeader = await upload(doc.png(), 'scan.png', {clientId: null, headers: {...asApplicant, 'idempotency-key': key}, type: 'image/png'});
  const viaHeaderAgain = await upload(doc.png(), 'scan.png', {clientId: null, headers: {...asApplicant, 'idempotency-key': key}, type: 'image/png'});
  assert.equal(viaHeader.status, 201);
  assert.equal(viaHeaderAgain.body.id, viaHeader.body.id);
  assert.equal(viaHeader.body.clientId, key);
  // Images may be previewed inline.
  const inline = await linkFor(viaHeader.body.attachment.id, asApplicant, true);
  const res = await fetch(inline.body.url);
  assert.match(res.headers.get('content-disposition')!, /^inline/);
  assert.equal(res.headers.get('content-type'), 'image/png');
});

test('types come from the content: programs, archives, markup, mismatches, empty and oversized files are refused and leave nothing', async () => {
  const before = {chunks: await allChunks(), files: await allFiles()};
  const cases: [Uint8Array, string, number, string][] = [
    [doc.exe(), 'passport.pdf', 415, 'executable'],
    [doc.pdf(), 'x.pdf.exe', 415, 'type_mismatch'],
    [doc.png(), 'photo.pdf', 415, 'type_mismatch'],
    [await doc.archive(), 'documents.zip', 415, 'archive'],
    [doc.svg(), 'logo.svg', 415, 'markup'],
    [doc.html(), 'letter.txt', 415, 'markup'],
    [new Uint8Array(0), 'empty.pdf', 400, 'empty'],
    [doc.pdf('big', 1_200_000), 'large.pdf', 413, 'too_large'],
  ];
  for (const [bytes, name, status, reason] of cases) {
    const res = await upload(bytes, name);
    assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.reason, reason, name);
    assert.ok(res.body.error.message.length > 5);
  }
  assert.deepEqual({chunks: await allChunks(), files: await allFiles()}, before, 'refusals leave no chunk and no file');
  // The firm narrows the list: text is no longer accepted.
  await f.backend.services.models.Firm.updateOne({_id: f.firmId}, {$set: {attachmentTypes: ['pdf', 'png']}});
  await new Promise((r) => setTimeout(r, 5_100)); // the firm cache's lifetime
  const txt = await upload(Buffer.from('plain notes'), 'notes.txt');
  assert.equal(txt.body.error?.reason, 'type_not_accepted');
  await f.backend.services.models.Firm.updateOne({_id: f.firmId}, {$set: {attachmentTypes: []}});
});

test('only members get links; altered or expired links and strangers are refused', async () => {
  const res = await upload(doc.pdf(), 'letter.pdf');
  const id = res.body.attachment.id;
  const stranger = await applicantSession(f);
  const refused = await linkFor(id, {authorization: `Bearer ${stranger.token}`, origin: FIRM_ORIGIN});
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error!.code, 'not_member');
  assert.equal((await linkFor('0123456789abcdef01234567')).status, 404);
  const {url} = (await linkFor(id)).body;
  const u = new URL(url);
  const tampered = new URL(url);
  tampered.searchParams.set('d', 'i');
  assert.equal((await fetch(tampered)).status, 403, 'disposition is signed');
  const otherFile = new URL(url.replace(id, res.body.id));
  assert.equal((await fetch(otherFile)).status, 403, 'the signature binds the file');
  const expired = new URL(url);
  expired.searchParams.set('e', String(Math.floor(Date.now() / 1000) - 1));
  assert.equal((await fetch(expired)).status, 403, 'expiry is signed');
  assert.equal((await fetch(`${u.origin}${u.pathname}`)).status, 403, 'no signature');
});

test('deleting the message deletes the chunks; the link then answers 404', async () => {
  const res = await upload(doc.pdf('to delete', 600_000), 'old.pdf');
  const {url} = (await linkFor(res.body.attachment.id)).body;
  const id = new (await import('mongoose')).Types.ObjectId(res.body.attachment.id as string);
  assert.ok((await f.backend.services.files.countChunks([id])) >= 3);
  const del = await fetch(`${f.url}/api/v1/conversations/${conversation.id}/messages/${res.body.id}`, {method: 'DELETE', headers: asLawyer});
  assert.equal(del.status, 200);
  const deleted = await del.json();
  assert.equal(deleted.attachment, undefined, 'the deleted message carries no card');
  assert.equal(await f.backend.services.files.countChunks([id]), 0);
  assert.equal((await fetch(url)).status, 404);
});

test('the transcript lists documents with their sha256; the firm exports a zip with them', async () => {
  const transcript = await (await fetch(`${f.url}/api/v1/conversations/${conversation.id}/transcript`, {headers: asApplicant})).text();
  const bytes = doc.pdf('Passport K1234567', 300_000);
  assert.match(transcript, new RegExp(`\\[document\\] passport\\.pdf \\(PDF, ${bytes.length} bytes, sha256 ${doc.sha256(bytes)}\\)`));
  assert.equal((await fetch(`${f.url}/api/v1/conversations/${conversation.id}/export`, {headers: asApplicant})).status, 403);
  const zip = await fetch(`${f.url}/api/v1/conversations/${conversation.id}/export`, {headers: asLawyer});
  assert.equal(zip.status, 200);
  assert.equal(zip.headers.get('content-type'), 'application/zip');
  const body = Buffer.from(await zip.arrayBuffer());
  assert.equal(body.readUInt32LE(0), 0x04034b50, 'a zip');
  assert.ok(body.includes('transcript.txt') && body.includes('-passport.pdf') && body.includes('-checklist.docx'));
  assert.ok(body.includes(bytes), 'the document is stored whole in the zip');
});

test('the offline email says a document was shared, without its name', async () => {
  const Outbox = outboxModel(f.backend.db);
  const session = await applicantSession(f, {name: 'Lena Novak', email: 'lena@example.com'});
  const s = connect(f.url, session.token, FIRM_ORIGIN);
  const {conversation: c} = await ok<JoinResult>(call(s, 'conversation:open', {}));
  await upload(doc.pdf(), 'secret-residence-card.pdf', {conversationId: c.id, headers: {authorization: `Bearer ${session.token}`, origin: FIRM_ORIGIN}});
  await new Promise((r) => setTimeout(r, 1_600));
  const mails = await Outbox.find({kind: 'notify.lawyer', 'payload.text': new RegExp(`document was shared[\\s\\S]*${c.id}`)}).lean();
  assert.equal(mails.length, 1);
  assert.ok(!JSON.stringify(mails[0].payload).includes('residence'), 'no file name in the email');
  s.disconnect();
});

test('erasing the applicant removes every file: no chunk remains and links answer 404', async () => {
  const session = await applicantSession(f, {name: 'To Erase'});
  const headers = {authorization: `Bearer ${session.token}`, origin: FIRM_ORIGIN};
  const s = connect(f.url, session.token, FIRM_ORIGIN);
  const {conversation: c} = await ok<JoinResult>(call(s, 'conversation:open', {}));
  const sent = [await upload(doc.pdf('a', 400_000), 'a.pdf', {conversationId: c.id, headers}), await upload(doc.png(), 'b.png', {conversationId: c.id, headers})];
  const ids = sent.map((r) => new (f.backend.db.base.Types.ObjectId)(r.body.attachment.id as string));
  const url = (await linkFor(sent[0].body.attachment.id)).body.url;
  assert.ok((await f.backend.services.files.countChunks(ids)) > 0);
  const erase = await fetch(`${f.url}/api/v1/applicants/${session.applicant.id}`, {method: 'DELETE', headers: asLawyer});
  assert.equal(erase.status, 200);
  assert.equal((await erase.json()).other.attachments, 2);
  assert.equal(await f.backend.services.files.countChunks(ids), 0, 'no chunk remains');
  assert.equal(await db.collection('attachments.files').countDocuments({_id: {$in: ids}}), 0);
  assert.equal((await fetch(url)).status, 404);
  s.disconnect();
});

test('per-conversation limits: past the file count the upload is refused with a reason', async () => {
  const session = await applicantSession(f);
  const headers = {authorization: `Bearer ${session.token}`, origin: FIRM_ORIGIN};
  const s = connect(f.url, session.token, FIRM_ORIGIN);
  const {conversation: c} = await ok<JoinResult>(call(s, 'conversation:open', {}));
  for (let i = 0; i < 12; i++) assert.equal((await upload(doc.png(8, 8, [i, i, i]), `n${i}.png`, {conversationId: c.id, headers})).status, 201);
  const full = await upload(doc.png(), 'n.png', {conversationId: c.id, headers});
  assert.equal(full.status, 409);
  assert.equal(full.body.error.reason, 'conversation_full');
  s.disconnect();
});

test('the owner narrows the accepted types in the settings: a PNG is then refused with its reason; a wrong list is refused', async () => {
  const settings = (body: unknown) => fetch(`${f.url}/api/v1/settings`, {method: 'POST', headers: {...asLawyer, 'content-type': 'application/json'}, body: JSON.stringify(body)});
  const narrowed = await settings({documentTypes: ['pdf', 'docx']});
  assert.equal(narrowed.status, 200);
  assert.deepEqual((await narrowed.json()).documentTypes, ['pdf', 'docx']);
  try {
    const png = await upload(doc.png(), 'photo.png', {headers: asApplicant});
    assert.equal(png.status, 415);
    assert.equal(png.body.error.reason, 'type_not_accepted');
    assert.equal((await upload(doc.pdf(), 'letter.pdf', {headers: asApplicant})).status, 201, 'a PDF still goes');
    for (const bad of [[], ['exe'], 'pdf']) {
      const res = await settings({documentTypes: bad});
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.match((await res.json()).error.issues[0].path, /documentTypes/);
    }
  } finally {
    const all = await settings({documentTypes: ['pdf', 'jpeg', 'png', 'webp', 'heic', 'docx', 'odt', 'txt']});
    assert.equal(all.status, 200);
  }
  assert.equal((await upload(doc.png(), 'photo.png', {headers: asApplicant})).status, 201, 'every type again');
});
