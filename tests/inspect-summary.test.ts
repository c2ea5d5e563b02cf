/**
 * `cablekit inspect --summary`: counts by warning kind with the cables that have most of each, and
 * the reader's own account — words lost, and gaps in the paragraph numbers told apart into the
 * source's and the reader's (src/review/audit.ts, src/review/summary.ts).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCable } from '../src/readers/cable/parse.js';
import { auditReading } from '../src/review/audit.js';
import { formatSummary, summarizeCables } from '../src/review/summary.js';

const bin = resolve('bin/cablekit.js');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

/** A made-up cable whose paragraphs are numbered as given (`'1'`, `'3'` …), each on its own lines. */
function cableText(numbers: string[], extra = ''): string {
  const paras = numbers.map((n) => `${n}. (C) Paragraph ${n} of the made-up cable says something.`).join('\n\n');
  return [
    'R 041820Z JAN 10',
    'FM AMEMBASSY OTTAWA',
    'TO SECSTATE WASHDC 0001',
    '',
    'C O N F I D E N T I A L OTTAWA 000123',
    '',
    'E.O. 12958: DECL: 01/04/2020',
    'TAGS: PREL, CA',
    'SUBJECT: A MADE-UP CABLE',
    '',
    'Classified By: PolCouns A. Person, reasons 1.4 (b) and (d).',
    '',
    paras,
    extra,
  ].join('\n');
}

describe('auditReading', () => {
  it('a gap the source has: the missing number is not in the input', () => {
    const raw = cableText(['1', '2', '4']);
    const a = auditReading(parseCable(raw), raw);
    expect(a.sourceGaps).toEqual([{ missing: [3], line: expect.any(Number) }]);
    expect(a.readerGaps).toEqual([]);
    expect(a.lostWords).toEqual([]);
  });

  it('a gap the reader made: the input holds the number where a paragraph starts', () => {
    const raw = cableText(['1', '2', '3', '4']);
    const c = parseCable(raw);
    // as if the reader had run paragraph 3 into paragraph 2
    const three = c.paragraphs.findIndex((p) => p.number === 3);
    c.paragraphs[three - 1]!.text += ' ' + c.paragraphs[three]!.text;
    c.paragraphs.splice(three, 1);
    const a = auditReading(c, raw);
    expect(a.readerGaps.map((g) => g.missing)).toEqual([[3]]);
    expect(a.sourceGaps).toEqual([]);
  });

  it('a number inside another paragraph (a list, a year) is no paragraph start', () => {
    const raw = cableText(['1', '2', '4']).replace('Paragraph 2 of', 'Paragraph 2 lists 3. items and ends in 2003. Of');
    expect(auditReading(parseCable(raw), raw).readerGaps).toEqual([]);
  });

  it('a word gone from the text without a repair is lost; one a repair names is not', () => {
    const raw = cableText(['1', '2']).replace('Paragraph 1 of', 'Paragraph 1 firmly of');
    const c = parseCable(raw);
    c.paragraphs[0]!.text = c.paragraphs[0]!.text.replace('firmly ', '');
    expect(auditReading(c, raw).lostWords).toEqual(['firmly']);
    c.repairs.push({ kind: 'test', line: 1, before: 'Paragraph 1 firmly', after: 'Paragraph 1' });
    expect(auditReading(c, raw).lostWords).toEqual([]);
  });
});

describe('summarizeCables', () => {
  it('counts warnings by kind and names the cables with most of each', () => {
    const a = parseCable(cableText(['1', '2', '4', '6']));
    const b = parseCable(cableText(['1', '3']));
    const s = summarizeCables(
      [
        { name: 'a.txt', cable: a, audit: auditReading(a, cableText(['1', '2', '4', '6'])) },
        { name: 'b.txt', cable: b, audit: auditReading(b, cableText(['1', '3'])) },
        { name: 'c.txt', error: 'c.txt: not a cable' },
      ],
      { worst: 1 },
    );
    expect([s.inputs, s.read, s.refused.length, s.clean]).toEqual([3, 2, 1, 2]);
    expect(s.warnings.find((k) => k.kind === 'paragraph-sequence')).toEqual({
      kind: 'paragraph-sequence',
      cables: 2,
      count: 3,
      worst: [{ name: 'a.txt', count: 2 }],
    });
    expect([s.sourceGaps.count, s.readerGaps.count, s.lostWords.count]).toEqual([3, 0, 0]);
    const text = formatSummary(s, 'made-up');
    expect(text).toMatch(/^made-up: 3 inputs, 2 read, 1 refused$/m);
    expect(text).toMatch(/^paragraph-sequence\s+2\s+3\s+a\.txt ×2$/m);
    expect(text).toMatch(/^gaps the reader made\s+0\s+0\s+—$/m);
    expect(text).toContain('c.txt: not a cable');
  });
});

describe('cablekit inspect --summary', () => {
  it('a folder: kinds, counts and the worst cables; a refused input is listed on stderr at the end and the exit code is 2, as in a batch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-summary-'));
    writeFileSync(join(dir, 'gap.txt'), cableText(['1', '2', '4']));
    copyFileSync('samples/08OTTAWA372.txt', join(dir, '08OTTAWA372.txt'));
    writeFileSync(join(dir, 'notes.txt'), 'Shopping list: milk, bread.\n');
    const r = run(['inspect', '--summary', dir]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('3 inputs, 2 read, 1 refused');
    expect(r.stdout).toMatch(/^paragraph-sequence\s+1\s+1\s+gap\.txt ×1$/m);
    expect(r.stdout).toMatch(/^gaps the source has\s+1\s+1\s+gap\.txt ×1$/m);
    expect(r.stdout).toContain('notes.txt: not a cable');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^cablekit: .*notes\.txt: not a cable/);
    expect(lines[1]).toBe(`${dir}: 1 of 3 inputs refused`);

    // every input refused: still the table, still exit 2 (not 0)
    const none = mkdtempSync(join(tmpdir(), 'cablekit-summary-'));
    writeFileSync(join(none, 'a.txt'), 'Shopping list: milk, bread.\n');
    writeFileSync(join(none, 'b.txt'), 'Minutes of the meeting.\n');
    const all = run(['inspect', '--summary', none]);
    expect(all.status).toBe(2);
    expect(all.stdout).toContain('2 inputs, 0 read, 2 refused');
    expect(all.stderr.trim().split('\n')).toEqual([expect.stringMatching(/a\.txt: not a cable/), expect.stringMatching(/b\.txt: not a cable/), `${none}: 2 of 2 inputs refused`]);

    // and nothing refused: exit 0, nothing on stderr
    rmSync(join(dir, 'notes.txt'));
    const clean = run(['inspect', '--summary', dir]);
    expect(clean.status).toBe(0);
    expect(clean.stderr).toBe('');
  });

  it('plain inspect is unchanged: a refused input makes the exit code 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-summary-'));
    copyFileSync('samples/08OTTAWA372.txt', join(dir, '08OTTAWA372.txt'));
    writeFileSync(join(dir, 'notes.txt'), 'Shopping list: milk, bread.\n');
    const r = run(['inspect', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^cablekit: .*notes\.txt: not a cable/);
  });

  it('--worst N names N cables for each kind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-summary-'));
    writeFileSync(join(dir, 'gap.txt'), cableText(['1', '2', '4']));
    writeFileSync(join(dir, 'gap2.txt'), cableText(['1', '3']));
    expect(run(['inspect', '--summary', dir]).stdout).toMatch(/^paragraph-sequence\s+2\s+2\s+gap\.txt ×1, gap2\.txt ×1$/m);
    const one = run(['inspect', '--summary', dir, '--worst', '1']);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^paragraph-sequence\s+2\s+2\s+gap\.txt ×1$/m);
    const bad = run(['inspect', '--summary', dir, '--worst', '0']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('cablekit: --worst must be a whole number ≥ 1 (got 0)\n');
  });

  it('a CSV: rows named by file and row', () => {
    const r = run(['inspect', '--summary', 'tests/fixtures/cables/cables-sample.csv']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^tests\/fixtures\/cables\/cables-sample\.csv: \d+ inputs, \d+ read, 0 refused$/m);
    expect(r.stdout).toContain('THE READER\'S ACCOUNT');
  });
});
