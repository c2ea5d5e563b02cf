/**
 * The apply step: one transform Cable → Cable that runs the level filter, then the detectors on
 * every text field that can carry contact details, replaces each span by a fixed-length
 * placeholder, records a `redaction` Mark where the model has marks, and scrubs repairs and
 * warnings. Returns the report the audit log and the verifier are made from.
 */
import type { Bullet, Cable, Level, Mark, Paragraph, Recipient } from '../model/cable.js';
import { detect } from './detect.js';
import { compact, valueProbe, withheldProbes, type Probe } from './fingerprint.js';
import { filterByLevel, type WithheldPart } from './level.js';
import { regionForOrigin } from './region.js';
import type { DetectContext, RedactionCategory, Span } from './types.js';

export type RedactionStyle = 'box' | 'label';

export interface RedactOptions {
  /** What to detect and remove; empty or absent: nothing (the level filter may still run). */
  categories?: RedactionCategory[];
  style?: RedactionStyle;
  terms?: string[];
  patterns?: string[];
  maxLevel?: Level;
  /** Phone region; default from the cable's origin. */
  region?: string;
}

/** One removed value. `value` stays in memory for verification and is never written. */
export interface RedactionRecord {
  category: RedactionCategory;
  /** Which field: `paragraph`, `bullet`, `heading`, `subject`, `reference`, `footer`, … */
  field: string;
  /** The paragraph number for paragraph/bullet/heading fields, else null. */
  paragraph: number | null;
  /** Index in the field's list (paragraph index, footer line, reference…). */
  index: number;
  /** Index of the bullet in its paragraph, for `bullet`. */
  bullet?: number;
  offset: number;
  length: number;
  value: string;
}

export interface RedactionReport {
  redactions: RedactionRecord[];
  withheld: WithheldPart[];
  counts: Record<string, number>;
  /** Repairs and warnings whose text was scrubbed or replaced. */
  scrubbed: { repairs: number; warnings: number };
  /** What the verifier searches outputs for. */
  probes: Probe[];
}

export const BOX_LENGTH = 8;

export function placeholder(category: string, style: RedactionStyle): string {
  return style === 'label' ? `[REDACTED ${category.toUpperCase()}]` : '█'.repeat(BOX_LENGTH);
}

interface Edited {
  text: string;
  marks: Mark[];
}

/** Replaces spans (sorted, disjoint) and carries existing marks over to the new offsets. */
function rewrite(text: string, spans: Span[], style: RedactionStyle, oldMarks: Mark[] = []): Edited {
  let out = '';
  let last = 0;
  const marks: Mark[] = [];
  const shift: { at: number; delta: number }[] = [];
  for (const span of spans) {
    out += text.slice(last, span.start);
    const ph = placeholder(span.category, style);
    marks.push({ kind: 'redaction', start: out.length, end: out.length + ph.length, category: span.category });
    out += ph;
    shift.push({ at: span.end, delta: ph.length - (span.end - span.start) });
    last = span.end;
  }
  out += text.slice(last);
  const move = (offset: number): number => offset + shift.filter((s) => s.at <= offset).reduce((a, s) => a + s.delta, 0);
  for (const mark of oldMarks) {
    if (spans.some((s) => mark.start < s.end && s.start < mark.end)) continue;
    marks.push({ ...mark, start: move(mark.start), end: move(mark.end) });
  }
  marks.sort((a, b) => a.start - b.start);
  return { text: out, marks };
}

export function redactCable(cable: Cable, options: RedactOptions): { cable: Cable; report: RedactionReport } {
  const style = options.style ?? 'box';
  const categories = new Set<RedactionCategory>(options.categories ?? []);
  if (options.terms?.length) categories.add('term');
  if (options.patterns?.length) categories.add('pattern');
  const context: DetectContext = {
    region: options.region ?? regionForOrigin(cable.origin),
    terms: options.terms,
    patterns: options.patterns,
  };
  const redactions: RedactionRecord[] = [];

  let withheld: WithheldPart[] = [];
  let working = cable;
  if (options.maxLevel) ({ cable: working, withheld } = filterByLevel(cable, options.maxLevel));

  const run = categories.size > 0;
  const spansOf = (text: string): Span[] => (run ? detect(text, categories, context) : []);
  const record = (text: string, spans: Span[], field: string, paragraph: number | null, index: number, bullet?: number): void => {
    for (const s of spans) {
      redactions.push({
        category: s.category,
        field,
        paragraph,
        index,
        ...(bullet !== undefined ? { bullet } : {}),
        offset: s.start,
        length: s.end - s.start,
        value: text.slice(s.start, s.end),
      });
    }
  };
  const one = (text: string, field: string, paragraph: number | null, index: number): string => {
    const spans = spansOf(text);
    if (spans.length === 0) return text;
    record(text, spans, field, paragraph, index);
    return rewrite(text, spans, style).text;
  };
  const maybe = (text: string | null, field: string): string | null => (text === null ? null : one(text, field, null, 0));
  /** A list of lines redacted as one text, so a URL wrapped over two footer lines is found whole. */
  const lines = (list: string[], field: string): string[] => {
    if (list.length === 0) return list;
    const joined = list.join('\n');
    const spans = spansOf(joined);
    if (spans.length === 0) return list;
    const starts: number[] = [];
    let at = 0;
    for (const line of list) {
      starts.push(at);
      at += line.length + 1;
    }
    const lineOf = (offset: number): number => {
      let i = 0;
      while (i + 1 < starts.length && starts[i + 1]! <= offset) i++;
      return i;
    };
    for (const s of spans) {
      const i = lineOf(s.start);
      redactions.push({ category: s.category, field, paragraph: null, index: i, offset: s.start - starts[i]!, length: s.end - s.start, value: joined.slice(s.start, s.end) });
    }
    const out = rewrite(joined, spans, style).text.split('\n');
    // a value spanning lines leaves its later lines shorter; the line count stays
    return out.length === list.length ? out : [out.join(' ')];
  };

  /** Addressees redacted by name, as one list of lines. */
  const recipients = (list: Recipient[], field: string): Recipient[] => {
    const names = lines(list.map((r) => r.name), field);
    if (names.length === list.length) return list.map((r, i) => (names[i] === r.name ? r : { ...r, name: names[i]! }));
    return [{ name: names.join(' '), route: null, precedence: null, serial: null }];
  };

  const paragraphs: Paragraph[] = working.paragraphs.map((p, index) => {
    if (p.withheld) return p;
    const heading = p.heading === null ? null : one(p.heading, 'heading', p.number, index);
    const spans = spansOf(p.text);
    record(p.text, spans, 'paragraph', p.number, index);
    const body = spans.length ? rewrite(p.text, spans, style, p.marks ?? []) : { text: p.text, marks: p.marks };
    const bullets: Bullet[] = p.bullets.map((b, bi) => {
      const bs = spansOf(b.text);
      if (bs.length === 0) return b;
      record(b.text, bs, 'bullet', p.number, index, bi);
      const edited = rewrite(b.text, bs, style, b.marks ?? []);
      return { ...b, text: edited.text, marks: edited.marks };
    });
    const next: Paragraph = { ...p, heading, text: body.text, bullets };
    if (body.marks !== undefined) next.marks = body.marks;
    return next;
  });

  const redacted: Cable = {
    ...working,
    from: maybe(working.from, 'from'),
    to: recipients(working.to, 'to'),
    info: recipients(working.info, 'info'),
    routing: lines(working.routing, 'routing'),
    tags: working.tags.map((t, i) => one(t, 'tags', null, i)),
    subject: maybe(working.subject, 'subject'),
    // The summary repeats body text: when the level filter withheld anything, it is dropped (fail safe).
    summary: withheld.length ? null : maybe(working.summary, 'summary'),
    references: working.references.map((r, i) => ({ ...r, text: one(r.text, 'reference', null, i) })),
    classifiedBy: maybe(working.classifiedBy, 'classifiedBy'),
    handling: lines(working.handling, 'handling'),
    notes: lines(working.notes, 'notes'),
    paragraphs,
    signature: maybe(working.signature, 'signature'),
    footer: lines(working.footer, 'footer'),
  };

  // probes: every removed value and every withheld text
  const probes: Probe[] = [];
  for (const r of redactions) {
    const p = valueProbe(r.category, r.value);
    if (p && !probes.some((q) => q.sha256 === p.sha256)) probes.push(p);
  }
  // A chunk of withheld text that the kept text also shows (a phrase two paragraphs share) is no
  // evidence of a leak: searching for it would refuse every correct output.
  const shown = withheld.length ? compact(shownText(redacted)) : '';
  for (const w of withheld) {
    for (const p of withheldProbes(w.text, shown)) if (!probes.some((q) => q.sha256 === p.sha256)) probes.push(p);
  }

  // everything removed, whole (withheld texts unchunked), for scrubbing what quotes the input
  const removed = [...probes.filter((p) => p.category !== 'withheld').map((p) => p.plain!), ...withheld.map((w) => compact(w.text))].filter(
    (c) => c.length > 0,
  );
  // repairs and warnings quote the input: detect in them too, and drop any that still share text with a removed value
  const scrubbed = { repairs: 0, warnings: 0 };
  const scrub = (text: string): string => {
    const spans = spansOf(text);
    const once = spans.length ? rewrite(text, spans, style).text : text;
    return sharesText(once, removed) ? placeholder('text', style) : once;
  };
  const repairs = working.repairs.map((r) => {
    const before = scrub(r.before);
    const after = scrub(r.after);
    if (before === r.before && after === r.after) return r;
    scrubbed.repairs++;
    return { ...r, before, after };
  });
  const warnings = working.warnings.map((w) => {
    const message = scrub(w.message);
    if (message === w.message) return w;
    scrubbed.warnings++;
    return { ...w, message };
  });

  const counts: Record<string, number> = {};
  for (const r of redactions) counts[r.category] = (counts[r.category] ?? 0) + 1;

  const requested = [...categories];
  const parts: string[] = [];
  if (requested.length) parts.push(`removed: ${describe(requested)}`);
  if (options.maxLevel) {
    parts.push(
      `paragraphs marked above ${options.maxLevel} withheld (${withheld.length})` +
        (working.classification.level !== cable.classification.level ? `; originally ${cable.classification.level}` : ''),
    );
  }
  const notice = `Redacted version — ${parts.join('; ') || 'nothing removed'}.`;

  const out: Cable = {
    ...redacted,
    repairs,
    warnings,
    redaction: {
      notice,
      categories: requested,
      ...(options.maxLevel ? { maxLevel: options.maxLevel } : {}),
      ...(working.classification.level !== cable.classification.level ? { originalLevel: cable.classification.level } : {}),
      counts,
      withheld: withheld.length,
    },
  };
  return { cable: out, report: { redactions, withheld, counts, scrubbed, probes } };
}

function describe(categories: RedactionCategory[]): string {
  const names: Record<RedactionCategory, string> = {
    email: 'email addresses',
    url: 'web addresses',
    phone: 'phone numbers',
    fax: 'fax numbers',
    term: 'listed terms',
    pattern: 'matches of given patterns',
    name: 'names of contacts',
  };
  return categories.map((c) => names[c]).join(', ');
}

/** Does `text` still share 12+ compact characters (or a whole short value) with anything removed? */
function sharesText(text: string, removed: string[]): boolean {
  const c = compact(text);
  if (c.length === 0) return false;
  for (const plain of removed) {
    if (c.includes(plain)) return true;
    if (c.length >= 6 && windows(c, 12).some((w) => plain.includes(w))) return true;
  }
  return false;
}

function windows(s: string, n: number): string[] {
  if (s.length <= n) return [s];
  const out: string[] = [];
  for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  return out;
}

/** All the text a redacted cable still shows, for telling shared phrases from leaks. */
function shownText(cable: Cable): string {
  const parts: Array<string | null> = [cable.subject, cable.summary, cable.classifiedBy, cable.signature, cable.from];
  for (const p of cable.paragraphs) {
    if (p.withheld) continue;
    parts.push(p.heading, p.text, ...p.bullets.map((b) => b.text));
  }
  parts.push(...cable.references.map((r) => r.text), ...cable.footer, ...cable.handling, ...cable.notes, ...cable.to.map((r) => r.name), ...cable.info.map((r) => r.name), ...cable.routing, ...cable.tags);
  return parts.filter((s): s is string => !!s).join('\n');
}
