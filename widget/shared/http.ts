// Every REST call the elements make: JSON both ways, no cookies, and one error type for whatever
// went wrong (no answer at all, an error body, or a bare status).
import type {ErrorBody} from '../../protocol/errors.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A request that failed; `status` is 0 when no answer came (network down, blocked, CORS). */
export class RequestError extends Error {
  constructor(readonly body: ErrorBody, readonly status = 0) {
    super(body.message);
  }
}

export interface JsonRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  /** Sent as a bearer token. */
  token?: string;
}

export async function requestJson<T>(url: string, {method, body, token}: JsonRequest = {}): Promise<T> {
  const headers: Record<string, string> = {'content-type': 'application/json'};
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, {method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit'});
  } catch {
    throw new RequestError({code: 'unavailable', message: 'network error'});
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const error: ErrorBody = json?.error?.code ? json.error : {code: res.status >= 500 ? 'unavailable' : 'bad_request', message: `HTTP ${res.status}`};
    const retryAfter = Number(res.headers.get('retry-after'));
    if (!error.retryAfter && retryAfter > 0) error.retryAfter = retryAfter;
    throw new RequestError(error, res.status);
  }
  return json as T;
}
