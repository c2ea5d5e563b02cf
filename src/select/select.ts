/**
 * Selection: the cables a filter picks from files, folders, globs and the bulk CSV, in input
 * order — exactly those `render` converts and `book` binds with the same filter. Files are parsed
 * and checked whole; CSV rows are checked on their columns and raw text first, and only the rows
 * that may match are parsed and checked again (see src/select/prefilter.ts).
 */
import type { Cable } from '../model/cable.js';
import { CableError } from '../errors.js';
import type { InputSource } from '../readers/input/discover.js';
import { readCableFile } from '../readers/cable/parse.js';
import type { CsvCableRecord } from '../readers/csv/read.js';
import { readCsvSelected } from './csv.js';
import { matchesCable, type CableFilter } from './filter.js';

export interface SelectedCable {
  /** The input's name, as manifests give it: the file, or `cables.csv:ROW`. */
  input: string;
  cable: Cable;
  /** The CSV row the cable was read from, or null for a file. */
  record: CsvCableRecord | null;
}

export interface SelectOptions {
  filter?: CableFilter;
  /** An input that cannot be read or parsed; it is skipped. Default: throw. */
  onError?: (error: CableError) => void;
  /** Called once per input looked at (every file and every CSV row), selected or not. */
  onInput?: () => void;
  signal?: AbortSignal;
}

export async function* selectCables(inputs: InputSource[], options: SelectOptions = {}): AsyncGenerator<SelectedCable> {
  const { filter } = options;
  const fail = (err: unknown, input: string): void => {
    const error = err instanceof CableError ? err : new CableError((err as Error).message.split('\n')[0] ?? String(err), input);
    if (!options.onError) throw error;
    options.onError(error);
  };
  for (const source of inputs) {
    if (options.signal?.aborted) return;
    if (source.kind === 'file') {
      options.onInput?.();
      let cable: Cable;
      try {
        cable = await readCableFile(source.path);
      } catch (err) {
        fail(err, source.path);
        continue;
      }
      if (matchesCable(cable, filter)) yield { input: source.path, cable, record: null };
      continue;
    }
    const csv = readCsvSelected(source.path, { filter, signal: options.signal, onRow: options.onInput, onError: (error) => fail(error, error.file ?? source.path) });
    for await (const { record, cable } of csv) yield { input: record.source, cable, record };
  }
}
