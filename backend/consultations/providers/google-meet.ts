// Google Meet through the Google Calendar API: an event with `conferenceData.createRequest`
// makes Google create the Meet space; the join link is read from Google's answer only.
// Google does not email anyone (sendUpdates=none): our own invites do that.
import {randomUUID} from 'node:crypto';
import jwt from 'jsonwebtoken';
import {AppError} from '../../errors.js';
import {providerError, providerFetch, providerLink, redact, type HttpDeps, type Meeting, type MeetingProvider, type MeetingRequest, type ProviderResponse} from './types.js';
import {createBearerSession, type AccessToken} from './bearer.js';

export const GOOGLE_CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events';

export type GoogleAuth =
  | {kind: 'refresh-token'; clientId: string; clientSecret: string; refreshToken: string}
  /** A service account allowed to act for `subject` (domain-wide delegation). */
  | {kind: 'service-account'; clientEmail: string; privateKey: string; subject: string};

export interface GoogleMeetSettings {
  oauthBaseUrl: string;
  apiBaseUrl: string;
  calendarId: string;
  auth: GoogleAuth;
  /** Waits between re-reads while Google reports the conference as `pending`. */
  pendingDelaysMs?: number[];
}

const LABEL = 'Google Calendar';
const HINT = 'check the GOOGLE_* settings (refresh token or service-account delegation)';

interface GoogleEvent {
  id?: string;
  hangoutLink?: string;
  conferenceData?: {
    createRequest?: {status?: {statusCode?: string}};
    entryPoints?: {entryPointType?: string; uri?: string}[];
  };
}

function googleDetail(body: unknown): string {
  const b = body as {error?: {message?: string} | string; error_description?: string} | undefined;
  if (typeof b?.error === 'object' && b.error?.message) return b.error.message;
  if (typeof b?.error === 'string') return b.error_description ? `${b.error}: ${b.error_description}` : b.error;
  return '';
}

/** The Meet link Google returned, if it has one yet. */
export function meetLinkOf(event: GoogleEvent): string | undefined {
  const video = event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video')?.uri;
  return providerLink(video) ?? providerLink(event.hangoutLink);
}

export function googleMeetProvider(settings: GoogleMeetSettings, deps: HttpDeps = {}): MeetingProvider {
  const oauth = settings.oauthBaseUrl.replace(/\/+$/, '');
  const api = settings.apiBaseUrl.replace(/\/+$/, '');
  const events = `${api}/calendar/v3/calendars/${encodeURIComponent(settings.calendarId)}/events`;
  const secrets = settings.auth.kind === 'refresh-token' ? [settings.auth.clientSecret, settings.auth.refreshToken] : [settings.auth.privateKey];
  const pendingDelays = settings.pendingDelaysMs ?? [500, 1_000, 2_000, 4_000];

  const fail = (res: ProviderResponse, what = LABEL) => providerError(what, res, redact(googleDetail(res.body), [...secrets, session.current()]), HINT);

  async function fetchToken(): Promise<AccessToken> {
    const form = new URLSearchParams();
    const a = settings.auth;
    if (a.kind === 'refresh-token') {
      form.set('grant_type', 'refresh_token');
      form.set('client_id', a.clientId);
      form.set('client_secret', a.clientSecret);
      form.set('refresh_token', a.refreshToken);
    } else {
      const now = Math.floor(Date.now() / 1000);
      const assertion = jwt.sign({iss: a.clientEmail, sub: a.subject, scope: GOOGLE_CALENDAR_SCOPE, aud: `${oauth}/token`, iat: now, exp: now + 3600}, a.privateKey, {algorithm: 'RS256'});
      form.set('grant_type', 'urn:ietf:params:oauth:grant-type:jwt-bearer');
      form.set('assertion', assertion);
    }
    const res = await providerFetch('Google sign-in', `${oauth}/token`, {method: 'POST', headers: {'content-type': 'application/x-www-form-urlencoded'}, body: form}, deps);
    const body = res.body as {access_token?: string; expires_in?: number};
    if (res.status !== 200 || typeof body?.access_token !== 'string') {
      // A refused grant is our configuration, not the caller's request.
      if (res.status === 400) throw new AppError('unavailable', `Google sign-in refused our credentials: ${redact(googleDetail(res.body), secrets)}; ${HINT}`);
      throw fail(res, 'Google sign-in');
    }
    return {token: body.access_token, expiresIn: body.expires_in};
  }


  const session = createBearerSession(LABEL, fetchToken, deps);
  const call = session.call;

  const times = (req: MeetingRequest) => ({
    start: {dateTime: req.start.toISOString(), timeZone: req.timeZone},
    end: {dateTime: req.end.toISOString(), timeZone: req.timeZone},
  });

  async function remove(eventId: string): Promise<void> {
    const res = await call('DELETE', `${events}/${encodeURIComponent(eventId)}?sendUpdates=none`);
    // Already deleted (410) or never there (404) is the outcome we wanted.
    if (res.status === 204 || res.status === 200 || res.status === 404 || res.status === 410) return;
    throw fail(res);
  }

  /** Google may answer before the Meet space exists; re-read the event until it does. */
  async function settle(event: GoogleEvent & {id: string}): Promise<string> {
    let current: GoogleEvent = event;
    for (let i = 0; ; i++) {
      const link = meetLinkOf(current);
      const state = current.conferenceData?.createRequest?.status?.statusCode;
      if (link && state !== 'pending' && state !== 'failure') return link;
      if (state !== 'pending' || i >= pendingDelays.length) {
        await remove(event.id).catch(() => {});
        throw new AppError('unavailable', state === 'pending'
          ? 'Google Meet is still preparing the meeting; try again in a moment'
          : state === 'failure'
            ? 'Google Meet could not create a meeting for this event; try again or choose another provider'
            : 'Google Calendar created the event without a Meet link; check that Google Meet is enabled for this account');
      }
      await new Promise((r) => setTimeout(r, pendingDelays[i]));
      const res = await call('GET', `${events}/${encodeURIComponent(event.id)}?conferenceDataVersion=1`);
      if (res.status !== 200) {
        await remove(event.id).catch(() => {});
        throw fail(res);
      }
      current = res.body as GoogleEvent;
    }
  }

  return {
    id: 'google-meet',
    async create(req) {
      const res = await call('POST', `${events}?conferenceDataVersion=1&sendUpdates=none`, {
        summary: req.title,
        description: req.description,
        ...times(req),
        conferenceData: {createRequest: {requestId: randomUUID(), conferenceSolutionKey: {type: 'hangoutsMeet'}}},
        extendedProperties: {private: {consultChatConsultationId: req.consultationId}},
      });
      const event = res.body as GoogleEvent;
      if (res.status !== 200 || typeof event?.id !== 'string') throw fail(res);
      const joinUrl = await settle(event as GoogleEvent & {id: string});
      return {joinUrl, providerMeetingId: event.id};
    },
    async update(current, req) {
      if (!current.providerMeetingId) throw new AppError('conflict', 'this consultation has no Google Calendar event to move');
      const res = await call('PATCH', `${events}/${encodeURIComponent(current.providerMeetingId)}?conferenceDataVersion=1&sendUpdates=none`, {
        summary: req.title, description: req.description, ...times(req),
      });
      if (res.status !== 200) throw fail(res);
      // The Meet space stays with the event; keep the link Google gave before if it is not repeated.
      return {joinUrl: meetLinkOf(res.body as GoogleEvent) ?? current.joinUrl, providerMeetingId: current.providerMeetingId};
    },
    async cancel(current) {
      if (current.providerMeetingId) await remove(current.providerMeetingId);
    },
  };
}
