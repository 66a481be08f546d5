// Business hours: whether the firm is open at an instant, and when it opens next. Spans are
// wall-clock times on the firm's own clock, so the answer follows its daylight-saving changes.
import type {HoursSpan} from '../../protocol/settings.js';
import {zonedParts, zonedTimeToUtc} from '../../protocol/time.js';

export interface FirmHours {
  timeZone: string;
  enabled: boolean;
  week: HoursSpan[];
  closedDates: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The UTC instant of `HH:MM` (24:00 = the next midnight) on a firm-local date. */
function at(date: {year: number; month: number; day: number}, time: string, zone: string): number {
  if (time === '24:00') {
    const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
    return zonedTimeToUtc(`${next.toISOString().slice(0, 10)}T00:00`, zone).getTime();
  }
  return zonedTimeToUtc(`${date.year}-${pad(date.month)}-${pad(date.day)}T${time}`, zone).getTime();
}

/** The firm-local days from `now`'s, for `count` days. */
function days(now: number, zone: string, count: number) {
  const p = zonedParts(now, zone);
  return Array.from({length: count}, (_, i) => {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day + i));
    return {year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), iso: d.toISOString().slice(0, 10)};
  });
}

/** Open spans as UTC intervals over the coming days (yesterday included, for spans past midnight). */
function intervals(h: FirmHours, now: number, count: number): [number, number][] {
  const out: [number, number][] = [];
  for (const d of days(now - 86_400_000, h.timeZone, count + 1)) {
    if (h.closedDates.includes(d.iso)) continue;
    for (const s of h.week) if (s.day === d.weekday) out.push([at(d, s.open, h.timeZone), at(d, s.close, h.timeZone)]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Open now, and the next opening when closed (null if none within two months). */
export function hoursState(h: FirmHours, now = Date.now()): {open: boolean; nextOpen: string | null} {
  if (!h.enabled) return {open: true, nextOpen: null};
  const spans = intervals(h, now, 62);
  if (spans.some(([a, b]) => a <= now && now < b)) return {open: true, nextOpen: null};
  const next = spans.find(([a]) => a > now);
  return {open: false, nextOpen: next ? new Date(next[0]).toISOString() : null};
}
