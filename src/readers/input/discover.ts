/**
 * Turns command-line input arguments (files, folders, globs, the bulk CSV) into a sorted,
 * de-duplicated list of input sources. Folders are searched recursively for cable files.
 */
import { stat } from 'node:fs/promises';
import { extname, join, relative, isAbsolute } from 'node:path';
import { readdir } from 'node:fs/promises';
import { CableError } from '../../errors.js';
import { expandGlob, hasGlobMagic } from './glob.js';

/** One input: a cable file, or a bulk CSV whose rows are cables. */
export interface InputSource {
  kind: 'file' | 'csv';
  /** The path as the user can recognise it (relative when given relative). */
  path: string;
}

/** Extensions taken when a folder is searched. A CSV is only read when named or globbed. */
export const CABLE_EXTENSIONS = ['.txt', '.text', '.html', '.htm'];

export function isCsvPath(path: string): boolean {
  return extname(path).toLowerCase() === '.csv';
}

async function walkFolder(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) await walkFolder(path, out);
    else if (e.isFile() && CABLE_EXTENSIONS.includes(extname(e.name).toLowerCase())) out.push(path);
  }
}

/**
 * Expands arguments into sources, sorted by path (byte order) with duplicates removed, so that
 * the same arguments always give the same order however the shell or the file system lists them.
 * A missing file or a glob that matches nothing is an error.
 */
export async function discoverInputs(args: string[]): Promise<InputSource[]> {
  const paths = new Set<string>();
  for (const arg of args) {
    let st;
    try {
      st = await stat(arg);
    } catch {
      st = null;
    }
    if (st?.isDirectory()) {
      const found: string[] = [];
      await walkFolder(arg, found);
      // A folder that holds no cable file is a mistake worth saying, like a pattern that matches nothing.
      if (found.length === 0) {
        const csv = (await readdir(arg)).filter((n) => isCsvPath(n)).sort()[0];
        throw new CableError(`no cable files (${CABLE_EXTENSIONS.join(', ')}) in this folder${csv ? `; a bulk CSV is read when it is named: ${join(arg, csv)}` : ''}`, arg);
      }
      for (const f of found) paths.add(tidy(f));
    } else if (st) {
      paths.add(tidy(arg));
    } else if (hasGlobMagic(arg)) {
      const found = await expandGlob(arg);
      if (found.length === 0) throw new CableError('no file matches this pattern', arg);
      for (const f of found) paths.add(tidy(f));
    } else {
      throw new CableError('no such file or folder', arg);
    }
  }
  return [...paths]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((path) => ({ kind: isCsvPath(path) ? 'csv' : 'file', path }));
}

/** `./a/b.txt` → `a/b.txt`; absolute paths inside the current folder become relative. */
function tidy(path: string): string {
  let p = path;
  if (isAbsolute(p)) {
    const rel = relative(process.cwd(), p);
    if (!rel.startsWith('..') && !isAbsolute(rel)) p = rel;
  }
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/');
}
