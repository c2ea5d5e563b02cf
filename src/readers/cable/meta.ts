/** Metadata that comes with a cable from outside its text: a release page's table or a CSV row. */
import { iso } from '../../model/calendar.js';

/** Dates are built by the calendar in src/model (the text writer tells date lines with it too). */
export { iso };

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

