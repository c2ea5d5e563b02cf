/**
 * The REF field: its text split into entries (`A. STATE 24735`, `B. E-MAIL BAKER-MATTEI MARCH 7`),
 * and each entry's canonical cable id when it names a cable.
 *
 * Forms read: one reference; lettered lists on one line or over several (`A.`, `A)`, `(A)`, `A:`,
 * `¶B.`, a `[1](#)B.` residue, doubled labels `A. A)` and `A. REF A:`, bare letters
 * `A MONTREAL 365, B OTTAWA 406`); unlettered lists separated by `;`, `,`, `:` or line ends
 * (`TEHRAN 1091: TEHRAN 263: MOSCOW 1603`). A section marker glued into the field
 * (`TRIPOLI 00000402 001.2 OF 003`) is dropped.
 */
import type { Reference } from '../../model/cable.js';
import type { ChangeLog } from '../../normalize/log.js';
import { findCableMentions, formatCableId, yearDigits, type CableMention } from './cable-id.js';

/** `A. STATE 24735`, `B. E-MAIL …`, one-line lists, `A) … B) …`, or a single reference. Ids are filled by `identifyReferences`. */
export function readReferences(lines: string[], log?: ChangeLog): Reference[] {
  const text = clean(lines.join('\n'), log);
  const entries = splitLabels(text);
  const refs: Reference[] = [];
  for (const e of entries) {
    const pieces = splitEntry(e.text);
    pieces.forEach((p, k) => refs.push({ label: k === 0 ? e.label : '', text: p, id: null }));
    if (!pieces.length && e.label) refs.push({ label: e.label, text: '', id: null });
  }
  return refs;
}

/**
 * Gives each reference the canonical id of the cable it names (the first one, and all of them in
 * `ids` when it names several: `STATE 1234 AND 5678`), or null. A reference without a year takes
 * the cable's `year`; without either, it gets no id.
 */
export function identifyReferences(refs: Reference[], year: number | null): Reference[] {
  const cableYy = yearDigits(year);
  for (const r of refs) {
    const ids = referenceIds(r.text, cableYy);
    r.id = ids[0] ?? null;
    if (ids.length > 1) r.ids = ids;
    else delete r.ids;
  }
  return refs;
}

/** Every cable id an entry names, in order. */
function referenceIds(text: string, cableYy: string | null): string[] {
  const ids: string[] = [];
  for (const m of mentionsIn(text)) {
    const yy = m.yy ?? cableYy;
    if (!yy) continue;
    for (const s of m.serials) {
      const id = formatCableId(yy, m.office, s);
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** A `Classified By:` line run into the REF field is no reference. */
function beforeClassifiedBy(text: string): string {
  const at = text.search(/\bCLASSIFIED\s+BY\b/i);
  return at >= 0 ? text.slice(0, at) : text;
}

// ---- cleaning ---------------------------------------------------------------------------------

/**
 * A page or section marker glued into the field: `TRIPOLI 00000402 001.2 OF 003`, or its first half
 * `TRIPOLI 00000402` ending a line (a reference never pads its serial to eight digits).
 */
const MARKER = /(?:\b[A-Z][A-Z'.-]{0,30}[ \t]+){1,4}(?:0\d{3,7}\s+\d{1,3}(?:\.\d)?\s+OF\s+\d{1,3}\b|0\d{7}(?=[ \t]*(?:\n|$)))/g;

function clean(text: string, log?: ChangeLog): string {
  return text
    .replace(/^\s*(?:REF(?:S|TEL|TELS|TEL\(S\)|\(S\))?|REFERENCES?)(?:\s*[:.]\s*|\s+(?=\(?[A-Z][.):]?\s))/i, '')
    .replace(/\[\d{1,3}\]\(#[^)\s]*\)/g, '')
    .replace(MARKER, (m) => {
      log?.repair('section-marker', 0, m.trim(), '');
      return ' ';
    })
    .replace(/[ \t]+$/gm, '');
}

function tidy(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s,;:]+|[\s,;:]+$/g, '');
}

// ---- labels -----------------------------------------------------------------------------------

interface Entry {
  label: string;
  text: string;
}

/**
 * A label: `A.`, `A)`, `(A)`, `A:`, with a `¶` before it, after a space, a line start, `;` or `,`;
 * a label may be glued to the office (`(A)STATE 012345`, `B)ROME 2345`, `C.PARIS 456`).
 */
const LABEL = /(?<=^|[\s;,])¶?\s*(?:\(([A-Za-z])\)|([A-Za-z])\)|([A-Za-z])[.:])(?=\s|\d|$|(?<=\))[A-Za-z]{2}|[A-Z]{3})/g;
/** What may repeat the label at the start of an entry: `A. A)`, `A. (A)`, `A. REF A:`. */
const doubles = new Map<string, RegExp>();
const DOUBLE = (letter: string): RegExp => {
  let re = doubles.get(letter);
  if (!re) doubles.set(letter, (re = new RegExp(String.raw`^\s*(?:REF\s+)?(?:\(${letter}\)|${letter}[.):])(?=\s|\d|$|(?<=\))[A-Za-z]{2}|[A-Z]{3})\s*`, 'i')));
  return re;
};

function splitLabels(text: string): Entry[] {
  const labels = findLabels(text) ?? findBareLabels(text);
  if (!labels || !labels.length) return [{ label: '', text }];
  // Text before the `A` label means the letters are not labels after all (`MEETING WITH A. SMITH`).
  if (tidy(text.slice(0, labels[0]!.at)) !== '') return [{ label: '', text }];
  return labels.map((l, k) => {
    let body = text.slice(l.end, k + 1 < labels.length ? labels[k + 1]!.at : undefined);
    body = body.replace(DOUBLE(l.letter), '');
    return { label: l.letter, text: body };
  });
}

interface Label {
  letter: string;
  at: number;
  end: number;
}

function findLabels(text: string): Label[] | null {
  const out: Label[] = [];
  let expected = 'A';
  for (const m of text.matchAll(LABEL)) {
    const letter = (m[1] ?? m[2] ?? m[3]!).toUpperCase();
    const at = m.index!;
    const end = at + m[0].length;
    const prev = out[out.length - 1];
    if (letter === expected) {
      out.push({ letter, at, end });
      expected = String.fromCharCode(expected.charCodeAt(0) + 1);
    } else if (prev && letter === prev.letter) {
      // `A. A)`: the label doubled — part of the label; `B) …\nB) …` at a line start: a second B.
      if (text.slice(prev.end, at).trim() === '') prev.end = end;
      else if (/\n[ \t]*$/.test(text.slice(0, at + m[0].length - m[0].trimStart().length))) out.push({ letter, at, end });
    }
  }
  return out.length ? out : null;
}

/** `A MONTREAL 365, B OTTAWA 406, C 05 OTTAWA 2970`: bare letters, each after a number or a comma. */
function findBareLabels(text: string): Label[] | null {
  if (!/^\s*A\s+\S/.test(text)) return null;
  const out: Label[] = [];
  let expected = 'A';
  for (const m of text.matchAll(/(?<=^\s*|[\d,;)][ \t]*\s)([A-Z])\s+(?=\S)/g)) {
    if (m[1] !== expected) continue;
    out.push({ letter: expected, at: m.index!, end: m.index! + m[0].length });
    expected = String.fromCharCode(expected.charCodeAt(0) + 1);
  }
  return out.length > 1 ? out : null;
}

// ---- entries ----------------------------------------------------------------------------------

/**
 * One entry → its references: split at `;`, where a second cable follows a first with only a
 * separator between (`SAO PAULO 273, SAO PAULO 90`, `2009 CAIRO 2394` + line end + `2009 CAIRO 491`),
 * and where a cable starts after a comma or a line end that close something else
 * (`STATE 1234, PHONE CALL SMITH-JONES MARCH 3, 04 ROME 7414`: three references, two of them cables).
 */
function splitEntry(text: string): string[] {
  const out: string[] = [];
  for (const raw of splitOutside(text, ';')) {
    // line ends are kept for now: a cable at the start of a line begins a reference
    const part = raw.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
    const mentions = mentionsIn(part);
    let from = 0;
    for (let k = 1; k < mentions.length; k++) {
      if (separatedOnly(part, mentions[k - 1]!, mentions[k]!) || afterBreak(part, mentions[k - 1]!, mentions[k]!)) {
        out.push(part.slice(from, mentions[k]!.start));
        from = mentions[k]!.start;
      }
    }
    out.push(part.slice(from));
  }
  return out.map(tidy).filter(Boolean);
}

/** Between two mentions only a separator (`,` `:` or a space) or a note such as `(NOTAL)`. */
function separatedOnly(text: string, a: CableMention, b: CableMention): boolean {
  return /^\s*(?:\([A-Z ]{1,20}\)\s*)?[,:]?\s*$/i.test(text.slice(a.end, b.start));
}

/** The second mention starts right after a comma or a line end, with other words before them. */
function afterBreak(text: string, a: CableMention, b: CableMention): boolean {
  return /[,\n]\s*$/.test(text.slice(a.end, b.start));
}

/** The mentions in an entry's text, up to a `Classified By` run into it; the last one remembered (each text is read twice). */
let lastText: string | null = null;
let lastMentions: CableMention[] = [];
function mentionsIn(text: string): CableMention[] {
  if (text !== lastText) {
    lastMentions = findCableMentions(beforeClassifiedBy(text));
    lastText = text;
  }
  return lastMentions;
}

/** Splits at a separator that is not inside parentheses. */
function splitOutside(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === sep && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}
