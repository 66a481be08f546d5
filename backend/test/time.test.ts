import {test} from 'node:test';
import assert from 'node:assert/strict';
import {canonicalTimeZone, formatConsultationTime, formatTime, timeZoneOffsetMinutes, zonedParts, zonedTimeToUtc} from '../../protocol/time.js';

test('09:00 in Paris is 03:00 in New York, except in the weeks when only one of them is on summer time', () => {
  // 2030: the US changes on 10 March and 3 November, the EU on 31 March and 27 October.
  const cases: [string, string, string][] = [
    ['2030-03-05T09:00', '2030-03-05T08:00:00.000Z', '03:00'], // both on winter time: 6 h apart
    ['2030-03-20T09:00', '2030-03-20T08:00:00.000Z', '04:00'], // US already on summer time: 5 h
    ['2030-04-02T09:00', '2030-04-02T07:00:00.000Z', '03:00'], // both on summer time: 6 h
    ['2030-10-29T09:00', '2030-10-29T08:00:00.000Z', '04:00'], // EU back on winter time, US not yet
    ['2030-11-12T09:00', '2030-11-12T08:00:00.000Z', '03:00'],
  ];
  for (const [local, utc, ny] of cases) {
    const at = zonedTimeToUtc(local, 'Europe/Paris');
    assert.equal(at.toISOString(), utc, local);
    assert.equal(formatTime(at, 'Europe/Paris'), '09:00', local);
    assert.equal(formatTime(at, 'America/New_York'), ny, local);
  }
});

test('offsets, wall-clock parts and the full line agree', () => {
  const at = new Date('2030-03-20T08:00:00Z');
  assert.equal(timeZoneOffsetMinutes(at, 'Europe/Paris'), 60);
  assert.equal(timeZoneOffsetMinutes(at, 'America/New_York'), -240);
  assert.deepEqual(zonedParts(at, 'Asia/Kolkata'), {year: 2030, month: 3, day: 20, hour: 13, minute: 30, second: 0});
  const end = new Date(at.getTime() + 45 * 60_000);
  assert.equal(formatConsultationTime(at, end, 'Europe/Paris'), 'Wednesday, 20 March 2030, 09:00–09:45 (Paris time, GMT+1)');
  assert.equal(formatConsultationTime(at, end, 'America/New_York'), 'Wednesday, 20 March 2030, 04:00–04:45 (New York time, GMT-4)');
});

test('a wall-clock time skipped by the spring change moves forward; an autumn repeat takes the first', () => {
  assert.equal(zonedTimeToUtc('2030-03-31T02:30', 'Europe/Paris').toISOString(), '2030-03-31T01:30:00.000Z');
  assert.equal(formatTime(zonedTimeToUtc('2030-03-31T02:30', 'Europe/Paris'), 'Europe/Paris'), '03:30');
  assert.equal(zonedTimeToUtc('2030-10-27T02:30', 'Europe/Paris').toISOString(), '2030-10-27T00:30:00.000Z');
});

test('bad zones and bad local times are refused clearly', () => {
  assert.equal(canonicalTimeZone('europe/paris'), 'Europe/Paris');
  assert.equal(canonicalTimeZone('Mars/Olympus'), undefined);
  assert.equal(canonicalTimeZone(''), undefined);
  assert.throws(() => zonedTimeToUtc('2030-02-30T09:00', 'Europe/Paris'), /not a valid date-time/);
  assert.throws(() => zonedTimeToUtc('tomorrow 9am', 'Europe/Paris'), /not a local date-time/);
  assert.throws(() => zonedTimeToUtc('2030-03-20T09:00', 'Mars/Olympus'), /not a known IANA time zone/);
});

test('emails: English on a 12-hour clock, French and Spanish on a 24-hour one', async () => {
  const {whenLine, shortMoment} = await import('../consultations/emails.js');
  const start = new Date('2030-03-20T10:30:00Z');
  const end = new Date(start.getTime() + 60 * 60_000);
  assert.equal(whenLine(start, end, 'Europe/Paris', 'en'), 'Wednesday, March 20, 2030, 11:30\u00a0AM–12:30\u00a0PM (Paris time, GMT+1)', 'AM and PM both said when the range crosses noon');
  assert.equal(whenLine(start, new Date(start.getTime() + 15 * 60_000), 'America/New_York', 'en'), 'Wednesday, March 20, 2030, 6:30–6:45\u00a0AM (New York time, GMT-4)');
  assert.match(whenLine(start, end, 'Europe/Paris', 'fr'), /^mercredi 20 mars 2030, 11:30–12:30 \(heure de Paris, UTC\+1\)$/);
  assert.match(whenLine(start, end, 'Europe/Paris', 'es'), /^miércoles, 20 de marzo de 2030, 11:30–12:30 \(hora de Paris, GMT\+1\)$/);
  const later = new Date('2030-03-21T14:00:00Z');
  assert.equal(shortMoment(start, 'America/New_York', 'en', later), 'Wed 6:30\u00a0AM');
  assert.equal(shortMoment(start, 'America/New_York', 'en', new Date('2030-04-02T10:00:00Z')), 'Wed, Mar 20, 6:30\u00a0AM');
  assert.match(shortMoment(start, 'Europe/Paris', 'fr', later), /^mer\. 11:30$/);
  assert.match(shortMoment(start, 'Europe/Paris', 'es', new Date('2030-04-02T10:00:00Z')), /^mié, 20 mar, 11:30$/);
});
