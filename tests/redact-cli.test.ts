/** The redaction options on the CLI, the audit file, and `cablekit verify`. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/cablekit.js');

function cablekit(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'cablekit-redact-cli-'));

describe('cablekit render --redact … --audit, then cablekit verify', () => {
  it('writes a clean PDF and an audit log without values; verify passes it and fails an unredacted one', () => {
    const audit = join(dir, 'audit.json');
    const r = cablekit(['render', 'samples/07OTTAWA117.txt', '--format', 'pdf', '--out', join(dir, 'red'), '--redact', 'contacts', '--audit', audit, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const log = readFileSync(audit, 'utf8');
    for (const v of ['995-9282', '944-2501', 'turcotte@', 'wha/ottawa']) expect(log).not.toContain(v);
    expect(JSON.parse(log).counts).toEqual({ phone: 1, fax: 1, email: 1, url: 1 });

    const ok = cablekit(['verify', join(dir, 'red', '07OTTAWA117.pdf'), '--audit', audit]);
    expect(ok.code, ok.stderr).toBe(0);

    expect(cablekit(['render', 'samples/07OTTAWA117.txt', '--format', 'docx', '--out', join(dir, 'plain'), '-q']).code).toBe(0);
    const bad = cablekit(['verify', join(dir, 'plain', '07OTTAWA117.docx'), '--audit', audit]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/07OTTAWA117\.docx: redaction leak: .*phone in docx word\/document\.xml/);
    expect(bad.stderr).not.toMatch(/995|9282|turcotte@/i);
  });

  it('normalize --redact contacts --redaction-style label prints labels, terms and patterns from the CLI', () => {
    const terms = join(dir, 'terms.txt');
    writeFileSync(terms, '# people\nKatherine Baker\n');
    const r = cablekit([
      'normalize',
      'samples/08STATE125628.txt',
      '--redact',
      'contacts',
      '--redaction-style',
      'label',
      '--redact-terms',
      terms,
      '--redact-pattern',
      'Sho\\s+Morimoto',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('please contact [REDACTED TERM] ([REDACTED PHONE]) or [REDACTED PATTERN] ([REDACTED PHONE]) in PM/WRA.');
    expect(r.stdout).not.toMatch(/663-0|Katherine|Morimoto/);
  });

  it('bad values are one-line errors with a non-zero exit', () => {
    const level = cablekit(['normalize', 'samples/08STATE125628.txt', '--max-level', 'Q']);
    expect(level.code).not.toBe(0);
    expect(level.stderr.trim().split('\n')).toHaveLength(1);
    expect(level.stderr).toMatch(/unknown classification level "Q"/);
    const cat = cablekit(['normalize', 'samples/08STATE125628.txt', '--redact', 'phones,shoe-sizes']);
    expect(cat.code).not.toBe(0);
    expect(cat.stderr).toMatch(/unknown --redact category "shoe-sizes"/);
    const pattern = cablekit(['normalize', 'samples/08STATE125628.txt', '--redact-pattern', '(']);
    expect(pattern.code).not.toBe(0);
    expect(pattern.stderr).toMatch(/invalid --redact-pattern/);
  });
});
