// A search hit far back in a long conversation (1,300 messages behind the recent window, more
// than the console loads at once): the console opens at the match, then fills the messages
// between it and the recent window page by page as the lawyer scrolls down, until they join:
// nothing is missing on the way to the newest message.
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {describe, it} from 'node:test';
import type {SocketPrincipal} from '../protocol/events.js';
import {newPage, startDemo, until, watch} from './support.js';

const demo = await startDemo();
const problems: string[] = [];
const lawyer = await newPage(demo.browser);
watch(lawyer.page, 'lawyer', problems);
const L = lawyer.page;
const inbox = (sel: string) => L.locator(`consult-inbox ${sel}`);
const TOTAL = 1500;
const HIT = 200;

async function api<T>(path: string, init: {token?: string; body?: unknown} = {}): Promise<T> {
  const res = await fetch(`${demo.base}/api/v1${path}`, {method: 'POST', headers: {origin: demo.base, 'content-type': 'application/json', ...(init.token ? {authorization: `Bearer ${init.token}`} : {})}, body: JSON.stringify(init.body ?? {})});
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

/** Every seq drawn in the log, in order. */
const drawn = () => inbox('.row[data-seq]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));

describe('a search hit far back in a long conversation', () => {
  it('opens at the match, then fills the gap below it as the lawyer scrolls, until it joins the newest', async () => {
    const session = await api<{token: string; applicant: {id: string}}>('/widget/session', {body: {siteKey: demo.seed.siteKey, name: 'Tomasz Wójcik'}});
    const conversation = await api<{id: string}>('/conversations', {token: session.token});
    const me: SocketPrincipal = {kind: 'applicant', id: session.applicant.id, firmId: demo.seed.firmId, name: 'Tomasz Wójcik'};
    let hitSeq = 0;
    // Through the chat service (the rate limit would make 1,500 sends take an hour).
    for (let i = 1; i <= TOTAL; i++) {
      const m = await demo.backend.services.chat.send(me, {conversationId: conversation.id, clientId: randomUUID(), body: i === HIT ? 'The apostille from Kraków arrived today.' : `Line ${i} of a long exchange.`});
      if (i === HIT) hitSeq = m.seq;
    }
    await demo.backend.services.search.indexer.idle();

    await L.goto(`${demo.base}/console/`);
    await inbox('input[name=email]').fill(demo.seed.lawyer.email);
    await inbox('input[name=password]').fill(demo.seed.lawyer.password);
    await inbox('button[type=submit]').click();
    await inbox('.search input').fill('apostille krakow');
    await inbox('.results .hit').first().click();
    const row = inbox(`.row[data-seq="${hitSeq}"]`);
    await until('the match on screen', () => row.isVisible(), 15_000);
    const first = await drawn();
    const newest = first.at(-1)!;
    assert.ok(newest - hitSeq > 1050, `the match is ${newest - hitSeq} messages behind the newest`);
    assert.ok(first.some((s, i) => i > 0 && s !== first[i - 1] + 1), 'a gap is left at first (only a page below the match is loaded)');

    // Scroll down a screen at a time, as a lawyer reading on would.
    for (let step = 0; step < 600; step++) {
      const done = await inbox('.log').evaluate((log) => {
        log.scrollTop += log.clientHeight;
        log.dispatchEvent(new Event('scroll'));
        return log.scrollHeight - log.scrollTop - log.clientHeight < 4;
      });
      await L.waitForTimeout(30);
      if (done) {
        const seqs = await drawn();
        if (seqs.every((s, i) => i === 0 || s === seqs[i - 1] + 1)) break;
      }
    }
    const seqs = await drawn();
    for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], seqs[i - 1] + 1, `contiguous after ${seqs[i - 1]}`);
    assert.equal(seqs.at(-1), newest, 'down to the newest');
    assert.ok(seqs[0] <= hitSeq - 20, 'and the messages just before the match');
    assert.deepEqual(problems, []);
  });
});
