/**
 * Standard input and output as pandoc users expect (issue 9): `-` reads one cable from standard
 * input; `-o FILE` / `--output FILE` writes one cable's output to that file (the format from its
 * extension unless --format says otherwise; `-o -` is standard output).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { protectDashArgs, isStdinArg, readStream } from '../src/readers/input/stdin.js';
import { formatFromPath } from '../src/cli/options.js';
import { Readable } from 'node:stream';

const bin = resolve('bin/cablekit.js');
const SAMPLE = 'samples/08OTTAWA372.txt';
const sample = readFileSync(SAMPLE);

function run(args: string[], input?: string | Buffer, cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input: input ?? '', encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'ck-stdio-'));
}

describe('- reads one cable from standard input', () => {
  it('normalize -: the same clean text as from the file', () => {
    const r = run(['normalize', '-'], sample);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync('tests/golden/08OTTAWA372.txt', 'utf8'));
  });
  it('inspect -: one row named by the id', () => {
    const r = run(['inspect', '-'], sample);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^08OTTAWA372\s+2008-03-14\s+CONFIDENTIAL\/\/NOFORN/m);
  });
  it('render - --out DIR: DIR/<id>.<ext>', () => {
    const dir = tmp();
    const r = run(['render', '-', '--format', 'json', '--out', dir], sample);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['08OTTAWA372.json']);
  });
  it('bad input is one line naming <stdin>, exit 1, nothing on stdout', () => {
    for (const [input, message] of [
      ['Dear diary,\nToday nothing happened.\n', /^cablekit: <stdin>: not a cable/],
      ['', /^cablekit: <stdin>: empty file/],
    ] as const) {
      const r = run(['normalize', '-'], input);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
  it('- with other inputs is a one-line error', () => {
    const r = run(['normalize', '-', SAMPLE], sample);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('cablekit: - reads one cable from standard input and must be the only input');
  });
});

describe('-o FILE / --output FILE writes one cable', () => {
  it('the format from the extension: .md, .json, .docx, .pdf', () => {
    const dir = tmp();
    expect(run(['normalize', SAMPLE, '-o', join(dir, 'clean.md')]).code).toBe(0);
    expect(readFileSync(join(dir, 'clean.md'), 'utf8')).toMatch(/^# CANADA: DISCORD OVER OSLO PROCESS/);
    expect(run(['normalize', '-', '--output', join(dir, 'cable.json')], sample).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'cable.json'), 'utf8')).references[0]).toEqual({ label: 'A', text: 'STATE 24735', id: '08STATE24735' });
    expect(run(['render', '-', `--output=${join(dir, 'cable.docx')}`], sample).code).toBe(0);
    expect(readFileSync(join(dir, 'cable.docx')).subarray(0, 2).toString()).toBe('PK');
    // Nothing but the outputs: no temp files left behind.
    expect(readdirSync(dir).sort()).toEqual(['cable.docx', 'cable.json', 'clean.md']);
  });
  it('--format wins over the extension; text for an unknown extension', () => {
    const dir = tmp();
    expect(run(['normalize', SAMPLE, '-o', join(dir, 'a.out'), '--format', 'json']).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'a.out'), 'utf8')).id).toBe('08OTTAWA372');
    expect(run(['normalize', SAMPLE, '-o', join(dir, 'b.out')]).code).toBe(0);
    expect(readFileSync(join(dir, 'b.out'), 'utf8')).toBe(readFileSync('tests/golden/08OTTAWA372.txt', 'utf8'));
  });
  it('-o - is standard output, for any format (PDF from standard input here)', () => {
    const r = spawnSync(process.execPath, [bin, 'render', '-', '--format', 'pdf', '-o', '-'], { input: sample });
    expect(r.status).toBe(0);
    expect(r.stdout.subarray(0, 5).toString()).toBe('%PDF-');
  });
  it('several inputs, a folder as -o, or -o with --out: a one-line error and no file', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'folder'));
    const cases: Array<[string[], RegExp]> = [
      [['normalize', SAMPLE, 'samples/08OTTAWA647.txt', '-o', join(dir, 'x.txt')], /-o FILE writes one cable, but 2 inputs given: use --out DIR/],
      [['render', 'samples', '-o', join(dir, 'x.pdf')], /-o FILE writes one cable, but 5 inputs given/],
      [['normalize', SAMPLE, '-o', join(dir, 'x.txt'), '--out', dir], /-o FILE and --out DIR do not go together/],
      [['normalize', SAMPLE, '-o', join(dir, 'folder')], /folder: is a folder: -o names the file to write/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(readdirSync(dir)).toEqual(['folder']);
    expect(readdirSync(join(dir, 'folder'))).toEqual([]);
  });
  it('bad input with -o: no file, no temp file', () => {
    const dir = tmp();
    const r = run(['normalize', '-', '-o', join(dir, 'out.txt')], 'not a cable at all\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cablekit: <stdin>: not a cable/);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('book - -o FILE: standard input as a chapter', () => {
    const dir = tmp();
    const r = run(['book', '-', 'samples/08OTTAWA647.txt', '--output', join(dir, 'book.docx'), '--quiet'], sample);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'book.docx'))).toBe(true);
  });
});

describe('the pieces', () => {
  it('a lone - survives yargs, also as --output=-; a - after -- too', () => {
    const args = protectDashArgs(['normalize', '-', '-o', '-', '--output=-', '--', '-']);
    expect(args.map((a) => (isStdinArg(a) ? 'STDIN' : a))).toEqual(['normalize', 'STDIN', '-o', 'STDIN', '--output=\u0000-', '--', 'STDIN']);
    expect(protectDashArgs(['--title=a-b', '-v', 'x-'])).toEqual(['--title=a-b', '-v', 'x-']);
  });
  it('formatFromPath', () => {
    expect(['a.PDF', 'a.docx', 'a.json', 'a.md', 'a.markdown', 'a.txt', 'a.bin', 'a', undefined].map((p) => formatFromPath(p))).toEqual([
      'pdf', 'docx', 'json', 'markdown', 'markdown', 'text', undefined, undefined, undefined,
    ]);
    expect(formatFromPath('a.pdf', ['text', 'markdown', 'json'])).toBeUndefined();
  });
  it('readStream reads to the end', async () => {
    expect((await readStream(Readable.from([Buffer.from('ab'), 'c']))).toString()).toBe('abc');
  });
  it('-o replaces an existing file whole', () => {
    const dir = tmp();
    const file = join(dir, 'c.txt');
    writeFileSync(file, 'old content that is longer than the new one '.repeat(200));
    expect(run(['normalize', SAMPLE, '-o', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync('tests/golden/08OTTAWA372.txt', 'utf8'));
  });
});
