// A local server speaking Google's OAuth token endpoint (refresh-token and JWT-bearer grants)
// and the Calendar v3 events insert/get/patch/delete with conferenceData, in Google's shapes.
import {generateKeyPairSync, randomBytes} from 'node:crypto';
import jwt from 'jsonwebtoken';
import {startStandin, type StandinRequest} from './http.js';
import {providerHandle, TokenDesk} from './oauth.js';

export interface GoogleEventRecord {
  id: string;
  calendarId: string;
  body: Record<string, unknown>;
  meetCode: string | null;
  requestId: string | null;
  pendingReads: number;
  deleted: boolean;
  sequence: number;
}

const gErr = (status: number, message: string, reason = 'invalid', statusText = 'INVALID_ARGUMENT') =>
  ({status, body: {error: {code: status, message, errors: [{domain: 'global', reason, message}], status: statusText}}});

const letters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');

export async function startGoogleStandin(opts: {pendingReads?: number} = {}) {
  const client = {id: 'standin-client.apps.googleusercontent.com', secret: 'GOCSPX-standin-secret', refreshToken: '1//standin-refresh-token'};
  const {privateKey, publicKey} = generateKeyPairSync('rsa', {modulusLength: 2048, privateKeyEncoding: {type: 'pkcs8', format: 'pem'}, publicKeyEncoding: {type: 'spki', format: 'pem'}});
  const serviceAccount = {email: 'consult@standin-project.iam.gserviceaccount.com', privateKey, subject: 'lawyer@firm.example'};
  const desk = new TokenDesk<{status: number; message: string}>();
  const events = new Map<string, GoogleEventRecord>();
  const calls: {method: string; path: string; query: string}[] = [];
  let url = '';
  let pendingReads = opts.pendingReads ?? 0;

  function issueToken() {
    return {status: 200, body: {access_token: desk.issue('ya29.'), expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/calendar.events'}};
  }

  function tokenEndpoint(req: StandinRequest) {
    desk.requests++;
    if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return {status: 400, body: {error: 'invalid_request', error_description: 'Bad Request'}};
    const f = new URLSearchParams(req.raw);
    const grant = f.get('grant_type');
    if (grant === 'refresh_token') {
      if (f.get('client_id') !== client.id || f.get('client_secret') !== client.secret) return {status: 401, body: {error: 'invalid_client', error_description: 'The OAuth client was not found.'}};
      if (f.get('refresh_token') !== client.refreshToken) return {status: 400, body: {error: 'invalid_grant', error_description: 'Token has been expired or revoked.'}};
      return issueToken();
    }
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      try {
        const claims = jwt.verify(f.get('assertion') ?? '', publicKey, {algorithms: ['RS256'], audience: `${url}/token`, issuer: serviceAccount.email}) as jwt.JwtPayload;
        if (claims.sub !== serviceAccount.subject) return {status: 401, body: {error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method.'}};
        if (!String(claims.scope ?? '').split(' ').some((s) => s.startsWith('https://www.googleapis.com/auth/calendar'))) return {status: 400, body: {error: 'invalid_scope', error_description: 'Invalid OAuth scope.'}};
        if (!claims.exp || !claims.iat || claims.exp - claims.iat > 3600) return {status: 400, body: {error: 'invalid_grant', error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes).'}};
      } catch (e) {
        return {status: 400, body: {error: 'invalid_grant', error_description: `Invalid JWT Signature. (${(e as Error).message})`}};
      }
      return issueToken();
    }
    return {status: 400, body: {error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grant}`}};
  }

  function view(e: GoogleEventRecord) {
    const pending = e.pendingReads > 0;
    const meetUri = e.meetCode ? `https://meet.google.com/${e.meetCode}` : undefined;
    return {
      kind: 'calendar#event',
      id: e.id,
      status: e.deleted ? 'cancelled' : 'confirmed',
      htmlLink: `https://www.google.com/calendar/event?eid=${e.id}`,
      iCalUID: `${e.id}@google.com`,
      sequence: e.sequence,
      ...e.body,
      conferenceData: undefined,
      ...(e.requestId ? {
        ...(pending || !meetUri ? {} : {hangoutLink: meetUri}),
        conferenceData: {
          createRequest: {requestId: e.requestId, conferenceSolutionKey: {type: 'hangoutsMeet'}, status: {statusCode: pending ? 'pending' : 'success'}},
          ...(pending || !meetUri ? {} : {
            entryPoints: [{entryPointType: 'video', uri: meetUri, label: `meet.google.com/${e.meetCode}`}],
            conferenceSolution: {key: {type: 'hangoutsMeet'}, name: 'Google Meet'},
            conferenceId: e.meetCode,
          }),
        },
      } : {}),
    };
  }

  function checkTimes(b: Record<string, unknown>, required: boolean) {
    const s = (b.start as {dateTime?: string} | undefined)?.dateTime;
    const e = (b.end as {dateTime?: string} | undefined)?.dateTime;
    if (required && (!s || !e)) return gErr(400, 'Missing end time.', 'required', 'INVALID_ARGUMENT');
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    if ((s && !rfc3339.test(s)) || (e && !rfc3339.test(e))) return gErr(400, 'Bad Request', 'badRequest');
    if (s && e && Date.parse(e) <= Date.parse(s)) return gErr(400, 'The specified time range is empty.', 'timeRangeEmpty');
    return undefined;
  }

  const standin = await startStandin((req) => {
    calls.push({method: req.method, path: req.path, query: req.query.toString()});
    if (req.path === '/token' && req.method === 'POST') return tokenEndpoint(req);
    const m = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(req.path);
    if (!m) return gErr(404, 'Not Found', 'notFound', 'NOT_FOUND');
    if (!desk.accepts(req)) {
      return {status: 401, body: {error: {code: 401, message: 'Request had invalid authentication credentials. Expected OAuth 2 access token.', status: 'UNAUTHENTICATED'}}};
    }
    const failure = desk.nextFailure();
    if (failure) return gErr(failure.status, failure.message, failure.status >= 500 ? 'backendError' : 'invalid', failure.status >= 500 ? 'UNAVAILABLE' : 'INVALID_ARGUMENT');
    const calendarId = decodeURIComponent(m[1]);
    const eventId = m[2] && decodeURIComponent(m[2]);

    if (!eventId && req.method === 'POST') {
      const b = req.json as Record<string, unknown> | undefined;
      if (!b) return gErr(400, 'Bad Request', 'badRequest');
      const bad = checkTimes(b, true);
      if (bad) return bad;
      const cr = (b.conferenceData as {createRequest?: {requestId?: string; conferenceSolutionKey?: {type?: string}}} | undefined)?.createRequest;
      if (cr) {
        if (!cr.requestId) return gErr(400, 'Invalid conference create request: missing requestId.');
        if (cr.conferenceSolutionKey?.type !== 'hangoutsMeet') return gErr(400, 'Invalid conference type value.');
      }
      // Without conferenceDataVersion=1 Google ignores conferenceData: no Meet link.
      const wantsConference = !!cr && req.query.get('conferenceDataVersion') === '1';
      const id = randomBytes(13).toString('hex');
      const {conferenceData: _ignored, ...rest} = b;
      const rec: GoogleEventRecord = {
        id, calendarId, body: rest, sequence: 0, deleted: false,
        requestId: wantsConference ? cr!.requestId! : null,
        meetCode: wantsConference ? `${letters(3)}-${letters(4)}-${letters(3)}` : null,
        pendingReads: wantsConference ? pendingReads : 0,
      };
      events.set(id, rec);
      return {status: 200, body: view(rec)};
    }
    const rec = eventId ? events.get(eventId) : undefined;
    if (!rec || rec.calendarId !== calendarId) return gErr(404, 'Not Found', 'notFound', 'NOT_FOUND');
    if (rec.deleted) return gErr(410, 'Resource has been deleted', 'deleted', 'GONE');
    if (req.method === 'GET') {
      const body = view(rec);
      if (rec.pendingReads > 0) rec.pendingReads--;
      return {status: 200, body};
    }
    if (req.method === 'PATCH') {
      const b = req.json as Record<string, unknown> | undefined;
      if (!b) return gErr(400, 'Bad Request', 'badRequest');
      const bad = checkTimes({...rec.body, ...b}, false);
      if (bad) return bad;
      const {conferenceData: _ignored, ...rest} = b;
      rec.body = {...rec.body, ...rest};
      rec.sequence++;
      return {status: 200, body: view(rec)};
    }
    if (req.method === 'DELETE') {
      rec.deleted = true;
      return {status: 204};
    }
    return gErr(405, 'Method Not Allowed', 'methodNotAllowed');
  });
  url = standin.url;

  return providerHandle(standin, desk, {
    client,
    serviceAccount,
    events,
    calls,
    liveEvents: () => [...events.values()].filter((e) => !e.deleted),
    /** The next `times` Calendar API calls fail. */
    fail: (times: number, status: number, message: string) => desk.failNext(times, {status, message}),
    /** New events answer `pending` for this many reads before the Meet link appears. */
    setPendingReads(n: number) {
      pendingReads = n;
    },
  });
}

export type GoogleStandin = Awaited<ReturnType<typeof startGoogleStandin>>;
