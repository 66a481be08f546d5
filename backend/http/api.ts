// REST API under /api/v1, generated from the operations table (backend/operations/).
import Router from '@koa/router';
import type {Middleware, ParameterizedContext} from 'koa';
import type {Config} from '../config.js';
import type {TransportServices} from '../services/index.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import {API_PREFIX} from '../../protocol/rest.js';
import {bearerToken} from '../auth/tokens.js';
import {AppError} from '../errors.js';
import {OPERATIONS} from '../operations/table.js';
import {perform, type Operation, type RestBinding} from '../operations/operation.js';
import {assertOrigin} from './origins.js';
import {readMultipart} from './multipart.js';
import type {IncomingFile} from '../attachments/service.js';

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
      ctx.set('Access-Control-Allow-Headers', 'Content-Type, Authorization, Idempotency-Key');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    await next();
  };
}

/** Verifies the bearer token once and sets ctx.state.principal. */
export function authenticate(services: TransportServices, config: Config): Middleware<ApiState> {
  return async function authenticateMiddleware(ctx, next) {
    const principal = await services.authenticateRest(bearerToken(ctx.get('Authorization')));
    const origin = ctx.get('Origin');
    // Browsers always send Origin on these calls; bearer-token clients without one are not a CSRF risk.
    if (origin) await assertOrigin(principal, origin, ctx.get('Host'), {config, firmCache: services.firmCache});
    ctx.state.principal = principal;
    await next();
  };
}

const body = (ctx: Ctx) => (ctx.request as unknown as {body?: unknown}).body ?? {};

/** The operation's input from one request: body (POST), query fields and renamed path params. */
function inputOf(rest: RestBinding, ctx: Ctx): unknown {
  const sent = rest.method === 'POST' && rest.body !== false ? body(ctx) : {};
  // A body alone is validated as sent (an array stays an array and is refused).
  if (!rest.query && !rest.params) return sent;
  const input: Record<string, unknown> = {...(sent as object)};
  if (rest.query) Object.assign(input, rest.query(ctx.query));
  for (const [param, field] of Object.entries(rest.params ?? {})) input[field] = ctx.params[param];
  return input;
}

/** A refused upload: the answer goes out now and the rest of the body is read into nothing. */
function discard(ctx: Ctx, file: IncomingFile | undefined): void {
  ctx.set('Connection', 'close');
  if (file && !file.stream.destroyed) file.stream.resume();
  ctx.req.resume();
}

/** One route per method and path of the operations table; no route holds a rule of its own. */
export function apiRouter(services: TransportServices, config: Config): Router<ApiState> {
  const router = new Router<ApiState>({prefix: API_PREFIX});
  const auth = authenticate(services, config);
  const routes = new Map<string, Operation[]>();
  for (const operation of Object.values(OPERATIONS)) {
    if (!operation.rest) continue;
    const key = `${operation.rest.method} ${operation.rest.path}`;
    routes.set(key, [...(routes.get(key) ?? []), operation]);
  }
  /** Multipart: the text fields (and the idempotency header) are the input; the file streams to the operation. */
  async function performUpload(operation: Operation, ctx: Ctx, caller: {principal: SocketPrincipal; ip: string; origin?: string}) {
    const rest = operation.rest!;
    const spec = rest.multipart!;
    const {fields, file} = await readMultipart(ctx.req, spec);
    const header = spec.idempotencyHeader ? ctx.get(spec.idempotencyHeader) : '';
    const input: Record<string, unknown> = {...fields};
    if (header && !('clientId' in input)) input.clientId = header;
    for (const [param, field] of Object.entries(rest.params ?? {})) input[field] = ctx.params[param];
    try {
      return await perform(operation, services, {...caller, file}, input);
    } catch (err) {
      discard(ctx, file);
      throw err;
    }
  }

  for (const [key, candidates] of routes) {
    const [method, path] = key.split(' ');
    const handler = async (ctx: Ctx) => {
      const operation = candidates.find((o) => o.rest!.when?.(ctx.query) ?? true)!;
      const rest = operation.rest!;
      const caller = {principal: ctx.state.principal, ip: ctx.ip, origin: ctx.get('Origin') || undefined};
      const out = rest.multipart ? await performUpload(operation, ctx, caller) : await perform(operation, services, caller, inputOf(rest, ctx));
      if (rest.status) ctx.status = rest.status;
      if (rest.attachment) {
        const {filename, text, type, stream} = out as {filename: string; text?: string; type?: string; stream?: NodeJS.ReadableStream};
        ctx.attachment(filename);
        ctx.type = type ?? 'text/plain; charset=utf-8';
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = stream ?? text;
      } else {
        ctx.body = rest.wrap ? rest.wrap(out as never) : out;
      }
    };
    const verb = method === 'GET' ? 'get' : method === 'POST' ? 'post' : 'delete';
    if (candidates[0].who === 'public') router[verb](path, handler);
    else router[verb](path, auth, handler);
  }

  router.all('/(.*)', () => {
    throw new AppError('not_found', 'no such API route');
  });
  return router;
}
