/**
 * Canonical cable ids: any spelling of a cable id or of a cable reference (`05RIO123`,
 * `08 OTTAWA 372`, `05 0TTAWA 3518`, `RIO DE JAN 138` with a year, `USUN NEW YORK 123`) → the
 * release's reference id (`05RIODEJANEIRO123`): two digits of the year, the office name of the
 * release without spaces, the serial without leading zeros.
 *
 * The office is found in the table of offices.ts: by name, by another name (`SECSTATE`, `HCMC`),
 * after dropping words that are not part of it (`AMEMBASSY`, `WASHDC`, a country code), as the
 * unique office a truncated name starts or ends (`PHNOM PEN`, `HAGUE`), or as the unique office
 * one or two letters away (`BRASILA`, `RIODEJANIERO`).
 */
import { OFFICES, OFFICE_ALIASES, OFFICE_PREFIXES, OFFICE_SUFFIXES } from './offices.js';

export interface CanonicalIdOptions {
  /** The year of a reference that carries none (`STATE 24735` in a 2008 cable): 2008 or 8. */
  year?: number | null;
}

/** A cable named in a text: `07 STATE 164503`, `OTTAWA 372, 415`. Offsets into the text. */
export interface CableMention {
  start: number;
  end: number;
  /** The office as written (`RIO DE JAN`) and as the release names it (`RIODEJANEIRO`). */
  written: string;
  office: string;
  /** Two digits of the year when the mention has one (`07`), else null. */
  yy: string | null;
  /** The serials: one, or more for `STATE 1234 AND 5678`. */
  serials: number[];
}

const CANONICAL = new Set(OFFICES);
const PREFIXES = OFFICE_PREFIXES.map(compact).sort((a, b) => b.length - a.length);
const SUFFIXES = OFFICE_SUFFIXES.map(compact).sort((a, b) => b.length - a.length);
/** Names a misspelling or a truncation may be matched against, with the office each stands for. */
const TARGETS: Array<[string, string]> = [
  ...OFFICES.map((o): [string, string] => [o, o]),
  ...Object.entries(OFFICE_ALIASES).filter(([k]) => k.length >= 5),
];

/**
 * The release's canonical id for a cable id or reference written any way. A reference without a
 * year takes `options.year`; without either, the office and serial are returned (`OTTAWA372`).
 * An office not in the table passes through with its spaces removed; a text that is not a cable
 * id at all is returned trimmed, as it was.
 */
export function canonicalCableId(text: string, options: CanonicalIdOptions = {}): string {
  const raw = text.trim();
  const up = prepare(raw)
    .replace(/^(\d{2})(?:S?E?C?T?I?O?N?)\d{1,2}[OG]F\d{1,2}(?=[A-Z])/, '$1') // `09SECTION01OF03SANJOSE525`
    .replace(/^(\d{2})0(?=[A-Z]{2})/, '$1O') // `090TTAWA12`
    .replace(/[\s.,;]+$/, '');
  // the year written after the serial: `OTTAWA 372 (08)`
  const late = /^(.*?\d)\s*\(((?:19|20)\d{2}|\d{2})\)$/.exec(up);
  const m = WHOLE_ID.exec(late ? late[1]! : up);
  if (!m) return raw;
  if (late && !m[1]) m[1] = late[2]!;
  const words = officeWords(m[2]!);
  if (!words.length) return raw;
  const found = resolveWords(words) ?? resolveSuffix(words);
  if (!found && !officeLike(words)) return raw;
  const office = found ? found.office : words.join('');
  const yy = m[1] ? m[1].slice(-2) : yearDigits(options.year);
  return `${yy ?? ''}${office}${Number(m[3])}`;
}

const officeCache = new Map<string, string | null>();

/** The office name of the release for an office written any way (`RIO DE JAN`), or null. */
export function canonicalOffice(office: string): string | null {
  // Cached: the same spellings come back cable after cable (a book resolves every mention in its bodies).
  let hit = officeCache.get(office);
  if (hit === undefined) {
    const words = officeWords(prepare(office));
    hit = words.length ? (resolveWords(words)?.office ?? null) : null;
    if (officeCache.size > 10_000) officeCache.clear();
    officeCache.set(office, hit);
  }
  return hit;
}

/** The cables a text names whose office is known, in order: REF entries, `SUBJ:` lines. */
export function findCableMentions(text: string): CableMention[] {
  const up = prepare(text);
  const found: CableMention[] = [];
  const re = MENTION_ALL;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(up))) {
    const wordsAt = m.indices![2]![0];
    const words = officeWords(m[2]!);
    const hit = resolveSuffix(words);
    if (!hit) {
      // Not an office (`IIR 6`, `PARA 5`): look again from the next token, which may start one.
      re.lastIndex = m.index + 1;
      continue;
    }
    // The office is the last words of the run (`B OTTAWA`); a year counts only right before it.
    const skipped = hit.from > 0;
    let start = m.index;
    if (skipped) {
      const rel = nthWordOffset(m[2]!, hit.from);
      start = wordsAt + rel;
    }
    const serials = [Number(m[3])];
    let end = m.index + m[0].length;
    for (;;) {
      CONTINUATION.lastIndex = end;
      const c = CONTINUATION.exec(up);
      if (!c) break;
      serials.push(Number(c[1]));
      end += c[0].length;
    }
    let yy = m[1] && !skipped ? m[1].slice(-2) : null;
    YEAR_AFTER.lastIndex = end;
    const after = YEAR_AFTER.exec(up);
    if (after) {
      yy ??= after[1]!.slice(-2);
      end += after[0].length;
    }
    found.push({
      start,
      end,
      written: words.slice(hit.from).join(' '),
      office: hit.office,
      yy,
      serials,
    });
    re.lastIndex = end;
  }
  return found;
}

/** `08` + `OTTAWA` + 372 → `08OTTAWA372`. */
export function formatCableId(yy: string, office: string, serial: number): string {
  return `${yy}${office}${serial}`;
}

/** Two digits for a year given as 2008 or 8; null when there is none. */
export function yearDigits(year: number | null | undefined): string | null {
  if (year === null || year === undefined || !Number.isFinite(year) || year < 0) return null;
  return String(Math.trunc(year) % 100).padStart(2, '0');
}

// ---- matching ---------------------------------------------------------------------------------

/** A word of an office name: letters, with `-`, `.` or `'` inside (`PORT-AU-PRINCE`, `ST.`). */
const WORD = String.raw`[A-Z](?:[A-Z'’]|[.-](?=[A-Z]))*\.?`;
const YEAR = String.raw`\(?((?:19|20)\d{2}|\d{2})\)?`;
const SERIAL = String.raw`0*(\d{1,7})`;
/** The serial ends the number: not a date (`2/22/08`), a date-time group (`301601Z`), `1.4`. */
const SERIAL_END = String.raw`(?![0-9A-Z]|[/.:-]\d)`;
const WHOLE_ID = new RegExp(String.raw`^(?:${YEAR})?[\s-]*(${WORD}(?:[ \t-]+${WORD})*)[\s-]*:?[\s-]*${SERIAL}$`);
/** A word in running text, at most 31 letters: unbounded, a long run of `a.a.a…` took seconds to search. */
const TEXT_WORD = String.raw`[A-Z](?:[A-Z'’]|[.-](?=[A-Z])){0,30}\.?`;
/** A year right after a month (`SECDEF R162245Z OCT 08`) ends a date: no reference's year, even before an office on the next line. */
const NOT_AFTER_MONTH = String.raw`(?<!\b(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)[A-Z]*\.?[ \t]+)`;
const MENTION = new RegExp(
  String.raw`(?<![A-Z0-9])(?:${NOT_AFTER_MONTH}${YEAR}[ \t]*-?\s*)?(${TEXT_WORD}(?:[ \t]+${TEXT_WORD}){0,7})[ \t]*[-:]?\s*${SERIAL}${SERIAL_END}`,
);
const MENTION_ALL = new RegExp(MENTION.source, 'gd');
/**
 * The year written after the serial, in parentheses, alone or ending a date: `DOHA 152 (08)`,
 * `STATE 12345 (2009)`, `STATE 12345 (091234Z JAN 08)`, `ROME 234 (MARCH 3, 2008)` — not
 * when an office and serial follow it (`BRASILIA 709 (08) SAO PAULO 542`: the year of the next; a
 * date-time group after it, `SECDEF R162245Z`, is no serial).
 */
const YEAR_AFTER = /[ \t]*\((?:\d{6}Z[ \t]+)?(?:[A-Z]{3,9}\.?[ \t]+(?:\d{1,2},?[ \t]+)?)?((?:19|20)\d{2}|\d{2})\)(?![ \t]*-?[ \t]*[A-Z][A-Z'.-]*(?:[ \t]+[A-Z][A-Z'.-]*){0,3}[ \t]*-?[ \t]*\d{1,7}(?![0-9A-Z]|[/.:-]\d))/y;
/** `, 415` or `AND 5678` after a mention — not `, 05 OTTAWA 415` (a year) nor `, 2 MAY`. */
const CONTINUATION = new RegExp(
  String.raw`(?:[ \t]*,[ \t]*(?:AND[ \t]+)?|[ \t]+(?:AND|&)[ \t]+)${SERIAL}${SERIAL_END}(?![ \t]+(?!AND\b|OR\b|NOTAL\b)[A-Z]{2})`,
  'y',
);

/**
 * Upper case (ASCII only, so offsets stay), a zero written for an O inside a name (`0TTAWA`,
 * `R0ME`), and the letter O typed for a zero in a year before a name (`O8 STATE`, `2OO8 ROME`,
 * `(O9) ROME`).
 */
function prepare(text: string): string {
  // ASCII letters only up-cased (`ß` or `é` stay); on ASCII text that is toUpperCase, without a call for every word.
  let up = !/[a-z]/.test(text) ? text : /[^\x00-\x7f]/.test(text) ? text.replace(/[a-z]+/g, (c) => c.toUpperCase()) : text.toUpperCase();
  if (/0[A-Z]/.test(up)) up = up.replace(/(?<![0-9])0(?=[A-Z]{2})|(?<=[A-Z])0(?=[A-Z])/g, 'O');
  return up.includes('O') ? up.replace(YEAR_WITH_O, (y) => (/\d/.test(y) ? y.replace(/O/g, '0') : y)) : up;
}

/** Two or four characters of digits and O's, one of them an O, before a name (`O8 STATE`, `2OO9-ROME`). */
const YEAR_WITH_O = /(?<![A-Z0-9])(?=[0-9O]{0,3}O)(?:[0-9O]{2}|(?:19|20|2O|1[9O])[0-9O]{2})(?=[ \t]*-?[ \t]*[A-Z]{2}|\)[ \t]*[A-Z]{2})/g;

/** Words that name no office: a document, a date (`E-MAIL BAKER-MATTEI MARCH 7`, `IIR 6`). */
const NOT_OFFICE = new Set(
  'EMAIL MAIL FAX IIR TD DTG MSG MEMO MEMCON TELCON LETTER REPORT PARA PARAS POINTS NOTE NOTAL REFTEL CABLE TEL PHONE CALL MEETING JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC JANUARY FEBRUARY MARCH APRIL JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER'.split(' '),
);

/** An office name not in the table may pass through: one or two words, none naming a document or a date. */
function officeLike(words: string[]): boolean {
  return words.length <= 2 && words.every((w) => !NOT_OFFICE.has(w));
}

function officeWords(s: string): string[] {
  return s.split(/[\s-]+/).map((w) => w.replace(/[^A-Z]/g, '')).filter(Boolean);
}

function nthWordOffset(s: string, n: number): number {
  const re = /[A-Z][^\s-]*/g;
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = re.exec(s))) {
    if (!/[A-Z]/.test(m[0])) continue;
    if (k === n) return m.index;
    k++;
  }
  return 0;
}

function compact(s: string): string {
  return s.toUpperCase().replace(/[^A-Z]/g, '');
}

function exact(key: string): string | null {
  if (CANONICAL.has(key)) return key;
  return OFFICE_ALIASES[key] ?? null;
}

/** The key with words that are not part of an office name dropped (`AMEMBASSY`, `WASHDC`, `SP`). */
function variants(words: string[]): string[] {
  const out: string[] = [];
  const seeds = [compact(words.join(''))];
  // A country code after the name: `MADRID SP`, `BRUSSELS BE`.
  if (words.length > 1 && words[words.length - 1]!.length === 2) seeds.push(compact(words.slice(0, -1).join('')));
  for (const seed of seeds) {
    // Each prefix dropped in turn (`USMISSION`, then `US`), and after each, the suffixes in turn.
    for (let k: string | null = seed; k; k = dropAffix(k, PREFIXES, true)) {
      for (let j: string | null = k; j; j = dropAffix(j, SUFFIXES, false)) out.push(j);
    }
  }
  return [...new Set(out)];
}

function dropAffix(key: string, affixes: string[], front: boolean): string | null {
  for (const a of affixes) {
    if (key.length > a.length && (front ? key.startsWith(a) : key.endsWith(a))) return front ? key.slice(a.length) : key.slice(0, -a.length);
  }
  return null;
}

const cache = new Map<string, string | null>();

/** The office for these words, or null: by name or another name, then by truncation or spelling. */
function resolveWords(words: string[]): { office: string } | null {
  const strict = resolveStrict(words);
  if (strict) return { office: strict };
  const loose = resolveLoose(words);
  return loose ? { office: loose } : null;
}

const suffixCache = new Map<string, { office: string; from: number } | null>();

/** The longest run of last words that names an office (`A MONTREAL` → `MONTREAL`). Cached: spellings repeat. */
function resolveSuffix(words: string[]): { office: string; from: number } | null {
  const key = words.join(' ');
  let hit = suffixCache.get(key);
  if (hit === undefined) {
    hit = findSuffix(words);
    if (suffixCache.size > 10_000) suffixCache.clear();
    suffixCache.set(key, hit);
  }
  return hit;
}

function findSuffix(words: string[]): { office: string; from: number } | null {
  for (let from = 0; from < words.length; from++) {
    const o = resolveStrict(words.slice(from));
    if (!o) continue;
    // a word before it that makes a longer spelling of the same office (`CDC ATLANTA` for CDCATLANTAGA) belongs to it
    for (let j = 0; j < from; j++) if (resolveLoose(words.slice(j)) === o) return { office: o, from: j };
    return { office: o, from };
  }
  for (let from = 0; from < words.length; from++) {
    const o = resolveLoose(words.slice(from));
    if (o) return { office: o, from };
  }
  return null;
}

function resolveStrict(words: string[]): string | null {
  const key = compact(words.join(''));
  const direct = exact(key);
  if (direct) return direct;
  for (const v of variants(words)) {
    // A country code glued on: `MADRIDSP`, `BRUSSELSBE`.
    const o = exact(v) ?? (v.length > 5 ? exact(v.slice(0, -2)) : null);
    if (o) return o;
  }
  return null;
}

function resolveLoose(words: string[]): string | null {
  const id = words.join(' ');
  if (cache.has(id)) return cache.get(id)!;
  let result: string | null = null;
  for (const v of variants(words)) {
    result = byAffix(v) ?? bySpelling(v);
    if (result) break;
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(id, result);
  return result;
}

/** The one office whose name starts or ends with the key (`PHNOMPEN`, `HAGUE`, `CDCATLANTA`). */
function byAffix(key: string): string | null {
  if (key.length < 5) return null;
  let hit: string | null = null;
  for (const [name, office] of TARGETS) {
    if (name.length > key.length && (name.startsWith(key) || name.endsWith(key))) {
      if (hit && hit !== office) return null;
      hit = office;
    }
  }
  return hit;
}

/** The one office within one edit (two for long names) of the key: `BRASILA`, `RIODEJANIERO`, `STAT`. */
function bySpelling(key: string): string | null {
  if (key.length < 4) return null;
  const limit = key.length >= 9 ? 2 : 1;
  let best = limit + 1;
  let hit: string | null = null;
  let tie = false;
  for (const [name, office] of TARGETS) {
    if (Math.abs(name.length - key.length) > limit) continue;
    // Four letters: only a letter missing from a five-letter name (`STAT`, `SEUL`), not another word.
    if (key.length === 4 && name.length !== 5) continue;
    const d = editDistance(key, name, best + 1);
    if (d > best) continue;
    if (d < best) {
      best = d;
      hit = office;
      tie = false;
    } else if (d === best && hit !== office) {
      tie = true;
    }
  }
  return hit && !tie && best <= limit ? hit : null;
}

/** Edit distance with adjacent transpositions (optimal string alignment), capped at `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= cap) return cap;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}
