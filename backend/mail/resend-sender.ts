// Sends one stored email through the official Resend SDK and says whether a failure is worth
// retrying. The idempotency key goes with every attempt, so Resend delivers a retried or
// re-claimed job once.
import {Resend} from 'resend';
import type {OutboxPayload} from '../models/outbox.js';
import {retryAfterSeconds} from '../retry.js';

export type SendResult =
  | {ok: true; id: string; /** Stored, not sent (no provider configured). */ captured?: true}
  | {ok: false; retryable: boolean; status: number | null; message: string; retryAfterMs?: number};

export interface EmailSender {
  readonly name: string;
  send(payload: OutboxPayload, idempotencyKey: string): Promise<SendResult>;
}

export interface ResendSenderOptions {
  apiKey: string;
  /**
   * API root. Passed to the SDK explicitly: the SDK would otherwise read RESEND_BASE_URL from
   * process.env when the client is constructed, which is global to the process.
   */
  baseUrl?: string;
  /** Per attempt; an attempt that times out is retried with the same key. */
  timeoutMs?: number;
}

/** Resend errors carry `statusCode`; when they do not, infer it from the error name. */
const STATUS_BY_NAME: Record<string, number> = {
  rate_limit_exceeded: 429, daily_quota_exceeded: 429, monthly_quota_exceeded: 429,
  internal_server_error: 500, application_error: 500, concurrent_idempotent_requests: 409,
  invalid_api_key: 403, restricted_api_key: 401, missing_api_key: 401,
};

export function classifyResendError(error: {statusCode?: number | null; name?: string; message?: string}, headers: Record<string, string> | null): SendResult {
  const name = error.name ?? 'error';
  const message = `${name}: ${error.message ?? 'no message'}`.slice(0, 500);
  // A request that never got an answer comes back with statusCode null.
  const status = error.statusCode === null ? null : (error.statusCode ?? STATUS_BY_NAME[name] ?? 422);
  const retryAfter = retryAfterSeconds(headers?.['retry-after']);
  const retryAfterMs = retryAfter === undefined ? undefined : retryAfter * 1000;
  if (status === null) return {ok: false, retryable: true, status, message};
  if (status === 429 || status >= 500) return {ok: false, retryable: true, status, message, retryAfterMs};
  // Another attempt with this key is still in flight at Resend; ask again shortly.
  if (status === 409 && name === 'concurrent_idempotent_requests') return {ok: false, retryable: true, status, message, retryAfterMs};
  return {ok: false, retryable: false, status, message};
}

export function resendSender(opts: ResendSenderOptions): EmailSender {
  const client = new Resend(opts.apiKey, {baseUrl: (opts.baseUrl ?? 'https://api.resend.com').replace(/\/+$/, '')});
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return {
    name: 'resend',
    async send(p, idempotencyKey) {
      let answer: Awaited<ReturnType<typeof client.emails.send>>;
      try {
        answer = await client.emails.send({
          from: p.from,
          to: p.to,
          ...(p.replyTo.length ? {replyTo: p.replyTo} : {}),
          subject: p.subject,
          html: p.html,
          text: p.text,
          attachments: p.attachments.map((a) => ({filename: a.filename, content: a.content, contentType: a.contentType})),
        }, {idempotencyKey, signal: AbortSignal.timeout(timeoutMs)});
      } catch (err) {
        // The SDK turns most transport failures into an error result; an abort can still throw.
        return {ok: false, retryable: true, status: null, message: `request failed: ${(err as Error)?.name ?? 'error'}`};
      }
      const {data, error, headers} = answer;
      if (error) return classifyResendError(error, headers);
      if (!data?.id) return {ok: false, retryable: true, status: null, message: 'Resend answered without an email id'};
      return {ok: true, id: data.id};
    },
  };
}
