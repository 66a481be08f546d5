// The authorization matrix: every REST route and every socket event, called by every kind of
// caller. The route list comes from the router, the event list from the protocol, and both are
// checked against the operations table, so a new action without an entry here fails this test.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import jwt from 'jsonwebtoken';
import {apiRouter} from '../http/api.js';
import {OPERATIONS} from '../operations/table.js';
import {CLIENT_EVENTS, type ClientToServerEvents} from '../../protocol/events.js';
import type {JoinResult, MessageDto} from '../../protocol/chat.js';
import type {ConsultationCard} from '../../protocol/consultation.js';
import {pdf} from './documents.js';
import {bookingRequestModel} from '../models/booking-request.js';
import {applicantSession, call, connect, connected, connectError, createFirmWithLawyer, FIRM_ORIGIN, LAWYER_PASSWORD, lawyerLogin, ok, startChatFixture} from './chat-fixture.js';

const f = await startChatFixture();
const OTHER_ORIGIN = 'https://other-firm.example';

// --- the cast ------------------------------------------------------------------------------
const lawyer = await lawyerLogin(f); // the fixture's lawyer is the firm owner
const applicant = await applicantSession(f);
const stranger = await applicantSession(f); // same firm, another conversation
const otherFirm = await createFirmWithLawyer(f.backend, {origin: OTHER_ORIGIN});
const otherLawyer = await lawyerLogin({url: f.url, lawyerEmail: otherFirm.lawyerEmail});
const otherApplicant = await applicantSession({url: f.url, siteKey: otherFirm.siteKey}, {}, OTHER_ORIGIN);

const appSocket = connect(f.url, applicant.token, FIRM_ORIGIN);
const {conversation} = await ok<JoinResult>(call(appSocket, 'conversation:open', {}));
const firstMessage = await ok<MessageDto>(call(appSocket, 'message:send', {conversationId: conversation.id, clientId: randomUUID(), body: 'privileged'}));
const pdfForm = () => {
  const form = new FormData();
  form.append('clientId', randomUUID());
  form.append('file', new Blob([pdf() as Uint8Array<ArrayBuffer>], {type: 'application/pdf'}), 'passport.pdf');
  return form;
};
const document = await (await fetch(`${f.url}/api/v1/conversations/${conversation.id}/attachments`, {method: 'POST', headers: {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN}, body: pdfForm()})).json() as MessageDto;
const victim = await applicantSession(f); // erased by the matrix's last call
// A plain lawyer of the firm, and one an owner deactivated (their token was issued before).
const teamLogin = async (email: string) => {
  await f.backend.services.firms.createLawyer({firmId: f.firmId, name: email.split('@')[0], email, password: LAWYER_PASSWORD, role: 'lawyer'});
  return lawyerLogin({url: f.url, lawyerEmail: email});
};
const plainLawyer = await teamLogin(`plain-${randomUUID()}@firm.example`);
const deactivated = await teamLogin(`gone-${randomUUID()}@firm.example`);
// The plain lawyer's own saved reply: only they may remove it (the owner comes before them in CALLERS and gets 404).
const reply = await (await fetch(`${f.url}/api/v1/replies`, {method: 'POST', headers: {'content-type': 'application/json', authorization: `Bearer ${plainLawyer.token}`, origin: f.url}, body: JSON.stringify({shortcut: 'hello', body: 'Hello {applicant.name}'})})).json() as {id: string};
await f.backend.services.models.Lawyer.updateOne({_id: deactivated.lawyer.id}, {$set: {active: false}, $inc: {tokenVersion: 1}});
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
const lawyerSetup = connect(f.url, lawyer.token, f.url);
const inDays = (d: number, hour = 9) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 11) + `${String(hour).padStart(2, '0')}:00:00Z`;
const consultation = await ok<ConsultationCard>(call(lawyerSetup, 'consultation:schedule', {conversationId: conversation.id, start: inDays(1), durationMinutes: 30, provider: 'jitsi'}));
const socketConsultation = await ok<ConsultationCard>(call(lawyerSetup, 'consultation:schedule', {conversationId: conversation.id, start: inDays(2), durationMinutes: 30, provider: 'jitsi'}));
let slot = 3;
// Booking: the firm takes bookings, its lawyer has evening hours (UTC, clear of the consultations
// above), and the applicant's email is verified, so allowed callers really book.
const S = f.backend.services;
await S.models.Firm.updateOne({_id: f.firmId}, {$set: {'booking.mode': 'instant'}});
const evenings = {timeZone: 'UTC', weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({day, start: '18:00', end: '20:00'})), datesOff: [], minNoticeMinutes: 0, bufferMinutes: 0, durations: [30], providers: ['jitsi']};
await S.booking.availability.set({kind: 'lawyer', id: lawyer.lawyer.id, firmId: String(f.firmId), name: null, role: 'owner'}, evenings as never);
await S.models.Applicant.updateOne({_id: applicant.applicant.id}, {$set: {email: 'applicant@client.example', emailVerified: true}});
const freeSlots: string[] = (await (await fetch(`${f.url}/api/v1/conversations/${conversation.id}/slots`, {headers: {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN}})).json()).slots.map((s: {start: string}) => s.start);
const nextSlot = () => freeSlots.pop()!;
// Booking requests (firm mode `request`), one per matrix row so each row starts from `pending`;
// written directly, at night (outside the evening hours the bookings above use).
const Requests = bookingRequestModel(f.backend.db);
const pendingRequest = async (day: number) => {
  const start = new Date(inDays(day, 3));
  const end = new Date(start.getTime() + 30 * 60_000);
  const r = await Requests.create({firmId: f.firmId, conversationId: conversation.id, applicantId: applicant.applicant.id, lawyerId: lawyer.lawyer.id, lawyerName: 'Lawyer',
    status: 'pending', holding: true, holdStart: start, holdEnd: end, start, end, durationMinutes: 30, provider: 'jitsi', bufferMinutes: 0});
  return String(r._id);
};
const requests = {accept: await pendingRequest(3), propose: await pendingRequest(4), decline: await pendingRequest(5), slots: await pendingRequest(6),
  sAccept: await pendingRequest(7), sPropose: await pendingRequest(8), sDecline: await pendingRequest(9), sSlots: await pendingRequest(10)};
let night = 0;
const proposal = () => ({start: inDays(11 + (night++ % 3), night)});
const strangerSocket = connect(f.url, stranger.token, FIRM_ORIGIN);
await ok(call(strangerSocket, 'conversation:open', {}));

// Firm API keys, created and revoked by the owner through the API.
const asOwner = {authorization: `Bearer ${lawyer.token}`, origin: f.url, 'content-type': 'application/json'};
const createKey = async (scope: string) => (await (await fetch(`${f.url}/api/v1/api-keys`, {method: 'POST', headers: asOwner, body: JSON.stringify({name: `key ${scope}`, scope})})).json()) as {key: {id: string}; secret: string};
const readKey = await createKey('read');
const writeKey = await createKey('read-write');
const revokedKey = await createKey('read-write');
const doomedKey = await createKey('read'); // revoked by the matrix's DELETE row
assert.equal((await fetch(`${f.url}/api/v1/api-keys/${revokedKey.key.id}`, {method: 'DELETE', headers: asOwner})).status, 200);

// Webhook endpoints (events that never fire here) and one failed delivery to resend.
const createHook = async () => (await (await fetch(`${f.url}/api/v1/webhooks`, {method: 'POST', headers: asOwner, body: JSON.stringify({url: 'http://127.0.0.1:9/in', events: ['document.shared']})})).json()) as {endpoint: {id: string}};
const hook = await createHook();
const doomedHook = await createHook();
const failedDelivery = await f.backend.services.webhooks.deliveries.create({
  firmId: f.firmId, endpointId: hook.endpoint.id, event: 'document.shared', status: 'failed', idempotencyKey: `msg_matrix_${Date.now()}`,
  payload: {endpointId: hook.endpoint.id, url: 'http://127.0.0.1:9/in', body: '{}'},
});

const {iat: _i, exp: _e, ...claims} = jwt.decode(applicant.token) as jwt.JwtPayload;
const now = Math.floor(Date.now() / 1000);
const badTokens = {
  expired: jwt.sign({...claims, iat: now - 7200, exp: now - 60}, f.jwtSecret, {algorithm: 'HS256'}),
  forged: jwt.sign(claims, 'someone-elses-secret-of-sufficient-length', {algorithm: 'HS256'}),
  algNone: `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
};

type Caller = 'none' | 'expired' | 'forged' | 'algNone' | 'deactivatedLawyer' | 'otherFirmApplicant' | 'otherFirmLawyer' | 'otherApplicant' | 'applicant'
  | 'revokedKey' | 'apiKeyRead' | 'apiKeyWrite' | 'lawyer' | 'plainLawyer';
const CALLERS: Caller[] = ['none', 'expired', 'forged', 'algNone', 'deactivatedLawyer', 'otherFirmApplicant', 'otherFirmLawyer', 'otherApplicant', 'applicant',
  'revokedKey', 'apiKeyRead', 'apiKeyWrite', 'lawyer', 'plainLawyer'];
/** API keys are for REST (server to server): the socket handshake refuses them. */
const KEY_CALLERS: Caller[] = ['revokedKey', 'apiKeyRead', 'apiKeyWrite'];

function credentials(c: Caller): {token?: string; origin: string} {
  switch (c) {
    case 'none': return {origin: FIRM_ORIGIN};
    case 'expired': case 'forged': case 'algNone': return {token: badTokens[c], origin: FIRM_ORIGIN};
    case 'otherFirmApplicant': return {token: otherApplicant.token, origin: OTHER_ORIGIN};
    case 'otherFirmLawyer': return {token: otherLawyer.token, origin: f.url};
    case 'otherApplicant': return {token: stranger.token, origin: FIRM_ORIGIN};
    case 'applicant': return {token: applicant.token, origin: FIRM_ORIGIN};
    case 'lawyer': return {token: lawyer.token, origin: f.url};
    case 'plainLawyer': return {token: plainLawyer.token, origin: f.url};
    case 'deactivatedLawyer': return {token: deactivated.token, origin: f.url};
    // Server-to-server callers send no Origin.
    case 'revokedKey': return {token: revokedKey.secret, origin: ''};
    case 'apiKeyRead': return {token: readKey.secret, origin: ''};
    case 'apiKeyWrite': return {token: writeKey.secret, origin: ''};
  }
}

const HANDSHAKE_REFUSED: Partial<Record<Caller, number>> = {none: 401, expired: 401, forged: 401, algNone: 401, deactivatedLawyer: 401, revokedKey: 401};
/** A plain lawyer gets what the owner gets unless a case says otherwise. */
const expectOf = <T>(expect: Partial<Record<Caller, T>>, caller: Caller): T | undefined => expect[caller] ?? (caller === 'plainLawyer' ? expect.lawyer : undefined);

/**
 * What a caller gets on a route. An API key acts as the owner who made it but with a plain
 * lawyer's powers (never an owner's); a read key only GETs.
 */
function expectedStatus(route: string, spec: RouteCase, caller: Caller): number | undefined {
  if (HANDSHAKE_REFUSED[caller]) return HANDSHAKE_REFUSED[caller];
  if (spec.expect[caller] !== undefined) return spec.expect[caller];
  if (caller === 'apiKeyRead' || caller === 'apiKeyWrite') {
    if (caller === 'apiKeyRead' && !route.startsWith('GET ')) return 403;
    return spec.expect.plainLawyer ?? spec.expect.lawyer;
  }
  return expectOf(spec.expect, caller);
}

// --- REST ----------------------------------------------------------------------------------
interface RouteCase {
  path: string;
  body?: unknown;
  /** A multipart body instead of JSON. */
  form?: () => FormData;
  /** Status per caller beyond the token checks; 2xx means allowed. */
  expect: Partial<Record<Caller, number>>;
  /** For list routes: the conversation must not leak to callers other than these. */
  listsOnlyFor?: Caller[];
  /** The conversation ids a list answer holds (default: `conversations[].id`). */
  ids?: (json: unknown) => string[];
}

const c = conversation.id;
/** Firm-owner routes: signed-in owners only (the other firm's lawyer is its firm's owner too). */
const ownerOnly = {otherFirmApplicant: 403, otherApplicant: 403, applicant: 403, apiKeyRead: 403, apiKeyWrite: 403, lawyer: 200, plainLawyer: 403} as const;
const ROUTES: Record<string, RouteCase | 'public'> = {
  'POST /api/v1/widget/session': 'public',
  'POST /api/v1/auth/login': 'public',
  'GET /api/v1/me': {path: '/api/v1/me', expect: {otherFirmApplicant: 200, otherFirmLawyer: 200, otherApplicant: 200, applicant: 200, lawyer: 200}},
  'GET /api/v1/conversations': {path: '/api/v1/conversations', expect: {otherFirmApplicant: 200, otherFirmLawyer: 200, otherApplicant: 200, applicant: 200, lawyer: 200}, listsOnlyFor: ['applicant', 'apiKeyRead', 'apiKeyWrite', 'lawyer', 'plainLawyer']},
  'POST /api/v1/conversations': {path: '/api/v1/conversations', body: {}, expect: {otherFirmApplicant: 200, otherFirmLawyer: 403, otherApplicant: 200, applicant: 200, lawyer: 403}},
  'GET /api/v1/conversations/:id': {path: `/api/v1/conversations/${c}`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 200, lawyer: 200}},
  'GET /api/v1/conversations/:id/messages': {path: `/api/v1/conversations/${c}/messages`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 200, lawyer: 200}},
  'POST /api/v1/conversations/:id/messages': {path: `/api/v1/conversations/${c}/messages`, body: () => ({clientId: randomUUID(), body: 'hello'}), expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 201, lawyer: 201}},
  // Search: lawyers of the firm find its message; another firm's lawyer gets an empty page.
  'GET /api/v1/search': {path: '/api/v1/search?q=PRIVILÉG', expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200}, listsOnlyFor: ['apiKeyRead', 'apiKeyWrite', 'lawyer', 'plainLawyer'], ids: (j) => (j as {hits: {conversationId: string}[]}).hits.map((h) => h.conversationId)},
  // The applicant's email is not verified: refused with the reason.
  // The matrix's applicant has a confirmed email (see the booking set-up above), so theirs is sent.
  'POST /api/v1/conversations/:id/transcript/email': {path: `/api/v1/conversations/${c}/transcript/email`, body: {}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 200, lawyer: 403}},
  'DELETE /api/v1/conversations/:id/messages/:messageId': {path: `/api/v1/conversations/${c}/messages/${firstMessage.id}`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 403, apiKeyWrite: 403, lawyer: 200, plainLawyer: 403}},
  'POST /api/v1/conversations/:id/read': {path: `/api/v1/conversations/${c}/read`, body: {seq: 1}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 200, lawyer: 200}},
  'POST /api/v1/conversations/:id/claim': {path: `/api/v1/conversations/${c}/claim`, body: {}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 403, lawyer: 200}},
  'POST /api/v1/conversations/:id/assign': {path: `/api/v1/conversations/${c}/assign`, body: {lawyerId: lawyer.lawyer.id}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 403, lawyer: 200}},
  'POST /api/v1/conversations/:id/close': {path: `/api/v1/conversations/${c}/close`, body: {}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 403, lawyer: 200}},
  // Right after closing: the applicant may rate it (once).
  'POST /api/v1/conversations/:id/rating': {path: `/api/v1/conversations/${c}/rating`, body: {score: 4, comment: 'Clear answers'}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 200, lawyer: 403}},
  'GET /api/v1/replies': {path: '/api/v1/replies', expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200}},
  'POST /api/v1/replies': {path: '/api/v1/replies', body: {shortcut: 'bye', body: 'Goodbye {applicant.name}'}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 201, otherApplicant: 403, applicant: 403, lawyer: 201}},
  'DELETE /api/v1/replies/:id': {path: `/api/v1/replies/${reply.id}`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 404, otherApplicant: 403, applicant: 403, apiKeyWrite: 404, lawyer: 404, plainLawyer: 200}},
  'GET /api/v1/conversations/:id/visitor': {path: `/api/v1/conversations/${c}/visitor`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 403, lawyer: 200}},
  'GET /api/v1/ratings': {path: '/api/v1/ratings', expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 403}},
  'GET /api/v1/conversations/:id/transcript': {path: `/api/v1/conversations/${c}/transcript`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 200, lawyer: 200}},
  'DELETE /api/v1/applicants/:id': {path: `/api/v1/applicants/${victim.applicant.id}`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 404, otherApplicant: 403, applicant: 403, apiKeyWrite: 403, lawyer: 200, plainLawyer: 403}},
  'GET /api/v1/consultations/providers': {path: '/api/v1/consultations/providers', expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200}},
  'GET /api/v1/conversations/:id/consultations': {path: `/api/v1/conversations/${c}/consultations`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 200, lawyer: 200}},
  'POST /api/v1/conversations/:id/consultations': {path: `/api/v1/conversations/${c}/consultations`, body: () => ({start: inDays(slot++), durationMinutes: 45, provider: 'jitsi'}), expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 403, lawyer: 201}},
  'POST /api/v1/consultations/:id/reschedule': {path: `/api/v1/consultations/${consultation.id}/reschedule`, body: () => ({start: inDays(slot++, 16)}), expect: {otherFirmApplicant: 403, otherFirmLawyer: 404, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 200}},
  'POST /api/v1/consultations/:id/cancel': {path: `/api/v1/consultations/${consultation.id}/cancel`, body: {}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 404, otherApplicant: 403, applicant: 403, lawyer: 200}},
  'GET /api/v1/lawyers': {path: '/api/v1/lawyers', expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200}},
  // An API key acts as the owner who made it: the owner's own availability is theirs to read and set.
  'GET /api/v1/availability': {path: `/api/v1/availability?lawyerId=${lawyer.lawyer.id}`, expect: {apiKeyRead: 200, apiKeyWrite: 200, otherFirmApplicant: 403, otherFirmLawyer: 404, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 403}},
  'POST /api/v1/availability': {path: '/api/v1/availability', body: {...evenings, lawyerId: lawyer.lawyer.id}, expect: {apiKeyWrite: 200, otherFirmApplicant: 403, otherFirmLawyer: 404, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 403}},
  'POST /api/v1/booking/mode': {path: '/api/v1/booking/mode', body: {mode: 'instant'}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 403}},
  'GET /api/v1/conversations/:id/slots': {path: `/api/v1/conversations/${c}/slots`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 200, lawyer: 403}},
  'POST /api/v1/conversations/:id/bookings': {path: `/api/v1/conversations/${c}/bookings`, body: () => ({start: nextSlot(), durationMinutes: 30}), expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 201, lawyer: 403}},
  // Booking requests: another firm's (or visitor's) is not found; past authorization, each allowed caller meets the request's state.
  'POST /api/v1/booking-requests/:id/accept': {path: `/api/v1/booking-requests/${requests.accept}/accept`, expect: {otherFirmApplicant: 404, otherFirmLawyer: 404, otherApplicant: 404, applicant: 409, apiKeyWrite: 200, lawyer: 409, plainLawyer: 409}},
  'POST /api/v1/booking-requests/:id/propose': {path: `/api/v1/booking-requests/${requests.propose}/propose`, body: proposal, expect: {otherFirmApplicant: 403, otherFirmLawyer: 404, otherApplicant: 403, applicant: 403, lawyer: 200}},
  'POST /api/v1/booking-requests/:id/decline': {path: `/api/v1/booking-requests/${requests.decline}/decline`, body: {reason: 'Not this week'}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 404, otherApplicant: 403, applicant: 403, apiKeyWrite: 200, lawyer: 409}},
  'GET /api/v1/booking-requests/:id/slots': {path: `/api/v1/booking-requests/${requests.slots}/slots`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 404, otherApplicant: 403, applicant: 403, lawyer: 200}},
  // An email's reschedule link from the widget: the signed token is the authority (backend/test/self-service.test.ts).
  'GET /api/v1/booking-links/:token/slots': 'public',
  'POST /api/v1/booking-links/:token/move': 'public',
  'POST /api/v1/contact/code': {path: '/api/v1/contact/code', body: {email: 'applicant@client.example'}, expect: {otherFirmApplicant: 200, otherFirmLawyer: 403, otherApplicant: 200, applicant: 200, lawyer: 403}},
  // Allowed callers get past authorization to the code check (a wrong code).
  'POST /api/v1/contact/verify': {path: '/api/v1/contact/verify', body: {code: '000000'}, expect: {otherFirmApplicant: 400, otherFirmLawyer: 403, otherApplicant: 400, applicant: 400, lawyer: 403}},
  // "Ask for email": the firm's lawyers; the matrix's applicant has confirmed theirs already (409 past the checks).
  'POST /api/v1/conversations/:id/email-request': {path: `/api/v1/conversations/${c}/email-request`, body: {}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 403, lawyer: 409}},
  'POST /api/v1/conversations/:id/attachments': {path: `/api/v1/conversations/${c}/attachments`, form: pdfForm, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 201, lawyer: 201}},
  'GET /api/v1/attachments/:id/link': {path: `/api/v1/attachments/${document.attachment!.id}/link`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 200, lawyer: 200}},
  'GET /api/v1/conversations/:id/export': {path: `/api/v1/conversations/${c}/export`, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 403, lawyer: 200}},
  'GET /api/v1/settings': {path: '/api/v1/settings', expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 403}},
  'POST /api/v1/settings': {path: '/api/v1/settings', body: {greetings: {en: 'Hello', es: 'Hola'}}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 403}},
  'POST /api/v1/settings/logo': {path: '/api/v1/settings/logo', body: {data: PNG}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 403}},
  'DELETE /api/v1/settings/logo': {path: '/api/v1/settings/logo', expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 403}},
  'POST /api/v1/settings/identity-secret': {path: '/api/v1/settings/identity-secret', body: {graceHours: 1}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 403}},
  'GET /api/v1/audit': {path: '/api/v1/audit', expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 403}},
  'GET /api/v1/team': {path: '/api/v1/team', expect: {otherFirmApplicant: 403, otherFirmLawyer: 200, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 403}},
  'POST /api/v1/team/invite': {path: '/api/v1/team/invite', body: () => ({email: `invitee-${randomUUID()}@firm.example`, name: 'Invitee'}), expect: {otherFirmApplicant: 403, otherFirmLawyer: 201, otherApplicant: 403, applicant: 403, lawyer: 201, plainLawyer: 403}},
  // The plain lawyer's own profile: the owner and the lawyer may edit it, nobody else (an API key
  // has a plain lawyer's powers, so not another's profile).
  'POST /api/v1/team/:id': {path: `/api/v1/team/${plainLawyer.lawyer.id}`, body: {timeZone: 'Europe/Paris'}, expect: {apiKeyWrite: 403, otherFirmApplicant: 403, otherFirmLawyer: 404, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 200}},
  'POST /api/v1/team/:id/avatar': {path: `/api/v1/team/${plainLawyer.lawyer.id}/avatar`, body: {data: PNG}, expect: {apiKeyWrite: 403, otherFirmApplicant: 403, otherFirmLawyer: 404, otherApplicant: 403, applicant: 403, lawyer: 200, plainLawyer: 200}},
  'POST /api/v1/auth/invite': 'public',
  'GET /api/v1/api-keys': {path: '/api/v1/api-keys', expect: {...ownerOnly, otherFirmLawyer: 200}},
  'POST /api/v1/api-keys': {path: '/api/v1/api-keys', body: {name: 'matrix', scope: 'read'}, expect: {...ownerOnly, otherFirmLawyer: 201, lawyer: 201}},
  'DELETE /api/v1/api-keys/:id': {path: `/api/v1/api-keys/${doomedKey.key.id}`, expect: {...ownerOnly, otherFirmLawyer: 404}},
  'GET /api/v1/webhooks': {path: '/api/v1/webhooks', expect: {...ownerOnly, otherFirmLawyer: 200}},
  'POST /api/v1/webhooks': {path: '/api/v1/webhooks', body: {url: 'http://127.0.0.1:9/in', events: ['document.shared']}, expect: {...ownerOnly, otherFirmLawyer: 201, lawyer: 201}},
  'DELETE /api/v1/webhooks/:id': {path: `/api/v1/webhooks/${doomedHook.endpoint.id}`, expect: {...ownerOnly, otherFirmLawyer: 404}},
  'GET /api/v1/webhooks/:id/deliveries': {path: `/api/v1/webhooks/${hook.endpoint.id}/deliveries`, expect: {...ownerOnly, otherFirmLawyer: 404}},
  'POST /api/v1/webhook-deliveries/:id/resend': {path: `/api/v1/webhook-deliveries/${failedDelivery._id}/resend`, body: {}, expect: {...ownerOnly, otherFirmLawyer: 404}},
  'POST /api/v1/conversations/:id/reopen': {path: `/api/v1/conversations/${c}/reopen`, body: {}, expect: {otherFirmApplicant: 403, otherFirmLawyer: 403, otherApplicant: 403, applicant: 403, lawyer: 200}},
};

test('every REST route has an entry in the matrix', () => {
  const router = apiRouter(f.backend.services, f.backend.config);
  const routes = router.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${layer.path}`)).filter((r) => !r.includes('(.*)'));
  assert.ok(routes.length >= 14, `found ${routes.length} routes`);
  for (const r of routes) assert.ok(r in ROUTES, `route ${r} is missing from the authorization matrix`);
});

test('a plain lawyer cannot remove a firm-wide reply', async () => {
  const shared = await (await fetch(`${f.url}/api/v1/replies`, {method: 'POST', headers: asOwner, body: JSON.stringify({shortcut: 'shared', body: 'Firm-wide', shared: true})})).json() as {id: string};
  const res = await fetch(`${f.url}/api/v1/replies/${shared.id}`, {method: 'DELETE', headers: {authorization: `Bearer ${plainLawyer.token}`, origin: f.url}});
  assert.equal(res.status, 403);
  assert.equal((await fetch(`${f.url}/api/v1/replies/${shared.id}`, {method: 'DELETE', headers: asOwner})).status, 200);
});

test('each caller gets exactly the allowed result on every REST route', async () => {
  for (const [route, spec] of Object.entries(ROUTES)) {
    if (spec === 'public') continue;
    const method = route.split(' ')[0];
    for (const caller of CALLERS) {
      const {token, origin} = credentials(caller);
      const body = typeof spec.body === 'function' ? spec.body() : spec.body;
      const res: Response = await fetch(`${f.url}${spec.path}`, {
        method,
        headers: {...(origin ? {origin} : {}), ...(token ? {authorization: `Bearer ${token}`} : {}), ...(body !== undefined ? {'content-type': 'application/json'} : {})},
        body: spec.form ? spec.form() : body !== undefined ? JSON.stringify(body) : undefined,
      });
      const expected = expectedStatus(route, spec, caller);
      assert.equal(res.status, expected, `${route} as ${caller}`);
      const json = res.headers.get('content-type')?.includes('json') ? await res.json() : {};
      if (res.status >= 400) assert.ok(json.error?.code, `${route} as ${caller}: error body has a code`);
      if (spec.listsOnlyFor && res.status === 200) {
        const ids: string[] = spec.ids ? spec.ids(json) : json.conversations.map((x: {id: string}) => x.id);
        assert.equal(ids.includes(c), spec.listsOnlyFor.includes(caller), `${route} as ${caller}: listing the conversation`);
      }
    }
  }
});

test('the signed download route answers only to a valid signature, whoever asks', async () => {
  const link = await (await fetch(`${f.url}/api/v1/attachments/${document.attachment!.id}/link`, {headers: {authorization: `Bearer ${applicant.token}`, origin: FIRM_ORIGIN}})).json();
  const bare = link.url.split('?')[0];
  for (const caller of CALLERS) {
    const {token, origin} = credentials(caller);
    const headers = {origin, ...(token ? {authorization: `Bearer ${token}`} : {})};
    assert.equal((await fetch(bare, {headers})).status, 403, `unsigned, as ${caller}`);
    assert.equal((await fetch(link.url, {headers})).status, 200, `signed, as ${caller}`);
  }
});

// --- Socket.IO -----------------------------------------------------------------------------
type EventCase = {payload: () => unknown; expect: Partial<Record<Caller, 'ok' | string>>};
const member = {otherFirmApplicant: 'not_member', otherFirmLawyer: 'not_member', otherApplicant: 'not_member', applicant: 'ok', lawyer: 'ok'} as const;
const lawyerOnly = {otherFirmApplicant: 'forbidden', otherFirmLawyer: 'not_member', otherApplicant: 'forbidden', applicant: 'forbidden', lawyer: 'ok'} as const;
const EVENTS: Record<(typeof CLIENT_EVENTS)[number], EventCase | 'no-ack'> = {
  'conversation:open': {payload: () => ({}), expect: {otherFirmApplicant: 'ok', otherFirmLawyer: 'forbidden', otherApplicant: 'ok', applicant: 'ok', lawyer: 'forbidden'}},
  'conversation:join': {payload: () => ({conversationId: c}), expect: member},
  'conversation:leave': {payload: () => ({conversationId: c}), expect: {otherFirmApplicant: 'ok', otherFirmLawyer: 'ok', otherApplicant: 'ok', applicant: 'ok', lawyer: 'ok'}},
  'conversation:claim': {payload: () => ({conversationId: c}), expect: lawyerOnly},
  'conversation:assign': {payload: () => ({conversationId: c, lawyerId: lawyer.lawyer.id}), expect: lawyerOnly},
  'conversation:close': {payload: () => ({conversationId: c}), expect: lawyerOnly},
  'conversation:reopen': {payload: () => ({conversationId: c}), expect: lawyerOnly},
  'message:send': {payload: () => ({conversationId: c, clientId: randomUUID(), body: 'hi'}), expect: member},
  'message:sync': {payload: () => ({conversationId: c, afterSeq: 0}), expect: member},
  'message:history': {payload: () => ({conversationId: c, beforeSeq: 1e6}), expect: member},
  'message:delete': {payload: () => ({conversationId: c, messageId: firstMessage.id}), expect: {...lawyerOnly, applicant: 'forbidden', plainLawyer: 'forbidden'}},
  'receipt:read': {payload: () => ({conversationId: c, seq: 1}), expect: member},
  'receipt:delivered': {payload: () => ({conversationId: c, seq: 1}), expect: member},
  'consultation:providers': {payload: () => ({}), expect: {otherFirmApplicant: 'forbidden', otherFirmLawyer: 'ok', otherApplicant: 'forbidden', applicant: 'forbidden', lawyer: 'ok'}},
  'consultation:schedule': {payload: () => ({conversationId: c, start: inDays(slot++), durationMinutes: 30, provider: 'jitsi'}), expect: lawyerOnly},
  'consultation:reschedule': {payload: () => ({consultationId: socketConsultation.id, start: inDays(slot++, 15)}), expect: {...lawyerOnly, otherFirmLawyer: 'not_found', plainLawyer: 'conflict'}},
  'consultation:cancel': {payload: () => ({consultationId: socketConsultation.id}), expect: {...lawyerOnly, otherFirmLawyer: 'not_found'}},
  'booking:slots': {payload: () => ({conversationId: c}), expect: {otherFirmApplicant: 'not_member', otherFirmLawyer: 'forbidden', otherApplicant: 'not_member', applicant: 'ok', lawyer: 'forbidden'}},
  'booking:book': {payload: () => ({conversationId: c, start: nextSlot(), durationMinutes: 30}), expect: {otherFirmApplicant: 'not_member', otherFirmLawyer: 'forbidden', otherApplicant: 'not_member', applicant: 'ok', lawyer: 'forbidden'}},
  'contact:request-code': {payload: () => ({email: 'applicant@client.example'}), expect: {otherFirmApplicant: 'ok', otherFirmLawyer: 'forbidden', otherApplicant: 'ok', applicant: 'ok', lawyer: 'forbidden'}},
  'booking:accept': {payload: () => ({requestId: requests.sAccept}), expect: {otherFirmApplicant: 'not_found', otherFirmLawyer: 'not_found', otherApplicant: 'not_found', applicant: 'conflict', lawyer: 'ok', plainLawyer: 'conflict'}},
  'booking:propose': {payload: () => ({requestId: requests.sPropose, ...proposal()}), expect: {...lawyerOnly, otherFirmLawyer: 'not_found'}},
  'booking:decline': {payload: () => ({requestId: requests.sDecline}), expect: {...lawyerOnly, otherFirmLawyer: 'not_found', plainLawyer: 'conflict'}},
  'booking:request-slots': {payload: () => ({requestId: requests.sSlots}), expect: {...lawyerOnly, otherFirmLawyer: 'not_found'}},
  'contact:verify': {payload: () => ({code: '000000'}), expect: {otherFirmApplicant: 'bad_request', otherFirmLawyer: 'forbidden', otherApplicant: 'bad_request', applicant: 'bad_request', lawyer: 'forbidden'}},
  'contact:ask': {payload: () => ({conversationId: c}), expect: {...lawyerOnly, lawyer: 'conflict'}},
  'conversation:rate': {payload: () => ({conversationId: c, score: 5}), expect: {otherFirmApplicant: 'not_member', otherFirmLawyer: 'forbidden', otherApplicant: 'not_member', applicant: 'conflict', lawyer: 'forbidden'}},
  'typing:start': 'no-ack',
  'typing:stop': 'no-ack',
};

test('every socket event has an entry in the matrix', () => {
  for (const e of CLIENT_EVENTS) assert.ok(e in EVENTS, `event ${e} is missing from the authorization matrix`);
});

// Actions only sockets have, on purpose (rooms and typing); every other event is an operation.
const SOCKET_ONLY = ['conversation:leave', 'typing:start', 'typing:stop'];

test('the operations table and the matrix agree: every binding has an entry, and `who` matches it', () => {
  const refused = {lawyer: ['applicant', 'otherApplicant', 'otherFirmApplicant'], applicant: ['lawyer', 'otherFirmLawyer'], member: [], public: []} as const;
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    if (operation.rest) {
      const route = `${operation.rest.method} /api/v1${operation.rest.path}`;
      const spec = ROUTES[route];
      assert.ok(spec, `operation ${name}: route ${route} is missing from the matrix`);
      assert.equal(spec === 'public', operation.who === 'public', `${route}: public in the table and in the matrix alike`);
      if (spec !== 'public') for (const caller of refused[operation.who]) assert.equal(spec.expect[caller], 403, `${route}: ${caller} is refused`);
    }
    if (operation.socket) {
      const spec = EVENTS[name as keyof typeof EVENTS];
      assert.ok(spec && spec !== 'no-ack', `operation ${name}: socket event missing from the matrix`);
      for (const caller of refused[operation.who]) assert.ok(['forbidden', 'not_member', 'not_found'].includes(spec.expect[caller] ?? ''), `${name}: ${caller} is refused`);
    }
  }
  for (const event of CLIENT_EVENTS) {
    assert.ok(OPERATIONS[event as keyof typeof OPERATIONS]?.socket || SOCKET_ONLY.includes(event), `event ${event} is neither an operation nor a socket-only action`);
  }
});

test('each caller gets exactly the allowed result on every socket event', async () => {
  for (const caller of CALLERS) {
    const {token, origin} = credentials(caller);
    const socket = connect(f.url, token ?? '', origin, {reconnection: false});
    if (HANDSHAKE_REFUSED[caller] || KEY_CALLERS.includes(caller)) {
      const err = await connectError(socket);
      assert.ok(['unauthorized', 'token_expired'].includes(err.code ?? ''), `${caller}: handshake refused (${err.code})`);
      continue;
    }
    await connected(socket);
    for (const [event, spec] of Object.entries(EVENTS)) {
      if (spec === 'no-ack') continue;
      const ack = await call(socket, event as keyof ClientToServerEvents, spec.payload() as never);
      const expected = expectOf(spec.expect, caller);
      assert.equal(ack.ok ? 'ok' : ack.error.code, expected, `${event} as ${caller}`);
    }
    socket.disconnect();
  }
});

test('typing from a non-member reaches nobody', async () => {
  const lawyerSocket = connect(f.url, lawyer.token, f.url);
  await ok(call(lawyerSocket, 'conversation:join', {conversationId: c}));
  let leaked = 0;
  appSocket.on('typing', () => leaked++);
  for (const caller of ['otherFirmApplicant', 'otherFirmLawyer', 'otherApplicant'] as const) {
    const {token, origin} = credentials(caller);
    const s = connect(f.url, token!, origin);
    await connected(s);
    s.emit('typing:start', {conversationId: c});
    // It cannot even join the room first.
    const join = await call(s, 'conversation:join', {conversationId: c});
    assert.equal(join.ok, false);
    s.emit('typing:start', {conversationId: c});
  }
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(leaked, 0);
});
