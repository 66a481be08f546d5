// Each consultation email rendered in Chromium (desktop and phone widths) from the real
// templates, screenshots under test-results/: the booked invite (fr, New York) and the
// lawyer's (en, Paris) with preparation notes, the "moved" email, a reminder, the cancellation
// and the verification code.
import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {chromium} from 'playwright-core';
import {Types} from 'mongoose';
import {emailFor, type EmailEvent, type Role} from '../backend/consultations/emails.js';
import {selfServiceLinks} from '../backend/consultations/links.js';
import {renderEmail} from '../backend/mail/templates/layout.js';
import {EMAIL_STRINGS} from '../backend/mail/templates/strings.js';
import type {Consultation} from '../backend/models/consultation.js';
import {zonedTimeToUtc} from '../protocol/time.js';
import {DESKTOP, LAUNCH_ARGS, PHONE, resultsDir} from './support.js';

const start = zonedTimeToUtc('2030-04-02T09:00', 'Europe/Paris');
const c: Consultation = {
  _id: new Types.ObjectId(), conversationId: new Types.ObjectId(), firmId: new Types.ObjectId(), lawyerId: new Types.ObjectId(), applicantId: new Types.ObjectId(),
  lawyer: {name: 'Anna Moreau', email: 'anna@harborvale.example'}, applicant: {name: 'Maria Santos', email: 'maria@example.com'},
  title: 'Consultation', start, end: new Date(start.getTime() + 45 * 60_000), lawyerTimeZone: 'Europe/Paris', applicantTimeZone: 'America/New_York',
  lawyerLang: 'en', applicantLang: 'fr', notes: 'Please have your passport and your last two pay slips at hand.', bookedBy: 'applicant',
  provider: 'jitsi', joinUrl: 'https://meet.jit.si/Consult-0123456789abcdef0123456789abcdef', providerMeetingId: null, icalUid: 'consultation-x@chat.example',
  sequence: 1, status: 'scheduled', invites: {lawyer: null, applicant: null}, createdAt: new Date(), updatedAt: new Date(),
};
const ctx = {
  publicUrl: 'https://chat.harborvale.example', icsSecret: 'x'.repeat(32),
  brand: {name: 'Harbor & Vale Immigration Law', accent: '#1f4e79', logoUrl: null}, now: new Date('2030-03-27T12:00:00Z'),
  selfService: (x: Consultation) => selfServiceLinks('https://chat.harborvale.example', 'y'.repeat(32), x),
};

test('every email renders from the one layout; screenshots at desktop and phone widths', async () => {
  const browser = await chromium.launch({executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: LAUNCH_ARGS});
  after(() => browser.close());
  mkdirSync(resultsDir, {recursive: true});
  const cases: [string, Role, EmailEvent, Partial<Consultation>, object][] = [
    ['booked-applicant-fr', 'applicant', 'scheduled', {}, {}],
    ['booked-lawyer-en', 'lawyer', 'scheduled', {}, {}],
    ['moved-applicant-en', 'applicant', 'rescheduled', {applicantLang: 'en'}, {previous: {start: new Date(start.getTime() - 2 * 3_600_000), end: start}}],
    ['reminder-applicant-es', 'applicant', 'reminder-24h', {applicantLang: 'es'}, {}],
    ['cancelled-lawyer-en', 'lawyer', 'cancelled', {status: 'cancelled'}, {}],
  ];
  const pages: [string, string][] = cases.map(([name, role, event, over, extra]) => {
    const email = emailFor({...c, ...over}, role, event, {...ctx, ...extra})!;
    assert.ok(!/<script/i.test(email.html));
    return [name, email.html];
  });
  const t = EMAIL_STRINGS.en;
  pages.push(['verification-code-en', renderEmail({brand: ctx.brand, lang: 'en', title: t.codeSubject('482913'), footer: t.footer(ctx.brand.name), blocks: [
    {kind: 'p', text: t.greeting('Maria Santos')}, {kind: 'p', text: t.codeIntro}, {kind: 'code', code: '482913'}, {kind: 'p', text: t.codeExpiry(10)}, {kind: 'small', text: t.codeIgnore},
  ]}).html]);
  for (const [name, html] of pages) {
    for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const context = await browser.newContext({viewport, javaScriptEnabled: false});
      const page = await context.newPage();
      await page.setContent(html);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} at ${label}: no sideways scrolling (${overflow}px)`);
      await page.screenshot({path: path.join(resultsDir, `email-${name}-${label}.png`), fullPage: true});
      await context.close();
    }
  }
});
