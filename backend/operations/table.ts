// Every client action, declared once. The REST routes and socket events are generated from
// this table, and the authorization test reads it. Actions only one transport needs on
// purpose live there: joining/leaving rooms and typing (sockets).
import type {Schemas} from '../../protocol/schemas.js';
import {op, type Operation, type RestBinding} from './operation.js';

const get = (path: string, more: Partial<RestBinding> = {}): RestBinding => ({method: 'GET', path, ...more});
const post = (path: string, more: Partial<RestBinding> = {}): RestBinding => ({method: 'POST', path, ...more});
const del = (path: string, more: Partial<RestBinding> = {}): RestBinding => ({method: 'DELETE', path, ...more});
/** `:id` in the path is the conversation (or consultation) the action is about. */
const conv = {params: {id: 'conversationId'}};
const consult = {params: {id: 'consultationId'}};
const num = (v: unknown) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v);
const limit = (q: Record<string, unknown>) => (q.limit === undefined ? undefined : num(q.limit));

export const operations = {
  // --- sessions ------------------------------------------------------------------------------
  'session:widget': op({
    input: 'widgetSession', who: 'public', rest: post('/widget/session'),
    async run(s, c, input) {
      await s.limits.session.take(`ip:${c.ip}`, 'new sessions');
      return s.sessions.widgetSession(input, c.origin);
    },
  }),
  'session:login': op({
    input: 'login', who: 'public', rest: post('/auth/login'),
    async run(s, c, input) {
      await s.limits.loginPerIp.take(`ip:${c.ip}`, 'login attempts');
      await s.limits.loginPerAccount.take(`email:${input.email}`, 'login attempts');
      return s.sessions.login(input);
    },
  }),
  'session:me': op({input: 'empty', who: 'member', rest: get('/me'), run: async (_s, c) => ({principal: c.principal})}),

  // --- conversations -------------------------------------------------------------------------
  'conversation:list': op({
    input: 'listConversations', who: 'member', rest: get('/conversations', {query: (q) => ({...q})}),
    async run(s, {principal: p}, input) {
      const list = await s.chat.listConversations(p, input);
      return p.kind === 'lawyer' ? s.presence.markOnline(list) : list;
    },
  }),
  'conversation:open': op({input: 'openConversation', who: 'applicant', rest: post('/conversations'), socket: {joins: true},
    run: (s, c, input) => s.chat.openConversation(c.principal, input)}),
  'conversation:join': op({input: 'conversationRef', who: 'member', rest: get('/conversations/:id', conv), socket: {joins: true},
    run: (s, c, input) => s.chat.getConversation(c.principal, input.conversationId)}),
  'conversation:claim': op({input: 'conversationRef', who: 'lawyer', rest: post('/conversations/:id/claim', {...conv, body: false}), socket: {},
    run: (s, c, input) => s.chat.claim(c.principal, input)}),
  'conversation:assign': op({input: 'assign', who: 'lawyer', rest: post('/conversations/:id/assign', conv), socket: {},
    run: (s, c, input) => s.chat.assign(c.principal, input)}),
  'conversation:close': op({input: 'conversationRef', who: 'lawyer', rest: post('/conversations/:id/close', {...conv, body: false}), socket: {},
    run: (s, c, input) => s.chat.setStatus(c.principal, input, 'closed')}),
  'conversation:reopen': op({input: 'conversationRef', who: 'lawyer', rest: post('/conversations/:id/reopen', {...conv, body: false}), socket: {},
    run: (s, c, input) => s.chat.setStatus(c.principal, input, 'open')}),
  'conversation:transcript': op({input: 'conversationRef', who: 'member', rest: get('/conversations/:id/transcript', {...conv, attachment: true}),
    run: (s, c, input) => s.privacy.transcript(c.principal, input.conversationId)}),
  'lawyer:list': op({input: 'empty', who: 'lawyer', rest: get('/lawyers'),
    run: async (s, c) => s.presence.lawyers(await s.firms.listLawyers(c.principal.firmId))}),
  'applicant:erase': op({input: 'applicantRef', who: 'lawyer', rest: del('/applicants/:id', {params: {id: 'id'}}),
    run: (s, c, input) => s.privacy.eraseApplicant(c.principal, input.id)}),

  // --- messages ------------------------------------------------------------------------------
  'message:send': op({
    input: 'send', who: 'member', rest: post('/conversations/:id/messages', {...conv, status: 201}), socket: {endsTyping: true},
    async run(s, {principal: p, ip}, input) {
      await s.limits.message.take(`${p.kind}:${p.id}`, 'messages');
      await s.limits.messagePerIp.take(`ip:${ip}`, 'messages');
      return s.chat.send(p, input);
    },
  }),
  'message:history': op({
    input: 'history', who: 'member', socket: {},
    rest: get('/conversations/:id/messages', {...conv, when: (q) => q.before !== undefined, query: (q) => ({beforeSeq: num(q.before), limit: limit(q)})}),
    run: (s, c, input) => s.chat.historyBefore(c.principal, input),
  }),
  'message:sync': op({
    input: 'sync', who: 'member', socket: {},
    rest: get('/conversations/:id/messages', {...conv, query: (q) => ({afterSeq: num(q.after ?? '0'), limit: limit(q)})}),
    run: (s, c, input) => s.chat.syncAfter(c.principal, input),
  }),
  'message:delete': op({input: 'deleteMessage', who: 'lawyer', socket: {},
    rest: del('/conversations/:id/messages/:messageId', {params: {id: 'conversationId', messageId: 'messageId'}}),
    run: (s, c, input) => s.chat.deleteMessage(c.principal, input)}),
  'receipt:read': op({input: 'cursor', who: 'member', rest: post('/conversations/:id/read', conv), socket: {},
    run: (s, c, input) => s.chat.markCursor(c.principal, input, 'read')}),
  'receipt:delivered': op({input: 'cursor', who: 'member', socket: {}, run: (s, c, input) => s.chat.markCursor(c.principal, input, 'delivered')}),

  // --- documents -----------------------------------------------------------------------------
  // Multipart, so REST only; the signed download URL is not an operation (its authority is the
  // signature, not a session): backend/http/files.ts.
  'attachment:upload': op({
    input: 'uploadAttachment', who: 'member',
    rest: post('/conversations/:id/attachments', {...conv, status: 201, multipart: {file: 'file', maxFields: 4, idempotencyHeader: 'idempotency-key'}}),
    async run(s, {principal: p, ip, file}, input) {
      await s.limits.upload.take(`${p.kind}:${p.id}`, 'uploads');
      await s.limits.uploadPerIp.take(`ip:${ip}`, 'uploads');
      return s.attachments.upload(p, input, file);
    },
  }),
  'attachment:link': op({input: 'attachmentLink', who: 'member', rest: get('/attachments/:id/link', {params: {id: 'attachmentId'}, query: (q) => (q.inline === undefined ? {} : {inline: q.inline})}),
    run: (s, c, input) => s.attachments.link(c.principal, input)}),
  'conversation:export': op({input: 'conversationRef', who: 'lawyer', rest: get('/conversations/:id/export', {...conv, attachment: true}),
    run: (s, c, input) => s.exporter.zip(c.principal, input.conversationId)}),

  // --- consultations -------------------------------------------------------------------------
  'consultation:providers': op({input: 'empty', who: 'lawyer', socket: {}, rest: get('/consultations/providers', {wrap: (providers: unknown) => ({providers})}),
    run: (s, c) => s.consultations.providers(c.principal)}),
  'consultation:list': op({input: 'conversationRef', who: 'member', rest: get('/conversations/:id/consultations', {...conv, wrap: (consultations: unknown) => ({consultations})}),
    run: (s, c, input) => s.consultations.list(c.principal, input.conversationId)}),
  'consultation:schedule': op({input: 'scheduleConsultation', who: 'lawyer', rest: post('/conversations/:id/consultations', {...conv, status: 201}), socket: {},
    run: (s, c, input) => s.consultations.schedule(c.principal, input)}),
  'consultation:reschedule': op({input: 'rescheduleConsultation', who: 'lawyer', rest: post('/consultations/:id/reschedule', consult), socket: {},
    run: (s, c, input) => s.consultations.reschedule(c.principal, input)}),
  'consultation:cancel': op({input: 'consultationRef', who: 'lawyer', rest: post('/consultations/:id/cancel', {...consult, body: false}), socket: {},
    run: (s, c, input) => s.consultations.cancel(c.principal, input)}),
} satisfies Record<string, Operation<keyof Schemas, unknown>>;

export type OperationName = keyof typeof operations;
export const OPERATIONS = operations as Record<OperationName, Operation>;
