// Read and delivered receipts: per-participant cursors that only move forward. Each receipt is
// one atomic $max on the cursor's fields, so concurrent receipts (two tabs, a burst of reads)
// leave the highest of each, whatever order they land in.
import type {CursorDto, ParticipantKind} from '../../protocol/chat.js';
import {participantKey} from '../../protocol/chat.js';
import type {SocketPrincipal as Principal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import type {Conversation, Message, Models} from '../models/index.js';
import {cursorField} from '../models/conversation.js';
import type {EventBus} from '../infra/bus.js';
import type {ChatCaches} from './caches.js';
import type {Members} from './members.js';

type Tip = Pick<Message, 'seq' | 'counts'>;
type Cursors = Pick<Conversation, 'cursors' | 'lastSeq' | 'counts'>;

function cursorOf(conv: Partial<Cursors> | null | undefined, field: string): CursorDto {
  return {readSeq: 0, deliveredSeq: 0, readCount: 0, ...(conv?.cursors?.[field] as Partial<CursorDto> | undefined)};
}

const same = (a: CursorDto, b: CursorDto) => a.readSeq === b.readSeq && a.deliveredSeq === b.deliveredSeq && a.readCount === b.readCount;

export function receiptUseCases(deps: {models: Models; bus: EventBus; caches: ChatCaches; members: Members}) {
  const {Conversation, Message} = deps.models;

  /** The newest stored message at or before `seq`: clamps the cursor and tells how many of the other side's messages it covers. */
  async function newestUpTo(conv: Pick<Conversation, '_id'>, fresh: Partial<Cursors>, seq: number): Promise<Tip | null> {
    const newest = fresh.lastSeq ?? 0;
    // The usual receipt is for the newest message, whose counts the summary holds (no read).
    // (A seq past the summary may be another process's message whose summary is on its way.)
    if (seq === newest) return newest > 0 ? {seq: newest, counts: {applicant: 0, lawyer: 0, ...fresh.counts}} : null;
    return Message.findOne({conversationId: conv._id, seq: {$lte: seq}}).sort({seq: -1}).select({seq: 1, counts: 1}).lean<Tip>();
  }

  return {
    /** Moves the principal's read or delivered cursor forward (never back) and broadcasts it. */
    async markCursor(p: Principal, input: Valid<'cursor'>, which: 'read' | 'delivered'): Promise<CursorDto> {
      const conv = await deps.members.load(p, input.conversationId);
      const key = participantKey(p.kind, p.id);
      const field = cursorField(key);
      const fresh = (await Conversation.findById(conv._id).select({cursors: 1, lastSeq: 1, counts: 1}).lean<Cursors>()) ?? conv;
      const current = cursorOf(fresh, field);
      if (input.seq <= current.deliveredSeq && (which === 'delivered' || input.seq <= current.readSeq)) return current;
      const top = await newestUpTo(conv, fresh, input.seq);
      if (!top) return current;
      const path = `cursors.${field}`;
      const $max: Record<string, number> = {[`${path}.deliveredSeq`]: top.seq};
      if (which === 'read') {
        const other: ParticipantKind = p.kind === 'lawyer' ? 'applicant' : 'lawyer';
        $max[`${path}.readSeq`] = top.seq;
        $max[`${path}.readCount`] = top.counts?.[other] ?? 0;
      }
      // The cursor as it stands after this receipt (and any that landed with it).
      const after = await Conversation.findOneAndUpdate({_id: conv._id}, {$max}, {new: true}).lean<Cursors>();
      const next = cursorOf(after, field);
      if (same(next, current)) return current;
      deps.caches.invalidate(String(conv._id));
      deps.bus.publish('receipt', {firmId: String(conv.firmId), event: {conversationId: String(conv._id), key, cursor: next}});
      return next;
    },
  };
}
