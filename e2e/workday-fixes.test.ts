// What a walk-through as an applicant and a lawyer found broken, each checked in Chromium against
// the backend `npm start` runs: the offline banner after a reconnect, the notification emails'
// links, the growing composer, landmarks and headings, a busy inbox, and "Last seen now".
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {describe, it} from 'node:test';
import type {Page} from 'playwright-core';
import {bubbles, count, twoParties, until} from './support.js';
import {axeViolations} from './axe.js';

const {demo, problems, applicant, lawyer, A, L, widget, inbox} = await twoParties();

async function send(p: Page, host: 'consult-chat' | 'consult-inbox', text: string): Promise<void> {
  const box = p.locator(`${host} textarea`);
  await box.fill(text);
  await box.press('Enter');
}

let conversationId = '';

describe('the walk-through’s broken items', () => {
  it('has no axe violations on the demo page with the widget closed, and no second banner once open', async () => {
    await A.goto(`${demo.base}/demo/?utm=walkthrough`);
    await widget(A, '.launcher').waitFor();
    assert.deepEqual(await axeViolations(A), [], 'demo page, widget closed');
    await widget(A, '.launcher').click();
    await widget(A, 'textarea').waitFor();
    await A.waitForTimeout(300); // the panel's opening animation
    assert.deepEqual(await axeViolations(A), [], 'demo page, widget open');
  });

  it('opens the conversation from the lawyer’s email link, and sends the applicant back to the page the chat started on', async () => {
    await send(A, 'consult-chat', 'Hello, I started on the demo page.');
    await until('the conversation stored', async () => (conversationId = String((await demo.backend.services.models.Conversation.findOne().lean())?._id ?? '')));
    // The lawyer is signed in already, then follows the link from the email.
    await L.goto(`${demo.base}/console/`);
    await inbox(L, 'input[name=email]').fill(demo.seed.lawyer.email);
    await inbox(L, 'input[name=password]').fill(demo.seed.lawyer.password);
    await inbox(L, 'button[type=submit]').click();
    await inbox(L, '.sidebar').waitFor();
    await demo.backend.services.notifier.notify(conversationId, 'lawyer');
    const Outbox = demo.backend.db.model('Outbox');
    const toLawyer = await until('the email to the lawyer', () => Outbox.findOne({kind: 'notify.lawyer'}).lean<{payload: {text: string}}>());
    const lawyerLink = /(http\S+)/.exec(toLawyer!.payload.text)![1];
    await L.goto(lawyerLink);
    await until('the conversation open from the link', async () => count(await bubbles(L, 'consult-inbox'), 'Hello, I started on the demo page.') === 1);
    assert.equal(await inbox(L, '.item[aria-selected="true"]').count(), 1);

    // The applicant gets an email (they gave one through a verified identity elsewhere): set it here.
    await demo.backend.services.models.Applicant.updateOne({}, {$set: {email: 'walk@example.com'}});
    await widget(A, '.launcher').click(); // panel closed: the reply stays unread
    await send(L, 'consult-inbox', 'We answered while you were away.');
    await until('the reply stored', async () => (await demo.backend.services.models.Message.countDocuments({body: 'We answered while you were away.'})) === 1);
    await demo.backend.services.chat.flush();
    await demo.backend.services.notifier.notify(conversationId, 'applicant');
    const toApplicant = await until('the email to the applicant', () => Outbox.findOne({kind: 'notify.applicant'}).lean<{payload: {text: string}}>());
    assert.match(toApplicant!.payload.text, new RegExp(`${demo.base}/demo/\\?utm=walkthrough\\s`), 'the link is the page the chat started on');
    await widget(A, '.launcher').click();
    await widget(A, 'textarea').waitFor();
  });

  it('grows the composer to about six lines, in the widget and in the console', async () => {
    const six = 'one\ntwo\nthree\nfour\nfive\nsix';
    for (const [p, host] of [[A, 'consult-chat'], [L, 'consult-inbox']] as const) {
      const box = p.locator(`${host} textarea`);
      await box.fill(six);
      const {scroll, client} = await box.evaluate((t: HTMLTextAreaElement) => ({scroll: t.scrollHeight, client: t.clientHeight}));
      assert.ok(scroll <= client + 1, `${host}: all six lines in view (content ${scroll}px, box ${client}px)`);
      await box.fill('');
    }
  });

  it('clears "You are offline" in the widget and the console once the network is back', async () => {
    await applicant.context.setOffline(true);
    await lawyer.context.setOffline(true);
    await until('the widget’s offline banner', () => widget(A, '.banner').isVisible());
    await until('the console’s offline banner', () => inbox(L, '.conversation .banner').isVisible());
    await applicant.context.setOffline(false);
    await lawyer.context.setOffline(false);
    // Well under the 40 s a dead socket takes to be noticed: the banner must follow the network.
    await until('the widget’s banner gone', async () => !(await widget(A, '.banner').isVisible()), 8_000);
    await until('the console’s banner gone', async () => !(await inbox(L, '.conversation .banner').isVisible()), 8_000);
    await send(L, 'consult-inbox', 'Messages flow again.');
    await until('the message after the drop', async () => count(await bubbles(A, 'consult-chat'), 'Messages flow again.') === 1);
  });

  it('has an h1 and no axe violations in the console’s list and conversation views', async () => {
    assert.equal(await inbox(L, 'h1').count(), 1);
    assert.deepEqual(await axeViolations(L), [], 'console, conversation open');
  });

  it('never says "Last seen now" for an applicant who has left', async () => {
    await applicant.context.close();
    await until('the applicant offline in the header', async () => !(await inbox(L, '.conv-header .presence.on').isVisible()));
    const text = (await inbox(L, '.conv-header .presence').textContent()) ?? '';
    assert.doesNotMatch(text, /\bnow\b/i);
    assert.match(text, /Last seen 1 minute ago/);
  });

  it('keeps the open conversation in view when the inbox is busy', async () => {
    const {services} = demo.backend;
    const open = async () => (await inbox(L, '.item[aria-selected="true"]').count()) === 1;
    assert.ok(await open(), 'a conversation is open');
    await L.mouse.move(900, 400); // the lawyer reads the conversation, not the list
    for (let i = 0; i < 40; i++) {
      const session = await services.sessions.widgetSession({siteKey: demo.seed.siteKey}, demo.base);
      const principal = {kind: 'applicant' as const, id: session.applicant.id, firmId: demo.seed.firmId, name: null};
      const c = await services.chat.openConversation(principal, {});
      await services.chat.send(principal, {conversationId: c.id, clientId: randomUUID(), body: `Busy ${i}`});
    }
    await until('a long list', async () => (await inbox(L, '.item').count()) >= 41);
    const inView = async () => {
      const [item, list] = [await inbox(L, '.item[aria-selected="true"]').boundingBox(), await inbox(L, '.list').boundingBox()];
      return !!item && !!list && item.y >= list.y - 1 && item.y + item.height <= list.y + list.height + 1;
    };
    await until('the open conversation’s row in view', inView);
    const view = L.viewportSize()!;
    for (const sel of ['.conv-header', '.composer textarea']) {
      const box = (await inbox(L, sel).boundingBox())!;
      assert.ok(box.y >= 0 && box.y + box.height <= view.height, `${sel} in view (top ${box.y}, bottom ${box.y + box.height}, viewport ${view.height})`);
    }
    // A reconnect reloads the first page (30 newer conversations): the open one stays listed.
    await lawyer.context.setOffline(true);
    await until('the console offline', () => inbox(L, '.conversation .banner').isVisible());
    await lawyer.context.setOffline(false);
    await until('the console back', async () => (await inbox(L, '.me .conn.online').count()) === 1, 20_000);
    await L.waitForTimeout(500);
    assert.ok(await open(), 'the open conversation is still in the list after the reload');
    await until('and still in view', inView);
    assert.equal(await L.evaluate(() => document.scrollingElement!.scrollTop), 0, 'the page itself did not scroll');
  });

  it('had no page errors and no CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
