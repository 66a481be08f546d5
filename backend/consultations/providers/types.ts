// The contract every meeting provider adapter follows, and the HTTP plumbing they share:
// timeouts, and mapping a provider's failure to an AppError that never carries credentials.
import {AppError} from '../../errors.js';
import {retryAfterSeconds} from '../../retry.js';
import type {ProviderId} from '../../models/consultation.js';

export type {ProviderId};

export interface MeetingRequest {
  consultationId: string;
  title: string;
  description: string;
  start: Date;
  end: Date;
  /** The lawyer's zone; providers that show times (Zoom, Google) display it there. */
  timeZone: string;
  organizer: {name: string | null; email: string};
  /** Only for `personal`: the lawyer's own meeting link. */
  personalMeetingUrl?: string | null;
}

export interface Meeting {
  joinUrl: string;
  /** The provider's id for later updates; null when there is nothing to update (links, Jitsi). */
  providerMeetingId: string | null;
}

export interface MeetingProvider {
  readonly id: ProviderId;
  create(req: MeetingRequest): Promise<Meeting>;
  /** Moves the meeting; returns the (possibly unchanged) link. */
  update(current: Meeting, req: MeetingRequest): Promise<Meeting>;
  /** Removes the meeting; one that is already gone counts as removed. */
  cancel(current: Meeting): Promise<void>;
}

export interface HttpDeps {
  fetch?: typeof fetch;
  /** Per request; defaults to 10 s. */
  timeoutMs?: number;
}

export interface ProviderResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Removes anything that looks like one of our credentials from text we may show. */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  return out.replace(/Bearer\s+[\w.~+/=-]+/gi, 'Bearer [redacted]').slice(0, 300);
}

/** One HTTP call to a provider; network failures and timeouts become `unavailable`. */
export async function providerFetch(label: string, url: string, init: RequestInit, deps: HttpDeps = {}): Promise<ProviderResponse> {
  const doFetch = deps.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {...init, signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000), redirect: 'error'});
  } catch (err) {
    const timedOut = (err as Error)?.name === 'TimeoutError';
    throw new AppError('unavailable', `${label} ${timedOut ? 'did not answer in time' : 'could not be reached'}; try again shortly`, {retryAfter: 5});
  }
  const text = await res.text().catch(() => '');
  let body: unknown = text;
  if (text && /json/i.test(res.headers.get('content-type') ?? '')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return {status: res.status, body, headers: res.headers};
}

/**
 * What a failed provider call means for our caller: their request was wrong (`bad_request`,
 * `conflict`), or the provider is away or refusing our credentials (`unavailable`).
 */
export function providerError(label: string, res: ProviderResponse, detail: string, credentialsHint: string): AppError {
  const why = detail ? `: ${detail}` : '';
  if (res.status === 429) {
    return new AppError('unavailable', `${label} is limiting requests${why}; try again shortly`, {retryAfter: retryAfterSeconds(res.headers.get('retry-after')) ?? 30});
  }
  if (res.status >= 500) return new AppError('unavailable', `${label} failed (HTTP ${res.status})${why}; try again shortly`, {retryAfter: 10});
  if (res.status === 401 || res.status === 403) return new AppError('unavailable', `${label} refused our credentials (HTTP ${res.status})${why}; ${credentialsHint}`);
  if (res.status === 404 || res.status === 409 || res.status === 410) return new AppError('conflict', `${label} does not know this meeting any more (HTTP ${res.status})${why}`);
  return new AppError('bad_request', `${label} rejected the request (HTTP ${res.status})${why}`);
}

/** Accepts only an absolute https URL the provider itself returned. */
export function providerLink(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
