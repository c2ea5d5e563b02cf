/**
 * The shared real cables (../shared/seeds, cables, cables-more, cables-release: about 730 pages)
 * for the redaction acceptance test: each id with its files (the .txt first), and the labelled
 * real contact values of tests/fixtures/redaction/labelled.tsv by the id of the cable they were
 * taken from.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadLabelled } from './labelled.js';
import { SHARED } from './shared.js';

export { SHARED, sharedExists, skipNote, describeShared, itShared } from './shared.js';
export const SHARED_SETS = ['seeds', 'cables', 'cables-more', 'cables-release'] as const;

export interface SharedCable {
  id: string;
  /** Its files, the .txt first. */
  files: string[];
}

/** Every cable id of the shared sets, with its files. */
export function sharedCables(): SharedCable[] {
  const byId = new Map<string, string[]>();
  for (const dir of SHARED_SETS) {
    for (const f of readdirSync(join(SHARED, dir)).sort()) {
      if (!/\.(txt|html)$/.test(f)) continue;
      const id = f.replace(/\.(txt|html)$/, '');
      byId.set(id, [...(byId.get(id) ?? []), join(SHARED, dir, f)]);
    }
  }
  return [...byId].map(([id, files]) => ({ id, files: files.sort((a, b) => Number(b.endsWith('.txt')) - Number(a.endsWith('.txt'))) }));
}

/** The labelled real contact values, by the id of the cable they come from. */
export function labelledValues(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const row of loadLabelled()) {
    if (row.tag !== 'real' || row.expected.length === 0) continue;
    const id = basename(row.source).replace(/\.(txt|html)$/, '');
    out.set(id, [...(out.get(id) ?? []), ...row.expected.map((e) => e.value)]);
  }
  return out;
}

/** Letters and digits only, lower case: line breaks, hyphenation and spacing hide nothing. */
export function squash(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
