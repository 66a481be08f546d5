// Do concurrent updates of one document lose writes? Through Mongoose, on a fresh database:
// 50 concurrent `$inc` (expect 50) and 20 concurrent claims `{_id, claimedBy: null}` →
// `$set: {claimedBy}` (expect exactly one modified).
//
//   node --import tsx scripts/ferretdb/isolation-check.ts        # embedded database, temp dir
//   MONGODB_URI=mongodb://127.0.0.1:27017 node --import tsx scripts/ferretdb/isolation-check.ts
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import mongoose from 'mongoose';
import {startEmbeddedDatabase} from '../../backend/db/embedded.js';

export interface IsolationResult {
  /** Value of the counter after `increments` concurrent `$inc: 1`. */
  counter: number;
  increments: number;
  /** Documents modified by `claimers` concurrent claims of one unclaimed document. */
  claimed: number;
  claimers: number;
}

/** Runs both checks on a new database of the server at `serverUri` (no database name) and drops it. */
export async function isolationCheck(serverUri: string, increments = 50, claimers = 20): Promise<IsolationResult> {
  const conn = await mongoose.createConnection(`${serverUri}/isolation_${randomBytes(4).toString('hex')}`, {maxPoolSize: increments + 10}).asPromise();
  try {
    const Job = conn.model('Job', new mongoose.Schema({n: {type: Number, default: 0}, claimedBy: {type: String, default: null}}));
    const counter = await Job.create({});
    await Promise.all(Array.from({length: increments}, () => Job.updateOne({_id: counter._id}, {$inc: {n: 1}})));
    const job = await Job.create({});
    const claims = await Promise.all(Array.from({length: claimers}, (_, i) => Job.updateOne({_id: job._id, claimedBy: null}, {$set: {claimedBy: `worker-${i}`}})));
    const after = await Job.findById(counter._id).lean();
    await conn.dropDatabase();
    return {counter: after?.n ?? 0, increments, claimed: claims.reduce((sum, r) => sum + r.modifiedCount, 0), claimers};
  } finally {
    await conn.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const own = process.env.MONGODB_URI ? undefined : mkdtempSync(path.join(os.tmpdir(), 'isolation-db-'));
  const db = own ? await startEmbeddedDatabase({dataDir: own, log: console.log}) : undefined;
  try {
    const uri = db?.uri ?? process.env.MONGODB_URI!.replace(/^(mongodb(\+srv)?:\/\/[^/]+).*$/, '$1');
    const r = await isolationCheck(uri);
    console.log(`$inc: ${r.counter} of ${r.increments} increments kept; claims: ${r.claimed} of ${r.claimers} claimers modified the document (expect 1)`);
    process.exitCode = r.counter === r.increments && r.claimed === 1 ? 0 : 1;
  } finally {
    await db?.stop();
    if (own) rmSync(own, {recursive: true, force: true});
  }
}
