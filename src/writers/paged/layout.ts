/**
 * The format-neutral layout of a cable: what a paged writer (PDF, DOCX) puts where, decided once.
 *
 * `layoutCable(cable, texts?)` returns a `LayoutDocument`:
 *   - `banner`     classification banner for the top and bottom of every page (`CONFIDENTIAL//NOFORN`)
 *   - `header`     running header text (the cable id)
 *   - `metadata`   label/value rows for the page-1 block (id, date, origin, from, to, info,
 *                  precedence, tags, subject, references, classified by, declassify…)
 *   - `blocks`     the body in reading order: `heading`, `paragraph`, `bullet`, `withheld`,
 *                  `signature`, `footer` (see `Block`)
 *   - `info`       document properties (title = subject, subject = id, author = origin,
 *                  keywords = tags, creationDate = cable date, lang)
 *   - `notice`     an optional line shown under the metadata (a handout's "what was removed and why")
 * Paragraph and bullet text is a list of `Run`s: plain text or a redaction (publisher
 * `XXXXXXXXXXXX` or a cablekit redaction, from `Mark`s; X-runs are detected when a text has
 * no marks). A redaction run never carries the redacted text, only a label.
 * `LayoutTexts` lets a template choose labels, metadata order and texts; omitted fields use
 * the defaults below. Writers only draw what this returns. This API is shared by the PDF and
 * DOCX writers: extend it with optional fields, do not change existing ones.
 */
import type { Cable, Level, Mark, Recipient } from '../../model/cable.js';
import { BOX_GLYPH } from '../../model/redaction.js';
import { bannerText } from '../../model/banner.js';
import { showSourceRedactions, sourceRedactionRuns } from '../../model/source-redactions.js';

export type Run =
  | {
      kind: 'text';
      text: string;
      /** In a book: the id of the cable (a chapter of the same book) this text names, for a link to it. */
      link?: string;
    }
  | {
      kind: 'redaction';
      /** `publisher`: redacted in the release (`XXXXXXXXXXXX`); `cablekit`: redacted by our transform. */
      source: 'publisher' | 'cablekit';
      /** For cablekit redactions: the category (email, phone, …). */
      category: string | null;
      /** What to show instead of a bar (`[REDACTED]`, `[EMAIL]`); never the original text. */
      label: string;
    };

export type MetadataField =
  | 'id'
  | 'date'
  | 'origin'
  | 'from'
  | 'to'
  | 'info'
  | 'precedence'
  | 'section'
  | 'tags'
  | 'subject'
  | 'references'
  | 'classifiedBy'
  | 'declassify';

export interface MetadataRow {
  field: MetadataField;
  label: string;
  value: string;
  /** The value as runs, when parts of it are links (a book's references to its own chapters). */
  runs?: Run[];
}

/** A stretch `[start, end)` of a text that names cable `id`, a chapter of the same book. */
export interface LinkSpan {
  start: number;
  end: number;
  id: string;
}

export type Block =
  | { kind: 'heading'; text: string; /** Index of the paragraph this heading introduces. */ paragraph: number }
  | {
      kind: 'paragraph';
      /** Index into `cable.paragraphs`. */
      paragraph: number;
      number: number | null;
      /** `(C/NF)` as it should be shown, or null when the paragraph has no marking. */
      marking: string | null;
      runs: Run[];
      /** Short text for a bookmark: `1. Summary: Embassy discussions with…`. */
      outline: string;
    }
  | { kind: 'bullet'; paragraph: number; runs: Run[] }
  | { kind: 'withheld'; paragraph: number; number: number | null; level: Level; text: string; outline: string }
  | { kind: 'signature'; text: string }
  | { kind: 'footer'; text: string };

export interface DocumentInfo {
  title: string;
  subject: string;
  author: string;
  keywords: string;
  /** The cable's date, or 1970-01-01 when unknown: fixed so output is deterministic. */
  creationDate: Date;
  lang: string;
}

export interface LayoutDocument {
  id: string;
  banner: string;
  header: string;
  metadata: MetadataRow[];
  notice: string | null;
  blocks: Block[];
  info: DocumentInfo;
}

/** The texts a template may choose. Every field is optional. */
export interface LayoutTexts {
  /** Metadata rows, in order. Rows whose value is empty are dropped. */
  metadataFields?: MetadataField[];
  labels?: Partial<Record<MetadataField, string>>;
  banner?: (ctx: { level: Level; caveats: string[]; default: string }) => string;
  header?: (ctx: { id: string; subject: string; banner: string }) => string;
  withheld?: (ctx: { number: number | null; level: Level; marking: string | null }) => string;
  /** Label for a cablekit redaction shown as text (`label` redaction style). */
  redactionLabel?: (ctx: { category: string | null; source: 'publisher' | 'cablekit' }) => string;
  notice?: (ctx: { notice: string | null; id: string }) => string;
  lang?: string;
}

export interface LayoutOptions {
  /** A notice line for the page-1 block (e.g. what a redacted handout removed and why). */
  notice?: string | null;
  /**
   * In a book: the places in a paragraph or bullet text (`body`) or in the references row's value
   * (`references`) that name another chapter. Their runs carry `link`.
   */
  links?: (text: string, where: 'body' | 'references') => LinkSpan[];
}

export const DEFAULT_METADATA_FIELDS: MetadataField[] = [
  'id',
  'date',
  'origin',
  'from',
  'to',
  'info',
  'precedence',
  'section',
  'tags',
  'subject',
  'references',
  'classifiedBy',
  'declassify',
];

export const DEFAULT_LABELS: Record<MetadataField, string> = {
  id: 'Reference ID',
  date: 'Date',
  origin: 'Origin',
  from: 'From',
  to: 'To',
  info: 'Info',
  precedence: 'Precedence',
  section: 'Section',
  tags: 'Tags',
  subject: 'Subject',
  references: 'References',
  classifiedBy: 'Classified by',
  declassify: 'Declassify',
};

/** `2008-03-14T14:23:00Z` → `2008-03-14 14:23Z`; anything else is shown as written. */
export function displayDate(date: string | null): string {
  if (!date) return '';
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(date);
  if (!m) return date;
  return m[2] ? `${m[1]} ${m[2]}Z` : m[1]!;
}

export function creationDate(date: string | null): Date {
  if (date) {
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return new Date(0);
}

/**
 * Redactions found in text that has no marks: the source's runs of X (standing alone or glued to
 * a word: `XXXXXXXXXXXX`, `BothXXXXXXXXXXXXX`, `xxxxxx`) and box placeholders (`████████`: a run
 * of X as the writers show it, or cablekit's own mark) in fields without marks.
 */
export function marksFor(text: string, marks: Mark[] | undefined): Mark[] {
  if (marks && marks.length) return marks;
  return sourceRedactionRuns(text).map((r) => ({ kind: r.text.startsWith(BOX_GLYPH) ? ('redaction' as const) : ('publisher-redaction' as const), start: r.start, end: r.end }));
}

function defaultRedactionLabel(ctx: { category: string | null; source: 'publisher' | 'cablekit' }): string {
  return ctx.category ? `[${ctx.category.toUpperCase()} REDACTED]` : '[REDACTED]';
}

/**
 * Splits a text into plain and redaction runs. Overlapping or out-of-range marks are clamped.
 * `links` (sorted, not overlapping) split the plain runs further: the part a link covers gets
 * `link`; a redaction inside a link stays a redaction.
 */
export function runsFor(text: string, marks: Mark[] | undefined, texts: LayoutTexts = {}, links: LinkSpan[] = []): Run[] {
  const sorted = [...marksFor(text, marks)].sort((a, b) => a.start - b.start || b.end - a.end);
  const label = texts.redactionLabel ?? defaultRedactionLabel;
  const runs: Run[] = [];
  const plain = (from: number, to: number) => {
    let at = from;
    for (const link of links) {
      if (link.end <= at || link.start >= to) continue;
      const start = Math.max(at, link.start);
      const end = Math.min(to, link.end);
      if (start > at) runs.push({ kind: 'text', text: text.slice(at, start) });
      runs.push({ kind: 'text', text: text.slice(start, end), link: link.id });
      at = end;
    }
    if (at < to) runs.push({ kind: 'text', text: text.slice(at, to) });
  };
  let at = 0;
  for (const mark of sorted) {
    const start = Math.max(at, Math.min(mark.start, text.length));
    const end = Math.max(start, Math.min(mark.end, text.length));
    if (end <= at) continue;
    if (start > at) plain(at, start);
    const source = mark.kind === 'publisher-redaction' ? 'publisher' : 'cablekit';
    const category = mark.category ?? null;
    runs.push({ kind: 'redaction', source, category, label: label({ category, source }) });
    at = end;
  }
  if (at < text.length) plain(at, text.length);
  return runs;
}

/** The plain text of runs, redactions shown by their labels (for tests and text-only writers). */
export function runsText(runs: Run[]): string {
  return runs.map((r) => (r.kind === 'text' ? r.text : r.label)).join('');
}

function outlineText(number: number | null, runs: Run[]): string {
  // The first nine words are enough to know whether there are more than eight: no need to split the paragraph.
  const all = runsText(runs);
  const words: string[] = [];
  const word = /\S+/g;
  for (let m = word.exec(all); m && words.length < 9; m = word.exec(all)) words.push(m[0]);
  const head = words.slice(0, 8).join(' ');
  const text = words.length > 8 ? `${head}…` : head;
  return number !== null ? `${number}. ${text}` : text;
}

/** One addressee a line; a long distribution list (collectives, every post) flows as one paragraph. */
function addressees(list: Recipient[]): string {
  const names = list.map((r) => r.name);
  return names.length > 6 ? names.join('; ') : names.join('\n');
}

function metadataValue(cable: Cable, field: MetadataField): string {
  switch (field) {
    case 'id':
      return cable.id;
    case 'date':
      return displayDate(cable.date);
    case 'origin':
      return cable.origin ?? '';
    case 'from':
      return cable.from ?? '';
    case 'to':
      return addressees(cable.to);
    case 'info':
      return addressees(cable.info);
    case 'precedence':
      return cable.precedence ?? '';
    case 'section':
      return cable.section ? `${cable.section.index} of ${cable.section.total}` : '';
    case 'tags':
      return cable.tags.join(', ');
    case 'subject': {
      const marking = cable.subjectMarking ? `(${cable.subjectMarking.raw}) ` : '';
      return cable.subject ? marking + cable.subject : '';
    }
    case 'references':
      return cable.references.map((r) => (r.label ? `${r.label}. ${r.text}` : r.text)).join('\n');
    case 'classifiedBy': {
      if (!cable.classifiedBy) return cable.reasons.length ? `Reasons ${cable.reasons.join(', ')}` : '';
      return cable.reasons.length ? `${cable.classifiedBy}; reasons ${cable.reasons.join(', ')}` : cable.classifiedBy;
    }
    case 'declassify':
      return cable.declassify ?? '';
  }
}

export function layoutCable(read: Cable, texts: LayoutTexts = {}, options: LayoutOptions = {}): LayoutDocument {
  // the source's runs of X shown as marks (`█`, read back as redactions below), never as words
  const cable = showSourceRedactions(read);
  const { level, caveats } = cable.classification;
  const defaultBanner = bannerText(cable.classification);
  const banner = texts.banner ? texts.banner({ level, caveats, default: defaultBanner }) : defaultBanner;
  const subject = cable.subject ?? cable.id;
  const header = texts.header ? texts.header({ id: cable.id, subject, banner }) : cable.id;

  const labels = { ...DEFAULT_LABELS, ...texts.labels };
  const metadata: MetadataRow[] = [];
  for (const field of texts.metadataFields ?? DEFAULT_METADATA_FIELDS) {
    const value = metadataValue(cable, field);
    if (!value) continue;
    const links = field === 'references' && options.links ? options.links(value, 'references') : [];
    metadata.push(links.length ? { field, label: labels[field], value, runs: runsFor(value, undefined, texts, links) } : { field, label: labels[field], value });
  }

  const blocks: Block[] = [];
  const links = options.links;
  const bodyLinks = (text: string): LinkSpan[] => (links ? links(text, 'body') : []);
  cable.paragraphs.forEach((p, index) => {
    if (p.heading) blocks.push({ kind: 'heading', text: p.heading, paragraph: index });
    const marking = p.marking ? `(${p.marking.raw})` : null;
    if (p.withheld) {
      const text = texts.withheld
        ? texts.withheld({ number: p.number, level: p.withheld.level, marking })
        : `${p.number !== null ? `${p.number}. ` : ''}[Paragraph withheld — ${p.withheld.level}]`;
      const outline = p.number !== null ? `${p.number}. [withheld]` : '[withheld]';
      blocks.push({ kind: 'withheld', paragraph: index, number: p.number, level: p.withheld.level, text, outline });
      return;
    }
    const runs = runsFor(p.text, p.marks, texts, bodyLinks(p.text));
    // An empty unnumbered paragraph (text the parser took as a heading alone) draws nothing.
    const empty = p.number === null && !marking && !p.text.trim() && p.bullets.length === 0;
    if (empty) return;
    blocks.push({ kind: 'paragraph', paragraph: index, number: p.number, marking, runs, outline: outlineText(p.number, runs) });
    for (const b of p.bullets) blocks.push({ kind: 'bullet', paragraph: index, runs: runsFor(b.text, b.marks, texts, bodyLinks(b.text)) });
  });
  if (cable.signature) blocks.push({ kind: 'signature', text: cable.signature });
  for (const line of cable.footer) if (line.trim()) blocks.push({ kind: 'footer', text: line });

  const noticeRaw = options.notice ?? cable.redaction?.notice ?? null;
  const notice = texts.notice ? texts.notice({ notice: noticeRaw, id: cable.id }) || null : noticeRaw;

  return {
    id: cable.id,
    banner,
    header,
    metadata,
    notice,
    blocks,
    info: {
      title: subject,
      subject: cable.id,
      author: cable.origin ?? '',
      keywords: cable.tags.join(', '),
      creationDate: creationDate(cable.date),
      lang: texts.lang ?? 'en-US',
    },
  };
}
