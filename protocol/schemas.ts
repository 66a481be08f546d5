// Input schemas of every client action, and the field rules they are built from. They are the
// one source of validation (backend) and of the request types (events.ts, rest.ts import them
// as types only, so zod never lands in the widget bundles). Strict objects: unknown keys are
// refused, so operator-shaped payloads ({"$gt": ""}) never reach a query.
import {z} from 'zod';
import {MESSAGE_MAX_LENGTH, PAGE_MAX} from './chat.js';
import {ATTACHMENT_CAPTION_MAX} from './attachments.js';
import {MAX_CONSULTATION_MINUTES, MIN_CONSULTATION_MINUTES, PROVIDERS} from './consultation.js';
import {canonicalTimeZone} from './time.js';
import {BOOKING_MODES} from './booking.js';
import {settingsSchemas} from './settings-schemas.js';
import {WEBHOOK_EVENTS} from './integrations.js';

export const OBJECT_ID = /^[0-9a-f]{24}$/i;
/** A database id; `what` names the field in the message. */
export const objectId = (what: string) => z.string().regex(OBJECT_ID, `${what} must be a 24-character hex id`);
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

export const shortText = (max: number) => z.string().max(max).transform(cleanText).pipe(z.string().min(1, 'must not be empty'));
export const email = z.string().max(320).transform((s) => s.trim().toLowerCase()).pipe(z.email('is not a valid email address'));
/** An IANA zone, canonicalised (`europe/paris` → `Europe/Paris`). */
export const timeZone = z.string().transform((v, ctx) => {
  const tz = canonicalTimeZone(v);
  if (!tz) ctx.addIssue({code: 'custom', message: `"${String(v).slice(0, 64)}" is not a known IANA time zone (like Europe/Paris)`});
  return tz ?? '';
});
export const isoInstant = z.iso.datetime({offset: true, error: 'must be an ISO 8601 date-time with a zone, like 2030-03-20T08:00:00Z'});
export const consultationMinutes = z.number({error: 'durationMinutes must be a number'}).int('durationMinutes must be whole minutes')
  .min(MIN_CONSULTATION_MINUTES, `a consultation lasts at least ${MIN_CONSULTATION_MINUTES} minutes`)
  .max(MAX_CONSULTATION_MINUTES, `a consultation lasts at most ${MAX_CONSULTATION_MINUTES} minutes`);
export const providerId = z.enum(PROVIDERS, {error: `provider must be one of ${PROVIDERS.join(', ')}`});
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time like 09:00');
const weeklyHours = z.strictObject({day: z.number().int().min(0).max(6), start: hhmm, end: hhmm})
  .refine((h) => h.start < h.end, 'end must be after start');
const localDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date like 2030-03-28');
const pageLimit = z.number().int().min(1).max(PAGE_MAX).optional();
const conversationId = objectId('conversationId');
const consultationId = objectId('consultationId');

const widgetLang = z.enum(['en', 'fr', 'es'], {error: 'lang must be en, fr or es'});

export const schemas = {
  widgetSession: z.strictObject({
    siteKey: z.string().min(8).max(100),
    /** Returned by an earlier session; with the secret it resumes the same applicant. */
    visitorId: objectId('visitorId').optional(),
    visitorSecret: z.string().min(16).max(200).optional(),
    /** A JWT (HS256) the host site signs with the firm's identity secret: {email, name}. */
    identityToken: z.string().min(10).max(4096).optional(),
    name: shortText(200).optional(),
    email: email.optional(),
    timeZone: timeZone.optional(),
    /** The widget's language, for the emails the applicant receives. */
    lang: widgetLang.optional(),
    /** The page the widget runs on (kept only when on the request's origin), its referrer, the browser's language. */
    pageUrl: z.string().max(2000).optional(),
    referrer: z.string().max(2000).optional(),
    language: z.string().max(64).optional(),
    phone: z.string().max(40).transform(cleanText).pipe(z.string().regex(/^\+?[0-9 ().-]{5,30}$/, 'is not a phone number')).optional(),
    /** The visitor submitted the pre-chat form: required fields are checked against the firm's. */
    intake: z.literal(true).optional(),
    /** The version of the firm's notice the visitor accepted, and in which language it was shown. */
    consentVersion: z.number().int().min(1).max(1_000_000).optional(),
    consentLang: z.enum(['en', 'fr', 'es']).optional(),
  }),
  login: z.strictObject({email, password: z.string().min(1).max(1024)}),
  empty: z.strictObject({}),
  openConversation: z.strictObject({topic: shortText(200).optional()}),
  conversationRef: z.strictObject({conversationId}),
  applicantRef: z.strictObject({id: objectId('id')}),
  assign: z.strictObject({conversationId, lawyerId: objectId('lawyerId')}),
  /** `note`: lawyers only; seen by the firm's lawyers and nobody else. */
  send: z.strictObject({conversationId, clientId, body: messageBody, note: z.boolean().optional()}),
  sync: z.strictObject({conversationId, afterSeq: seq, limit: pageLimit}),
  history: z.strictObject({conversationId, beforeSeq: seq, limit: pageLimit}),
  deleteMessage: z.strictObject({conversationId, messageId: objectId('messageId')}),
  cursor: z.strictObject({conversationId, seq}),
  listConversations: z.strictObject({
    status: z.enum(['open', 'closed', 'all']).default('open'),
    assigned: z.enum(['me', 'unassigned', 'all']).default('all'),
    before: z.iso.datetime().optional(),
    limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(30),
  }),
  scheduleConsultation: z.strictObject({
    conversationId, start: isoInstant, durationMinutes: consultationMinutes, provider: providerId,
    /** What the applicant should prepare; shown in their emails. */
    notes: z.string().max(2000).transform(cleanText).optional(),
  }),
  rescheduleConsultation: z.strictObject({consultationId, start: isoInstant, durationMinutes: consultationMinutes.optional()}),
  consultationRef: z.strictObject({consultationId}),
  // --- booking (see protocol/booking.ts) ---
  /** Whose availability: the caller's own unless an owner names another lawyer of the firm. */
  availabilityRef: z.strictObject({lawyerId: objectId('lawyerId').optional()}),
  availability: z.strictObject({
    lawyerId: objectId('lawyerId').optional(),
    timeZone: timeZone.optional(),
    weekly: z.array(weeklyHours).max(28),
    datesOff: z.array(localDate).max(366).default([]),
    minNoticeMinutes: z.number().int().min(0).max(30 * 24 * 60),
    bufferMinutes: z.number().int().min(0).max(240),
    durations: z.array(consultationMinutes).min(1).max(8),
    providers: z.array(providerId).min(1).max(4),
  }),
  bookingMode: z.strictObject({mode: z.enum(BOOKING_MODES, {error: `mode must be one of ${BOOKING_MODES.join(', ')}`})}),
  bookingSlots: z.strictObject({conversationId, durationMinutes: consultationMinutes.optional()}),
  /** `lang`: the widget's language, so the applicant's emails speak it. */
  book: z.strictObject({conversationId, start: isoInstant, durationMinutes: consultationMinutes, provider: providerId.optional(), lawyerId: objectId('lawyerId').optional(), lang: widgetLang.optional()}),
  /** A booking request (firm mode `request`): accept it, see the times the lawyer may propose. */
  bookingRequestRef: z.strictObject({requestId: objectId('requestId')}),
  proposeBooking: z.strictObject({requestId: objectId('requestId'), start: isoInstant}),
  /** `reason`: optional words for the visitor. */
  declineBooking: z.strictObject({requestId: objectId('requestId'), reason: z.string().max(2000).transform(cleanText).pipe(z.string().max(500, 'reason must be at most 500 characters')).optional()}),
  /** An email's signed reschedule link, used from the widget's picker (the token is the authority). */
  bookingLink: z.strictObject({token: z.string().min(1).max(120, 'token is at most 120 characters')}),
  bookingLinkMove: z.strictObject({token: z.string().min(1).max(120, 'token is at most 120 characters'), start: isoInstant}),
  contactRequestCode: z.strictObject({email, name: shortText(200).optional(), lang: widgetLang.optional()}),
  contactVerify: z.strictObject({code: z.string().regex(/^\d{6}$/, 'code must be the 6 digits from the email')}),
  /** The text fields of a multipart upload (the file itself streams past validation). */
  uploadAttachment: z.strictObject({conversationId, clientId, caption: z.string().max(ATTACHMENT_CAPTION_MAX * 4).transform(cleanText).pipe(z.string().max(ATTACHMENT_CAPTION_MAX, `caption must be at most ${ATTACHMENT_CAPTION_MAX} characters`)).optional()}),
  attachmentLink: z.strictObject({attachmentId: objectId('attachmentId'), inline: z.enum(['0', '1']).optional()}),
  createReply: z.strictObject({
    shortcut: z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]{0,31}$/u, 'must be 1–32 letters, digits, - or _'),
    body: messageBody,
    /** Firm-wide (owners only) rather than the lawyer's own. */
    shared: z.boolean().default(false),
  }),
  replyRef: z.strictObject({id: objectId('id')}),
  rate: z.strictObject({conversationId, score: z.number().int().min(1, 'score is 1 to 5').max(5, 'score is 1 to 5'), comment: shortText(1000).optional()}),
  search: z.strictObject({
    q: z.string().max(200, 'q is at most 200 characters').transform(cleanText).pipe(z.string().trim().min(1, 'q must not be empty')),
    before: z.string().max(40).optional(),
    limit: z.coerce.number().int().min(1).max(50).optional(),
  }),
  transcriptEmail: z.strictObject({conversationId}),
  ratingReport: z.strictObject({months: z.coerce.number().int().min(1).max(24).default(6)}),
  ...settingsSchemas,
  // Integrations (firm owner): API keys and webhook endpoints.
  createApiKey: z.strictObject({name: shortText(100), scope: z.enum(['read', 'read-write'], {error: 'scope must be read or read-write'})}),
  idRef: z.strictObject({id: objectId('id')}),
  createWebhook: z.strictObject({
    url: z.string().max(2048).pipe(z.url({protocol: /^https?$/, error: 'must be an http(s) URL'})),
    events: z.array(z.enum(WEBHOOK_EVENTS, {error: `events must be among ${WEBHOOK_EVENTS.join(', ')}`})).min(1).max(WEBHOOK_EVENTS.length),
    description: shortText(200).optional(),
  }),
  webhookDeliveries: z.strictObject({id: objectId('id'), limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(30)}),
};

export type Schemas = typeof schemas;
/** What a client sends for one action. */
export type Input<K extends keyof Schemas> = z.input<Schemas[K]>;
/** The same after validation (defaults filled, text cleaned). */
export type Valid<K extends keyof Schemas> = z.output<Schemas[K]>;
