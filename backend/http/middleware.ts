// Small named Koa middleware factories. `errorHandler` goes first in the chain.
import type {Middleware} from 'koa';
import type {Logger} from 'pino';
import {AppError, HTTP_STATUS, toErrorBody} from '../errors.js';

/** Maps every thrown error to `{error: {code, message}}` with the right status. */
export function errorHandler(logger: Logger): Middleware {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) {
        ctx.status = 404;
        ctx.body = {error: {code: 'not_found', message: `no route for ${ctx.method} ${ctx.path}`}};
      }
    } catch (err) {
      const httpErr = err as {status?: number; expose?: boolean; type?: string; message?: string};
      // Errors raised by koa itself or the body parser (bad JSON, body too large) carry a 4xx status.
      if (!(err instanceof AppError) && typeof httpErr.status === 'number' && httpErr.status >= 400 && httpErr.status < 500) {
        ctx.status = httpErr.status === 413 ? 413 : 400;
        const message = httpErr.status === 413 ? 'request body is too large'
          : err instanceof SyntaxError ? 'request body is not valid JSON'
          : httpErr.expose && httpErr.message ? httpErr.message : 'bad request';
        ctx.body = {error: {code: httpErr.status === 413 ? 'payload_too_large' : 'bad_request', message}};
        return;
      }
      const {body, expected} = toErrorBody(err);
      ctx.status = HTTP_STATUS[body.code];
      if (body.retryAfter) ctx.set('Retry-After', String(body.retryAfter));
      ctx.body = {error: body};
      if (!expected) logger.error({err, method: ctx.method, path: ctx.path}, 'request failed');
      else logger.debug({code: body.code, method: ctx.method, path: ctx.path}, 'request refused');
    }
  };
}

/** Conservative headers on every response; pages that need more set their own CSP. */
export function securityHeaders(): Middleware {
  return async function securityHeadersMiddleware(ctx, next) {
    await next();
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (!ctx.response.get('Cross-Origin-Resource-Policy') && ctx.path.endsWith('.js')) ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
  };
}

export function requestLog(logger: Logger): Middleware {
  return async function requestLogMiddleware(ctx, next) {
    const start = performance.now();
    await next();
    logger.debug({method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - start)}, 'http');
  };
}
