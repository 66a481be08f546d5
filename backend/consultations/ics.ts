// iCalendar invites (RFC 5545/5546) and "add to calendar" links. One UID per consultation;
// every change re-sends the same UID with a higher SEQUENCE so calendars update in place.
// Times are written in UTC (`...Z`), never shifted by the server's local zone.
import {createHmac, timingSafeEqual} from 'node:crypto';
import ical, {ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus} from 'ical-generator';

export type InviteMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface InvitePerson {
  name: string | null;
  email: string;
}

export interface InviteInput {
  method: InviteMethod;
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  /** DTSTAMP; defaults to now. */
  stamp?: Date;
  summary: string;
  description: string;
  joinUrl: string;
  organizer: InvitePerson;
  /** People asked to attend; each is asked to reply (RSVP=TRUE). Left out of PUBLISH files. */
  attendees: InvitePerson[];
  /** Marks a PUBLISH copy of a cancelled event (CANCEL always is). */
  cancelled?: boolean;
}

const METHODS: Record<InviteMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

export function buildInvite(input: InviteInput): string {
  if (!(input.end.getTime() > input.start.getTime())) throw new RangeError('invite end must be after its start');
  if (!Number.isInteger(input.sequence) || input.sequence < 0) throw new RangeError('invite sequence must be a non-negative integer');
  const cal = ical({prodId: {company: 'Consult Chat', product: 'Consultations', language: 'EN'}, method: METHODS[input.method]});
  cal.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stamp ?? new Date(),
    start: input.start,
    end: input.end,
    summary: input.summary,
    description: input.description,
    location: input.joinUrl,
    url: input.joinUrl,
    status: input.method === 'CANCEL' || input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: {name: input.organizer.name || input.organizer.email, email: input.organizer.email},
    // A published (downloadable) copy names nobody but the organizer: the link may be forwarded.
    attendees: input.method === 'PUBLISH' ? [] : [
      // The organizer attends too, already accepted; only the invitees are asked to reply.
      {email: input.organizer.email, name: input.organizer.name, role: ICalAttendeeRole.CHAIR, status: ICalAttendeeStatus.ACCEPTED, rsvp: false},
      ...input.attendees
        .filter((a) => a.email.toLowerCase() !== input.organizer.email.toLowerCase())
        .map((a) => ({email: a.email, name: a.name, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: true})),
    ],
  });
  return cal.toString();
}

/** The MIME type mail clients look for to show Accept/Decline (or to remove the event). */
export function inviteContentType(method: InviteMethod): string {
  return `text/calendar; charset=utf-8; method=${method}`;
}

export interface CalendarLinkInput {
  title: string;
  start: Date;
  end: Date;
  details: string;
  location: string;
}

/** `20300320T080000Z`: the compact UTC form Google's template links expect. */
function compactUtc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A link that opens Google Calendar with the event filled in. */
export function googleCalendarUrl(e: CalendarLinkInput): string {
  const q = new URLSearchParams({action: 'TEMPLATE', text: e.title, dates: `${compactUtc(e.start)}/${compactUtc(e.end)}`, details: e.details, location: e.location});
  return `https://calendar.google.com/calendar/render?${q}`;
}

/** A link that opens Outlook on the web (personal accounts: outlook.live.com) on a new event. */
export function outlookCalendarUrl(e: CalendarLinkInput, host: 'outlook.live.com' | 'outlook.office.com' = 'outlook.live.com'): string {
  const q = new URLSearchParams({
    path: '/calendar/action/compose', rru: 'addevent', subject: e.title,
    startdt: e.start.toISOString(), enddt: e.end.toISOString(), body: e.details, location: e.location,
  });
  return `https://${host}/calendar/0/action/compose?${q}`;
}

/**
 * The hosted .ics is reachable by whoever holds its link (a capability, like the email
 * itself), so the path carries an HMAC of the consultation id rather than a session token.
 */
export function icsSignature(consultationId: string, secret: string): string {
  return createHmac('sha256', `${secret}:consultation-ics`).update(consultationId).digest('base64url').slice(0, 32);
}

export function hostedIcsPath(consultationId: string, secret: string): string {
  return `/consultations/${consultationId}/${icsSignature(consultationId, secret)}/invite.ics`;
}

export function verifyIcsSignature(consultationId: string, signature: string, secret: string): boolean {
  const expected = Buffer.from(icsSignature(consultationId, secret));
  const given = Buffer.from(String(signature));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
