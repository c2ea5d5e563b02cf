/**
 * Output file names derived from cable ids: safe on every file system (no path separators,
 * no `..`, no reserved device names) and unique within one output folder, with deterministic
 * `-2`, `-3` suffixes given in input order.
 */
import { basename, extname } from 'node:path';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const MAX_STEM = 120;

/** A file-name stem made from an id or an input name: `[A-Za-z0-9._-]` only, or '' when nothing is left. */
export function sanitizeStem(raw: string): string {
  let stem = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._-]+/, '')
    .replace(/[._-]+$/, '');
  if (stem.length > MAX_STEM) stem = stem.slice(0, MAX_STEM).replace(/[._-]+$/, '');
  if (WINDOWS_RESERVED.test(stem.split('.')[0] ?? '')) stem = `_${stem}`;
  return stem;
}

/** The stem for a cable: its id when it yields a usable name, else the input's base name, else `cable`. */
export function outputStem(id: string | null | undefined, input: string): string {
  const fromId = id ? sanitizeStem(id) : '';
  if (fromId) return fromId;
  const base = basename(input.replace(/:\d+$/, ''));
  const fromInput = sanitizeStem(base.slice(0, base.length - extname(base).length));
  return fromInput || 'cable';
}

/**
 * Hands out unique file names in one folder. Claims must be made in a deterministic order
 * (input order) so that the same inputs always get the same names, whatever the job count.
 * Names compare case-insensitively: `08OTTAWA372` and `08ottawa372` would collide on macOS/Windows.
 */
export class OutputNamer {
  private readonly taken = new Set<string>();

  constructor(private readonly ext: string) {}

  /** Marks a name as used (e.g. carried over from a previous run's manifest). */
  reserve(fileName: string): void {
    this.taken.add(fileName.toLowerCase());
  }

  has(fileName: string): boolean {
    return this.taken.has(fileName.toLowerCase());
  }

  claim(stem: string): string {
    let name = `${stem}.${this.ext}`;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = `${stem}-${n}.${this.ext}`;
    this.taken.add(name.toLowerCase());
    return name;
  }
}
