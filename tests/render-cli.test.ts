import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getWriter } from '../src/writers/registry.js';
import '../src/writers/builtin.js';

const BIN = resolve('bin/cablekit.js');
const ROOT = resolve('.');

function cablekit(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = (p: string): string => mkdtempSync(join(tmpdir(), p));
const hasPdf = ((): boolean => {
  try {
    getWriter('pdf');
    return true;
  } catch {
    return false;
  }
})();

describe('cablekit render', () => {
  it('converts a folder with bad files: exit code 2, the count, the manifest, no partial files', () => {
    const input = tmp('cablekit-cli-in-');
    copyFileSync('samples/08OTTAWA372.txt', join(input, '08OTTAWA372.txt'));
    copyFileSync('samples/08STATE125628.txt', join(input, '08STATE125628.txt'));
    writeFileSync(join(input, 'empty.txt'), '');
    writeFileSync(join(input, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0xff, 0xd8, 0, 0, 0x50, 0x4b]));
    writeFileSync(join(input, 'letter.txt'), 'Dear Sir,\nthis is not a cable at all.\n');
    const out = join(tmp('cablekit-cli-out-'), 'out');
    const r = cablekit(['render', input, '--format', 'json', '--out', out, '--jobs', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toBe(`converted 2 of 5; 3 failed, see ${join(out, 'manifest.json')}`);
    expect(readdirSync(out).sort()).toEqual(['08OTTAWA372.json', '08STATE125628.json', 'manifest.json']);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.cables.map((e: { error?: string }) => !!e.error)).toEqual([false, false, true, true, true]);

    const again = cablekit(['render', input, '--format', 'json', '--out', out, '--resume', '--quiet']);
    expect(again.code).toBe(2);
    const lines = again.stderr.trim().split('\n');
    expect(lines.pop()).toBe(`converted 0 of 5 (2 already up to date); 3 failed, see ${join(out, 'manifest.json')}`);
    // Each failed input named once, as `FILE: problem`.
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/binary\.txt: /);
    expect(lines[1]).toMatch(/empty\.txt: /);
    expect(lines[2]).toMatch(/letter\.txt: /);
  });

  it('prints one cable as JSON to stdout when there is no --out', () => {
    const r = cablekit(['render', 'samples/08OTTAWA372.txt', '--format', 'json']);
    expect(r.code).toBe(0);
    const cable = JSON.parse(r.stdout);
    expect(cable.id).toBe('08OTTAWA372');
    expect(cable.subject).toMatch(/OSLO PROCESS/);
  });

  it.skipIf(!hasPdf)('writes one cable as <id>.pdf in the current folder', () => {
    const cwd = tmp('cablekit-cli-cwd-');
    copyFileSync('samples/08OTTAWA372.txt', join(cwd, 'input cable.txt'));
    const r = cablekit(['render', 'input cable.txt', '--format', 'pdf'], cwd);
    expect(r.code).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual(['08OTTAWA372.pdf', 'input cable.txt']);
    const text = spawnSync('pdftotext', [join(cwd, '08OTTAWA372.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(text).toMatch(/OSLO PROCESS/);
  });

  it('refuses a bad single file with one line and writes nothing', () => {
    const cwd = tmp('cablekit-cli-bad-');
    writeFileSync(join(cwd, 'empty.txt'), '');
    const r = cablekit(['render', 'empty.txt', '--format', 'json'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^cablekit: empty\.txt: /);
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual(['empty.txt']);
  });

  it('needs --out for several cables, and says so', () => {
    const r = cablekit(['render', 'samples', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/need --out DIR/);
  });

  it('streams the bulk CSV with --filter, quietly', () => {
    const out = tmp('cablekit-cli-csv-');
    const r = cablekit([
      'render',
      'tests/fixtures/cables/cables-sample.csv',
      '--format',
      'json',
      '--out',
      out,
      '--filter',
      'origin=TEHRAN',
      '--filter',
      'classification=CONFIDENTIAL',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readdirSync(out).sort()).toEqual(['75TEHRAN2069.json', '78TEHRAN389.json', 'manifest.json']);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.cables.map((e: { input: string }) => e.input)).toEqual([
      'tests/fixtures/cables/cables-sample.csv:4',
      'tests/fixtures/cables/cables-sample.csv:5',
    ]);
  });

  it('rejects a bad --shard, --jobs or --filter with one line', () => {
    const out = tmp('cablekit-cli-opt-');
    for (const [flag, value, msg] of [
      ['--shard', '3/2', /--shard must be K\/N/],
      ['--jobs', '0', /--jobs must be/],
      ['--filter', 'date>=soon', /bad from date/],
    ] as const) {
      const r = cablekit(['render', 'samples', '--format', 'json', '--out', out, flag, value]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(msg);
    }
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  });

  it('documents itself in --help with examples', () => {
    const r = cablekit(['render', '--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--format', '--out', '--jobs', '--resume', '--shard', '--filter', '--quiet', 'Examples:']) {
      expect(r.stdout).toContain(opt);
    }
  });
});
