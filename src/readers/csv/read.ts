/**
 * Streams the bulk CSV release (`cables.csv`): one quoted row per cable, fields spanning many
 * lines, quotes escaped with a backslash. Rows are read one at a time (split.ts: a fast path for
 * the release's form, csv-parse for anything else) with back-pressure, so memory stays flat
 * however large the file.
 */
import type { Cable } from '../../model/cable.js';
import { parseCable } from '../cable/parse.js';
import { CableError } from '../../errors.js';
import { csvRecords, type CsvFields } from './split.js';

/** One row of the release, by column. */
export interface CsvCableRecord {
  /** 1-based record number in the file (not the line number: fields span lines). */
  row: number;
  /** `cables.csv:ROW`, the name messages use. */
  source: string;
  /** The release's own sequence number (column 1). */
  sequence: string;
  /** Creation date as published: `2/25/1972 9:30`. */
  created: string;
  /** The same as ISO 8601 UTC, or null when unreadable. */
  date: string | null;
  id: string;
  origin: string;
  classification: string;
  /** Canonical ids of the references, from the `|`-joined column. */
  references: string[];
  header: string;
  body: string;
  /** Where the row's bytes are in the file (from its opening quote to after its line end), when the fast splitter read it. */
  offset?: number;
  length?: number;
}

/** A row that could not be read (wrong column count, broken quoting): reported, not fatal. */
export interface CsvRowError {
  row: number;
  source: string;
  error: string;
}

/** `2/25/1972 9:30` or `2008-10-30 12:12` → `1972-02-25T09:30:00Z`; null when it is neither. */
export function csvDateToIso(s: string): string | null {
  const t = s.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0;
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(t);
  if (m) {
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4]) [h, mi] = [Number(m[4]), Number(m[5])];
  } else {
    m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(t);
    if (!m) return null;
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4]) [h, mi] = [Number(m[4]), Number(m[5])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return date.toISOString().replace('.000Z', 'Z');
}

/** The release's columns, in order. */
const COLUMNS = 8;

export interface ReadCsvOptions {
  /**
   * Only rows it accepts are yielded (a selection's cheap test on the columns and the raw text:
   * `recordMayMatch` in src/select/csv.ts). Row errors are always yielded.
   */
  accept?: (rec: CsvCableRecord) => boolean;
  signal?: AbortSignal;
  /** Called for every row read (and every unreadable one), before the filter: to count them. */
  onRow?: () => void;
}

/** One split record as a row of the release (or a row error when its column count is wrong). */
export function csvCableRecord(record: CsvFields, row: number, source: string): CsvCableRecord | CsvRowError {
  if (record.length !== COLUMNS) return { row, source, error: `row has ${record.length} columns, expected ${COLUMNS}` };
  const [sequence, created, id, origin, classification, refs, header, body] = record as [string, string, string, string, string, string, string, string];
  const rec: CsvCableRecord = {
    row,
    source,
    sequence,
    created,
    date: csvDateToIso(created),
    id: id.trim(),
    origin: origin.trim(),
    classification: classification.trim(),
    references: refs.split('|').map((r) => r.trim()).filter(Boolean),
    header,
    body,
  };
  if (record.offset !== undefined && record.end !== undefined) {
    rec.offset = record.offset;
    rec.length = record.end - record.offset;
  }
  return rec;
}

/**
 * Yields the release's rows in file order, as records or as row errors. Rows `accept` rejects
 * are not yielded. Reading pauses while the consumer is busy (for-await back-pressure).
 */
export async function* readCsvRecords(
  path: string,
  options: ReadCsvOptions = {},
): AsyncGenerator<CsvCableRecord | CsvRowError> {
  let row = 0;
  try {
    for await (const record of csvRecords(path, options.signal)) {
      options.onRow?.();
      if (!Array.isArray(record)) {
        yield { row: -1, source: `${path}:?`, error: record.error };
        continue;
      }
      row++;
      const source = `${path}:${row}`;
      const rec = csvCableRecord(record, row, source);
      if ('error' in rec) {
        yield rec;
        continue;
      }
      if (options.accept && !options.accept(rec)) continue;
      yield rec;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CableError('no such file', path);
    if (code === 'EISDIR') throw new CableError('is a folder, not a CSV file', path);
    if (code === 'ABORT_ERR') return;
    throw new CableError(`CSV: ${(err as Error).message.split('\n')[0]}`, path);
  }
}

export function isCsvRowError(x: CsvCableRecord | CsvRowError): x is CsvRowError {
  return 'error' in x;
}

/** The raw cable text of a row, as `parseCable` reads it: header, a blank line, then the body. */
export function csvRecordText(rec: CsvCableRecord): string {
  return `${rec.header.replace(/\s+$/, '')}\n\n${rec.body}`;
}

/** The metadata a row gives the parser (id, date, origin, classification as published). */
export function csvRecordMeta(rec: CsvCableRecord): { id: string; date: string; origin: string; classification: string } {
  return { id: rec.id, date: rec.created, origin: rec.origin, classification: rec.classification };
}

/** Parses one row into a `Cable`. Throws `CableError` naming `cables.csv:ROW` when it is not a cable. */
export function csvRecordToCable(rec: CsvCableRecord): Cable {
  return parseCable(csvRecordText(rec), { file: rec.source, shape: 'csv-row', meta: csvRecordMeta(rec) });
}
