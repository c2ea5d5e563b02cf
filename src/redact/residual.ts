/**
 * The residual scan: a second, independent look at what redaction leaves. It shares no code with
 * the detectors (src/redact/email.ts, url.ts, phone.ts, domain.ts, normalized-text.ts) and is
 * deliberately loose: anything e-mail-shaped (`@`, `(at)` or ` at ` between a word and a dotted
 * domain), URL-shaped (a scheme, `www.`, a host with a known top-level domain, with a path for a
 * country domain), phone-shaped (7+ digits in groups with separators, an extension, or a contact
 * label such as `Tel`, `Fax`, `E-mail:` followed by a value) that is not inside a redaction mark.
 * A hit fails the conversion closed unless `--allow-residual REASON` lets it through.
 */
import { CableError } from '../errors.js';
import type { Cable } from '../model/cable.js';
import { textSlots, type TextSlot } from './fields.js';

export type ResidualCategory = 'email' | 'url' | 'phone' | 'fax';
export const RESIDUAL_CATEGORIES: ResidualCategory[] = ['email', 'url', 'phone', 'fax'];

export interface ResidualHit {
  category: ResidualCategory;
  /** Offsets in the scanned text. */
  start: number;
  end: number;
}

/** A hit with its place: a field of a cable (`paragraph 4`) or a part of an output (`pdf page 2`). */
export interface PlacedResidualHit {
  category: ResidualCategory;
  /** Which cable, when known. */
  cable: string | null;
  where: string;
  /** The text found, in memory only (the audit log keeps its sha256). */
  text: string;
}

export class ResidualError extends CableError {
  constructor(
    readonly hits: PlacedResidualHit[],
    file: string | null = null,
  ) {
    const what = [...new Set(hits.map((h) => `${h.category} in ${h.cable && h.cable !== file ? `${h.cable} ` : ''}${h.where}`))];
    const shown = what.length > 6 ? [...what.slice(0, 6), `${what.length - 6} more`] : what;
    super(`contact details left after redaction (residual scan): ${shown.join(', ')}; review them, then --allow-residual REASON lets them through`, file);
    this.name = 'ResidualError';
  }
}

// ---------- masking what is already redacted ----------

/** `████████` bars and `[REDACTED PHONE]` labels: what is inside a redaction mark is not looked at. */
const MARK = /█+|\[REDACTED[ A-Z]*\]/g;

function maskMarks(text: string): string {
  return text.includes('█') || text.includes('[REDACTED') ? text.replace(MARK, (m) => ' '.repeat(m.length)) : text;
}

// ---------- e-mail-shaped ----------

const GENERIC_TLD = '(?:gov|mil|com|org|net|edu|int|info|biz)';
/** `@`, `(at)`, `[at]`, `{at}` between a word and a dotted domain (`dot` may stand for the dots). */
const LABEL_PART = String.raw`\w+(?:-\s?\w+)*`;
const EMAIL_AT = new RegExp(
  String.raw`[\w.%+'\-]{0,64}\w\s?(?:@|[(\[{]\s?at\s?[)\]}])\s?${LABEL_PART}(?:(?:\.|\s?[(\[{]\s?dot\s?[)\]}]\s?|\sdot\s)${LABEL_PART})*(?:\.|\s?[(\[{]\s?dot\s?[)\]}]\s?|\sdot\s)[a-z]{2,6}\b`,
  'gi',
);
/** ` at ` spelled out: the domain must end in a generic top-level domain (`JOHN.SMITH AT STATE.GOV`, `jdoe at state dot gov`). */
const EMAIL_SPOKEN = new RegExp(String.raw`[\w.'\-]{0,64}\w\s+at\s+[\w\-]{1,63}(?:(?:\.|\sdot\s)[\w\-]{1,63}){0,8}(?:\.|\sdot\s)${GENERIC_TLD}\b`, 'gi');
const MAILTO = /\bmailto:\s?\S+/gi;

// ---------- URL-shaped ----------

const SCHEME = /\b[a-z][a-z0-9+.\-]{1,9}:\/\/\s?\S+/gi;
const WWW = /\bwww\d?\s?\.\s?[\w\-]+\S*/gi;
/** A bare host in a generic TLD (`state.gov`, `Google.com`), or a country domain behind a known second level (`gc.ca`). */
const HOST_GENERIC = new RegExp(String.raw`\b[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,8}\.${GENERIC_TLD}\b(?!\.\w)`, 'gi');
const HOST_COUNTRY = /\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.(?:gc|gov|gouv|gob|govt|go|co|com|ac|org|net|mil|mfa|nic)\.[a-z]{2}\b(?!\.\w)/gi;
/**
 * Any dotted host with a path: `b92.net/eng`, `satp.org/`, `mfa.gov.tr/news`. Hosts here and above
 * are bounded as DNS bounds them (labels of 63, a few levels), so a long dotted run is scanned once.
 */
const HOST_PATH = /\b[a-z0-9][\w-]{0,62}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,6}\/[\w\-./?=&%#~:+]*/gi;

// ---------- phone-shaped ----------

/** Runs of digit groups joined by separators (a line break counts after a hyphen). */
const DIGIT_RUN = /(?<![\w.,\/+])(?:\+\s?)?\(?\d+\)?(?:(?:[ \t.\-–\/()]{1,3}|-\r?\n)\(?\d+\)?)+(?![\w])/g;
const LABEL =
  /\b(tel|tel\/fax|phone|telephone|ph|fax|facsimile|telefax|cell|cellphone|cell phone|mobile|mob|ivg|dsn|e-?mail)\b\.?\s{0,3}(?:number|no\.?|#)?\s{0,3}(:)?\s{0,3}/gi;
const LABEL_VALUE_DIGITS = /^\+?\(?\d[\d\s().\-–\/]{2,}\d/;
const LABEL_VALUE_ANY = /^[^\s█]\S*/;
const EXTENSION = /(?<![A-Za-z0-9])(?:ext|extn|extension|x)\.?\s?\d{3,5}(?!\d)/gi;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * Is a run of digit groups phone-shaped? 7 to 15 digits in 2+ groups; without a leading `+` no
 * group is longer than 4 digits (reference numbers, DTGs, serials); not a date, a year range, a
 * thousands grouping or a slash-separated reference (`201/2006`).
 */
function phoneShaped(run: string, before: string): boolean {
  const groups = run.match(/\d+/g) ?? [];
  const digits = digitCount(run);
  if (groups.length < 2 || digits < 7 || digits > 15) return false;
  const plus = run.trimStart().startsWith('+');
  if (!plus && groups.some((g) => g.length > 4)) return false;
  // dates and times: 2008-03-14, 03/14/2018, 14.03.2008; a year range 1994-1996 or 2010-2011
  if (/^\d{4}-\d{2}-\d{2}\b/.test(run)) return false;
  if (/^\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{2,4}$/.test(run.trim())) return false;
  if (/^(?:19|20)\d\d\s?[-–\/]\s?(?:19|20)?\d\d$/.test(run.trim())) return false;
  // a year in parentheses ends resolution numbers and citations: UNSCR 1521 (2003)
  if (/\(\s?(?:19|20)\d\d\s?\)$/.test(run)) return false;
  // slashes separate references and dates, except in 202/647-1430
  if (run.includes('/') && !/\d{3}\/\d{3}-\d{4}/.test(run)) return false;
  // thousands: 1.440.000, 1 000 000
  if (/^\d{1,3}(?:([ .,])\d{3})(?:\1\d{3})*$/.test(run.trim())) return false;
  // intelligence report numbers and section markers: IIR 6 890 0139 08
  if (/\bIIR\s*$/i.test(before)) return false;
  return true;
}

function pushAll(out: ResidualHit[], re: RegExp, text: string, category: ResidualCategory, accept?: (m: RegExpMatchArray) => boolean): void {
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    if (accept && !accept(m)) continue;
    const value = m[0].replace(/[\s.,;:!?'"’”)\]>*]+$/, '');
    if (value.trim().length === 0) continue;
    out.push({ category, start: m.index!, end: m.index! + value.length });
  }
}

/** Cheap guards: a text with none of these characters or words cannot hold a hit. */
const MAYBE = /[@:]|\d.?\d|www|\bat\b|\.(?:gov|mil|com|org|net|edu|int|info|biz)\b|\.[a-z]{2}\//i;
const HAS_BRACKET_AT = /[(\[{]\s?at\s?[)\]}]/i;
const HAS_GENERIC_TLD = /\.(?:gov|mil|com|org|net|edu|int|info|biz)\b/i;
const HAS_DOTTED_PAIR = /\w\.[a-z]{2}/i;
const HAS_EXTENSION = /(?:x|ext|extn|extension)\.?\s?\d{3}/i;

/** Every residual hit in `text` (merged, in order) of the given categories. */
export function scanResidual(text: string, categories: ReadonlySet<string> = new Set(RESIDUAL_CATEGORIES)): ResidualHit[] {
  if (!MAYBE.test(text)) return [];
  const t = maskMarks(text);
  const hits: ResidualHit[] = [];
  // each pattern runs only on a text holding the character or word it cannot do without
  if (categories.has('email')) {
    if (t.includes('@') || HAS_BRACKET_AT.test(t)) pushAll(hits, EMAIL_AT, t, 'email');
    if (/\sat\s/i.test(t) && (HAS_GENERIC_TLD.test(t) || /\sdot\s/i.test(t))) pushAll(hits, EMAIL_SPOKEN, t, 'email');
    if (/mailto:/i.test(t)) pushAll(hits, MAILTO, t, 'email');
  }
  if (categories.has('url')) {
    if (t.includes('://')) pushAll(hits, SCHEME, t, 'url');
    if (/www/i.test(t)) pushAll(hits, WWW, t, 'url');
    if (HAS_GENERIC_TLD.test(t)) pushAll(hits, HOST_GENERIC, t, 'url', (m) => t[m.index! - 1] !== '@');
    if (HAS_DOTTED_PAIR.test(t)) {
      pushAll(hits, HOST_COUNTRY, t, 'url', (m) => t[m.index! - 1] !== '@');
      pushAll(hits, HOST_PATH, t, 'url', (m) => t[m.index! - 1] !== '@');
    }
  }
  if (categories.has('phone') || categories.has('fax')) {
    const phone: ResidualHit[] = [];
    DIGIT_RUN.lastIndex = 0;
    for (const m of t.matchAll(DIGIT_RUN)) {
      const run = m[0].replace(/[\s.\-–\/(]+$/, '');
      if (phoneShaped(run, t.slice(Math.max(0, m.index! - 6), m.index!))) phone.push({ category: 'phone', start: m.index!, end: m.index! + run.length });
    }
    if (HAS_EXTENSION.test(t)) pushAll(phone, EXTENSION, t, 'phone');
    LABEL.lastIndex = 0;
    for (const m of t.matchAll(LABEL)) {
      const at = m.index! + m[0].length;
      const label = m[1]!.toLowerCase();
      const rest = t.slice(at, at + 40);
      const isMail = label === 'email' || label === 'e-mail';
      const value = isMail ? (m[2] ? LABEL_VALUE_ANY.exec(rest) : null) : LABEL_VALUE_DIGITS.exec(rest);
      if (!value || (!isMail && digitCount(value[0]) < 5)) continue;
      const category: ResidualCategory = isMail ? 'email' : label === 'fax' || label === 'facsimile' || label === 'telefax' ? 'fax' : 'phone';
      phone.push({ category, start: at, end: at + value[0].length });
    }
    // a number after a fax label is a fax number
    for (const h of phone) {
      if (h.category === 'phone' && /\b(?:fax|facsimile|telefax)\b[^\d\n]{0,12}$/i.test(t.slice(Math.max(0, h.start - 24), h.start))) h.category = 'fax';
    }
    hits.push(...phone.filter((h) => categories.has(h.category) || (h.category === 'fax' && categories.has('phone'))));
  }
  return mergeHits(hits);
}

/** Overlapping hits of one category become one; hits of different categories stay apart. */
function mergeHits(hits: ResidualHit[]): ResidualHit[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ResidualHit[] = [];
  const last = new Map<string, ResidualHit>();
  for (const h of sorted) {
    const prev = last.get(h.category);
    if (prev && h.start < prev.end) {
      prev.end = Math.max(prev.end, h.end);
      continue;
    }
    const copy = { ...h };
    out.push(copy);
    last.set(h.category, copy);
  }
  return out;
}

/** Letters and digits only, lower case: how a hit is compared with values a reviewer kept. */
function squeeze(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A kept value as a pattern that also matches it broken over lines (`[\s\u00ad]*` between characters). */
function keptPattern(value: string): RegExp | null {
  const chars = [...value.replace(/\s+/g, '')];
  if (chars.length === 0) return null;
  return new RegExp(chars.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\u00ad]*'), 'giu');
}

/**
 * Hits of a text, leaving out values a reviewer kept (`kept`: the values as the plan has them):
 * their occurrences are masked before the scan, and a hit within a kept value is let through.
 */
export function residualHits(text: string, categories: ReadonlySet<string>, kept: string[] = []): ResidualHit[] {
  let t = text;
  for (const value of kept) {
    const re = keptPattern(value);
    if (re) t = t.replace(re, (m) => m.replace(/[^\n]/g, ' '));
  }
  const hits = scanResidual(t, categories);
  if (hits.length === 0 || kept.length === 0) return hits;
  const keptSqueezed = kept.map(squeeze).filter((k) => k.length > 0);
  return hits.filter((h) => {
    const s = squeeze(text.slice(h.start, h.end));
    return s.length > 0 && !keptSqueezed.some((k) => k.includes(s));
  });
}

// ---------- where: a cable's fields, an output's parts ----------

/** How a place is named in messages and the audit log: `paragraph 9`, `bullet 2 of paragraph 8`, `footer line 2`. */
function slotName(slot: TextSlot, start: number): string {
  if (slot.field === 'paragraph') return slot.paragraph !== null ? `paragraph ${slot.paragraph}` : `unnumbered paragraph ${slot.index + 1}`;
  if (slot.field === 'bullet') return `bullet ${(slot.bullet ?? 0) + 1} of ${slot.paragraph !== null ? `paragraph ${slot.paragraph}` : `unnumbered paragraph ${slot.index + 1}`}`;
  if (slot.field === 'heading') return slot.paragraph !== null ? `heading of paragraph ${slot.paragraph}` : 'heading';
  if (slot.lineStarts) {
    let line = 0;
    while (line + 1 < slot.lineStarts.length && slot.lineStarts[line + 1]! <= start) line++;
    return `${slot.field} line ${line + 1}`;
  }
  if (slot.field === 'reference' || slot.field === 'tags') return `${slot.field} ${slot.index + 1}`;
  return slot.field;
}

/**
 * The residual scan of a redacted cable, field by field (before anything is written): every text a
 * writer prints, and the repairs and warnings JSON carries.
 */
export function scanCableResidual(cable: Cable, categories: ReadonlySet<string>, kept: string[] = []): PlacedResidualHit[] {
  if (categories.size === 0) return [];
  const out: PlacedResidualHit[] = [];
  for (const slot of textSlots(cable)) {
    for (const h of residualHits(slot.text, categories, kept)) {
      out.push({ category: h.category, cable: cable.id, where: slotName(slot, h.start), text: slot.text.slice(h.start, h.end) });
    }
  }
  const quoted: [string, string][] = [
    ...cable.repairs.flatMap((r, i): [string, string][] => [
      [`repair ${i + 1}`, r.before],
      [`repair ${i + 1}`, r.after],
    ]),
    ...cable.warnings.map((w, i): [string, string] => [`warning ${i + 1}`, w.message]),
  ];
  for (const [where, text] of quoted) {
    for (const h of residualHits(text, categories, kept)) out.push({ category: h.category, cable: cable.id, where, text: text.slice(h.start, h.end) });
  }
  return out;
}

/** The residual scan of an output as a reader sees it (`readOutput(…).reader`): hits named by part or page. */
export function scanViewsResidual(views: { part: string; text: string }[], categories: ReadonlySet<string>, kept: string[] = [], cable: string | null = null): PlacedResidualHit[] {
  if (categories.size === 0) return [];
  const out: PlacedResidualHit[] = [];
  for (const view of views) {
    for (const h of residualHits(view.text, categories, kept)) out.push({ category: h.category, cable, where: view.part, text: view.text.slice(h.start, h.end) });
  }
  return out;
}
