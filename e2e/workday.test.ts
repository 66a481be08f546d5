// The lawyer's working day in Chromium: the visitor panel, internal notes (never seen by the
// applicant) with an @mention that reaches a colleague, saved replies with `/`, deleting one's
// own message, toasts, and the applicant's rating once the conversation is closed.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Page} from 'playwright-core';
import {DESKTOP, PHONE, bubbles, count, newPage, shot, startDemo, until, watch} from './support.js';
import {axeViolations} from './axe.js';

const demo = await startDemo();
const problems: string[] = [];
const applicant = await newPage(demo.browser);
const lawyer = await newPage(demo.browser);
const colleague = await newPage(demo.browser);
for (const [p, name] of [[applicant.page, 'applicant'], [lawyer.page, 'lawyer'], [colleague.page, 'colleague']] as const) watch(p, name, problems);
const A = applicant.page;
const L = lawyer.page;
const C = colleague.page;
const widget = (p: Page, sel: string) => p.locator(`consult-chat ${sel}`);
const inbox = (p: Page, sel: string) => p.locator(`consult-inbox ${sel}`);
const NOTE = 'Passport expires in 4 months: check before filing. @Bruno can you confirm the fee?';
const BRUNO = {email: 'bruno@harborvale.example', password: 'bruno-password-1'};

async function send(p: Page, host: 'consult-chat' | 'consult-inbox', text: string): Promise<void> {
  const box = p.locator(`${host} textarea`);
  await box.fill(text);
  await box.press('Enter');
}

async function signIn(p: Page, who: {email: string; password: string}): Promise<void> {
  await p.goto(`${demo.base}/console/`);
  await inbox(p, 'input[name=email]').fill(who.email);
  await inbox(p, 'input[name=password]').fill(who.password);
  await inbox(p, 'button[type=submit]').click();
  await inbox(p, '.sidebar').waitFor();
}

describe('the lawyer’s working day', () => {
  it('shows the visitor panel: where the chat started, local time, language, identity, history', async () => {
    await demo.backend.services.firms.createLawyer({firmId: demo.seed.firmId, name: 'Bruno Keller', ...BRUNO, role: 'lawyer'});
    await A.goto(`${demo.base}/demo/?from=newsletter`);
    await widget(A, '.launcher').click();
    await send(A, 'consult-chat', 'Hello, my passport expires soon. Can I still apply for a work visa?');
    await signIn(L, demo.seed.lawyer);
    await signIn(C, BRUNO);
    await inbox(L, '.item').first().click();
    await until('the message in the console', async () => (await bubbles(L, 'consult-inbox')).some((b) => b.startsWith('Hello, my passport')));
    const panel = inbox(L, '.visitor');
    await until('the visitor panel filled', async () => /newsletter/.test((await panel.textContent()) ?? ''));
    const text = (await panel.textContent()) ?? '';
    assert.match(text, /Chat started on\s*localhost:\d+\/demo\/\?from=newsletter/);
    assert.match(text, /Local time\s*\d{1,2}:\d{2}.*Paris/);
    assert.match(text, /Language\s*British English \(en-GB\)/);
    assert.match(text, /Not verified/);
    assert.match(text, /Conversations \(1\)/);
  });

  it('writes a note the colleague it mentions is told about, styled apart, never seen by the applicant', async () => {
    await inbox(L, 'consult-composer button.note').click();
    await send(L, 'consult-inbox', NOTE);
    await until('the note in the console', async () => count(await bubbles(L, 'consult-inbox'), NOTE) === 1);
    assert.match((await inbox(L, '.row.note .author').textContent()) ?? '', /Internal note/);
    await until('the mention toast at Bruno', async () => /Anna Moreau mentioned you/.test((await inbox(C, '.toast').first().textContent().catch(() => '')) ?? ''));
    await shot(L, 'console-note-visitor-desktop');
    // A reply after the note: once it arrives, the note would have too.
    await inbox(L, 'consult-composer button:text-is("Reply")').click();
    await send(L, 'consult-inbox', 'Yes, but renew the passport first.');
    await until('the reply at the applicant', async () => count(await bubbles(A, 'consult-chat'), 'Yes, but renew the passport first.') === 1);
    await A.reload();
    await widget(A, '.launcher').click();
    await until('the history after a reload', async () => count(await bubbles(A, 'consult-chat'), 'Yes, but renew the passport first.') === 1);
    assert.ok(!(await bubbles(A, 'consult-chat')).some((b) => b.includes('Passport expires in 4 months')), 'the applicant never sees the note');
    assert.ok(!((await widget(A, '.log').textContent()) ?? '').includes('@Bruno'));
  });

  it('adds a firm-wide saved reply and inserts it with /, names filled in', async () => {
    await inbox(L, '.tools button:text-is("Saved replies")').click();
    await inbox(L, 'dialog.replies input[name=shortcut]').fill('welcome');
    await inbox(L, 'dialog.replies textarea[name=body]').fill('Hello {applicant.name}, this is {lawyer.name} from Harbor & Vale.');
    await inbox(L, 'dialog.replies input[name=shared]').check();
    await inbox(L, 'dialog.replies button:text-is("Add")').click();
    await until('the reply listed', async () => /\/welcome/.test((await inbox(L, 'dialog.replies .reply-list').textContent()) ?? ''));
    assert.deepEqual(await axeViolations(L), [], 'console, saved replies dialog');
    await inbox(L, 'dialog.replies button:text-is("Done")').click();
    const box = inbox(L, 'consult-composer textarea');
    await box.click();
    await box.pressSequentially('/wel');
    await until('the / menu', () => inbox(L, 'consult-composer .menu [role=option]').first().isVisible());
    assert.equal(await inbox(L, 'consult-composer .menu [aria-selected=true]').count(), 1);
    await box.press('Enter');
    assert.equal(await box.inputValue(), 'Hello Visitor #1, this is Anna Moreau from Harbor & Vale.');
    await box.press('Enter');
    await until('the filled reply at the applicant', async () => count(await bubbles(A, 'consult-chat'), 'Hello Visitor #1, this is Anna Moreau from Harbor & Vale.') === 1);
  });

  it('deletes the lawyer’s own message for both sides', async () => {
    await send(L, 'consult-inbox', 'Sent to the wrong person, sorry.');
    await until('the mistake at the applicant', async () => count(await bubbles(A, 'consult-chat'), 'Sent to the wrong person, sorry.') === 1);
    L.once('dialog', (d) => void d.accept());
    const row = inbox(L, '.row.mine').filter({hasText: 'Sent to the wrong person, sorry.'});
    await row.hover();
    await row.locator('button:text-is("Delete")').click();
    await until('gone at the applicant', async () => count(await bubbles(A, 'consult-chat'), 'Sent to the wrong person, sorry.') === 0);
    assert.ok((await bubbles(A, 'consult-chat')).includes('Message deleted'));
    // Roles as the API enforces them: the owner may delete anyone's message, a lawyer only their own.
    assert.ok(await inbox(L, '.row.theirs .msg-actions').count() > 0, 'the owner may delete the applicant’s message');
    await inbox(C, '.item').filter({hasText: 'Visitor #1'}).click();
    await until('the conversation at Bruno', async () => (await bubbles(C, 'consult-inbox')).some((b) => b.startsWith('Hello, my passport')));
    assert.equal(await inbox(C, '.row.theirs .msg-actions').count(), 0, 'a lawyer may not delete the applicant’s message');
    assert.equal(await inbox(C, '.row.note .msg-actions').count(), 0, 'nor a colleague’s note');
  });

  it('shows a toast for a message in another conversation, with the sound toggle remembered', async () => {
    await inbox(L, '.tools button:text-is("Sound")').click();
    assert.equal(await L.evaluate(() => localStorage.getItem('consult-inbox:sound')), 'true');
    const other = await newPage(demo.browser);
    await other.page.goto(`${demo.base}/demo/`);
    await widget(other.page, '.launcher').click();
    await send(other.page, 'consult-chat', 'Do you handle student visas?');
    await until('the toast', async () => /New message from Visitor #2/.test((await inbox(L, '.toast').first().textContent().catch(() => '')) ?? ''));
    await other.context.close();
  });

  it('lets the applicant rate the closed conversation; the owner sees the average', async () => {
    await inbox(L, '.conv-header button:text-is("Claim")').click();
    await inbox(L, '.conv-header button:text-is("Close")').click();
    await until('the rating prompt', () => widget(A, '.rate .star').first().isVisible());
    assert.deepEqual(await axeViolations(A), [], 'demo page, widget open with the rating prompt');
    await widget(A, '.rate .star').nth(3).click();
    await widget(A, '.rate input[name=comment]').fill('Clear and quick.');
    await widget(A, '.rate button:text-is("Send")').click();
    await until('the thanks', async () => /Thank you for your rating/.test((await widget(A, '.rate').textContent()) ?? ''));
    const login = await (await fetch(`${demo.base}/api/v1/auth/login`, {method: 'POST', headers: {'content-type': 'application/json', origin: demo.base}, body: JSON.stringify(demo.seed.lawyer)})).json();
    const report = await (await fetch(`${demo.base}/api/v1/ratings`, {headers: {authorization: `Bearer ${login.token}`, origin: demo.base}})).json();
    assert.deepEqual(report.rows.map((r: {lawyerName: string; count: number; average: number}) => [r.lawyerName, r.count, r.average]), [['Anna Moreau', 1, 4]]);
  });

  it('has no axe violations in the conversation with notes and the visitor panel, and fits a phone', async () => {
    await inbox(L, '.conv-header button:text-is("Reopen")').click();
    assert.deepEqual(await axeViolations(L), [], 'console, conversation with the visitor panel');
    await L.setViewportSize(PHONE);
    await L.waitForTimeout(200);
    if (await inbox(L, '.visitor').isVisible()) await inbox(L, '.close-visitor').click();
    await inbox(L, '.row.note').scrollIntoViewIfNeeded();
    await shot(L, 'console-note-phone');
    if (!(await inbox(L, '.visitor').isVisible())) await inbox(L, '.visitor-toggle').click();
    await inbox(L, '.visitor').waitFor();
    await shot(L, 'console-visitor-phone');
    const box = (await inbox(L, '.visitor').boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width + 1, `the panel fits (${box.x}+${box.width})`);
    await inbox(L, '.close-visitor').click();
    await L.setViewportSize(DESKTOP);
  });

  it('had no page errors and no CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
