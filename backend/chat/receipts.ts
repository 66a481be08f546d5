// Read and delivered receipts: per-participant cursors that only move forward.
import type {CursorDto, ParticipantKind} from '../../protocol/chat.js';
import {participantKey} from '../../protocol/chat.js';
import type {SocketPrincipal as Principal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import type {Conversation, Message, Models} from '../models/index.js';
import {cursorField} from '../models/conversation.js';
import type {EventBus} from '../infra/bus.js';
import type {KeyedMutex} from '../infra/keyed-mutex.js';
import type {ChatCaches} from './caches.js';
import type {Members} from './members.js';

type Tip = Pick<Message, 'seq' | 'counts'>;

export function receiptUseCases(deps: {models: Models; mutex: KeyedMutex; bus: EventBus; caches: ChatCaches; members: Members}) {
  const {Conversation, Message} = deps.models;

  /** The newest stored message at or before `seq`: clamps the cursor and tells how many of the other side's messages it covers. */
  async function newestUpTo(conv: Pick<Conversation, '_id'>, fresh: Partial<Conversation>, seq: number): Promise<Tip | null> {
    const newest = fresh.lastSeq ?? 0;
    // The usual receipt is for the newest message, whose counts the summary holds (no scan).
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
      return deps.mutex.run(String(conv._id), async () => {
        const fresh = (await Conversation.findById(conv._id).select({cursors: 1, lastSeq: 1, counts: 1}).lean<Pick<Conversation, 'cursors' | 'lastSeq' | 'counts'>>()) ?? conv;
        const current: CursorDto = {readSeq: 0, deliveredSeq: 0, readCount: 0, ...(fresh.cursors?.[field] as Partial<CursorDto> | undefined)};
        if (input.seq <= current.deliveredSeq && (which === 'delivered' || input.seq <= current.readSeq)) return current;
        const top = await newestUpTo(conv, fresh, input.seq);
        if (!top) return current;
        const next: CursorDto = {...current, deliveredSeq: Math.max(current.deliveredSeq, top.seq)};
        if (which === 'read' && top.seq > current.readSeq) {
          const other: ParticipantKind = p.kind === 'lawyer' ? 'applicant' : 'lawyer';
          next.readSeq = top.seq;
          next.readCount = Math.max(current.readCount, top.counts?.[other] ?? 0);
        }
        if (next.deliveredSeq === current.deliveredSeq && next.readSeq === current.readSeq) return current;
        await Conversation.updateOne({_id: conv._id}, {$set: {[`cursors.${field}`]: next}});
        deps.caches.invalidate(String(conv._id));
        deps.bus.publish('receipt', {firmId: String(conv.firmId), event: {conversationId: String(conv._id), key, cursor: next}});
        return next;
      });
    },
  };
}
