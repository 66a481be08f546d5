// The term documents of a message or of a conversation's own fields (also used by the bench
// to load history the way the live indexer stores it).
import {Types} from 'mongoose';
import type {SearchField, SearchTerm} from './model.js';
import {keys, terms} from './normalize.js';

type Id = Types.ObjectId | string;
const oid = (v: Id) => (typeof v === 'string' ? new Types.ObjectId(v) : v);

/** Kinds of message people write; system lines and consultation cards are not searched. */
export const SEARCHED_KINDS = new Set(['text', 'note']);

/**
 * The rows a message brings to its conversation: one per word, keyed by conversation, field and
 * word, so a conversation holds each word once however often it is written (the row points at
 * the newest message that has it). The index grows with a firm's vocabulary per conversation,
 * not with every word ever sent.
 */
export function messageTerms(m: {id: Id; firmId: Id; conversationId: Id; kind: string; body: string; createdAt: Date | string; deletedAt?: unknown}): SearchTerm[] {
  if (!SEARCHED_KINDS.has(m.kind) || m.deletedAt) return [];
  const field: SearchField = m.kind === 'note' ? 'note' : 'text';
  const base = {firmId: oid(m.firmId), conversationId: oid(m.conversationId), messageId: oid(m.id), field, at: new Date(m.createdAt)};
  return terms(m.body).map((term) => ({_id: `t${m.conversationId}:${field}:${term}`, ...base, term, ...keys(term)}));
}

export function conversationTerms(c: {id: Id; firmId: Id; createdAt: Date | string; topic?: string | null}, applicant: {name?: string | null; email?: string | null} | null): SearchTerm[] {
  const out: SearchTerm[] = [];
  const base = {firmId: oid(c.firmId), conversationId: oid(c.id), messageId: null, at: new Date(c.createdAt)};
  const fields: [SearchField, string | null | undefined][] = [['name', applicant?.name], ['email', applicant?.email], ['topic', c.topic]];
  for (const [field, value] of fields) {
    for (const term of value ? terms(value) : []) out.push({_id: `c${c.id}:${field}:${term}`, ...base, field, term, ...keys(term)});
  }
  return out;
}

/** Of several rows for one _id (a batch of messages), the newest. */
function newestPerId(rows: SearchTerm[]): SearchTerm[] {
  const byId = new Map<string, SearchTerm>();
  for (const r of rows) {
    const had = byId.get(r._id);
    if (!had || had.at.getTime() <= r.at.getTime()) byId.set(r._id, r);
  }
  return [...byId.values()];
}

/**
 * The bulk write that stores rows (coalesced to the newest per word): by `_id` only, since an
 * upsert whose filter misses on an existing `_id` fails and the engine then drops the rest of the
 * command. `onlyNew` (the backfill) never replaces a row already written.
 */
export function termUpserts(rows: SearchTerm[], onlyNew = false) {
  return newestPerId(rows).map(({_id, ...row}) => ({
    updateOne: {filter: {_id}, update: onlyNew ? {$setOnInsert: row} : {$set: row}, upsert: true},
  }));
}
