/**
 * Property tests of the parser and normalizer (issue 2, Acceptance):
 *  (a) normalizing twice changes nothing — on every sample and fixture cable, and on random small
 *      cables built with fast-check, formatted as text and read back;
 *  (b) no content word of the raw body is lost — a word may only vanish through a logged repair;
 *      (both over every shared real page too: tests/corpus.test.ts)
 *  (c) the paragraph numbers of every sample come out 1..N without gaps.
 *
 * Tests left as `it.skip` are known parser bugs, named in the comment above each one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bullet, Cable, Paragraph, PortionMarking } from '../src/model/cable.js';
import { parseCable, parseCableBytes } from '../src/readers/cable/parse.js';
import { formatCable } from '../src/writers/format.js';
import { parsePortionMarking } from '../src/readers/cable/classification.js';
import { decodeCableBytes } from '../src/readers/decode.js';
import { isReleaseHtml, readReleaseHtml } from '../src/readers/cable/html.js';
import { makeCable } from './support/make-cable.js';
import { lostWords as auditLostWords } from '../src/review/audit.js';
import { showRuns } from '../src/model/source-redactions.js';

const SAMPLES = new URL('../samples/', import.meta.url);
const FIXTURES = new URL('./fixtures/cables/', import.meta.url);

const sampleFiles = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();
const fixtureFiles = readdirSync(FIXTURES).filter((f) => /\.(txt|html)$/.test(f)).sort();
const allFiles: Array<[string, URL]> = [
  ...sampleFiles.map((f): [string, URL] => [`samples/${f}`, new URL(f, SAMPLES)]),
  ...fixtureFiles.map((f): [string, URL] => [`fixtures/${f}`, new URL(f, FIXTURES)]),
];

const parsed = new Map<string, Cable>();
function cableOf(name: string, url: URL): Cable {
  let c = parsed.get(name);
  if (!c) {
    c = parseCableBytes(readFileSync(url), url.pathname);
    parsed.set(name, c);
  }
  return c;
}

it('the corpus is all there: 5 samples, and the real cables regression tests name (tests/fixtures/cables, SOURCES.md)', () => {
  expect(sampleFiles).toEqual(['05OTTAWA1502.txt', '07OTTAWA117.txt', '08OTTAWA372.txt', '08OTTAWA647.txt', '08STATE125628.txt']);
  const listed = [...readFileSync(new URL('SOURCES.md', FIXTURES), 'utf8').matchAll(/^\| `([^`]+\.(?:txt|html))` \|/gm)].map((m) => m[1]).sort();
  expect(fixtureFiles).toEqual(listed);
  expect(fixtureFiles.length).toBeGreaterThanOrEqual(60);
});

describe('(a) normalizing twice changes nothing', () => {
  it.each(allFiles)('%s', (name, url) => {
    const once = formatCable(cableOf(name, url), 'text');
    const twice = formatCable(parseCable(once, { file: name }), 'text');
    expect(twice).toBe(once);
  });

  it('the re-read text needs no further repair of the body', () => {
    // After normalization there is nothing left for the body repairs to do.
    const bodyKinds = new Set(['stray-one', 'paragraph-marker', 'wiki-link', 'autolink', 'garbled-repeat', 'telegraph-quotes', 'apostrophe-comma', 'split-paragraph-marker', 'section-marker']);
    for (const f of sampleFiles) {
      const once = formatCable(cableOf(`samples/${f}`, new URL(f, SAMPLES)), 'text');
      const again = parseCable(once);
      expect([f, again.repairs.filter((r) => bodyKinds.has(r.kind))]).toEqual([f, []]);
    }
  });
});

// ---- random cables -------------------------------------------------------------------------

const WORDS = [
  'embassy', 'minister', 'talks', 'security', 'officials', 'agreed', 'noted', 'said', 'government',
  'policy', 'meeting', 'support', 'regional', 'trade', 'energy', 'border', 'council', 'report', 'visit',
  'plan', 'would', 'could', 'the', 'and', 'with', 'on', 'for', 'of', 'new', 'senior', 'director', 'defense',
  'cooperation', 'munitions', 'interoperability', 'delegation', 'review', 'concerns', 'shared', 'next', 'week',
];
const NAMES = ['Canada', 'Ottawa', 'Turcotte', 'Galigan', 'NATO', 'DFAIT', 'Wellington', 'LeBlanc', 'U.S.'];
/** Tokens that look like artifacts but are clean text: the normalizer must leave them alone. */
const TRICKY = [
  "Canada's", 'inter-agency', 'Canada-U.S.', '(CCW)', '"free-lancing"', 'March 11-12', '1,500', 'A/S', 'Pol/Miloff',
  '--', '2004', 'ref A', 'para 4', '“smart”', 'XXXXXXXXXXXX', 'END SUMMARY', 'e-mail', 'OTTAWA 258',
];
const MARKINGS = ['U', 'SBU', 'C', 'S', 'C/NF', 'S//NF', 'C/REL CAN', 'U//FOUO', 'S/REL UK'];
const HEADINGS = ['SUMMARY', 'COMMENT', 'Background', 'Action Request', 'DFAIT NATO Surprised', 'CONTINENTAL DEFENSE AND SECURITY', 'Next Steps'];

const capitalise = (w: string) => w[0]!.toUpperCase() + w.slice(1);
const wordArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY) },
);
const sentenceArb = fc
  .tuple(fc.array(wordArb, { minLength: 3, maxLength: 14 }), fc.boolean(), fc.nat({ max: 13 }))
  .map(([words, comma, at]) => {
    const ws = [...words];
    ws[0] = capitalise(ws[0]!);
    if (comma && at < ws.length - 1) ws[at] = `${ws[at]},`;
    return `${ws.join(' ')}.`;
  });
const textArb = fc.array(sentenceArb, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));

interface GenParagraph {
  marking: string | null;
  text: string;
  bullets: string[];
  heading: string | null;
}
const paragraphArb: fc.Arbitrary<GenParagraph> = fc.record({
  marking: fc.option(fc.constantFrom(...MARKINGS), { freq: 4 }),
  text: textArb,
  bullets: fc.array(sentenceArb, { maxLength: 3 }),
  heading: fc.option(fc.constantFrom(...HEADINGS), { freq: 2 }),
});

function buildCable(ps: GenParagraph[], sameMarking: boolean): Cable {
  const marking = (raw: string | null): PortionMarking | null => (raw ? parsePortionMarking(raw) : null);
  const first = ps[0]!.marking ?? 'C';
  const paragraphs: Paragraph[] = ps.map((p, i) => ({
    number: i + 1,
    marking: marking(sameMarking ? first : p.marking),
    text: p.text,
    bullets: p.bullets.map((b): Bullet => ({ text: b })),
    heading: p.heading,
    line: 0,
  }));
  return makeCable({
    routing: ['VZCZCXRO5278', 'O 141423Z MAR 08', 'FM AMEMBASSY OTTAWA', 'TO RUEHC/SECSTATE WASHDC IMMEDIATE 7513'],
    paragraphs,
    repairs: [],
    warnings: [],
  });
}

/**
 * What the text carries of a paragraph, to compare a generated cable with its re-read. The text
 * shows a source's run of X as a redaction mark (`█` for each X), which reads back as itself.
 */
function shape(c: Cable) {
  return c.paragraphs.map((p) => ({
    number: p.number,
    marking: p.marking?.raw ?? null,
    text: showRuns(p.text),
    bullets: p.bullets.map((b) => showRuns(b.text)),
    heading: p.heading === null ? null : showRuns(p.heading),
  }));
}

describe('(a) random cables: text → parse → text is a fixed point', () => {
  it('paragraphs with one marking throughout, headings and bullets', () => {
    fc.assert(
      fc.property(fc.array(paragraphArb, { minLength: 1, maxLength: 8 }), (ps) => {
        const cable = buildCable(ps, true);
        const text = formatCable(cable, 'text');
        const back = parseCable(text);
        expect(shape(back)).toEqual(shape(cable));
        expect(formatCable(back, 'text')).toBe(text);
        expect(back.warnings).toEqual([]);
      }),
      { numRuns: 100, seed: 20261124 },
    );
  });

  it('paragraphs with mixed or missing markings', () => {
    fc.assert(
      fc.property(fc.array(paragraphArb, { minLength: 1, maxLength: 8 }), (ps) => {
        const cable = buildCable(ps, false);
        const text = formatCable(cable, 'text');
        const back = parseCable(text);
        expect(shape(back)).toEqual(shape(cable));
        expect(formatCable(back, 'text')).toBe(text);
      }),
      { numRuns: 100, seed: 424242 },
    );
  });
});

// ---- (b) no content word lost ----------------------------------------------------------------

/** The whole raw text, every line of it, routing and header included (the page's `<pre>` text for .html). */
function rawBody(url: URL): string {
  let { text } = decodeCableBytes(readFileSync(url), url.pathname);
  if (isReleaseHtml(text)) text = readReleaseHtml(text).text;
  return text;
}

/** Words of `raw` missing from the cable's text output and from every repair's `before` (the check `inspect --summary` and tests/corpus.test.ts make). */
function lostWords(c: Cable, raw: string): string[] {
  return auditLostWords(c, raw, formatCable(c, 'text'));
}

/**
 * BUG (parser, caveat lines): a `SENSITIVE` line on a cable classified above UNCLASSIFIED is
 * dropped with no repair: 06NEWDELHI5239 (CONFIDENTIAL, SOURCES: "CONFIDENTIAL (SENSITIVE)"),
 * 06SEOUL2238 and 08BRASILIA504, line 25 `SENSITIVE`. Expected the word kept (a caveat or handling
 * line) or a repair logged; actual: gone from the model and the text.
 * BUG (readClassifiedBy): 09ABUJA1907 "for reasons 1.4. (b & d)." yields no reasons and the words
 * "for reasons" vanish with no repair.
 */
const KNOWN_LOSSES = new Set<string>([]);

describe('(b) no content word of the raw input is lost (every line, header and routing included)', () => {
  for (const [name, url] of allFiles) {
    (KNOWN_LOSSES.has(name) ? it.skip : it)(name, () => {
      expect(lostWords(cableOf(name, url), rawBody(url))).toEqual([]);
    });
  }

  it('the check can fail: a word dropped without a repair is reported, one with a repair is not', () => {
    const url = new URL('08OTTAWA372.txt', SAMPLES);
    const c = structuredClone(cableOf('samples/08OTTAWA372.txt', url));
    c.paragraphs[2]!.text = c.paragraphs[2]!.text.replace('garnering ', '');
    expect(lostWords(c, rawBody(url))).toEqual(['garnering']);
    c.repairs.push({ kind: 'test', line: 50, before: 'committed to garnering OP', after: 'committed to OP' });
    expect(lostWords(c, rawBody(url))).toEqual([]);
  });

  it('the garbled repeat in 08OTTAWA372 removes words only through its repair', () => {
    const url = new URL('08OTTAWA372.txt', SAMPLES);
    const c = cableOf('samples/08OTTAWA372.txt', url);
    const text = formatCable(c, 'text');
    // "Qpolicy" is gone from the text; it is accounted for by the garbled-repeat repair.
    expect(text).not.toContain('Qpolicy');
    expect(c.repairs.filter((r) => r.before.includes('Qpolicy')).map((r) => r.kind)).toEqual(['garbled-repeat']);
  });
});

// ---- (c) sample paragraph numbers ------------------------------------------------------------

describe('(c) paragraph numbers of every sample come out 1..N without gaps', () => {
  const expected: Record<string, number> = {
    '05OTTAWA1502.txt': 25,
    '07OTTAWA117.txt': 5,
    '08OTTAWA372.txt': 7,
    '08OTTAWA647.txt': 4,
    '08STATE125628.txt': 5,
  };
  it.each(sampleFiles)('%s', (f) => {
    const c = cableOf(`samples/${f}`, new URL(f, SAMPLES));
    const n = expected[f]!;
    expect(c.paragraphs.map((p) => p.number)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(c.warnings.filter((w) => w.kind === 'paragraph-sequence' || w.kind === 'not-a-paragraph')).toEqual([]);
  });
});
