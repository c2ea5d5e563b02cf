/**
 * The calendar as cables write it, for the reader and the text writer alike: month names, a date
 * built only when it is a real day, and the date line some release pages put before the
 * classification (`Friday, 23 February 2001, 15:53`). The reader files such lines under the
 * cable's notes; the text writer prints them where they stood, before the classification line.
 */

export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** ISO 8601 UTC for a day and time, or null when there is no such day (`31 FEB`). */
export function iso(y: number, mo: number, d: number, h = 0, mi = 0): string | null {
  const t = Date.UTC(y, mo - 1, d, h, mi);
  const date = new Date(t);
  if (Number.isNaN(t) || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return date.toISOString().replace('.000Z', 'Z');
  // What toISOString gives, without its cost (it was a tenth of reading a routing block).
  return `${year}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}T${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `Friday, 23 February 2001, 15:53` — a date line some release pages put before the classification. */
export function readDateLine(line: string): string | null {
  if (!line.includes(',')) return null;
  const us = /^\s*(?:TELEGRAM\s+)?([A-Z][a-z]+)\s+(\d{1,2}),\s+(\d{4})\s*$/.exec(line.replace(/^\s*TELEGRAM\s+/, ''));
  if (us) {
    const month = MONTHS.indexOf(us[1]!.slice(0, 3).toUpperCase()) + 1;
    if (month) return iso(+us[3]!, month, +us[2]!);
  }
  const m = /^\s*(?:[A-Z][a-z]+day,\s+)?(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4}),\s+(\d{1,2}):(\d{2})\s*$/.exec(line);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.slice(0, 3).toUpperCase()) + 1;
  return month ? iso(+m[3]!, month, +m[1]!, +m[4]!, +m[5]!) : null;
}
