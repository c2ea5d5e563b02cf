/**
 * The bulk CSV through a selection: the rows a `--filter` may match, decided on the columns and
 * pre-checked on the raw text, then confirmed on each parsed cable — exactly the cables the
 * filter selects, one at a time (the reader itself, src/readers/csv/read.ts, knows no filter).
 */
import type { Cable } from '../model/cable.js';
import { CableError } from '../errors.js';
import { csvRecordToCable, isCsvRowError, readCsvRecords, type CsvCableRecord, type ReadCsvOptions } from '../readers/csv/read.js';
import { matchesContent, matchesFilter, rowMayMatch, type CableFilter } from './filter.js';

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

export interface ReadCsvCablesOptions extends Omit<ReadCsvOptions, 'accept'> {
  /** Only the cables this filter selects. */
  filter?: CableFilter;
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
  const { filter } = options;
  const accept = filter ? (rec: CsvCableRecord) => recordMayMatch(rec, filter) : undefined;
  for await (const item of readCsvRecords(path, { signal: options.signal, onRow: options.onRow, accept })) {
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
