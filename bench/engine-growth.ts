// Engine growth: how the hot database operations scale with stored history. Bulk-loads
// 10k, 100k and 1M messages over 10k conversations of one firm (load time not counted),
// then times each hot query shape through Mongoose at every size and prints p50/p95 and
// the growth factor largest ÷ smallest size. A measurement, not a test.
//
//   node --import tsx bench/engine-growth.ts                         # 10k, 100k, 1M
//   BENCH_SIZES=10000,100000 node --import tsx bench/engine-growth.ts # quicker
//   MONGODB_URI=mongodb://host:port node --import tsx bench/engine-growth.ts
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import mongoose, {Types} from 'mongoose';
import {startEmbeddedDatabase} from '../backend/db/embedded.js';
import {createModels, ensureIndexes} from '../backend/models/index.js';
import {consultationModel} from '../backend/models/consultation.js';
import {MAX_CONSULTATION_MINUTES} from '../protocol/consultation.js';
import {outboxModel} from '../backend/models/outbox.js';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const LAWYERS = 20;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const BATCH = 2_000;
/** Conversations the reads are timed on: 60 messages each at every size, so a page is always full. */
const MEASURED = 20;
const MEASURED_LENGTH = 60;
const DAY = 86_400_000;

const t0 = Date.now();
const log = (line: string) => console.log(`[growth ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const own = process.env.MONGODB_URI ? undefined : mkdtempSync(path.join(os.tmpdir(), 'engine-growth-'));
const embedded = own ? await startEmbeddedDatabase({dataDir: path.join(own, 'db'), log}) : undefined;
const serverUri = embedded?.uri ?? process.env.MONGODB_URI!.replace(/^(mongodb(\+srv)?:\/\/[^/]+).*$/, '$1');
const conn = await mongoose.createConnection(`${serverUri}/growth_${randomBytes(4).toString('hex')}`, {maxPoolSize: 20}).asPromise();
const models = createModels(conn);
const Consultation = consultationModel(conn);
const Outbox = outboxModel(conn);
await ensureIndexes(models);
await Consultation.createIndexes();
await Outbox.createIndexes();

const firmId = new Types.ObjectId();
const lawyers = Array.from({length: LAWYERS}, () => new Types.ObjectId());
const convs = Array.from({length: CONVERSATIONS}, () => ({_id: new Types.ObjectId(), applicantId: new Types.ObjectId(), tip: 0}));
const pick = <T>(a: T[]): T => a[Math.floor(Math.random() * a.length)];
const body = 'Hello, I would like to ask about my visa application and the documents I need to bring.';

function message(c: (typeof convs)[number], seq: number, at: Date) {
  const applicant = seq % 2 === 1;
  return {
    _id: new Types.ObjectId(), conversationId: c._id, firmId, seq,
    sender: applicant ? {kind: 'applicant', id: c.applicantId, name: 'Visitor'} : {kind: 'lawyer', id: lawyers[seq % LAWYERS], name: 'Lawyer'},
    kind: 'text', body, clientId: `c-${c._id}-${seq}`, counts: {applicant: Math.ceil(seq / 2), lawyer: Math.floor(seq / 2)},
    system: null, consultationId: null, consultation: null, createdAt: at, deletedAt: null, deletedBy: null,
  };
}

async function insertInBatches(coll: mongoose.Collection, docs: () => Generator<object>): Promise<void> {
  let batch: object[] = [];
  for (const d of docs()) {
    batch.push(d);
    if (batch.length === BATCH) {
      await coll.insertMany(batch, {ordered: false});
      batch = [];
    }
  }
  if (batch.length) await coll.insertMany(batch, {ordered: false});
}

log(`seeding ${CONVERSATIONS} conversations of one firm`);
await insertInBatches(models.Conversation.collection, function* () {
  for (const [i, c] of convs.entries()) {
    yield {
      _id: c._id, firmId, applicantId: c.applicantId, assignedLawyerIds: [lawyers[i % LAWYERS]], status: i % 10 === 0 ? 'closed' : 'open', topic: null,
      lastSeq: 0, counts: {applicant: 0, lawyer: 0}, cursors: {}, lastMessageAt: new Date(Date.now() - i * 60_000), lastMessagePreview: body, createdAt: new Date(), updatedAt: new Date(),
    };
  }
});

let stored = 0;
const sampleIds: Types.ObjectId[] = [];
const measured = convs.slice(0, MEASURED);
const bulk = convs.slice(MEASURED);
/** Messages round-robin over the conversations; consultations and outbox jobs grow with them (1 per 100 messages). */
async function growTo(size: number): Promise<void> {
  const from = stored;
  await insertInBatches(models.Message.collection, function* () {
    let i = from;
    if (from === 0) {
      for (const c of measured) for (let n = 0; n < MEASURED_LENGTH; n++, i++) yield message(c, ++c.tip, new Date());
    }
    for (; i < size; i++) {
      const c = bulk[i % bulk.length];
      c.tip++;
      const m = message(c, c.tip, new Date(Date.now() - (size - i) * 1000));
      if (i % 97 === 0) sampleIds.push(m._id);
      yield m;
    }
  });
  await insertInBatches(Consultation.collection, function* () {
    for (let i = Math.floor(from / 100); i < Math.floor(size / 100); i++) {
      const c = convs[i % CONVERSATIONS];
      const start = new Date(Date.now() - (i % 700) * DAY + (i % 9) * 3_600_000);
      const person = {name: 'P', email: 'p@example.com'};
      yield {
        conversationId: c._id, firmId, lawyerId: lawyers[i % LAWYERS], applicantId: c.applicantId, lawyer: person, applicant: person, title: 'Consultation',
        start, end: new Date(start.getTime() + 3_600_000), lawyerTimeZone: 'UTC', applicantTimeZone: 'UTC', provider: 'personal', status: 'scheduled',
        sequence: 0, icalUid: `uid-${i}@growth`, invites: [], createdAt: new Date(), updatedAt: new Date(),
      };
    }
  });
  await insertInBatches(Outbox.collection, function* () {
    for (let i = Math.floor(from / 100); i < Math.floor(size / 100); i++) {
      yield {
        kind: 'consultation-invite', consultationId: null, recipientRole: 'applicant', payload: {from: 'a@b.c', to: ['d@e.f'], replyTo: [], subject: 's', html: 'h', text: 't', attachments: []},
        idempotencyKey: `k-${i}`, status: i < 40 ? 'pending' : 'sent', attempts: 1, attemptsBase: 0,
        nextAttemptAt: new Date(Date.now() - (i % 1000) * 60_000), lockedUntil: new Date(0), lockedBy: null, lastError: null, providerMessageId: null, sentAt: null, createdAt: new Date(), updatedAt: new Date(),
      };
    }
  });
  stored = size;
}

const {Message, Conversation} = models;
/** Hot operations, each a function of a random conversation; the shapes the services use. */
const operations: Record<string, () => Promise<unknown>> = {
  'send (insert + conversation summary)': async () => {
    const c = pick(bulk);
    c.tip++;
    await Message.collection.insertOne(message(c, c.tip, new Date()));
    await Conversation.updateOne({_id: c._id}, {$max: {lastSeq: c.tip}, $set: {lastMessageAt: new Date(), lastMessagePreview: body}});
  },
  'catch-up (seq > N, sort seq, limit 51; 20 returned)': () => {
    const c = pick(measured);
    return Message.find({conversationId: c._id, seq: {$gt: c.tip - 20}}).sort({seq: 1}).limit(51).lean();
  },
  'history page (seq < N, sort seq desc, limit 51)': () => {
    const c = pick(measured);
    return Message.find({conversationId: c._id, seq: {$lt: c.tip}}).sort({seq: -1}).limit(51).lean();
  },
  'duplicate resend (conv, sender.id, clientId)': () => {
    const c = pick(measured);
    const seq = 1 + Math.floor(Math.random() * c.tip);
    return Message.findOne({conversationId: c._id, 'sender.id': seq % 2 === 1 ? c.applicantId : lawyers[seq % LAWYERS], clientId: `c-${c._id}-${seq}`}).lean();
  },
  'newest message (sort seq desc, limit 1)': () => Message.findOne({conversationId: pick(measured)._id}).sort({seq: -1}).select({seq: 1, counts: 1}).lean(),
  'message by _id': () => Message.findById(pick(sampleIds)).lean(),
  'conversation findOneAndUpdate by _id': () => Conversation.findOneAndUpdate({_id: pick(convs)._id}, {$set: {'cursors.x': {seq: 1}}}, {new: true}).lean(),
  'inbox first page (firm, open, sort lastMessageAt desc, 30)': () => Conversation.find({firmId, status: 'open'}).sort({lastMessageAt: -1}).limit(30).lean(),
  "lawyer's consultations overlap check (as the service asks)": () => {
    const start = new Date(Date.now() + DAY);
    return Consultation.findOne({lawyerId: pick(lawyers), status: 'scheduled', start: {$lt: new Date(start.getTime() + 3_600_000)}, end: {$gt: start}}).lean();
  },
  // The same check bounded below by the longest consultation: reads only the lawyer's consultations near the slot.
  "lawyer's consultations overlap check (start bounded below)": () => {
    const start = new Date(Date.now() + DAY);
    return Consultation.findOne({lawyerId: pick(lawyers), status: 'scheduled', start: {$gt: new Date(start.getTime() - MAX_CONSULTATION_MINUTES * 60_000), $lt: new Date(start.getTime() + 3_600_000)}, end: {$gt: start}}).lean();
  },
  'outbox due jobs (pending, nextAttemptAt <= now, sort)': () => {
    const now = new Date();
    return Outbox.find({status: 'pending', nextAttemptAt: {$lte: now}, lockedUntil: {$lte: now}}).sort({nextAttemptAt: 1}).limit(16).lean();
  },
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const results: Record<string, {p50: number; p95: number}[]> = {};
for (const size of SIZES) {
  const loadStart = Date.now();
  log(`loading up to ${size} messages…`);
  await growTo(size);
  log(`loaded in ${((Date.now() - loadStart) / 1000).toFixed(0)} s; measuring ${SAMPLES} samples per operation`);
  for (const [name, op] of Object.entries(operations)) {
    for (let i = 0; i < 5; i++) await op(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t = performance.now();
      await op();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    (results[name] ??= []).push({p50: percentile(times, 50), p95: percentile(times, 95)});
  }
}

const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
const header = ['operation', ...SIZES.map((s) => `p50 / p95 ms @ ${label(s)}`), `p95 growth ${label(SIZES.at(-1)!)}÷${label(SIZES[0])}`];
const lines = Object.entries(results).map(([name, r]) => [name, ...r.map((x) => `${x.p50.toFixed(2)} / ${x.p95.toFixed(2)}`), `${(r.at(-1)!.p95 / r[0].p95).toFixed(2)}×`]);
console.log(`\nEngine: ${embedded ? 'embedded FerretDB (SQLite)' : 'MONGODB_URI'}; ${CONVERSATIONS} conversations, ${SAMPLES} samples per cell\n`);
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const l of lines) console.log(`| ${l.join(' | ')} |`);

await conn.dropDatabase().catch(() => {});
await conn.close();
await embedded?.stop();
if (own) rmSync(own, {recursive: true, force: true});
