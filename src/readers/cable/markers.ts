/**
 * Section and page markers that transmission put inside the body: `OTTAWA 00000372 002 OF 002`,
 * `BAKU 00001835  001.2 OF 003`, `SECTION 02 OF 03`, a repeated classification line with its
 * section, and page headers `PAGE 02 HARARE 06677 01 OF 03 291400Z` (text after them is kept).
 */
import { LEVEL_FIRST, readClassificationLine } from './classification.js';

const PAGE_MARKER = /^[A-Z][A-Z .'/-]{0,30}?\s+\d{4,8}\s+\d{1,3}(?:\.\d)?\s+OF\s+(?:\d{1,3}|\d{0,3}\.{2,3})$/i;
const SECTION_ONLY = /^SECTION\s+\d{1,3}\s+OF\s+\d{1,3}$/i;
const PAGE_HEADER = /^PAGE\s+\d{1,3}\s+[A-Z][A-Z .]*?\s+\d{4,6}\s+\d{1,3}\s+OF\s+\d{1,3}\s+\d{6}Z\s*/;

const OF = /\sOF\s/i;

export function isSectionMarker(t: string): boolean {
  const s = t.trim();
  if (s.length > 90) return false;
  // Each form has its own first or last character: `… 002 OF 002` and `… 001 OF 00..` end in a digit or
  // a dot, a page header starts with `PAGE`, a classification line with a level's letter. Most lines
  // have none of them, and every form has `N OF N`: the regexes run only where they may match.
  const last = s.charCodeAt(s.length - 1);
  const counted = (last >= 0x30 && last <= 0x39) || last === 0x2e;
  const page = s.startsWith('PAGE');
  const level = LEVEL_FIRST.has(s.charCodeAt(0));
  if (!(counted || page || level) || !OF.test(s)) return false;
  if (counted && (PAGE_MARKER.test(s) || SECTION_ONLY.test(s))) return true;
  if (page && PAGE_HEADER.test(s) && s.replace(PAGE_HEADER, '') === '') return true;
  if (!level) return false;
  const c = readClassificationLine(s);
  return !!c && /^SECTION\s+\d+\s+OF\s+\d+\b/i.test(c.rest);
}

/** Splits a page header from the text glued after it; null when the line has none. */
export function splitPageHeader(t: string): { marker: string; rest: string } | null {
  // Only `P` or a space can start one (a character outside ASCII goes to the regex).
  const c = t.charCodeAt(0);
  if (c !== 0x50 && c > 0x20 && c < 0x80) return null;
  if (!/^\s*PAGE\s/.test(t)) return null;
  const m = PAGE_HEADER.exec(t.trim());
  return m ? { marker: m[0].trim(), rest: t.trim().slice(m[0].length) } : null;
}
