/** What the README and docs/ show a command printing is what it prints. */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BIN = 'bin/cablekit.js';
const squeeze = (line: string): string => line.trim().replace(/\s+/g, ' ');

describe('the documented output of cablekit inspect samples/*.txt', () => {
  const samples = readdirSync('samples')
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => `samples/${f}`);
  const run = spawnSync(process.execPath, [BIN, 'inspect', ...samples], { encoding: 'utf8' });
  const actual = new Map(run.stdout.split('\n').filter(Boolean).map((l) => [l.split(/\s+/)[0]!, squeeze(l)]));
  for (const page of ['README.md', 'docs/reading.md']) {
    it(`${page}: every row shown is the row printed`, () => {
      expect(run.status).toBe(0);
      const block = /\$ cablekit inspect samples\/\*\.txt\n([\s\S]*?)```/.exec(readFileSync(page, 'utf8'));
      expect(block, `${page} shows the example`).not.toBeNull();
      const rows = block![1]!.split('\n').filter(Boolean);
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) expect(squeeze(row)).toBe(actual.get(row.split(/\s+/)[0]!));
    });
  }
});
