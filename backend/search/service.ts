// The console's search: the firm's conversations by applicant name, email, topic and message
// text (notes included: they are the firm's own), word prefixes, accents and case ignored,
// newest first. The most selective query word picks candidate conversations from an index range
// read in time order; each row points at the newest message with its word, and the hit is the
// newest message from there down where the main word prefixes a word and every query word
// prefixes a word of that message or of its conversation's name, email or topic. A message is
// one hit, however many of its words match.
import {Types} from 'mongoose';
import type {Model} from 'mongoose';
import type {SearchHit, SearchPage} from '../../protocol/chat.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import {AppError} from '../errors.js';
import type {Applicant, Conversation, Message, Models} from '../models/index.js';
import {iso} from '../models/shared.js';
import type {SearchField, SearchTerm} from './model.js';
import {TERM_MAX, WORD_MIN, keyFor, marks, terms, words} from './normalize.js';
import {SEARCHED_KINDS} from './terms.js';

const BATCH = 25;
/** Older messages read, in steps, when the row's own message lacks a query word. */
const RESOLVE_STEPS = [20, 100, 400];
/** Index rows read per request at most; past it the page ends early with a cursor to go on. */
const SCAN_MAX = 2_000;
const SNIPPET = 160;
/** Rows read per query word to find the most selective one. */
const PROBE = 100;
const CONV_FIELDS: SearchField[] = ['name', 'email', 'topic'];

/** Cursor: the time of the last row read and how many rows at that exact time were read. */
function parseCursor(s: string | undefined): {at: number; skip: number} | null {
  if (!s) return null;
  const m = /^(\d{1,15})\.(\d{1,9})$/.exec(s);
  if (!m) throw new AppError('bad_request', 'before must be a cursor returned by a previous search');
  return {at: Number(m[1]), skip: Number(m[2])};
}

function snippet(text: string, query: string[]): {text: string; marks: [number, number][]} {
  const all = marks(text, query);
  if (text.length <= SNIPPET) return {text, marks: all};
  const first = all[0]?.[0] ?? 0;
  let start = Math.max(0, first - 50);
  while (start > 0 && !/\s/.test(text[start - 1])) start--; // do not cut a word in two
  const cut = text.slice(start, start + SNIPPET);
  const prefix = start > 0 ? '…' : '';
  const shown = prefix + cut + (start + SNIPPET < text.length ? '…' : '');
  return {text: shown, marks: marks(shown, query)};
}

export function createSearchService(deps: {models: Models; terms: Model<SearchTerm>}) {
  const {Conversation, Message, Applicant} = deps.models;
  const Terms = deps.terms;

  /**
   * The word whose index range holds the fewest rows: each word's range is read up to PROBE
   * rows; a range that ends before is small and known. Otherwise the longest word.
   */
  async function mostSelective(firmId: Types.ObjectId, query: string[]): Promise<string> {
    const longest = [...query].sort((a, b) => b.length - a.length)[0];
    if (query.length === 1) return longest;
    const probe = (limit: number) => Promise.all(query.map(async (w) => {
      const k = keyFor(w);
      const rows = await Terms.find({firmId, [k.field]: k.value}).sort({at: -1}).limit(limit).select({term: 1}).lean<{term: string}[]>();
      const matching = rows.filter((r) => r.term.startsWith(w)).length;
      // A range read to its end is known exactly; a longer one is ranked by the share of it the word matches.
      return {w, complete: rows.length < limit, size: rows.length < limit ? matching : limit + (limit * matching) / rows.length};
    }));
    const best = (xs: {w: string; complete: boolean; size: number}[]) => [...xs].sort((a, b) => a.size - b.size || b.w.length - a.w.length)[0];
    const first = best(await probe(PROBE));
    // No word's range is small: read deeper once, so a few hundred rows beat tens of thousands.
    return first.complete ? first.w : best(await probe(PROBE * 10)).w;
  }

  return {
    async search(p: SocketPrincipal, input: Valid<'search'>): Promise<SearchPage> {
      if (p.kind !== 'lawyer') throw new AppError('forbidden', 'only lawyers search');
      const query = [...new Set(words(input.q).filter((w) => w.length >= WORD_MIN).map((w) => w.slice(0, TERM_MAX)))].slice(0, 8);
      if (!query.length) throw new AppError('bad_request', `type at least ${WORD_MIN} letters or digits of a word`);
      const firmId = new Types.ObjectId(p.firmId);
      const main = await mostSelective(firmId, query);
      const key = keyFor(main);
      const limit = input.limit ?? 20;
      const hits: SearchHit[] = [];
      const start = parseCursor(input.before);
      let cursor = start;
      let toSkip = start?.skip ?? 0;
      let scanned = 0;
      // One index range read newest first, streamed in batches (never re-read from its start).
      const filter = {firmId, [key.field]: key.value, ...(start ? {at: {$lte: new Date(start.at)}} : {})};
      const stream = Terms.find(filter).sort({at: -1}).batchSize(BATCH).lean<SearchTerm>().cursor();
      try {
        for (;;) {
          const batch: SearchTerm[] = [];
          while (batch.length < BATCH) {
            const row = (await stream.next()) as SearchTerm | null;
            if (!row) break;
            if (toSkip > 0 && row.at.getTime() === start!.at) {
              toSkip--; // read by the previous page
              continue;
            }
            toSkip = 0;
            batch.push(row);
          }
          if (!batch.length) return {hits, next: null};
          const lookups = await load(batch.filter((r) => r.term.startsWith(main)), query, main);
          for (const row of batch) {
            scanned++;
            cursor = {at: row.at.getTime(), skip: cursor && cursor.at === row.at.getTime() ? cursor.skip + 1 : 1};
            if (!row.term.startsWith(main)) continue;
            const hit = check(row, lookups, query, main, firmId);
            if (hit) hits.push(hit);
            if (hits.length >= limit) return {hits, next: `${cursor.at}.${cursor.skip}`};
          }
          if (batch.length < BATCH) return {hits, next: null};
          if (scanned >= SCAN_MAX) return {hits, next: `${cursor!.at}.${cursor!.skip}`};
        }
      } finally {
        await stream.close();
      }
    },
  };

  /** The candidates' conversations and applicants (two reads by _id) and each row's hit message. */
  async function load(candidates: SearchTerm[], query: string[], main: string): Promise<Lookups> {
    const ids = (xs: string[]) => [...new Set(xs)].map((id) => new Types.ObjectId(id));
    const convs = candidates.length ? await Conversation.find({_id: {$in: ids(candidates.map((r) => String(r.conversationId)))}}).lean<Conversation[]>() : [];
    const applicantIds = ids(convs.map((c) => String(c.applicantId)));
    const applicants = applicantIds.length ? await Applicant.find({_id: {$in: applicantIds}}).select({name: 1, email: 1, number: 1}).lean<Applicant[]>() : [];
    const byConv = new Map(convs.map((c) => [String(c._id), c]));
    const byApplicant = new Map(applicants.map((a) => [String(a._id), a]));
    // Each row points at the newest message with its word: the hit is found from there down.
    const rows = [...new Map(candidates.filter((r) => r.messageId && byConv.has(String(r.conversationId))).map((r) => [String(r.messageId), r])).values()];
    const hits = await Promise.all(rows.map(async (r) => {
      const conv = byConv.get(String(r.conversationId))!;
      return [String(r.messageId), await newestMatch(conv, r.messageId!, convPoolOf(conv, byApplicant.get(String(conv.applicantId))), query, main)] as const;
    }));
    return {byConv, byApplicant, byHit: new Map(hits)};
  }

  /**
   * The newest message the query finds at or before `from` in the conversation: `from` itself,
   * then older ones read in growing steps.
   */
  async function newestMatch(conv: Conversation, from: Types.ObjectId, convPool: string[], query: string[], main: string): Promise<Message | null> {
    const finds = (m: Message) => {
      if (m.deletedAt || !SEARCHED_KINDS.has(m.kind)) return false;
      const own = terms(m.body);
      return prefixes(own, main) && query.every((w) => prefixes(own, w) || prefixes(convPool, w));
    };
    const first = await Message.findOne({_id: from, conversationId: conv._id}).lean<Message>();
    if (!first) return null;
    if (finds(first)) return first;
    let below = first.seq;
    for (const step of RESOLVE_STEPS) {
      const page = await Message.find({conversationId: conv._id, seq: {$lt: below}}).sort({seq: -1}).limit(step).lean<Message[]>();
      const hit = page.find(finds);
      if (hit) return hit;
      if (page.length < step) return null;
      below = page.at(-1)!.seq;
    }
    return null;
  }
}

interface Lookups {
  byConv: Map<string, Conversation>;
  byApplicant: Map<string, Applicant>;
  /** Per row's message id: the hit found from that message down, or null. */
  byHit: Map<string, Message | null>;
}

function fieldTerms(c: Conversation, a: Applicant | undefined): Record<string, string[]> {
  return {name: terms(a?.name ?? ''), email: terms(a?.email ?? ''), topic: terms(c.topic ?? '')};
}

/** Every word of the conversation's own fields, one pool. */
const poolOf = (f: Record<string, string[]>) => [...f.name, ...f.email, ...f.topic];
const convPoolOf = (c: Conversation, a: Applicant | undefined) => poolOf(fieldTerms(c, a));

const prefixes = (pool: string[], w: string) => pool.some((t) => t.startsWith(w));

/** The row's hit, or null: gone, deleted, another firm, a word missing, or not the row that stands for this source. */
function check(row: SearchTerm, {byHit, byConv, byApplicant}: Lookups, query: string[], main: string, firmId: Types.ObjectId): SearchHit | null {
  const conv = byConv.get(String(row.conversationId));
  if (!conv || !conv.firmId.equals(firmId)) return null;
  const applicant = byApplicant.get(String(conv.applicantId));
  const fields = fieldTerms(conv, applicant);
  const base = {
    conversationId: String(conv._id),
    status: conv.status,
    applicant: {name: applicant?.name ?? null, email: applicant?.email ?? null, number: applicant?.number ?? 0},
  };
  if (row.messageId) {
    const m = byHit.get(String(row.messageId));
    if (!m) return null;
    // A message found from several rows stands on one: its first word the main query word prefixes.
    const field = m.kind === 'note' ? 'note' : 'text';
    if (row.field !== field || terms(m.body).filter((t) => t.startsWith(main)).sort()[0] !== row.term) return null;
    const s = snippet(m.body, query);
    return {...base, messageId: String(m._id), seq: m.seq, field, at: iso(m.createdAt)!, sender: m.sender.kind, text: s.text, marks: s.marks};
  }
  const first = CONV_FIELDS.flatMap((f) => fields[f].filter((t) => t.startsWith(main)).sort().map((t) => `${f}:${t}`))[0];
  if (first !== `${row.field}:${row.term}`) return null;
  if (!query.every((w) => prefixes(poolOf(fields), w))) return null;
  // Shown: the field that holds the most query words (an email typed whole shows the email).
  const score = (f: SearchField) => query.filter((w) => prefixes(fields[f], w)).length;
  const shown = CONV_FIELDS.reduce((best, f) => (score(f) > score(best) ? f : best), row.field);
  const value = shown === 'name' ? applicant?.name : shown === 'email' ? applicant?.email : conv.topic;
  const s = snippet(value ?? '', query);
  return {...base, messageId: null, seq: null, field: shown, at: iso(conv.createdAt)!, sender: null, text: s.text, marks: s.marks};
}

export type SearchService = ReturnType<typeof createSearchService>;
