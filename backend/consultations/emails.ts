// The consultation emails: invites (booked, moved, cancelled) and reminders, one per person,
// each in that person's language and time zone, built from the one layout (mail/templates).
// Only scheduling facts and the lawyer's preparation notes go in: never anything said in the chat.
import type {Consultation, ConsultationEvent} from '../models/consultation.js';
import type {EmailInput} from '../mail/outbox.js';
import {formatDate, formatOffset, formatTime, timeZoneCity} from '../../protocol/time.js';
import {PROVIDER_NAMES} from '../../protocol/consultation.js';
import {buildInvite, hostedIcsPath, icsSignature, inviteContentType, type InviteMethod} from './ics.js';
import {jitsiHostNote} from './providers/jitsi.js';
import {renderEmail, type Block, type Brand} from '../mail/templates/layout.js';
import {EMAIL_STRINGS, LOCALES, emailLang, type EmailLang} from '../mail/templates/strings.js';

export type Role = 'lawyer' | 'applicant';
/** What an email announces: a change (with the .ics) or a reminder before the start. */
export type EmailEvent = ConsultationEvent | 'reminder-24h' | 'reminder-1h';

export interface EmailContext {
  publicUrl: string;
  /** Signs the hosted .ics and calendar links. */
  icsSecret: string;
  firmName?: string | null;
  brand?: Brand | null;
  now?: Date;
  /** Where the consultation was before a reschedule, for "moved from … to …". */
  previous?: {start: Date; end: Date} | null;
  /** The applicant's signed reschedule/cancel links. */
  selfService?: ((c: Consultation) => {reschedule: string; cancel: string} | null) | null;
}

function methodFor(event: ConsultationEvent): InviteMethod {
  return event === 'cancelled' ? 'CANCEL' : 'REQUEST';
}

// English readers get a 12-hour clock ("Thu, Mar 12, 9:00 AM"); French and Spanish a 24-hour one.
const US = 'en-US';
/** Before AM/PM, a no-break space (Intl gives a space or a narrow one some mail fonts lack): "3:45 AM" stays on one line. */
const plain = (s: string) => s.replace(/[\s\u202f]([AP]M)\b/g, '\u00a0$1');

/** "9:00 AM" in English, "09:00" in French and Spanish. */
export function clockTime(at: Date, tz: string, lang: EmailLang): string {
  return lang === 'en' ? plain(new Intl.DateTimeFormat(US, {timeZone: tz, hour: 'numeric', minute: '2-digit'}).format(at)) : formatTime(at, tz, LOCALES[lang]);
}

/** "9:00–9:45 AM" (one AM/PM when both share it), "11:30 AM–12:15 PM"; "09:00–09:45" in fr/es. */
function timeRange(start: Date, end: Date, tz: string, lang: EmailLang): string {
  const a = clockTime(start, tz, lang);
  const b = clockTime(end, tz, lang);
  const half = (s: string) => /\u00a0[AP]M$/.exec(s)?.[0];
  return lang === 'en' && half(a) === half(b) ? `${a.slice(0, -3)}–${b}` : `${a}–${b}`;
}

/** "Wednesday, March 20, 2030, 4:00–4:45 AM (New York time, GMT-4)"; "mercredi 20 mars 2030, 09:00–09:45 (heure de Paris, UTC+1)". */
export function whenLine(start: Date, end: Date, tz: string, lang: EmailLang): string {
  const l = lang === 'en' ? US : LOCALES[lang];
  return `${formatDate(start, tz, l)}, ${timeRange(start, end, tz, lang)} (${EMAIL_STRINGS[lang].zone(timeZoneCity(tz))}, ${formatOffset(start, tz, l)})`;
}

/** "Thu 9:00 AM" (fr/es: "jeu. 09:00") for "moved from … to …" lines; with the date when the two are a week or more apart. */
export function shortMoment(at: Date, tz: string, lang: EmailLang, other: Date): string {
  const far = Math.abs(at.getTime() - other.getTime()) >= 6 * 86_400_000;
  return plain(new Intl.DateTimeFormat(lang === 'en' ? US : LOCALES[lang], {timeZone: tz, weekday: 'short', ...(far ? {day: 'numeric', month: 'short'} as const : {}), hour: lang === 'en' ? 'numeric' : '2-digit', minute: '2-digit'}).format(at));
}

/** Short links that redirect to the calendar apps with the current time filled in. */
export function calendarLinks(publicUrl: string, consultationId: string, secret: string) {
  const base = `${publicUrl}/consultations/${consultationId}/${icsSignature(consultationId, secret)}`;
  return {google: `${base}/google`, outlook: `${base}/outlook`, ics: `${publicUrl}${hostedIcsPath(consultationId, secret)}`};
}

export function emailFor(c: Consultation, role: Role, event: EmailEvent, ctx: EmailContext): EmailInput | null {
  const person = role === 'lawyer' ? c.lawyer : c.applicant;
  if (!person.email) return null;
  const lang = emailLang(role === 'lawyer' ? c.lawyerLang : c.applicantLang);
  const t = EMAIL_STRINGS[lang];
  const tz = role === 'lawyer' ? c.lawyerTimeZone : c.applicantTimeZone;
  const who = role === 'lawyer' ? c.applicant.name || t.yourClient : c.lawyer.name || t.yourLawyer;
  const firm = ctx.brand?.name ?? ctx.firmName ?? 'Consult Chat';
  const when = whenLine(c.start, c.end, tz, lang);
  const whenShort = when.replace(/\s*\(.*\)$/, '');
  const cancelled = event === 'cancelled';
  const reminder = event === 'reminder-24h' || event === 'reminder-1h' ? (event === 'reminder-1h' ? '1h' : '24h') : null;
  const via = PROVIDER_NAMES[c.provider] || new URL(c.joinUrl).hostname;
  const hostNote = role === 'lawyer' && !cancelled && jitsiHostNote(c.joinUrl) ? t.jitsiHost : null;
  const cal = calendarLinks(ctx.publicUrl, String(c._id), ctx.icsSecret);
  const manage = role === 'applicant' && !cancelled ? ctx.selfService?.(c) ?? null : null;

  const intro = cancelled ? t.cancelled(who) : reminder ? t.reminder(who, reminder) : event === 'rescheduled' ? t.rescheduled(who) : t.booked(who);
  const blocks: Block[] = [{kind: 'p', text: t.greeting(person.name)}, {kind: 'p', text: intro, strong: true}];
  if (event === 'rescheduled' && ctx.previous) {
    blocks.push({kind: 'p', text: t.moved(shortMoment(ctx.previous.start, tz, lang, c.start), shortMoment(c.start, tz, lang, ctx.previous.start), t.zone(timeZoneCity(tz)))});
  }
  blocks.push({kind: 'facts', rows: [[t.when, when], [t.with, who], ...(cancelled ? [] : [[t.via, via] as [string, string]])]});
  if (!cancelled) blocks.push({kind: 'button', link: {href: c.joinUrl, label: t.join}});
  if (c.notes && !cancelled) blocks.push({kind: 'note', title: t.prepare, text: c.notes});
  if (hostNote) blocks.push({kind: 'note', title: 'Jitsi', text: hostNote});
  if (!cancelled) {
    blocks.push({kind: 'links', label: t.addToCalendar, links: [{href: cal.google, label: t.google}, {href: cal.outlook, label: t.outlook}, {href: cal.ics, label: t.icsFile}]});
  }
  if (!reminder) blocks.push({kind: 'small', text: cancelled ? t.removedByInvite : t.attached});
  if (manage) blocks.push({kind: 'small', text: t.manage, links: [{href: manage.reschedule, label: t.reschedule}, {href: manage.cancel, label: t.cancel}]});

  const subject = cancelled ? t.subjectCancelled(who)
    : reminder ? t.subjectReminder(who, reminder, whenShort)
      : event === 'rescheduled' ? t.subjectRescheduled(who, whenShort) : t.subjectBooked(who, whenShort);
  const {html, text} = renderEmail({brand: {name: firm, logoUrl: ctx.brand?.logoUrl, accent: ctx.brand?.accent}, lang, title: subject, blocks, footer: t.footer(firm)});

  const attachments = reminder ? [] : [{
    filename: 'invite.ics',
    contentType: inviteContentType(methodFor(event as ConsultationEvent)),
    content: buildInvite({
      method: methodFor(event as ConsultationEvent),
      uid: c.icalUid,
      sequence: c.sequence,
      start: c.start,
      end: c.end,
      stamp: ctx.now,
      summary: `Video consultation with ${role === 'lawyer' ? c.applicant.name || 'your client' : c.lawyer.name || 'your lawyer'}`,
      description: [cancelled ? 'This consultation has been cancelled.' : `Join (${via}): ${c.joinUrl}`, ...(hostNote ? ['', hostNote] : [])].join('\n'),
      joinUrl: c.joinUrl,
      organizer: {name: c.lawyer.name, email: c.lawyer.email!},
      attendees: c.applicant.email ? [{name: c.applicant.name, email: c.applicant.email}] : [],
    }),
  }];

  return {
    to: person.email,
    // Replies reach the other person, not a no-reply mailbox.
    replyTo: role === 'applicant' ? c.lawyer.email ?? undefined : c.applicant.email ?? undefined,
    subject,
    text,
    html,
    attachments,
  };
}

/** The downloadable calendar file: the current state, without anyone's address but the organizer's. */
export function publishedIcs(c: Consultation, now?: Date): string {
  return buildInvite({
    method: 'PUBLISH',
    uid: c.icalUid,
    sequence: c.sequence,
    start: c.start,
    end: c.end,
    stamp: now,
    summary: 'Video consultation',
    description: c.status === 'cancelled' ? 'This consultation has been cancelled.' : `Join: ${c.joinUrl}`,
    joinUrl: c.joinUrl,
    organizer: {name: c.lawyer.name, email: c.lawyer.email!},
    attendees: [],
    cancelled: c.status === 'cancelled',
  });
}
