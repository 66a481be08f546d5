// The owner's Integrations panel in the console: create and revoke an API key (shown once),
// register a webhook endpoint on a local receiver, see a delivery arrive and resend it.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {DESKTOP, PHONE, newPage, shot, startDemo, until, watch} from './support.js';
import {startWebhookReceiver} from '../backend/test/standins/webhook-receiver.js';

const demo = await startDemo();
const problems: string[] = [];

describe('the Integrations panel', () => {
  for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    it(`creates a key and a webhook, shows deliveries and resends one (${label})`, async () => {
      const receiver = await startWebhookReceiver(); // one per run: each endpoint has its own secret
      const {context, page} = await newPage(demo.browser, viewport);
      watch(page, label, problems);
      const inbox = (sel: string) => page.locator(`consult-inbox ${sel}`);
      const panel = (sel: string) => page.locator(`consult-inbox consult-integrations ${sel}`);
      await page.goto(`${demo.base}/console/`);
      await inbox('input[name=email]').fill(demo.seed.lawyer.email);
      await inbox('input[name=password]').fill(demo.seed.lawyer.password);
      await inbox('button[type=submit]').click();
      await inbox('.settings-button').click();
      await page.locator('consult-inbox consult-settings .tab', {hasText: 'Integrations'}).click();
      await panel('form.row').waitFor();

      await panel('input[name=name]').fill(`Case system ${label}`);
      await panel('select[name=scope]').selectOption('read-write');
      await panel('form.row button[type=submit]').click();
      const secret = (await until('the key shown once', () => panel('.secret code').textContent()))!.trim();
      assert.match(secret, /^ck_/);
      await shot(page, `integrations-${label}-key`);
      const me = await fetch(`${demo.base}/api/v1/me`, {headers: {authorization: `Bearer ${secret}`}});
      assert.equal(me.status, 200, 'the key shown works');

      await panel('input[name=url]').fill(`${receiver.url}/hooks/${label}`);
      await panel('input[value="conversation.created"]').check();
      await panel('form.hook-form button[type=submit]').click();
      receiver.secret = (await until('the signing secret shown once', async () => {
        const texts = await panel('.secret code').allTextContents();
        return texts.find((x) => x.startsWith('whsec_'));
      }))!.trim();

      // An event: a visitor starts a conversation on the demo firm.
      const session = await (await fetch(`${demo.base}/api/v1/widget/session`, {method: 'POST', headers: {'content-type': 'application/json', origin: demo.base}, body: JSON.stringify({siteKey: demo.seed.siteKey})})).json();
      const before = receiver.events.length;
      await fetch(`${demo.base}/api/v1/conversations`, {method: 'POST', headers: {'content-type': 'application/json', origin: demo.base, authorization: `Bearer ${session.token}`}, body: '{}'});
      await until('the event received', () => receiver.events.length > before);

      await panel('.items li:has(.url) button:has-text("Recent deliveries")').first().click();
      await until('the delivery listed as delivered', () => panel('.badge.sent').count());
      await panel('.deliveries button.link').first().click();
      const deliveries = receiver.deliveries;
      await until('the resend received', () => receiver.deliveries > deliveries);
      await shot(page, `integrations-${label}`);

      // Revoke takes two clicks; the key is refused at once.
      await panel('.items li:has(code:has-text("ck_")) button.danger').first().click();
      await panel('button:has-text("Confirm revoke")').click();
      await until('the key refused', async () => (await fetch(`${demo.base}/api/v1/me`, {headers: {authorization: `Bearer ${secret}`}})).status === 401);
      assert.deepEqual(receiver.badSignatures, []);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
