/**
 * Where a cable's text names another cable: `REF A`, `refs a and b`, `reftel` (through the
 * cable's REF list) and `STATE 24735`, `07 STATE 164503`, `OTTAWA 372` (by office and serial
 * number). A book links each such mention to the chapter of the cable it names.
 */
import type { Cable, Reference } from '../model/cable.js';

/** A stretch of text `[start, end)` that names cable `id`. */
export interface LinkSpan {
  start: number;
  end: number;
  id: string;
}

/**
 * The canonical id a mention `[YY ]OFFICE NUMBER` names, as the release spells ids
 * (`08STATE24735`): the year from the mention, else the citing cable's year.
 */
export function mentionedCableId(office: string, serial: string, year: string | null, citing: Cable): string | null {
  const yy = year ?? (/^\d{2}/.exec(citing.id)?.[0] ?? (citing.date ? citing.date.slice(2, 4) : null));
  if (!yy) return null;
  const name = office.replace(/\s+/g, '').toUpperCase().replace(/^SECSTATE$/, 'STATE');
  const number = Number(serial);
  if (!name || !Number.isFinite(number) || number <= 0) return null;
  return `${yy}${name}${number}`;
}

/** `REF A`, `refs a and b`, `Ref C`, `reftel`, `reftels A-B`, `ref (b)`. */
const REF_WORD = /\b(reftels?|refs?)\b\.?/gi;
const LETTER = /^\s*\(?([A-Za-z])\)?(?![A-Za-z0-9])/;
const MORE = /^\s*(?:,|and|&|\/|-|–|through|thru)\s*\(?([A-Za-z])\)?(?![A-Za-z0-9])/i;
/** `STATE 24735`, `07 STATE 164503`, `USUN NEW YORK 55`: one to three capitalised words and a number. */
const BY_NUMBER = /\b(?:(\d{2})\s+)?((?:[A-Z]{2,}\s){0,2}[A-Z]{3,})\s+0*(\d{1,7})\b/g;

function byLabel(references: Reference[]): Map<string, Reference> {
  const map = new Map<string, Reference>();
  for (const r of references) if (r.label) map.set(r.label.toUpperCase(), r);
  return map;
}

/**
 * The mentions in `text` (a paragraph of `cable`) of cables for which `isTarget` holds. Spans do
 * not overlap and come in text order.
 */
export function findCableMentions(text: string, cable: Cable, isTarget: (id: string) => boolean): LinkSpan[] {
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
      if (!first || !refs.has(first[1]!.toUpperCase())) {
        // `reftel`, `ref` alone: the cable's only reference.
        if (single) add(at, end, single);
        continue;
      }
      end += first[0].length;
      add(at, end, refs.get(first[1]!.toUpperCase()));
      for (;;) {
        const more = MORE.exec(text.slice(end));
        if (!more || !refs.has(more[1]!.toUpperCase())) break;
        const letterAt = end + more[0].lastIndexOf(more[1]!);
        add(letterAt, letterAt + 1, refs.get(more[1]!.toUpperCase()));
        end += more[0].length;
      }
    }
  }
  for (const m of text.matchAll(BY_NUMBER)) {
    const words = m[2]!.split(' ');
    // `PER STATE 1234`: the office is the longest tail of the capitalised words that names a target.
    for (let i = 0; i < words.length; i++) {
      const office = words.slice(i).join(' ');
      const id = mentionedCableId(office, m[3]!, i === 0 ? (m[1] ?? null) : null, cable);
      if (!id || id === cable.id || !isTarget(id)) continue;
      const start = i === 0 && m[1] ? m.index! : m.index! + m[0].indexOf(office, m[1] ? m[1].length : 0);
      spans.push({ start, end: m.index! + m[0].length, id });
      break;
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
