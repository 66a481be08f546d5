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
  for (const [key, candidates] of routes) {
    const [method, path] = key.split(' ');
    const handler = async (ctx: Ctx) => {
      const operation = candidates.find((o) => o.rest!.when?.(ctx.query) ?? true)!;
      const rest = operation.rest!;
      const caller = {principal: ctx.state.principal, ip: ctx.ip, origin: ctx.get('Origin') || undefined};
      const out = await perform(operation, services, caller, inputOf(rest, ctx));
      if (rest.status) ctx.status = rest.status;
      if (rest.attachment) {
        const {filename, text} = out as {filename: string; text: string};
        ctx.type = 'text/plain; charset=utf-8';
        ctx.attachment(filename);
        ctx.body = text;
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
