// Zoom through a Server-to-Server OAuth app: an account-credentials token (cached until it
// expires), then scheduled meetings (type 2) created, moved and deleted for the account user.
import {AppError} from '../../errors.js';
import {providerError, providerFetch, providerLink, redact, type HttpDeps, type Meeting, type MeetingProvider, type MeetingRequest, type ProviderResponse} from './types.js';
import {createBearerSession, type AccessToken} from './bearer.js';

export interface ZoomSettings {
  oauthBaseUrl: string;
  apiBaseUrl: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Whose meetings: `me` is the user who created the app. */
  userId?: string;
}

const LABEL = 'Zoom';
const HINT = 'check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET and the app scopes';

function zoomDetail(body: unknown): string {
  const b = body as {message?: string; reason?: string; error?: string} | undefined;
  return b?.message ?? b?.reason ?? b?.error ?? '';
}

/** Zoom wants `yyyy-MM-ddTHH:mm:ssZ` (no milliseconds). */
export function zoomTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function zoomProvider(settings: ZoomSettings, deps: HttpDeps = {}): MeetingProvider {
  const oauth = settings.oauthBaseUrl.replace(/\/+$/, '');
  const api = settings.apiBaseUrl.replace(/\/+$/, '');
  const user = encodeURIComponent(settings.userId ?? 'me');
  const secrets = [settings.clientSecret];

  const fail = (res: ProviderResponse, what = LABEL) => providerError(what, res, redact(zoomDetail(res.body), [...secrets, session.current()]), HINT);

  async function fetchToken(): Promise<AccessToken> {
    const q = new URLSearchParams({grant_type: 'account_credentials', account_id: settings.accountId});
    const basic = Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString('base64');
    const res = await providerFetch('Zoom sign-in', `${oauth}/oauth/token?${q}`, {method: 'POST', headers: {authorization: `Basic ${basic}`}}, deps);
    const body = res.body as {access_token?: string; expires_in?: number};
    if (res.status !== 200 || typeof body?.access_token !== 'string') {
      if (res.status === 400 || res.status === 401) throw new AppError('unavailable', `Zoom sign-in refused our credentials: ${redact(zoomDetail(res.body), secrets)}; ${HINT}`);
      throw fail(res, 'Zoom sign-in');
    }
    return {token: body.access_token, expiresIn: body.expires_in};
  }


  const session = createBearerSession(LABEL, fetchToken, deps);
  const call = (method: string, path: string, body?: unknown) => session.call(method, `${api}${path}`, body);

  const schedule = (req: MeetingRequest) => ({
    topic: req.title.slice(0, 200),
    agenda: req.description.slice(0, 2000),
    start_time: zoomTime(req.start),
    duration: Math.round((req.end.getTime() - req.start.getTime()) / 60_000),
    timezone: req.timeZone,
  });

  return {
    id: 'zoom',
    async create(req): Promise<Meeting> {
      const res = await call('POST', `/v2/users/${user}/meetings`, {
        ...schedule(req),
        type: 2,
        settings: {join_before_host: false, waiting_room: true, host_video: true, participant_video: true},
      });
      const body = res.body as {id?: number | string; join_url?: string};
      if (res.status !== 201 && res.status !== 200) throw fail(res);
      const joinUrl = providerLink(body?.join_url);
      if (!joinUrl || body.id === undefined) throw new AppError('unavailable', 'Zoom created a meeting but returned no join link; try again');
      return {joinUrl, providerMeetingId: String(body.id)};
    },
    async update(current, req) {
      if (!current.providerMeetingId) throw new AppError('conflict', 'this consultation has no Zoom meeting to move');
      const res = await call('PATCH', `/v2/meetings/${encodeURIComponent(current.providerMeetingId)}`, schedule(req));
      if (res.status !== 204 && res.status !== 200) throw fail(res);
      // Zoom keeps the join link when a meeting moves.
      return current;
    },
    async cancel(current) {
      if (!current.providerMeetingId) return;
      const res = await call('DELETE', `/v2/meetings/${encodeURIComponent(current.providerMeetingId)}`);
      // 404 (code 3001): already deleted, which is what we wanted.
      if (res.status === 204 || res.status === 200 || res.status === 404) return;
      throw fail(res);
    },
  };
}
