// Self-service booking end to end, across a daylight-saving change: the backend's clock stands
// on Wed 10 March 2027, New York moves its clocks on Sun 14 March, Paris only on the 28th. A
// visitor in New York proves their email and books a Paris lawyer from the widget; both get the
// confirmation on their own clock; the lawyer moves it from the console; the visitor cancels
// from the email link; the clock then runs past every reminder and none goes out after the
// cancel. Screenshots of the slot picker (desktop and phone) and the cancel page.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Page} from 'playwright-core';
import {zonedTimeToUtc} from '../protocol/time.js';
import {outboxModel, type Outbox} from '../backend/models/outbox.js';
import {PHONE, DESKTOP, newPage, shot, startDemo, until, watch} from './support.js';
import {axeViolations} from './axe.js';

const LAWYER_ZONE = 'Europe/Paris';
const CLIENT_ZONE = 'America/New_York';
// The backend's clock: moved by the test, running from Wed 10 March 2027, 15:00 UTC.
let shift = Date.parse('2027-03-10T15:00:00Z') - Date.now();
const now = () => new Date(Date.now() + shift);
const moveTo = (iso: string) => (shift = Date.parse(iso) - Date.now());

const demo = await startDemo({now});
const S = demo.backend.services;
const Outboxes = outboxModel(demo.backend.db);
const problems: string[] = [];
const lawyer = await newPage(demo.browser, DESKTOP, {timezoneId: LAWYER_ZONE});
const client = await newPage(demo.browser, DESKTOP, {timezoneId: CLIENT_ZONE, locale: 'en-US'});
watch(lawyer.page, 'lawyer', problems);
watch(client.page, 'client', problems);
const L = lawyer.page;
const C = client.page;
const widget = (sel: string, p: Page = C) => p.locator(`consult-chat ${sel}`);
const inbox = (sel: string) => L.locator(`consult-inbox ${sel}`);
const flat = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The emails of one kind, oldest first. */
const mails = async (kind: string): Promise<Outbox[]> => (await Outboxes.find({kind}).lean<Outbox[]>()).sort((a, b) => +a.createdAt - +b.createdAt);
const sentOrCaptured = (o: Outbox) => o.status === 'captured' || o.status === 'sent';

// Mon 15 March 15:00 in Paris is 10:00 in New York (New York already on summer time).
const booked = zonedTimeToUtc('2027-03-15T15:00', LAWYER_ZONE);
const moved = zonedTimeToUtc('2027-03-16T16:00', LAWYER_ZONE);

describe('a visitor in New York books a Paris lawyer from the widget, across a daylight-saving change', () => {
  it('the owner turns booking on and sets the lawyer’s weekday hours in Paris, from the console', async () => {
    await L.goto(`${demo.base}/console/`);
    await inbox('input[name=email]').fill(demo.seed.lawyer.email);
    await inbox('input[name=password]').fill(demo.seed.lawyer.password);
    await inbox('button[type=submit]').click();
    await inbox('.settings-button').click();
    await inbox('consult-settings .tab:text-is("Booking")').click();
    const panel = (sel: string) => inbox(`consult-booking-settings ${sel}`);
    await panel('input[name=timeZone]').waitFor();
    assert.match(flat(await panel('.hint').first().textContent()), /nobody can book/);
    await panel('input[name=mode][value=instant]').check();
    await until('booking on', async () => /Saved/.test(flat(await panel('.notice').textContent())));
    for (let i = 0; i < 5; i++) await panel('button.add').click();
    for (let i = 0; i < 5; i++) {
      await panel(`select[name=day-${i}]`).selectOption(String(i + 1));
      await panel(`input[name=start-${i}]`).fill('09:00');
      await panel(`input[name=end-${i}]`).fill('17:00');
    }
    await panel('input[name=timeZone]').fill(LAWYER_ZONE);
    await panel('input[name=notice]').fill('12');
    await panel('input[name=buffer]').fill('15');
    await panel('input[name=durations][value="45"]').check();
    await panel('button.primary').click();
    await until('availability saved', async () => /Saved/.test(flat(await panel('.notice').textContent())));
    const a = await S.booking.availability.rules(String(demo.seed.firmId));
    assert.equal(a.length, 1);
    assert.deepEqual({zone: a[0].timeZone, days: a[0].weekly.map((w) => `${w.day} ${w.start}-${w.end}`), notice: a[0].minNoticeMinutes, buffer: a[0].bufferMinutes, durations: a[0].durations},
      {zone: LAWYER_ZONE, days: ['1 09:00-17:00', '2 09:00-17:00', '3 09:00-17:00', '4 09:00-17:00', '5 09:00-17:00'], notice: 720, buffer: 15, durations: [30, 45]});
    // From the top of the screen (the save scrolled it down).
    await inbox('consult-settings h2').first().evaluate((h) => (h.getRootNode() as ShadowRoot).host.scrollTo(0, 0));
    await shot(L, 'booking-settings-desktop');
    await L.setViewportSize(PHONE);
    await shot(L, 'booking-settings-phone');
    const overflow = await L.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the booking settings scroll sideways on a phone (${overflow}px)`);
    await L.setViewportSize(DESKTOP);
    await inbox('consult-settings button:has-text("Back")').first().click();
  });

  it('the visitor proves their email with a code from inside the panel', async () => {
    await C.goto(`${demo.base}/demo/`);
    await widget('.launcher').click();
    await widget('textarea').fill('Hello, I would like to talk about a work visa.');
    await widget('textarea').press('Enter');
    await widget('.book-open').click();
    await widget('.booking input[name=name]').fill('Maria Santos');
    await widget('.booking input[name=email]').fill('maria@example.com');
    await widget('.booking button[type=submit]').click();
    await widget('.booking input[name=code]').waitFor();
    const codeMail = (await until('the code email', async () => (await mails('contact.verify')).at(-1)))!;
    assert.deepEqual(codeMail.payload.to, ['maria@example.com']);
    const code = /\b(\d{6})\b/.exec(codeMail.payload.text)![1];
    await widget('.booking input[name=code]').fill(code === '000000' ? '000001' : '000000');
    await widget('.booking button[type=submit]').click();
    await until('a wrong code is refused', async () => /not right/.test(flat(await widget('.booking .error').textContent())));
    await widget('.booking input[name=code]').fill(code);
    await widget('.booking button[type=submit]').click();
    await widget('.booking .days').waitFor();
  });

  it('shows days and times on the visitor’s clock, the zone named, shifting with New York’s change', async () => {
    assert.equal(flat(await widget('.booking .presence').textContent()), 'Times are in your time zone (New York time).');
    const days = await widget('.booking .days .pick .sr').allTextContents();
    // From Thu 11 March (12 h notice) for 14 days, weekdays only, never the weekend.
    assert.equal(days[0], 'Thursday, March 11');
    assert.ok(!days.some((d) => /Saturday|Sunday/.test(d ?? '')), days.join(' | '));
    const firstTime = async (label: string) => {
      await widget(`.booking .days .pick:has-text("${label}")`).click();
      return flat(await widget('.booking .times .pick').first().textContent());
    };
    // 09:00 in Paris: 3:00 AM in New York before its change, 4:00 AM after it.
    assert.equal(await firstTime('Friday, March 12'), '3:00 AM');
    assert.equal(await firstTime('Monday, March 15'), '4:00 AM');
    // Keyboard: the times are buttons in a labelled group; Tab reaches them, Enter picks one.
    await widget('.booking .times .pick:text-is("10:00 AM")').focus();
    await C.keyboard.press('Enter');
    assert.match(flat(await widget('.booking .choice').textContent()), /^Monday, March 15, 10:00\sAM–10:30\sAM \(New York time\)$/);
    assert.deepEqual(await axeViolations(C), [], 'axe: the slot picker on a desktop');
    await shot(C, 'booking-slot-picker-desktop');
  });

  it('books into the conversation: the card appears for the visitor and the lawyer', async () => {
    await widget('.booking button.submit').click();
    await until('booked', async () => /Booked\. The invitation is on its way to maria@example\.com/.test(flat(await widget('.booking').textContent())));
    await shot(C, 'booking-done-desktop');
    await widget('.booking button:text-is("Back to the chat")').click();
    await until('the card in the widget', async () => /10:00/.test(flat(await widget('.card').textContent())));
    await inbox('.item:has-text("Maria Santos")').click();
    await until('the card in the console, on Paris time', async () => {
      const t = flat(await inbox('.card').first().textContent({timeout: 1000}));
      if (!/Monday, March 15, 2027 3:00 PM – 3:30 PM GMT\+1 Paris/.test(t)) throw new Error(`card says "${t}"`);
      return true;
    });
  });

  it('both get the confirmation on their own clock, in their language', async () => {
    const confirmations = await until('two confirmations', async () => {
      const list = (await mails('consultation.scheduled')).filter(sentOrCaptured);
      return list.length === 2 ? list : null;
    });
    const to = (role: string) => confirmations!.find((m) => m.recipientRole === role)!;
    assert.match(to('applicant').payload.text, /When: Monday, March 15, 2027, 10:00–10:30\sAM \(New York time, GMT-4\)/);
    assert.match(to('lawyer').payload.text, /When: Monday, March 15, 2027, 3:00–3:30\sPM \(Paris time, GMT\+1\)/);
  });

  it('the lawyer moves it from the console; the visitor reads "moved from … to … (New York time)"', async () => {
    await inbox('.card button.reschedule').click();
    const dialog = inbox('consult-schedule-dialog dialog');
    await dialog.locator('input[name=date]').fill('2027-03-16');
    await dialog.locator('input[name=time]').fill('16:00');
    await dialog.locator('button[type=submit]').click();
    await until('the visitor’s line', async () => (await widget('.system').allTextContents()).some((t) => /^The consultation was moved from Mon 10:00\sAM to Tue 11:00\sAM \(New York time\)$/.test(flat(t))));
    const update = (await until('the applicant’s update', async () => (await mails('consultation.rescheduled')).find((m) => m.recipientRole === 'applicant' && sentOrCaptured(m))))!;
    assert.match(update.payload.text, /Moved from Mon 10:00\sAM to Tue 11:00\sAM \(New York time\)\./);
    const c = (await S.models.Message.findOne({kind: 'consultation'}).lean())!;
    const record = (await S.consultations.engine.service.load(String(c.consultationId)))!;
    assert.equal(record.start.getTime(), moved.getTime());
  });

  it('the visitor cancels from the email link; the lawyer is told; no reminder goes out after it', async () => {
    // 24 h before: the day-before reminders go out to both.
    moveTo(new Date(moved.getTime() - 23.5 * 3_600_000).toISOString());
    await until('both 24 h reminders', async () => (await mails('consultation.reminder-24h')).filter(sentOrCaptured).length === 2, 15_000);
    // (The reminders planned for the first time were withdrawn by the move: only the new ones went.)
    const reminder = (await mails('consultation.reminder-24h')).find((m) => m.recipientRole === 'applicant' && sentOrCaptured(m))!;
    assert.match(reminder.payload.text, /Tuesday, March 16, 2027, 11:00–11:30\sAM \(New York time, GMT-4\)/);
    // The text part lists the reschedule link (back to the chat's page), then the cancel link (the server's page).
    const links = [/Pick another time: (\S+)/, /Cancel the consultation: (\S+)/].map((re) => re.exec(reminder.payload.text)?.[1] ?? '');
    assert.match(links[0], /\/demo\/#consult-reschedule=[0-9a-f]{24}\.r\./, 'reschedule goes back to the page the chat lives on');
    assert.match(links[1], /\/booking\/[0-9a-f]{24}\.c\./);

    // Reschedule from the email: the widget opens on that page with its own picker, for this consultation.
    const back = await client.context.newPage();
    watch(back, 'reschedule link', problems);
    await back.goto(links[0].replace(/^https?:\/\/[^/]+/, demo.base));
    await widget('.booking .days', back).waitFor();
    assert.equal(flat(await widget('.booking h2', back).textContent()), 'Move your consultation');
    assert.match(flat(await widget('.booking .choice', back).textContent()), /^Now: Tuesday, March 16, 11:00\sAM–11:30\sAM \(New York time\)$/);
    assert.equal(new URL(back.url()).hash, '', 'the token left the address bar');
    await widget('.booking .days .pick:has-text("Friday, March 19")', back).click();
    await widget('.booking .times .pick:text-is("10:00 AM")', back).click();
    assert.deepEqual(await axeViolations(back), [], 'axe: the picker in reschedule mode');
    await shot(back, 'booking-reschedule-from-email-desktop');
    await widget('.booking button.submit', back).click();
    await until('moved from the widget', async () => /Moved\. The new invitation is on its way/.test(flat(await widget('.booking', back).textContent())));
    const c = (await S.models.Message.findOne({kind: 'consultation'}).lean())!;
    assert.equal((await S.consultations.engine.service.load(String(c.consultationId)))!.start.toISOString(), zonedTimeToUtc('2027-03-19T10:00', CLIENT_ZONE).toISOString());
    await until('the lawyer is told of the move', async () => (await inbox('.system').allTextContents()).some((t) => /moved by Maria Santos from Tue 4:00\sPM to Fri 3:00\sPM/.test(flat(t))));
    await widget('.booking button:text-is("Back to the chat")', back).click();
    // An altered token: a clear message in the picker, the chat still there.
    const tampered = links[0].replace(/\.r\.(\d+)\./, (_m, t) => `.r.${Number(t) + 60}.`);
    await back.goto('about:blank');
    await back.goto(tampered.replace(/^https?:\/\/[^/]+/, demo.base));
    await until('the refusal', async () => /This link no longer works/.test(flat(await widget('.booking .error', back).textContent())));
    await shot(back, 'booking-reschedule-bad-link-desktop');
    await back.close();

    const page = await client.context.newPage();
    watch(page, 'cancel page', problems);
    await page.goto(links[1].replace(/^https?:\/\/[^/]+/, demo.base));
    await shot(page, 'booking-cancel-page-desktop');
    await page.locator('button.danger').click();
    await until('cancelled page', async () => /cancel/i.test(flat(await page.locator('h1').textContent())));
    await until('the lawyer is told in the conversation', async () => (await inbox('.system').allTextContents()).some((t) => /cancelled by Maria Santos/.test(flat(t))));
    // The clock runs past the 1 h reminder and the start: nothing more is sent.
    const before = (await Outboxes.find({}).lean<Outbox[]>()).filter(sentOrCaptured).length;
    for (const at of [moved.getTime() - 50 * 60_000, moved.getTime() + 5 * 60_000]) {
      moveTo(new Date(at).toISOString());
      await new Promise((r) => setTimeout(r, 2_500));
    }
    const reminders1h = (await mails('consultation.reminder-1h')).filter(sentOrCaptured);
    assert.equal(reminders1h.length, 0, 'no 1 h reminder after the cancel');
    const afterCancel = (await Outboxes.find({}).lean<Outbox[]>()).filter(sentOrCaptured);
    assert.equal(afterCancel.length, before, 'nothing else went out');
    assert.equal(afterCancel.filter((m) => m.kind === 'consultation.cancelled').length, 2, 'both were told of the cancel');
  });

  it('the slot picker fits a phone', async () => {
    moveTo('2027-03-10T15:00:00Z');
    const phone = await newPage(demo.browser, PHONE, {timezoneId: CLIENT_ZONE, locale: 'en-US'});
    watch(phone.page, 'phone', problems);
    const P = phone.page;
    await P.goto(`${demo.base}/demo/`);
    await widget('.launcher', P).click();
    await widget('textarea', P).fill('Hello from my phone');
    await widget('textarea', P).press('Enter');
    await widget('.book-open', P).click();
    await widget('.booking input[name=email]', P).waitFor();
    await shot(P, 'booking-contact-phone');
    // Straight to the times for a visitor the site signed in (their email is the site's word).
    await P.goto(`${demo.partner}/demo/partner.html`);
    await widget('.launcher', P).click();
    await widget('textarea', P).fill('Hello again');
    await widget('textarea', P).press('Enter');
    await widget('.book-open', P).click();
    await widget('.booking .days', P).waitFor();
    await widget('.booking .times .pick', P).first().click();
    const overflow = await P.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
    assert.deepEqual(await axeViolations(P), [], 'axe: the slot picker on a phone');
    await shot(P, 'booking-slot-picker-phone');
  });

  // --- request mode: the lawyer confirms ---------------------------------------------------
  const proposal = zonedTimeToUtc('2027-03-18T16:00', LAWYER_ZONE);
  // The cards draw in their own shadow roots: read them through their inner .card.
  const requestCard = (sel = '') => widget(`consult-request .card ${sel}`.trim());
  const consoleRequest = (sel = '') => inbox(`consult-request .card ${sel}`.trim());

  it('request mode: the owner chooses it; the visitor’s pick becomes a request the lawyer sees with Accept / Propose / Decline', async () => {
    await inbox('.settings-button').click();
    await inbox('consult-settings .tab:text-is("Booking")').click();
    await inbox('consult-booking-settings input[name=mode][value=request]').check();
    await until('request mode saved', async () => /Saved/.test(flat(await inbox('consult-booking-settings .notice').textContent())));
    await inbox('consult-settings button:has-text("Back")').first().click();
    await C.reload();
    await widget('.launcher').click();
    await widget('.book-open').click();
    await widget('.booking .days').waitFor();
    await widget('.booking .days .pick:has-text("Wednesday, March 17")').click();
    await widget('.booking .times .pick:text-is("10:00 AM")').click();
    assert.equal(flat(await widget('.booking button.submit').textContent()), 'Send request');
    await widget('.booking button.submit').click();
    await until('requested', async () => /Request sent\. The lawyer will confirm in the chat\./.test(flat(await widget('.booking').textContent())));
    await widget('.booking button:text-is("Back to the chat")').click();
    await until('the request card in the widget', async () => /Awaiting confirmation/.test(flat(await requestCard().last().textContent())));
    assert.match(flat(await requestCard('.when').last().textContent()), /Wednesday, March 17 10:00\sAM – 10:30\sAM New York time/);
    assert.equal(await S.consultations.engine.service.load('0'.repeat(24)), null);
    // The console (still on Maria's conversation): the card with the lawyer's three choices, on Paris time.
    const card = consoleRequest().last();
    await until('the card in the console', async () => /Wednesday, 17 March 15:00 – 15:30|Wednesday, March 17 3:00\sPM – 3:30\sPM/.test(flat(await card.locator('.when').textContent({timeout: 1000}))));
    assert.deepEqual((await card.locator('.actions button').allTextContents()).map(flat), ['Accept', 'Propose another time', 'Decline']);
    await card.scrollIntoViewIfNeeded();
    await shot(L, 'booking-request-console-desktop');
  });

  it('the lawyer proposes another free time; the visitor takes it from the widget: a consultation like an instant booking', async () => {
    const card = consoleRequest().last();
    await card.locator('button:text-is("Propose another time")').click();
    await card.locator('select[name=start]').waitFor();
    await card.locator('select[name=start]').selectOption(proposal.toISOString());
    await shot(L, 'booking-request-propose-desktop');
    await card.locator('button:text-is("Send proposal")').click();
    await until('proposed in the console', async () => /New time proposed/.test(flat(await card.textContent())));
    await until('the proposal in the widget', async () => /New time proposed/.test(flat(await requestCard().last().textContent())));
    const w = requestCard().last();
    assert.match(flat(await w.textContent()), /proposes instead: Thursday, March 18 11:00\sAM – 11:30\sAM New York time/);
    assert.deepEqual(await axeViolations(C), [], 'axe: the widget with the proposal');
    await w.scrollIntoViewIfNeeded();
    await shot(C, 'booking-request-proposal-desktop');
    await w.locator('button:text-is("Accept this time")').click();
    await until('confirmed', async () => /Confirmed/.test(flat(await requestCard().last().textContent())));
    await until('the consultation card in the widget', async () => /Thursday, March 18, 2027/.test(flat(await widget('[part="consultation-card"]').last().textContent())));
    const request = (await S.models.Message.findOne({kind: 'request'}).sort({seq: -1}).lean())!.request!;
    const c = (await S.consultations.engine.service.load(request.consultationId!))!;
    assert.equal(c.start.getTime(), proposal.getTime());
    assert.equal(c.bookedBy, 'applicant');
    await until('both confirmations of the accepted request', async () => (await mails('consultation.scheduled')).filter((m) => String(m.consultationId) === String(c._id) && sentOrCaptured(m)).length === 2);
    await until('the console card follows', async () => /Confirmed/.test(flat(await consoleRequest().last().textContent())));
  });

  it('the lawyer declines the next request with a reason; the visitor reads it in the chat (phone)', async () => {
    await widget('.book-open').click();
    await widget('.booking .days .pick:has-text("Friday, March 19")').click();
    await widget('.booking .times .pick:text-is("9:00 AM")').click();
    await widget('.booking button.submit').click();
    await widget('.booking button:text-is("Back to the chat")').click();
    const card = consoleRequest().last();
    await until('the new request in the console', async () => /Awaiting confirmation/.test(flat(await card.textContent())));
    await card.locator('button:text-is("Decline")').click();
    await card.locator('textarea[name=reason]').fill('I am in court that morning; Monday works.');
    await card.locator('button:text-is("Decline the request")').click();
    await until('declined in the widget', async () => /Declined/.test(flat(await requestCard().last().textContent())));
    assert.match(flat(await requestCard('.reason').last().textContent()), /wrote: I am in court that morning; Monday works\./);
    const held = await S.booking.slots({kind: 'applicant', id: String((await S.models.Message.findOne({kind: 'request'}).sort({seq: -1}).lean())!.sender.id), firmId: String(demo.seed.firmId), name: null} as never,
      {conversationId: String((await S.models.Message.findOne({kind: 'request'}).sort({seq: -1}).lean())!.conversationId)});
    assert.ok(held.slots.some((s) => s.start === zonedTimeToUtc('2027-03-19T14:00', LAWYER_ZONE).toISOString()), 'the declined time is free again');
    await C.setViewportSize(PHONE);
    await requestCard().last().scrollIntoViewIfNeeded();
    assert.deepEqual(await axeViolations(C), [], 'axe: the declined card on a phone');
    await shot(C, 'booking-request-declined-phone');
    const overflow = await C.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
    await C.setViewportSize(DESKTOP);
  });

  it('no page error and no CSP violation anywhere', () => {
    assert.deepEqual(problems, []);
  });
});
