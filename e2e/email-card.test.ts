// Confirming an email outside booking, in Chromium: the lawyer presses "Ask for their email in
// the chat" in the visitor panel; an applicant whose widget speaks French gets the form card in the widget,
// types an address, reads the code from the email the Resend stand-in received, types a wrong
// one (refused in French), asks for a new code, types it; the card says "confirmed" on both
// sides and the visitor panel shows the confirmed address. Screenshots of the card, desktop and
// phone, for both sides.
import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import type {Page} from 'playwright-core';
import {startResendStandin} from '../backend/test/standins/resend.js';
import {DESKTOP, PHONE, newPage, shot, startDemo, until, watch} from './support.js';

const resend = await startResendStandin();
after(() => resend.close());
const demo = await startDemo({config: {RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url}});
const problems: string[] = [];
const applicant = await newPage(demo.browser);
const lawyer = await newPage(demo.browser);
watch(applicant.page, 'applicant', problems);
watch(lawyer.page, 'lawyer', problems);
const A = applicant.page;
const L = lawyer.page;
const widget = (sel: string) => A.locator(`consult-chat ${sel}`);
const inbox = (sel: string) => L.locator(`consult-inbox ${sel}`);
const flat = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const EMAIL = 'claire.dubois@client.example';

/** The codes the stand-in received for an address, oldest first. */
const codes = () => resend.emails.filter((e) => JSON.stringify(e.body.to).includes(EMAIL)).map((e) => /\b(\d{6})\b/.exec(String(e.body.text))![1]);

async function phoneShot(p: Page, name: string, scrollTo: () => Promise<void>): Promise<void> {
  await p.setViewportSize(PHONE);
  await scrollTo();
  await shot(p, name);
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: the page scrolls sideways (${overflow}px)`);
  await p.setViewportSize(DESKTOP);
}

describe('a lawyer asks for an email; the applicant confirms it with a code, in their language', () => {
  it('posts the form card from the console', async () => {
    await A.goto(`${demo.base}/demo/`);
    // The demo page says <html lang="en">: the visitor's site sets the widget's language.
    await A.locator('consult-chat').evaluate((el) => el.setAttribute('lang', 'fr'));
    await widget('.launcher').click();
    const box = widget('textarea');
    await box.fill('Bonjour, j’ai une question sur mon bail.');
    await box.press('Enter');
    await L.goto(`${demo.base}/console/`);
    await inbox('input[name=email]').fill(demo.seed.lawyer.email);
    await inbox('input[name=password]').fill(demo.seed.lawyer.password);
    await inbox('button[type=submit]').click();
    await inbox('.item').first().click();
    await inbox('.visitor button.ask-email').click();
    await until('the card in the console', async () => /waiting for the visitor/.test(flat(await inbox('consult-email .card').first().textContent().catch(() => ''))));
    await until('the card at the applicant', async () => (await widget('consult-email input[name=email]').count()) === 1);
    assert.match(flat(await widget('consult-email .card').textContent()), /Votre avocat vous demande votre e-mail/);
  });

  it('sends a code, refuses a wrong one in French, resends, confirms', async () => {
    await widget('consult-email input[name=email]').fill(EMAIL);
    await widget('consult-email button.submit').click();
    await widget('consult-email input[name=code]').waitFor();
    assert.match(flat(await widget('consult-email [role=status]').textContent()), new RegExp(`Code envoyé à ${EMAIL.replace(/\./g, '\\.')}`));
    const first = await until('the code email at the stand-in', () => codes()[0]);
    await widget('consult-email').scrollIntoViewIfNeeded();
    await shot(A, 'email-card-code-desktop');
    await phoneShot(A, 'email-card-code-phone', () => widget('consult-email').scrollIntoViewIfNeeded());
    await widget('consult-email input[name=code]').fill(first === '000000' ? '000001' : '000000');
    await widget('consult-email button.submit').click();
    await until('a wrong code refused in French', async () => /Ce code n’est pas bon/.test(flat(await widget('consult-email .error').textContent().catch(() => ''))));
    await widget('consult-email button.resend').click();
    await until('a new code is sent', async () => /Un nouveau code est en route/.test(flat(await widget('consult-email [role=status]').textContent())));
    const second = await until('the second code email', () => codes()[1]);
    await widget('consult-email input[name=code]').fill(second);
    await widget('consult-email button.submit').click();
    await until('confirmed at the applicant', async () => flat(await widget('consult-email .card').textContent()) === `E-mail confirmé : ${EMAIL}`);
    await until('confirmed in the console', async () => flat(await inbox('consult-email .card').first().textContent()) === `Email confirmed: ${EMAIL}`);
    await until('the visitor panel shows the confirmed address', async () => /claire\.dubois@client\.example\s*\(verified\)/.test(flat(await inbox('.visitor .email').textContent())));
    assert.equal(await inbox('.visitor button.ask-email').count(), 0, 'nothing left to ask');
    const applicantDoc = await demo.backend.services.models.Applicant.findOne({email: EMAIL}).lean();
    assert.equal(applicantDoc?.emailVerified, true);
    await shot(A, 'email-card-confirmed-desktop');
    await phoneShot(A, 'email-card-confirmed-phone', () => widget('consult-email').scrollIntoViewIfNeeded());
    await inbox('consult-email').first().scrollIntoViewIfNeeded();
    await shot(L, 'email-card-console-desktop');
    // On a phone the visitor panel covers the conversation: closed to show the card.
    await phoneShot(L, 'email-card-console-phone', async () => {
      await inbox('.visitor .close-visitor').click();
      await inbox('consult-email').first().scrollIntoViewIfNeeded();
    });
  });

  it('with "before scheduling" on, opening Schedule for a visitor without a confirmed email posts the card', async () => {
    const login = await (await fetch(`${demo.base}/api/v1/auth/login`, {method: 'POST', headers: {'content-type': 'application/json', origin: demo.base}, body: JSON.stringify({email: demo.seed.lawyer.email, password: demo.seed.lawyer.password})})).json();
    const set = await fetch(`${demo.base}/api/v1/settings`, {method: 'POST', headers: {'content-type': 'application/json', origin: demo.base, authorization: `Bearer ${login.token}`}, body: JSON.stringify({askEmail: {afterMinutes: null, beforeScheduling: true}})});
    assert.equal(set.status, 200);
    const other = await newPage(demo.browser);
    watch(other.page, 'second applicant', problems);
    const O = other.page;
    await O.goto(`${demo.base}/demo/`);
    await O.locator('consult-chat .launcher').click();
    await O.locator('consult-chat textarea').fill('I would like a consultation next week.');
    await O.locator('consult-chat textarea').press('Enter');
    await until('the second conversation', async () => (await inbox('.item').count()) === 2);
    await inbox('.item').first().click();
    await until('the visitor panel', async () => /Not verified/.test(flat(await inbox('.visitor').textContent().catch(() => ''))));
    await inbox('.conv-header button:has-text("Schedule consultation"), button.schedule').first().click();
    await until('the dialog says the email was asked', async () => /We asked them for their email in the chat/.test(flat(await inbox('consult-schedule-dialog .asked').textContent().catch(() => ''))));
    await until('the card at the second applicant', async () => (await O.locator('consult-chat consult-email input[name=email]').count()) === 1);
    await inbox('consult-schedule-dialog button:has-text("Close")').first().click();
  });

  it('had no page errors or CSP violations', async () => {
    assert.deepEqual(problems, []);
  });
});
