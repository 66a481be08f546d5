// What the meeting-provider standins share: the bearer tokens they issued (and how often
// one was asked for), the failures the next API calls answer with, and the handle's common part.
import {randomBytes} from 'node:crypto';
import {bearer, type Standin, type StandinRequest} from './http.js';

export class TokenDesk<Failure> {
  /** Token endpoint calls, answered or refused. */
  requests = 0;
  private readonly tokens = new Map<string, number>(); // token → expiry (ms)
  private readonly failures: Failure[] = [];

  /** A fresh token good for the hour the providers grant (3599 s). */
  issue(prefix: string): string {
    const token = `${prefix}${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, Date.now() + 3599_000);
    return token;
  }

  /** Whether the request carries a token issued here that has not expired. */
  accepts(req: StandinRequest): boolean {
    const token = bearer(req);
    return !!token && (this.tokens.get(token) ?? 0) >= Date.now();
  }

  failNext(times: number, failure: Failure): void {
    for (let i = 0; i < times; i++) this.failures.push(failure);
  }

  nextFailure(): Failure | undefined {
    return this.failures.shift();
  }

  expire(): void {
    this.tokens.clear();
  }
}

/** The handle a test gets: url, close, token count and expiry, plus the provider's own parts. */
export function providerHandle<Failure, Own extends object>(standin: Standin, desk: TokenDesk<Failure>, own: Own) {
  return Object.assign({
    url: standin.url,
    close: standin.close,
    get tokenRequests() {
      return desk.requests;
    },
    expireTokens: () => desk.expire(),
  }, own);
}
