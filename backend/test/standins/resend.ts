// A local server speaking Resend's POST /emails: API key check, the fields Resend requires,
// Idempotency-Key semantics (same key + same body → same id, recorded once; same key +
// different body → 409), Resend's error shape, and failures on demand.
import {randomUUID} from 'node:crypto';
import {isDeepStrictEqual} from 'node:util';
import {bearer, send, startStandin, type StandinRequest} from './http.js';

export interface ResendEmail {
  id: string;
  idempotencyKey: string | undefined;
  body: Record<string, unknown>;
}

export interface ResendRequestLog {
  at: number;
  idempotencyKey: string | undefined;
  status: number;
}

type Failure = {status: number; name: string; message: string; retryAfter?: number};

const err = (status: number, name: string, message: string, headers?: Record<string, string>) => ({status, body: {statusCode: status, name, message}, headers});

export async function startResendStandin(opts: {apiKey?: string; latencyMs?: number} = {}) {
  const apiKey = opts.apiKey ?? 're_test_standin_key';
  const emails: ResendEmail[] = [];
  const byKey = new Map<string, ResendEmail>();
  const requests: ResendRequestLog[] = [];
  const failures: Failure[] = [];
  let holds: {arrived: () => void; release: Promise<void>}[] = [];

  function validate(req: StandinRequest): ReturnType<typeof err> | undefined {
    const key = bearer(req);
    if (!key) return err(401, 'missing_api_key', 'Missing API key in the authorization header.');
    if (key !== apiKey) return err(403, 'invalid_api_key', 'API key is invalid');
    if (!/^application\/json/.test(req.headers['content-type'] ?? '')) return err(422, 'validation_error', 'Content-Type must be application/json');
    const b = req.json as Record<string, unknown> | undefined;
    if (!b || typeof b !== 'object') return err(422, 'validation_error', 'Invalid body');
    for (const f of ['from', 'to', 'subject']) if (!b[f]) return err(422, 'missing_required_field', `Missing \`${f}\` field.`);
    if (!b.html && !b.text) return err(422, 'validation_error', 'Missing `html` or `text` field.');
    const to = Array.isArray(b.to) ? b.to : [b.to];
    if (to.length > 50 || !to.every((t) => typeof t === 'string' && /^[^@\s<>]+@[^@\s<>]+$/.test(t))) return err(422, 'validation_error', 'Invalid `to` field.');
    if (typeof b.from !== 'string' || !/([^@\s<>]+@[^@\s<>]+)>?$/.test(b.from)) return err(422, 'invalid_from_address', 'Invalid `from` field.');
    for (const a of (b.attachments as Record<string, unknown>[] | undefined) ?? []) {
      if (typeof a.filename !== 'string' || typeof a.content !== 'string') return err(422, 'invalid_attachment', 'Attachment must have a filename and content.');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.content)) return err(422, 'invalid_attachment', 'Attachment content must be base64.');
    }
    const idem = req.headers['idempotency-key'];
    if (idem !== undefined && (typeof idem !== 'string' || idem.length < 1 || idem.length > 256)) return err(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
    return undefined;
  }

  let down = false;
  const standin = await startStandin(async (req, res) => {
    // "Down": the connection drops without an answer, as when the provider is unreachable.
    if (down) {
      requests.push({at: Date.now(), idempotencyKey: req.headers['idempotency-key'] as string | undefined, status: 0});
      res.socket?.destroy();
      return undefined;
    }
    if (req.method !== 'POST' || req.path !== '/emails') return err(405, 'method_not_allowed', `${req.method} ${req.path} is not supported here`);
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    const log = (status: number) => requests.push({at: Date.now(), idempotencyKey, status});
    const invalid = validate(req);
    if (invalid) {
      log(invalid.status);
      return invalid;
    }
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    const failure = failures.shift();
    if (failure) {
      log(failure.status);
      return err(failure.status, failure.name, failure.message, failure.retryAfter !== undefined ? {'retry-after': String(failure.retryAfter)} : undefined);
    }
    const body = req.json as Record<string, unknown>;
    let email = idempotencyKey ? byKey.get(idempotencyKey) : undefined;
    if (email && !isDeepStrictEqual(email.body, body)) {
      log(409);
      return err(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.');
    }
    if (!email) {
      // Accepted: recorded now, whatever happens to the answer afterwards.
      email = {id: randomUUID(), idempotencyKey, body};
      emails.push(email);
      if (idempotencyKey) byKey.set(idempotencyKey, email);
    }
    const hold = holds.shift();
    if (hold) {
      hold.arrived();
      await hold.release;
    }
    log(200);
    send(res, {status: 200, body: {id: email.id}});
    return undefined;
  });

  return {
    url: standin.url,
    /** Drop every connection until set back to false. */
    setDown(value: boolean) {
      down = value;
    },
    apiKey,
    /** Distinct emails accepted (what recipients would receive). */
    emails,
    /** Every POST /emails, in order, with the answer given. */
    requests,
    close: standin.close,
    /** The next `times` requests fail with this answer. */
    fail(times: number, f: Failure) {
      for (let i = 0; i < times; i++) failures.push(f);
    },
    /**
     * The next accepted email is recorded, then its answer is held back until `release()`:
     * a sender that dies meanwhile never learns it was accepted.
     */
    holdNext() {
      let arrived!: () => void;
      let release!: () => void;
      const arrival = new Promise<void>((r) => (arrived = r));
      holds.push({arrived, release: new Promise<void>((r) => (release = r))});
      return {arrived: arrival, release};
    },
    reset() {
      holds = [];
      failures.length = 0;
    },
  };
}

export type ResendStandin = Awaited<ReturnType<typeof startResendStandin>>;
