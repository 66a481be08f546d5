// The owner's settings through the real API: validation that names the field and saves nothing,
// a new origin usable at once, logo sniffing, secret rotation with a grace period, the audit
// log, invitations, roles, deactivation, and the visitor-contact rules a widget session meets.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import jwt from 'jsonwebtoken';
import {outboxModel} from '../models/outbox.js';
import type {FirmSettingsDto} from '../../protocol/settings.js';
import {applicantSession, call, connect, connected, connectError, createFirmWithLawyer, FIRM_ORIGIN, lawyerLogin, LAWYER_PASSWORD, ok, post, startChatFixture} from './chat-fixture.js';

const f = await startChatFixture();
const owner = await lawyerLogin(f);
const auth = (token: string) => ({authorization: `Bearer ${token}`, origin: f.url});

async function api<T = any>(token: string, method: string, path: string, body?: unknown): Promise<{status: number; body: T}> {
  const res = await fetch(`${f.url}/api/v1${path}`, {method, headers: {...auth(token), ...(body !== undefined ? {'content-type': 'application/json'} : {})}, body: body !== undefined ? JSON.stringify(body) : undefined});
  return {status: res.status, body: (await res.json()) as T};
}
const firmDoc = async () => JSON.stringify(await f.backend.services.models.Firm.findById(f.firmId).lean());

test('bad settings are refused naming the field, and nothing is half-saved', async () => {
  const before = await firmDoc();
  const cases: [unknown, string][] = [
    [{name: 'New name', allowedOrigins: ['not a url']}, 'allowedOrigins.0'],
    [{accent: 'blue', name: 'New name'}, 'accent'],
    [{hours: {enabled: true, week: [{day: 1, open: '09:00', close: '12:00'}, {day: 1, open: '11:00', close: '17:00'}], closedDates: []}}, 'hours.week.1'],
    [{retentionDays: 0}, 'retentionDays'],
    [{allowedOrigins: []}, 'allowedOrigins'],
    [{allowedOrigins: ['https://ok.example/path']}, 'allowedOrigins.0'],
  ];
  for (const [body, field] of cases) {
    const res = await api(owner.token, 'POST', '/settings', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.ok(res.body.error.issues.some((i: {path: string}) => i.path === field), `${field} named in ${JSON.stringify(res.body.error)}`);
  }
  const logo = await api(owner.token, 'POST', '/settings/logo', {data: Buffer.from('<svg onload="x()"></svg>').toString('base64')});
  assert.equal(logo.status, 400);
  assert.equal(logo.body.error.issues[0].path, 'logo');
  assert.equal(await firmDoc(), before, 'the firm is unchanged');
});

test('a newly allowed origin works at once, even with the firm cached', async () => {
  const partner = 'https://partner.example';
  const refused = await post(`${f.url}/api/v1/widget/session`, {siteKey: f.siteKey}, {origin: partner});
  assert.equal(refused.status, 403);
  const res = await api<FirmSettingsDto>(owner.token, 'POST', '/settings', {allowedOrigins: [FIRM_ORIGIN, `${partner}/`]});
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.allowedOrigins, [FIRM_ORIGIN, partner]);
  assert.equal((await post(`${f.url}/api/v1/widget/session`, {siteKey: f.siteKey}, {origin: partner})).status, 200);
  assert.match(res.body.embed.snippet, /consult-chat\.js/);
});

test('logo: a PNG is stored, sniffed and served', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const res = await api<FirmSettingsDto>(owner.token, 'POST', '/settings/logo', {data: png.toString('base64')});
  assert.equal(res.status, 200);
  const img = await fetch(res.body.logoUrl!.replace(/^http:\/\/localhost:\d+/, f.url));
  assert.equal(img.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await img.arrayBuffer()), png);
});

test('rotating the identity secret shows it once and keeps the old one valid for the grace period', async () => {
  const oldToken = jwt.sign({email: 'client@x.example', name: 'C'}, f.identitySecret, {algorithm: 'HS256', expiresIn: '1h'});
  const res = await api(owner.token, 'POST', '/settings/identity-secret', {graceHours: 24});
  assert.equal(res.status, 200);
  assert.match(res.body.identitySecret, /^idsec_/);
  assert.equal((await post(`${f.url}/api/v1/widget/session`, {siteKey: f.siteKey, identityToken: oldToken})).status, 200, 'old secret within grace');
  const newToken = jwt.sign({email: 'client@x.example'}, res.body.identitySecret, {algorithm: 'HS256', expiresIn: '1h'});
  assert.equal((await post(`${f.url}/api/v1/widget/session`, {siteKey: f.siteKey, identityToken: newToken})).status, 200);
  const none = await api(owner.token, 'POST', '/settings/identity-secret', {graceHours: 0});
  assert.equal((await post(`${f.url}/api/v1/widget/session`, {siteKey: f.siteKey, identityToken: newToken})).status, 401, 'no grace: the previous secret stops at once');
  const audit = await api(owner.token, 'GET', '/audit');
  const text = JSON.stringify(audit.body);
  assert.ok(!text.includes(res.body.identitySecret) && !text.includes(none.body.identitySecret) && !text.includes(f.identitySecret), 'no secret in the audit log');
  const actions = audit.body.entries.map((e: {action: string}) => e.action);
  assert.ok(actions.includes('settings.identity-secret.rotate') && actions.includes('settings.update') && actions.includes('settings.logo'), actions.join());
  assert.equal(audit.body.entries.find((e: {action: string}) => e.action === 'settings.update').actor.name, owner.lawyer.name);
});

test('invite → sign-up → deactivate: the last owner stays, sessions end at once', async () => {
  const dup = await api(owner.token, 'POST', '/team/invite', {email: f.lawyerEmail, name: 'Dup'});
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error.issues[0].path, 'email');
  const invited = await api(owner.token, 'POST', '/team/invite', {email: 'new.lawyer@firm.example', name: 'Nina New'});
  assert.equal(invited.status, 201);
  assert.equal(invited.body.invited, true);
  const mail = await outboxModel(f.backend.db).findOne({'payload.to': 'new.lawyer@firm.example'}).lean();
  const token = /#invite=([\w-]+)/.exec(String(mail!.payload?.text ?? JSON.stringify(mail)))![1];
  const accepted = await post<any>(`${f.url}/api/v1/auth/invite`, {token, password: 'a good long password'}, {origin: f.url});
  assert.equal(accepted.status, 200);
  assert.equal((await post(`${f.url}/api/v1/auth/invite`, {token, password: 'a good long password'}, {origin: f.url})).status, 400, 'one use');
  const nina = accepted.body;
  // A plain lawyer may not touch settings or the team.
  assert.equal((await api(nina.token, 'GET', '/settings')).status, 403);
  assert.equal((await api(nina.token, 'POST', '/team/invite', {email: 'x@y.example', name: 'X'})).status, 403);
  // …but edits their own profile, with the meeting-link rules.
  assert.equal((await api(nina.token, 'POST', `/team/${nina.lawyer.id}`, {personalMeetingUrl: 'https://evil.example/room'})).body.error.issues[0].path, 'personalMeetingUrl');
  assert.equal((await api(nina.token, 'POST', `/team/${nina.lawyer.id}`, {timeZone: 'Europe/Madrid', personalMeetingUrl: 'https://meet.jit.si/nina-room'})).status, 200);

  const last = await api(owner.token, 'POST', `/team/${owner.lawyer.id}`, {role: 'lawyer'});
  assert.equal(last.status, 400);
  assert.equal(last.body.error.issues[0].path, 'role');

  const socket = connect(f.url, nina.token, f.url, {reconnection: false});
  await connected(socket);
  const gone = new Promise((resolve) => socket.once('disconnect', resolve));
  assert.equal((await api(owner.token, 'POST', `/team/${nina.lawyer.id}`, {active: false})).status, 200);
  await gone;
  assert.equal((await api(nina.token, 'GET', '/conversations')).status, 401);
  assert.equal((await connectError(connect(f.url, nina.token, f.url, {reconnection: false}))).code, 'unauthorized');
  assert.equal((await post(`${f.url}/api/v1/auth/login`, {email: 'new.lawyer@firm.example', password: 'a good long password'}, {origin: f.url})).status, 401);
  const actions = (await api(owner.token, 'GET', '/audit')).body.entries.map((e: {action: string}) => e.action);
  for (const a of ['lawyer.invite', 'lawyer.invite.accept', 'lawyer.deactivate']) assert.ok(actions.includes(a), a);
});

test('consent, required pre-chat fields and hours apply to a new visitor; the lawyer sees the acceptance', async () => {
  const g = await createFirmWithLawyer(f.backend);
  const o = await lawyerLogin({url: f.url, lawyerEmail: g.lawyerEmail});
  const notice = 'We keep your messages confidential and process them to answer you.';
  const set = await api(o.token, 'POST', '/settings', {
    prechat: {enabled: true, fields: {name: 'optional', email: 'required', phone: 'off', topic: 'off'}, topics: []},
    consent: {enabled: true, texts: {en: notice}},
    // Closed every day except for one minute that has passed: closed now.
    hours: {enabled: true, week: [0, 1, 2, 3, 4, 5, 6].map((day) => ({day, open: '00:00', close: '00:01'})), closedDates: []},
    greetings: {en: 'Hello', es: 'Hola'},
  });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal(set.body.consent.version, 1);
  const s = await applicantSession({url: f.url, siteKey: g.siteKey});
  assert.equal(s.firm.contact!.consent!.version, 1);
  assert.equal(s.firm.contact!.fields.email, 'required');
  assert.equal(s.firm.contact!.hours!.open, false);
  assert.ok(Date.parse(s.firm.contact!.hours!.nextOpen!) > Date.now());
  assert.equal(s.firm.contact!.greetings.es, 'Hola');

  const socket = connect(f.url, s.token, FIRM_ORIGIN);
  await connected(socket);
  const refused = await call(socket, 'conversation:open', {});
  assert.equal(!refused.ok && refused.error.code, 'bad_request');
  const missing = await post<any>(`${f.url}/api/v1/widget/session`, {siteKey: g.siteKey, visitorId: s.visitorId, visitorSecret: s.visitorSecret, intake: true, consentVersion: 1});
  assert.equal(missing.body.error.issues[0].path, 'email');
  const stale = await post<any>(`${f.url}/api/v1/widget/session`, {siteKey: g.siteKey, visitorId: s.visitorId, visitorSecret: s.visitorSecret, intake: true, email: 'v@x.example', consentVersion: 7});
  assert.equal(stale.body.error.issues[0].path, 'consent');
  const done = await applicantSession({url: f.url, siteKey: g.siteKey}, {visitorId: s.visitorId, visitorSecret: s.visitorSecret, intake: true, email: 'v@x.example', consentVersion: 1, consentLang: 'en'});
  assert.equal(done.applicant.emailVerified, false, 'a typed email is unverified');
  const socket2 = connect(f.url, done.token, FIRM_ORIGIN);
  const {conversation} = await ok(call(socket2, 'conversation:open', {}));
  const list = await api(o.token, 'GET', '/conversations');
  const row = list.body.conversations.find((c: {id: string}) => c.id === conversation.id);
  assert.equal(row.applicant.consent.version, 1);
  assert.equal(row.applicant.consent.textHash, createHash('sha256').update(notice).digest('base64url'));
  socket.disconnect();
});

test('a plain lawyer and another firm\'s owner cannot read this firm\'s settings', async () => {
  const other = await createFirmWithLawyer(f.backend, {origin: 'https://other.example'});
  const otherOwner = await lawyerLogin({url: f.url, lawyerEmail: other.lawyerEmail});
  const mine = await api<FirmSettingsDto>(otherOwner.token, 'GET', '/settings');
  assert.equal(mine.body.id, other.firmId, 'an owner only ever sees their own firm');
  assert.equal((await api(otherOwner.token, 'POST', `/team/${owner.lawyer.id}`, {active: false})).status, 404);
  void LAWYER_PASSWORD;
});
