/**
 * Redaction options are parsed once, where they come in, into typed values (categories, a level):
 * the CLI, the workbench's server and a library caller (`parseRedactCategories`, `parseLevel`).
 * What goes on through the pipeline is only checked: a name handed over where a value belongs is
 * refused — it would otherwise match no detector and redact nothing — and so is a plan together
 * with the options it replaces.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan, CableError, convertCable, parseLevel, parseRedactCategories, redactCables, type ConvertOptions, type RedactionPlan } from '../src/index.js';
import { applyRedactOptions } from '../src/cli/redact-options.js';
import { redactionSettings } from '../src/serve/documents.js';
import { planOptions } from '../src/serve/plans.js';
import { makeCable } from './support/make-cable.js';

const CONTACTS = ['email', 'phone', 'fax', 'url', 'address'];

describe('redaction options, parsed once at the edge', () => {
  it('the CLI turns --redact and --max-level into categories and a level', async () => {
    const options: ConvertOptions = { format: 'pdf' };
    await applyRedactOptions({ redact: 'contacts,names', maxLevel: 'sbu' }, options);
    expect(options.redact).toEqual([...CONTACTS, 'name']);
    expect(options.maxLevel).toBe('SENSITIVE BUT UNCLASSIFIED');
  });

  it("the server turns a page's choices into the same values", () => {
    expect(redactionSettings({ redact: ['contacts'], maxLevel: 'C' })).toEqual({ redact: CONTACTS, maxLevel: 'CONFIDENTIAL' });
    expect(planOptions({ redact: ['phone'], maxLevel: 'U' })).toEqual({ redact: ['phone', 'fax'], maxLevel: 'UNCLASSIFIED' });
  });

  it('a library caller parses with the exported parsers', async () => {
    const out = await convertCable(makeCable(), { format: 'text', redact: parseRedactCategories('contacts'), maxLevel: parseLevel('U') });
    expect(out.audit?.categories).toEqual(CONTACTS);
    expect(out.audit?.maxLevel).toBe('UNCLASSIFIED');
  });

  it('a batch records the categories in its manifest, as its workers received them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-request-'));
    const r = spawnSync(process.execPath, [resolve('bin/cablekit.js'), 'render', 'samples', '--format', 'text', '--redact', 'contacts', '--max-level', 'C', '--jobs', '2', '--out', dir, '-q'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.options).toMatchObject({ redact: CONTACTS, maxLevel: 'CONFIDENTIAL' });
    expect(manifest.summary.converted).toBeGreaterThan(0);
  });
});

describe('typed values only, past the edge', () => {
  it('convertCable refuses a category or a level given by name, naming the parser to use', async () => {
    const named = await convertCable(makeCable(), { format: 'text', redact: ['contacts'] as never }).catch((e: unknown) => e);
    expect(named).toBeInstanceOf(CableError);
    expect((named as Error).message).toMatch(/"contacts" is not a redaction category .*parseRedactCategories/);
    const level = await convertCable(makeCable(), { format: 'text', maxLevel: 'SBU' as never }).catch((e: unknown) => e);
    expect((level as Error).message).toMatch(/"SBU" is not a classification level .*parseLevel/);
  });

  it('books and plans refuse them alike', () => {
    expect(() => redactCables([makeCable()], { redact: ['contacts'] as never })).toThrow(/is not a redaction category/);
    expect(() => buildPlan([makeCable()], { maxLevel: 'C' as never })).toThrow(/is not a classification level/);
  });

  it('a plan replaces the options: both at once are refused', async () => {
    const plan = buildPlan([makeCable()], { redact: ['email'] }) as RedactionPlan;
    const err = await convertCable(makeCable(), { format: 'text', plan, redact: ['email'] }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('--plan applies a reviewed plan: leave out --redact, --max-level, --redact-terms and --redact-pattern');
  });
});
