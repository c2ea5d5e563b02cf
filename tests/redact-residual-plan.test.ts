/**
 * A second-look hit decided in the plan: `cablekit plan` lists what the residual scan finds once
 * the detectors' proposals are redacted (a number in a grouping the detectors do not read), at its
 * place, with the sha256 the refusal names and `"source": "residual"`; `keep` with a reason lets
 * it through every format and the audit log records its hash and the reason; `redact` removes it
 * from every format (PDF read back by poppler, DOCX by unzip).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan, convertCable, parsePlan, parseRedactCategories, residualId, ResidualError, type RedactionPlan } from '../src/index.js';
import { readCableFile } from '../src/readers/cable/parse.js';

const FIXTURE = 'tests/fixtures/redaction/second-look/10OTTAWA77.txt';
const MISSED = '613 99 51 234';
const BIN = resolve('bin/cablekit.js');
const dir = mkdtempSync(join(tmpdir(), 'cablekit-second-look-'));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const compact = (s: string) => s.replace(/[^0-9a-z]/gi, '').toLowerCase();

/** What a reader of each format sees: the text, the PDF's text layer (poppler), the DOCX's document part (unzip). */
function readBack(file: string): string {
  if (file.endsWith('.pdf')) return execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (file.endsWith('.docx')) return execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]*>/g, '');
  return readFileSync(file, 'utf8');
}

describe('a second-look hit in the plan', () => {
  it('the detectors miss it, so --redact contacts alone refuses the cable, naming the hit by its sha256', async () => {
    const cable = await readCableFile(FIXTURE);
    const err = await convertCable(cable, { format: 'text', redact: parseRedactCategories('contacts') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResidualError);
    expect((err as ResidualError).toLine()).toContain(`phone in paragraph 1 and text (${residualId(MISSED).slice(0, 12)})`);
  });

  it('the plan lists it: place, category, sha256, context, source "residual", action "redact"', async () => {
    const cable = await readCableFile(FIXTURE);
    const plan = buildPlan([cable], { redact: parseRedactCategories('contacts') });
    const hits = plan.cables[0]!.redactions.filter((r) => r.source === 'residual');
    expect(hits).toEqual([
      {
        cable: '10OTTAWA77',
        field: 'paragraph',
        paragraph: 1,
        index: 0,
        offset: cable.paragraphs[0]!.text.indexOf(MISSED),
        length: MISSED.length,
        category: 'phone',
        detector: 'residual',
        source: 'residual',
        value: MISSED,
        sha256: residualId(MISSED),
        context: { before: expect.stringMatching(/register by phone at $/), after: expect.stringMatching(/^ before March 1\./) },
        action: 'redact',
      },
    ]);
    // the detectors' own proposals are there too, and the plan reads back as written
    expect(plan.cables[0]!.redactions.filter((r) => r.source === undefined).map((r) => r.category)).toEqual(
      expect.arrayContaining(['phone', 'email', 'address']),
    );
    expect(parsePlan(JSON.stringify(plan))).toEqual(plan);
  });

  it('cablekit plan writes it; keep with a reason lets it through every format, and the audit log has its hash and the reason', () => {
    const planFile = join(dir, 'plan.json');
    const made = run(['plan', FIXTURE, '--redact', 'contacts', '--out', planFile]);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stderr).toMatch(/plan\.json: 1 cables, \d+ proposed redactions, 1 found by the second look, 0 paragraphs to withhold/);
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as RedactionPlan;
    const hit = plan.cables[0]!.redactions.find((r) => r.source === 'residual')!;

    // kept without a reason: refused in one line naming the entry
    hit.action = 'keep';
    writeFileSync(planFile, JSON.stringify(plan));
    const noReason = run(['render', FIXTURE, '--format', 'text', '--plan', planFile]);
    expect(noReason.status).not.toBe(0);
    expect(noReason.stderr.trim()).toBe(
      `cablekit: ${planFile}: invalid plan: cables[0].redactions[${plan.cables[0]!.redactions.indexOf(hit)}]: a contact detail the second look found is kept only with a "reason" (it goes in the audit log)`,
    );

    hit.reason = 'the conference switchboard, published';
    writeFileSync(planFile, JSON.stringify(plan));
    for (const format of ['text', 'pdf', 'docx']) {
      const out = join(dir, `keep-${format}`);
      const audit = join(dir, `keep-${format}.audit.json`);
      const r = run(['render', FIXTURE, '--format', format, '--plan', planFile, '--out', out, '--audit', audit, '-q']);
      expect(r.status, r.stderr).toBe(0);
      const file = join(out, `10OTTAWA77.${format === 'text' ? 'txt' : format}`);
      expect(compact(readBack(file)), format).toContain(compact(MISSED));
      expect(compact(readBack(file)), format).not.toContain(compact('613-995-9282'));
      const log = readFileSync(audit, 'utf8');
      expect(JSON.parse(log).cables[0].residual.hits).toEqual([
        { category: 'phone', where: 'paragraph 1', sha256: residualId(MISSED), reason: 'the conference switchboard, published', source: 'plan' },
      ]);
      expect(log).not.toContain(MISSED);
      // and `verify` honours it later, from the audit log alone
      const verified = run(['verify', file, '--audit', audit]);
      expect(verified.status, verified.stderr).toBe(0);
    }
  });

  it('redact removes it from every format', () => {
    const planFile = join(dir, 'plan-redact.json');
    expect(run(['plan', FIXTURE, '--redact', 'contacts', '--out', planFile, '-q']).status).toBe(0);
    for (const format of ['text', 'pdf', 'docx']) {
      const out = join(dir, `redact-${format}`);
      const r = run(['render', FIXTURE, '--format', format, '--plan', planFile, '--out', out, '-q']);
      expect(r.status, r.stderr).toBe(0);
      const seen = compact(readBack(join(out, `10OTTAWA77.${format === 'text' ? 'txt' : format}`)));
      expect(seen, format).toContain(compact('register by phone at'));
      expect(seen, format).not.toContain(compact(MISSED));
    }
  });
});
