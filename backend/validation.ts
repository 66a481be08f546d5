// Input schemas shared by REST routes and socket handlers. Strict objects: unknown keys are
// refused, so operator-shaped payloads ({"$gt": ""}) never reach a query.
import {z} from 'zod';
import {MESSAGE_MAX_LENGTH, PAGE_MAX} from '../protocol/chat.js';
import {PROVIDERS} from '../protocol/consultation.js';

export const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'must be an id');
export const clientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _ (a UUID fits)');
export const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// Control characters other than tab and newline are stripped; so are bidi overrides that
// could disguise text, and carriage returns are normalised.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

export const messageBody = z
  .string()
  .max(MESSAGE_MAX_LENGTH * 4, `must be at most ${MESSAGE_MAX_LENGTH} characters`)
  .transform(cleanText)
  .pipe(z.string().min(1, 'must not be empty').max(MESSAGE_MAX_LENGTH, `must be at most ${MESSAGE_MAX_LENGTH} characters`));

const shortText = (max: number) => z.string().max(max).transform(cleanText).pipe(z.string().min(1, 'must not be empty'));
const email = z.string().max(320).transform((s) => s.trim().toLowerCase()).pipe(z.email('must be an email address'));
const timeZone = z.string().max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', {timeZone: tz});
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone');

export const schemas = {
  widgetSession: z.strictObject({
    siteKey: z.string().min(8).max(100),
    visitorId: objectId.optional(),
    visitorSecret: z.string().min(16).max(200).optional(),
    identityToken: z.string().min(10).max(4096).optional(),
    name: shortText(200).optional(),
    email: email.optional(),
    timeZone: timeZone.optional(),
  }),
  login: z.strictObject({email, password: z.string().min(1).max(1024)}),
  openConversation: z.strictObject({topic: shortText(200).optional()}),
  conversationRef: z.strictObject({conversationId: objectId}),
  applicantRef: z.strictObject({id: objectId}),
  assign: z.strictObject({conversationId: objectId, lawyerId: objectId}),
  send: z.strictObject({conversationId: objectId, clientId, body: messageBody}),
  sync: z.strictObject({conversationId: objectId, afterSeq: seq, limit: z.number().int().min(1).max(PAGE_MAX).optional()}),
  history: z.strictObject({conversationId: objectId, beforeSeq: seq, limit: z.number().int().min(1).max(PAGE_MAX).optional()}),
  deleteMessage: z.strictObject({conversationId: objectId, messageId: objectId}),
  cursor: z.strictObject({conversationId: objectId, seq}),
  listConversations: z.strictObject({
    status: z.enum(['open', 'closed', 'all']).default('open'),
    assigned: z.enum(['me', 'unassigned', 'all']).default('all'),
    before: z.iso.datetime().optional(),
    limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(30),
  }),
  scheduleConsultation: z.strictObject({
    conversationId: objectId,
    start: z.iso.datetime({offset: true}),
    durationMinutes: z.number().int(),
    provider: z.enum(PROVIDERS),
  }),
  rescheduleConsultation: z.strictObject({consultationId: objectId, start: z.iso.datetime({offset: true}), durationMinutes: z.number().int().optional()}),
  consultationRef: z.strictObject({consultationId: objectId}),
  empty: z.strictObject({}),
  timeZone,
  email,
};
