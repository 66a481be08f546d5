// A steady conversation load for fault runs: applicants sending through their outboxes, one
// lawyer receiving, and the figures that matter: sent, acknowledged, delivered, lost, duplicated.
import {applicantSession, FIRM_ORIGIN, lawyerLogin} from './chat-fixture.js';
import {ReliableClient} from './reliable-client.js';
import type {Models} from '../models/index.js';
import assert from 'node:assert/strict';

export interface FaultFigures {
  sent: number;
  acknowledged: number;
  delivered: number;
  lost: number;
  duplicated: number;
}

/** Applicants connect to `url`; the lawyer to `lawyerUrl` when given (another process). */
export async function startConversationLoad(target: {url: string; lawyerUrl?: string; siteKey: string; lawyerEmail: string}, opts: {applicants: number; perApplicant: number; intervalMs: number}) {
  const lawyerUrl = target.lawyerUrl ?? target.url;
  const lawyer = new ReliableClient(lawyerUrl, (await lawyerLogin({url: lawyerUrl, lawyerEmail: target.lawyerEmail})).token, lawyerUrl, 'lawyer');
  const applicants = await Promise.all(Array.from({length: opts.applicants}, async () => {
    const session = await applicantSession(target);
    const client = new ReliableClient(target.url, session.token, FIRM_ORIGIN, 'applicant');
    return {client, conversationId: await client.attach()};
  }));
  for (const a of applicants) await lawyer.attach(a.conversationId);
  let sent = 0;
  let acknowledged = 0;
  const expected = new Map<string, string[]>();

  /** Sends every message at the given pace; resolves when all are acknowledged. */
  async function run(): Promise<void> {
    await Promise.all(applicants.map(async ({client, conversationId}, i) => {
      const bodies: string[] = [];
      expected.set(conversationId, bodies);
      const acks: Promise<unknown>[] = [];
      for (let n = 0; n < opts.perApplicant; n++) {
        const body = `load ${i}.${n}`;
        bodies.push(body);
        sent++;
        acks.push(client.send(conversationId, body).then(() => acknowledged++));
        await new Promise((r) => setTimeout(r, opts.intervalMs));
      }
      await Promise.all(acks);
    }));
  }

  async function figures(models: Models): Promise<FaultFigures> {
    await lawyer.settle();
    let delivered = 0;
    let lost = 0;
    let duplicated = 0;
    for (const [conversationId, bodies] of expected) {
      const seen = lawyer.view(conversationId).filter((m) => m.kind === 'text').map((m) => m.body);
      const stored = (await models.Message.find({conversationId, kind: 'text'}).select({body: 1}).lean()).map((m) => m.body);
      for (const body of bodies) {
        const shown = seen.filter((b) => b === body).length;
        const kept = stored.filter((b) => b === body).length;
        if (shown >= 1) delivered++;
        if (shown === 0 || kept === 0) lost++;
        duplicated += Math.max(0, shown - 1) + Math.max(0, kept - 1);
      }
    }
    return {sent, acknowledged, delivered, lost, duplicated};
  }

  function close(): void {
    lawyer.close();
    for (const a of applicants) a.client.close();
  }

  return {run, figures, close, lawyer, applicants};
}

export function formatFigures(name: string, f: FaultFigures): string {
  return `fault ${name}: sent ${f.sent}, acknowledged ${f.acknowledged}, delivered ${f.delivered}, lost ${f.lost}, duplicated ${f.duplicated}`;
}

/** Prints the figures and checks the promise every fault test makes: nothing lost, nothing doubled. */
export function assertNothingLost(name: string, f: FaultFigures, note = ''): void {
  console.log(formatFigures(name, f) + note);
  assert.deepEqual({lost: f.lost, duplicated: f.duplicated}, {lost: 0, duplicated: 0});
}
