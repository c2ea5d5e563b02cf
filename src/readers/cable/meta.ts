/** Metadata that comes with a cable from outside its text: a release page's table or a CSV row. */
export interface SourceMeta {
  /** Reference id as published, e.g. `08OSLO585`. */
  id?: string;
  /** Creation date as published: `2008-10-30 12:12` or `2/25/1972 9:30`. */
  date?: string;
  origin?: string;
  classification?: string;
}

/** Reads the release's creation dates (`2008-10-30 12:12`, `2/25/1972 9:30`) as ISO 8601 UTC. */
export function metaDateToIso(s: string | undefined): string | null {
  if (!s) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?/.exec(s.trim());
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?/.exec(s.trim());
  if (m) return iso(+m[3]!, +m[1]!, +m[2]!, +(m[4] ?? 0), +(m[5] ?? 0));
  return null;
}

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
