// Conversation summaries (lastSeq, counts, preview, lastMessageAt) are written behind: after
// the message is acknowledged and broadcast, one write per conversation at a time, at most one
// a second per conversation; messages that arrive meanwhile share the next write. Readers in
// this process wait for it (`settled`); other processes see it at most a second late (their
// live view comes from the broadcast). The messages are the truth; a crash can leave a summary
// one write behind, which the next message repairs ($max).
import {Types} from 'mongoose';
import type {Message, Models} from '../models/index.js';

/** How long a conversation summary write waits to take in more messages. */
const SUMMARY_DELAY_MS = 200;
/** A busy conversation's summary is written at most this often (each write costs the engine more than a message insert). */
const SUMMARY_INTERVAL_MS = 1_000;

export interface Summary {
  seq: number;
  counts: Message['counts'];
  at: Date;
  preview: string | null;
  reopen: boolean;
}

export function createSummaryWriter(deps: {models: Models}) {
  const {Conversation} = deps.models;
  /** Per conversation: the merged summary not yet written, and who waits for its write. */
  const pending = new Map<string, {summary: Summary; written: Promise<void>; done: () => void}>();
  /** Per conversation: the write in flight, if any (one at a time). */
  const inFlight = new Map<string, Promise<void>>();
  /** Per conversation: the flush loop, while it runs. */
  const flushing = new Map<string, Promise<void>>();
  /** Cuts a flush's wait short: a reader needs the summary now. */
  const wakers = new Map<string, () => void>();
  /** Conversations a reader waits for: their next write does not wait. */
  const urgent = new Set<string>();
  /** When each conversation's summary was last written here (forgotten after a quiet interval). */
  const lastWrite = new Map<string, number>();

  function merge(cur: Summary | undefined, next: Summary): Summary {
    if (!cur) return next;
    const newer = next.seq >= cur.seq;
    return {
      seq: Math.max(cur.seq, next.seq),
      counts: newer ? next.counts : cur.counts,
      at: newer ? next.at : cur.at,
      preview: (newer ? next.preview : cur.preview) ?? cur.preview ?? next.preview,
      reopen: cur.reopen || next.reopen,
    };
  }

  async function write(id: string, s: Summary): Promise<void> {
    const set: Record<string, unknown> = {lastMessageAt: s.at};
    if (s.preview !== null) set.lastMessagePreview = s.preview;
    if (s.reopen) set.status = 'open';
    const $max = {lastSeq: s.seq, 'counts.applicant': s.counts.applicant, 'counts.lawyer': s.counts.lawyer};
    // One atomic update: $max keeps the counters from moving back when another process's
    // summary (or a receipt) writes the same conversation at the same moment.
    await Conversation.updateOne({_id: new Types.ObjectId(id)}, {$max, $set: set})
      .catch(() => {}); // the next message's summary carries the same values forward
    lastWrite.set(id, Date.now());
  }

  async function flush(id: string): Promise<void> {
    // Until nothing is left: wait a little (and at least a second after this conversation's
    // last write) so a busy conversation's messages share one write; a reader cuts it short.
    for (let next = pending.get(id); next; next = pending.get(id)) {
      const wait = urgent.delete(id) ? 0 : Math.max(SUMMARY_DELAY_MS, (lastWrite.get(id) ?? 0) + SUMMARY_INTERVAL_MS - Date.now());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wakers.set(id, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      wakers.delete(id);
      urgent.delete(id); // this write serves whoever woke it
      const taken = pending.get(id)!;
      pending.delete(id);
      const writing = write(id, taken.summary);
      inFlight.set(id, writing);
      await writing;
      inFlight.delete(id);
      taken.done();
    }
    forgetQuiet();
  }

  /** Drops write times older than the interval, so the map holds busy conversations only. */
  function forgetQuiet(): void {
    if (lastWrite.size < 1_000) return;
    const before = Date.now() - SUMMARY_INTERVAL_MS;
    for (const [id, at] of lastWrite) if (at < before) lastWrite.delete(id);
  }

  /** Resolves once everything this process knew of the conversation's summary is written. */
  async function settledOne(id: string): Promise<void> {
    const waiting = pending.get(id)?.written;
    if (waiting) urgent.add(id);
    wakers.get(id)?.();
    await inFlight.get(id);
    await waiting;
  }

  return {
    /** Queues a summary write; resolves once it (and any merged into it) is written. */
    schedule(id: string, next: Summary): Promise<void> {
      const had = pending.get(id);
      if (had) {
        had.summary = merge(had.summary, next);
      } else {
        let done!: () => void;
        const written = new Promise<void>((resolve) => {
          done = resolve;
        });
        pending.set(id, {summary: next, written, done});
      }
      if (!flushing.has(id)) flushing.set(id, flush(id).finally(() => flushing.delete(id)));
      return pending.get(id)!.written;
    },

    /** Waits for this process's summary writes (one conversation, or all), so reads see them. */
    async settled(id?: string): Promise<void> {
      if (id !== undefined) return settledOne(id);
      await Promise.all([...new Set([...pending.keys(), ...inFlight.keys()])].map(settledOne));
    },
  };
}

export type SummaryWriter = ReturnType<typeof createSummaryWriter>;
