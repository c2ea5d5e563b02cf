/**
 * Id lists for `--ids FILE|-`: what `cablekit select` prints, read back. One id a line (the first
 * word of the line, so `ID<TAB>anything` works too), or the JSON lines of `select --format jsonl`
 * (their `id`); blank lines and lines starting with `#` are skipped.
 */
import { readFile } from 'node:fs/promises';
import { CableError } from '../errors.js';
import { isStdinArg } from '../readers/input/stdin.js';

/** The ids in a list's text, in order, as written (see the module comment for the forms). */
export function parseIdList(text: string, name = 'ids'): string[] {
  const ids: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('{')) {
      let id: unknown;
      try {
        id = (JSON.parse(line) as { id?: unknown }).id;
      } catch {
        throw new CableError(`line ${i + 1}: not an id and not a JSON line`, name);
      }
      if (typeof id !== 'string' || !id.trim()) throw new CableError(`line ${i + 1}: a JSON line without an "id"`, name);
      ids.push(id.trim());
    } else {
      ids.push(line.split(/[\s,]+/)[0]!);
    }
  }
  return ids;
}

/** Reads an id list from a file, or from standard input for `-`. */
export async function readIdList(source: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string[]> {
  if (isStdinArg(source)) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return parseIdList(Buffer.concat(chunks).toString('utf8'), 'standard input');
  }
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CableError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a list of ids' : (err as Error).message, source);
  }
  return parseIdList(text, source);
}
