// Retry timing shared by the mail worker and the provider adapters.

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), if it makes sense. */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : undefined;
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1; injectable so tests can pin the jitter. */
  random?: () => number;
}

/**
 * Exponential backoff with jitter: attempt 1 waits about `baseMs`, each further attempt about
 * twice as long, capped at `maxMs`; the wait is drawn from the upper half of that window so
 * workers that failed together do not retry together.
 */
export function backoffDelay(attempt: number, o: BackoffOptions): number {
  const ceiling = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (o.random ?? Math.random)() * (ceiling / 2));
}
