// The embedded engine's filter and sort pushdown (scripts/ferretdb/sqlite-pushdown.patch):
// on fields with indexes and values of every type, including arrays and missing fields, a
// query returns what the server's semantics in plain JS give; and every hot query shape of
// the app reads an index (the engine's explain), never a whole table.
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import mongoose, {mongo, Types, type Model} from 'mongoose';
import {createModels} from '../models/index.js';
import {consultationModel, lawyerLockModel} from '../models/consultation.js';
import {outboxClaimModel, outboxModel} from '../models/outbox.js';
import {testDatabaseUri} from './helpers.js';
import {compareDocs, matches, toFilter, type Cond, type Doc, type Scalar, type Value} from './query-oracle.js';

const conn = await mongoose.createConnection(await testDatabaseUri()).asPromise();
after(async () => {
  await conn.dropDatabase().catch(() => {});
  await conn.close();
});

const {Double, Int32, Long, ObjectId} = mongo;
const oids = [new ObjectId(), new ObjectId(), new ObjectId()];
const dates = [new Date(0), new Date(2), new Date(1_700_000_000_000)];
/** Few distinct values of every type, so that queries hit: 2 as an int, a long, a double, a date (2 ms) … */
const exactScalar: fc.Arbitrary<Scalar> = fc.oneof(
  fc.integer({min: -2, max: 3}),
  fc.constantFrom<Scalar>(new Long(2), new Long(-1), new Int32(0)),
  fc.constantFrom('', 'a', 'b', 'ab', oids[0].toHexString()),
  fc.constantFrom(...oids),
  fc.boolean(),
  fc.constantFrom(...dates),
  fc.constant(null),
);
/** Doubles: stored ones make the engine fall back to reading without the index. */
const scalar: fc.Arbitrary<Scalar> = fc.oneof({weight: 4, arbitrary: exactScalar}, fc.constantFrom<Scalar>(new Double(2), new Double(2.5), new Double(-0), 0.5, 1e300));
/** Half of the runs store only what the index orders exactly (no arrays, no doubles), so the pushdown is used. */
const docs = fc.boolean().chain((odd) => {
  const s = odd ? scalar : exactScalar;
  const value: fc.Arbitrary<Value> = fc.oneof(
    {weight: 5, arbitrary: s},
    ...(odd ? [{weight: 2, arbitrary: fc.array(s, {minLength: 1, maxLength: 3})}] : []),
    {weight: 1, arbitrary: fc.constant(undefined)},
  );
  const nested: fc.Arbitrary<Value> = fc.oneof(
    fc.record({x: value}, {requiredKeys: []}),
    ...(odd ? [fc.array(fc.record({x: s}, {requiredKeys: []}), {minLength: 1, maxLength: 2})] : []),
    s,
    fc.constant(undefined),
  );
  const doc = (i: number) => fc.record({a: value, b: value, n: nested}, {requiredKeys: []}).map((d) => ({_id: i, ...d}) as Doc);
  return fc.integer({min: 0, max: 25}).chain((n) => fc.tuple(...Array.from({length: n}, (_, i) => doc(i))));
});

const rangeValue = fc.oneof(fc.integer({min: -2, max: 3}), fc.constantFrom(2.5, -0.5), fc.constantFrom(...dates));
const cond: fc.Arbitrary<Cond> = fc.oneof(
  scalar.map((eq) => ({eq})),
  fc.array(scalar, {minLength: 1, maxLength: 3}).map((values) => ({in: values})),
  fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte' as const), rangeValue).map(([op, v]) => ({op, v})),
);
const nonNullCond = cond.filter((c) => ('eq' in c ? c.eq !== null : 'in' in c ? !c.in.includes(null) : true));
const query = fc.record({
  filter: fc.record({a: cond, b: cond, 'n.x': nonNullCond}, {requiredKeys: []}),
  sort: fc.option(fc.tuple(fc.constantFrom('a' as const, 'b' as const), fc.constantFrom(1 as const, -1 as const))),
  limit: fc.option(fc.integer({min: 1, max: 4})),
});

/** Strips undefined fields (missing, not null) before they are written. */
function stored(d: Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out[k] = v.map((e) => (typeof e === 'object' && e && !('_bsontype' in e) && !(e instanceof Date) ? stored(e as Doc) : e));
    else if (v && typeof v === 'object' && !('_bsontype' in v) && !(v instanceof Date)) out[k] = stored(v as Doc);
    else out[k] = v;
  }
  return out;
}

test('queries on indexed fields return what the query semantics give, for values of every type', async () => {
  const coll = conn.db!.collection('mixed');
  await fc.assert(
    fc.asyncProperty(docs, fc.array(query, {minLength: 1, maxLength: 8}), async (inserted, queries) => {
      await coll.drop().catch(() => {});
      await coll.createIndexes([{key: {a: 1}}, {key: {a: 1, b: -1}}, {key: {b: 1}}, {key: {'n.x': 1}}]);
      if (inserted.length) await coll.insertMany(inserted.map(stored));
      const byId = new Map(inserted.map((d) => [d._id, d]));
      for (const q of queries) {
        let cursor = coll.find(toFilter(q.filter));
        if (q.sort) cursor = cursor.sort({[q.sort[0]]: q.sort[1]});
        if (q.limit) cursor = cursor.limit(q.limit);
        const got = (await cursor.toArray()).map((d) => byId.get(d._id as unknown as number)!);
        const want = inserted.filter((d) => matches(d, q.filter));
        const label = JSON.stringify(q);
        if (q.sort) want.sort((x, y) => compareDocs(x, y, q.sort![0], q.sort![1]));
        assert.equal(got.length, Math.min(want.length, q.limit ?? Infinity), `count for ${label}`);
        const wantIds = new Set(want.map((d) => d._id));
        for (const d of got) assert.ok(wantIds.has(d._id), `document ${d._id} matches ${label}`);
        if (!q.limit) assert.deepEqual(new Set(got.map((d) => d._id)), wantIds, `all matches of ${label}`);
        // In sort order: each returned document sorts like the expected one at its place (ties may swap).
        if (q.sort) got.forEach((d, i) => assert.equal(compareDocs(d, want[i], q.sort![0], q.sort![1]), 0, `position ${i} of ${label}`));
      }
    }),
    {numRuns: Number(process.env.PUSHDOWN_RUNS ?? 60), includeErrorInReport: true},
  );
});

/** The engine's own plan (explain) for a query: which index, whether it sorts, and the SQL plan lines. */
async function plan(collection: string, filter: object, sort?: object, limit?: number) {
  const e = await conn.db!.command({explain: {find: collection, filter, ...(sort ? {sort} : {}), ...(limit ? {limit} : {})}});
  return e.queryPlanner as {Index: string; Sorted: boolean; Plan: string[]; Probe: string[]};
}

test('every hot query shape of the app reads an index, and sorts by it where it sorts', {skip: !(await isFerretdb()) && 'the server is not FerretDB'}, async () => {
  const models = createModels(conn);
  const Consultation = consultationModel(conn);
  const Outbox = outboxModel(conn);
  const Lock = lawyerLockModel(conn);
  const Claim = outboxClaimModel(conn);
  for (const m of [...Object.values(models), Consultation, Outbox, Lock, Claim] as Model<unknown>[]) await m.createIndexes();
  const [firmId, conversationId, applicantId, lawyerId, jobId] = Array.from({length: 5}, () => new Types.ObjectId());
  // A few documents of the shapes the services write, so that the collections exist.
  await models.Message.collection.insertMany([1, 2, 3].map((seq) => ({conversationId, firmId, seq, sender: {kind: 'applicant', id: applicantId, name: null}, kind: 'text', clientId: `c${seq}`, consultationId: null, deletedAt: null})));
  await models.Conversation.collection.insertOne({_id: conversationId, firmId, applicantId, assignedLawyerIds: [lawyerId], status: 'open', lastMessageAt: new Date(), createdAt: new Date()});
  await models.Applicant.collection.insertOne({_id: applicantId, firmId, identityKey: 'k', email: 'a@example.com'});
  await models.Lawyer.collection.insertOne({_id: lawyerId, firmId, email: 'l@example.com', name: 'L'});
  await models.Firm.collection.insertOne({_id: firmId, siteKey: 'site_pk_x'});
  await Consultation.collection.insertOne({conversationId, lawyerId, status: 'scheduled', start: new Date(), end: new Date(), icalUid: 'u'});
  await Outbox.collection.insertOne({_id: jobId, idempotencyKey: 'i', status: 'pending', nextAttemptAt: new Date(), lockedUntil: new Date(0), createdAt: new Date()});
  await Lock.collection.insertOne({_id: `${lawyerId}:1`, lawyerId, generation: 1} as never);
  await Claim.collection.insertOne({_id: `${jobId}:1`, jobId} as never);
  const now = new Date();

  const shapes: [string, string, string, object, object?, number?][] = [
    ['catch-up', 'messages', 'conversationId_1_seq_1', {conversationId, seq: {$gt: 1}}, {seq: 1}, 51],
    ['history page', 'messages', 'conversationId_1_seq_1', {conversationId, seq: {$lt: 3}}, {seq: -1}, 51],
    ['newest message', 'messages', 'conversationId_1_seq_1', {conversationId}, {seq: -1}, 1],
    ['read receipt', 'messages', 'conversationId_1_seq_1', {conversationId, seq: {$lte: 2}}, {seq: -1}, 1],
    ['consultation cards', 'messages', 'conversationId_1_seq_1', {conversationId, kind: 'consultation'}, {seq: -1}],
    ['duplicate resend', 'messages', 'conversationId_1_sender.id_1_clientId_1', {conversationId, 'sender.id': applicantId, clientId: 'c1'}],
    ['message by id', 'messages', '_id_', {_id: new Types.ObjectId(), conversationId}],
    ['delete a message', 'messages', '_id_', {_id: new Types.ObjectId(), deletedAt: null}],
    ['card update', 'messages', 'consultationId_1', {consultationId: new Types.ObjectId(), kind: 'consultation'}],
    ['erase conversations', 'messages', 'conversationId_1_seq_1', {conversationId: {$in: [conversationId, new Types.ObjectId()]}}],
    ['conversation by id', 'conversations', '_id_', {_id: conversationId}],
    ['inbox page', 'conversations', 'firmId_1_lastMessageAt_-1', {firmId, status: 'open'}, {lastMessageAt: -1}, 30],
    ['inbox, mine, before', 'conversations', 'firmId_1_lastMessageAt_-1', {firmId, assignedLawyerIds: lawyerId, lastMessageAt: {$lt: now}}, {lastMessageAt: -1}, 30],
    ["applicant's conversation", 'conversations', 'applicantId_1_createdAt_-1', {applicantId}, {createdAt: -1}, 1],
    ['inbox applicants', 'applicants', '_id_', {_id: {$in: [applicantId, new Types.ObjectId()]}}],
    ['applicant by identity', 'applicants', 'identityKey_1', {identityKey: 'k'}],
    ['firm by site key', 'firms', 'siteKey_1', {siteKey: 'site_pk_x'}],
    ['lawyer by email', 'lawyers', 'email_1', {email: 'l@example.com'}],
    ["firm's lawyers", 'lawyers', 'firmId_1', {firmId}],
    ['consultation overlap', 'consultations', 'lawyerId_1_status_1_start_1', {lawyerId, status: 'scheduled', start: {$lt: now}, end: {$gt: now}}],
    ['outbox due jobs', 'outbox', 'status_1_nextAttemptAt_1', {status: 'pending', nextAttemptAt: {$lte: now}, lockedUntil: {$lte: now}}, {nextAttemptAt: 1}, 16],
    ['outbox by key', 'outbox', 'idempotencyKey_1', {idempotencyKey: 'i'}],
    ['lawyer lock', 'consultation_locks', 'lawyerId_1_generation_-1', {lawyerId}, {generation: -1}, 1],
    ['old lock generations', 'consultation_locks', 'lawyerId_1_generation_-1', {lawyerId, generation: {$lt: 2}}],
    ['claims of a job', 'outbox_claims', 'jobId_1', {jobId}],
  ];
  for (const [name, collection, index, filter, sort, limit] of shapes) {
    const p = await plan(collection, filter, sort, limit);
    assert.ok(p.Index?.endsWith(`_${index}`), `${name}: reads ${index}, not ${p.Index || 'the table'}`);
    assert.ok(p.Plan.some((l) => l.includes(`SEARCH`) && l.includes(`USING INDEX ${p.Index}`)), `${name}: ${p.Plan.join('; ')}`);
    for (const line of [...p.Plan, ...p.Probe.filter((l) => !l.includes('CONSTANT ROW'))]) {
      assert.doesNotMatch(line, /\bSCAN\b|TEMP B-TREE/, `${name}: ${line}`);
    }
    if (sort) assert.equal(p.Sorted, true, `${name}: rows come in index order`);
  }
  // An _id is never an array: equality with an ObjectId or a string needs no probe (a second
  // statement before every update and lookup by _id); any other _id filter keeps it.
  assert.deepEqual((await plan('conversations', {_id: conversationId})).Probe, []);
  assert.deepEqual((await plan('firms', {_id: 'a-string-id'})).Probe, []);
  assert.notDeepEqual((await plan('applicants', {_id: {$in: [applicantId, new Types.ObjectId()]}})).Probe, []);
});

/** Explain plans of this shape come from FerretDB; another server (MONGODB_URI) plans its own way. */
async function isFerretdb(): Promise<boolean> {
  return 'ferretdbVersion' in (await conn.db!.command({buildInfo: 1}));
}
