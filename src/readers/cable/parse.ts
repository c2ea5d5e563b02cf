/**
 * The reader: raw published cable text (any input shape of the field guide) → `Cable`.
 * `parseCable` is pure; `readCableFile` decodes a file's bytes and picks the shape.
 */
import { readFileSync } from 'node:fs';
import type { Cable, Classification, InputShape, Level, Mark, Paragraph } from '../../model/cable.js';
import { sourceRedactionMark, sourceRedactionRuns } from '../../model/source-redactions.js';
import { CableError } from '../../errors.js';
import { decodeCableBytes } from '../decode.js';
import { ChangeLog } from '../../normalize/log.js';
import { splitLines, type Line } from '../../normalize/lines.js';
import { repairApostrophes, repairGarbles, repairQuotes } from '../../normalize/text.js';
import { readClassificationLine, levelFromCode, type ClassificationLine } from './classification.js';
import { readClassifiedBy, readHeader } from './header.js';
import { identifyReferences } from './references.js';
import { canonicalOffice } from './cable-id.js';
import { readBody } from './body.js';
import { readSummary } from './summary.js';
import { expandYear, officeFromSender, readDateLine, readRouting, type Routing } from './routing.js';
import { isReleaseHtml, readReleaseHtml } from './html.js';
import { metaDateToIso, type SourceMeta } from './meta.js';
import { inferYear } from './year.js';

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
/**
 * What follows the level on a classification line: `SECTION 01 OF 02`, the office and serial
 * (`OTTAWA 000372`, `75 LIBREVILLE 1895` with the year first), and — where the release pages
 * collapsed the header onto this line — the header itself (`SIPDIS E.O. 12958: … TAGS: …`).
 */
const CLASS_REST = /^(?:SECTION\s+(\d{1,3})\s+OF\s+(\d{1,3})\s*)?(?:(?:(\d{2})\s+)?([A-Za-z][A-Za-z .'-]*?)\s+(\d{1,7})\b)?\s*(?:PTQ\d+)?(?:\s+(.*))?$/i;
/** The start of a header collapsed onto the classification line. */
const COLLAPSED = /^(?:SIPDIS|NOFORN|EXDIS|NODIS|LIMDIS|SENSITIVE|E\.?\s?O\.?\s?\d|TAGS?\b|SUBJ|DEPT\b|DEPARTMENT\b|STATE\b|PASS\b|FOR\b)/i;

interface FoundClassification {
  index: number;
  line: ClassificationLine;
  origin: string | null;
  number: number | null;
  /** A two-digit year written before the office (`75 LIBREVILLE 1895`). */
  year: number | null;
  section: { index: number; total: number } | null;
  /** Header text collapsed onto the classification line, after the office and serial. */
  rest: string | null;
}

function findClassification(lines: Line[]): FoundClassification | null {
  let fallback: FoundClassification | null = null;
  let firstFull: FoundClassification | null = null;
  let dtgSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (!text) continue;
    if (!dtgSeen && text.includes('Z') && /^\s*(?:[OPRZ]{1,2}\s+)*\d{6}Z\s+[A-Za-z]{3}\s+\d{2}\b/.test(text)) dtgSeen = true;
    const c = readClassificationLine(text);
    if (!c) continue;
    const m = CLASS_REST.exec(c.rest.trim());
    if (!m) continue;
    if (m[6] && !COLLAPSED.test(m[6])) continue;
    if (m[6] && !m[4]) continue;
    const found: FoundClassification = {
      index: i,
      line: c,
      origin: m[4] ? m[4].toUpperCase().replace(/\s+/g, ' ').trim() : null,
      number: m[5] ? Number(m[5]) : null,
      year: m[3] ? expandYear(m[3]) : null,
      section: m[1] ? { index: Number(m[1]), total: Number(m[2]) } : null,
      rest: m[6] ? m[6].trim() : null,
    };
    // The classification line of the cable follows its routing; an export's wrapper may hold an earlier one.
    if (found.origin && found.number !== null) {
      if (dtgSeen || i > 400) return found;
      firstFull ??= found;
    }
    // A later classification line with its routing stands close after an export's wrapper; not pages later.
    if (firstFull && i > firstFull.index + 80) break;
    fallback ??= found;
  }
  return firstFull ?? fallback;
}

/** The routing echo of the level (`ZNY SSSSS ZZH`, `ZNR UUUUU`), for cables whose classification line is missing. */
function levelFromRouting(lines: string[]): Level | null {
  for (const l of lines) {
    const m = /^\s*ZN[YR]\s+([USCTE])\1{3,4}\b/.exec(l);
    if (m) return ({ U: 'UNCLASSIFIED', E: 'UNCLASSIFIED', C: 'CONFIDENTIAL', S: 'SECRET', T: 'TOP SECRET' } as const)[m[1] as 'U']!;
  }
  return null;
}

/** A reference id in a file name (`04OTTAWA3115.txt`, `cables/08STATE15220.html`). */
function idFromFileName(file: string | null): { year: number; origin: string; number: number } | null {
  if (!file) return null;
  const m = /(?:^|[\\/])(\d{2})([A-Z][A-Z]+)(\d{1,7})\.[A-Za-z]{2,5}$/.exec(file);
  return m ? { year: expandYear(m[1]!), origin: m[2]!, number: Number(m[3]) } : null;
}

/** The cable's own words for the year's evidence: subject, headings, paragraphs and their bullets. */
function bodyText(subject: string | null, paragraphs: Paragraph[]): string {
  const parts: string[] = subject ? [subject] : [];
  for (const p of paragraphs) {
    if (p.heading) parts.push(p.heading);
    parts.push(p.text);
    for (const b of p.bullets) parts.push(b.text);
  }
  return parts.join('\n');
}

export function parseCable(raw: string, options: ParseOptions = {}): Cable {
  const file = options.file ?? null;
  let text = raw;
  let meta: SourceMeta = { ...options.meta };
  let shape: InputShape | undefined = options.shape;
  let pageWarning = false;
  if (shape === 'release-html' || (!shape && isReleaseHtml(raw))) {
    const page = readReleaseHtml(raw);
    if (!page.text.trim()) throw new CableError('HTML page holds no cable text (no <pre> blocks, and no routing or classification line in its text)', file);
    text = page.text;
    meta = { ...page.meta, ...meta };
    if (page.withoutPre) pageWarning = true;
    shape = 'release-html';
  }
  shape ??= /\]\(#\)/.test(raw) ? 'markdown' : /\r\n/.test(raw) ? 'pdf-text' : 'release-text';
  if (text.includes('\u0000')) throw new CableError('binary data, not a cable', file);

  const log = new ChangeLog();
  if (pageWarning) log.warn('html-without-pre', null, 'the page has no <pre> blocks: its text was read from the first routing or classification line to the end of the page; check the end of the cable for page text');
  const lines = splitLines(text, log);
  let partial = false;
  for (const l of text.includes('partial extract') ? lines : []) {
    if (PARTIAL.test(l.text)) {
      partial = true;
      l.text = '';
    }
  }
  const found = findClassification(lines);
  // Without a classification line, the routing block is what stands before the first blank line after a DTG.
  const routingLines = found ? lines.slice(0, found.index) : leadingRouting(lines);
  let afterClass = found ? lines.slice(found.index + 1) : lines.slice(routingLines.length);
  // A routing block right after the classification line (`O R 181205Z NOV 75 ZFF4` / FM / TO … BT) is the
  // cable's own: it is read after the one before, and so wins.
  const inner = innerRouting(afterClass);
  if (inner) {
    routingLines.push(...afterClass.slice(0, inner));
    afterClass = afterClass.slice(inner);
  }
  const routing = readRouting(routingLines.map((l) => l.text));
  if (!found && !routing.dtg && !meta.id) {
    throw new CableError('not a cable: no classification line, date-time group or reference id found', file);
  }

  // Bulk-CSV residue before the routing (`2<TAB>2/25/1972 9:30<TAB>72TEHRAN1164<TAB>Embassy Tehran<TAB>UNCLASSIFIED`):
  // the row's metadata is used where the page gave none; the line stays with the routing lines.
  for (const l of routingLines) {
    if (!l.text.includes('\t')) continue;
    const row = readCsvResidue(l.text);
    if (!row) continue;
    meta = { ...row, ...meta };
    log.warn('csv-residue', l.no, `a bulk-CSV row before the routing (${row.id}): its id, date and classification are used as metadata`);
    break;
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
  if (found?.rest) {
    // The release page collapsed the header onto the classification line: read it as the header's first line.
    const at = lines[found.index]!;
    afterClass.unshift({ text: found.rest, no: at.no, marker: false });
  }
  const header = readHeader(afterClass, log);
  const body = readBody(header.body, header.handling, log);

  // Caveats: those on the classification line, then the caveat lines; SIPDIS kept once.
  const caveatWords: string[] = [...(found?.line.caveats ?? [])];
  let level: Level = found?.line.level ?? levelFromRouting(routingKept) ?? levelFromMeta(meta.classification) ?? 'UNCLASSIFIED';
  if (!found) log.warn('no-classification-line', null, `no classification line: the level ${level} is taken from ${levelFromRouting(routingKept) ? 'the routing echo' : meta.classification ? 'the page metadata' : 'nothing (assumed)'}`);
  let sipdisSeen = 0;
  for (const c of header.caveats) {
    if (c === 'SIPDIS') sipdisSeen++;
    if ((c === 'SENSITIVE' || c === 'SENSITIVE BUT UNCLASSIFIED') && level === 'UNCLASSIFIED') level = 'SENSITIVE BUT UNCLASSIFIED';
    if (c === 'SENSITIVE' && level === 'SENSITIVE BUT UNCLASSIFIED') continue;
    if (c === 'SENSITIVE BUT UNCLASSIFIED') {
      // the line as written stays (a handling line); on a classified cable it is no caveat of the level
      header.handling.unshift(c);
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
  let origin = found?.origin ?? null;
  let number = found?.number ?? null;
  if ((origin === null || number === null) && routing.from && routing.serial !== null && !found?.origin) {
    // No office and serial on a classification line: the routing's sender and its DE serial name the cable.
    origin = canonicalOffice(routing.from) ?? officeFromSender(routing.from);
    number = routing.serial;
    if (origin) log.warn('id-from-routing', null, `no office and serial on a classification line: ${origin} ${number} taken from the FM and DE routing lines`);
  }
  const recordId = found?.origin && number !== null ? joinedRecord(routing, origin!, number, log) : null;
  let year: number | null = date ? Number(date.slice(0, 4)) : null;
  if (!date) log.warn('no-date', null, 'no date-time group, date line or page metadata: the cable has no date');
  if (year === null && found?.year) year = found.year;
  const named = idFromFileName(file);
  if (year === null && named && origin && named.origin === origin.replace(/[^A-Z]/g, '') && named.number === number) {
    year = named.year;
    log.warn('id-from-filename', null, `no date-time group: year ${year} taken from the file name ${file!.replace(/^.*[\\/]/, '')}`);
  }
  if (year === null && origin && number !== null) {
    // A partial extract: the year that best fits the declassification date, the years the text names,
    // the order and reasons cited and the references' years — said in the warning.
    const guess = inferYear({ declassify: header.declassify, eo: header.eo, reasons: header.reasons, references: header.references, text: bodyText(header.subject, body.paragraphs) });
    if (guess) {
      year = guess.year;
      log.warn('id-inferred', null, `no date-time group: year ${year} is the best fit of ${guess.evidence} (check it)`);
    }
  }
  identifyReferences(header.references, year);
  let id: string;
  if (origin && number !== null && year !== null) {
    // The release's own office names: `RIO DE JANEIRO`, `USUN NEW YORK`, a truncated or misspelled office.
    const record = recordId ?? { origin, number };
    id = `${String(year % 100).padStart(2, '0')}${canonicalOffice(record.origin) ?? record.origin.replace(/[^A-Z]/g, '')}${record.number}`;
    if (meta.id && meta.id !== id) {
      log.warn('id-mismatch', null, `reference id ${meta.id} from the page metadata differs from ${id} read from the text; using ${meta.id}`);
      id = meta.id;
    }
  } else if (meta.id) {
    id = meta.id;
  } else if (origin && number !== null) {
    // The office and serial are there; the id's year is not.
    throw new CableError(`no year for the id of ${origin} ${number}: no date-time group, date line, page metadata, declassification date or year in the text or the file name (a file name such as 08${origin.replace(/[^A-Z]/g, '')}${number}.txt gives it)`, file);
  } else {
    throw new CableError('not a cable: no office and serial number on a classification line, and no reference id', file);
  }

  // `1. (U) CLASSIFIED BY CDA …, REASON 1.5.D.`: the statement inside paragraph 1 fills the field; the paragraph stays.
  let classifiedBy = header.classifiedBy;
  let reasons = header.reasons;
  const first = body.paragraphs.find((p) => p.text !== '');
  // `1. (C) ENTIRE TEXT. CLASSIFIED BY …`, `1. CONFIDENTIAL - ENTIRE TEXT. CLASSIFIED BY …`: after the marking of the whole text.
  const lead = first ? /^(?:(?:(?:CONFIDENTIAL|SECRET|UNCLASSIFIED|LIMITED OFFICIAL USE)\s*[-–:]?\s*)?ENTIRE\s+TEXT\s*[.:]?\s*)?(?=CLASSIFIED\s+BY\b)/i.exec(first.text) : null;
  if (!classifiedBy && first && first === body.paragraphs[0] && lead) {
    const text = first.text.slice(lead[0].length);
    const m = /^CLASSIFIED\s+BY\b[\s\S]{0,300}?\b1\s?\.\s?[1-8][\s\S]{0,30}?\(?[A-H]\)?(?:\s*(?:,|AND|&|\/)\s*\(?[A-H]\)?)*\)?\.?/i.exec(text);
    const statement = readClassifiedBy(m ? m[0] : text.slice(0, 300));
    if (statement.by) {
      classifiedBy = statement.by;
      reasons = statement.reasons;
      log.warn('classified-by-in-paragraph', first.line, `Classified By read from paragraph ${first.number ?? ''} (kept in the paragraph too)`);
    }
  }

  // Text repairs inside paragraphs, bullets and the subject.
  for (const p of body.paragraphs) {
    p.text = repairText(p.text, p.line, log);
    for (const b of p.bullets) b.text = repairText(b.text, p.line, log);
    markPublisherRedactions(p);
  }
  // No SUBJECT after the classification line, but one among the lines before it (header fields the
  // page put ahead of a collapsed classification line): that is the subject; the line stays where it is.
  let subjectText = header.subject;
  if (!subjectText) {
    for (const l of routingLines) {
      const m = /^\s*SUBJ(?:ECT)?\s*:\s*(\S.*?)\s*$/i.exec(l.text);
      if (!m) continue;
      subjectText = m[1]!;
      log.warn('subject-before-classification', l.no, 'the SUBJECT line stands before the classification line: read as the subject (it stays with the lines before)');
      break;
    }
  }
  const subject = subjectText ? repairApostrophes(subjectText, 0, log) : null;
  for (const p of body.paragraphs) if (p.heading) p.heading = repairApostrophes(p.heading, p.line, log);
  body.footer = body.footer.map((f) => repairApostrophes(f, 0, log));
  checkTruncation(body.paragraphs, log);
  logSourceRedactions(lines, log);

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
    summary: readSummary(body.paragraphs),
    references: header.references,
    classifiedBy,
    reasons,
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

/**
 * A page whose routing (FM, DE) names one cable and whose classification line another (the release
 * joined another cable's text to the record): the record's office and serial, which the release
 * names it by, with a warning naming both; null when they agree. Without a DE serial the record
 * cannot be named: the warning alone.
 */
function joinedRecord(routing: Routing, origin: string, number: number, log: ChangeLog): { origin: string; number: number } | null {
  if (!routing.from) return null;
  const sender = canonicalOffice(routing.from) ?? officeFromSender(routing.from);
  const office = canonicalOffice(origin) ?? origin.replace(/[^A-Z]/g, '');
  // USEU BRUSSELS sends as BRUSSELS; the DE sequence has four digits
  const agrees = !sender || !office || sender.includes(office) || office.includes(sender) || (routing.serial !== null && routing.serial % 10000 === number % 10000);
  if (agrees) return null;
  const text = `${origin} ${number}`;
  if (routing.serial === null) {
    log.warn('spliced-text', null, `the routing names ${routing.from}, the classification line ${text}: the text may be another cable's, joined to this record by the release; the id follows the classification line`);
    return null;
  }
  log.warn('spliced-text', null, `the routing names ${routing.from} ${routing.serial} (FM and DE lines), the text after it ${text}: the release joined another cable's text to this record; the id follows the routing, as the release names the record`);
  // only the id: the classification line, level and text stay the text's
  return { origin: sender, number: routing.serial };
}

/** How many lines after the classification line form a routing block (a DTG or FM line, then TO), or 0. */
function innerRouting(lines: Line[]): number {
  let k = 0;
  while (k < lines.length && !lines[k]!.text.trim()) k++;
  const first = lines[k]?.text.trim() ?? '';
  const addressees = /^(?:TO|INFO)\s+(?:[A-Z0-9]{3,9}\/|(?:AMEMBASSY|AMCONSUL|SECSTATE|USMISSION|USDEL|SECDEF|JOINT STAFF|ALL)\s)/;
  if (!/^(?:[OPRZ]{1,2}\s+)*\d{6}Z\s+[A-Za-z]{3}\s+\d{2}\b|^FM\s+\S/.test(first) && !addressees.test(first)) return 0;
  let sawTo = addressees.test(first);
  let end = k;
  for (let i = k; i < lines.length; i++) {
    const t = lines[i]!.text.trim();
    if (!t) break;
    if (/^TO\s+\S/.test(t)) sawTo = true;
    end = i + 1;
    if (/^BT$/.test(t)) break;
  }
  return sawTo ? end : 0;
}

/** Routing lines at the start of a text with no classification line: up to the first blank line after the DTG. */
function leadingRouting(lines: Line[]): Line[] {
  let sawDtg = false;
  for (let i = 0; i < Math.min(lines.length, 60); i++) {
    const t = lines[i]!.text.trim();
    if (/\d{6}Z\s+[A-Za-z]{3}\s+\d{2}/.test(t)) sawDtg = true;
    if (!t && sawDtg) return lines.slice(0, i);
  }
  return [];
}

/** A tab-separated row of the bulk CSV: id, date, origin and classification cells, in any order. */
function readCsvResidue(line: string): SourceMeta | null {
  const cells = line.split('\t').map((c) => c.trim().replace(/^"|"$/g, ''));
  if (cells.length < 4) return null;
  const id = cells.find((c) => /^\d{2}[A-Z][A-Z-]{2,}\d{1,7}$/.test(c));
  const date = cells.find((c) => /^(?:\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2})(?:\s+\d{1,2}:\d{2})?$/.test(c));
  if (!id || !date) return null;
  const classification = cells.find((c) => /^(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)\b/.test(c));
  const origin = cells.find((c) => /^(?:Embassy|Consulate|Mission|US Mission|Secretary of State|USUN|USEU|US Office|American Institute)\b/i.test(c));
  return { id, date, ...(classification ? { classification } : {}), ...(origin ? { origin } : {}) };
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

/** `XXXXXXXXXXXX` (or lower case, glued to a word or not): redactions made in the source, kept in the text and marked. */
function publisherRedactions(text: string): Mark[] {
  return sourceRedactionRuns(text).map((r) => ({ kind: 'publisher-redaction' as const, start: r.start, end: r.end }));
}

/**
 * One repair per run of X in the input: the writers show it as a redaction mark (`█` for each
 * character, so places stay), and the repairs log says how many the source had and where.
 */
function logSourceRedactions(lines: { text: string; no: number }[], log: ChangeLog): void {
  for (const l of lines) {
    for (const run of sourceRedactionRuns(l.text)) if (!run.text.startsWith('\u2588')) log.repair('publisher-redaction', l.no, run.text, sourceRedactionMark(run.text));
  }
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
