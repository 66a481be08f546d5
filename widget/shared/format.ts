// Dates in the visitor's own time zone (the browser's), labelled through the translation tables.
import type {Strings} from './i18n.js';

/** Local calendar day as YYYY-MM-DD; the grouping key of a message. */
export function dayKey(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "Today", "Yesterday" or the full local date. */
export function dayLabel(d: Date, lang: string, t: Strings, now = new Date()): string {
  const key = dayKey(d);
  if (key === dayKey(now)) return t.today;
  const y = new Date(now);
  y.setDate(y.getDate() - 1);
  if (key === dayKey(y)) return t.yesterday;
  return d.toLocaleDateString(lang, {weekday: 'long', day: 'numeric', month: 'long', year: d.getFullYear() === now.getFullYear() ? undefined : 'numeric'});
}

export function timeLabel(d: Date, lang: string): string {
  return d.toLocaleTimeString(lang, {hour: 'numeric', minute: '2-digit'});
}

/** Splits items (in display order) into runs sharing a local day. */
export function groupByDay<T>(items: readonly T[], dateOf: (item: T) => Date): {key: string; date: Date; items: T[]}[] {
  const groups: {key: string; date: Date; items: T[]}[] = [];
  for (const item of items) {
    const date = dateOf(item);
    const key = dayKey(date);
    const last = groups[groups.length - 1];
    if (last?.key === key) last.items.push(item);
    else groups.push({key, date, items: [item]});
  }
  return groups;
}

/**
 * "5 minutes ago", "yesterday": coarse on purpose, for the last-seen time of someone offline.
 * Never "now" (that reads as online) nor in the future (clocks differ): at least a minute ago.
 */
export function relativeTime(iso: string, lang: string, now = Date.now()): string {
  const secs = Math.min(-60, (new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(lang, {numeric: 'auto'});
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [['minute', 60], ['hour', 3600], ['day', 86400]];
  for (let i = steps.length - 1; i >= 0; i--) {
    const [unit, size] = steps[i];
    if (Math.abs(secs) >= size) return rtf.format(Math.round(secs / size), unit);
  }
  return rtf.format(Math.round(secs / 60), 'minute');
}
