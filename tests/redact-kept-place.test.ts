/**
 * A value a reviewer keeps is let through at its own place only (issue 16, review): in the cable's
 * fields at the place the plan names, and in an output as a reader sees it only where it stands as
 * a whole token. A kept `9284` must not hide a number the detectors missed that merely holds it
 * (`613 55 59 284`, `+1 613 555 9284`), nor the same value at a place nobody decided.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan, convertCable, parseRedactCategories, residualHits, ResidualError, type Cable, type RedactionPlan, type Writer } from '../src/index.js';
import { redactCables } from '../src/redact/set.js';
import { makeCable } from './support/make-cable.js';

const ALL = new Set(['email', 'url', 'phone', 'fax', 'address']);
const found = (text: string, kept: string[]) => residualHits(text, ALL, { kept }).map((h) => text.slice(h.start, h.end));

describe('residualHits with kept values (an output read back, where places are not known)', () => {
  it.each([
    ['call +1 613 555 9284 now', ['9284'], ['+1 613 555 9284']],
    ['call 613 55 59 284 now', ['9284'], ['613 55 59 284']],
    ['call 1-202-647-1430 now', ['202-647-1430'], ['1-202-647-1430']],
    ['write to xjdoe@state.gov today', ['jdoe@state.gov'], ['xjdoe@state.gov']],
    ['see www.state.gov/p/nea/secret today', ['www.state.gov'], ['www.state.gov/p/nea/secret']],
    ['reply to pol.jdoe@state.gov.uk', ['jdoe@state.gov'], ['pol.jdoe@state.gov.uk']],
  ])('a kept value inside a longer one hides nothing: %j', (text, kept, hits) => {
    expect(found(text, kept)).toEqual(hits);
  });

  it.each([
    ['Phone: 202-647-1430, 9284 or 613 99 51 234.', ['9284', '613 99 51 234'], ['202-647-1430']],
    ['(see http://www.state.gov/.)', ['www.state.gov'], []],
    ['mailto:jdoe@state.gov', ['jdoe@state.gov'], []],
    ['Tel: 613 99 51\n234 or 5036', ['613 99 51 234'], ['5036']],
  ])('a kept value standing as a whole token passes, and what stands beside it is still read: %j', (text, kept, hits) => {
    expect(found(text, kept)).toEqual(hits);
  });
});

/** A cable with a list whose short local group `9284` a reviewer keeps, and a number the detectors miss. */
function cable(extra: string): Cable {
  const c = makeCable();
  c.paragraphs[0]!.text = 'Reach the duty officer by phone: 202-647-1430, 9284.';
  c.paragraphs[1]!.text = extra;
  return c;
}

/** The plan of `c` with the short group kept, as a reviewer would; `drop` removes second-look entries (an older plan). */
function planKeeping(c: Cable, drop: (value: string) => boolean): RedactionPlan {
  const plan = buildPlan([c], { redact: parseRedactCategories('contacts') });
  const entry = plan.cables[0]!;
  const short = entry.redactions.find((r) => r.value === '9284');
  expect(short, 'the detectors propose the short group').toBeDefined();
  short!.action = 'keep';
  entry.redactions = entry.redactions.filter((r) => !(r.source === 'residual' && drop(r.value)));
  return plan;
}

describe('a keep in a plan holds at its own place', () => {
  it('a plan with every hit decided: the kept group is in every format, the rest is gone', async () => {
    const c = cable('Other offices use 613 55 59 284 for the text.');
    const plan = planKeeping(c, () => false);
    expect(plan.cables[0]!.redactions.filter((r) => r.source === 'residual').map((r) => r.value)).toEqual(['613 55 59 284']);
    for (const format of ['text', 'pdf', 'docx'] as const) {
      const out = await convertCable(c, { format, plan });
      expect(out.audit!.plan!.kept.map((k) => k.paragraph)).toEqual([1]);
    }
  });

  it.each(['text', 'pdf', 'docx'] as const)('%s: a number the plan did not list that holds the kept group is still a hit (an older plan)', async (format) => {
    const c = cable('Other offices use 613 55 59 284 for the text.');
    const plan = planKeeping(c, (v) => v === '613 55 59 284');
    const err = await convertCable(c, { format, plan }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResidualError);
    expect((err as ResidualError).hits.map((h) => h.text)).toContain('613 55 59 284');
  });

  it.each(['text', 'pdf', 'docx'] as const)('%s: the kept value at another place nobody decided is a hit', async (format) => {
    // a second-look hit kept in paragraph 1, and the same number again in paragraph 2, not in the plan
    const c = makeCable();
    c.paragraphs[0]!.text = 'The conference line is 613 99 51 234 (published).';
    c.paragraphs[1]!.text = 'His home line is 613 99 51 234, after hours.';
    const plan = buildPlan([c], { redact: parseRedactCategories('contacts') });
    const entry = plan.cables[0]!;
    const hits = entry.redactions.filter((r) => r.source === 'residual');
    expect(hits.map((r) => r.paragraph)).toEqual([1, 2]);
    for (const h of hits) {
      h.action = 'keep';
      h.reason = 'the conference line, published';
    }
    // both decided (a value redacted at one place and kept at another is refused as a leak: the verifier looks for it by value)
    const ok = await convertCable(c, { format, plan });
    expect(ok.audit!.residual!.hits.map((h) => h.where)).toEqual(['paragraph 1', 'paragraph 2']);
    // an older plan without the second entry: paragraph 2 is refused, not let through by the keep in paragraph 1
    entry.redactions = entry.redactions.filter((r) => r !== hits[1]);
    const err = await convertCable(c, { format, plan }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResidualError);
    expect((err as ResidualError).hits.map((h) => h.where)).toContain('paragraph 2');
  });

  it('a writer that prints a longer number holding the kept group is caught in the output', async () => {
    const c = cable('Nothing else here.');
    const plan = planKeeping(c, () => false);
    const sneaky: Writer = async (x) => ({ data: Buffer.from(`${x.paragraphs[0]!.text}\ncall +1 613 555 9284\n`), pages: null });
    const err = await convertCable(c, { format: 'text', plan }, { writer: sneaky }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResidualError);
    expect((err as ResidualError).hits.map((h) => [h.where, h.text])).toEqual([['text', '+1 613 555 9284']]);
  });

  it('in a book, a keep holds in its own cable only', async () => {
    const a = makeCable();
    a.paragraphs[0]!.text = 'The conference line is 613 99 51 234 (published).';
    const b = makeCable({ id: '08OTTAWA373', number: 373 });
    b.paragraphs[0]!.text = 'His home line is 613 99 51 234, after hours.';
    const plan = buildPlan([a, b], { redact: parseRedactCategories('contacts') });
    for (const entry of plan.cables) {
      for (const r of entry.redactions) {
        if (r.source !== 'residual') continue;
        r.action = 'keep';
        r.reason = 'published';
      }
    }
    // both decided: made
    expect(() => redactCables([a, b], { plan })).not.toThrow();
    // the second cable's entry lost (an older plan): its number is a hit, whatever the first cable kept
    plan.cables[1]!.redactions = plan.cables[1]!.redactions.filter((r) => r.source !== 'residual');
    let err: unknown;
    try {
      redactCables([a, b], { plan });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ResidualError);
    expect((err as ResidualError).hits.map((h) => [h.cable, h.where])).toEqual([['08OTTAWA373', 'paragraph 1']]);
  });
});
