// The growth benchmark: one firm's history is bulk-loaded in tiers (10k, 100k, 1M messages over
// 10k conversations by default), and after each tier a fresh server process is timed on every hot
// operation. A cost that grows with stored history shows up as a growth factor above 1.
import {randomUUID} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import {ObjectId, type Db} from 'mongodb';
import {io as ioClient, type Socket} from 'socket.io-client';
import {FIRM_ORIGIN} from './gen.js';
import {conversationTerms, messageTerms, storeTerms} from '../backend/search/terms.js';
import {BACKFILL_MARK} from '../backend/search/indexer.js';
import {cloneMessages, type ClonePlan} from './bulk-sqlite.js';

export const GROWTH_CONVERSATIONS = 10_000;
/** Messages of each measured conversation: the same at every tier, so every tier reads full pages. */
export const MEASURED_LENGTH = 30;
const INSERT_BATCH = 2_000;
const MINUTE = 60_000;
const BODY = 'A question about the residence permit renewal and the documents it needs.';

export interface GrowthFirm {
  firmId: ObjectId;
  lawyerId: ObjectId;
  applicantIds: ObjectId[];
  conversationIds: ObjectId[];
  /** The first `measured` conversations hold MEASURED_LENGTH messages from the start; the timed reads use them. */
  measured: number;
  /** Messages stored per conversation so far. */
  stored: number[];
  base: number;
}

export const storedTotal = (firm: GrowthFirm) => firm.stored.reduce((a, b) => a + b, 0);

/**
 * Applicants, conversations and a few hundred consultations of one firm, straight into the
 * database; the measured conversations get their MEASURED_LENGTH messages now.
 */
export async function seedGrowthFirm(db: Db, firmId: ObjectId, lawyerId: ObjectId, conversations: number, measured: number, sqliteFile?: string): Promise<GrowthFirm> {
  if (measured > conversations) throw new Error(`BENCH_CONVERSATIONS (${conversations}) must be at least the ${measured} conversations measured`);
  const applicantIds = Array.from({length: conversations}, () => new ObjectId());
  const conversationIds = Array.from({length: conversations}, () => new ObjectId());
  const start = Date.now() - 30 * 86_400_000;
  for (let i = 0; i < conversations; i += INSERT_BATCH) {
    const slice = applicantIds.slice(i, i + INSERT_BATCH);
    await db.collection('applicants').insertMany(slice.map((_id, j) => ({
      _id, firmId, number: 2_000_000 + i + j, name: `Applicant ${i + j}`, email: `applicant${i + j}@example.com`, verified: false,
      identityKey: `growth:${_id}`, visitorSecretHash: 'growth', timeZone: 'Europe/Paris', lastSeenAt: null, createdAt: new Date(start),
    })));
    await db.collection('conversations').insertMany(slice.map((applicantId, j) => ({
      _id: conversationIds[i + j], firmId, applicantId, assignedLawyerIds: (i + j) % 3 === 0 ? [lawyerId] : [], status: (i + j) % 5 === 0 ? 'closed' : 'open',
      topic: null, lastSeq: 0, counts: {applicant: 0, lawyer: 0}, cursors: {}, lastMessageAt: new Date(start + (i + j) * 1_000),
      lastMessagePreview: null, createdAt: new Date(start), updatedAt: new Date(start),
    })));
    // The search terms of the applicants' names and emails, as the live indexer writes them.
    await db.collection('searchterms').insertMany(slice.flatMap((_, j) => conversationTerms(
      {id: conversationIds[i + j], firmId, createdAt: new Date(start), topic: null}, {name: `Applicant ${i + j}`, email: `applicant${i + j}@example.com`})) as never[]);
  }
  // Loaded with its terms: the server's one-time backfill has nothing to do.
  await db.collection('leases').updateOne({_id: BACKFILL_MARK as never}, {$set: {holder: 'bench', until: new Date(0), doneDay: 'bench'}}, {upsert: true});
  // The lawyer's diary: one consultation a day over a year, spread over conversations.
  const day = 86_400_000;
  const first = Date.now() - 180 * day;
  await db.collection('consultations').insertMany(Array.from({length: 365}, (_, i) => {
    const startAt = new Date(first + i * day + 9 * 3_600_000);
    const c = i % conversations;
    return {
      conversationId: conversationIds[c], firmId, lawyerId, applicantId: applicantIds[c], start: startAt, end: new Date(startAt.getTime() + 30 * 60_000),
      lawyer: {name: 'Growth Lawyer', email: 'growth-lawyer@firm.example'}, applicant: {name: `Applicant ${c}`, email: `applicant${c}@example.com`},
      title: 'Consultation', lawyerTimeZone: 'Europe/Paris', applicantTimeZone: 'America/New_York', provider: 'jitsi', joinUrl: `https://meet.jit.si/growth-${i}`,
      providerMeetingId: null, icalUid: `growth-${i}@bench`, sequence: 0, status: i % 7 === 0 ? 'cancelled' : 'scheduled',
      invites: {lawyer: null, applicant: null}, createdAt: new Date(first), updatedAt: new Date(first),
    };
  }));
  const firm: GrowthFirm = {firmId, lawyerId, applicantIds, conversationIds, measured, stored: new Array(conversations).fill(0), base: Date.now() - 200 * day};
  await fill(db, firm, firm.stored.map((_, c) => (c < measured ? MEASURED_LENGTH : 0)), sqliteFile);
  return firm;
}

/**
 * Adds messages to the other conversations until the firm stores `total` (the measured ones keep
 * theirs).
 */
export async function growTo(db: Db, firm: GrowthFirm, total: number, sqliteFile?: string): Promise<void> {
  const others = firm.stored.length - firm.measured;
  const rest = Math.max(0, total - firm.measured * MEASURED_LENGTH);
  await fill(db, firm, firm.stored.map((n, c) => (c < firm.measured ? n : Math.max(n, Math.floor(rest / others) + (c - firm.measured < rest % others ? 1 : 0)))), sqliteFile);
}

/**
 * Brings each conversation to `target` messages. On the embedded engine (`sqliteFile` given) only
 * the first conversation's first two messages go through the driver; every other one is cloned
 * from them in SQL. On any other server they all go through the driver.
 */
async function fill(db: Db, firm: GrowthFirm, target: number[], sqliteFile?: string): Promise<void> {
  if (!sqliteFile) return insertThroughDriver(db, firm, target);
  if (firm.stored[0] < 2) await insertThroughDriver(db, firm, firm.stored.map((n, c) => (c === 0 ? Math.max(n, Math.min(2, target[0])) : n)));
  const m0 = firm.conversationIds[0];
  const [odd, even] = await Promise.all([1, 2].map((seq) => db.collection('messages').findOne({conversationId: m0, seq}, {projection: {_id: 1}})));
  if (!odd || !even) throw new Error('growth: the two template messages of the first conversation are missing');
  const plan: ClonePlan[] = [];
  target.forEach((to, c) => {
    if (to > firm.stored[c]) plan.push({idx: c, conv: firm.conversationIds[c].toHexString(), applicant: firm.applicantIds[c].toHexString(), from: firm.stored[c], to});
  });
  cloneMessages(sqliteFile, plan, {odd: odd._id.toHexString(), even: even._id.toHexString()}, {base: firm.base, step: MINUTE});
  firm.stored = [...target];
}

async function insertThroughDriver(db: Db, firm: GrowthFirm, target: number[]): Promise<void> {
  const messages = db.collection('messages');
  const countsAt = (seq: number) => ({applicant: Math.ceil(seq / 2), lawyer: Math.floor(seq / 2)});
  let batch: ({_id: ObjectId; conversationId: ObjectId; firmId: ObjectId; kind: string; body: string; createdAt: Date} & Record<string, unknown>)[] = [];
  const flush = async () => {
    if (batch.length) await messages.insertMany(batch, {ordered: false});
    // Their conversations' word rows, as the live indexer writes them (loaded in seq order: the newest wins).
    await storeTerms(db.collection('searchterms'), batch.flatMap((m) => messageTerms({...m, id: m._id})));
    batch = [];
  };
  for (let c = 0; c < target.length; c++) {
    for (let seq = firm.stored[c] + 1; seq <= target[c]; seq++) {
      const applicantSide = seq % 2 === 1;
      batch.push({
        _id: new ObjectId(), conversationId: firm.conversationIds[c], firmId: firm.firmId, seq,
        sender: applicantSide ? {kind: 'applicant', id: firm.applicantIds[c], name: null} : {kind: 'lawyer', id: firm.lawyerId, name: 'Growth Lawyer'},
        kind: 'text', body: BODY, clientId: storedClientId(firm, c, seq), counts: countsAt(seq), system: null, consultationId: null,
        consultation: null, createdAt: new Date(firm.base + seq * MINUTE), deletedAt: null, deletedBy: null,
      });
      if (batch.length >= INSERT_BATCH) await flush();
    }
  }
  await flush();
  const changed = target.map((to, c) => ({to, c})).filter(({to, c}) => to > firm.stored[c]);
  for (let i = 0; i < changed.length; i += INSERT_BATCH) {
    await db.collection('conversations').bulkWrite(changed.slice(i, i + INSERT_BATCH).map(({to, c}) => ({
      updateOne: {filter: {_id: firm.conversationIds[c]}, update: {$set: {lastSeq: to, counts: countsAt(to)}}},
    })));
  }
  firm.stored = [...target];
}

/** The clientId a loaded message has: resending it must find the stored one. */
export function storedClientId(firm: GrowthFirm, c: number, seq: number): string {
  return `g${seq}-${c}-${firm.conversationIds[c].toHexString().slice(-8)}`;
}

export type HotOp = 'send' | 'catch-up' | 'history page' | 'duplicate resend' | 'inbox first page' | 'unread counts' | "lawyer's consultations" | 'search' | 'search next page';
export const HOT_OPS: HotOp[] = ['send', 'catch-up', 'history page', 'duplicate resend', 'inbox first page', 'unread counts', "lawyer's consultations", 'search', 'search next page'];

function connect(url: string, token: string, origin: string): Promise<Socket> {
  const s = ioClient(url, {transports: ['websocket'], forceNew: true, reconnection: false, auth: {token}, extraHeaders: {origin}});
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

async function ack<T>(s: Socket, event: string, payload: unknown): Promise<T> {
  const a = await s.timeout(30_000).emitWithAck(event, payload);
  if (!a?.ok) throw new Error(`${event}: ${a?.error?.code} ${a?.error?.message}`);
  return a.data as T;
}

async function rest<T>(url: string, token: string, origin: string): Promise<T> {
  const res = await fetch(url, {headers: {Authorization: `Bearer ${token}`, Origin: origin}});
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Untimed rounds first: a new process's first requests pay for JIT and connection set-up. */
export const WARMUP = 5;

/**
 * Times each hot operation `samples` times against a running server, one request at a time, each
 * sample on a conversation not touched before in this run (no warm cache helps it). Applicants
 * connect first (not timed), as a returning visitor's tab does before it catches up.
 */
export async function measureHotOps(opts: {
  url: string; firm: GrowthFirm; samples: number; round: number;
  applicantToken: (applicantId: string) => string; lawyerToken: string;
}): Promise<Record<HotOp, number[]>> {
  const {url, firm, samples} = opts;
  const out = Object.fromEntries(HOT_OPS.map((op) => [op, [] as number[]])) as Record<HotOp, number[]>;
  // Each round takes its own slice of the measured conversations, so later tiers meet cold ones too.
  const pick = (i: number) => (opts.round * (samples + WARMUP) + i) % firm.measured;
  const per = MEASURED_LENGTH;
  for (let i = -WARMUP; i < samples; i++) {
    const c = pick(i + WARMUP);
    const conversationId = firm.conversationIds[c].toHexString();
    const s = await connect(url, opts.applicantToken(firm.applicantIds[c].toHexString()), FIRM_ORIGIN);
    try {
      await ack(s, 'conversation:join', {conversationId});
      // A tab that was away for 20 messages comes back.
      out['catch-up'].push(await timed(() => ack(s, 'message:sync', {conversationId, afterSeq: Math.max(0, per - 20)})));
      out['history page'].push(await timed(() => ack(s, 'message:history', {conversationId, beforeSeq: Math.max(1, per - 20), limit: 30})));
      out.send.push(await timed(() => ack(s, 'message:send', {conversationId, clientId: randomUUID(), body: 'A new question about my file.'})));
      // An outbox replaying a message the server stored long ago (the first of the conversation).
      out['duplicate resend'].push(await timed(() => ack(s, 'message:send', {conversationId, clientId: storedClientId(firm, c, 1), body: 'replayed'})));
      out['unread counts'].push(await timed(() => rest(`${url}/api/v1/conversations`, opts.applicantToken(firm.applicantIds[c].toHexString()), FIRM_ORIGIN)));
    } finally {
      s.disconnect();
    }
    const filters = ['status=open&assigned=all', 'status=all&assigned=me', 'status=open&assigned=unassigned'];
    out['inbox first page'].push(await timed(() => rest(`${url}/api/v1/conversations?${filters[(i + WARMUP) % filters.length]}`, opts.lawyerToken, url)));
    out["lawyer's consultations"].push(await timed(() => rest(`${url}/api/v1/conversations/${conversationId}/consultations`, opts.lawyerToken, url)));
    // The console's search: a word every message has, a prefix, an applicant by name (two words);
    // then the second page of the first.
    const queries = ['residence', 'perm', `applicant ${c}`];
    const q = queries[(i + WARMUP) % queries.length];
    let found = 0;
    out.search.push(await timed(async () => {
      found = (await rest<{hits: unknown[]}>(`${url}/api/v1/search?q=${encodeURIComponent(q)}`, opts.lawyerToken, url)).hits.length;
    }));
    if (!found) throw new Error(`search '${q}' found nothing`);
    const first = await rest<{next: string | null}>(`${url}/api/v1/search?q=residence`, opts.lawyerToken, url);
    if (first.next) out['search next page'].push(await timed(() => rest(`${url}/api/v1/search?q=residence&before=${first.next}`, opts.lawyerToken, url)));
    if (i < 0) for (const op of HOT_OPS) out[op].length = 0; // a warm-up round: forget it
  }
  return out;
}
