// Time-zone arithmetic and formatting with Intl only, so the backend (emails, invites), the
// widget and the console render the same instant the same way. Browser-safe: no Node APIs.

/** The canonical IANA name (`europe/paris` → `Europe/Paris`), or undefined if unknown. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (typeof timeZone !== 'string' || !timeZone || timeZone.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', {timeZone}).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of `instant` as seen in `timeZone`. */
export function zonedParts(instant: Date | number, timeZone: string): ZonedParts {
  let fmt = partsFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    partsFormatters.set(timeZone, fmt);
  }
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return {year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute, second: out.second};
}

/** Minutes east of UTC in `timeZone` at `instant` (Paris in winter: 60; New York in summer: -240). */
export function timeZoneOffsetMinutes(instant: Date | number, timeZone: string): number {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  const p = zonedParts(t, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(t / 1000) * 1000) / 60_000);
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The UTC instant of a wall-clock time (`2030-03-20T09:00`) in `timeZone`. A time that does not
 * exist (skipped by a spring-forward change) moves forward by the gap, as calendar apps do; an
 * ambiguous one (autumn) takes the earlier instant.
 */
export function zonedTimeToUtc(local: string, timeZone: string): Date {
  const m = LOCAL_RE.exec(local);
  if (!m) throw new RangeError(`"${local}" is not a local date-time like 2030-03-20T09:00`);
  const zone = canonicalTimeZone(timeZone);
  if (!zone) throw new RangeError(`"${timeZone}" is not a known IANA time zone`);
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(naive);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new RangeError(`"${local}" is not a valid date-time`);
  }
  // Offsets either side of the guess; the earlier candidate that maps back to the wall clock wins.
  const before = timeZoneOffsetMinutes(naive - 86_400_000 / 2, zone);
  const after = timeZoneOffsetMinutes(naive + 86_400_000 / 2, zone);
  const candidates = [...new Set([before, after])].map((o) => naive - o * 60_000).sort((a, b) => a - b);
  for (const c of candidates) {
    const p = zonedParts(c, zone);
    if (p.year === y && p.month === mo && p.day === d && p.hour === h && p.minute === mi) return new Date(c);
  }
  // In a gap: apply the offset in force before the change, which lands after it.
  return new Date(naive - before * 60_000);
}

/** "Paris" from "Europe/Paris", "New York" from "America/New_York". */
export function timeZoneCity(timeZone: string): string {
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

/** "09:00" (or "9:00 AM" in en-US) for `instant` in `timeZone`. */
export function formatTime(instant: Date | number, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, {timeZone, hour: '2-digit', minute: '2-digit'}).format(instant);
}

/** "Wednesday, 20 March 2030" for `instant` in `timeZone`. */
export function formatDate(instant: Date | number, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, {timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric'}).format(instant);
}

/** "GMT+1" — the offset in force at that instant. */
export function formatOffset(instant: Date | number, timeZone: string, locale = 'en-GB'): string {
  const part = new Intl.DateTimeFormat(locale, {timeZone, timeZoneName: 'shortOffset'}).formatToParts(instant).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/**
 * The one line every email, card and invite uses for a consultation's time:
 * "Wednesday, 20 March 2030, 09:00–09:45 (Paris time, GMT+1)".
 */
export function formatConsultationTime(start: Date | number, end: Date | number, timeZone: string, locale = 'en-GB'): string {
  return `${formatDate(start, timeZone, locale)}, ${formatTime(start, timeZone, locale)}–${formatTime(end, timeZone, locale)} (${timeZoneCity(timeZone)} time, ${formatOffset(start, timeZone, locale)})`;
}
