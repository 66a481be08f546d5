// Writes the database of backend/test/fixtures/ferretdb-unpatched: the app's collections and
// indexes as an install made them before sqlite-pushdown.patch. Run against an UNPATCHED
// FerretDB v1.24.2 (SQLite) started on an empty folder, stop it (SIGTERM, so the WAL is
// checkpointed), then copy `legacy.sqlite` from that folder into the fixture folder:
//
//   MONGODB_URI=mongodb://127.0.0.1:PORT node --import tsx scripts/ferretdb/legacy-fixture.ts
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import mongoose, {Types, type Model} from 'mongoose';
import {projectRoot} from '../../backend/paths.js';
import {createModels} from '../../backend/models/index.js';
import {consultationModel, lawyerLockModel} from '../../backend/models/consultation.js';
import {outboxClaimModel, outboxModel} from '../../backend/models/outbox.js';

const uri = process.env.MONGODB_URI!.replace(/^(mongodb:\/\/[^/]+).*$/, '$1');
const conn = await mongoose.createConnection(`${uri}/legacy`).asPromise();
const models = {...createModels(conn), Consultation: consultationModel(conn), Outbox: outboxModel(conn), Lock: lawyerLockModel(conn), Claim: outboxClaimModel(conn)};
for (const m of Object.values(models) as Model<unknown>[]) await m.createIndexes();

const firmId = new Types.ObjectId();
const lawyers = [new Types.ObjectId(), new Types.ObjectId()];
await models.Firm.collection.insertOne({_id: firmId, name: 'Legacy & Co', siteKey: 'site_pk_legacy', allowedOrigins: ['https://legacy.example'], createdAt: new Date()});
await models.Lawyer.collection.insertMany(lawyers.map((_id, i) => ({_id, firmId, name: `Lawyer ${i}`, email: `l${i}@legacy.example`, role: 'lawyer'})));
for (let c = 0; c < 6; c++) {
  const conversationId = new Types.ObjectId();
  const applicantId = new Types.ObjectId();
  await models.Applicant.collection.insertOne({_id: applicantId, firmId, identityKey: `legacy:${c}`, email: `a${c}@example.com`, name: `Applicant ${c}`});
  await models.Conversation.collection.insertOne({
    _id: conversationId, firmId, applicantId, assignedLawyerIds: c % 2 ? [lawyers[0]] : [], status: c === 5 ? 'closed' : 'open', topic: null,
    lastSeq: 8, counts: {applicant: 4, lawyer: 4}, cursors: {}, lastMessageAt: new Date(Date.now() - c * 3_600_000), lastMessagePreview: 'bye', createdAt: new Date(), updatedAt: new Date(),
  });
  await models.Message.collection.insertMany(Array.from({length: 8}, (_, i) => ({
    conversationId, firmId, seq: i + 1, sender: i % 2 ? {kind: 'lawyer', id: lawyers[0], name: 'Lawyer 0'} : {kind: 'applicant', id: applicantId, name: null},
    kind: 'text', body: `message ${i + 1}`, clientId: `legacy-${c}-${i}`, counts: {applicant: Math.ceil((i + 1) / 2), lawyer: Math.floor((i + 1) / 2)},
    system: null, consultationId: null, consultation: null, createdAt: new Date(), deletedAt: null, deletedBy: null,
  })));
  await models.Consultation.collection.insertOne({conversationId, firmId, lawyerId: lawyers[c % 2], applicantId, title: 'Consultation', status: 'scheduled', start: new Date(Date.now() + c * 86_400_000), end: new Date(Date.now() + c * 86_400_000 + 3_600_000), icalUid: `legacy-${c}@example`});
  await models.Outbox.collection.insertOne({kind: 'invite', idempotencyKey: `legacy-${c}`, status: c % 3 ? 'sent' : 'pending', attempts: 0, nextAttemptAt: new Date(), lockedUntil: new Date(0), createdAt: new Date()});
}
await models.Lock.collection.insertOne({_id: `${lawyers[0]}:1`, lawyerId: lawyers[0], generation: 1, owner: 'x', expiresAt: new Date(), released: true} as never);

const counts: Record<string, number> = {};
for (const m of Object.values(models) as Model<unknown>[]) counts[m.collection.collectionName] = await m.countDocuments();
writeFileSync(path.join(projectRoot, 'backend/test/fixtures/ferretdb-unpatched/counts.json'), `${JSON.stringify(counts, null, 2)}\n`);
console.log(counts);
await conn.close();
