import {test} from 'node:test';
import assert from 'node:assert/strict';
import {connectDatabase} from '../server.js';
import {ConfigError, loadConfig} from '../config.js';
import {consultationModel} from '../models/consultation.js';
import {outboxModel} from '../models/outbox.js';
import {availableProviders} from '../consultations/providers/index.js';
import {zonedTimeToUtc} from '../../protocol/time.js';
import {applicant, consultationsModule, id, lawyer, tempDirConfig, testDbWithUri, until} from './consult-helpers.js';
import {startGoogleStandin, type GoogleStandin} from './standins/google.js';
import {startResendStandin} from './standins/resend.js';
import {startZoomStandin, type ZoomStandin} from './standins/zoom.js';

const clock = () => new Date('2030-03-01T00:00:00Z');
const paris = (local: string) => zonedTimeToUtc(local, 'Europe/Paris');
const booking = (provider: 'google-meet' | 'zoom', start = '2030-03-20T09:00') => ({
  conversationId: id(), firmId: id(), lawyer: lawyer(), applicant: applicant(), provider, start: paris(start), durationMinutes: 45,
});

const googleEnv = (g: GoogleStandin) => ({
  GOOGLE_OAUTH_BASE_URL: g.url, GOOGLE_API_BASE_URL: g.url, GOOGLE_CALENDAR_ID: 'consultations@firm.example',
  GOOGLE_CLIENT_ID: g.client.id, GOOGLE_CLIENT_SECRET: g.client.secret, GOOGLE_REFRESH_TOKEN: g.client.refreshToken,
});
const zoomEnv = (z: ZoomStandin) => ({
  ZOOM_OAUTH_BASE_URL: z.url, ZOOM_API_BASE_URL: z.url, ZOOM_ACCOUNT_ID: z.creds.accountId, ZOOM_CLIENT_ID: z.creds.clientId, ZOOM_CLIENT_SECRET: z.creds.clientSecret,
});

test('Google Meet: the join link is the one Google returned; moves PATCH, cancels DELETE the event', async () => {
  const google = await startGoogleStandin();
  const resend = await startResendStandin();
  const {service} = await consultationsModule({...googleEnv(google), RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url}, {now: clock});
  const r = await service.schedule(booking('google-meet'));
  const [event] = google.liveEvents();
  assert.ok(event, 'an event was created');
  assert.equal(event.calendarId, 'consultations@firm.example');
  assert.equal(r.consultation.joinUrl, `https://meet.google.com/${event.meetCode}`, "Google's link, not one we made up");
  assert.equal(r.consultation.provider, 'google-meet');
  const insert = google.calls.find((c) => c.method === 'POST' && c.path.includes('/events'))!;
  assert.equal(new URLSearchParams(insert.query).get('conferenceDataVersion'), '1');
  assert.equal(new URLSearchParams(insert.query).get('sendUpdates'), 'none', 'Google sends no emails of its own');
  assert.deepEqual(event.body.start, {dateTime: '2030-03-20T08:00:00.000Z', timeZone: 'Europe/Paris'});
  await until(() => resend.emails.length === 2, 5_000, 'invites');
  assert.ok(resend.emails.every((e) => String(e.body.text).includes(r.consultation.joinUrl)));
  assert.ok(resend.emails.every((e) => !/sign in/.test(String(e.body.text))), 'no Jitsi moderator note for Meet');

  const moved = await service.reschedule({consultationId: r.consultation.id, start: paris('2030-03-21T14:00')});
  assert.equal(moved.consultation.joinUrl, r.consultation.joinUrl);
  assert.deepEqual(event.body.start, {dateTime: '2030-03-21T13:00:00.000Z', timeZone: 'Europe/Paris'});
  assert.equal(event.sequence, 1);
  await service.cancel({consultationId: r.consultation.id});
  assert.equal(google.liveEvents().length, 0, 'event deleted');
  assert.equal(google.tokenRequests, 1, 'the access token is reused until it expires');

  // An expired token is replaced once, transparently.
  google.expireTokens();
  const again = await service.schedule(booking('google-meet', '2030-03-22T09:00'));
  assert.equal(again.consultation.joinUrl, `https://meet.google.com/${google.liveEvents()[0].meetCode}`);
  assert.equal(google.tokenRequests, 2);
});

test('Google Meet through a service account (JWT bearer grant), and a conference still pending', async () => {
  const google = await startGoogleStandin({pendingReads: 2});
  const {service, db} = await consultationsModule({
    GOOGLE_OAUTH_BASE_URL: google.url, GOOGLE_API_BASE_URL: google.url,
    GOOGLE_SERVICE_ACCOUNT_EMAIL: google.serviceAccount.email,
    GOOGLE_SERVICE_ACCOUNT_KEY: google.serviceAccount.privateKey.replace(/\n/g, '\\n'),
    GOOGLE_IMPERSONATE: google.serviceAccount.subject,
  }, {now: clock});
  const r = await service.schedule(booking('google-meet'));
  const [event] = google.liveEvents();
  assert.equal(r.consultation.joinUrl, `https://meet.google.com/${event.meetCode}`, 'link read once Google finished creating it');
  // The insert answer and two re-reads say pending; the third re-read has the link.
  assert.equal(google.calls.filter((c) => c.method === 'GET').length, 3, 're-read while pending');

  // Still pending after every retry: the event is removed and nothing is booked.
  google.setPendingReads(50);
  await assert.rejects(service.schedule(booking('google-meet', '2030-03-21T09:00')), (e: {code?: string; message?: string}) =>
    e.code === 'unavailable' && /still preparing the meeting/.test(e.message!));
  assert.equal(google.liveEvents().length, 1, 'the pending event was deleted again');
  assert.equal(await consultationModel(db).countDocuments(), 1);
  assert.equal(await outboxModel(db).countDocuments({kind: 'consultation.scheduled'}), 2, 'only the first booking emailed (lawyer + applicant, captured)');
  assert.equal(await outboxModel(db).countDocuments(), 6, 'plus its four reminders, waiting');
});

test('Google and Zoom failures leave no consultation and no email, and never show credentials', async () => {
  const google = await startGoogleStandin();
  const zoom = await startZoomStandin();
  const resend = await startResendStandin();
  const {service, db, mod} = await consultationsModule({...googleEnv(google), ...zoomEnv(zoom), RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url}, {now: clock});
  const expect = async (p: Promise<unknown>, code: string, message: RegExp) => {
    await assert.rejects(p, (e: {code?: string; message?: string}) => {
      assert.equal(e.code, code, e.message);
      assert.match(e.message!, message);
      for (const secret of [google.client.secret, google.client.refreshToken, zoom.creds.clientSecret]) assert.ok(!e.message!.includes(secret), 'no credential in the message');
      return true;
    });
  };
  google.fail(1, 503, 'Backend Error');
  await expect(service.schedule(booking('google-meet')), 'unavailable', /Google Calendar failed \(HTTP 503\): Backend Error/);
  google.fail(1, 400, 'Invalid conference type value.');
  await expect(service.schedule(booking('google-meet')), 'bad_request', /Google Calendar rejected the request \(HTTP 400\)/);
  zoom.fail(1, 429, 429, "You have reached the maximum per-second rate limit for this API. Try again later.");
  await expect(service.schedule(booking('zoom')), 'unavailable', /Zoom is limiting requests/);
  zoom.fail(1, 500, 500, 'Internal error');
  await expect(service.schedule(booking('zoom')), 'unavailable', /Zoom failed \(HTTP 500\)/);
  await google.close();
  await expect(service.schedule(booking('google-meet')), 'unavailable', /Google Calendar could not be reached/);
  assert.equal(await consultationModel(db).countDocuments(), 0);
  assert.equal(await outboxModel(db).countDocuments(), 0);
  await mod.mailer.worker!.drain();
  assert.equal(resend.emails.length, 0);

  // Wrong credentials are a configuration problem, reported without the secret.
  const badGoogle = await startGoogleStandin();
  const {service: s2} = await consultationsModule({...googleEnv(badGoogle), GOOGLE_REFRESH_TOKEN: '1//revoked-token-value'}, {now: clock});
  await expect(s2.schedule(booking('google-meet')), 'unavailable', /Google sign-in refused our credentials: invalid_grant: Token has been expired or revoked/);
  const badZoom = await startZoomStandin();
  const {service: s3} = await consultationsModule({...zoomEnv(badZoom), ZOOM_CLIENT_SECRET: 'wrong-zoom-secret'}, {now: clock});
  await assert.rejects(s3.schedule(booking('zoom')), (e: {code?: string; message?: string}) => e.code === 'unavailable' && /Zoom sign-in refused our credentials/.test(e.message!) && !e.message!.includes('wrong-zoom-secret'));
});

test('Zoom: the join link is the one Zoom returned; the token is cached; moves PATCH, cancels DELETE', async () => {
  const zoom = await startZoomStandin();
  const {service} = await consultationsModule(zoomEnv(zoom), {now: clock});
  const r = await service.schedule(booking('zoom'));
  const [meeting] = zoom.liveMeetings();
  assert.equal(r.consultation.joinUrl, meeting.joinUrl, "Zoom's link, not one we made up");
  assert.equal(meeting.body.type, 2);
  assert.equal(meeting.body.start_time, '2030-03-20T08:00:00Z');
  assert.equal(meeting.body.duration, 45);
  assert.equal(meeting.body.timezone, 'Europe/Paris');
  const moved = await service.reschedule({consultationId: r.consultation.id, start: paris('2030-03-20T15:00'), durationMinutes: 60});
  assert.equal(moved.consultation.joinUrl, meeting.joinUrl);
  assert.equal(meeting.body.start_time, '2030-03-20T14:00:00Z');
  assert.equal(meeting.body.duration, 60);
  zoom.expireTokens();
  await service.cancel({consultationId: r.consultation.id});
  assert.equal(zoom.liveMeetings().length, 0, 'meeting deleted');
  assert.equal(zoom.tokenRequests, 2, 'one token for the first three calls, one after it expired');
});

test('a failed database write after the provider created the meeting deletes that meeting', async () => {
  const zoom = await startZoomStandin();
  const {db, uri} = await testDbWithUri();
  const {service} = await consultationsModule(zoomEnv(zoom), {now: clock, db});
  // The database goes away between Zoom creating the meeting and our write.
  zoom.onNextCreate(() => db.close());
  await assert.rejects(service.schedule(booking('zoom')));
  assert.equal(zoom.meetings.size, 1, 'Zoom did create one');
  assert.equal(zoom.liveMeetings().length, 0, 'and it was deleted again');
  const check = await connectDatabase(uri);
  try {
    assert.equal(await consultationModel(check).countDocuments(), 0);
  } finally {
    await check.close();
  }
});

test('only configured providers are offered; half a configuration stops the start', () => {
  const base = loadConfig(tempDirConfig());
  assert.deepEqual(availableProviders(base), ['jitsi', 'personal']);
  assert.deepEqual(availableProviders(base, {personalMeetingUrl: null}), ['jitsi']);
  const both = loadConfig(tempDirConfig({GOOGLE_CLIENT_ID: 'a', GOOGLE_CLIENT_SECRET: 'b', GOOGLE_REFRESH_TOKEN: 'c', ZOOM_ACCOUNT_ID: 'x', ZOOM_CLIENT_ID: 'y', ZOOM_CLIENT_SECRET: 'z'}));
  assert.deepEqual(availableProviders(both, {personalMeetingUrl: 'https://meet.google.com/abc-defg-hij'}), ['jitsi', 'google-meet', 'zoom', 'personal']);
  assert.throws(() => loadConfig(tempDirConfig({ZOOM_ACCOUNT_ID: 'x', ZOOM_CLIENT_ID: 'y'})), (e: unknown) => e instanceof ConfigError && /ZOOM_CLIENT_SECRET: required with ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID/.test(e.message));
  assert.throws(() => loadConfig(tempDirConfig({GOOGLE_SERVICE_ACCOUNT_EMAIL: 'a@b.iam.gserviceaccount.com', GOOGLE_SERVICE_ACCOUNT_KEY: 'not a key', GOOGLE_IMPERSONATE: 'lea@firm.example'})), (e: unknown) => e instanceof ConfigError && /GOOGLE_SERVICE_ACCOUNT_KEY: not a PEM private key/.test(e.message));
  assert.throws(() => loadConfig(tempDirConfig({JITSI_BASE_URL: 'not a url'})), (e: unknown) => e instanceof ConfigError && /JITSI_BASE_URL/.test(e.message));
});
