// The rest of the lawyer's working day in Chromium: search opens a conversation at a message far
// back in its history (keyboard only), the visitor panel shows the applicant's consent, a verified
// applicant emails themselves the transcript (the dev mailbox gets it), and the owner reads the
// average rating per lawyer and month. Screens on desktop and a 390×844 phone; axe on each view.
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {describe, it} from 'node:test';
import type {Page} from 'playwright-core';
import type {SocketPrincipal} from '../protocol/events.js';
import {DESKTOP, PHONE, newPage, shot, startDemo, until, watch} from './support.js';
import {axeViolations} from './axe.js';

const demo = await startDemo();
const problems: string[] = [];
const lawyer = await newPage(demo.browser);
const L = lawyer.page;
watch(L, 'lawyer', problems);
const inbox = (p: Page, sel: string) => p.locator(`consult-inbox ${sel}`);
const widget = (p: Page, sel: string) => p.locator(`consult-chat ${sel}`);
const TARGET = 'Le dossier de naturalisation de Mme Élodie Brunet est complet depuis lundi.';

async function api<T>(path: string, init: {method?: string; token?: string; origin?: string; body?: unknown} = {}): Promise<T> {
  const res = await fetch(`${demo.base}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: {origin: init.origin ?? demo.base, ...(init.token ? {authorization: `Bearer ${init.token}`} : {}), ...(init.body ? {'content-type': 'application/json'} : {})},
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

async function signIn(p: Page): Promise<void> {
  await p.goto(`${demo.base}/console/`);
  await inbox(p, 'input[name=email]').fill(demo.seed.lawyer.email);
  await inbox(p, 'input[name=password]').fill(demo.seed.lawyer.password);
  await inbox(p, 'button[type=submit]').click();
  await inbox(p, '.sidebar').waitFor();
}

/** A conversation with a long history: the match is its 10th message of 160. */
async function longConversation(): Promise<{conversationId: string; seq: number}> {
  const session = await api<{token: string; applicant: {id: string}}>('/widget/session', {method: 'POST', body: {siteKey: demo.seed.siteKey, name: 'Élodie Brunet', email: 'elodie.brunet@example.fr'}});
  const conversation = await api<{id: string}>('/conversations', {method: 'POST', token: session.token, body: {}});
  const me: SocketPrincipal = {kind: 'applicant', id: session.applicant.id, firmId: demo.seed.firmId, name: 'Élodie Brunet'};
  let seq = 0;
  // Written through the chat service (the rate limit would make 160 sends take minutes).
  for (let i = 1; i <= 160; i++) {
    const m = await demo.backend.services.chat.send(me, {conversationId: conversation.id, clientId: randomUUID(), body: i === 10 ? TARGET : `Question ${i} about the appointment and the documents.`});
    if (i === 10) seq = m.seq;
  }
  return {conversationId: conversation.id, seq};
}

describe('search, consent, transcript by email, ratings', () => {
  it('finds a message by accent-free prefixes and opens the conversation scrolled to it, by keyboard', async () => {
    const {conversationId, seq} = await longConversation();
    await demo.backend.services.search.indexer.idle();
    await signIn(L);
    const box = inbox(L, '.search input');
    await box.focus();
    await L.keyboard.type('elodie NATURALIS');
    await until('the hit', () => inbox(L, '.results .hit').first().isVisible());
    const hits = inbox(L, '.results .hit');
    assert.equal(await hits.count(), 1, 'only the message has both words (her name alone has not “naturalis”)');
    assert.deepEqual(await inbox(L, '.results .hit mark').allTextContents(), ['naturalis', 'Élodie']);
    assert.match(await hits.first().textContent() ?? '', /Élodie Brunet/);
    assert.deepEqual(await axeViolations(L), [], 'console with search results');
    await shot(L, 'console-search-desktop');
    await L.keyboard.press('ArrowDown');
    await L.keyboard.press('Enter');
    const row = inbox(L, `.row[data-seq="${seq}"]`);
    await until('the message on screen', () => row.isVisible(), 15_000);
    await until('scrolled to it', async () => {
      const [r, log] = [await row.boundingBox(), await inbox(L, '.log').boundingBox()];
      return r && log && r.y >= log.y && r.y + r.height <= log.y + log.height;
    });
    assert.match(await row.getAttribute('class') ?? '', /found/);
    assert.equal(await L.evaluate(() => location.hash), '', 'no stray navigation');
    // Loaded around it and down to the newest: nothing in between is missing.
    const seqs = (await inbox(L, '.row[data-seq]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq')))));
    assert.ok(seqs.includes(seq - 5) && seqs.includes(seq + 5), 'messages around the match');
    for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], seqs[i - 1] + 1, `contiguous after ${seqs[i - 1]}`);
    assert.ok(conversationId);
    await shot(L, 'console-search-opened-desktop');
    assert.deepEqual(await axeViolations(L), [], 'conversation opened at the match');

    // A phone: results fill the screen, a hit opens the conversation.
    await L.setViewportSize(PHONE);
    await inbox(L, '.conv-header .back').click().catch(() => L.keyboard.press('Escape'));
    await until('the results again', () => inbox(L, '.results .hit').first().isVisible());
    await shot(L, 'console-search-phone');
    await inbox(L, '.results .hit').first().click();
    await until('the match on the phone', () => inbox(L, `.row[data-seq="${seq}"]`).isVisible(), 15_000);
    await shot(L, 'console-search-opened-phone');
    await L.setViewportSize(DESKTOP);
    await inbox(L, '.clear-search').click();
    assert.equal(await box.inputValue(), '');
    await inbox(L, '.list').waitFor();
  });

  it('lets a verified applicant email themselves the transcript; the dev mailbox has it', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const {context, page: P} = await newPage(demo.browser, viewport);
      watch(P, 'partner', problems);
      await P.goto(`${demo.partner}/demo/partner.html`);
      await widget(P, '.launcher').click();
      const body = `Transcript please (${viewport.width}px) ${randomUUID().slice(0, 6)}`;
      await widget(P, 'textarea').fill(body);
      await widget(P, 'textarea').press('Enter');
      const login = await api<{token: string}>('/auth/login', {method: 'POST', body: demo.seed.lawyer});
      const conv = await until('the conversation', async () => (await api<{conversations: {id: string; applicant: {name: string}}[]}>('/conversations?status=open&assigned=all', {token: login.token}))
        .conversations.find((c) => c.applicant.name === 'Maria Santos'));
      await api(`/conversations/${conv!.id}/close`, {method: 'POST', token: login.token});
      const ask = widget(P, 'button.transcript-ask');
      await until('the transcript button', () => ask.isVisible());
      assert.deepEqual(await axeViolations(P), [], 'widget open, closed conversation with rating and transcript');
      await shot(P, `widget-transcript-ask-${viewport === PHONE ? 'phone' : 'desktop'}`);
      await ask.click();
      await until('the confirmation', async () => /on its way to maria\.santos@example\.com/.test((await widget(P, '.transcript').textContent()) ?? ''));
      await shot(P, `widget-transcript-${viewport === PHONE ? 'phone' : 'desktop'}`);
      await P.goto(`${demo.base}/dev/mail`);
      await until('the email in the dev mailbox', async () => ((await P.textContent('body')) ?? '').includes('Your conversation with Harbor & Vale'));
      await api(`/conversations/${conv!.id}/reopen`, {method: 'POST', token: login.token});
      await context.close();
    }
  });

  it('shows the owner the average rating per lawyer and month', async () => {
    const rate = async (score: number) => {
      const session = await api<{token: string}>('/widget/session', {method: 'POST', body: {siteKey: demo.seed.siteKey}});
      const conversation = await api<{id: string}>('/conversations', {method: 'POST', token: session.token, body: {}});
      await api(`/conversations/${conversation.id}/messages`, {method: 'POST', token: session.token, body: {clientId: randomUUID(), body: 'Thanks'}});
      const login = await api<{token: string}>('/auth/login', {method: 'POST', body: demo.seed.lawyer});
      await api(`/conversations/${conversation.id}/claim`, {method: 'POST', token: login.token});
      await api(`/conversations/${conversation.id}/close`, {method: 'POST', token: login.token});
      await api(`/conversations/${conversation.id}/rating`, {method: 'POST', token: session.token, body: {score}});
    };
    await rate(5);
    await rate(4);
    await L.reload();
    await inbox(L, '.settings-button').click();
    await inbox(L, 'consult-settings .tab:text-is("Ratings")').click();
    const panel = L.locator('consult-ratings');
    await until('the report', () => panel.locator('table.by-month tbody tr').first().isVisible());
    const row = (await panel.locator('table.by-month tbody tr').first().textContent()) ?? '';
    assert.match(row, /Anna Moreau\s*2/);
    assert.match(row, /4\.5/);
    assert.match((await panel.locator('table.by-lawyer').textContent()) ?? '', /Anna Moreau\s*2.*4\.5/s);
    assert.deepEqual(await axeViolations(L), [], 'settings, ratings tab');
    await shot(L, 'console-ratings-desktop');
    await L.setViewportSize(PHONE);
    await L.waitForTimeout(200);
    await shot(L, 'console-ratings-phone');
    await L.setViewportSize(DESKTOP);
    await inbox(L, 'consult-settings button:has-text("Back to conversations")').click();
  });

  it('shows in the visitor panel whether and when the applicant accepted the consent notice', async () => {
    const login = await api<{token: string}>('/auth/login', {method: 'POST', body: demo.seed.lawyer});
    await api('/settings', {method: 'POST', token: login.token, body: {consent: {enabled: true, texts: {en: 'Harbor & Vale keeps what you write confidential.'}}}});
    const {context, page: A} = await newPage(demo.browser);
    watch(A, 'applicant', problems);
    await A.goto(`${demo.base}/demo/`);
    await widget(A, '.launcher').click();
    await widget(A, 'consult-intake .notice').waitFor();
    if (await widget(A, 'input[name=name]').count()) await widget(A, 'input[name=name]').fill('Hana Novak');
    await widget(A, 'input[name=consent]').check();
    await shot(A, 'applicant-consent-desktop');
    await widget(A, 'consult-intake button[type=submit]').click();
    await widget(A, 'textarea').fill('I accepted the notice; here is my question about a family visa.');
    await widget(A, 'textarea').press('Enter');
    await until('the conversation in the list', () => inbox(L, '.item').filter({hasText: 'family visa'}).first().isVisible());
    await inbox(L, '.item').filter({hasText: 'family visa'}).first().click();
    const panel = inbox(L, '.visitor');
    await until('the consent line', async () => /Consent\s*Notice v1 accepted/.test((await panel.textContent()) ?? ''));
    assert.deepEqual(await axeViolations(L), [], 'console, visitor panel with consent');
    await shot(L, 'console-visitor-consent-desktop');
    await L.setViewportSize(PHONE);
    await L.waitForTimeout(200);
    if (!(await inbox(L, '.visitor').isVisible())) await inbox(L, '.visitor-toggle').click();
    await inbox(L, '.visitor').waitFor();
    await shot(L, 'console-visitor-consent-phone');
    await L.setViewportSize(DESKTOP);
    await context.close();
  });

  it('had no page errors and no CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
