// Conversation summaries (lastSeq, counts, preview, lastMessageAt) are written behind: after
// the message is acknowledged and broadcast, one write per conversation at a time; messages
// that arrive while one is in flight share the next. The messages are the truth; a crash can
// leave a summary one write behind, which the next message repairs ($max).
import {Types} from 'mongoose';
import type {Message, Models} from '../models/index.js';

/** How long a conversation summary write waits to take in more messages. */
const SUMMARY_DELAY_MS = 200;

export interface Summary {
  seq: number;
  counts: Message['counts'];
  at: Date;
  preview: string | null;
  reopen: boolean;
}

export function createSummaryWriter(deps: {models: Models}) {
  const {Conversation} = deps.models;
  const pending = new Map<string, Summary>();
  const flushing = new Map<string, Promise<void>>();
  /** Cuts a flush's wait short: a reader needs the summary now. */
  const wakers = new Map<string, () => void>();

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

  async function flush(id: string): Promise<void> {
    // Wait a little so a busy conversation's messages share one write.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, SUMMARY_DELAY_MS);
      wakers.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    wakers.delete(id);
    for (let s = pending.get(id); s; s = pending.get(id)) {
      pending.delete(id);
      const set: Record<string, unknown> = {lastMessageAt: s.at};
      if (s.preview !== null) set.lastMessagePreview = s.preview;
      if (s.reopen) set.status = 'open';
      const $max = {lastSeq: s.seq, 'counts.applicant': s.counts.applicant, 'counts.lawyer': s.counts.lawyer};
      // One atomic update: $max keeps the counters from moving back when another process's
      // summary (or a receipt) writes the same conversation at the same moment.
      await Conversation.updateOne({_id: new Types.ObjectId(id)}, {$max, $set: set})
        .catch(() => {}); // the next message's summary carries the same values forward
    }
  }

  return {
    /** Queues a summary write; resolves once it (and any merged into it) is written. */
    schedule(id: string, next: Summary): Promise<void> {
      pending.set(id, merge(pending.get(id), next));
      let running = flushing.get(id);
      if (!running) {
        running = flush(id).finally(() => flushing.delete(id));
        flushing.set(id, running);
      }
      return running;
    },

    /** Waits for this process's summary writes (one conversation, or all), so reads see them. */
    async settled(id?: string): Promise<void> {
      if (id === undefined) {
        for (const wake of wakers.values()) wake();
        await Promise.all(flushing.values());
        return;
      }
      while (flushing.has(id)) {
        wakers.get(id)?.();
        await flushing.get(id);
      }
    },
  };
}

export type SummaryWriter = ReturnType<typeof createSummaryWriter>;
