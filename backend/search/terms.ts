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

/** The part of a driver collection the term writes use (Mongoose's and the driver's both fit). */
export interface TermCollection {
  deleteMany(filter: object): Promise<unknown>;
  insertMany(docs: never[], options: {ordered: false}): Promise<unknown>;
}

const TERM_BATCH = 1_000;

/** An insert whose only failures are rows already there (another writer stored them first). */
async function insertNew(terms: TermCollection, rows: SearchTerm[]): Promise<void> {
  await terms.insertMany(rows as never[], {ordered: false}).catch((err: {writeErrors?: unknown}) => {
    const errors = [err.writeErrors ?? []].flat() as {code?: number; err?: {code?: number}}[];
    if (!errors.length || errors.some((e) => (e.code ?? e.err?.code) !== 11000)) throw err;
  });
}

/**
 * Stores rows, coalesced to the newest per word, and says how many. A batch is two commands
 * whatever its size: the rows' previous versions are deleted, then the rows inserted. (One
 * upsert per row cost the embedded engine a read and a write each, about four times as much.)
 * `onlyNew` (the backfill) keeps rows already written. Between the two commands a search may
 * miss these words for a moment; a row another writer inserts meanwhile is kept.
 */
export async function storeTerms(terms: TermCollection, rows: SearchTerm[], onlyNew = false): Promise<number> {
  const newest = newestPerId(rows);
  for (let i = 0; i < newest.length; i += TERM_BATCH) {
    const batch = newest.slice(i, i + TERM_BATCH);
    if (!onlyNew) await terms.deleteMany({_id: {$in: batch.map((r) => r._id)}});
    await insertNew(terms, batch);
  }
  return newest.length;
}
