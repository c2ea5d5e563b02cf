/**
 * Where a cable's text names another cable: `REF A`, `refs a and b`, `reftel` (through the
 * cable's REF list) and `STATE 24735`, `07 STATE 164503`, `OTTAWA 372` (by office and serial
 * number). A book links each such mention to the chapter of the cable it names.
 */
import type { Cable, Reference } from '../model/cable.js';
import { canonicalOffice, formatCableId, yearDigits } from '../readers/cable/cable-id.js';
import type { LinkSpan } from '../writers/paged/layout.js';

export type { LinkSpan } from '../writers/paged/layout.js';

/** `REF A`, `refs a and b`, `Ref C`, `reftel`, `reftels A-B`, `ref (b)`. */
const REF_WORD = /\b(reftels?|refs?)\b\.?/gi;
/** A letter after `ref`, bare or in parentheses: `A`, `(b)`. */
const LETTER = /^\s*(?:\(([A-Za-z])\)|([A-Za-z])(?![A-Za-z0-9]))/;
/** A further letter: `and b`, `, C`, `-D`, `through (e)`. */
const MORE = /^\s*(?:,|and|&|\/|-|–|through|thru)\s*(?:\(([A-Za-z])\)|([A-Za-z])(?![A-Za-z0-9]))/i;

/**
 * The references by letter: their labels, or, when a REF line lists several without letters
 * (`REF: BELGRADE 19; STATE 9661`), A, B, … in order, as the text then cites them (`Ref B`).
 */
export function referenceLabels(references: Reference[]): string[] {
  const unlabelled = references.length > 1 && references.every((r) => !r.label);
  return references.map((r, i) => (unlabelled && i < 26 ? String.fromCharCode(65 + i) : r.label.toUpperCase()));
}

function byLabel(references: Reference[]): Map<string, Reference> {
  const map = new Map<string, Reference>();
  const labels = referenceLabels(references);
  references.forEach((r, i) => {
    const label = labels[i]!;
    if (label && !map.has(label)) map.set(label, r);
  });
  return map;
}

/**
 * `[YY ]OFFICE NUMBER`: one to four capitalised words (`STATE`, `USUN NEW YORK`, `Ottawa`) and a
 * serial, with the year before them when it is written (`07 STATE 164503`).
 */
const BY_NUMBER = /\b(?:(\d{2})\s+)?((?:[A-Z][A-Za-z'.-]*\s+){0,3}[A-Z][A-Za-z'.-]+)\s+0*(\d{1,7})\b(?![./:-]\d)/g;

/** Two digits of the year of a cable (its date, else its id), for mentions that carry none. */
function yearOf(cable: Cable): string | null {
  const fromDate = cable.date ? yearDigits(Number(cable.date.slice(0, 4))) : null;
  return fromDate ?? /^\d{2}/.exec(cable.id)?.[0] ?? null;
}

/**
 * The mentions in `text` (a paragraph of `cable`) of cables for which `isTarget` holds. Spans do
 * not overlap and come in text order.
 */
export function findChapterMentions(text: string, cable: Cable, isTarget: (id: string) => boolean, serials?: Set<string>): LinkSpan[] {
  const spans: LinkSpan[] = [];
  const refs = byLabel(cable.references);
  const single = cable.references.length === 1 ? cable.references[0]! : null;
  const add = (start: number, end: number, ref: Reference | null | undefined) => {
    if (ref?.id && ref.id !== cable.id && isTarget(ref.id)) spans.push({ start, end, id: ref.id });
  };
  if (cable.references.length && /ref/i.test(text)) {
    for (const m of text.matchAll(REF_WORD)) {
      const at = m.index!;
      let end = at + m[0].length;
      const first = LETTER.exec(text.slice(end));
      const letter = first ? (first[1] ?? first[2]!).toUpperCase() : '';
      if (!first || !refs.has(letter)) {
        // `reftel`, `ref` alone: the cable's only reference.
        if (single) add(at, end, single);
        continue;
      }
      end += first[0].length;
      add(at, end, refs.get(letter));
      for (;;) {
        const more = MORE.exec(text.slice(end));
        const next = more ? (more[1] ?? more[2]!) : '';
        if (!more || !refs.has(next.toUpperCase())) break;
        const letterAt = end + more[0].lastIndexOf(next);
        add(letterAt, letterAt + 1, refs.get(next.toUpperCase()));
        end += more[0].length;
      }
    }
  }
  // `STATE 24735`, `07 STATE 164503`, `Ottawa 372`: an office and a serial that name a chapter.
  if (/\d/.test(text)) {
    const year = yearOf(cable);
    for (const m of text.matchAll(BY_NUMBER)) {
      const serial = String(Number(m[3]));
      if (serials && !serials.has(serial)) continue; // no chapter has this serial
      const yy = m[1] ?? year;
      if (!yy) continue;
      const words = m[2]!.split(/\s+/);
      // `PER STATE 1234`: the office is the longest run of last words that names one.
      for (let i = 0; i < words.length; i++) {
        const office = canonicalOffice(words.slice(i).join(' '));
        if (!office) continue;
        const id = formatCableId(yy, office, Number(serial));
        if (id !== cable.id && isTarget(id)) {
          const start = i === 0 ? m.index! : m.index! + m[0].indexOf(words[i]!, m[1] ? m[1].length : 0);
          spans.push({ start, end: m.index! + m[0].length, id });
        }
        break;
      }
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: LinkSpan[] = [];
  for (const s of spans) if (!out.length || s.start >= out.at(-1)!.end) out.push(s);
  return out;
}

/** The link spans of a metadata row of references (`A. STATE 24735` lines), one per cited chapter. */
export function referenceRowLinks(references: Reference[], isTarget: (id: string) => boolean, self: string): { value: string; links: LinkSpan[] } {
  const lines: string[] = [];
  const links: LinkSpan[] = [];
  let at = 0;
  for (const r of references) {
    const prefix = r.label ? `${r.label}. ` : '';
    const line = prefix + r.text;
    if (r.id && r.id !== self && isTarget(r.id) && r.text) links.push({ start: at + prefix.length, end: at + line.length, id: r.id });
    lines.push(line);
    at += line.length + 1;
  }
  return { value: lines.join('\n'), links };
}
