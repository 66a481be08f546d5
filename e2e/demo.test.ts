// The whole product in two real browsers: an applicant on the demo firm's site and a lawyer in
// the console, against the backend `npm start` runs, over real Socket.IO.
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {describe, it} from 'node:test';
import type {Page} from 'playwright-core';
import {DESKTOP, PHONE, bubbles, count, newPage, shot, twoParties, until, watch} from './support.js';

const {demo, problems, applicant, lawyer, A, L, widget, inbox} = await twoParties();

async function openWidget(p: Page): Promise<void> {
  await widget(p, '.launcher').click();
  await widget(p, 'textarea').waitFor();
}

async function send(p: Page, host: 'consult-chat' | 'consult-inbox', text: string): Promise<void> {
  const box = p.locator(`${host} textarea`);
  await box.fill(text);
  await box.press('Enter');
}

/** Nothing may stick out sideways: not the page, not any box inside the element's shadow root. */
async function assertFits(p: Page, host: string, name: string): Promise<void> {
  const worst = await p.evaluate((h) => {
    const width = document.documentElement.clientWidth;
    let out = document.documentElement.scrollWidth - width;
    for (const el of document.querySelector(h)?.shadowRoot?.querySelectorAll('*') ?? []) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) out = Math.max(out, Math.round(r.right - width));
    }
    return out;
  }, host);
  assert.ok(worst <= 0, `${name}: something sticks out ${worst}px past the right edge on a phone`);
}

async function signIn(p: Page, password: string): Promise<void> {
  await inbox(p, 'input[name=email]').fill(demo.seed.lawyer.email);
  await inbox(p, 'input[name=password]').fill(password);
  await inbox(p, 'button[type=submit]').click();
}

describe('an applicant on the firm site and a lawyer in the console', () => {
  it('refuses a wrong password with a message, then signs the lawyer in to an empty inbox', async () => {
    await L.goto(`${demo.base}/console/`);
    await inbox(L, '.login').waitFor();
    await shot(L, 'lawyer-login-desktop');
    await signIn(L, 'not the password');
    await inbox(L, '.login .error').waitFor();
    assert.match(await inbox(L, '.login .error').textContent() ?? '', /do not match/);
    await signIn(L, demo.seed.lawyer.password);
    await inbox(L, '.sidebar').waitFor();
    await until('the empty-list note', async () => (await inbox(L, '.list-note').textContent())?.includes('No conversations'));
  });

  it('shows the applicant typing, then their message with an unread count and an online dot', async () => {
    await A.goto(`${demo.base}/demo/`);
    await widget(A, '.launcher').waitFor();
    await shot(A, 'demo-site-desktop');
    await openWidget(A);
    await widget(A, 'textarea').pressSequentially('Hello, my husband', {delay: 40});
    await until('the typing hint in the lawyer’s list', () => inbox(L, '.item .typing-hint').isVisible());
    assert.match(await inbox(L, '.item .typing-hint').textContent() ?? '', /Visitor #1 is typing/);
    await widget(A, 'textarea').pressSequentially(' needs a work visa. Can you help?', {delay: 5});
    await widget(A, 'textarea').press('Enter');
    await until('the message in the list', async () => (await inbox(L, '.item .preview').textContent())?.includes('needs a work visa'));
    assert.equal((await inbox(L, '.item .count').textContent())?.trim(), '1');
    assert.equal(await inbox(L, '.item .avatar .dot.on').count(), 1, 'the applicant shows as online');
    await until('the lawyer shown online in the widget', () => widget(A, '.presence.on').isVisible());
  });

  it('opens the conversation from the keyboard; the applicant sees their message read', async () => {
    await inbox(L, '.item').first().focus();
    await L.keyboard.press('Enter');
    await until('the message in the conversation', async () => count(await bubbles(L, 'consult-inbox'), 'Hello, my husband needs a work visa. Can you help?') === 1);
    await until('the unread count cleared', async () => (await inbox(L, '.item .count').count()) === 0);
    await until('"Read" under the applicant’s message', async () => (await widget(A, '.row.mine .status').last().textContent())?.trim() === 'Read');
    assert.ok(await inbox(L, '.conv-header .presence.on').isVisible(), 'the applicant shows as online in the conversation');
  });

  it('shows the lawyer typing to the applicant, delivers the reply, and reports it read', async () => {
    await inbox(L, 'textarea').pressSequentially('Good afternoon', {delay: 40});
    await until('the lawyer’s typing hint in the widget', async () => /Anna Moreau is typing/.test((await widget(A, '.typing').textContent()) ?? ''));
    await inbox(L, 'textarea').pressSequentially('! Yes. Which country is he from, and does he have a job offer?', {delay: 2});
    await inbox(L, 'textarea').press('Enter');
    const reply = 'Good afternoon! Yes. Which country is he from, and does he have a job offer?';
    await until('the reply in the widget', async () => count(await bubbles(A, 'consult-chat'), reply) === 1);
    await until('"Read" under the lawyer’s reply', async () => (await inbox(L, '.row.mine .status').last().textContent())?.trim() === 'Read');
    await send(A, 'consult-chat', 'He is from Brazil, and yes: a software company in Lyon offered him a contract.');
    await until('the answer in the console', async () => (await bubbles(L, 'consult-inbox')).some((b) => b.startsWith('He is from Brazil')));
  });

  it('renders markup as text and links only http(s)', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"> javascript:alert(1) see https://example.org/guide';
    await send(A, 'consult-chat', hostile);
    await until('the hostile message in the console', async () => count(await bubbles(L, 'consult-inbox'), hostile) === 1);
    assert.equal(await L.evaluate(() => (window as {__pwned?: number}).__pwned), undefined);
    assert.equal(await inbox(L, '.bubble img').count(), 0);
    const hrefs = await inbox(L, '.bubble a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs, ['https://example.org/guide']);
  });

  it('takes screenshots of both sides on a desktop and a phone', async () => {
    await send(L, 'consult-inbox', 'Thank you. For a software engineer with a Lyon contract, the “Passeport Talent” is usually the fastest route. Shall we book a 30-minute video consultation?');
    await until('the last reply in the widget', async () => (await bubbles(A, 'consult-chat')).some((b) => b.includes('Passeport Talent')));
    await shot(A, 'applicant-desktop');
    await shot(L, 'lawyer-desktop');
    await A.setViewportSize(PHONE);
    await L.setViewportSize(PHONE);
    await A.waitForTimeout(200);
    await shot(A, 'applicant-phone');
    await shot(L, 'lawyer-phone-conversation');
    await assertFits(A, 'consult-chat', 'applicant');
    await assertFits(L, 'consult-inbox', 'lawyer conversation');
    await inbox(L, '.back').click();
    await inbox(L, '.item').first().waitFor();
    await shot(L, 'lawyer-phone-list');
    await assertFits(L, 'consult-inbox', 'lawyer list');
    await A.setViewportSize(DESKTOP);
    await L.setViewportSize(DESKTOP);
    await inbox(L, '.item').first().click();
  });

  it('keeps the applicant’s history across a reload, each message once', async () => {
    const before = await bubbles(A, 'consult-chat');
    await A.reload();
    await openWidget(A);
    await until('the history after the reload', async () => (await bubbles(A, 'consult-chat')).length === before.length);
    assert.deepEqual(await bubbles(A, 'consult-chat'), before);
  });

  it('loses and doubles nothing when the lawyer’s network is cut and restored', async () => {
    const replies = ['Sent while offline (1): please gather his diploma and contract.', 'Sent while offline (2): and a passport valid for 15 more months.'];
    await lawyer.context.setOffline(true);
    await until('the console noticing it is offline', async () => (await inbox(L, '.conversation .banner').count()) > 0);
    for (const r of replies) await send(L, 'consult-inbox', r);
    // Shown at once as pending, not delivered while the network is down.
    await until('the pending replies in the console', async () => {
      const shown = await bubbles(L, 'consult-inbox');
      return replies.every((r) => count(shown, r) === 1);
    });
    await send(A, 'consult-chat', 'Meanwhile from the applicant: is a translation of the diploma needed?');
    await A.waitForTimeout(1500);
    const seenByApplicant = await bubbles(A, 'consult-chat');
    assert.equal(replies.filter((r) => seenByApplicant.includes(r)).length, 0, 'nothing reached the applicant while the lawyer was offline');
    assert.equal(await inbox(L, '.row.mine .status.sending').count(), 2);

    await lawyer.context.setOffline(false);
    for (const r of replies) await until(`"${r}" at the applicant`, async () => count(await bubbles(A, 'consult-chat'), r) === 1, 20_000);
    await until('the applicant’s message at the lawyer after the restore', async () => count(await bubbles(L, 'consult-inbox'), 'Meanwhile from the applicant: is a translation of the diploma needed?') === 1, 20_000);
    await A.waitForTimeout(1000);
    for (const r of replies) {
      assert.equal(count(await bubbles(A, 'consult-chat'), r), 1, `"${r}" once at the applicant`);
      assert.equal(count(await bubbles(L, 'consult-inbox'), r), 1, `"${r}" once in the console`);
      assert.equal(await demo.backend.services.models.Message.countDocuments({body: r}), 1, `"${r}" stored once`);
    }
    assert.equal(await inbox(L, '.row.mine .status.sending').count(), 0);
  });

  it('shows close and reopen to both sides, live', async () => {
    await inbox(L, '.conv-header button:text-is("Close")').click();
    await until('the closing notice in the widget', async () => (await widget(A, '.system').allTextContents()).some((t) => /closed/.test(t)));
    await until('the Reopen button', () => inbox(L, '.conv-header button:text-is("Reopen")').isVisible());
    await inbox(L, '.conv-header button:text-is("Reopen")').click();
    await until('the reopening notice in the widget', async () => (await widget(A, '.system').allTextContents()).some((t) => /reopened/.test(t)));
  });

  it('claims the conversation; the list shows it under "Mine"', async () => {
    await inbox(L, '.conv-header button:text-is("Claim")').click();
    await until('the assignment notice', async () => (await widget(A, '.system').allTextContents()).some((t) => /Anna Moreau joined/.test(t)));
    await inbox(L, '.segmented button:text-is("Mine")').click();
    await until('the conversation under Mine', async () => (await inbox(L, '.item .item-meta').first().textContent())?.includes('Assigned to you'));
    await inbox(L, '.segmented button:text-is("Unassigned")').click();
    await until('no conversation under Unassigned', async () => (await inbox(L, '.item').count()) === 0);
    await inbox(L, '.segmented button:text-is("All")').click();
    await inbox(L, '.item').first().waitFor();
  });

  it('embeds cross-origin on the partner page with a verified identity', async () => {
    const partner = await newPage(demo.browser);
    watch(partner.page, 'partner', problems);
    const P = partner.page;
    await P.goto(`${demo.partner}/demo/partner.html`);
    await openWidget(P);
    await send(P, 'consult-chat', 'Hello from Northbridge: I need help with my talent-passport visa.');
    await until('Maria Santos in the lawyer’s list', async () => (await inbox(L, '.item .name').allTextContents()).includes('Maria Santos'));
    await inbox(L, '.item:has-text("Maria Santos")').click();
    await until('the verified badge', () => inbox(L, '.conv-header .badge').isVisible());
    assert.match(await inbox(L, '.conv-header .presence').textContent() ?? '', /maria\.santos@example\.com/);
    await shot(P, 'partner-desktop');
    await P.goto(`${demo.base}/demo/embed`);
    await shot(P, 'embed-instructions');
    await partner.context.close();
    await until('Maria shown offline after she left', async () => !(await inbox(L, '.conv-header .presence.on').isVisible()));
  });

  it('pages older history in when the lawyer scrolls up, each message once and in order', async () => {
    const {services} = demo.backend;
    const session = await services.sessions.widgetSession({siteKey: demo.seed.siteKey}, demo.base);
    const principal = {kind: 'applicant' as const, id: session.applicant.id, firmId: demo.seed.firmId, name: null};
    const conversation = await services.chat.openConversation(principal, {});
    for (let i = 1; i <= 80; i++) await services.chat.send(principal, {conversationId: conversation.id, clientId: randomUUID(), body: `Question ${i}`});
    const name = `Visitor #${session.applicant.number}`;
    await until('the busy conversation in the list', async () => (await inbox(L, '.item .name').allTextContents()).includes(name));
    await inbox(L, `.item:has-text("${name}")`).click();
    const questions = async () => (await bubbles(L, 'consult-inbox')).filter((b) => /^Question \d+$/.test(b));
    await until('the newest message', async () => (await questions()).includes('Question 80'));
    assert.ok((await questions()).length < 80, 'only a recent window at first');
    await until('the first message after scrolling up', async () => {
      await inbox(L, '.log').evaluate((log) => log.scrollTo(0, 0));
      return (await questions()).includes('Question 1');
    }, 15_000);
    assert.deepEqual(await questions(), Array.from({length: 80}, (_, i) => `Question ${i + 1}`));
  });

  it('moves between conversations with j/k and the arrow keys', async () => {
    const names = await inbox(L, '.item .name').allTextContents();
    assert.equal(names.length, 3);
    const focused = () => L.evaluate(() => document.querySelector('consult-inbox')!.shadowRoot!.activeElement?.querySelector('.name')?.textContent);
    await inbox(L, '.item').first().focus();
    await L.keyboard.press('j');
    assert.equal(await focused(), names[1]);
    await L.keyboard.press('ArrowDown');
    assert.equal(await focused(), names[2]);
    await L.keyboard.press('k');
    assert.equal(await focused(), names[1]);
    await L.keyboard.press('Enter');
    await until('the chosen conversation open', async () => (await inbox(L, '#conv-title').textContent())?.startsWith(names[1]));
    assert.equal(await inbox(L, '.item[aria-selected="true"] .name').textContent(), names[1]);
  });

  it('keeps the lawyer signed in across a reload, and signs out', async () => {
    await L.reload();
    await inbox(L, '.sidebar').waitFor();
    await until('the list after the reload', async () => (await inbox(L, '.item').count()) === 3);
    await inbox(L, '.me button:text-is("Sign out")').click();
    await inbox(L, '.login').waitFor();
    assert.equal(await L.evaluate(() => localStorage.getItem('consult-inbox:session')), null);
    await L.reload();
    await inbox(L, '.login').waitFor();
  });

  it('had no page errors and no CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
