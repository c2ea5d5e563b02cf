/**
 * The header between the classification line and the body: caveat and handling lines,
 * E.O. / DECL, TAGS, SUBJECT, REF, Classified By. Fields may wrap, share a line, or be missing.
 */
import type { Cable } from '../model/cable.js';
import type { Line } from '../normalize/lines.js';
import type { ChangeLog } from '../normalize/log.js';
import { parsePortionMarking } from './classification.js';
import { isSectionMarker, splitPageHeader } from './markers.js';
import { iso } from './meta.js';
import { expandYear } from './routing.js';
import { readReferences } from './references.js';

export { readReferences };

/** The header's share of the Cable model, plus the caveat lines and where the body starts. */
export type HeaderFields = Pick<
  Cable,
  'handling' | 'notes' | 'eo' | 'declassify' | 'tags' | 'subject' | 'subjectMarking' | 'references' | 'classifiedBy' | 'reasons'
> & {
  caveats: string[];
  eoLine: string | null;
  /** Index (into the lines given) where the body starts. */
  bodyStart: number;
};

type Field = 'eo' | 'tags' | 'subject' | 'ref' | 'classifiedBy';

const LABELS: Array<[Field, RegExp]> = [
  ['eo', /\bE\.?\s?O\.?\s?(?=\d{5})/i],
  ['tags', /\bTAGS\b:?/i],
  ['subject', /\bSUBJ(?:ECT)?\s*:/i],
];
const REF_LABEL = /^\s*(?:REF(?:S|TEL|TELS)?|REFERENCES?)\s*:\s*|^\s*REF\s+(?=[A-Z]\.\s)/i;
const CLASSIFIED_BY = /^\s*(?:\([A-Z/]{1,8}\)\s*)?CLASSIFIED\s+BY\b\s*:?\s*/i;
const CAVEAT_LINE = /^(?:SIPDIS|NOFORN|SENSITIVE|EXDIS|LIMDIS|NODIS|STADIS|NOFORN SIPDIS|SIPDIS NOFORN|C O R R E C T E D\s+C O P Y|CORRECTED COPY|E F T O|EFTO)\s*$/i;

/** A header line that starts a paragraph: `1.`, `1.(C)`. */
export const PARAGRAPH_START = /^\s*(\d{1,4})\s?\.(?=\s|\(|$)/;

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
    bodyStart: lines.length,
  };
  const values: Partial<Record<Field, string[]>> = {};
  let field: Field | null = null;
  let seenField = false;
  let blankBefore = false;

  const start = (f: Field, text: string) => {
    field = f;
    seenField = true;
    (values[f] ??= []).push(text.trim());
  };

  // Lines before the first header field are caveat, handling and note lines, whatever their case.
  let firstField = -1;
  for (let k = 0; k < Math.min(lines.length, 40); k++) {
    const t = lines[k]!.text.trim();
    if (PARAGRAPH_START.test(t)) break;
    if (CLASSIFIED_BY.test(t) || REF_LABEL.test(t) || /^(?:E\.?\s?O\.?\s?\d{5}|TAGS\b|SUBJ(?:ECT)?\s*:)/i.test(t) || /\bE\.?\s?O\.?\s?\d{5}\s*:?\s*(?:DECL|N\/A)/i.test(t)) {
      firstField = k;
      break;
    }
  }

  let i = 0;
  for (; i < lines.length; i++) {
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
    if (CLASSIFIED_BY.test(t)) {
      start('classifiedBy', t.replace(CLASSIFIED_BY, ''));
      blankBefore = false;
      continue;
    }
    if (REF_LABEL.test(t)) {
      start('ref', t.replace(REF_LABEL, ''));
      blankBefore = false;
      continue;
    }
    let labelled = splitLabels(t);
    if (!labelled.length && !seenField) {
      // `DEPT FOR WHA/BSC E.O. 12958: DECL: …`: a handling line with the E.O. glued after it.
      const eo = /\bE\.?\s?O\.?\s?(?=\d{5})/i.exec(t);
      if (eo && eo.index > 0 && t.slice(0, eo.index) === t.slice(0, eo.index).toUpperCase()) {
        h.handling.push(t.slice(0, eo.index).trim());
        labelled = splitLabels(t.slice(eo.index));
      }
    }
    if (labelled.length) {
      for (const [f, v] of labelled) start(f, v);
      blankBefore = false;
      continue;
    }
    if (field === 'ref' && (blankBefore ? /^\(?[A-Za-z][.)]\s/.test(t) : true)) {
      (values.ref ??= []).push(t);
      blankBefore = false;
      continue;
    }
    const f = field as Field | null;
    if (f && !blankBefore && f !== 'eo') {
      (values[f] ??= []).push(t);
      continue;
    }
    if (!seenField && CAVEAT_LINE.test(t)) {
      h.caveats.push(t.toUpperCase().replace(/\s+/g, ' ').replace('C O R R E C T E D C O P Y', 'CORRECTED COPY'));
      blankBefore = false;
      continue;
    }
    if (!seenField && /declassified|systematic review/i.test(t)) {
      h.notes.push(t);
      continue;
    }
    if (!seenField && ((t === t.toUpperCase() && /[A-Z]/.test(t) && t.length <= 400) || i < firstField)) {
      h.handling.push(t);
      blankBefore = false;
      continue;
    }
    break;
  }
  h.bodyStart = i;

  if (values.eo) {
    const text = values.eo.join(' ');
    h.eoLine = `E.O. ${text}`.replace(/\s+/g, ' ').trim();
    const m = /^(\d{5})\s*:?\s*(.*)$/.exec(text);
    if (m) {
      h.eo = m[1]!;
      const d = /DECL\w*\s*:?\s*(\d{1,2})\/(\d{1,2})\/(\d{2,4})/i.exec(m[2]!);
      const ymd = /DECL\w*\s*:?\s*(\d{4})\/(\d{1,2})\/(\d{1,2})/i.exec(m[2]!);
      if (ymd) h.declassify = iso(+ymd[1]!, +ymd[2]!, +ymd[3]!)?.slice(0, 10) ?? null;
      else if (d) h.declassify = iso(expandYear(d[3]!), +d[1]!, +d[2]!)?.slice(0, 10) ?? null;
    }
  }
  if (values.tags) {
    h.tags = values.tags
      .join(' ')
      .split(/[\s,;]+/)
      .map((s) => s.replace(/[^A-Za-z0-9_-]/g, '').toUpperCase())
      .filter(Boolean);
  }
  if (values.subject) {
    let s = values.subject.join(' ').replace(/\s+/g, ' ').trim();
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
    const cb = readClassifiedBy(values.classifiedBy.join(' '));
    h.classifiedBy = cb.by;
    h.reasons = cb.reasons;
  }
  return h;
}

function splitLabels(t: string): Array<[Field, string]> {
  const hits: Array<[Field, number, number]> = [];
  for (const [f, re] of LABELS) {
    const m = re.exec(t);
    if (m) hits.push([f, m.index, m.index + m[0].length]);
  }
  if (!hits.length || hits.every(([, idx]) => idx > 0)) return [];
  hits.sort((a, b) => a[1] - b[1]);
  return hits.map(([f, , end], k) => [f, t.slice(end, k + 1 < hits.length ? hits[k + 1]![1] : undefined).trim()]);
}

/** `PolMinCouns Scott Bellard, reasons 1.4 (b) and (d).` → by + `1.4(b)`, `1.4(d)`. */
export function readClassifiedBy(text: string): { by: string | null; reasons: string[] } {
  const t = text.replace(/\s+/g, ' ').trim();
  const cut = /[,.;:]?\s*(?:\bfor\s+)?\breasons?\b\s*:?|[,;]?\s*(?=\b1\.[4-6]\s*\(?[a-hA-H]\b)/i.exec(t);
  const by = (cut ? t.slice(0, cut.index) : t).replace(/[\s,.;:]+$/, '').trim();
  const rest = cut ? t.slice(cut.index) : '';
  const reasons: string[] = [];
  for (const m of rest.matchAll(/\b(1\.[4-6])\.?\s*((?:[\s(),/&]*(?:and\s+)?\(?[a-hA-H]\)?(?![A-Za-z]))+)/gi)) {
    for (const l of m[2]!.matchAll(/(?<![A-Za-z])[a-hA-H](?![A-Za-z])/g)) {
      const r = `${m[1]}(${l[0].toLowerCase()})`;
      if (!reasons.includes(r)) reasons.push(r);
    }
  }
  return { by: by || null, reasons };
}
