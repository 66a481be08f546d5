import {test} from 'node:test';
import assert from 'node:assert/strict';
import ical, {type VEvent} from 'node-ical';
import {buildInvite, googleCalendarUrl, hostedIcsPath, inviteContentType, outlookCalendarUrl, verifyIcsSignature} from '../consultations/ics.js';

const base = {
  uid: 'consultation-1@chat.firm.example',
  start: new Date('2030-03-20T08:00:00Z'),
  end: new Date('2030-03-20T08:45:00Z'),
  summary: 'Video consultation with Sam; "urgent", maybe',
  description: 'Join: https://meet.jit.si/Consult-abc\nSecond line',
  joinUrl: 'https://meet.jit.si/Consult-abc',
  organizer: {name: 'Léa Martin', email: 'lea@firm.example'},
  attendees: [{name: 'Sam Carter', email: 'sam@client.example'}],
};

function parse(text: string) {
  const cal = ical.sync.parseICS(text);
  const event = Object.values(cal).find((c) => c?.type === 'VEVENT') as VEvent;
  return {event, method: (cal.vcalendar as unknown as {method: string}).method};
}

test('a request carries UID, SEQUENCE, UTC times, organizer, attendees with RSVP and the join link', () => {
  const text = buildInvite({...base, method: 'REQUEST', sequence: 0});
  assert.match(text, /^METHOD:REQUEST\r$/m);
  assert.match(text, /^DTSTART:20300320T080000Z\r$/m, 'UTC, never a server-local time');
  assert.match(text, /^DTEND:20300320T084500Z\r$/m);
  const {event, method} = parse(text);
  assert.equal(method, 'REQUEST');
  assert.equal(event.uid, base.uid);
  assert.equal(Number(event.sequence), 0);
  assert.equal(event.start.toISOString(), '2030-03-20T08:00:00.000Z');
  assert.equal(event.status, 'CONFIRMED');
  assert.equal(event.summary, base.summary, 'special characters survive escaping');
  assert.equal(event.location, base.joinUrl);
  assert.equal((event.url as unknown as {val: string}).val ?? event.url, base.joinUrl);
  assert.match(String(event.description), /https:\/\/meet\.jit\.si\/Consult-abc\nSecond line/);
  assert.equal((event.organizer as {val: string}).val, 'mailto:lea@firm.example');
  const attendees = ([] as {params: Record<string, unknown>; val: string}[]).concat(event.attendee as never);
  const sam = attendees.find((a) => /sam@client\.example/i.test(a.val))!;
  assert.equal(sam.params.RSVP, true);
  assert.equal(sam.params.PARTSTAT, 'NEEDS-ACTION');
  const lea = attendees.find((a) => /lea@firm\.example/i.test(a.val))!;
  assert.equal(lea.params.PARTSTAT, 'ACCEPTED');
});

test('a cancel keeps the UID, raises SEQUENCE and says CANCELLED; a published copy names no attendee', () => {
  const {event, method} = parse(buildInvite({...base, method: 'CANCEL', sequence: 2}));
  assert.equal(method, 'CANCEL');
  assert.equal(event.uid, base.uid);
  assert.equal(Number(event.sequence), 2);
  assert.equal(event.status, 'CANCELLED');
  const published = buildInvite({...base, method: 'PUBLISH', sequence: 1});
  assert.doesNotMatch(published, /ATTENDEE/);
  assert.doesNotMatch(published, /sam@client/);
  assert.equal(inviteContentType('CANCEL'), 'text/calendar; charset=utf-8; method=CANCEL');
  assert.throws(() => buildInvite({...base, method: 'REQUEST', sequence: 0, end: base.start}), /end must be after/);
});

test('add-to-calendar links carry the UTC times and the join link', () => {
  const e = {title: 'Video consultation', start: base.start, end: base.end, details: 'Join: https://meet.jit.si/Consult-abc', location: base.joinUrl};
  const g = new URL(googleCalendarUrl(e));
  assert.equal(g.origin + g.pathname, 'https://calendar.google.com/calendar/render');
  assert.equal(g.searchParams.get('action'), 'TEMPLATE');
  assert.equal(g.searchParams.get('dates'), '20300320T080000Z/20300320T084500Z');
  assert.equal(g.searchParams.get('location'), base.joinUrl);
  const o = new URL(outlookCalendarUrl(e));
  assert.equal(o.origin, 'https://outlook.live.com');
  assert.equal(o.searchParams.get('startdt'), '2030-03-20T08:00:00.000Z');
  assert.equal(o.searchParams.get('rru'), 'addevent');
  assert.equal(o.searchParams.get('subject'), 'Video consultation');
});

test('hosted .ics links are signed per consultation', () => {
  const path = hostedIcsPath('65f0c0ffee0000000000abcd', 'secret-1');
  const [, , id, sig] = path.split('/');
  assert.equal(id, '65f0c0ffee0000000000abcd');
  assert.ok(verifyIcsSignature(id, sig, 'secret-1'));
  assert.ok(!verifyIcsSignature(id, sig, 'secret-2'));
  assert.ok(!verifyIcsSignature('65f0c0ffee0000000000abce', sig, 'secret-1'));
  assert.ok(!verifyIcsSignature(id, 'short', 'secret-1'));
});
