/**
 * The reader: raw published cable text (any input shape of the field guide) → `Cable`.
 * `parseCable` is pure; `readCableFile` decodes a file's bytes and picks the shape.
 */
import { readFileSync } from 'node:fs';
import type { Cable, Classification, InputShape, Level, Mark, Paragraph } from '../model/cable.js';
import { CableError } from '../errors.js';
import { decodeCableBytes } from '../io/decode.js';
import { ChangeLog } from '../normalize/log.js';
import { splitLines, type Line } from '../normalize/lines.js';
import { repairApostrophes, repairGarbles, repairQuotes } from '../normalize/text.js';
import { readClassificationLine, levelFromCode, type ClassificationLine } from './classification.js';
import { readHeader } from './header.js';
import { identifyReferences } from './references.js';
import { readBody } from './body.js';
import { readDateLine, readRouting } from './routing.js';
import { isReleaseHtml, readReleaseHtml } from './html.js';
import { metaDateToIso, type SourceMeta } from './meta.js';

export type { SourceMeta } from './meta.js';

export interface ParseOptions {
  /** File name for messages. */
  file?: string;
  /** Force an input shape instead of detecting it. */
  shape?: InputShape;
  /** Metadata from a release page table or a CSV row. */
  meta?: SourceMeta;
}

const PARTIAL = /partial extract of the original cable/i;
const CLASS_REST = /^(?:SECTION\s+(\d{1,3})\s+OF\s+(\d{1,3})\s*)?(?:([A-Za-z][A-Za-z .'-]*?)\s+(\d{1,7}))?\s*(?:PTQ\d+)?$/i;

interface FoundClassification {
  index: number;
  line: ClassificationLine;
  origin: string | null;
  number: number | null;
  section: { index: number; total: number } | null;
}

function findClassification(lines: Line[]): FoundClassification | null {
  let fallback: FoundClassification | null = null;
  for (let i = 0; i < lines.length; i++) {
    const c = readClassificationLine(lines[i]!.text);
    if (!c) continue;
    const m = CLASS_REST.exec(c.rest.trim());
    if (!m) continue;
    const found: FoundClassification = {
      index: i,
      line: c,
      origin: m[3] ? m[3].toUpperCase().replace(/\s+/g, ' ').trim() : null,
      number: m[4] ? Number(m[4]) : null,
      section: m[1] ? { index: Number(m[1]), total: Number(m[2]) } : null,
    };
    if (found.origin && found.number !== null) return found;
    fallback ??= found;
  }
  return fallback;
}

export function parseCable(raw: string, options: ParseOptions = {}): Cable {
  const file = options.file ?? null;
  let text = raw;
  let meta: SourceMeta = { ...options.meta };
  let shape: InputShape | undefined = options.shape;
  if (shape === 'release-html' || (!shape && isReleaseHtml(raw))) {
    const page = readReleaseHtml(raw);
    if (!page.text.trim()) throw new CableError('HTML page holds no cable text (no <pre> blocks)', file);
    text = page.text;
    meta = { ...page.meta, ...meta };
    shape = 'release-html';
  }
  shape ??= /\]\(#\)/.test(raw) ? 'markdown' : /\r\n/.test(raw) ? 'pdf-text' : 'release-text';
  if (text.includes('\u0000')) throw new CableError('binary data, not a cable', file);

  const log = new ChangeLog();
  const lines = splitLines(text, log);
  let partial = false;
  for (const l of text.includes('partial extract') ? lines : []) {
    if (PARTIAL.test(l.text)) {
      partial = true;
      l.text = '';
    }
  }
  const found = findClassification(lines);
  const routingLines = found ? lines.slice(0, found.index) : [];
  const routing = readRouting(routingLines.map((l) => l.text));
  if (!found && !routing.dtg && !meta.id) {
    throw new CableError('not a cable: no classification line, date-time group or reference id found', file);
  }

  // Date lines (`Friday, 23 February 2001, 15:53`) before the classification go to notes, not routing.
  const notes: string[] = [];
  const routingKept: string[] = [];
  let dateLine: string | null = null;
  for (const l of routingLines) {
    const t = l.text.trim();
    const d = readDateLine(t);
    if (d) {
      dateLine = d;
      notes.push(t);
    } else if (t !== '') routingKept.push(t);
  }
  const afterClass = found ? lines.slice(found.index + 1) : lines.slice(routingLines.length);
  const header = readHeader(afterClass, log);
  const body = readBody(afterClass.slice(header.bodyStart), header.handling, log);

  // Caveats: those on the classification line, then the caveat lines; SIPDIS kept once.
  const caveatWords: string[] = [...(found?.line.caveats ?? [])];
  let level: Level = found?.line.level ?? levelFromMeta(meta.classification) ?? 'UNCLASSIFIED';
  let sipdisSeen = 0;
  for (const c of header.caveats) {
    if (c === 'SIPDIS') sipdisSeen++;
    if (c === 'SENSITIVE' && level === 'UNCLASSIFIED') {
      level = 'SENSITIVE BUT UNCLASSIFIED';
      continue;
    }
    if (c === 'CORRECTED COPY') {
      notes.push(c);
      continue;
    }
    for (const w of c.split(' ')) if (!caveatWords.includes(w)) caveatWords.push(w);
  }
  if (sipdisSeen > 1) log.repair('sipdis', afterClass[0]?.no ?? 0, 'SIPDIS ×' + sipdisSeen, 'SIPDIS');
  if (/NOFORN/i.test(meta.classification ?? '') && !caveatWords.includes('NOFORN')) caveatWords.push('NOFORN');
  const classification: Classification = { level, caveats: caveatWords };

  // Date and id.
  const warnings = log.warnings;
  const date = routing.dtg?.date ?? metaDateToIso(meta.date) ?? dateLine;
  let year: number | null = date ? Number(date.slice(0, 4)) : null;
  if (year === null && header.declassify) {
    year = Number(header.declassify.slice(0, 4)) - 10;
    log.warn('id-inferred', null, `no date-time group: year ${year} inferred from the declassification date ${header.declassify} minus 10 years`);
  }
  identifyReferences(header.references, year);
  const origin = found?.origin ?? null;
  const number = found?.number ?? null;
  let id: string;
  if (origin && number !== null && year !== null) {
    id = `${String(year % 100).padStart(2, '0')}${origin.replace(/[^A-Z]/g, '')}${number}`;
    if (meta.id && meta.id !== id) {
      log.warn('id-mismatch', null, `reference id ${meta.id} from the page metadata differs from ${id} read from the text; using ${meta.id}`);
      id = meta.id;
    }
  } else if (meta.id) {
    id = meta.id;
  } else {
    throw new CableError('not a cable: no office and serial number on a classification line, and no reference id', file);
  }

  // Text repairs inside paragraphs, bullets and the subject.
  for (const p of body.paragraphs) {
    p.text = repairText(p.text, p.line, log);
    for (const b of p.bullets) b.text = repairText(b.text, p.line, log);
    markPublisherRedactions(p);
  }
  const subject = header.subject ? repairApostrophes(header.subject, 0, log) : null;
  for (const p of body.paragraphs) if (p.heading) p.heading = repairApostrophes(p.heading, p.line, log);
  body.footer = body.footer.map((f) => repairApostrophes(f, 0, log));
  checkTruncation(body.paragraphs, log);

  const cable: Cable = {
    id,
    sourceId: meta.id ?? null,
    origin,
    number,
    date,
    precedence: routing.dtg?.precedence ?? null,
    from: routing.from,
    to: routing.to,
    info: routing.info,
    routing: routingKept,
    classification,
    section: found?.section ?? null,
    eo: header.eo,
    eoLine: header.eoLine,
    declassify: header.declassify,
    tags: header.tags,
    subject,
    subjectMarking: header.subjectMarking,
    summary: null,
    references: header.references,
    classifiedBy: header.classifiedBy,
    reasons: header.reasons,
    handling: header.handling,
    notes: [...notes, ...header.notes],
    paragraphs: body.paragraphs,
    signature: body.signature,
    footer: body.footer,
    partial,
    shape,
    repairs: log.repairs,
    warnings,
  };
  if (!cable.paragraphs.length && !cable.subject) log.warn('empty-body', null, 'no paragraphs and no subject found: the cable text may be truncated');
  return cable;
}

function levelFromMeta(s: string | undefined): Level | null {
  if (!s) return null;
  const head = s.split('//')[0]!.trim();
  if (/FOR OFFICIAL USE ONLY|FOUO/i.test(s) && /^UNCLAS/i.test(head)) return 'SENSITIVE BUT UNCLASSIFIED';
  return levelFromCode(head);
}

function repairText(text: string, line: number, log: ChangeLog): string {
  let t = repairApostrophes(text, line, log);
  t = repairQuotes(t, line, log);
  t = repairGarbles(t, line, log);
  if (t.includes('¬')) log.warn('html-entity', line, 'a "¬" may be "&not" decoded as an HTML entity by an earlier tool: kept');
  return t;
}

/** `XXXXXXXXXXXX` (or lower case): redactions the publisher made, kept in the text and marked. */
function publisherRedactions(text: string): Mark[] {
  if (!text.includes('XXXXX') && !text.includes('xxxxx')) return [];
  return [...text.matchAll(/X{5,}|x{5,}/g)].map((m) => ({ kind: 'publisher-redaction' as const, start: m.index!, end: m.index! + m[0].length }));
}

function markPublisherRedactions(p: Paragraph): void {
  for (const holder of [p, ...p.bullets]) {
    const marks = publisherRedactions(holder.text);
    if (marks.length) holder.marks = marks;
    else delete holder.marks;
  }
}

function checkTruncation(paragraphs: Paragraph[], log: ChangeLog): void {
  const last = paragraphs[paragraphs.length - 1];
  if (last && /(?:\.\.\.|…)\s*$/.test(last.text) && !/"\s*$/.test(last.text)) {
    log.warn('truncated', last.line, 'the last paragraph ends in "..." : the text may be truncated as published');
  }
}

export interface ReadOptions {
  /** Metadata to merge (e.g. from a CSV row). */
  meta?: SourceMeta;
}

/** Reads a cable file: decodes the bytes (UTF-8, or Windows-1252 when not valid UTF-8) and parses. */
export async function readCableFile(path: string, options: ReadOptions = {}): Promise<Cable> {
  let bytes: Buffer;
  try {
    // Cables are small files: a synchronous read costs a seventh of fs/promises' readFile, and the
    // batch reads in worker processes, so nothing else waits on it.
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CableError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read (${code ?? String(err)})`, path);
  }
  return parseCableBytes(bytes, path, options);
}

export function parseCableBytes(bytes: Uint8Array, file: string, options: ReadOptions = {}): Cable {
  const { text, encoding } = decodeCableBytes(bytes, file);
  const html = isReleaseHtml(text);
  const shape: InputShape = html ? 'release-html' : /\]\(#\)/.test(text) ? 'markdown' : encoding === 'windows-1252' || text.includes('\r\n') ? 'pdf-text' : 'release-text';
  const cable = parseCable(text, { file, shape, meta: options.meta });
  if (encoding === 'windows-1252') cable.repairs.unshift({ kind: 'encoding', line: 1, before: 'windows-1252', after: 'utf-8' });
  return cable;
}
