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
const req = {params: {id: 'requestId'}};
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
    async run(s, c, input) {
      await s.assertMayOpen(c.principal);
      const conversation = await s.chat.openConversation(c.principal, input);
      await s.emailRequests.conversationOpened(await s.firmCache.byId(c.principal.firmId), conversation.id);
      return conversation;
    }}),
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
    async run(s, c, input) {
      const out = await s.privacy.transcript(c.principal, input.conversationId);
      if (c.principal.kind === 'lawyer') await s.audit.record(c.principal, 'conversation.export', [{field: 'conversationId', to: input.conversationId}]);
      return out;
    }}),
  'lawyer:list': op({input: 'empty', who: 'lawyer', rest: get('/lawyers'),
    run: async (s, c) => s.presence.lawyers(await s.firms.listLawyers(c.principal.firmId))}),
  'applicant:erase': op({input: 'applicantRef', who: 'lawyer', rest: del('/applicants/:id', {params: {id: 'id'}}),
    async run(s, c, input) {
      const report = await s.privacy.eraseApplicant(c.principal, input.id);
      await s.audit.record(c.principal, 'applicant.erase', [{field: 'applicantId', to: input.id}, {field: 'conversations', to: report.conversations}, {field: 'messages', to: report.messages}]);
      return report;
    }}),

  // --- the firm's settings (owners; each lawyer edits their own profile) ---------------------
  'settings:get': op({input: 'empty', who: 'lawyer', rest: get('/settings'), run: (s, c) => s.settings.get(c.principal)}),
  'settings:update': op({input: 'updateSettings', who: 'lawyer', rest: post('/settings'), run: (s, c, input) => s.settings.update(c.principal, input)}),
  'settings:logo': op({input: 'uploadImage', who: 'lawyer', rest: post('/settings/logo'), run: (s, c, input) => s.settings.setLogo(c.principal, input)}),
  'settings:logo-remove': op({input: 'removeImage', who: 'lawyer', rest: del('/settings/logo'), run: (s, c) => s.settings.removeLogo(c.principal)}),
  'settings:rotate-secret': op({input: 'rotateSecret', who: 'lawyer', rest: post('/settings/identity-secret'), run: (s, c, input) => s.settings.rotateSecret(c.principal, input)}),
  'audit:list': op({input: 'auditList', who: 'lawyer', rest: get('/audit', {query: (q) => ({...q})}), run: (s, c, input) => s.settings.auditLog(c.principal, input)}),
  'team:list': op({input: 'empty', who: 'lawyer', rest: get('/team', {wrap: (lawyers: unknown) => ({lawyers})}), run: (s, c) => s.lawyers.list(c.principal)}),
  'team:invite': op({input: 'inviteLawyer', who: 'lawyer', rest: post('/team/invite', {status: 201}), run: (s, c, input) => s.lawyers.invite(c.principal, input)}),
  'team:update': op({input: 'updateLawyer', who: 'lawyer', rest: post('/team/:id', {params: {id: 'lawyerId'}}), run: (s, c, input) => s.lawyers.update(c.principal, input)}),
  'team:avatar': op({input: 'lawyerImage', who: 'lawyer', rest: post('/team/:id/avatar', {params: {id: 'lawyerId'}}), run: (s, c, input) => s.lawyers.setAvatar(c.principal, input)}),
  'invite:accept': op({
    input: 'acceptInvite', who: 'public', rest: post('/auth/invite'),
    async run(s, c, input) {
      await s.limits.loginPerIp.take(`ip:${c.ip}`, 'attempts');
      return s.lawyers.acceptInvite(input);
    },
  }),

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
    rest: get('/conversations/:id/messages', {...conv, when: (q) => q.before !== undefined, query: (q) => ({beforeSeq: num(q.before), limit: limit(q)}), queryNames: {beforeSeq: 'before'}}),
    run: (s, c, input) => s.chat.historyBefore(c.principal, input),
  }),
  'message:sync': op({
    input: 'sync', who: 'member', socket: {},
    rest: get('/conversations/:id/messages', {...conv, query: (q) => ({afterSeq: num(q.after ?? '0'), limit: limit(q)}), queryNames: {afterSeq: 'after'}}),
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
  'conversation:export': op({input: 'conversationRef', who: 'lawyer', rest: get('/conversations/:id/export', {...conv, attachment: 'application/zip'}),
    async run(s, c, input) {
      const out = await s.exporter.zip(c.principal, input.conversationId);
      await s.audit.record(c.principal, 'conversation.export', [{field: 'conversationId', to: input.conversationId}, {field: 'documents', to: 'zip'}]);
      return out;
    }}),

  // --- the lawyer's working day: canned replies, the visitor panel, ratings ---------------------
  'reply:list': op({input: 'empty', who: 'lawyer', rest: get('/replies'), run: (s, c) => s.replies.list(c.principal)}),
  'reply:create': op({input: 'createReply', who: 'lawyer', rest: post('/replies', {status: 201}), run: (s, c, input) => s.replies.create(c.principal, input)}),
  'reply:delete': op({input: 'replyRef', who: 'lawyer', rest: del('/replies/:id', {params: {id: 'id'}}), run: (s, c, input) => s.replies.remove(c.principal, input)}),
  'visitor:profile': op({input: 'conversationRef', who: 'lawyer', rest: get('/conversations/:id/visitor', conv),
    run: (s, c, input) => s.visitor.profile(c.principal, input.conversationId)}),
  'conversation:rate': op({input: 'rate', who: 'applicant', rest: post('/conversations/:id/rating', conv), socket: {},
    run: (s, c, input) => s.ratings.rate(c.principal, input)}),
  'search': op({input: 'search', who: 'lawyer', rest: get('/search', {query: (q) => ({...q})}), run: (s, c, input) => s.search.search(c.principal, input)}),
  'transcript:email': op({input: 'transcriptEmail', who: 'applicant', rest: post('/conversations/:id/transcript/email', {...conv, body: false}),
    run: (s, c, input) => s.transcriptEmail.send(c.principal, input.conversationId)}),
  'rating:report': op({input: 'ratingReport', who: 'lawyer', rest: get('/ratings', {query: (q) => ({...q})}), run: (s, c, input) => s.ratings.report(c.principal, input)}),

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

  // --- booking (services/booking.ts, services/email-verification.ts) -------------------------
  'availability:get': op({input: 'availabilityRef', who: 'lawyer', rest: get('/availability', {query: (q) => ({...q})}),
    run: (s, c, input) => s.booking.availability.get(c.principal, input)}),
  'availability:set': op({input: 'availability', who: 'lawyer', rest: post('/availability'),
    run: (s, c, input) => s.booking.availability.set(c.principal, input)}),
  'booking:mode': op({input: 'bookingMode', who: 'lawyer', rest: post('/booking/mode'),
    run: (s, c, input) => s.booking.setMode(c.principal, input)}),
  'booking:slots': op({input: 'bookingSlots', who: 'applicant', socket: {},
    rest: get('/conversations/:id/slots', {...conv, query: (q) => ({durationMinutes: num(q.duration)}), queryNames: {durationMinutes: 'duration'}}),
    run: (s, c, input) => s.booking.slots(c.principal, input)}),
  'booking:book': op({
    input: 'book', who: 'applicant', rest: post('/conversations/:id/bookings', {...conv, status: 201}), socket: {},
    async run(s, {principal: p, ip}, input) {
      await s.limits.booking.take(`applicant:${p.id}`, 'booking attempts');
      await s.limits.bookingPerIp.take(`ip:${ip}`, 'booking attempts');
      return s.booking.book(p, input);
    },
  }),
  // Booking requests (firm mode `request`, backend/booking/requests.ts): `:id` is the request.
  'booking:accept': op({input: 'bookingRequestRef', who: 'member', rest: post('/booking-requests/:id/accept', {...req, body: false}), socket: {},
    run: (s, c, input) => s.booking.requests.accept(c.principal, input.requestId)}),
  'booking:propose': op({input: 'proposeBooking', who: 'lawyer', rest: post('/booking-requests/:id/propose', req), socket: {},
    run: (s, c, input) => s.booking.requests.propose(c.principal, input.requestId, new Date(input.start))}),
  'booking:decline': op({input: 'declineBooking', who: 'lawyer', rest: post('/booking-requests/:id/decline', req), socket: {},
    run: (s, c, input) => s.booking.requests.decline(c.principal, input.requestId, input.reason)}),
  'booking:request-slots': op({input: 'bookingRequestRef', who: 'lawyer', rest: get('/booking-requests/:id/slots', req), socket: {},
    run: (s, c, input) => s.booking.requests.slots(c.principal, input.requestId)}),
  // An email's reschedule link opened in the widget: public, the signed token is the authority (like the link's own page).
  'booking:link-slots': op({input: 'bookingLink', who: 'public', rest: get('/booking-links/:token/slots', {params: {token: 'token'}}),
    async run(s, {ip}, input) {
      await s.limits.bookingPerIp.take(`ip:${ip}`, 'booking attempts');
      return s.booking.linkSlots(input.token);
    }}),
  'booking:link-move': op({input: 'bookingLinkMove', who: 'public', rest: post('/booking-links/:token/move', {params: {token: 'token'}}),
    async run(s, {ip}, input) {
      await s.limits.bookingPerIp.take(`ip:${ip}`, 'booking attempts');
      const c = await s.booking.moveFromLink(input.token, new Date(input.start));
      return {start: c.start.toISOString(), end: c.end.toISOString()};
    }}),
  'contact:request-code': op({
    input: 'contactRequestCode', who: 'applicant', rest: post('/contact/code'), socket: {},
    async run(s, {principal: p, ip}, input) {
      await s.limits.verifyCode.take(`applicant:${p.id}`, 'code requests');
      await s.limits.verifyCodePerIp.take(`ip:${ip}`, 'code requests');
      return s.emailVerification.requestCode(p, input);
    },
  }),
  'contact:ask': op({input: 'conversationRef', who: 'lawyer', rest: post('/conversations/:id/email-request', {...conv, body: false, status: 201}), socket: {},
    run: (s, c, input) => s.emailRequests.ask(c.principal, input)}),
  'contact:verify': op({input: 'contactVerify', who: 'applicant', rest: post('/contact/verify'), socket: {},
    run: (s, c, input) => s.emailVerification.verify(c.principal, input)}),

  // --- integrations (firm owner) -------------------------------------------------------------
  'apiKey:list': op({input: 'empty', who: 'lawyer', rest: get('/api-keys'), run: (s, c) => s.apiKeys.list(c.principal)}),
  'apiKey:create': op({input: 'createApiKey', who: 'lawyer', rest: post('/api-keys', {status: 201}), run: (s, c, input) => s.apiKeys.create(c.principal, input)}),
  'apiKey:revoke': op({input: 'idRef', who: 'lawyer', rest: del('/api-keys/:id', {params: {id: 'id'}}), run: (s, c, input) => s.apiKeys.revoke(c.principal, input.id)}),
  'webhook:list': op({input: 'empty', who: 'lawyer', rest: get('/webhooks'), run: (s, c) => s.webhooks.list(c.principal)}),
  'webhook:create': op({input: 'createWebhook', who: 'lawyer', rest: post('/webhooks', {status: 201}), run: (s, c, input) => s.webhooks.create(c.principal, input)}),
  'webhook:delete': op({input: 'idRef', who: 'lawyer', rest: del('/webhooks/:id', {params: {id: 'id'}}), run: (s, c, input) => s.webhooks.remove(c.principal, input.id)}),
  'webhook:deliveries': op({input: 'webhookDeliveries', who: 'lawyer', rest: get('/webhooks/:id/deliveries', {params: {id: 'id'}, query: (q) => ({limit: q.limit})}),
    run: (s, c, input) => s.webhooks.recent(c.principal, input)}),
  'webhook:resend': op({input: 'idRef', who: 'lawyer', rest: post('/webhook-deliveries/:id/resend', {params: {id: 'id'}, body: false}), run: (s, c, input) => s.webhooks.resend(c.principal, input)}),
} satisfies Record<string, Operation<keyof Schemas, unknown>>;

export type OperationName = keyof typeof operations;
export const OPERATIONS = operations as Record<OperationName, Operation>;
