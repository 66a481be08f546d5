// The audit log: who changed what and when, per firm. Values of secrets never enter it.
import {Types} from 'mongoose';
import type {AuditEntryDto} from '../../protocol/settings.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {AuditEntry, Models} from '../models/index.js';

export type Change = {field: string; from?: unknown; to?: unknown};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The fields of `after` whose value differs from `before`'s, with both values; objects by dotted path. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>, prefix = ''): Change[] {
  return Object.keys(after).filter((k) => !same(before[k], after[k])).flatMap((k) => {
    const [b, a] = [before[k], after[k]];
    if (isRecord(a) && (isRecord(b) || b == null)) return diff(isRecord(b) ? b : {}, a, `${prefix}${k}.`);
    return [{field: prefix + k, from: b ?? null, to: a ?? null}];
  });
}

export function createAuditLog(models: Models, now: () => Date = () => new Date()) {
  const {AuditEntry} = models;
  return {
    async record(p: Pick<SocketPrincipal, 'id' | 'firmId' | 'name'> | {firmId: string; id: null; name: string}, action: string, changes: Change[] = []): Promise<void> {
      await AuditEntry.create({
        firmId: new Types.ObjectId(p.firmId),
        at: now(),
        actor: {id: p.id ? new Types.ObjectId(p.id) : null, name: p.name ?? 'system'},
        action,
        changes,
      });
    },

    async list(firmId: string, before?: string): Promise<{entries: AuditEntryDto[]; nextBefore: string | null}> {
      const q: Record<string, unknown> = {firmId: new Types.ObjectId(firmId)};
      if (before) q.at = {$lt: new Date(before)};
      const rows = await AuditEntry.find(q).sort({at: -1}).limit(51).lean<AuditEntry[]>();
      const page = rows.slice(0, 50);
      return {
        entries: page.map((e) => ({id: String(e._id), at: e.at.toISOString(), actor: {id: e.actor.id ? String(e.actor.id) : null, name: e.actor.name}, action: e.action, changes: e.changes})),
        nextBefore: rows.length > 50 ? page[page.length - 1].at.toISOString() : null,
      };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
