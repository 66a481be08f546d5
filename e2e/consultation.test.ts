// Video consultations end to end: a lawyer in Paris schedules, moves and cancels from the console;
// a client in New York sees the card follow on their own clock; /dev/mail holds the invites.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Locator, Page} from 'playwright-core';
import {zonedTimeToUtc} from '../protocol/time.js';
import {DEMO_IDENTITY} from '../backend/http/pages.js';
import {PHONE, DESKTOP, newPage, shot, startDemo, until, watch} from './support.js';

const LAWYER_ZONE = 'Europe/Paris';
const CLIENT_ZONE = 'America/New_York';

const demo = await startDemo();
const problems: string[] = [];
const lawyer = await newPage(demo.browser, DESKTOP, {timezoneId: LAWYER_ZONE});
const client = await newPage(demo.browser, DESKTOP, {timezoneId: CLIENT_ZONE, locale: 'en-US'});
watch(lawyer.page, 'lawyer', problems);
watch(client.page, 'client', problems);
const L = lawyer.page;
const C = client.page;

const inbox = (sel: string) => L.locator(`consult-inbox ${sel}`);
const widget = (sel: string) => C.locator(`consult-chat ${sel}`);
const dialog = () => inbox('consult-schedule-dialog dialog');
const lawyerCard = () => inbox('.card');
const clientCard = () => widget('.card');

/** A day a week ahead, on the lawyer's calendar, as the date input wants it. */
const day = (() => {
  const d = new Date(Date.now() + 7 * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {timeZone: LAWYER_ZONE, year: 'numeric', month: '2-digit', day: '2-digit'}).format(d);
})();
const yesterday = new Intl.DateTimeFormat('en-CA', {timeZone: LAWYER_ZONE, year: 'numeric', month: '2-digit', day: '2-digit'}).format(Date.now() - 86_400_000);

const flat = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
/** How the card writes a time: the page's language, the given zone (Chromium and Node share ICU data). */
const clock = (instant: Date, timeZone: string) => flat(new Intl.DateTimeFormat('en', {hour: 'numeric', minute: '2-digit', timeZone}).format(instant));
const longDate = (instant: Date, timeZone: string) => new Intl.DateTimeFormat('en', {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone}).format(instant);

async function text(l: Locator): Promise<string> {
  return flat(await l.textContent());
}

/** Which element has focus, looking through the console's and the dialog's shadow roots. */
function focused(p: Page): Promise<string> {
  return p.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}${el.className ? `.${String(el.className).split(' ').filter(Boolean).join('.')}` : ''}` : '';
  });
}

async function fillWhen(date: string, time: string): Promise<void> {
  await dialog().locator('input[name=date]').fill(date);
  await dialog().locator('input[name=time]').fill(time);
}

async function cardShot(p: Page, card: Locator, name: string): Promise<void> {
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({path: (await shot(p, name)).replace(/\.png$/, '-card.png')});
}

describe('a video consultation from the console to the client’s widget', () => {
  it('connects a verified client in New York and the lawyer in Paris', async () => {
    await C.goto(`${demo.partner}/demo/partner.html`);
    await widget('.launcher').click();
    await widget('textarea').fill('Hello, could we talk about my talent-passport application by video?');
    await widget('textarea').press('Enter');
    await L.goto(`${demo.base}/console/`);
    await inbox('input[name=email]').fill(demo.seed.lawyer.email);
    await inbox('input[name=password]').fill(demo.seed.lawyer.password);
    await inbox('button[type=submit]').click();
    await inbox(`.item:has-text("${DEMO_IDENTITY.name}")`).click();
    await until('the client’s message in the console', async () => (await inbox('.bubble').allTextContents()).some((b) => b.includes('talent-passport')));
  });

  it('opens an accessible dialog: labelled, focus inside, Tab wraps, Escape closes and restores focus', async () => {
    const open = inbox('.conv-header button.schedule');
    await open.click();
    await dialog().waitFor();
    assert.equal(await dialog().evaluate((d: HTMLDialogElement) => d.open && d.matches(':modal')), true);
    assert.equal(await text(dialog().locator('#dlg-title')), 'Schedule a video consultation');
    assert.match(await text(dialog().locator('#dlg-intro')), /Maria Santos/);
    assert.equal(await focused(L), 'input[name=date]');
    assert.match(await text(dialog().locator('#dlg-zone')), /^Your time zone: Paris \(GMT\+\d\)$/);
    // Labels name every field.
    for (const [label, sel] of [['Date', 'input[name=date]'], ['Start time', 'input[name=time]'], ['Duration', 'select[name=duration]']]) {
      assert.equal(await dialog().getByLabel(label, {exact: true}).evaluate((el, s) => el.matches(s), sel), true, `${label} labels ${sel}`);
    }
    await until('the providers offered', () => dialog().locator('input[type=radio]').count());
    assert.deepEqual(await dialog().locator('fieldset label').allTextContents().then((a) => a.map(flat)), ['Jitsi Meet']);
    assert.equal(await dialog().getByLabel('Jitsi Meet').isChecked(), true, 'Jitsi is the default');
    assert.deepEqual(await dialog().locator('select[name=duration] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), ['15', '30', '45', '60', '90', '120', '180', '240']);

    // Tab from the last control comes back to the first; Shift+Tab goes the other way.
    await dialog().locator('button[type=submit]').focus();
    await L.keyboard.press('Tab');
    assert.equal(await focused(L), 'input[name=date]');
    await L.keyboard.press('Shift+Tab');
    assert.equal(await focused(L), 'button.primary');
    for (let i = 0; i < 8; i++) {
      await L.keyboard.press('Tab');
      assert.equal(await dialog().evaluate((d) => d.getRootNode() instanceof ShadowRoot && (d.getRootNode() as ShadowRoot).activeElement !== null), true, 'focus stays in the dialog');
    }
    await L.keyboard.press('Escape');
    await until('the dialog closed', async () => !(await dialog().evaluate((d: HTMLDialogElement) => d.open)));
    assert.equal(await focused(L), 'button.ghost.small.schedule', 'focus is back on the button that opened it');
    assert.ok(await inbox('.conversation #conv-title').isVisible(), 'Escape closed only the dialog, not the conversation');
  });

  it('shows the server’s refusal of a time in the past inline, then schedules from the keyboard', async () => {
    await inbox('.conv-header button.schedule').press('Enter');
    await dialog().waitFor();
    await until('the providers offered', () => dialog().locator('input[type=radio]').count());
    await fillWhen(yesterday, '15:00');
    await dialog().locator('button[type=submit]').click();
    await dialog().locator('.error[role=alert]').waitFor();
    assert.match(await text(dialog().locator('.error')), /^Not saved: the start time .* is in the past$/);
    assert.equal(await dialog().locator('input[name=time]').getAttribute('aria-invalid'), 'true');
    assert.equal(await lawyerCard().count(), 0, 'nothing was scheduled');

    await fillWhen(day, '15:00');
    await dialog().locator('select[name=duration]').selectOption('45');
    await shot(L, 'consultation-dialog');
    await dialog().locator('input[name=time]').press('Enter');
    await until('the dialog closed after the server accepted', async () => !(await dialog().evaluate((d: HTMLDialogElement) => d.open)));
    await lawyerCard().waitFor();
    await until('the card in the client’s widget', () => clientCard().count());
  });

  const first = zonedTimeToUtc(`${day}T15:00`, LAWYER_ZONE);
  const firstEnd = new Date(first.getTime() + 45 * 60_000);

  it('shows each side the time on their own clock, the provider, a safe Join link and calendar links', async () => {
    const inParis = `${clock(first, LAWYER_ZONE)} – ${clock(firstEnd, LAWYER_ZONE)}`;
    const inNewYork = `${clock(first, CLIENT_ZONE)} – ${clock(firstEnd, CLIENT_ZONE)}`;
    assert.notEqual(inParis, inNewYork);
    const lawyerWhen = await text(lawyerCard().locator('.when'));
    const clientWhen = await text(clientCard().locator('.when'));
    assert.ok(lawyerWhen.startsWith(`${longDate(first, LAWYER_ZONE)} ${inParis}`), lawyerWhen);
    assert.match(lawyerWhen, /GMT[+-]\d Paris$/);
    assert.ok(clientWhen.startsWith(`${longDate(first, CLIENT_ZONE)} ${inNewYork}`), clientWhen);
    assert.match(clientWhen, /E[DS]T New York$/);
    for (const card of [lawyerCard(), clientCard()]) {
      assert.equal(await text(card.locator('.pill')), 'Confirmed');
      assert.equal(await text(card.locator('.via')), 'Jitsi Meet');
      const join = card.locator('a.join');
      assert.match(await join.getAttribute('href') ?? '', /^https:\/\/meet\.jit\.si\/[\w-]{16,}$/);
      assert.equal(await join.getAttribute('rel'), 'noopener noreferrer');
      assert.equal(await join.getAttribute('target'), '_blank');
      const cal = await card.locator('.cal a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
      assert.deepEqual(cal.map(([t]) => t), ['Google', 'Outlook', '.ics']);
      assert.match(cal[0][1]!, /^https:\/\/calendar\.google\.com\//);
      assert.match(cal[1][1]!, /^https:\/\/outlook\.(live|office)\.com\//);
      assert.ok(cal[2][1]!.startsWith(`${demo.base}/consultations/`), cal[2][1]!);
    }
    const ics = await fetch((await clientCard().locator('.cal a').last().getAttribute('href'))!);
    assert.equal(ics.status, 200);
    assert.match(await ics.text(), /BEGIN:VCALENDAR[\s\S]*DTSTART/);
    // The console alone shows who was emailed and offers to move or cancel.
    await until('both invitations captured', async () => (await inbox('.invite[data-status=captured]').count()) === 2);
    assert.deepEqual(await inbox('.invite').allTextContents().then((a) => a.map(flat)), ['You Invitation captured (dev mailbox)', 'Maria Santos Invitation captured (dev mailbox)']);
    assert.equal(await widget('.invite, .consult-actions').count(), 0);
    await cardShot(L, lawyerCard(), 'consultation-lawyer');
    await cardShot(C, clientCard(), 'consultation-client');
  });

  it('refuses an overlapping consultation with the server’s reason, on the lawyer’s clock', async () => {
    await inbox('.conv-header button.schedule').click();
    await until('the providers offered', () => dialog().locator('input[type=radio]').count());
    await fillWhen(day, '15:30');
    await dialog().locator('button[type=submit]').click();
    await dialog().locator('.error').waitFor();
    const error = await text(dialog().locator('.error'));
    const at = (d: Date) => clock(d, LAWYER_ZONE);
    assert.equal(error, `Not saved: the lawyer already has a consultation from ${longDate(first, LAWYER_ZONE)}, ${at(first)} to ${at(firstEnd)}; choose another time`);
    assert.doesNotMatch(error, /\d{4}-\d{2}-\d{2}T/, 'no raw UTC timestamps');
    await dialog().getByRole('button', {name: 'Close'}).click();
    assert.equal(await inbox('.card').count(), 1);
  });

  const moved = zonedTimeToUtc(`${day}T16:30`, LAWYER_ZONE);

  it('reschedules from the card with the dialog prefilled; both sides see the new time live', async () => {
    await lawyerCard().locator('button.reschedule').click();
    await dialog().waitFor();
    assert.equal(await text(dialog().locator('#dlg-title')), 'Reschedule the consultation');
    assert.equal(await dialog().locator('input[name=date]').inputValue(), day);
    assert.equal(await dialog().locator('input[name=time]').inputValue(), '15:00');
    assert.equal(await dialog().locator('select[name=duration]').inputValue(), '45');
    await dialog().locator('input[name=time]').fill('16:30');
    await dialog().locator('button[type=submit]').click();
    await until('the dialog closed', async () => !(await dialog().evaluate((d: HTMLDialogElement) => d.open)));
    const newYork = clock(moved, CLIENT_ZONE);
    await until('the new time on the client’s card', async () => (await text(clientCard().locator('.when'))).includes(`${newYork} –`));
    await until('the new time on the lawyer’s card', async () => (await text(lawyerCard().locator('.when'))).includes(`${clock(moved, LAWYER_ZONE)} –`));
    for (const card of [lawyerCard(), clientCard()]) assert.equal(await text(card.locator('.pill')), 'Rescheduled');
    assert.equal(await clientCard().count(), 1, 'the card changed in place');
    await until('the notice in the widget', async () => (await widget('.system').allTextContents()).some((t) => /^The consultation was moved from \w{3} \d{1,2}:\d{2}\s[AP]M to \w{3} \d{1,2}:\d{2}\s[AP]M \(New York time\)$/.test(t)));
    await until('both updates captured', async () => (await inbox('.invite').allTextContents()).filter((t) => /Update captured/.test(t)).length === 2);
    await cardShot(C, clientCard(), 'consultation-client-rescheduled');
  });

  it('cancels only after confirmation; both cards say so and lose their links and buttons', async () => {
    await lawyerCard().locator('button.cancel').click();
    await dialog().waitFor();
    assert.equal(await text(dialog().locator('#dlg-title')), 'Cancel this consultation?');
    assert.match(await text(dialog().locator('.summary')), new RegExp(`${clock(moved, LAWYER_ZONE)}.*Paris`));
    assert.equal(await focused(L), 'button', 'focus starts on "Keep it", the safe choice');
    await dialog().getByRole('button', {name: 'Keep it'}).click();
    assert.equal(await text(clientCard().locator('.pill')), 'Rescheduled', 'nothing changed');
    await lawyerCard().locator('button.cancel').click();
    await dialog().getByRole('button', {name: 'Cancel consultation'}).click();
    await until('the client’s card cancelled', async () => (await text(clientCard().locator('.pill'))) === 'Cancelled');
    await until('the lawyer’s card cancelled', async () => (await text(lawyerCard().locator('.pill'))) === 'Cancelled');
    await until('focus kept in the conversation, not lost with the Cancel button', async () => (await focused(L)) === 'div.log');
    for (const card of [lawyerCard(), clientCard()]) assert.equal(await card.locator('a').count(), 0, 'no Join or calendar links once cancelled');
    assert.equal(await lawyerCard().locator('button').count(), 0, 'no Reschedule or Cancel once cancelled');
    await until('the notice in the widget', async () => (await widget('.system').allTextContents()).includes('The consultation was cancelled'));
    await until('both cancellations captured', async () => (await inbox('.invite').allTextContents()).filter((t) => /Cancellation captured/.test(t)).length === 2);
    await cardShot(L, lawyerCard(), 'consultation-lawyer-cancelled');
    await cardShot(C, clientCard(), 'consultation-client-cancelled');
  });

  it('lists two captured emails per step at /dev/mail, each on its reader’s clock', async () => {
    const mail = await L.context().newPage();
    await mail.goto(`${demo.base}/dev/mail`);
    const rows = await mail.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      status: tr.querySelector('.status')?.textContent,
      to: tr.children[2].firstChild?.textContent?.trim(),
      subject: tr.querySelector('summary')?.textContent,
    })));
    // Reminders are listed too (withdrawn by the reschedule and the cancel): not invites.
    const invites = rows.filter((r) => /video consultation/i.test(r.subject ?? '') && !/^(Tomorrow|In one hour):/.test(r.subject ?? '')).reverse();
    const reminders = rows.filter((r) => /^(Tomorrow|In one hour):/.test(r.subject ?? ''));
    assert.ok(reminders.every((r) => r.status === 'revoked'), 'no reminder of a moved or cancelled consultation is left to send');
    assert.equal(invites.length, 6, JSON.stringify(rows));
    assert.ok(invites.every((r) => r.status === 'captured'));
    const steps = [/^Video consultation with/, /^New time: video consultation with/, /^Cancelled: video consultation with/];
    for (const [i, step] of steps.entries()) {
      const pair = invites.slice(i * 2, i * 2 + 2);
      assert.deepEqual(pair.map((r) => r.to).sort(), [DEMO_IDENTITY.email, demo.seed.lawyer.email].sort(), `step ${i + 1} went to both`);
      assert.ok(pair.every((r) => step.test(r.subject!)), JSON.stringify(pair));
    }
    // The new time in each person's email is on their own clock.
    const lawyerMoved = invites.find((r) => r.to === demo.seed.lawyer.email && /^New time/.test(r.subject!))!;
    const clientMoved = invites.find((r) => r.to === DEMO_IDENTITY.email && /^New time/.test(r.subject!))!;
    // English emails on a 12-hour clock: "4:30–5:15 PM" (the hour without a leading zero).
    const h12 = (tz: string) => new Intl.DateTimeFormat('en-US', {hour: 'numeric', minute: '2-digit', timeZone: tz}).format(moved).replace(/\s?[AP]M$/, '');
    assert.match(lawyerMoved.subject!, new RegExp(`, ${h12(LAWYER_ZONE)}(?:\\s[AP]M)?–.*\\s[AP]M$`));
    assert.match(clientMoved.subject!, new RegExp(`, ${h12(CLIENT_ZONE)}(?:\\s[AP]M)?–.*\\s[AP]M$`));
    await mail.close();
  });

  it('fits the card, and the console header with its Schedule button, on a phone', async () => {
    for (const [p, card, name] of [[C, clientCard(), 'client'], [L, lawyerCard(), 'lawyer']] as const) {
      await p.setViewportSize(PHONE);
      await p.waitForTimeout(200);
      await card.scrollIntoViewIfNeeded();
      const box = await card.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${name}: ${JSON.stringify(box)}`);
      await shot(p, `consultation-${name}-phone`);
    }
    const header = await inbox('.actions-bar').evaluate((bar) => [...bar.children].map((el) => el.getBoundingClientRect()).map((r) => ({left: r.left, right: r.right, width: r.width})));
    assert.ok(header.every((r) => r.right <= PHONE.width && r.width >= 36), JSON.stringify(header));
    assert.equal(await inbox('.conv-header').getByRole('button', {name: 'Schedule consultation'}).count(), 1, 'still named for screen readers');
  });

  it('had no page errors and no CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
