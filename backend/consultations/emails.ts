// The invite emails: one per person, each showing the time in that person's own zone, with
// the .ics attached and "add to calendar" links. Only scheduling facts go in: never anything
// said in the chat.
import type {Consultation, ConsultationEvent} from '../models/consultation.js';
import type {EmailInput} from '../mail/outbox.js';
import {formatConsultationTime} from '../../protocol/time.js';
import {buildInvite, googleCalendarUrl, hostedIcsPath, inviteContentType, outlookCalendarUrl, type InviteMethod} from './ics.js';
import {jitsiHostNote} from './providers/jitsi.js';
import {escapeHtml as esc} from '../html.js';

export type Role = 'lawyer' | 'applicant';

export interface EmailContext {
  publicUrl: string;
  /** Signs the hosted .ics link. */
  icsSecret: string;
  firmName?: string | null;
  now?: Date;
}


const PROVIDER_NAMES: Record<Consultation['provider'], string> = {
  'jitsi': 'Jitsi Meet',
  'google-meet': 'Google Meet',
  'zoom': 'Zoom',
  'personal': 'video meeting',
};

function methodFor(event: ConsultationEvent): InviteMethod {
  return event === 'cancelled' ? 'CANCEL' : 'REQUEST';
}

/** Who the other person is, as this recipient should read it. */
function counterpart(c: Consultation, role: Role): string {
  return role === 'lawyer' ? c.applicant.name || 'your client' : c.lawyer.name || 'your lawyer';
}

function subjectFor(c: Consultation, role: Role, event: ConsultationEvent, when: string): string {
  const who = counterpart(c, role);
  if (event === 'cancelled') return `Cancelled: video consultation with ${who}`;
  if (event === 'rescheduled') return `New time: video consultation with ${who}, ${when}`;
  return `Video consultation with ${who}, ${when}`;
}

/** The summary calendar apps show for this person. */
function summaryFor(c: Consultation, role: Role): string {
  return `Video consultation with ${counterpart(c, role)}`;
}

export function emailFor(c: Consultation, role: Role, event: ConsultationEvent, ctx: EmailContext): EmailInput | null {
  const person = role === 'lawyer' ? c.lawyer : c.applicant;
  if (!person.email) return null;
  const tz = role === 'lawyer' ? c.lawyerTimeZone : c.applicantTimeZone;
  const when = formatConsultationTime(c.start, c.end, tz);
  const whenShort = when.replace(/\s*\(.*\)$/, '');
  const hostNote = role === 'lawyer' ? jitsiHostNote(c.joinUrl) : null;
  const cancelled = event === 'cancelled';
  const via = PROVIDER_NAMES[c.provider];
  const firm = ctx.firmName ? ` (${ctx.firmName})` : '';
  const icsUrl = `${ctx.publicUrl}${hostedIcsPath(String(c._id), ctx.icsSecret)}`;
  const calendarEvent = {title: summaryFor(c, role), start: c.start, end: c.end, details: `Join: ${c.joinUrl}`, location: c.joinUrl};

  const intro = cancelled
    ? `Your video consultation with ${counterpart(c, role)}${role === 'applicant' ? firm : ''} has been cancelled.`
    : event === 'rescheduled'
      ? `Your video consultation with ${counterpart(c, role)}${role === 'applicant' ? firm : ''} has moved to a new time.`
      : `A video consultation with ${counterpart(c, role)}${role === 'applicant' ? firm : ''} is booked.`;

  const description = [
    cancelled ? 'This consultation has been cancelled.' : `Join (${via}): ${c.joinUrl}`,
    ...(hostNote && !cancelled ? ['', hostNote] : []),
  ].join('\n');

  const ics = buildInvite({
    method: methodFor(event),
    uid: c.icalUid,
    sequence: c.sequence,
    start: c.start,
    end: c.end,
    stamp: ctx.now,
    summary: summaryFor(c, role),
    description,
    joinUrl: c.joinUrl,
    organizer: {name: c.lawyer.name, email: c.lawyer.email!},
    attendees: c.applicant.email ? [{name: c.applicant.name, email: c.applicant.email}] : [],
  });

  const text = [
    intro,
    '',
    `When: ${when}`,
    ...(cancelled ? [] : [`Join (${via}): ${c.joinUrl}`]),
    ...(hostNote && !cancelled ? ['', hostNote] : []),
    '',
    ...(cancelled
      ? ['The calendar invite attached removes the event from your calendar.']
      : [
        'The attached invite (invite.ics) adds the consultation to your calendar. Or use:',
        `Google Calendar: ${googleCalendarUrl(calendarEvent)}`,
        `Outlook: ${outlookCalendarUrl(calendarEvent)}`,
        `Calendar file: ${icsUrl}`,
      ]),
  ].join('\n');

  const link = (href: string, label: string) => `<a href="${esc(href)}">${esc(label)}</a>`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b">
<p>${esc(intro)}</p>
<p><strong>When:</strong> ${esc(when)}</p>
${cancelled ? '' : `<p><strong>Join (${esc(via)}):</strong> ${link(c.joinUrl, c.joinUrl)}</p>`}
${hostNote && !cancelled ? `<p style="background:#fff6db;padding:.6em;border-radius:4px">${esc(hostNote)}</p>` : ''}
${cancelled
    ? '<p>The calendar invite attached removes the event from your calendar.</p>'
    : `<p>The attached invite adds the consultation to your calendar. Or add it to ${link(googleCalendarUrl(calendarEvent), 'Google Calendar')}, ${link(outlookCalendarUrl(calendarEvent), 'Outlook')}, or ${link(icsUrl, 'download the calendar file')}.</p>`}
</body></html>`;

  return {
    to: person.email,
    // Replies reach the other person, not a no-reply mailbox.
    replyTo: role === 'applicant' ? c.lawyer.email ?? undefined : c.applicant.email ?? undefined,
    subject: subjectFor(c, role, event, whenShort),
    text,
    html,
    attachments: [{filename: 'invite.ics', contentType: inviteContentType(methodFor(event)), content: ics}],
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
