// How the schedule dialog writes times: on the lawyer's own clock and in their language, and
// the day a new consultation is proposed for.
import {formatDate, zonedParts} from '../../protocol/time.js';

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

/** "3:00 PM" on the lawyer's clock, as the card writes it. */
export function clock(d: Date, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, {hour: 'numeric', minute: '2-digit', timeZone}).format(d);
}

/** Server messages name instants in UTC ISO form; the lawyer reads their own clock (the day once). */
export function localInstants(message: string, lang: string, timeZone: string): string {
  let lastDay = '';
  return message.replace(ISO_INSTANT, (iso) => {
    const d = new Date(iso);
    const day = formatDate(d, timeZone, lang);
    const same = day === lastDay;
    lastDay = day;
    return same ? clock(d, lang, timeZone) : `${day}, ${clock(d, lang, timeZone)}`;
  });
}

/** The next Monday-to-Friday date after today in the zone, as YYYY-MM-DD. */
export function nextWorkingDay(timeZone: string): string {
  const p = zonedParts(Date.now(), timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
