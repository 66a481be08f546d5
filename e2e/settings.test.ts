// The owner runs the firm from the console, in real Chromium: a partner origin added works at
// once; consent and a required-email pre-chat reach a new applicant and the acceptance reaches
// the lawyer; hours that close the firm now show the next opening in the visitor's own zone; an
// invited lawyer signs up from the captured email and answers; deactivated, they are signed
// out within seconds. Each settings screen is photographed on a desktop and a phone.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {chromium, type Page} from 'playwright-core';
import {DESKTOP, LAUNCH_ARGS, PHONE, newPage, shot, startDemo, until, watch} from './support.js';

const demo = await startDemo();
const problems: string[] = [];
const owner = await newPage(demo.browser);
const O = owner.page;
watch(O, 'owner', problems);
O.on('dialog', (d) => void d.accept());
const inbox = (p: Page, sel: string) => p.locator(`consult-inbox ${sel}`);
const settings = (p: Page, sel: string) => p.locator(`consult-inbox consult-settings ${sel}`);
// A third name for the server, so the partner's site is an origin the firm does not allow yet.
const partnerBrowser = await chromium.launch({executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: [...LAUNCH_ARGS, '--host-resolver-rules=MAP partner.test 127.0.0.1']});
const partnerOrigin = `http://partner.test:${demo.backend.port}`;

async function tab(name: string): Promise<void> {
  await settings(O, `.tab:text-is("${name}")`).click();
  await settings(O, `.panel-title:text-is("${name}")`).waitFor();
}

async function save(): Promise<void> {
  await settings(O, '.panel button.primary').first().click();
  await until('the save to finish', async () => /Saved|Not saved|Invitation/.test((await settings(O, '.notice').first().textContent()) ?? ''));
}

/** Desktop and 390×844 pictures of the current settings screen. */
async function shoot(name: string): Promise<void> {
  await settings(O, 'h2').first().evaluate((h) => (h.getRootNode() as ShadowRoot).host.scrollTo(0, 0));
  await shot(O, `settings-${name}-desktop`);
  await O.setViewportSize(PHONE);
  await O.waitForTimeout(100);
  await shot(O, `settings-${name}-phone`);
  const overflow = await O.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: the page scrolls sideways on a phone (${overflow}px)`);
  await O.setViewportSize(DESKTOP);
}

describe('the owner runs the firm from the console', () => {
  it('signs in and opens the settings', async () => {
    await O.goto(`${demo.base}/console/`);
    await inbox(O, 'input[name=email]').fill(demo.seed.lawyer.email);
    await inbox(O, 'input[name=password]').fill(demo.seed.lawyer.password);
    await inbox(O, 'button[type=submit]').click();
    await inbox(O, '.settings-button').click();
    await settings(O, '.panel-title:text-is("Firm")').waitFor();
    await settings(O, 'input[name=name]').waitFor();
    await settings(O, 'input[name=accent]').fill('blue');
    await save();
    assert.match(await settings(O, '.field-error').first().textContent() ?? '', /colour/);
    await settings(O, 'input[name=accent]').fill('#1d4f6e');
    await settings(O, 'textarea[name=greeting-es]').fill('¡Hola! ¿En qué podemos ayudarle?');
    await save();
    assert.equal(await settings(O, '.field-error').count(), 0);
    await shoot('firm');
  });

  it('adds a partner origin, and the widget works there at once', async () => {
    const context = await partnerBrowser.newContext({viewport: DESKTOP, locale: 'es-ES', timezoneId: 'Europe/Madrid'});
    const P = await context.newPage();
    watch(P, 'partner', problems);
    await P.goto(`${partnerOrigin}/demo/`);
    await P.locator('consult-chat .launcher').click();
    await until('the refusal on an origin not allowed', () => P.locator('consult-chat .banner').isVisible());

    await tab('Website');
    const origins = settings(O, 'textarea[name=origins]');
    const before = await origins.inputValue();
    await origins.fill(`${before}\nnot a url`);
    await save();
    assert.match(await settings(O, '.field-error').first().textContent() ?? '', /not a web address/);
    await origins.fill(`${before}\n${partnerOrigin}`);
    await save();
    assert.equal(await settings(O, '.field-error').count(), 0);
    await shoot('website');

    await P.reload();
    // The partner's page is in Spanish.
    await P.locator('consult-chat').evaluate((el) => el.setAttribute('lang', 'es'));
    await P.locator('consult-chat .launcher').click();
    await P.locator('consult-chat textarea').waitFor();
    assert.match(await P.locator('consult-chat .greeting').textContent() ?? '', /¡Hola!/, 'the greeting in the visitor’s language');
    await context.close();
  });

  it('requires consent and an email from a new applicant; the lawyer sees the acceptance', async () => {
    await tab('Visitor contact');
    await settings(O, 'input[name=prechat]').check();
    await settings(O, 'select[name=field-email]').selectOption('required');
    await settings(O, 'select[name=field-topic]').selectOption('off');
    await settings(O, 'input[name=consent]').check();
    await settings(O, 'textarea[name=consent-en]').fill('Harbor & Vale keeps what you write confidential and uses it only to answer you.');
    await save();
    assert.match(await settings(O, '.hint').first().textContent() ?? '', /version: 1/);
    await shoot('contact');

    const {context, page: A} = await newPage(demo.browser);
    watch(A, 'applicant', problems);
    await A.goto(`${demo.base}/demo/`);
    await A.locator('consult-chat .launcher').click();
    await A.locator('consult-chat consult-intake .notice').waitFor();
    assert.match(await A.locator('consult-chat .notice').textContent() ?? '', /confidential/);
    await shot(A, 'applicant-intake-desktop');
    await A.locator('consult-chat input[name=name]').fill('Lena Ortiz');
    await A.locator('consult-chat button[type=submit]').click();
    assert.equal(await A.locator('consult-chat textarea').count(), 0, 'the browser keeps the form until the email is given');
    await A.locator('consult-chat input[name=email]').fill('lena@example.com');
    await A.locator('consult-chat input[name=consent]').check();
    await A.locator('consult-chat button[type=submit]').click();
    await A.locator('consult-chat textarea').fill('I need help with a residence permit.');
    await A.locator('consult-chat textarea').press('Enter');

    await settings(O, 'button:has-text("Back to conversations")').click();
    await inbox(O, '.item').filter({hasText: 'Lena Ortiz'}).click();
    await until('the acceptance in the header', async () => /Accepted notice v1/.test((await inbox(O, '.conv-header .consent').textContent()) ?? ''));
    assert.match(await inbox(O, '.conv-header').textContent() ?? '', /lena@example\.com/);
    await shot(O, 'console-consent-desktop');
    await context.close();
  });

  it('closed now: the widget names the next opening in the visitor’s own time zone', async () => {
    await inbox(O, '.settings-button').click();
    await tab('Business hours');
    // Open only tomorrow (Paris), 09:00–17:00: closed now.
    const paris = new Intl.DateTimeFormat('en-US', {timeZone: 'Europe/Paris', weekday: 'short'}).format(new Date(Date.now() + 86_400_000));
    const tomorrow = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(paris);
    await settings(O, 'input[name=hoursOn]').check();
    await settings(O, 'button:has-text("Add opening time")').click();
    await settings(O, 'button:has-text("Add opening time")').click();
    await settings(O, 'select[name=day-0]').selectOption(String(tomorrow));
    await settings(O, 'input[name=open-0]').fill('09:00');
    await settings(O, 'input[name=close-0]').fill('17:00');
    await settings(O, 'select[name=day-1]').selectOption(String(tomorrow));
    await settings(O, 'input[name=open-1]').fill('16:00');
    await settings(O, 'input[name=close-1]').fill('18:00');
    await save();
    assert.match(await settings(O, '.field-error').first().textContent() ?? '', /overlaps/);
    await settings(O, 'tr.span-row').nth(1).locator('button').click();
    await save();
    assert.equal(await settings(O, '.field-error').count(), 0);
    await shoot('hours');

    const {context, page: V} = await newPage(demo.browser, DESKTOP, {timezoneId: 'America/New_York', locale: 'en-US'});
    await V.goto(`${demo.base}/demo/`);
    await V.locator('consult-chat .launcher').click();
    await V.locator('consult-chat .closed').waitFor();
    const text = await V.locator('consult-chat .closed').textContent() ?? '';
    const opening = await demo.backend.services.models.Firm.findOne({siteKey: demo.seed.siteKey}).lean();
    assert.ok(opening!.hours!.enabled);
    // 09:00 in Paris is 03:00 in New York (02:00 or 04:00 around the daylight-saving weeks).
    assert.match(text, /We open again .*0[234]:00\s?AM E[SD]T/, text);
    await shot(V, 'applicant-closed-desktop');
    await context.close();
    await settings(O, 'input[name=hoursOn]').uncheck();
    await save();
  });

  it('retention and the audit log', async () => {
    await tab('Retention');
    await settings(O, 'input[name=retentionDays]').fill('0');
    await save();
    assert.match(await settings(O, '.field-error').first().textContent() ?? '', /at least 1 day/);
    await settings(O, 'input[name=retentionDays]').fill('365');
    await save();
    await shoot('retention');
    await tab('Audit log');
    await until('entries in the log', async () => (await settings(O, '.audit tbody tr').count()) >= 5);
    await shoot('audit');
  });

  it('invites a lawyer who signs up from the email, answers a chat, and is signed out when deactivated', async () => {
    await tab('Lawyers');
    await settings(O, '.invite input[name=name]').fill('Nina Ruiz');
    await settings(O, '.invite input[name=email]').fill(demo.seed.lawyer.email);
    await settings(O, '.invite button[type=submit]').click();
    await until('the duplicate refused', async () => /already has an account/.test((await settings(O, '.field-error').first().textContent().catch(() => '')) ?? ''));
    await settings(O, '.invite input[name=email]').fill('nina@harborvale.example');
    await settings(O, '.invite button[type=submit]').click();
    await until('Nina listed', async () => (await settings(O, '.team').textContent())?.includes('nina@harborvale.example'));
    await shoot('team');

    const {context, page: N} = await newPage(demo.browser);
    watch(N, 'nina', problems);
    await N.goto(`${demo.base}/dev/mail`);
    const mail = N.locator('tr', {hasText: 'nina@harborvale.example'}).first();
    await mail.locator('summary').click();
    const link = /https?:\/\/\S+#invite=[\w-]+/.exec(await mail.locator('pre').textContent() ?? '')![0];
    await N.goto(link.replace(/^https?:\/\/[^/]+/, demo.base));
    await N.locator('consult-signup input[name=password]').fill('nina-chooses-a-password');
    await N.locator('consult-signup input[name=again]').fill('nina-chooses-a-password');
    await shot(N, 'lawyer-signup-desktop');
    await N.locator('consult-signup button[type=submit]').click();
    await N.waitForURL(`${demo.base}/console/`);
    await inbox(N, '.item').filter({hasText: 'Lena Ortiz'}).click();
    await inbox(N, 'textarea').fill('Hello Lena, I am Nina; I will take your permit question.');
    await inbox(N, 'textarea').press('Enter');
    await until('Nina’s answer delivered', async () => (await inbox(O, '.bubble').allTextContents()).some((t) => t.includes('I am Nina')) || (await inbox(N, '.bubble').allTextContents()).some((t) => t.includes('I am Nina')));

    await settings(O, '.team tr').filter({hasText: 'nina@harborvale.example'}).locator('button:has-text("Deactivate")').click();
    const started = Date.now();
    await until('Nina signed out', () => inbox(N, '.login').isVisible(), 10_000);
    assert.ok(Date.now() - started < 10_000);
    await context.close();
  });

  it('shows no page errors or CSP violations', async () => {
    await partnerBrowser.close();
    assert.deepEqual(problems, []);
  });
});
