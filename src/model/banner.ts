/**
 * The classification banner a cable's pages and documents carry: the level, then its
 * dissemination controls after `//`, once each and joined with `/` (`SECRET//NOFORN/ORCON`).
 * The distribution markers SIPDIS and SENSITIVE are no controls and stay out of it.
 */
import type { Classification } from './cable.js';

/** Caveats that are distribution markers, not dissemination controls, and stay out of the banner. */
const NON_BANNER_CAVEATS = new Set(['SIPDIS', 'SENSITIVE']);

/** `CONFIDENTIAL//NOFORN`, `SECRET//REL UK`, `SENSITIVE BUT UNCLASSIFIED`, `UNCLASSIFIED`. */
export function bannerText(c: Pick<Classification, 'level' | 'caveats'>): string {
  const controls = c.caveats.map((cv) => cv.trim().toUpperCase()).filter((cv) => cv && !NON_BANNER_CAVEATS.has(cv));
  const unique = [...new Set(controls)];
  return unique.length ? `${c.level}//${unique.join('/')}` : c.level;
}
