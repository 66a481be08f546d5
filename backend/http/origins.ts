// Which browser origins may use a session: the firm's allowlist for applicants, the backend's
// own origin (plus CONSOLE_ORIGINS) for lawyers.
import type {Config} from '../config.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {FirmCache} from '../infra/firm-cache.js';
import {originAllowed} from '../services/sessions.js';
import {AppError} from '../errors.js';

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return !!host && new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

export function consoleOriginAllowed(config: Pick<Config, 'PUBLIC_URL' | 'CONSOLE_ORIGINS'>, origin: string, host: string | undefined): boolean {
  const o = origin.toLowerCase();
  return sameHost(o, host) || o === new URL(config.PUBLIC_URL).origin.toLowerCase() || config.CONSOLE_ORIGINS.some((c) => c.toLowerCase() === o);
}

/** Throws `origin_not_allowed` unless `origin` may act for this principal. */
export async function assertOrigin(
  principal: SocketPrincipal,
  origin: string | undefined,
  host: string | undefined,
  deps: {config: Pick<Config, 'PUBLIC_URL' | 'CONSOLE_ORIGINS'>; firmCache: FirmCache},
): Promise<void> {
  if (!origin) throw new AppError('origin_not_allowed', 'an Origin header is required');
  if (principal.kind === 'lawyer') {
    if (consoleOriginAllowed(deps.config, origin, host)) return;
  } else {
    const firm = await deps.firmCache.byId(principal.firmId);
    if (firm && originAllowed(firm, origin)) return;
  }
  throw new AppError('origin_not_allowed', `origin ${origin} is not allowed`);
}
