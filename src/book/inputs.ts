/**
 * Reads a book's inputs: files, folders, globs and the bulk CSV, in the order the arguments
 * name them (each folder or glob sorted by path), so `--sort input` follows the command line.
 * `-` is one cable read from standard input. With a filter, only the cables it selects — the
 * same ones `render` and `select` pick.
 */
import type { Cable } from '../model/cable.js';
import { discoverInputs } from '../input/discover.js';
import { readCableFile } from '../parse/index.js';
import { readCsvCables } from '../csv/read.js';
import { STDIN_ARG, isStdinArg, readCableStdin } from '../input/stdin.js';
import { matchesCable, type CableFilter } from '../csv/filter.js';

export interface BookInputOptions {
  filter?: CableFilter;
}

export async function readBookInputs(args: string[], options: BookInputOptions = {}): Promise<Cable[]> {
  const { filter } = options;
  const cables: Cable[] = [];
  const seen = new Set<string>();
  const add = (cable: Cable): void => {
    if (matchesCable(cable, filter)) cables.push(cable);
  };
  for (const arg of args) {
    if (isStdinArg(arg)) {
      if (seen.has(STDIN_ARG)) continue;
      seen.add(STDIN_ARG);
      add(await readCableStdin());
      continue;
    }
    for (const source of await discoverInputs([arg])) {
      if (seen.has(source.path)) continue;
      seen.add(source.path);
      if (source.kind === 'csv') {
        for await (const cable of readCsvCables(source.path, { filter })) cables.push(cable);
      } else {
        add(await readCableFile(source.path));
      }
    }
  }
  return cables;
}
