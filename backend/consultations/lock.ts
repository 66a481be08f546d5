// One booking change at a time per lawyer, without transactions. The lock is a document whose
// `_id` is the lawyer id: the unique `_id` lets only one holder exist, and an upsert that
// matches only an expired lease lets a new holder take over after a crash.
//
// Why not "check, then insert": two requests can both see a free slot and both insert. With
// the lock, the overlap check and the write happen while no other booking for that lawyer can.
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
  for (;;) {
    const now = new Date();
    try {
      await Lock.findOneAndUpdate(
        {_id: lawyerId, expiresAt: {$lte: now}},
        {$set: {owner, expiresAt: new Date(now.getTime() + leaseMs)}},
        {upsert: true},
      );
      break;
    } catch (err) {
      if ((err as {code?: number}).code !== 11000) throw err;
    }
    if (Date.now() >= deadline) throw new AppError('conflict', "another change to this lawyer's calendar is in progress; try again in a moment", {retryAfter: 2});
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 60));
  }
  try {
    return await fn();
  } finally {
    await Lock.deleteOne({_id: lawyerId, owner}).catch(() => {});
  }
}
