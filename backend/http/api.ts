// REST API under /api/v1. Each route validates its input, calls a service, returns a DTO.
import Router from '@koa/router';
import type {Middleware, ParameterizedContext} from 'koa';
import type {Config} from '../config.js';
import type {Services} from '../services/index.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import {API_PREFIX, type LawyerListResponse} from '../../protocol/rest.js';
import {participantKey} from '../../protocol/chat.js';
import {lawyerDto} from '../services/dto.js';
import {bearerToken} from '../auth/tokens.js';
import {AppError} from '../errors.js';
import {schemas} from '../../protocol/schemas.js';
import {assertOrigin} from './origins.js';

export interface ApiState {
  principal: SocketPrincipal;
}

type Ctx = ParameterizedContext<ApiState>;

/** Cross-origin calls come from host pages; authorization never rides on cookies. */
export function cors(pathPrefix: string): Middleware {
  return async function corsMiddleware(ctx, next) {
    if (!ctx.path.startsWith(pathPrefix)) return next();
    const origin = ctx.get('Origin');
    if (origin) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.vary('Origin');
    }
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
      ctx.set('Access-Control-Allow-Headers', 'Content-Type, Authorization');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    await next();
  };
}

/** Verifies the bearer token once and sets ctx.state.principal. */
export function authenticate(services: Services, config: Config): Middleware<ApiState> {
  return async function authenticateMiddleware(ctx, next) {
    const principal = await services.authenticate(bearerToken(ctx.get('Authorization')));
    const origin = ctx.get('Origin');
    // Browsers always send Origin on these calls; bearer-token clients without one are not a CSRF risk.
    if (origin) await assertOrigin(principal, origin, ctx.get('Host'), {config, firmCache: services.firmCache});
    ctx.state.principal = principal;
    await next();
  };
}

const body = (ctx: Ctx) => (ctx.request as unknown as {body?: unknown}).body ?? {};
const num = (v: unknown) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v);

export function apiRouter(services: Services, config: Config): Router<ApiState> {
  const {chat, sessions, limits} = services;
  const router = new Router<ApiState>({prefix: API_PREFIX});
  const auth = authenticate(services, config);

  router.post('/widget/session', async (ctx) => {
    await limits.session.take(`ip:${ctx.ip}`, 'new sessions');
    const input = schemas.widgetSession.parse(body(ctx));
    ctx.body = await sessions.widgetSession(input, ctx.get('Origin') || undefined);
  });

  router.post('/auth/login', async (ctx) => {
    const input = schemas.login.parse(body(ctx));
    await limits.loginPerIp.take(`ip:${ctx.ip}`, 'login attempts');
    await limits.loginPerAccount.take(`email:${input.email}`, 'login attempts');
    ctx.body = await sessions.login(input);
  });

  router.get('/me', auth, (ctx) => {
    ctx.body = {principal: ctx.state.principal};
  });

  router.get('/conversations', auth, async (ctx) => {
    const filter = schemas.listConversations.parse({...ctx.query});
    const list = await chat.listConversations(ctx.state.principal, filter);
    // The console's online dots start from here; `presence` events keep them current.
    if (ctx.state.principal.kind === 'lawyer') {
      await Promise.all(list.conversations.map(async (c) => {
        c.online = await services.presence.isOnline(participantKey('applicant', c.applicant.id));
      }));
    }
    ctx.body = list;
  });

  router.get('/lawyers', auth, async (ctx) => {
    const p = ctx.state.principal;
    if (p.kind !== 'lawyer') throw new AppError('forbidden', 'only lawyers can do this');
    const docs = await services.firms.listLawyers(p.firmId);
    const body: LawyerListResponse = {lawyers: await Promise.all(docs.map(async (l) => ({...lawyerDto(l), online: await services.presence.isOnline(participantKey('lawyer', String(l._id)))})))};
    ctx.body = body;
  });

  router.post('/conversations', auth, async (ctx) => {
    const input = schemas.openConversation.parse(body(ctx));
    ctx.body = await chat.openConversation(ctx.state.principal, input);
  });

  router.get('/conversations/:id', auth, async (ctx) => {
    const {conversationId} = schemas.conversationRef.parse({conversationId: ctx.params.id});
    ctx.body = await chat.getConversation(ctx.state.principal, conversationId);
  });

  router.get('/conversations/:id/messages', auth, async (ctx) => {
    const q = ctx.query;
    const limit = q.limit === undefined ? undefined : num(q.limit);
    if (q.before !== undefined) {
      const input = schemas.history.parse({conversationId: ctx.params.id, beforeSeq: num(q.before), limit});
      ctx.body = await chat.historyBefore(ctx.state.principal, input);
    } else {
      const input = schemas.sync.parse({conversationId: ctx.params.id, afterSeq: num(q.after ?? '0'), limit});
      ctx.body = await chat.syncAfter(ctx.state.principal, input);
    }
  });

  router.post('/conversations/:id/messages', auth, async (ctx) => {
    const p = ctx.state.principal;
    await limits.message.take(`${p.kind}:${p.id}`, 'messages');
    await limits.messagePerIp.take(`ip:${ctx.ip}`, 'messages');
    const input = schemas.send.parse({...(body(ctx) as object), conversationId: ctx.params.id});
    ctx.status = 201;
    ctx.body = await chat.send(p, input);
  });

  router.delete('/conversations/:id/messages/:messageId', auth, async (ctx) => {
    const input = schemas.deleteMessage.parse({conversationId: ctx.params.id, messageId: ctx.params.messageId});
    ctx.body = await chat.deleteMessage(ctx.state.principal, input);
  });

  router.post('/conversations/:id/read', auth, async (ctx) => {
    const input = schemas.cursor.parse({...(body(ctx) as object), conversationId: ctx.params.id});
    ctx.body = await chat.markCursor(ctx.state.principal, input, 'read');
  });

  router.post('/conversations/:id/claim', auth, async (ctx) => {
    const {conversationId} = schemas.conversationRef.parse({conversationId: ctx.params.id});
    ctx.body = await chat.claim(ctx.state.principal, conversationId);
  });

  router.post('/conversations/:id/assign', auth, async (ctx) => {
    const input = schemas.assign.parse({...(body(ctx) as object), conversationId: ctx.params.id});
    ctx.body = await chat.assign(ctx.state.principal, input);
  });

  for (const status of ['close', 'reopen'] as const) {
    router.post(`/conversations/:id/${status}`, auth, async (ctx) => {
      const {conversationId} = schemas.conversationRef.parse({conversationId: ctx.params.id});
      ctx.body = await chat.setStatus(ctx.state.principal, conversationId, status === 'close' ? 'closed' : 'open');
    });
  }

  router.get('/conversations/:id/transcript', auth, async (ctx) => {
    const {conversationId} = schemas.conversationRef.parse({conversationId: ctx.params.id});
    const {filename, text} = await services.privacy.transcript(ctx.state.principal, conversationId);
    ctx.type = 'text/plain; charset=utf-8';
    ctx.attachment(filename);
    ctx.body = text;
  });

  router.delete('/applicants/:id', auth, async (ctx) => {
    const {id} = schemas.applicantRef.parse({id: ctx.params.id});
    ctx.body = await services.privacy.eraseApplicant(ctx.state.principal, id);
  });

  router.get('/consultations/providers', auth, async (ctx) => {
    ctx.body = {providers: await services.consultationActions.providers(ctx.state.principal)};
  });

  router.get('/conversations/:id/consultations', auth, async (ctx) => {
    const {conversationId} = schemas.conversationRef.parse({conversationId: ctx.params.id});
    ctx.body = {consultations: await services.consultationActions.list(ctx.state.principal, conversationId)};
  });

  router.post('/conversations/:id/consultations', auth, async (ctx) => {
    const input = schemas.scheduleConsultation.parse({...(body(ctx) as object), conversationId: ctx.params.id});
    ctx.status = 201;
    ctx.body = await services.consultationActions.schedule(ctx.state.principal, input);
  });

  router.post('/consultations/:id/reschedule', auth, async (ctx) => {
    const input = schemas.rescheduleConsultation.parse({...(body(ctx) as object), consultationId: ctx.params.id});
    ctx.body = await services.consultationActions.reschedule(ctx.state.principal, input);
  });

  router.post('/consultations/:id/cancel', auth, async (ctx) => {
    const input = schemas.consultationRef.parse({consultationId: ctx.params.id});
    ctx.body = await services.consultationActions.cancel(ctx.state.principal, input);
  });

  router.all('/(.*)', () => {
    throw new AppError('not_found', 'no such API route');
  });
  return router;
}
