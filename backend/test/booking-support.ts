// Shared by the booking tests: a firm that takes bookings, a lawyer with hours, and visitors
// who verify their email the real way (code read from the outbox).
import {outboxModel} from '../models/outbox.js';
import type {Services} from '../services/index.js';
import {FIRM_ORIGIN, applicantSession, post} from './chat-fixture.js';
import type {WidgetSessionResponse} from '../../protocol/rest.js';
import type {Connection} from 'mongoose';

export const allWeek = (start: string, end: string) => [0, 1, 2, 3, 4, 5, 6].map((day) => ({day, start, end}));

export async function enableBooking(services: Pick<Services, 'models' | 'booking'>, firmId: string, lawyerId: string, rules: Record<string, unknown> = {}) {
  await services.models.Firm.updateOne({_id: firmId}, {$set: {'booking.mode': 'instant'}});
  return services.booking.availability.set({kind: 'lawyer', id: lawyerId, firmId, name: null, role: 'owner'}, {
    timeZone: 'UTC', weekly: allWeek('08:00', '20:00'), datesOff: [], minNoticeMinutes: 0, bufferMinutes: 0, durations: [30, 60], providers: ['jitsi'], ...rules,
  } as never);
}

/** REST as one caller; lawyers call from the backend's own origin (the console's). */
export const api = (url: string, token: string, origin = FIRM_ORIGIN) => ({
  get: async (path: string) => {
    const res = await fetch(`${url}/api/v1${path}`, {headers: {authorization: `Bearer ${token}`, origin}});
    return {status: res.status, body: await res.json()};
  },
  post: (path: string, body: unknown) => post<any>(`${url}/api/v1${path}`, body, {authorization: `Bearer ${token}`, origin}),
});

/** The code in the latest verification email to `email`. */
export async function codeFor(db: Connection, email: string): Promise<string> {
  const job = await outboxModel(db).findOne({kind: 'contact.verify', 'payload.to': email}).sort({createdAt: -1}).lean();
  return /^(\d{6}) /.exec(job!.payload.subject)![1];
}

/** A visitor with an open conversation and a verified email. */
export async function verifiedVisitor(url: string, siteKey: string, db: Connection, email: string, extra: Record<string, unknown> = {}): Promise<{session: WidgetSessionResponse; conversationId: string; client: ReturnType<typeof api>}> {
  const session = await applicantSession({url, siteKey}, extra);
  const client = api(url, session.token);
  const conv = await client.post('/conversations', {});
  const sent = await client.post('/contact/code', {email, name: 'Sam Carter'});
  if (sent.status !== 200) throw new Error(`code request: ${JSON.stringify(sent.body)}`);
  const verified = await client.post('/contact/verify', {code: await codeFor(db, email)});
  if (!verified.body.verified) throw new Error(`verify: ${JSON.stringify(verified.body)}`);
  return {session, conversationId: conv.body.id, client};
}
