// Input schemas of the owner's settings, lawyer administration and invitations. Every refusal
// names its field (the zod issue path), so the console can put the message next to it.
import {z} from 'zod';
import {canonicalTimeZone} from './time.js';
import {FIELD_MODES, LANGS} from './settings.js';
import {BOOKING_MODES} from './booking.js';
import {ATTACHMENT_TYPE_IDS} from './attachments.js';

const OBJECT_ID = /^[0-9a-f]{24}$/i;
const id = (what: string) => z.string().regex(OBJECT_ID, `${what} must be a 24-character hex id`);
const trimmed = (max: number, what: string) => z.string().max(max, `${what} must be at most ${max} characters`).transform((s) => s.trim());
const address = z.string().max(320).transform((s) => s.trim().toLowerCase()).pipe(z.email('is not a valid email address'));
const zone = z.string().max(64).transform((v, ctx) => {
  const tz = canonicalTimeZone(v);
  if (!tz) ctx.addIssue({code: 'custom', message: `"${v.slice(0, 64)}" is not a known IANA time zone (like Europe/Paris)`});
  return tz ?? '';
});

/** `scheme://host[:port]`, lowercase: the form browsers send in `Origin`. */
export const origin = z.string().max(300).transform((v, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(v.trim());
  } catch {
    // handled below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    ctx.addIssue({code: 'custom', message: `"${v.slice(0, 80)}" is not a web address like https://www.example.com`});
    return '';
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    ctx.addIssue({code: 'custom', message: `"${v.slice(0, 80)}" must be an origin only (scheme and host, like ${url.origin}), without a path`});
    return '';
  }
  return url.origin.toLowerCase();
});

export const accent = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f4e79');
const perLang = (max: number) => z.strictObject(Object.fromEntries(LANGS.map((l) => [l, trimmed(max, l).optional()])) as Record<(typeof LANGS)[number], z.ZodOptional<ReturnType<typeof trimmed>>>);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time like 09:00');
const day = z.number({error: 'must be a weekday number, 0 (Sunday) to 6 (Saturday)'}).int().min(0).max(6);
const mode = z.enum(FIELD_MODES, {error: `must be one of ${FIELD_MODES.join(', ')}`});
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2030-12-25').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'is not a real date');

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

export const hours = z.strictObject({
  enabled: z.boolean(),
  week: z.array(z.strictObject({day, open: clock, close: clock})).max(50),
  closedDates: z.array(date).max(366).default([]),
}).superRefine((h, ctx) => {
  h.week.forEach((s, i) => {
    if (minutes(s.open) >= minutes(s.close)) ctx.addIssue({code: 'custom', path: ['week', i], message: `opens at ${s.open} but closes at ${s.close}: the closing time must be later`});
  });
  h.week.forEach((a, i) => h.week.forEach((b, j) => {
    if (j <= i || a.day !== b.day) return;
    if (minutes(a.open) < minutes(b.close) && minutes(b.open) < minutes(a.close)) {
      ctx.addIssue({code: 'custom', path: ['week', j], message: `${b.open}–${b.close} overlaps ${a.open}–${a.close} on the same day`});
    }
  }));
  if (h.enabled && h.week.length === 0) ctx.addIssue({code: 'custom', path: ['week'], message: 'add at least one opening time, or switch business hours off'});
});

export const settingsSchemas = {
  updateSettings: z.strictObject({
    booking: z.strictObject({mode: z.enum(BOOKING_MODES, {error: `must be one of ${BOOKING_MODES.join(', ')}`})}).optional(),
    name: trimmed(200, 'name').pipe(z.string().min(1, 'the firm needs a name')).optional(),
    accent: accent.optional(),
    greetings: perLang(500).optional(),
    timeZone: zone.optional(),
    mail: z.strictObject({
      fromName: trimmed(100, 'fromName').nullable(),
      fromAddress: z.union([z.literal('').transform(() => null), address]).nullable(),
    }).optional(),
    allowedOrigins: z.array(origin).min(1, 'keep at least one allowed origin, or the chat works nowhere').max(50).optional(),
    prechat: z.strictObject({
      enabled: z.boolean(),
      fields: z.strictObject({name: mode, email: mode, phone: mode, topic: mode}),
      topics: z.array(trimmed(100, 'topic').pipe(z.string().min(1, 'a topic must not be empty'))).max(20).default([]),
    }).optional(),
    consent: z.strictObject({enabled: z.boolean(), texts: perLang(5000)}).superRefine((c, ctx) => {
      if (c.enabled && !c.texts.en) ctx.addIssue({code: 'custom', path: ['texts', 'en'], message: 'write the notice (at least in English) before switching consent on'});
    }).optional(),
    hours: hours.optional(),
    /** The document types visitors and lawyers may send (a subset of what the server accepts). */
    documentTypes: z.array(z.enum(ATTACHMENT_TYPE_IDS as [string, ...string[]], {error: `must be among ${ATTACHMENT_TYPE_IDS.join(', ')}`}))
      .min(1, 'keep at least one type, or no document can be sent').max(ATTACHMENT_TYPE_IDS.length).optional(),
    askEmail: z.strictObject({
      afterMinutes: z.number({error: 'must be a number of minutes'}).int('must be whole minutes').min(1, 'must be at least 1 minute').max(1440, 'at most 1440 minutes (a day)').nullable(),
      beforeScheduling: z.boolean().default(false),
    }).optional(),
    retentionDays: z.number({error: 'must be a number of days'}).int('must be whole days').min(1, 'must be at least 1 day').max(36500).nullable().optional(),
  }).refine((o) => Object.keys(o).length > 0, 'nothing to change'),
  uploadImage: z.strictObject({
    /** The image, base64; its type is sniffed from its bytes, never taken from the client. */
    data: z.string().min(8).max(30_000, 'the image is too large (20 KB at most)'),
  }),
  removeImage: z.strictObject({}),
  rotateSecret: z.strictObject({graceHours: z.number({error: 'must be a number of hours'}).int().min(0).max(24 * 30, 'at most 30 days (720 hours)')}),
  auditList: z.strictObject({before: z.iso.datetime().optional()}),
  inviteLawyer: z.strictObject({email: address, name: trimmed(200, 'name').pipe(z.string().min(1, 'must not be empty')), role: z.enum(['owner', 'lawyer']).default('lawyer')}),
  updateLawyer: z.strictObject({
    lawyerId: id('lawyerId'),
    name: trimmed(200, 'name').pipe(z.string().min(1, 'must not be empty')).optional(),
    role: z.enum(['owner', 'lawyer']).optional(),
    active: z.boolean().optional(),
    timeZone: zone.optional(),
    personalMeetingUrl: z.string().max(600).nullable().optional(),
    /** The language of the lawyer's emails (invitations, reminders). */
    lang: z.enum(LANGS, {error: `must be one of ${LANGS.join(', ')}`}).optional(),
  }).refine((o) => Object.keys(o).length > 1, 'nothing to change'),
  lawyerImage: z.strictObject({lawyerId: id('lawyerId'), data: z.string().min(8).max(30_000, 'the image is too large (20 KB at most)')}),
  acceptInvite: z.strictObject({token: z.string().min(20).max(200), password: z.string().min(10, 'must be at least 10 characters').max(1024)}),
};
