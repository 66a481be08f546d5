// Sends one webhook delivery: the stored body, signed afresh for this attempt, POSTed with a
// timeout and without following redirects. Any answer other than 2xx is retried by the worker;
// an endpoint that was disabled or deleted since is not sent to.
import http from 'node:http';
import https from 'node:https';
import type {Model} from 'mongoose';
import type {SendResult} from '../mail/resend-sender.js';
import type {JobSender} from '../mail/worker.js';
import type {WebhookEndpoint, WebhookPayload} from '../models/webhook.js';
import {retryAfterSeconds} from '../retry.js';
import {publicOnlyLookup} from './ssrf.js';
import {signedHeaders} from './webhook-signature.js';

export interface WebhookSenderOptions {
  endpoints: Model<WebhookEndpoint>;
  /** Production: refuse private addresses at connection time. */
  publicOnly: boolean;
  timeoutMs?: number;
  userAgent?: string;
}

export function webhookSender(opts: WebhookSenderOptions): JobSender<WebhookPayload> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    name: 'webhook',
    async send(payload, id) {
      const endpoint = await opts.endpoints.findById(payload.endpointId).select({secret: 1, enabled: 1}).lean<Pick<WebhookEndpoint, 'secret' | 'enabled'>>();
      if (!endpoint) return {ok: false, retryable: false, status: null, message: 'the endpoint was deleted'};
      if (!endpoint.enabled) return {ok: false, retryable: false, status: null, message: 'the endpoint is disabled'};
      const headers = {'content-type': 'application/json', 'user-agent': opts.userAgent ?? 'ConsultChat-Webhooks/1', ...signedHeaders(endpoint.secret, id, payload.body)};
      return post(payload.url, headers, payload.body, timeoutMs, opts.publicOnly);
    },
  };
}

function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, publicOnly: boolean): Promise<SendResult> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const request = (u.protocol === 'https:' ? https : http).request(u, {
      method: 'POST', headers: {...headers, 'content-length': String(Buffer.byteLength(body))}, timeout: timeoutMs,
      ...(publicOnly ? {lookup: publicOnlyLookup as never} : {}),
    }, (res) => {
      res.resume(); // the answer's body is not needed
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return resolve({ok: true, id: `${status}`});
      const retryAfter = retryAfterSeconds(res.headers['retry-after']);
      resolve({ok: false, retryable: true, status, message: `the endpoint answered ${status}`, retryAfterMs: retryAfter === undefined ? undefined : retryAfter * 1000});
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (err: NodeJS.ErrnoException) => resolve({
      ok: false, retryable: err.code !== 'EPRIVATE', status: null, message: `request failed: ${err.message}`.slice(0, 300),
    }));
    request.end(body);
  });
}
