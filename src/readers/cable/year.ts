/**
 * The year of a cable that has no date-time group, no date line and no page metadata (a partial
 * extract of the release): the year that best fits the evidence the text holds, and which evidence
 * that was, for the warning.
 *
 * - Bounds: not before the executive order the E.O. line cites (12958: 1995; 13292: 2003; 13526:
 *   2009), nor before 2003 when the reasons cite section 1.4 (the 2003 amendment's numbering),
 *   nor before a year a reference writes (`04 PARIS 1234`); not after the declassification date,
 *   nor after the release's last year.
 * - The declassification date: usually 10 years on (78% of the shared pages), else 25, 20, 9
 *   (the year before typed), 15 or 5, and usually on the day or a few days before.
 * - The years the text names: most often the year before the cable's and its own, less often
 *   the years after (plans); a month with the year (`September 2004`) is placed against the
 *   cable's month — the declassification date's, else the month of the days the text names
 *   without a year (`NOVEMBER 10 MEETING`).
 *
 * The weights are the shares measured on the shared real pages (about 730, with their dates),
 * rounded; they say how cables name dates, not which cables there are, so no office or year of
 * the shared set is built in. On those pages with their dates removed, the best fit names the
 * right year for 88% of them, where the declassification date minus ten years did for 71%.
 */
import type { Reference } from '../../model/cable.js';
import { findCableMentions } from './cable-id.js';
import { expandYear } from './routing.js';

/** The last year of the release (it ends in February 2010). */
export const LAST_YEAR = 2010;

export interface YearEvidence {
  /** `DECL:` as an ISO date. */
  declassify: string | null;
  /** The executive order the E.O. line cites (`12958`). */
  eo: string | null;
  /** The Classified By reasons (`1.4(b)`). */
  reasons: string[];
  references: Reference[];
  /** The cable's own text: subject, headings, paragraphs. */
  text: string;
}

export interface YearGuess {
  year: number;
  /** Which evidence the year rests on, for the warning: `the declassification date 2014-05-08 (9 years on), the years the text names (2004 ×3, 2006)`. */
  evidence: string;
}

/** The years each executive order on classification was in force from. */
const ORDER_FROM: Record<string, number> = { '11652': 1972, '12065': 1978, '12356': 1982, '12958': 1995, '13292': 2003, '13526': 2009 };

/**
 * How many years the declassification date lies after the cable (share of the shared pages). Nine
 * is a year typed one short — most often in January (8% of January dates, 2% of the others).
 */
const DECL_YEARS: Record<number, number> = { 10: 0.78, 25: 0.09, 20: 0.045, 15: 0.025, 5: 0.01 };
const DECL_OTHER = 0.002;
const declYearShare = (k: number, month: number): number => (k === 9 ? (month === 1 ? 0.08 : 0.025) : (DECL_YEARS[k] ?? DECL_OTHER));

/**
 * A year the text names, by how far it lies from the cable's own (share of the years named on the
 * shared pages). A cable without a declassification date (mostly unclassified reporting) names
 * its own year most; a classified one the year before as often.
 */
/** yearWeight without a declassification date, for d = -4 … 3 (index d + 4). */
const UNDECLASSIFIED_YEAR_WEIGHTS = [0.047, 0.058, 0.077, 0.1, 0.14, 0.058, 0.022, 0.015];
function yearWeight(d: number, declassified: boolean): number {
  if (!declassified) return (d >= -4 && d <= 3 ? UNDECLASSIFIED_YEAR_WEIGHTS[d + 4] : undefined) ?? (d < 0 ? (d >= -10 ? 0.02 : 0.01) : 0.004);
  if (d === 0) return 0.17;
  if (d === -1) return 0.22;
  if (d === -2) return 0.1;
  if (d === -3) return 0.06;
  if (d === -4) return 0.05;
  if (d === -5) return 0.04;
  if (d < 0) return d >= -10 ? 0.025 : 0.01;
  if (d === 1) return 0.08;
  if (d === 2) return 0.045;
  if (d === 3) return 0.017;
  return d <= 10 ? 0.004 : 0.003;
}

/** A month and year the text names, by quarters from the cable's month (share on the shared pages). */
function monthWeight(q: number): number {
  return (q >= -6 && q <= 4 ? MONTH_WEIGHTS[q + 6] : undefined) ?? (q < 0 ? 0.025 : 0.007);
}
/** monthWeight for q = -6 … 4 (index q + 6). */
const MONTH_WEIGHTS = [0.05, 0.09, 0.09, 0.11, 0.1, 0.15, 0.16, 0.035, 0.027, 0.03, 0.02];

/**
 * The share of cables dated after the declassification day minus k years by more than `days`
 * (the date is usually the same day, else up to a week or a month earlier than the cable's anniversary).
 */
function laterShare(days: number): number {
  if (days < 1) return 0.46;
  if (days <= 7) return 0.46 - 0.34 * (days / 7);
  if (days <= 31) return 0.12 - 0.08 * ((days - 7) / 24);
  if (days <= 92) return 0.04 - 0.03 * ((days - 31) / 61);
  return 0.005;
}

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const MONTH_YEAR = new RegExp(String.raw`\b${MONTH}\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+|of\s+)?((?:19|20)\d{2})\b|\b\d{1,2}\s+${MONTH}\s+((?:19|20)\d{2})\b`, 'gi');
const YEAR = /\b(19[4-9]\d|20[0-3]\d)\b/g;
const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/** A day and month without a year: `NOVEMBER 10`, `May 6`, `6 May`. */
const DAY_MONTH = new RegExp(String.raw`\b${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d{2})|\b\d{1,2}\s+${MONTH}\b(?!,?\s+(?:19|20)\d{2})`, 'gi');

/** The best-fitting year and the evidence it rests on; null when the text holds no evidence of a year. */
export function inferYear(e: YearEvidence): YearGuess | null {
  const bounds: Array<{ year: number; text: string }> = [];
  let lo = 1966;
  let hi = LAST_YEAR;
  const order = e.eo ? ORDER_FROM[e.eo] : undefined;
  if (order && order > lo) {
    lo = order;
    bounds.push({ year: order, text: `E.O. ${e.eo} (${order} or later)` });
  }
  if (e.reasons.some((r) => r.startsWith('1.4')) && lo < 2003) {
    lo = 2003;
    bounds.push({ year: 2003, text: 'reasons under section 1.4 (2003 or later)' });
  }
  const refYears = e.references.flatMap((r) => findCableMentions(r.text).flatMap((m) => (m.yy ? [expandYear(m.yy)] : [])));
  const latestRef = refYears.length ? Math.max(...refYears) : null;
  if (latestRef !== null && latestRef > lo && latestRef <= LAST_YEAR) {
    lo = latestRef;
    bounds.push({ year: latestRef, text: `a reference of ${latestRef}` });
  }
  const decl = e.declassify ? { year: +e.declassify.slice(0, 4), month: +e.declassify.slice(5, 7), day: +e.declassify.slice(8, 10) } : null;
  if (decl && decl.year < hi) hi = decl.year;
  if (lo > hi) lo = hi;

  // The text's years: with their month where it is written (`September 2004`), else alone.
  const withMonth = new Map<string, [number, number]>();
  for (const m of e.text.matchAll(MONTH_YEAR)) {
    const month = MONTHS.indexOf((m[1] ?? m[3]!).slice(0, 3).toLowerCase()) + 1;
    const year = +(m[2] ?? m[4]!);
    withMonth.set(`${year}-${month}`, [year, month]);
  }
  const counts = new Map<number, number>();
  for (const m of e.text.matchAll(YEAR)) counts.set(+m[1]!, (counts.get(+m[1]!) ?? 0) + 1);
  const monthYears = new Set([...withMonth.values()].map(([y]) => y));
  if (!decl && !counts.size && latestRef === null) return null;

  // Without a declassification date, the cable's month from the days the text names without a year
  // (`NOVEMBER 10 MEETING`, `told Poloffs May 6`): mostly that month or the next; else any month.
  const undated = [...e.text.matchAll(DAY_MONTH)].map((m) => MONTHS.indexOf((m[1] ?? m[2]!).slice(0, 3).toLowerCase()) + 1);
  const cableMonths: Array<[number, number]> = ALL_MONTHS.map((M) => [M, undated.length ? undated.reduce((sum, u) => sum + afterDay((M - u + 12) % 12), 0) : 1]);

  const fit = (from: number): number => {
    let best = from;
    let bestScore = -Infinity;
    for (let y = from; y <= hi; y++) {
      let score = 0;
      if (decl) score += Math.log(declShare(decl, y));
      // months with their year, against the cable's month: the declassification date's, else any month alike
      if (withMonth.size) score += Math.log(monthsFit(y, decl ? [[decl.month, 1]] : cableMonths));
      for (const year of counts.keys()) if (!monthYears.has(year)) score += Math.log(yearWeight(year - y, !!decl));
      if (score > bestScore) {
        bestScore = score;
        best = y;
      }
    }
    return best;
  };
  /** How well the months the text names fit a cable of year `y` written in one of `months` (their mean). */
  function monthsFit(y: number, months: Array<[number, number]>): number {
    let sum = 0;
    let total = 0;
    for (const [m, w] of months) {
      let p = w;
      for (const [year, month] of withMonth.values()) p *= monthWeight(Math.round((year * 12 + month - (y * 12 + m)) / 3));
      sum += p;
      total += w;
    }
    return sum / total;
  }
  const best = fit(lo);
  // the bounds that ruled out the year the rest of the evidence fits best
  const free = fit(Math.min(1966, hi));
  const binding = free < best ? bounds.filter((b) => b.year > free).map((b) => b.text) : [];

  const evidence: string[] = [];
  if (decl) {
    const k = decl.year - best;
    evidence.push(`the declassification date ${e.declassify} (${k} year${k === 1 ? '' : 's'} on${k === 10 ? ', the usual' : '; 10 is usual'})`);
  }
  if (counts.size) {
    const named = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 4).map(([y, n]) => (n > 1 ? `${y} ×${n}` : String(y)));
    evidence.push(`the years the text names (${named.join(', ')}${counts.size > 4 ? ', …' : ''})`);
  }
  evidence.push(...binding);
  return { year: best, evidence: evidence.join(', ') };
}

/** A cable written `months` (0–11) after a day it names without a year: that month, the next, or the one before (a day to come). */
function afterDay(months: number): number {
  return months === 0 ? 0.45 : months === 1 ? 0.3 : months === 11 ? 0.1 : 0.015;
}

/** How likely a cable of year `y` is to carry this declassification date. */
function declShare(decl: { year: number; month: number; day: number }, y: number): number {
  // Declassified k = 1 … 40 years on: the anniversary falls in year `decl.year - k`, and the cable
  // may be dated a little later, into the next year. Only two k can give year y: the anniversary's
  // year itself (k = decl.year - y), then the year before it (k + 1), added in that order.
  const later = (k: number): number => {
    const base = decl.year - k;
    return laterShare((Date.UTC(base, 11, 31) - Date.UTC(base, decl.month - 1, decl.day)) / 86_400_000);
  };
  let p = 0;
  const k = decl.year - y;
  if (k >= 1 && k <= 40) p += declYearShare(k, decl.month) * (1 - later(k));
  if (k + 1 >= 1 && k + 1 <= 40) p += declYearShare(k + 1, decl.month) * later(k + 1);
  return Math.max(p, 1e-4);
}
