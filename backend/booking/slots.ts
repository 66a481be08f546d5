// Free slots from a lawyer's weekly hours, computed on their own wall clock so a daylight-saving
// change moves the UTC instants, not the hours (09:00 Paris stays 09:00 Paris across the change).
// Pure: the caller brings the availability, the busy times and the clock.
import {zonedParts, zonedTimeToUtc} from '../../protocol/time.js';
import {BOOKING_HORIZON_DAYS, SLOT_STEP_MINUTES, type AvailabilityDTO} from '../../protocol/booking.js';

/** The part of a lawyer's availability the slots follow. */
export type SlotRules = Pick<AvailabilityDTO, 'timeZone' | 'weekly' | 'datesOff' | 'minNoticeMinutes' | 'bufferMinutes' | 'durations'>;

export interface Interval {
  start: Date;
  end: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

/** Local dates ("2030-03-28") from the lawyer's today, `days` of them. */
function localDates(now: Date, timeZone: string, days: number): {date: string; weekday: number}[] {
  const p = zonedParts(now, timeZone);
  const out = [];
  for (let i = 0; i <= days; i++) {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day + i));
    out.push({date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, weekday: d.getUTCDay()});
  }
  return out;
}

/** Every slot start the hours allow (ignoring notice and busy times), as instants. */
function candidateSlots(rules: SlotRules, durationMinutes: number, now: Date, days: number): Interval[] {
  const out: Interval[] = [];
  for (const {date, weekday} of localDates(now, rules.timeZone, days)) {
    if (rules.datesOff.includes(date)) continue;
    for (const h of rules.weekly.filter((w) => w.day === weekday)) {
      const openEnd = zonedTimeToUtc(`${date}T${h.end === '24:00' ? '23:59' : h.end}`, rules.timeZone).getTime() + (h.end === '24:00' ? 60_000 : 0);
      for (let m = minutesOf(h.start); m + durationMinutes <= minutesOf(h.end); m += SLOT_STEP_MINUTES) {
        const start = zonedTimeToUtc(`${date}T${hhmm(m)}`, rules.timeZone);
        // A wall-clock time skipped by a spring-forward change is no slot.
        const back = zonedParts(start, rules.timeZone);
        if (back.hour * 60 + back.minute !== m) continue;
        const end = new Date(start.getTime() + durationMinutes * 60_000);
        if (end.getTime() <= openEnd) out.push({start, end});
      }
    }
  }
  return out;
}

/** Whether [start, end) comes within `buffer` minutes of a busy interval. */
export function clashes(slot: Interval, busy: Interval[], bufferMinutes: number): boolean {
  const b = bufferMinutes * 60_000;
  return busy.some((x) => x.start.getTime() - b < slot.end.getTime() && x.end.getTime() + b > slot.start.getTime());
}

/** Free slots over the horizon, sorted, after the minimum notice, clear of busy times plus buffer. */
export function freeSlots(rules: SlotRules, busy: Interval[], durationMinutes: number, now: Date, days = BOOKING_HORIZON_DAYS): Interval[] {
  const earliest = now.getTime() + rules.minNoticeMinutes * 60_000;
  const latest = now.getTime() + days * 86_400_000;
  return candidateSlots(rules, durationMinutes, now, days)
    .filter((s) => s.start.getTime() >= earliest && s.start.getTime() < latest && !clashes(s, busy, rules.bufferMinutes))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * Why a start cannot be booked under these rules (busy times aside), or null when it can.
 * Each reason is one the visitor can act on.
 */
export function refusal(rules: SlotRules, start: Date, durationMinutes: number, now: Date, days = BOOKING_HORIZON_DAYS): string | null {
  if (!rules.durations.includes(durationMinutes)) return `a ${durationMinutes}-minute consultation is not offered; choose ${rules.durations.join(', ')} minutes`;
  if (start.getTime() <= now.getTime()) return 'that time is in the past';
  if (start.getTime() < now.getTime() + rules.minNoticeMinutes * 60_000) {
    const h = rules.minNoticeMinutes / 60;
    return `that is too short notice: book at least ${Number.isInteger(h) ? `${h} h` : `${rules.minNoticeMinutes} min`} ahead`;
  }
  if (start.getTime() >= now.getTime() + days * 86_400_000) return `bookings are open for the next ${days} days only`;
  const p = zonedParts(start, rules.timeZone);
  if (rules.datesOff.includes(`${p.year}-${pad(p.month)}-${pad(p.day)}`)) return 'the lawyer is not available that day';
  const ok = candidateSlots(rules, durationMinutes, now, days).some((s) => s.start.getTime() === start.getTime());
  return ok ? null : "that time is outside the lawyer's hours";
}
