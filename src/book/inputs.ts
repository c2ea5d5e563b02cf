/**
 * Reads a book's inputs: files, folders, globs and the bulk CSV, in the order the arguments
 * name them (each folder or glob sorted by path, CSV rows in file order), so `--order input`
 * follows the command line. `-` is one cable read from standard input. With a filter, only the
 * cables it selects — the same ones `render` and `select` pick. A bad input (a file that is not
 * a cable, an unreadable CSV row, an argument that names nothing) does not stop the book: it is
 * kept as a failure with its one-line error, in input order, for the book's manifest.
 */
import type { Cable } from '../model/cable.js';
import { CableError } from '../errors.js';
import { discoverInputs } from '../readers/input/discover.js';
import { readCableFile } from '../readers/cable/parse.js';
import { csvRecordToCable, isCsvRowError, readCsvRecords } from '../readers/csv/read.js';
import { recordMayMatch } from '../select/csv.js';
import { STDIN_ARG, STDIN_NAME, isStdinArg, readCableStdin } from '../readers/input/stdin.js';
import { matchesCable, matchesContent, type CableFilter } from '../select/filter.js';

export interface BookInputOptions {
  filter?: CableFilter;
}

/** One input of a book: a cable read from it, or the reason it could not be read. */
export type BookInput = { input: string; cable: Cable } | { input: string; error: string };

export interface BookInputs {
  /** Every input in order, read or failed (inputs the filter leaves out are not listed). */
  inputs: BookInput[];
  /** The cables read, in input order. */
  cables: Cable[];
  /** The inputs that failed, in input order. */
  failures: { input: string; error: string }[];
}

function message(err: unknown): string {
  if (err instanceof CableError) return err.message;
  return err instanceof Error ? (err.message.split('\n')[0] ?? String(err)) : String(err);
}

/** Reads every input, going on past bad ones. */
export async function collectBookInputs(args: string[], options: BookInputOptions = {}): Promise<BookInputs> {
  const { filter } = options;
  const inputs: BookInput[] = [];
  const seen = new Set<string>();
  const read = async (input: string, get: () => Cable | Promise<Cable>, selected = (c: Cable) => matchesCable(c, filter)) => {
    try {
      const cable = await get();
      if (selected(cable)) inputs.push({ input, cable });
    } catch (err) {
      inputs.push({ input, error: message(err) });
    }
  };
  for (const arg of args) {
    if (isStdinArg(arg)) {
      if (seen.has(STDIN_ARG)) continue;
      seen.add(STDIN_ARG);
      await read(STDIN_NAME, () => readCableStdin());
      continue;
    }
    let sources;
    try {
      sources = await discoverInputs([arg]);
    } catch (err) {
      inputs.push({ input: arg, error: message(err) });
      continue;
    }
    for (const source of sources) {
      if (seen.has(source.path)) continue;
      seen.add(source.path);
      if (source.kind !== 'csv') {
        await read(source.path, () => readCableFile(source.path));
        continue;
      }
      try {
        // Rows are checked against the filter before parsing where the columns tell, after it otherwise.
        for await (const row of readCsvRecords(source.path, { accept: (rec) => recordMayMatch(rec, filter) })) {
          if (isCsvRowError(row)) inputs.push({ input: row.source, error: row.error });
          else await read(row.source, () => csvRecordToCable(row), (c) => matchesContent(c, filter));
        }
      } catch (err) {
        inputs.push({ input: source.path, error: message(err) });
      }
    }
  }
  const cables: Cable[] = [];
  const failures: { input: string; error: string }[] = [];
  for (const item of inputs) {
    if ('cable' in item) cables.push(item.cable);
    else failures.push(item);
  }
  return { inputs, cables, failures };
}

/** The cables of a book's inputs; the first bad input throws its `CableError`. */
export async function readBookInputs(args: string[], options: BookInputOptions = {}): Promise<Cable[]> {
  const { cables, failures } = await collectBookInputs(args, options);
  const first = failures[0];
  if (first) throw new CableError(first.error, first.input);
  return cables;
}
