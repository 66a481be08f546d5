// Wiring shared by the consultation and mail tests: a fresh database, the module built from
// config pointed at the stand-ins, and helpers to read what the Resend stand-in received.
import {after} from 'node:test';
import {Types, type Connection} from 'mongoose';
import ical, {type VEvent} from 'node-ical';
import {connectDatabase} from '../server.js';
import {ensureConsultationIndexes} from '../models/consultation.js';
import {ensureOutboxIndexes} from '../models/outbox.js';
import {createConsultations, type ConsultationsDeps} from '../consultations/index.js';
import {tempDir, testConfig, testDatabaseUri, testServerUri} from './helpers.js';
import type {ResendEmail} from './standins/resend.js';

// When a file runs alone, the private database server must live for the whole file, not just
// for the first test that happens to start it.
await testServerUri();

export async function testDb(): Promise<Connection> {
  return (await testDbWithUri()).db;
}

/** A fresh database and its URI (for a second process to connect to). */
export async function testDbWithUri(): Promise<{db: Connection; uri: string}> {
  const uri = await testDatabaseUri();
  const db = await connectDatabase(uri);
  await ensureOutboxIndexes(db);
  await ensureConsultationIndexes(db);
  after(async () => {
    await db.dropDatabase().catch(() => {});
    await db.close();
  });
  return {db, uri};
}

export const id = () => new Types.ObjectId().toString();

/** Fast retries for tests. */
export const FAST_WORKER = {pollIntervalMs: 50, leaseMs: 5_000, backoffBaseMs: 10, backoffMaxMs: 50};

export async function consultationsModule(env: Record<string, string>, opts: Partial<Omit<ConsultationsDeps, 'config' | 'db'>> & {db?: Connection} = {}) {
  const db = opts.db ?? await testDb();
  const config = await testConfig({PUBLIC_URL: 'https://chat.firm.example', ...env});
  const mod = createConsultations({
    config, db, ...opts,
    providerOptions: {googlePendingDelaysMs: [10, 20, 40], timeoutMs: 3_000, ...opts.providerOptions},
    mail: {...opts.mail, worker: {...FAST_WORKER, ...opts.mail?.worker}},
  });
  await mod.start();
  after(() => mod.stop());
  return {db, config, mod, service: mod.service};
}

export function lawyer(over: Record<string, unknown> = {}) {
  return {id: id(), name: 'Léa Martin', email: 'lea.martin@firm.example', timeZone: 'Europe/Paris', ...over};
}

export function applicant(over: Record<string, unknown> = {}) {
  return {id: id(), name: 'Sam Carter', email: 'sam@client.example', timeZone: 'America/New_York', ...over};
}

export function attachmentOf(email: ResendEmail): {contentType: string; ics: string; event: VEvent; method: string} {
  const a = (email.body.attachments as {content: string; content_type: string; filename: string}[])[0];
  const ics = Buffer.from(a.content, 'base64').toString('utf8');
  const parsed = ical.sync.parseICS(ics);
  const event = Object.values(parsed).find((c) => c?.type === 'VEVENT') as VEvent;
  const method = String((parsed.vcalendar as unknown as {method?: string})?.method ?? '');
  return {contentType: a.content_type, ics, event, method};
}

export const recipient = (e: ResendEmail) => (Array.isArray(e.body.to) ? e.body.to[0] : e.body.to) as string;

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Environment for loadConfig() with a throwaway data folder. */
export function tempDirConfig(env: Record<string, string> = {}): Record<string, string> {
  return {NODE_ENV: 'test', DATA_DIR: tempDir(), JWT_SECRET: 'x'.repeat(32), ...env};
}
