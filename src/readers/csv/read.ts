/**
 * Streams the bulk CSV release (`cables.csv`): one quoted row per cable, fields spanning many
 * lines, quotes escaped with a backslash. Rows are read one at a time (split.ts: a fast path for
 * the release's form, csv-parse for anything else) with back-pressure, so memory stays flat
 * however large the file.
 */
import type { Cable } from '../../model/cable.js';
import { parseCable } from '../cable/parse.js';
import { CableError } from '../../errors.js';
import { matchesContent, matchesFilter, rowMayMatch, type CableFilter } from '../../select/filter.js';
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
   * Only rows that may match are yielded: the metadata part of the filter is decided on the
   * columns; its tag and text parts are pre-checked on the raw text (`rowMayMatch`) and must be
   * confirmed on the parsed cable (`matchesContent`; `readCsvCables` does).
   */
  filter?: CableFilter;
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
 * Yields the release's rows in file order, as records or as row errors. Rows the filter rejects
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
      if (options.filter && !recordMayMatch(rec, options.filter)) continue;
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

/**
 * Could this row be selected by the filter? Its columns decide the metadata part; its raw header
 * and body the tag and text parts, conservatively: only `matchesContent` on the parsed cable can
 * say yes to those.
 */
export function recordMayMatch(rec: CsvCableRecord, filter: CableFilter | undefined): boolean {
  if (!filter) return true;
  return (
    matchesFilter({ id: rec.id, origin: rec.origin, date: rec.date, classification: rec.classification }, filter) &&
    rowMayMatch(`${rec.header}\n${rec.body}`, filter)
  );
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

export interface ReadCsvCablesOptions extends ReadCsvOptions {
  /** Called for a row that cannot be read or parsed; when absent, the error is thrown. */
  onError?: (error: CableError, row: number) => void;
}

/**
 * The bulk CSV as cables, one at a time: `for await (const cable of readCsvCables('cables.csv',
 * { filter }))`. Unreadable rows go to `onError` (or throw when there is none). With a filter,
 * exactly the cables it selects: tags and text are confirmed on each parsed cable.
 */
export async function* readCsvCables(
  path: string,
  filterOrOptions: CableFilter | ReadCsvCablesOptions = {},
): AsyncGenerator<Cable> {
  const options: ReadCsvCablesOptions =
    'onError' in filterOrOptions || 'filter' in filterOrOptions || 'signal' in filterOrOptions
      ? (filterOrOptions as ReadCsvCablesOptions)
      : { filter: filterOrOptions as CableFilter };
  for await (const { cable } of readCsvSelected(path, options)) yield cable;
}

/** As `readCsvCables`, each cable with the row it was read from (what `select` and the batch need). */
export async function* readCsvSelected(path: string, options: ReadCsvCablesOptions = {}): AsyncGenerator<{ record: CsvCableRecord; cable: Cable }> {
  const fail = (error: CableError, row: number): void => {
    if (!options.onError) throw error;
    options.onError(error, row);
  };
  for await (const item of readCsvRecords(path, options)) {
    if (isCsvRowError(item)) {
      fail(new CableError(item.error, item.source), item.row);
      continue;
    }
    let cable: Cable;
    try {
      cable = csvRecordToCable(item);
    } catch (err) {
      fail(err instanceof CableError ? err : new CableError((err as Error).message.split('\n')[0] ?? String(err), item.source), item.row);
      continue;
    }
    if (matchesContent(cable, options.filter)) yield { record: item, cable };
  }
}
