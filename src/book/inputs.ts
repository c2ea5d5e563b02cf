/**
 * Reads a book's inputs: files, folders, globs and the bulk CSV, in the order the arguments
 * name them (each folder or glob sorted by path), so `--sort input` follows the command line.
 * `-` is one cable read from standard input.
 */
import type { Cable } from '../model/cable.js';
import { discoverInputs } from '../input/discover.js';
import { readCableFile } from '../parse/index.js';
import { readCsvCables } from '../csv/read.js';
import { STDIN_ARG, isStdinArg, readCableStdin } from '../input/stdin.js';

export async function readBookInputs(args: string[]): Promise<Cable[]> {
  const cables: Cable[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    if (isStdinArg(arg)) {
      if (seen.has(STDIN_ARG)) continue;
      seen.add(STDIN_ARG);
      cables.push(await readCableStdin());
      continue;
    }
    for (const source of await discoverInputs([arg])) {
      if (seen.has(source.path)) continue;
      seen.add(source.path);
      if (source.kind === 'csv') {
        for await (const cable of readCsvCables(source.path)) cables.push(cable);
      } else {
        cables.push(await readCableFile(source.path));
      }
    }
  }
  return cables;
}
