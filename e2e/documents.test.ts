// Documents end to end: an applicant on the demo site and a lawyer in the console exchange
// files (drop, picker, paste), refusals are explained in the composer, links are for members
// only, and erasure leaves no byte behind.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import type {Locator, Page} from 'playwright-core';
import {Types} from 'mongoose';
import * as doc from '../backend/test/documents.js';
import {DESKTOP, PHONE, newPage, shot, startDemo, until, watch} from './support.js';

const demo = await startDemo();
const problems: string[] = [];
const applicant = await newPage(demo.browser);
const lawyer = await newPage(demo.browser);
watch(applicant.page, 'applicant', problems);
watch(lawyer.page, 'lawyer', problems);
const A = applicant.page;
const L = lawyer.page;
const widget = (p: Page, sel: string) => p.locator(`consult-chat ${sel}`);
const inbox = (p: Page, sel: string) => p.locator(`consult-inbox ${sel}`);
const passport = doc.pdf('Passport of Amina Okafor', 180_000);
const checklist = await doc.docx();
const ids: string[] = [];

/** Fires a drop (or a paste) of real files on an element inside the widget's shadow root. */
async function dropFiles(target: Locator, files: {name: string; type: string; bytes: Buffer}[], kind: 'drop' | 'paste' = 'drop'): Promise<void> {
  const payload = files.map((f) => ({name: f.name, type: f.type, b64: f.bytes.toString('base64')}));
  await target.evaluate((el, {payload, kind}) => {
    const dt = new DataTransfer();
    for (const f of payload) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, {type: f.type}));
    el.dispatchEvent(kind === 'drop'
      ? new DragEvent('drop', {dataTransfer: dt, bubbles: true, composed: true, cancelable: true})
      : new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, composed: true, cancelable: true}));
  }, {payload, kind});
}

const cardNames = (p: Page, host: string) => p.locator(`${host} consult-file .name`).allTextContents();

describe('documents in the conversation', () => {
  it('an applicant drops passport.pdf with a caption; the lawyer sees the card live and downloads the same bytes', async () => {
    await L.goto(`${demo.base}/console/`);
    await inbox(L, 'input[name=email]').fill(demo.seed.lawyer.email);
    await inbox(L, 'input[name=password]').fill(demo.seed.lawyer.password);
    await inbox(L, 'button[type=submit]').click();
    await inbox(L, '.sidebar').waitFor();

    await A.goto(`${demo.base}/demo/`);
    await widget(A, '.launcher').click();
    await widget(A, 'textarea').fill('Hello, I need help with my residence permit.');
    await widget(A, 'textarea').press('Enter');
    await inbox(L, '.item').first().click();
    await until('the conversation in the console', async () => (await inbox(L, '.bubble').allTextContents()).some((b) => b.includes('residence permit')));

    // The paperclip comes with the documents part, loaded when the panel opened.
    await widget(A, 'consult-attach button').waitFor();
    await dropFiles(widget(A, '.log'), [{name: 'passport.pdf', type: 'application/pdf', bytes: passport}]);
    await widget(A, 'consult-documents input').fill('My passport, pages 1–2');
    await widget(A, 'consult-documents button.primary').click();
    await until('the card in the console, live', async () => (await cardNames(L, 'consult-inbox')).includes('passport.pdf'));
    assert.equal(await inbox(L, 'consult-file .caption').first().textContent(), 'My passport, pages 1–2', 'the caption is shown');
    assert.match(await inbox(L, 'consult-file .meta').first().textContent() ?? '', /^176 kB · PDF$/);
    await until('the card in the widget', async () => (await cardNames(A, 'consult-chat')).includes('passport.pdf'));
    assert.equal(await widget(A, 'consult-documents li').count(), 0, 'the tray is empty once sent');

    const download = L.waitForEvent('download');
    await inbox(L, 'consult-file button').first().click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'passport.pdf');
    assert.equal(doc.sha256(readFileSync((await file.path())!)), doc.sha256(passport), 'the same bytes');
  });

  it('the lawyer sends checklist.docx back with the paperclip; the applicant gets its card', async () => {
    await inbox(L, 'input.files').setInputFiles({name: 'checklist.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: checklist});
    await inbox(L, 'consult-documents button.primary').click();
    await until('the checklist in the widget', async () => (await cardNames(A, 'consult-chat')).includes('checklist.docx'));
    assert.match(await widget(A, 'consult-file .meta').last().textContent() ?? '', /Word document/);
  });

  it('a pasted image shows a preview on both sides', async () => {
    await dropFiles(widget(A, 'textarea'), [{name: 'image.png', type: 'image/png', bytes: doc.png(480, 300, [200, 120, 40])}], 'paste');
    await widget(A, 'consult-documents button.primary').click();
    await until('the preview in the console', () => inbox(L, 'consult-file img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 480).catch(() => false));
    await until('the preview in the widget', () => widget(A, 'consult-file img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 480).catch(() => false));
  });

  it('refuses a 30 MB file and a renamed program with their reasons, in the composer', async () => {
    await dropFiles(widget(A, '.log'), [
      {name: 'scan-30mb.pdf', type: 'application/pdf', bytes: doc.pdf('big', 30 * 1024 * 1024)},
      {name: 'passport-copy.pdf', type: 'application/pdf', bytes: doc.exe()},
    ]);
    await until('the size refusal', async () => /larger than 25 MB/.test((await widget(A, 'consult-documents li.refused .note').first().textContent()) ?? ''));
    await widget(A, 'consult-documents button.primary').click();
    await until('the program refusal', async () => (await widget(A, 'consult-documents li.refused .note').allTextContents()).some((t) => /Programs cannot be sent/.test(t)));
    assert.equal(await widget(A, 'consult-documents li.refused').count(), 2);
    await shot(A, 'documents-refused-desktop');
  });

  it('takes screenshots of the file cards on a desktop and a phone', async () => {
    await shot(A, 'documents-applicant-desktop');
    await shot(L, 'documents-lawyer-desktop');
    await A.setViewportSize(PHONE);
    await L.setViewportSize(PHONE);
    // The visitor panel opened beside the conversation on the desktop is a drawer on a phone.
    if (await inbox(L, '.visitor').count()) await inbox(L, '.visitor-head button').click();
    await A.waitForTimeout(300);
    await shot(A, 'documents-applicant-phone');
    await shot(L, 'documents-lawyer-phone');
    await A.setViewportSize(DESKTOP);
    await L.setViewportSize(DESKTOP);
  });

  it('refuses another applicant’s request for the link', async () => {
    const {Attachment} = demo.backend.services.models;
    for (const a of await Attachment.find().lean()) ids.push(String(a._id));
    assert.ok(ids.length >= 3);
    const origin = demo.base;
    const other = await (await fetch(`${demo.base}/api/v1/widget/session`, {method: 'POST', headers: {'content-type': 'application/json', origin}, body: JSON.stringify({siteKey: demo.seed.siteKey})})).json();
    const res = await fetch(`${demo.base}/api/v1/attachments/${ids[0]}/link`, {headers: {authorization: `Bearer ${other.token}`, origin}});
    assert.equal(res.status, 403);
    assert.equal((await res.json()).error.code, 'not_member');
  });

  it('after erasure the download URL answers 404 and no chunk remains', async () => {
    const login = await (await fetch(`${demo.base}/api/v1/auth/login`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(demo.seed.lawyer)})).json();
    const auth = {authorization: `Bearer ${login.token}`, origin: demo.base};
    const {url} = await (await fetch(`${demo.base}/api/v1/attachments/${ids[0]}/link`, {headers: auth})).json();
    assert.equal((await fetch(url)).status, 200);
    const {Attachment} = demo.backend.services.models;
    const applicantId = (await Attachment.findById(ids[0]).lean())!.uploader.id;
    const erased = await fetch(`${demo.base}/api/v1/applicants/${applicantId}`, {method: 'DELETE', headers: auth});
    assert.equal(erased.status, 200);
    assert.equal((await fetch(url)).status, 404);
    assert.equal(await demo.backend.services.files.countChunks(ids.map((id) => new Types.ObjectId(id))), 0, 'no chunk remains');
    assert.equal(await demo.backend.db.db!.collection('attachments.chunks').countDocuments(), 0);
  });

  it('had no page errors and no CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
