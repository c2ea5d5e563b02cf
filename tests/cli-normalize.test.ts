/** The normalize and inspect commands as a user runs them: output, files, and bad input. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = resolve('bin/cablekit.js');

function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cablekit --help', () => {
  it('lists the commands', () => {
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    for (const c of ['normalize', 'inspect', 'render', 'book', 'verify']) expect(out).toContain(c);
  });
  it('has examples on normalize and inspect', () => {
    expect(run(['normalize', '--help']).stdout).toContain('Examples:');
    expect(run(['inspect', '--help']).stdout).toContain('Examples:');
  });
});

describe('cablekit normalize', () => {
  it('prints the clean text of one cable to stdout', () => {
    const r = run(['normalize', 'samples/08OTTAWA372.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync('tests/golden/08OTTAWA372.txt', 'utf8'));
  });
  it('writes one file per cable named by its id with --out', () => {
    const out = mkdtempSync(join(tmpdir(), 'ck-norm-'));
    const r = run(['normalize', 'samples/08OTTAWA372.txt', 'samples/08OTTAWA647.txt', '--format', 'json', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toContain('08OTTAWA372.json');
    expect(files).toContain('08OTTAWA647.json');
    expect(JSON.parse(readFileSync(join(out, '08OTTAWA372.json'), 'utf8')).id).toBe('08OTTAWA372');
  });
  it('prints Markdown', () => {
    const r = run(['normalize', 'samples/08STATE125628.txt', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# DEMARCHE TO CANADA/);
    expect(r.stdout).toContain('## OBJECTIVES');
    expect(r.stdout).toContain('**3.** (C/REL CAN)');
  });
});

describe('bad input: one line naming the file, exit 1, no output file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ck-bad-'));
  const cases: Array<[string, Buffer | string, RegExp]> = [
    ['empty.txt', '', /empty\.txt: empty file/],
    ['binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x00, 0xff]), /binary\.txt: binary/],
    ['prose.txt', 'Dear diary,\nToday nothing happened.\n', /prose\.txt: not a cable/],
  ];
  for (const [name, content, message] of cases) {
    it(name, () => {
      writeFileSync(join(dir, name), content);
      const out = join(dir, `out-${name}`);
      const r = run(['normalize', join(dir, name), '--out', out, '--quiet']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      const produced = existsSync(out) ? readdirSync(out).filter((f) => f !== 'manifest.json') : [];
      expect(produced).toEqual([]);
    });
    it(`${name} to stdout`, () => {
      const r = run(['normalize', join(dir, name)]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }
  it('a missing file', () => {
    const r = run(['normalize', join(dir, 'nope.txt')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/nope\.txt/);
  });
  it('Windows-1252 bytes with CRLF line ends are read, not refused', () => {
    const text = readFileSync('samples/08OTTAWA647.txt', 'utf8').replace(/\n/g, '\r\n').replace('[1](#)1.', '\u00b61.');
    const bytes = Buffer.from(text, 'latin1');
    writeFileSync(join(dir, 'latin1.txt'), bytes);
    const r = run(['normalize', join(dir, 'latin1.txt'), '--format', 'json']);
    expect(r.code).toBe(0);
    const cable = JSON.parse(r.stdout);
    expect(cable.id).toBe('08OTTAWA647');
    expect(cable.repairs.map((x: { kind: string }) => x.kind)).toEqual(expect.arrayContaining(['encoding', 'line-ends']));
    expect(cable.paragraphs).toHaveLength(4);
  });
});

describe('cablekit inspect', () => {
  it('prints one row per cable', () => {
    const r = run(['inspect', 'samples/05OTTAWA1502.txt', 'samples/08OTTAWA372.txt']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+DATE\s+CLASSIFICATION\s+PARAS\s+REPAIRS\s+WARNINGS\s+SUBJECT/);
    expect(lines[1]).toMatch(/^05OTTAWA1502\s+—\s+CONFIDENTIAL\s+25\s+\d+\s+2\s+US-CANADA POLMIL TALKS/);
    expect(lines[2]).toMatch(/^08OTTAWA372\s+2008-03-14\s+CONFIDENTIAL\/\/NOFORN\s+7\s+/);
  });
  it('--verbose lists warnings', () => {
    const r = run(['inspect', '-v', 'samples/05OTTAWA1502.txt']);
    expect(r.stdout).toContain('year 2005 taken from the file name 05OTTAWA1502.txt');
  });
});
