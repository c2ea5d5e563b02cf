/**
 * Section and page markers that transmission put inside the body: `OTTAWA 00000372 002 OF 002`,
 * `BAKU 00001835  001.2 OF 003`, `SECTION 02 OF 03`, a repeated classification line with its
 * section, and page headers `PAGE 02 HARARE 06677 01 OF 03 291400Z` (text after them is kept).
 */
import { readClassificationLine } from './classification.js';

const PAGE_MARKER = /^[A-Z][A-Z .'/-]{0,30}?\s+\d{4,8}\s+\d{1,3}(?:\.\d)?\s+OF\s+(?:\d{1,3}|\d{0,3}\.{2,3})$/i;
const SECTION_ONLY = /^SECTION\s+\d{1,3}\s+OF\s+\d{1,3}$/i;
const PAGE_HEADER = /^PAGE\s+\d{1,3}\s+[A-Z][A-Z .]*?\s+\d{4,6}\s+\d{1,3}\s+OF\s+\d{1,3}\s+\d{6}Z\s*/;

export function isSectionMarker(t: string): boolean {
  const s = t.trim();
  // Every marker has `N OF N`; most lines don't, and this keeps the hot path cheap.
  if (s.length > 90 || !/\sOF\s/i.test(s)) return false;
  if (PAGE_MARKER.test(s) || SECTION_ONLY.test(s)) return true;
  if (PAGE_HEADER.test(s) && s.replace(PAGE_HEADER, '') === '') return true;
  const c = readClassificationLine(s);
  return !!c && /^SECTION\s+\d+\s+OF\s+\d+\b/i.test(c.rest);
}

/** Splits a page header from the text glued after it; null when the line has none. */
export function splitPageHeader(t: string): { marker: string; rest: string } | null {
  if (!/^\s*PAGE\s/.test(t)) return null;
  const m = PAGE_HEADER.exec(t.trim());
  return m ? { marker: m[0].trim(), rest: t.trim().slice(m[0].length) } : null;
}
