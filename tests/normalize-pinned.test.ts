/**
 * What `normalize` makes of every cable at hand stays the same: for each sample and fixture, and,
 * when ../shared/ is beside the repository, each shared page (and each row of its bulk-CSV
 * sample), the sha256 of its clean text, JSON and Markdown (or of its one-line error) is pinned in
 * tests/fixtures/normalize-hashes.tsv. The list was made by the parser and writers before they
 * were made faster (issue 18); a change meant to alter output updates it on purpose:
 *
 *   CABLEKIT_UPDATE_PINNED=1 npx vitest run tests/normalize-pinned.test.ts
 *
 * and the diff of the list shows which cables changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCable, parseCableBytes } from '../src/readers/cable/parse.js';
import { formatCable } from '../src/writers/format.js';
import { readCsvRecords, isCsvRowError, csvRecordText, csvRecordMeta } from '../src/readers/csv/read.js';
import { errorLine } from '../src/errors.js';
import type { Cable } from '../src/model/cable.js';
import { SHARED, sharedExists } from './support/shared.js';

const LIST = 'tests/fixtures/normalize-hashes.tsv';
const LOCAL_DIRS = ['samples', 'tests/fixtures/cables', 'tests/fixtures/forms'];
const SHARED_DIRS = ['seeds', 'cables', 'cables-more', 'cables-release'];

/** One hash for all a cable becomes: text, JSON and Markdown; or its error line. */
function digest(make: () => Cable): string {
  let out: string;
  try {
    const cable = make();
    out = `${formatCable(cable, 'text')}\u0000${formatCable(cable, 'json')}\u0000${formatCable(cable, 'markdown')}`;
  } catch (err) {
    out = `error\u0000${errorLine(err)}`;
  }
  return createHash('sha256').update(out).digest('hex');
}

function inputsOf(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.(txt|html|csv)$/.test(f))
        .sort()
    : [];
}

/** `name → sha256` of every input: local files by their path, shared ones as `shared/DIR/FILE`. */
async function current(withShared: boolean): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const add = async (key: string, path: string): Promise<void> => {
    if (key.endsWith('.csv')) {
      for await (const rec of readCsvRecords(path)) {
        const row = isCsvRowError(rec) ? `${key}:${rec.row}` : rec.source.replace(path, key);
        out.set(row, isCsvRowError(rec) ? createHash('sha256').update(`error\u0000${rec.error}`).digest('hex') : digest(() => parseCable(csvRecordText(rec), { file: row, shape: 'csv-row', meta: csvRecordMeta(rec) })));
      }
      return;
    }
    out.set(key, digest(() => parseCableBytes(readFileSync(path), key)));
  };
  for (const dir of LOCAL_DIRS) for (const f of inputsOf(dir)) await add(`${dir}/${f}`, join(dir, f));
  if (withShared) for (const dir of SHARED_DIRS) for (const f of inputsOf(join(SHARED, dir))) await add(`shared/${dir}/${f}`, join(SHARED, dir, f));
  return out;
}

function pinned(): Map<string, string> {
  const rows = readFileSync(LIST, 'utf8').split('\n').filter(Boolean);
  return new Map(rows.map((r) => r.split('\t') as [string, string]));
}

describe('normalize output pinned', () => {
  it(
    `every sample, fixture${sharedExists ? ' and shared page' : ''} gives the text, JSON and Markdown it gave (${LIST})`,
    async () => {
      const now = await current(sharedExists);
      if (process.env.CABLEKIT_UPDATE_PINNED) {
        if (!sharedExists) throw new Error('the pinned list covers ../shared/ too: update it where ../shared/ is present');
        writeFileSync(LIST, [...now].map(([k, v]) => `${k}\t${v}`).join('\n') + '\n');
        return;
      }
      const want = pinned();
      const changed: string[] = [];
      for (const [key, hash] of now) if (want.get(key) !== hash) changed.push(`${key}: ${want.has(key) ? 'output changed' : 'not in the list'}`);
      // Every local entry of the list, and with ../shared/ every entry, is still an input.
      for (const key of want.keys()) if ((sharedExists || !key.startsWith('shared/')) && !now.has(key)) changed.push(`${key}: no longer an input`);
      expect(changed).toEqual([]);
      expect(now.size).toBeGreaterThan(100);
    },
    180_000,
  );
});
