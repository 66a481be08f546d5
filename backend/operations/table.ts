// Every client action, declared once. The REST routes and socket events are generated from
// this table, and the authorization test reads it. Actions only one transport needs on
// purpose live there: joining/leaving rooms and typing (sockets).
import type {Schemas} from '../../protocol/schemas.js';
import {op, type Operation} from './operation.js';

const conversationPath = {params: {id: 'conversationId'}};
const consultationPath = {params: {id: 'consultationId'}};
const num = (v: unknown) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v);
const limit = (q: Record<string, unknown>) => (q.limit === undefined ? undefined : num(q.limit));

export const operations = {
  // --- sessions ------------------------------------------------------------------------------
  'session:widget': op({
    input: 'widgetSession', who: 'public',
    rest: {method: 'POST', path: '/widget/session'},
    async run(s, c, input) {
      await s.limits.session.take(`ip:${c.ip}`, 'new sessions');
      return s.sessions.widgetSession(input, c.origin);
    },
  }),
  'session:login': op({
    input: 'login', who: 'public',
    rest: {method: 'POST', path: '/auth/login'},
    async run(s, c, input) {
      await s.limits.loginPerIp.take(`ip:${c.ip}`, 'login attempts');
      await s.limits.loginPerAccount.take(`email:${input.email}`, 'login attempts');
      return s.sessions.login(input);
    },
  }),
  'session:me': op({
    input: 'empty', who: 'member',
    rest: {method: 'GET', path: '/me'},
    run: async (_s, c) => ({principal: c.principal}),
  }),

  // --- conversations -------------------------------------------------------------------------
  'conversation:list': op({
    input: 'listConversations', who: 'member',
    rest: {method: 'GET', path: '/conversations', query: (q) => ({...q})},
    async run(s, {principal: p}, input) {
      const list = await s.chat.listConversations(p, input);
      return p.kind === 'lawyer' ? s.presence.markOnline(list) : list;
    },
  }),
  'conversation:open': op({
    input: 'openConversation', who: 'applicant',
    rest: {method: 'POST', path: '/conversations'}, socket: {joins: true},
    run: (s, c, input) => s.chat.openConversation(c.principal, input),
  }),
  'conversation:join': op({
    input: 'conversationRef', who: 'member',
    rest: {method: 'GET', path: '/conversations/:id', ...conversationPath}, socket: {joins: true},
    run: (s, c, input) => s.chat.getConversation(c.principal, input.conversationId),
  }),
  'conversation:claim': op({
    input: 'conversationRef', who: 'lawyer',
    rest: {method: 'POST', path: '/conversations/:id/claim', ...conversationPath, body: false}, socket: {},
    run: (s, c, input) => s.chat.claim(c.principal, input),
  }),
  'conversation:assign': op({
    input: 'assign', who: 'lawyer',
    rest: {method: 'POST', path: '/conversations/:id/assign', ...conversationPath}, socket: {},
    run: (s, c, input) => s.chat.assign(c.principal, input),
  }),
  'conversation:close': op({
    input: 'conversationRef', who: 'lawyer',
    rest: {method: 'POST', path: '/conversations/:id/close', ...conversationPath, body: false}, socket: {},
    run: (s, c, input) => s.chat.setStatus(c.principal, input, 'closed'),
  }),
  'conversation:reopen': op({
    input: 'conversationRef', who: 'lawyer',
    rest: {method: 'POST', path: '/conversations/:id/reopen', ...conversationPath, body: false}, socket: {},
    run: (s, c, input) => s.chat.setStatus(c.principal, input, 'open'),
  }),
  'conversation:transcript': op({
    input: 'conversationRef', who: 'member',
    rest: {method: 'GET', path: '/conversations/:id/transcript', ...conversationPath, attachment: true},
    run: (s, c, input) => s.privacy.transcript(c.principal, input.conversationId),
  }),
  'lawyer:list': op({
    input: 'empty', who: 'lawyer',
    rest: {method: 'GET', path: '/lawyers'},
    run: async (s, c) => s.presence.lawyers(await s.firms.listLawyers(c.principal.firmId)),
  }),
  'applicant:erase': op({
    input: 'applicantRef', who: 'lawyer',
    rest: {method: 'DELETE', path: '/applicants/:id', params: {id: 'id'}},
    run: (s, c, input) => s.privacy.eraseApplicant(c.principal, input.id),
  }),

  // --- messages ------------------------------------------------------------------------------
  'message:send': op({
    input: 'send', who: 'member',
    rest: {method: 'POST', path: '/conversations/:id/messages', ...conversationPath, status: 201}, socket: {endsTyping: true},
    async run(s, {principal: p, ip}, input) {
      await s.limits.message.take(`${p.kind}:${p.id}`, 'messages');
      await s.limits.messagePerIp.take(`ip:${ip}`, 'messages');
      return s.chat.send(p, input);
    },
  }),
  'message:history': op({
    input: 'history', who: 'member',
    rest: {method: 'GET', path: '/conversations/:id/messages', ...conversationPath, when: (q) => q.before !== undefined, query: (q) => ({beforeSeq: num(q.before), limit: limit(q)})}, socket: {},
    run: (s, c, input) => s.chat.historyBefore(c.principal, input),
  }),
  'message:sync': op({
    input: 'sync', who: 'member',
    rest: {method: 'GET', path: '/conversations/:id/messages', ...conversationPath, query: (q) => ({afterSeq: num(q.after ?? '0'), limit: limit(q)})}, socket: {},
    run: (s, c, input) => s.chat.syncAfter(c.principal, input),
  }),
  'message:delete': op({
    input: 'deleteMessage', who: 'lawyer',
    rest: {method: 'DELETE', path: '/conversations/:id/messages/:messageId', params: {id: 'conversationId', messageId: 'messageId'}}, socket: {},
    run: (s, c, input) => s.chat.deleteMessage(c.principal, input),
  }),
  'receipt:read': op({
    input: 'cursor', who: 'member',
    rest: {method: 'POST', path: '/conversations/:id/read', ...conversationPath}, socket: {},
    run: (s, c, input) => s.chat.markCursor(c.principal, input, 'read'),
  }),
  'receipt:delivered': op({
    input: 'cursor', who: 'member', socket: {},
    run: (s, c, input) => s.chat.markCursor(c.principal, input, 'delivered'),
  }),

  // --- consultations -------------------------------------------------------------------------
  'consultation:providers': op({
    input: 'empty', who: 'lawyer',
    rest: {method: 'GET', path: '/consultations/providers', wrap: (providers: unknown) => ({providers})}, socket: {},
    run: (s, c) => s.consultations.providers(c.principal),
  }),
  'consultation:list': op({
    input: 'conversationRef', who: 'member',
    rest: {method: 'GET', path: '/conversations/:id/consultations', ...conversationPath, wrap: (consultations: unknown) => ({consultations})},
    run: (s, c, input) => s.consultations.list(c.principal, input.conversationId),
  }),
  'consultation:schedule': op({
    input: 'scheduleConsultation', who: 'lawyer',
    rest: {method: 'POST', path: '/conversations/:id/consultations', ...conversationPath, status: 201}, socket: {},
    run: (s, c, input) => s.consultations.schedule(c.principal, input),
  }),
  'consultation:reschedule': op({
    input: 'rescheduleConsultation', who: 'lawyer',
    rest: {method: 'POST', path: '/consultations/:id/reschedule', ...consultationPath}, socket: {},
    run: (s, c, input) => s.consultations.reschedule(c.principal, input),
  }),
  'consultation:cancel': op({
    input: 'consultationRef', who: 'lawyer',
    rest: {method: 'POST', path: '/consultations/:id/cancel', ...consultationPath, body: false}, socket: {},
    run: (s, c, input) => s.consultations.cancel(c.principal, input),
  }),
} satisfies Record<string, Operation<keyof Schemas, unknown>>;

export type OperationName = keyof typeof operations;
export const OPERATIONS = operations as Record<OperationName, Operation>;
