// A local server speaking Zoom's Server-to-Server OAuth token endpoint and the meetings API
// (create for a user, patch, delete), with Zoom's error shapes.
import {randomBytes, randomInt} from 'node:crypto';
import {startStandin} from './http.js';
import {providerHandle, TokenDesk} from './oauth.js';

export interface ZoomMeetingRecord {
  id: number;
  body: Record<string, unknown>;
  joinUrl: string;
  deleted: boolean;
}

export async function startZoomStandin() {
  const creds = {accountId: 'standin-account', clientId: 'standinClientId', clientSecret: 'standin-client-secret'};
  const desk = new TokenDesk<{status: number; code: number; message: string}>();
  const meetings = new Map<number, ZoomMeetingRecord>();
  let afterCreate: (() => Promise<void>) | undefined;

  const zErr = (status: number, code: number, message: string) => ({status, body: {code, message}});

  function validateSchedule(b: Record<string, unknown>, partial: boolean) {
    if (!partial || b.start_time !== undefined) {
      if (typeof b.start_time !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/.test(b.start_time)) return zErr(400, 300, 'Invalid field: start_time.');
    }
    if (!partial || b.duration !== undefined) {
      if (!Number.isInteger(b.duration) || (b.duration as number) <= 0) return zErr(400, 300, 'Invalid field: duration.');
    }
    if (b.timezone !== undefined && (typeof b.timezone !== 'string' || !b.timezone.includes('/'))) return zErr(400, 300, 'Invalid field: timezone.');
    if (b.topic !== undefined && (typeof b.topic !== 'string' || b.topic.length > 200)) return zErr(400, 300, 'Invalid field: topic.');
    return undefined;
  }

  const standin = await startStandin(async (req) => {
    if (req.path === '/oauth/token' && req.method === 'POST') {
      desk.requests++;
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [id, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
      if (id !== creds.clientId || secret !== creds.clientSecret) return {status: 400, body: {reason: 'Invalid client_id or client_secret', error: 'invalid_client'}};
      if (req.query.get('grant_type') !== 'account_credentials') return {status: 400, body: {reason: 'Unsupported grant type', error: 'unsupported_grant_type'}};
      if (req.query.get('account_id') !== creds.accountId) return {status: 400, body: {reason: 'Invalid account_id', error: 'invalid_request'}};
      return {status: 200, body: {access_token: desk.issue('zoom_'), token_type: 'bearer', expires_in: 3599, scope: 'meeting:write:meeting:admin meeting:delete:meeting:admin', api_url: 'https://api.zoom.us'}};
    }
    if (!desk.accepts(req)) return zErr(401, 124, 'Invalid access token.');
    const failure = desk.nextFailure();
    if (failure) return zErr(failure.status, failure.code, failure.message);

    const create = /^\/v2\/users\/([^/]+)\/meetings$/.exec(req.path);
    if (create && req.method === 'POST') {
      const b = req.json as Record<string, unknown> | undefined;
      if (!b) return zErr(400, 300, 'Request Body should be a valid JSON object.');
      if (b.type !== 2) return zErr(400, 300, 'Invalid field: type.');
      const bad = validateSchedule(b, false);
      if (bad) return bad;
      const id = randomInt(80_000_000_000, 89_999_999_999);
      const pwd = randomBytes(16).toString('base64url');
      const rec: ZoomMeetingRecord = {id, body: b, joinUrl: `https://us05web.zoom.us/j/${id}?pwd=${pwd}`, deleted: false};
      meetings.set(id, rec);
      const hook = afterCreate;
      afterCreate = undefined;
      await hook?.();
      return {status: 201, body: {
        uuid: randomBytes(16).toString('base64'), id, host_id: 'standinHost', topic: b.topic, type: 2, status: 'waiting',
        start_time: b.start_time, duration: b.duration, timezone: b.timezone, created_at: new Date().toISOString(),
        start_url: `https://us05web.zoom.us/s/${id}?zak=${randomBytes(12).toString('hex')}`, join_url: rec.joinUrl, password: pwd.slice(0, 6),
      }};
    }
    const one = /^\/v2\/meetings\/(\d+)$/.exec(req.path);
    if (one) {
      const rec = meetings.get(Number(one[1]));
      if (!rec || rec.deleted) return zErr(404, 3001, `Meeting does not exist: ${one[1]}.`);
      if (req.method === 'PATCH') {
        const b = req.json as Record<string, unknown> | undefined;
        if (!b) return zErr(400, 300, 'Request Body should be a valid JSON object.');
        const bad = validateSchedule(b, true);
        if (bad) return bad;
        rec.body = {...rec.body, ...b};
        return {status: 204};
      }
      if (req.method === 'DELETE') {
        rec.deleted = true;
        return {status: 204};
      }
    }
    return zErr(404, 404, 'Not Found');
  });

  return providerHandle(standin, desk, {
    creds,
    meetings,
    liveMeetings: () => [...meetings.values()].filter((m) => !m.deleted),
    fail: (times: number, status: number, code: number, message: string) => desk.failNext(times, {status, code, message}),
    /** Runs once, after the next meeting is created and before Zoom answers. */
    onNextCreate(fn: () => Promise<void>) {
      afterCreate = fn;
    },
  });
}

export type ZoomStandin = Awaited<ReturnType<typeof startZoomStandin>>;
