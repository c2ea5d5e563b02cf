/**
 * The header between the classification line and the body: caveat and handling lines,
 * E.O. / DECL, TAGS, SUBJECT, REF, Classified By. Fields may wrap, share a line, or be missing.
 */
import type { Cable } from '../../model/cable.js';
import type { Line } from '../../normalize/lines.js';
import type { ChangeLog } from '../../normalize/log.js';
import { parsePortionMarking } from './classification.js';
import { isSectionMarker, splitPageHeader } from './markers.js';
import { iso } from './meta.js';
import { expandYear } from './routing.js';
import { readReferences } from './references.js';
import { readTags } from './tags.js';
import { readClassifiedBy } from './classified-by.js';

export { readReferences };

/** The header's share of the Cable model, plus the caveat lines and where the body starts. */
export type HeaderFields = Pick<
  Cable,
  'handling' | 'notes' | 'eo' | 'declassify' | 'tags' | 'subject' | 'subjectMarking' | 'references' | 'classifiedBy' | 'reasons'
> & {
  caveats: string[];
  eoLine: string | null;
  /** The lines of the body: the rest of the input after the header (a line the header shared is cut). */
  body: Line[];
};

type Field = 'eo' | 'tags' | 'subject' | 'ref' | 'classifiedBy';
/** A piece of a header line; `glued` is a label written onto the word before it (`PRIMEREF:`, `CAIROClassified By:`), as written. */
type Piece = { kind: Field | 'body' | null; text: string; glued?: { before: string; after: string } };

const CAVEAT_LINE = /^(?:SIPDIS|NOFORN|SENSITIVE(?: BUT UNCLASSIFIED)?|EXDIS|LIMDIS|NODIS|STADIS|NOFORN SIPDIS|SIPDIS NOFORN|C O R R E C T E D\s+C O P Y|CORRECTED COPY|E F T O|EFTO)\s*$/i;

/** A header line that starts a paragraph: `1.`, `1.(C)`. */
export const PARAGRAPH_START = /^\s*(\d{1,4})\s?\.(?=\s|\(|$)/;

/** Labels at the start of a line. Order matters only for what a label may swallow. */
const LINE_LABELS: Array<[Field, RegExp, string]> = [
  ['classifiedBy', /^(?:\((?:U|C|S|SBU|TS)[^)]{0,8}\)\s*)?CLASSIFIED\s+BY\b\s*:?\s*/i, '(c'],
  ['eo', /^E\.?\s?O\.?\s?(?=\d{4,5}\b)|^E\.\s?O\.\s*(?=:)/i, 'e'],
  ['tags', /^(?:TAGS?\b\s*:?|TAS\s*:|TGS\s*:)\s*/i, 't'],
  ['subject', /^S?UBJ(?:ECT)?\s*(?::|[-–](?=\s))\s*|^(?:SUBJECT|SUBJ)\s+(?=\S)/i, 'su'],
  ['ref', /^(?:REF(?:S|TEL|TELS|ERENCES?|\(S\)|TEL\(S\)|TELS?\(S\))?)\s*[:.]\s*|^REF(?:S|TEL|TELS)?\s+(?=\(?[A-Z][.):]\s|\(?[A-Z]\)|[A-Z]{2,}[A-Z ]*\s\d|[A-Z]\s+[A-Z]{2,}[A-Z ]*\s\d|\d{2,4}\s+[A-Z])/i, 'r'],
];
/** Labels inside a line: they need their colon (or, for TAGS, a code after them). */
const MID_LABELS: Array<[Field | 'body', RegExp]> = [
  ['classifiedBy', /Classified\s+By\s*:\s*/gi],
  ['eo', /(?<=\s)E\.?\s?O\.?\s?(?=\d{5}\b)/gi],
  ['tags', /(?<=\s)TAGS?\s*:\s*/gi],
  // `… DECL: 01/04/2020 TAGS MASS MARR` without a colon: only after the E.O. value, never inside a subject.
  ['tags', /(?<=(?:\d|N\/?A|OADR|GDS)\s)TAGS?\s+(?=[A-Z]{2,5}\b)/g],
  ['subject', /(?<=\s)(?:SUBJECT|SUBJ)\s*:\s*/gi],
  ['ref', /(?<=\s)(?:REF(?:S|TEL|TELS|\(S\)|TEL\(S\))?|Ref\(s\))\s*:\s*/gi],
  // `…VISIT TO EGYPTREF: CAIRO 493`: glued to the subject, upper case only.
  ['ref', /(?<=[A-Z])REFS?:\s+/g],
  ['body', /(?<=\s)(?:¶\s?)?\d{1,2}\s?\.\s*(?=\((?:U|C|S|SBU|TS|S\/\/?NF|C\/\/?NF|S\/NF|C\/NF|SBU\/NF)\)\s)/g],
];

/** Lines that begin the body or a note, never a field's wrapped tail: `SUMMARY:`, `(U) This message …`, `ACTION REQUEST`. */
const ENDS_A_FIELD = /^(?:\((?:U|SBU|C|S)[^)]{0,6}\)\s*)?(?:(?:BEGIN\s+)?SUMM?ARY\b\s*(?:[:.-]|AND\b|$)|Sensitive but unclassified|This (?:is an action|message|cable|telegram)\b|ACTION REQUEST\b)/i;

/** `STATE FOR EUR/CE`, `DEPT PLEASE PASS TO USTR`, `USDOC FOR 4520/ITA`, `AIDAC`: routing instructions. */
function isHandlingLine(t: string): boolean {
  return (
    t === t.toUpperCase() &&
    /[A-Z]/.test(t) &&
    t.length <= 200 &&
    (/^[A-Z0-9/&.,()' -]{2,60}?\s(?:FOR|PASS(?:\s+TO)?|PLEASE PASS(?:\s+TO)?|ALSO FOR|PASS TO)\b/.test(t) || /^(?:PASS(?:\s+TO)?|FOR|AIDAC|USAID|DEPT PASS|PLEASE PASS)\b/.test(t))
  );
}

/** Lines of a TAGS field that continues on the next line: codes and commas only (`BL, IS`, `EINV`). */
function isTagContinuation(t: string): boolean {
  return /^(?:[A-Z]{2,6}(?:\/[A-Z0-9-]+)?[\s,;]*)+$/.test(t.trim());
}

/** A Classified By text that has its reasons and a closing stop: nothing follows on the next line. */
function classifiedByComplete(t: string): boolean {
  return /\b1\s?\.\s?[4-6]\b.*[a-hA-H]\s*\)?\s*[.)]?\s*$/.test(t) && /[.)]\s*$/.test(t);
}

/**
 * A field the release's text cut with a blank line: a SUBJECT that goes on after it
 * (`SUBJECT: … EMERGENCY SESSION AS` / blank / `DEBATE OVER …` / blank / `REF: …` — only when another
 * field follows, so the tail cannot be the body), and a Classified By line whose reasons stand after
 * it (`… FOR REASONS` / blank / `1.4 B, D`).
 */
function wrappedAcrossBlank(field: Field, prev: string[], text: string): boolean {
  const last = (prev[prev.length - 1] ?? '').replace(/^\u0000/, '').trim();
  if (!last) return false;
  if (field === 'subject') {
    if (CAVEAT_LINE.test(text) || isHandlingLine(text) || ENDS_A_FIELD.test(text) || text.length > 200) return false;
    if (/^(?:SIPDIS|NOFORN|SENSITIVE|DEPT\b|DEPARTMENT\b|PASS\b|FOR\b)/i.test(text)) return false;
    // an upper-case subject goes on in upper case
    const upper = (s: string) => /[A-Z]/.test(s) && s === s.toUpperCase();
    return !upper(prev.join(' ')) || upper(text);
  }
  if (field === 'classifiedBy') {
    const all = prev.join(' ').replace(/\u0000/g, '');
    if (classifiedByComplete(all) || /\b1\s?\.\s?[1-8]\s*\(?[a-h]\b/i.test(all)) return false;
    return /^(?:\(?1\s?[.:,]?\s?[1-8]\b|(?:for\s+)?reasons?\b)/i.test(text);
  }
  return false;
}

/** Splits a header line at the labels it holds; the first piece is the text before any label. */
export function splitHeaderLine(t: string): Piece[] {
  const hits: Array<[Field | 'body', number, number]> = [];
  let labelEnd = 0;
  // Each line label has its first letters: the others are not tried.
  const c = t[0]?.toLowerCase() ?? '';
  for (const [f, re, firsts] of LINE_LABELS) {
    if (!firsts.includes(c)) continue;
    const m = re.exec(t);
    if (m) {
      hits.push([f, 0, m[0].length]);
      labelEnd = m[0].length;
      break;
    }
  }
  // A label inside the line stands after the line's own label: only that part is searched for their words.
  const rest = labelEnd ? t.slice(labelEnd) : t;
  const up = rest.toUpperCase();
  const present: Record<string, boolean> = {
    classifiedBy: up.includes('CLASSIFIED'),
    eo: up.includes('O') && /E\.?\s?O\.?\s?\d/i.test(rest),
    tags: up.includes('TAG'),
    subject: up.includes('SUBJ'),
    ref: up.includes('REF'),
    body: up.includes('(') && /\d\s?\.\s*\(/.test(rest),
  };
  if (present.classifiedBy || present.tags || present.subject || present.ref || present.body || present.eo) {
    for (const [f, re] of MID_LABELS) {
      if (!present[f]) continue;
      for (const m of t.matchAll(re)) {
        const at = m.index!;
        if (at < labelEnd || hits.some(([, s, e]) => at < e && at + m[0].length > s)) continue;
        // A label repeated inside its own field (`TAGS: EAID, BA, TAGS: EFIN`) is text of the field.
        if (f !== 'body' && hits.some(([g, s]) => g === f && s < at)) continue;
        // `Classified By: X, E.O. 12958, reasons 1.4 (b)`: the order a statement cites is no E.O. line
        // (that one has its colon or DECL: `E.O. 12958: DECL: …`).
        if (f === 'eo' && hits.some(([g, s]) => g === 'classifiedBy' && s < at) && !/^\s*\d{5}\s*(?::|DECL\b)/i.test(t.slice(at + m[0].length))) continue;
        // … nor is the order cited for the reasons on a line of its own (`BEECROFT, FOR E.O. 12958 REASONS 1.4 (B)`)
        if (f === 'eo' && (/\b(?:for|per|under|based\s+(?:on|upon))\s*$/i.test(t.slice(0, at)) || /^\s*\d{5}\s*,?\s*(?:reasons?\b|sec(?:tion|\.)|1\s?\.\s?[1-8])/i.test(t.slice(at + m[0].length)))) continue;
        // `Classified By:` glued to the subject (`…CAIROClassified By:`) starts a field too.
        hits.push([f, at, at + m[0].length]);
      }
    }
  }
  if (!hits.length) return [{ kind: null, text: t }];
  hits.sort((a, b) => a[1] - b[1]);
  const pieces: Piece[] = [];
  if (hits[0]![1] > 0) pieces.push({ kind: null, text: t.slice(0, hits[0]![1]).trim() });
  for (let k = 0; k < hits.length; k++) {
    const [f, , end] = hits[k]!;
    const next = k + 1 < hits.length ? hits[k + 1]![1] : t.length;
    // The body takes the rest of the line, whatever labels follow inside it.
    if (f === 'body') {
      pieces.push({ kind: 'body', text: t.slice(hits[k]![1]).trim() });
      break;
    }
    const at = hits[k]![1];
    const word = at > 0 && /[A-Za-z]/.test(t[at - 1]!) ? /[A-Za-z]+$/.exec(t.slice(0, at))![0] : null;
    const label = t.slice(at, end).trim();
    pieces.push({ kind: f, text: t.slice(end, next).trim(), ...(word ? { glued: { before: `${word}${label}`, after: `${word} ${label}` } } : {}) });
  }
  return pieces;
}

/** Does a header label start within the next few lines (with no paragraph before it)? */
function fieldAhead(lines: Line[], from: number, split: (t: string) => Piece[]): boolean {
  let seen = 0;
  for (let k = from; k < lines.length && seen < 8; k++) {
    const t = lines[k]!.text.trim();
    if (!t) continue;
    seen++;
    if (PARAGRAPH_START.test(t)) return false;
    const first = split(t)[0]!;
    if (first.kind && first.kind !== 'body') return true;
  }
  return false;
}

export function readHeader(lines: Line[], log: ChangeLog): HeaderFields {
  const h: HeaderFields = {
    caveats: [],
    handling: [],
    notes: [],
    eo: null,
    eoLine: null,
    declassify: null,
    tags: [],
    subject: null,
    subjectMarking: null,
    references: [],
    classifiedBy: null,
    reasons: [],
    body: [],
  };
  const values: Partial<Record<Field, string[]>> = {};
  const firstLine: Partial<Record<Field, number>> = {};
  let field: Field | null = null;
  let seenField = false;
  let blankBefore = false;
  let bodyAt = lines.length;
  let bodyLine: Line | null = null;

  const start = (f: Field, text: string, no: number) => {
    field = f;
    seenField = true;
    if ((f === 'classifiedBy' || f === 'subject') && values[f]) {
      // A second Classified By or SUBJECT line: kept, after the first.
      values[f]!.push('\u0000' + text);
      return;
    }
    (values[f] ??= []).push(text);
    firstLine[f] ??= no;
  };

  /** May text without a label continue the current field? */
  const continues = (f: Field | null, text: string, sameLine: boolean): boolean => {
    if (!f) return false;
    const prev = values[f] ?? [];
    const last = (prev[prev.length - 1] ?? '').trim();
    const fresh = !sameLine && blankBefore;
    switch (f) {
      case 'eo':
        return !fresh && (/^DECL\b/i.test(text) || /:\s*$/.test(last) || last === '');
      case 'tags':
        return sameLine || (!fresh && (/[,;]$/.test(last) || last === '' || isTagContinuation(text)));
      case 'subject':
        if (ENDS_A_FIELD.test(text)) return false;
        return sameLine || !fresh || (prev.length === 1 && last === '');
      case 'ref':
        if (sameLine) return true;
        if (ENDS_A_FIELD.test(text)) return false;
        if (/^\d{1,7}\b(?:\s*\(NOTAL\))?\.?$/.test(text)) return true;
        if (!fresh) return true;
        if (/^(?:¶\s?)?\(?[A-Za-z][.)]\s/.test(text)) return true;
        // An entry a blank line cut: `(B) Rio de Janeiro` / `00723 (C) …`, `D. 03` / `HANOI 2323 E. …`.
        if (/[A-Za-z]\s*$/.test(last) && /^\d{2,7}\b/.test(text) && !/^\d{1,2}\s?\.(?:\s|\()/.test(text)) return true;
        if (/(?:^|\s)(?:[A-Z][.)]\s+)?\d{2}$/.test(last) && /^[A-Z][A-Za-z ]{1,30}\s\d{1,7}\b/.test(text)) return true;
        return false;
      case 'classifiedBy':
        if (!sameLine && ENDS_A_FIELD.test(text)) return false;
        return sameLine || (!fresh && !classifiedByComplete(last.replace(/^\u0000/, '')) && !(isHandlingLine(text) && !/\bREASON|\b1\s?\.\s?[4-6]/i.test(text)));
    }
  };

  /** A handling or note line between the classification line and the body: it ends the field before it. */
  const handlingLine = (text: string): void => {
    h.handling.push(text);
    field = null;
    blankBefore = false;
  };

  // Lines are split once: the look-ahead for a later field asks for the same lines again.
  const splitCache = new Map<string, Piece[]>();
  const split = (t: string): Piece[] => {
    let pieces = splitCache.get(t);
    if (!pieces) splitCache.set(t, (pieces = splitHeaderLine(t)));
    return pieces;
  };

  let i = 0;
  scan: for (; i < lines.length; i++) {
    const line = lines[i]!;
    let t = line.text.trim();
    if (!t) {
      blankBefore = true;
      continue;
    }
    if (isSectionMarker(t) || (seenField && /^(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|UNCLAS)(?:\s+PTQ\d+)?$/.test(t))) {
      log.repair('section-marker', line.no, t, '');
      continue;
    }
    const page = splitPageHeader(t);
    if (page) {
      log.repair('section-marker', line.no, page.marker, '');
      if (!page.rest) continue;
      t = page.rest;
    }
    // A dash rule starts the body (a heading underlined or framed by rules).
    if (seenField && /^\s*-{3,}(?:\s+-+)*\s*$/.test(t)) break;
    if (PARAGRAPH_START.test(t) && !(field === 'ref' && /^\d{1,2}\s?\.\s*[A-Z]+\s+\d/.test(t))) break;
    if (/^_{10,}$/.test(t)) {
      h.notes.push(t);
      continue;
    }
    const pieces = split(t);
    for (let k = 0; k < pieces.length; k++) {
      const piece = pieces[k]!;
      if (piece.kind === 'body') {
        bodyAt = i;
        bodyLine = { ...line, text: piece.text.replace(/^¶\s?/, ''), marker: line.marker || piece.text.startsWith('¶') };
        break scan;
      }
      if (piece.kind) {
        if (piece.glued) log.repair('glued-label', line.no, piece.glued.before, piece.glued.after);
        start(piece.kind, piece.text, line.no);
        blankBefore = false;
        continue;
      }
      // Text before any label on this line.
      const text = piece.text;
      if (!text) continue;
      const sameLineAsField = false;
      if (continues(field, text, sameLineAsField)) {
        (values[field!] ??= []).push(text);
        blankBefore = false;
        continue;
      }
      const open = field as Field | null;
      if (blankBefore && open && wrappedAcrossBlank(open, values[open] ?? [], text) && (open === 'classifiedBy' || fieldAhead(lines, i + 1, split))) {
        (values[open] ??= []).push(text);
        blankBefore = false;
        continue;
      }
      if (!seenField && CAVEAT_LINE.test(text)) {
        h.caveats.push(text.toUpperCase().replace(/\s+/g, ' ').replace('C O R R E C T E D C O P Y', 'CORRECTED COPY'));
        blankBefore = false;
        field = null;
        continue;
      }
      if (/declassified\/released|systematic review|^declassified\b/i.test(text) && (!seenField || pieces.length === 1)) {
        h.notes.push(text);
        field = null;
        continue;
      }
      if (!seenField && pieces.length > 1) {
        // `DEPT FOR WHA/BSC E.O. 12958: …`, `SIPDIS E.O. …`: what stands before the first label.
        if (CAVEAT_LINE.test(text)) h.caveats.push(text.toUpperCase());
        else h.handling.push(text);
        continue;
      }
      if (!seenField) {
        // Lines before the first field are caveat, handling and note lines, whatever their case —
        // unless no field follows at all, and this is already the body.
        const shortUpper = text === text.toUpperCase() && /[A-Z]/.test(text) && text.length <= 60 && !/[.;]\s+\S|[.;]$/.test(text);
        if (fieldAhead(lines, i + 1, split) || isHandlingLine(text) || (shortUpper && h.handling.length < 6)) {
          handlingLine(text);
          continue;
        }
        bodyAt = i;
        break scan;
      }
      // After a field: a handling line or note between fields (`DEPARTMENT FOR …` before E.O.), else the body.
      if (
        (fieldAhead(lines, i + 1, split) && (isHandlingLine(text) || /^Sensitive but unclassified/i.test(text))) ||
        (/^Sensitive but unclassified\b.{0,60}$/i.test(text) && !/[a-z]{3,}.*[.!?]\s+\S/.test(text.slice(30)))
      ) {
        handlingLine(text);
        continue;
      }
      bodyAt = i;
      break scan;
    }
  }
  if (bodyAt === lines.length && i < lines.length) bodyAt = i;
  h.body = bodyLine ? [bodyLine, ...lines.slice(bodyAt + 1)] : lines.slice(bodyAt);

  if (values.eo) {
    const text = values.eo.join(' ');
    h.eoLine = `E.O. ${text}`.replace(/\s+/g, ' ').trim();
    const m = /^(\d{4,5})\s*:?\s*(.*)$/.exec(text.replace(/^[:\s]+/, ''));
    if (m) {
      h.eo = m[1]!;
      // `DECL: 03/14/2018`, `DECL 3/14/18`, `DECL: 2018/03/14`, `DECL: 2018-03-14`, `DECL: 03.14.2018`, and a date
      // right after the order with no DECL label (`E.O. 12958: 03/24/2019`); not a downgrade (`DNG: CO 01/26/2021`).
      const d = /(?:^|DECL\w*\s*:?)\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/i.exec(m[2]!);
      const ymd = /(?:^|DECL\w*\s*:?)\s*(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?!\d)/i.exec(m[2]!);
      if (ymd) h.declassify = iso(+ymd[1]!, +ymd[3]!, +ymd[4]!)?.slice(0, 10) ?? null;
      else if (d) h.declassify = iso(expandYear(d[4]!), +d[1]!, +d[3]!)?.slice(0, 10) ?? null;
    }
  }
  if (values.tags) h.tags = readTags(values.tags.join('\n'), firstLine.tags ?? 0, log);
  if (values.subject) {
    const [own, ...again] = values.subject.join('\n').split('\n\u0000').map((p) => p.split('\n'));
    let s = joinFieldLines(own!, firstLine.subject ?? 0, log);
    for (const more of again) {
      // `SUBJ: Prime Minister Accuses Iran …` restating the SUBJECT in another case: a repeat.
      const text = joinFieldLines(more, firstLine.subject ?? 0, log);
      if (text.toUpperCase() === s.toUpperCase()) log.repair('subject-repeat', firstLine.subject ?? 0, text, '');
      else {
        h.notes.push(`SUBJECT: ${text}`);
        log.warn('second-subject', firstLine.subject ?? null, 'a second SUBJECT line that differs from the first is kept as a note');
      }
    }
    const pm = /^\(([^)]{1,20})\)\s*/.exec(s);
    if (pm) {
      const marking = parsePortionMarking(pm[1]!);
      if (marking.level) {
        h.subjectMarking = marking;
        s = s.slice(pm[0].length);
      }
    }
    h.subject = s || null;
  }
  if (values.ref) h.references = readReferences(values.ref, log);
  if (values.classifiedBy) {
    const parts = values.classifiedBy.join('\n').split('\n\u0000');
    const first = readClassifiedBy(mendWrappedWords(parts[0]!, firstLine.classifiedBy ?? 0, log));
    h.classifiedBy = first.by;
    h.reasons = first.reasons;
    for (const more of parts.slice(1)) {
      const next = readClassifiedBy(mendWrappedWords(more, firstLine.classifiedBy ?? 0, log));
      if (next.by && next.by !== h.classifiedBy) h.classifiedBy = h.classifiedBy ? `${h.classifiedBy}; ${next.by}` : next.by;
      for (const r of next.reasons) if (!h.reasons.includes(r)) h.reasons.push(r);
    }
    noteRewrittenClassifiedBy(values.classifiedBy.join(' ').replace(/\u0000/g, ''), h, firstLine.classifiedBy ?? 0, log);
  }
  return h;
}

/** A field's wrapped lines as one: `THE US-` + `LATIN AMERICAN` → `THE US-LATIN AMERICAN`. */
function joinFieldLines(parts: string[], line: number, log: ChangeLog): string {
  let out = '';
  for (const raw of parts) {
    const p = raw.replace(/\s+/g, ' ').trim();
    if (!p) continue;
    if (/[A-Za-z]-$/.test(out) && !/--$/.test(out) && /^[A-Za-z]/.test(p)) {
      log.repair('hyphen-wrap', line, `${out.slice(-20)}\n${p.slice(0, 20)}`, `${out.slice(-20)}${p.slice(0, 20)}`);
      out += p;
    } else out = out ? `${out} ${p}` : p;
  }
  return out;
}

/**
 * The Classified By line is written back in one form (`X. Reasons: 1.4(b).`): when that form drops
 * anything of the line as written — words (`for`, `E.O. 12958`, a second `Classified by`, a
 * `REASON:` with no reason after it), a section typed `14` or `1:4`, a reason letter — the change
 * is logged, so nothing goes silently.
 */
function noteRewrittenClassifiedBy(raw: string, h: HeaderFields, line: number, log: ChangeLog): void {
  const by = h.classifiedBy ?? '';
  const after = `${by}${h.reasons.length ? `${by.endsWith('.') ? '' : '.'} Reasons: ${h.reasons.join(', ')}.` : ''}`;
  const kept = new Set(statementTokens(`classified by ${after}`));
  // the connectives of `for reasons … and …` are written as `Reasons:` and `,`
  if (h.reasons.length) for (const w of ['reason', 'reasons', 'for', 'and']) kept.add(w);
  const dropped = statementTokens(raw).filter((w) => !kept.has(w));
  if (!dropped.length) return;
  log.repair('classified-by', line, raw.replace(/\s+/g, ' ').trim(), after);
}

/** Words (three letters or more), and after the reasons label its numbers and letters, lower case. */
function statementTokens(text: string): string[] {
  const t = text.toLowerCase();
  const out: string[] = [...(t.match(/[a-z]{3,}/g) ?? [])];
  const at = t.search(/\breas[o0]ns?\b/);
  if (at >= 0) {
    const rest = t.slice(at).replace(/\breas[o0]ns?\b/, '');
    for (const m of rest.matchAll(/\d+(?:[.:,]\d+)*|(?<![a-z])[a-h](?![a-z])/g)) out.push(m[0].replace(/[:,]/g, '.'));
    // `1.4(b)` as written back holds the section once per letter: its parts count
    for (const m of rest.matchAll(/(\d+\.\d+)\(([a-h])\)/g)) out.push(m[1]!, m[2]!);
  }
  return out;
}

/**
 * Words a wrap broke without a hyphen in a Classified By text: `REAS\nONS` → `REASONS`,
 * `Hoyt Y\nee for reasons` → `Hoyt Yee`. Only where the pieces cannot stand alone.
 */
export function mendWrappedWords(text: string, line: number, log: ChangeLog): string {
  let t = text.replace(/\bREA\s*\n\s*SONS?\b|\bREAS\s*\n\s*ONS?\b|\bREASO\s*\n\s*NS?\b|\bR\s*\n\s*EASONS?\b/gi, (m) => {
    const after = m.replace(/\s+/g, '');
    log.repair('wrapped-word', line, m, after);
    return after;
  });
  // `Y\nee for`, `Blah\na,`: a lower-case fragment of one or two letters that no word is.
  t = t.replace(/([A-Z][a-z]*)[ \t]*\n[ \t]*([a-z]{1,2})(?=[,.;:]|\s+(?:for|reasons?)\b)/g, (m, a: string, b: string) => {
    if (/^(?:a|an|to|of|in|on|at|by|or)$/.test(b) && !/[,.;:]/.test(text.slice(text.indexOf(m) + m.length, text.indexOf(m) + m.length + 1))) return m;
    log.repair('wrapped-word', line, m, a + b);
    return a + b;
  });
  return t.replace(/\s*\n\s*/g, ' ');
}

export { readClassifiedBy } from './classified-by.js';
