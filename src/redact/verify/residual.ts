/**
 * The residual scan ("second look") over a cable and its outputs: src/redact/verify/residual-scan.ts
 * finds what is still shaped like a contact detail in a text; this module says where — a field
 * of the cable with its place (as plans name places), or a part or page of an output — and names
 * each hit by the sha256 of its compact form (letters and digits, lower case), the same in every
 * format. A hit fails the conversion closed unless a person decided it: redacted or kept in a
 * reviewed plan (`cablekit plan`), or let through by name (`--allow-residual SHA256=REASON`).
 * It shares no code with the detectors.
 */
import { CableError } from '../../errors.js';
import type { Cable } from '../../model/cable.js';
import { isLineField, placeOf, slotKey, startInSlot, textSlots, type Place, type TextSlot } from '../apply/fields.js';
import { compact, sha256 } from '../fingerprint.js';
import { scanResidual, type ResidualCategory, type ResidualHit, type ScanOptions } from './residual-scan.js';
import { SHORT_ID, type ResidualAllowance } from './allowance.js';

export { SHORT_ID, parseAllowance, parseAllowanceFile, type ResidualAllowance } from './allowance.js';

export { RESIDUAL_CATEGORIES, scanResidual, markPattern } from './residual-scan.js';
export type { ResidualCategory, ResidualHit, ScanOptions } from './residual-scan.js';

/** A hit with its place: a field of a cable (`paragraph 4`) or a part of an output (`pdf page 2`). */
export interface PlacedResidualHit {
  category: ResidualCategory;
  /** Which cable, when known. */
  cable: string | null;
  where: string;
  /** The text found, in memory only (the audit log keeps its sha256). */
  text: string;
  /** sha256 of the compact form of `text`: how refusals, plans, `--allow-residual` and audit logs name the hit. */
  sha256: string;
  /** For a hit in a field of the cable: its place there, and up to 40 characters either side. */
  place?: Place;
  context?: { before: string; after: string };
}

/** The name of a hit: the sha256 of its compact form, so a value wrapped or spaced otherwise in PDF or DOCX has the same one. */
export function residualId(text: string): string {
  return sha256(compact(text));
}


export class ResidualError extends CableError {
  constructor(
    readonly hits: PlacedResidualHit[],
    file: string | null = null,
  ) {
    // one entry per hit (its category and sha256), with every place it was seen
    const byId = new Map<string, { category: string; where: string[] }>();
    for (const h of hits) {
      const key = `${h.category}:${h.sha256}`;
      const where = `${h.cable && h.cable !== file ? `${h.cable} ` : ''}${h.where}`;
      const entry = byId.get(key) ?? { category: h.category, where: [] };
      if (!entry.where.includes(where)) entry.where.push(where);
      byId.set(key, entry);
    }
    const what = [...byId.entries()].map(([key, e]) => `${e.category} in ${e.where.join(' and ')} (${key.slice(key.indexOf(':') + 1, key.indexOf(':') + 1 + SHORT_ID)})`);
    const shown = what.length > 6 ? [...what.slice(0, 6), `${what.length - 6} more`] : what;
    super(
      `contact details left after redaction (second look): ${shown.join(', ')}; decide each: redact or keep it in a plan (cablekit plan), or let it through with --allow-residual SHA256=REASON`,
      file,
    );
    this.name = 'ResidualError';
  }
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

const ALNUM = /[\p{L}\p{N}]/u;
/** Characters that join the parts of one address or host (`jdoe@state.gov`, `www.state.gov/p`, `herrmann-jp`). */
const JOINER = /[.\-–—\/@_%+&=?#~]/;
/**
 * What joins two digit groups into one number as the scan reads them (its DIGIT_RUN separators):
 * `613 555 9284`, `(613) 555-9284`, `613.555.9284`, `202/647-1430`, `647-⏎1430`.
 */
const DIGITS_JOINED_BEFORE = /(?:\d\)?(?:[ \t]?[.\-–\/()]{1,3}[ \t]?|[ \t]|-\r?\n)|\+\s?)$/;
const DIGITS_JOINED_AFTER = /^(?:[ \t]?[.\-–\/()]{1,3}[ \t]?|[ \t]|-\r?\n)\(?\d/;

/**
 * Does the occurrence `text[start, end)` of a kept value stand on its own — a whole token, not a
 * piece of a longer one? Not when a letter or digit touches it, nor a joiner with a letter or digit
 * beyond it (`x.jdoe@state.gov`, `www.state.gov/p/…`), nor, at a digit edge, another group of
 * digits joined as a phone number's groups are (`+1 613 555 9284` does not hold a kept `9284`).
 */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 6), start);
  const after = text.slice(end, end + 6);
  const b1 = before.slice(-1);
  const a1 = after.slice(0, 1);
  if ((b1 && ALNUM.test(b1)) || (a1 && ALNUM.test(a1))) return false;
  if (b1 && JOINER.test(b1) && ALNUM.test(before.slice(-2, -1))) return false;
  if (a1 && JOINER.test(a1) && ALNUM.test(after.slice(1, 2))) return false;
  const first = text[start]!;
  const last = text[end - 1]!;
  if (/[\d(+]/.test(first) && DIGITS_JOINED_BEFORE.test(before)) return false;
  if (/[\d)]/.test(last) && DIGITS_JOINED_AFTER.test(after)) return false;
  return true;
}

export interface ResidualOptions extends ScanOptions {
  /**
   * Values a reviewer kept, for a text where their places are not known (an output as a reader
   * sees it, a quoted repair): each is let through only where it stands as a whole token — the
   * exact value, never inside a longer number, address or host — and a hit passes only when it
   * is exactly a kept value (letters and digits compared).
   */
  kept?: string[];
}

/** A text with the given spans turned into marks of the same length, a line break inside one too (one value, one mark): offsets stay. */
function markSpans(text: string, spans: Array<[number, number]>): string {
  let t = text;
  for (const [start, end] of spans) t = t.slice(0, start) + '█'.repeat(end - start) + t.slice(end);
  return t;
}

/**
 * Hits of a text, leaving out values a reviewer kept: each whole-token occurrence of a kept value
 * reads as a mark (so `Tel: <kept>, 5036` still finds `5036`), and a hit that is exactly a kept
 * value passes. A kept `9284` hides nothing in `+1 613 555 9284`: that occurrence is part of a
 * longer number, and the hit, the whole number, is not the kept value.
 */
export function residualHits(text: string, categories: ReadonlySet<string>, options: ResidualOptions = {}): ResidualHit[] {
  const kept = options.kept ?? [];
  let t = text;
  for (const value of kept) {
    const re = keptPattern(value);
    if (!re) continue;
    const spans: Array<[number, number]> = [];
    for (const m of t.matchAll(re)) {
      if (m[0].length && standsAlone(t, m.index!, m.index! + m[0].length)) spans.push([m.index!, m.index! + m[0].length]);
    }
    if (spans.length) t = markSpans(t, spans);
  }
  const hits = scanResidual(t, categories, options);
  if (hits.length === 0 || kept.length === 0) return hits;
  const keptSqueezed = new Set(kept.map(squeeze).filter((k) => k.length > 0));
  return hits.filter((h) => !keptSqueezed.has(squeeze(text.slice(h.start, h.end))));
}

// ---------- where: a cable's fields, an output's parts ----------

/** How a place is named in messages and the audit log: `paragraph 9`, `bullet 2 of paragraph 8`, `footer line 2`. */
export function slotName(slot: Pick<TextSlot, 'field' | 'paragraph' | 'index' | 'bullet' | 'lineStarts'>, start: number): string {
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

/** A place as records name it (`paragraph 4`, `routing line 3`): the same words as `slotName`. */
export function placeName(place: Pick<Place, 'field' | 'paragraph' | 'index' | 'bullet'>): string {
  if (isLineField(place.field)) return `${place.field} line ${place.index + 1}`;
  return slotName({ field: place.field, paragraph: place.paragraph, index: place.index, bullet: place.bullet }, 0);
}

const CONTEXT = 40;
const oneLine = (s: string): string => s.replace(/\s+/g, ' ');

/** A slot's text with the given places (spans about to be redacted) turned into marks of the same length: offsets stay. */
function masked(slot: TextSlot, places: Place[]): string {
  if (places.length === 0) return slot.text;
  let text = slot.text;
  for (const p of places) {
    const start = startInSlot(slot, p);
    if (start === null) continue;
    text = text.slice(0, start) + text.slice(start, start + p.length).replace(/[^\n]/g, '█') + text.slice(start + p.length);
  }
  return text;
}

export interface CableScanOptions extends ResidualOptions {
  /**
   * Places about to be redacted (a plan's proposals): scanned as marks, so the hits are what the
   * detectors missed, at places in the cable as it is (for a plan entry).
   */
  redacted?: Place[];
  /**
   * The places a reviewer kept, in the cable scanned (`RedactionReport.keptPlaces`): each is read
   * as a mark there and nowhere else, so the same value elsewhere, or a longer number that holds
   * it, is still a hit. With it, `kept` applies only to the quoted repairs and warnings, which
   * have no places.
   */
  keptPlaces?: Place[];
}

/**
 * The residual scan of a cable, field by field: every text a writer prints, and the repairs and
 * warnings JSON carries. Run on a redacted cable before anything is written; or, with `redacted`,
 * on the cable as read to make plan entries of what the detectors missed.
 */
export function scanCableResidual(cable: Cable, categories: ReadonlySet<string>, options: CableScanOptions = {}): PlacedResidualHit[] {
  if (categories.size === 0) return [];
  const out: PlacedResidualHit[] = [];
  const bySlot = new Map<string, Place[]>();
  for (const p of [...(options.redacted ?? []), ...(options.keptPlaces ?? [])]) {
    const key = slotKey(p.field, p.index, p.bullet);
    bySlot.set(key, [...(bySlot.get(key) ?? []), p]);
  }
  // kept places known: a keep applies at its place only; else by value, as a whole token
  const fieldOptions: ResidualOptions = options.keptPlaces ? { ...options, kept: [] } : options;
  for (const slot of textSlots(cable)) {
    const places = bySlot.get(slotKey(slot.field, slot.index, slot.bullet)) ?? [];
    const text = masked(slot, places);
    for (const h of residualHits(text, categories, fieldOptions)) {
      const value = slot.text.slice(h.start, h.end);
      out.push({
        category: h.category,
        cable: cable.id,
        where: slotName(slot, h.start),
        text: value,
        sha256: residualId(value),
        place: placeOf(slot, h.start, h.end),
        context: {
          before: oneLine(slot.text.slice(Math.max(0, h.start - CONTEXT), h.start)),
          after: oneLine(slot.text.slice(h.end, h.end + CONTEXT)),
        },
      });
    }
  }
  if (options.redacted) return out; // plan entries: places in the fields only
  const quoted: [string, string][] = [
    ...cable.repairs.flatMap((r, i): [string, string][] => [
      [`repair ${i + 1}`, r.before],
      [`repair ${i + 1}`, r.after],
    ]),
    ...cable.warnings.map((w, i): [string, string] => [`warning ${i + 1}`, w.message]),
  ];
  for (const [where, text] of quoted) {
    for (const h of residualHits(text, categories, options)) {
      const value = text.slice(h.start, h.end);
      out.push({ category: h.category, cable: cable.id, where, text: value, sha256: residualId(value) });
    }
  }
  return out;
}

/** The residual scan of an output as a reader sees it (`readOutput(…).reader`): hits named by part or page. */
export function scanViewsResidual(
  views: { part: string; text: string }[],
  categories: ReadonlySet<string>,
  options: ResidualOptions = {},
  cable: string | null = null,
): PlacedResidualHit[] {
  if (categories.size === 0) return [];
  const out: PlacedResidualHit[] = [];
  for (const view of views) {
    for (const h of residualHits(view.text, categories, options)) {
      const value = view.text.slice(h.start, h.end);
      out.push({ category: h.category, cable, where: view.part, text: value, sha256: residualId(value) });
    }
  }
  return out;
}

/** The allowance that names a hit, if any. */
export function allowanceFor(hit: Pick<PlacedResidualHit, 'sha256'>, allowances: readonly ResidualAllowance[]): ResidualAllowance | undefined {
  return allowances.find((a) => hit.sha256.startsWith(a.sha256));
}

