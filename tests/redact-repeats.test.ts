/**
 * A removed value is removed wherever the cable holds it: the verifier searches every output for
 * each removed value, so a value a detector found at one place only (a contact's name in its
 * contact sentence, named again in another paragraph) would refuse the cable with a leak that no
 * plan lists (07OTTAWA117, 07PARIS306, 10CARACAS107 and 10BEIJING105 with `--redact all` did).
 */
import { describe, expect, it } from 'vitest';
import { parseRedactCategories } from '../src/redact/categories.js';
import { buildPlan, convertCable, redactCable } from '../src/index.js';
import { readCableFile } from '../src/readers/cable/parse.js';
import { makeCable } from './support/make-cable.js';

function twice() {
  const base = makeCable();
  base.paragraphs[0]!.text = 'Summary: Katherine Baker of the Mission told us the review would take a month. End summary';
  return base;
}

describe('a removed value named again elsewhere in the cable', () => {
  it('is proposed at every place, with the category and detector of the find', () => {
    const plan = buildPlan([twice()], { redact: parseRedactCategories('names') });
    const names = plan.cables[0]!.redactions.filter((r) => r.category === 'name');
    expect(names.map((r) => [r.field, r.paragraph, r.value, r.detector])).toEqual([
      ['paragraph', 2, 'Katherine Baker', 'names'],
      ['paragraph', 1, 'Katherine Baker', 'names'],
      // with names alone asked for, the address keeps its host, but not the name the verifier would find in it
      ['paragraph', 2, 'katherine.baker', 'names'],
    ]);
  });

  it('is removed everywhere, so the output passes the verifier in every format', async () => {
    const { cable } = redactCable(twice(), { categories: ['name'] });
    expect(JSON.stringify(cable.paragraphs)).not.toContain('Katherine Baker');
    for (const format of ['text', 'json', 'pdf', 'docx'] as const) {
      await expect(convertCable(twice(), { format, redact: parseRedactCategories('names') })).resolves.toBeDefined();
    }
  });

  it('a value spelt across a line or in other case is the same value', () => {
    const base = twice();
    base.notes = ['Cleared by KATHERINE', 'BAKER.'];
    const { cable } = redactCable(base, { categories: ['name'] });
    expect(cable.notes.join('\n')).not.toMatch(/KATHERINE|BAKER/);
  });

  it('07OTTAWA117 with --redact all (names included) is no longer refused', async () => {
    const cable = await readCableFile('samples/07OTTAWA117.txt');
    const out = await convertCable(cable, { format: 'text', redact: parseRedactCategories('all') });
    expect(out.data.toString()).not.toMatch(/Earl\s+Turcotte/);
  });
});
