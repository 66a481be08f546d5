// Delivery under faults: random connection cuts while 5 applicants send 500 messages.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applicantSession, FIRM_ORIGIN, lawyerLogin, startChatFixture} from './chat-fixture.js';
import {ReliableClient} from './reliable-client.js';

const f = await startChatFixture({RATE_LIMIT_SCALE: '1000'});

function seededRandom(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

test('500 messages over 5 applicant sockets, cut at random, arrive once each and in order', async () => {
  const PER_APPLICANT = 100;
  const lawyerAuth = await lawyerLogin(f);
  const lawyer = new ReliableClient(f.url, lawyerAuth.token, f.url, 'lawyer');
  const applicants = await Promise.all(Array.from({length: 5}, async () => {
    const s = await applicantSession(f);
    const client = new ReliableClient(f.url, s.token, FIRM_ORIGIN, 'applicant');
    return {client, conversationId: await client.attach()};
  }));
  for (const a of applicants) await lawyer.attach(a.conversationId);

  // Chaos: after every 10 acknowledged messages (paced by progress, not the clock, so a fast
  // server still gets cut throughout), 20–100 ms later, cut a random socket's transport;
  // socket.io reconnects by itself.
  const random = seededRandom(42);
  let cuts = 0;
  let chaos = true;
  let ackedCount = 0;
  let cutAt = 0;
  const chaosLoop = (async () => {
    const sockets = [lawyer.socket, ...applicants.map((a) => a.client.socket)];
    while (chaos) {
      await new Promise((r) => setTimeout(r, 20 + random() * 80));
      if (ackedCount - cutAt < 10) continue;
      cutAt = ackedCount;
      const victim = sockets[Math.floor(random() * sockets.length)];
      if (victim.connected) {
        victim.io.engine.close();
        cuts++;
      }
    }
  })();

  const acked = await Promise.all(applicants.map(async ({client, conversationId}, i) => {
    const sends = Array.from({length: PER_APPLICANT}, (_, n) => client.send(conversationId, `applicant ${i} message ${n}`).then((m) => {
      ackedCount++;
      return m;
    }));
    return Promise.all(sends);
  }));
  chaos = false;
  await chaosLoop;
  assert.ok(cuts >= 10, `connections were cut (${cuts})`);

  await lawyer.settle();
  let attempts = 0;
  for (const [i, {client, conversationId}] of applicants.entries()) {
    attempts += client.attempts;
    const expected = Array.from({length: PER_APPLICANT}, (_, n) => `applicant ${i} message ${n}`);
    assert.deepEqual(acked[i].map((m) => m.body), expected);
    const seen = lawyer.view(conversationId).filter((m) => m.kind === 'text');
    assert.deepEqual(seen.map((m) => m.body), expected, `conversation ${i}: every message once, in send order`);
    const seqs = seen.map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    assert.equal(new Set(seen.map((m) => m.id)).size, PER_APPLICANT);
    const stored = await f.backend.services.models.Message.countDocuments({conversationId, kind: 'text'});
    assert.equal(stored, PER_APPLICANT, 'stored once despite resends');
  }
  assert.ok(attempts >= 500);

  // A lawyer who was offline the whole time catches up through sync alone.
  const late = new ReliableClient(f.url, (await lawyerLogin(f)).token, f.url, 'lawyer');
  for (const [i, a] of applicants.entries()) {
    await late.attach(a.conversationId);
    assert.equal(late.view(a.conversationId).filter((m) => m.kind === 'text').length, PER_APPLICANT, `late lawyer, conversation ${i}`);
  }
  console.log(`delivery: 500 messages, ${cuts} cuts, ${attempts} send attempts, ${lawyer.duplicateDeliveries} duplicate live deliveries absorbed`);
  for (const c of [lawyer, late, ...applicants.map((a) => a.client)]) c.close();
});
