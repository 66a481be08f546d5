// The embedded engine as built by the project: FerretDB v1.24.2 exactly, with our patch (which
// refuses any other source), concurrent updates of one document not lost, and a database made
// before the patch opening with its data and its indexes in use.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {cpSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import {projectRoot} from '../paths.js';
import {applyPatch, FERRETDB_PATCH, FERRETDB_VERSION, ferretdbBuildId, installedBuildId} from '../db/ferretdb-install.js';
import {startEmbeddedDatabase} from '../db/embedded.js';
import {isolationCheck} from '../../scripts/ferretdb/isolation-check.js';
import {tempDir, testServerUri} from './helpers.js';

const fixture = path.join(projectRoot, 'backend/test/fixtures/ferretdb-unpatched');

/** The module source of the pinned version, from the Go module cache (downloaded if missing). */
function moduleSource(): string {
  const dir = tempDir('ferretdb-mod-');
  for (const f of ['go.mod', 'go.sum']) cpSync(path.join(projectRoot, 'scripts/ferretdb', f), path.join(dir, f));
  const env = {...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local'};
  return JSON.parse(execFileSync('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], {cwd: dir, env}).toString()).Dir;
}

/** A writable copy of the files the patch changes. */
function copyPatchedFiles(from: string): string {
  const to = tempDir('ferretdb-src-');
  const files = [...readFileSync(FERRETDB_PATCH, 'utf8').matchAll(/^--- a\/(\S+)$/gm)].map((m) => m[1]);
  assert.ok(files.length > 0, 'the patch changes existing files');
  for (const f of files) {
    mkdirSync(path.dirname(path.join(to, f)), {recursive: true});
    writeFileSync(path.join(to, f), readFileSync(path.join(from, f)));
  }
  return to;
}

test('the engine is FerretDB v1.24.2 with the patch, and the patch applies to that version only', async () => {
  assert.equal(FERRETDB_VERSION, 'v1.24.2');
  assert.match(readFileSync(path.join(projectRoot, 'scripts/ferretdb/go.mod'), 'utf8'), /^\s*github\.com\/FerretDB\/FerretDB v1\.24\.2\b/m);

  const source = moduleSource();
  const good = copyPatchedFiles(source);
  applyPatch(good);
  assert.match(readFileSync(path.join(good, 'internal/backends/sqlite/collection.go'), 'utf8'), /planWithProbe/);

  // Any other source (here: one changed line, as another release would have) is refused.
  const other = copyPatchedFiles(source);
  const file = path.join(other, 'internal/backends/sqlite/collection.go');
  writeFileSync(file, readFileSync(file, 'utf8').replace('\tvar whereClause string\n', '\tvar whereClause, other string\n'));
  assert.throws(() => applyPatch(other), /sqlite-pushdown\.patch does not apply to FerretDB v1\.24\.2/);

  if (!process.env.MONGODB_URI) {
    assert.equal(installedBuildId(), ferretdbBuildId(), 'the binary in .tools/bin was built from this patch');
    const conn = await mongoose.createConnection(`${await testServerUri()}/admin`).asPromise();
    try {
      assert.equal((await conn.db!.command({buildInfo: 1})).ferretdbVersion, FERRETDB_VERSION);
    } finally {
      await conn.close();
    }
  }
});

test('concurrent updates of one document are not lost', async () => {
  const r = await isolationCheck(await testServerUri());
  assert.equal(r.counter, r.increments, `${r.increments} concurrent $inc`);
  assert.equal(r.claimed, 1, `${r.claimers} concurrent claims of one unclaimed document`);
});

test('an update command of more statements than the engine has connections completes', async () => {
  // FerretDB kept every statement's reader open to the end of the command: past 100 statements
  // (its pool) the command waited for itself forever.
  const conn = await mongoose.createConnection(`${await testServerUri()}/bulk_${Date.now()}`).asPromise();
  try {
    const things = conn.db!.collection<{_id: number; n: number}>('things');
    await things.insertMany(Array.from({length: 300}, (_, i) => ({_id: i, n: 0})));
    const r = await Promise.race([
      things.bulkWrite(Array.from({length: 300}, (_, i) => ({updateOne: {filter: {_id: i}, update: {$inc: {n: 1}}}}))),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('a 300-statement update did not finish in 60 s')), 60_000).unref()),
    ]);
    assert.equal(r.modifiedCount, 300);
    assert.equal(await things.countDocuments({n: 1}), 300);
  } finally {
    await conn.dropDatabase().catch(() => {});
    await conn.close();
  }
});

test('a database made before the patch opens with every document, and its queries read indexes', {skip: !!process.env.MONGODB_URI && 'MONGODB_URI replaces the embedded engine'}, async () => {
  const dataDir = tempDir('ferretdb-legacy-');
  cpSync(path.join(fixture, 'legacy.sqlite'), path.join(dataDir, 'legacy.sqlite'));
  const before = JSON.parse(readFileSync(path.join(fixture, 'counts.json'), 'utf8')) as Record<string, number>;
  const db = await startEmbeddedDatabase({dataDir});
  const conn = await mongoose.createConnection(`${db.uri}/legacy`).asPromise();
  try {
    for (const [collection, count] of Object.entries(before)) {
      assert.equal(await conn.db!.collection(collection).countDocuments(), count, `${collection}: every document kept`);
    }
    const conv = (await conn.db!.collection('conversations').findOne({status: 'open'}))!;
    const e = await conn.db!.command({explain: {find: 'messages', filter: {conversationId: conv._id, seq: {$gt: 2}}, sort: {seq: 1}, limit: 3}});
    assert.match(e.queryPlanner.Index, /_conversationId_1_seq_1$/);
    assert.ok(e.queryPlanner.Sorted);
    const page = await conn.db!.collection('messages').find({conversationId: conv._id, seq: {$gt: 2}}).sort({seq: 1}).limit(3).toArray();
    assert.deepEqual(page.map((m) => m.seq), [3, 4, 5]);
    // The rebuilt unique indexes still refuse duplicates.
    await assert.rejects(conn.db!.collection('messages').insertOne({...page[0], _id: undefined}), /duplicate key/i);
  } finally {
    await conn.close();
    await db.stop();
  }
});
