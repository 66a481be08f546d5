// One booking change at a time per lawyer, without transactions: built on inserts against a
// unique `_id` alone, which every supported database checks atomically.
//
// Each holder inserts `<lawyer>:<generation>` with generation = latest + 1, and only after
// seeing the latest one released or expired. Two contenders compute the same generation and
// the unique `_id` lets one win. A holder that crashed is taken over once its lease expires.
// Only the holder ever writes its own document (to release it), so no update can be lost.
//
// Why not "check, then insert": two requests can both see a free slot and both insert. Under
// the lock, the overlap check and the write happen while no other change for that lawyer can.
import {randomBytes} from 'node:crypto';
import type {Connection, Types} from 'mongoose';
import {AppError} from '../errors.js';
import {lawyerLockModel} from '../models/consultation.js';

export interface LockOptions {
  /** Longest a holder may keep it; longer than the provider calls made while holding it. */
  leaseMs?: number;
  /** How long to wait for another holder before giving up with `conflict`. */
  waitMs?: number;
}

export async function withLawyerLock<T>(db: Connection, lawyerId: Types.ObjectId, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const Lock = lawyerLockModel(db);
  const owner = randomBytes(8).toString('hex');
  const leaseMs = opts.leaseMs ?? 60_000;
  const deadline = Date.now() + (opts.waitMs ?? 10_000);
  let mine: string | undefined;
  let generation = 0;
  while (!mine) {
    const latest = await Lock.findOne({lawyerId}).sort({generation: -1}).lean();
    const now = Date.now();
    if (!latest || latest.released || latest.expiresAt.getTime() <= now) {
      generation = (latest?.generation ?? 0) + 1;
      const _id = `${lawyerId}:${generation}`;
      try {
        await Lock.create({_id, lawyerId, generation, owner, expiresAt: new Date(now + leaseMs), released: false});
        // Old generations are pruned, so a stale contender could re-create one: make sure ours is the newest.
        const newest = await Lock.findOne({lawyerId}).sort({generation: -1}).lean();
        if (newest?._id === _id) mine = _id;
        else await Lock.deleteOne({_id, owner});
      } catch (err) {
        if ((err as {code?: number}).code !== 11000) throw err;
      }
      if (mine) break;
    }
    if (Date.now() >= deadline) throw new AppError('conflict', "another change to this lawyer's calendar is in progress; try again in a moment", {retryAfter: 2});
    await new Promise((r) => setTimeout(r, 15 + Math.random() * 50));
  }
  try {
    return await fn();
  } finally {
    await Lock.updateOne({_id: mine, owner}, {$set: {released: true}}).catch(() => {});
    await Lock.deleteMany({lawyerId, generation: {$lt: generation}}).catch(() => {});
  }
}
