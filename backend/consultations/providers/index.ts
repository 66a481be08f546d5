// Builds the meeting providers the configuration allows. A provider without credentials is not
// offered at all, so the console never shows a choice that would fail.
import type {Config} from '../../config.js';
import {googlePrivateKey} from '../../config.js';
import type {ProviderId} from '../../models/consultation.js';
import {googleMeetProvider, type GoogleAuth} from './google-meet.js';
import {jitsiHostNote, jitsiProvider} from './jitsi.js';
import {personalProvider} from './personal.js';
import type {HttpDeps, MeetingProvider} from './types.js';
import {zoomProvider} from './zoom.js';

export type {Meeting, MeetingProvider, MeetingRequest} from './types.js';
export {validatePersonalMeetingUrl, KNOWN_MEETING_HOSTS} from './personal.js';
export {jitsiHostNote};

export type ProviderConfig = Pick<Config,
  | 'JITSI_BASE_URL' | 'GOOGLE_OAUTH_BASE_URL' | 'GOOGLE_API_BASE_URL' | 'GOOGLE_CALENDAR_ID'
  | 'GOOGLE_CLIENT_ID' | 'GOOGLE_CLIENT_SECRET' | 'GOOGLE_REFRESH_TOKEN'
  | 'GOOGLE_SERVICE_ACCOUNT_EMAIL' | 'GOOGLE_SERVICE_ACCOUNT_KEY' | 'GOOGLE_IMPERSONATE'
  | 'ZOOM_OAUTH_BASE_URL' | 'ZOOM_API_BASE_URL' | 'ZOOM_ACCOUNT_ID' | 'ZOOM_CLIENT_ID' | 'ZOOM_CLIENT_SECRET'
  | 'MEETING_LINK_HOSTS'>;

export interface ProviderOptions extends HttpDeps {
  googlePendingDelaysMs?: number[];
}

function googleAuth(c: ProviderConfig): GoogleAuth | undefined {
  if (c.GOOGLE_CLIENT_ID && c.GOOGLE_CLIENT_SECRET && c.GOOGLE_REFRESH_TOKEN) {
    return {kind: 'refresh-token', clientId: c.GOOGLE_CLIENT_ID, clientSecret: c.GOOGLE_CLIENT_SECRET, refreshToken: c.GOOGLE_REFRESH_TOKEN};
  }
  if (c.GOOGLE_SERVICE_ACCOUNT_EMAIL && c.GOOGLE_SERVICE_ACCOUNT_KEY && c.GOOGLE_IMPERSONATE) {
    return {kind: 'service-account', clientEmail: c.GOOGLE_SERVICE_ACCOUNT_EMAIL, privateKey: googlePrivateKey(c.GOOGLE_SERVICE_ACCOUNT_KEY), subject: c.GOOGLE_IMPERSONATE};
  }
  return undefined;
}

const zoomConfigured = (c: ProviderConfig) => Boolean(c.ZOOM_ACCOUNT_ID && c.ZOOM_CLIENT_ID && c.ZOOM_CLIENT_SECRET);

/** Hosts accepted for personal links: the known services, our Jitsi server, and any extras. */
export function personalLinkHosts(c: Pick<ProviderConfig, 'JITSI_BASE_URL' | 'MEETING_LINK_HOSTS'>): string[] {
  const extra = (c.MEETING_LINK_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  return [new URL(c.JITSI_BASE_URL).hostname, ...extra];
}

/**
 * Providers a lawyer can pick: Jitsi always; Google Meet and Zoom when configured; a personal
 * link when the lawyer has one.
 */
export function availableProviders(c: ProviderConfig, lawyer?: {personalMeetingUrl?: string | null}): ProviderId[] {
  const out: ProviderId[] = ['jitsi'];
  if (googleAuth(c)) out.push('google-meet');
  if (zoomConfigured(c)) out.push('zoom');
  if (!lawyer || lawyer.personalMeetingUrl) out.push('personal');
  return out;
}

export interface MeetingProviders {
  get(id: ProviderId): MeetingProvider | undefined;
  available(lawyer?: {personalMeetingUrl?: string | null}): ProviderId[];
  personalLinkHosts: string[];
}

export function createMeetingProviders(c: ProviderConfig, opts: ProviderOptions = {}): MeetingProviders {
  const hosts = personalLinkHosts(c);
  const map = new Map<ProviderId, MeetingProvider>();
  map.set('jitsi', jitsiProvider(c.JITSI_BASE_URL));
  map.set('personal', personalProvider(hosts));
  const auth = googleAuth(c);
  if (auth) {
    map.set('google-meet', googleMeetProvider({
      oauthBaseUrl: c.GOOGLE_OAUTH_BASE_URL, apiBaseUrl: c.GOOGLE_API_BASE_URL, calendarId: c.GOOGLE_CALENDAR_ID, auth, pendingDelaysMs: opts.googlePendingDelaysMs,
    }, opts));
  }
  if (zoomConfigured(c)) {
    map.set('zoom', zoomProvider({
      oauthBaseUrl: c.ZOOM_OAUTH_BASE_URL, apiBaseUrl: c.ZOOM_API_BASE_URL,
      accountId: c.ZOOM_ACCOUNT_ID!, clientId: c.ZOOM_CLIENT_ID!, clientSecret: c.ZOOM_CLIENT_SECRET!,
    }, opts));
  }
  return {
    get: (id) => map.get(id),
    available: (lawyer) => availableProviders(c, lawyer),
    personalLinkHosts: hosts,
  };
}
