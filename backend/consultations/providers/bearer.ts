// An OAuth access token fetched on demand and shared: cached until a minute before it expires,
// one fetch for concurrent callers, and one retry with a fresh token when the API answers 401.
import {providerFetch, type HttpDeps, type ProviderResponse} from './types.js';

export interface AccessToken {
  token: string;
  /** Seconds, as the token endpoint says; an hour when it does not. */
  expiresIn?: number;
}

export function createBearerSession(label: string, fetchToken: () => Promise<AccessToken>, deps: HttpDeps) {
  let cached: {token: string; expiresAt: number} | undefined;
  let inflight: Promise<string> | undefined;

  async function token(): Promise<string> {
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    inflight ??= fetchToken()
      .then(({token: t, expiresIn}) => {
        cached = {token: t, expiresAt: Date.now() + Math.max(60, Number(expiresIn) || 3600) * 1000 - 60_000};
        return t;
      })
      .finally(() => (inflight = undefined));
    return inflight;
  }

  async function call(method: string, url: string, body?: unknown): Promise<ProviderResponse> {
    for (let attempt = 0; ; attempt++) {
      const t = await token();
      const res = await providerFetch(label, url, {
        method,
        headers: {authorization: `Bearer ${t}`, ...(body ? {'content-type': 'application/json'} : {})},
        body: body ? JSON.stringify(body) : undefined,
      }, deps);
      if (res.status === 401 && attempt === 0) {
        cached = undefined;
        continue;
      }
      return res;
    }
  }

  return {
    call,
    /** The token in use, to redact from error messages. */
    current: () => cached?.token,
  };
}
