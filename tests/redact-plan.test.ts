/** The reviewable redaction plan: build, edit, apply exactly; refused when the cable text changed. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  applyPlan,
  buildPlan,
  cableTextSha256,
  convertCable,
  parsePlan,
  parseRedactCategories,
  planCable,
  serializePlan,
  type Cable,
  type RedactionPlan,
} from '../src/index.js';
import { readCableFile } from '../src/readers/cable/parse.js';
import { publicOptionValue } from '../src/redact/set.js';
import { makeCable } from './support/make-cable.js';

const dir = mkdtempSync(join(tmpdir(), 'cablekit-plan-'));
const sample = (id: string): Promise<Cable> => readCableFile(`samples/${id}.txt`);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('buildPlan', () => {
  it('lists every proposal and every withheld paragraph with its place, value, hash, context and action "redact"', async () => {
    const cable = await sample('07OTTAWA117');
    const plan = buildPlan([cable], { redact: parseRedactCategories('contacts'), maxLevel: 'SENSITIVE BUT UNCLASSIFIED' });
    expect(plan).toMatchObject({ format: 'cablekit-redaction-plan', version: 1, terms: [] });
    expect(plan.options).toEqual({ categories: ['email', 'phone', 'fax', 'url', 'address'], maxLevel: 'SENSITIVE BUT UNCLASSIFIED', terms: [], patterns: [] });
    const [entry] = plan.cables;
    expect(entry!.id).toBe('07OTTAWA117');
    expect(entry!.sha256).toBe(cableTextSha256(cable));
    expect(entry!.redactions.map((r) => [r.category, r.value])).toEqual([
      ['phone', '(613) 995-9282'],
      ['fax', '(613) 944-2501'],
      ['email', 'earl.turcotte@international.gc.ca'],
      ['url', 'http://www.state.sgov.gov/p/wha/ottawa'],
    ]);
    for (const r of entry!.redactions) {
      expect(r).toMatchObject({ cable: '07OTTAWA117', action: 'redact' });
      expect(r.detector).toBe(r.category === 'fax' ? 'phone' : r.category);
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.context.before.length + r.context.after.length).toBeGreaterThan(0);
      expect(r.context.before).not.toContain('\n');
    }
    // the fourth paragraph is U and kept; the others and the unmarked subject are withheld
    expect(entry!.withheld.map((w) => [w.field, w.index, w.level, w.action])).toEqual([
      ['paragraph', 0, 'CONFIDENTIAL', 'redact'],
      ['paragraph', 1, 'CONFIDENTIAL', 'redact'],
      ['paragraph', 2, 'CONFIDENTIAL', 'redact'],
      ['subject', 0, 'CONFIDENTIAL', 'redact'],
    ]);
    expect(entry!.withheld[0]!.excerpt).toMatch(/^Responding to reftel/);
    // a plan serializes and parses back unchanged
    expect(parsePlan(serializePlan(plan))).toEqual(plan);
  });

  it('proposes in paragraphs the level filter would withhold, so a kept paragraph keeps its redactions', async () => {
    const cable = makeCable();
    cable.paragraphs[0]!.text += ' Call 202-647-1430.';
    const entry = planCable(cable, { redact: parseRedactCategories('phone'), maxLevel: 'UNCLASSIFIED' });
    expect(entry.withheld.map((w) => [w.field, w.index])).toEqual([
      ['paragraph', 0],
      ['subject', 0],
    ]);
    expect(entry.redactions.map((r) => [r.index, r.value])).toEqual([
      [0, '202-647-1430'],
      [1, '202-663-0104'],
    ]);
    const plan: RedactionPlan = { ...buildPlan([], { redact: parseRedactCategories('phone'), maxLevel: 'UNCLASSIFIED' }), cables: [{ ...entry, withheld: entry.withheld.map((w) => ({ ...w, action: 'keep' as const })) }] };
    const out = applyPlan(cable, plan).cable;
    expect(out.paragraphs[0]!.text).toMatch(/Call ████████\.$/);
  });
});

describe('applying a plan', () => {
  it('round trip: one action set to "keep" → that value is shown, every other is not (text and DOCX)', async () => {
    const cable = await sample('07OTTAWA117');
    const plan = buildPlan([cable], { redact: parseRedactCategories('contacts') });
    const edited = clone(plan);
    const email = edited.cables[0]!.redactions.find((r) => r.category === 'email')!;
    email.action = 'keep';
    for (const format of ['text', 'docx'] as const) {
      const out = await convertCable(cable, { format, plan: edited });
      const text = format === 'text' ? out.data.toString('utf8') : strFromU8(unzipSync(new Uint8Array(out.data))['word/document.xml']!);
      expect(text).toContain('earl.turcotte@international.gc.ca');
      for (const gone of ['995-9282', '944-2501', 'wha/ottawa']) expect(text).not.toContain(gone);
      // the audit log keeps a hash of the kept value, never the value
      const audit = JSON.stringify(out.audit);
      expect(out.audit!.plan!.kept.map((k) => k.category)).toEqual(['email']);
      expect(audit).not.toContain('turcotte@');
      expect(audit).not.toContain('995-9282');
    }
  });

  it('applies exactly the plan: nothing the detectors would add, withheld paragraphs by their action, added spans and terms', async () => {
    const cable = await sample('07OTTAWA117');
    const plan = clone(buildPlan([cable], { redact: parseRedactCategories('email'), maxLevel: 'SENSITIVE BUT UNCLASSIFIED' }));
    const entry = plan.cables[0]!;
    entry.withheld[1]!.action = 'keep';
    // a span the reviewer adds by place, and a term for every cable
    const p4 = cable.paragraphs[3]!;
    const at = p4.text.indexOf('Earl Turcotte');
    expect(at).toBeGreaterThanOrEqual(0);
    entry.added.push({ field: 'paragraph', paragraph: p4.number, index: 3, offset: at, length: 13, value: 'Earl Turcotte' });
    plan.terms.push('Turcotte');
    const { cable: out, report } = applyPlan(cable, plan);
    const json = JSON.stringify(out.paragraphs);
    expect(json).not.toContain('turcotte@');
    expect(json).toContain('995-9282'); // only email was proposed: phones stay
    expect(out.paragraphs[1]!.withheld).toBeUndefined(); // kept by the reviewer
    expect(out.paragraphs[0]!.withheld).toEqual({ level: 'CONFIDENTIAL' });
    expect(out.paragraphs[1]!.text).not.toMatch(/Turcotte/); // the plan's term
    expect(report.redactions.some((r) => r.detector === 'plan' && r.value === 'Earl Turcotte')).toBe(true);
    expect(report.keptWithheld.map((w) => w.index)).toEqual([1]);
  });

  it('refuses a cable whose text no longer matches the plan, and a cable not in it, in one line', async () => {
    const cable = await sample('07OTTAWA117');
    const plan = buildPlan([cable], { redact: parseRedactCategories('contacts') });
    const changed = clone(cable);
    changed.paragraphs[3]!.text = changed.paragraphs[3]!.text.replace('Earl', 'Earle');
    await expect(convertCable(changed, { format: 'text', plan })).rejects.toThrow(/^the text of 07OTTAWA117 does not match the redaction plan \(sha256 differs\)/);
    const other = await sample('08OTTAWA372');
    await expect(convertCable(other, { format: 'text', plan })).rejects.toThrow('08OTTAWA372 is not in the redaction plan');
  });

  it('a hand-edited place that does not hold its value is refused, naming the place', async () => {
    const cable = await sample('07OTTAWA117');
    const plan = clone(buildPlan([cable], { redact: parseRedactCategories('contacts') }));
    plan.cables[0]!.redactions[0]!.offset += 3;
    expect(() => applyPlan(cable, plan)).toThrow(/redaction does not match the cable text: phone in paragraph of paragraph 4 at offset/);
  });

  it('parsePlan rejects what it cannot apply', () => {
    const base: RedactionPlan = { format: 'cablekit-redaction-plan', version: 1, options: { categories: [], maxLevel: null, terms: [], patterns: [] }, terms: [], cables: [] };
    const withEntry = (r: object) =>
      JSON.stringify({ ...base, cables: [{ id: 'X', sha256: 'y', redactions: [{ field: 'paragraph', index: 0, offset: 0, length: 1, value: 'a', category: 'email', ...r }], withheld: [] }] });
    expect(() => parsePlan('{', 'p.json')).toThrow('plan is not JSON');
    expect(() => parsePlan('{"format":"other"}', 'p.json')).toThrow('not a cablekit redaction plan');
    expect(() => parsePlan(withEntry({ action: 'maybe' }), 'p.json')).toThrow('cables[0].redactions[0]: action must be "redact" or "keep" (got "maybe")');
    expect(() => parsePlan(withEntry({ action: 'keep', category: 'shoe' }), 'p.json')).toThrow('unknown category "shoe"');
    expect(parsePlan(withEntry({ action: 'keep' })).cables[0]!.redactions[0]!.action).toBe('keep');
  });

  it('a batch manifest shows a plan only as a count and a digest', () => {
    const plan = { format: 'cablekit-redaction-plan', cables: [{ id: 'X', redactions: [{ value: 'secret@state.gov' }] }] };
    const shown = JSON.stringify(publicOptionValue('plan', plan));
    expect(shown).toMatch(/"cables":1,"sha256":"[0-9a-f]{64}"/);
    expect(shown).not.toContain('secret@');
  });
});

describe('cablekit plan / render --plan', () => {
  const BIN = resolve('bin/cablekit.js');
  const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

  it('writes a plan, and render --plan applies the edited plan; --plan with --redact is refused', () => {
    const planFile = join(dir, 'plan.json');
    const made = run(['plan', 'samples/07OTTAWA117.txt', 'samples/08STATE125628.txt', '--redact', 'contacts', '--out', planFile]);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stderr).toMatch(/plan\.json: 2 cables, \d+ proposed redactions, 0 found by the second look, 0 paragraphs to withhold/);
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as RedactionPlan;
    plan.cables.find((c) => c.id === '07OTTAWA117')!.redactions.find((r) => r.category === 'fax')!.action = 'keep';
    writeFileSync(planFile, JSON.stringify(plan));
    const r = run(['render', 'samples/07OTTAWA117.txt', '--format', 'text', '--plan', planFile]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('(613) 944-2501');
    expect(r.stdout).not.toContain('995-9282');
    const both = run(['render', 'samples/07OTTAWA117.txt', '--format', 'text', '--plan', planFile, '--redact', 'email']);
    expect(both.status).not.toBe(0);
    expect(both.stderr.trim()).toBe('cablekit: --plan applies a reviewed plan: leave out --redact, --max-level, --redact-terms and --redact-pattern');
  });
});
