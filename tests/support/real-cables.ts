/**
 * The shared real cables (../shared/cables, ../shared/cables-more) for the redaction acceptance
 * tests: one cable per id (its .txt, or its .html when the .txt does not parse), every file that
 * parses, and the labelled real contact values by the id of the cable they were taken from.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { scanResidual, type Cable } from '../../src/index.js';
import { readCableFile } from '../../src/parse/index.js';
import { loadLabelled } from './labelled.js';

import { SHARED } from './shared.js';

export { SHARED, sharedExists, skipNote, describeShared, itShared } from './shared.js';
const ALL = new Set(['email', 'url', 'phone', 'fax']);

export interface RealCable {
  id: string;
  file: string;
  cable: Cable;
}

export interface RealCables {
  ids: string[];
  /** One per id. */
  cables: RealCable[];
  /** Every file that parses (both shapes of most cables). */
  files: RealCable[];
  /** Ids none of whose files parse. */
  unparsed: string[];
  values: Map<string, string[]>;
}

/** Letters and digits only, lower case: line breaks, hyphenation and spacing hide nothing. */
export function squash(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export async function loadRealCables(): Promise<RealCables> {
  const byId = new Map<string, string[]>();
  for (const dir of ['cables', 'cables-more']) {
    for (const f of readdirSync(join(SHARED, dir)).sort()) {
      if (!/\.(txt|html)$/.test(f)) continue;
      const id = f.replace(/\.(txt|html)$/, '');
      byId.set(id, [...(byId.get(id) ?? []), join(SHARED, dir, f)]);
    }
  }
  const out: RealCables = { ids: [...byId.keys()], cables: [], files: [], unparsed: [], values: new Map() };
  for (const [id, files] of byId) {
    files.sort((a, b) => Number(b.endsWith('.txt')) - Number(a.endsWith('.txt')));
    let first = true;
    for (const file of files) {
      try {
        const cable = await readCableFile(file);
        out.files.push({ id, file, cable });
        if (first) out.cables.push({ id, file, cable });
        first = false;
      } catch {
        /* the other shape may parse */
      }
    }
    if (first) out.unparsed.push(id);
  }
  for (const row of loadLabelled()) {
    if (row.tag !== 'real' || row.expected.length === 0) continue;
    const id = basename(row.source).replace(/\.(txt|html)$/, '');
    out.values.set(id, [...(out.values.get(id) ?? []), ...row.expected.map((e) => e.value)]);
  }
  return out;
}

/**
 * No labelled value of the cable in `everything` (every string of the output); no residual hit
 * in `seen` (what a reader sees). Returns the number of values checked.
 */
export function assertClean(real: RealCables, id: string, where: string, everything: string, seen: string[] = [everything]): number {
  const back = squash(everything);
  const values = real.values.get(id) ?? [];
  for (const v of values) expect(back.includes(squash(v)), `${id} ${where}: a labelled value is still there`).toBe(false);
  for (const text of seen) {
    const hits = scanResidual(text, ALL).map((h) => `${h.category}: ${text.slice(h.start, h.end)}`);
    expect(hits, `${id} ${where}: residual hits`).toEqual([]);
  }
  return values.length;
}
