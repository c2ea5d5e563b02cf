import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatText, formatTextWithPlaces } from '../src/writers/text.js';
import { readCableSource, reviewCable } from '../src/review/review.js';
import { cleanPlace, spanAt, withheldPlace } from '../src/review/redaction.js';
import { makeCable } from './support/make-cable.js';
import { describeShared, SHARED } from './support/shared.js';

const WHOLE_FILE = new Set(['line-ends', 'trailing-space', 'line-end-backslash', 'encoding']);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const review = (path: string) => reviewCable(readCableSource(readFileSync(path), path));

describe('formatTextWithPlaces: where each field of the model is in the clean text', () => {
  const cable = makeCable({ routing: ['VZCZCXRO5278'], handling: ['NOFORN'] });
  const { text, places } = formatTextWithPlaces(cable);
  const at = (field: string, index = 0, bullet?: number) => {
    const p = places.find((x) => x.field === field && x.index === index && (bullet === undefined || x.bullet === bullet));
    return p ? text.slice(p.start, p.end) : undefined;
  };

  it('prints the same text as formatText', () => {
    expect(text).toBe(formatText(cable));
  });

  it('places text fields verbatim', () => {
    expect(at('subject')).toBe(cable.subject);
    expect(at('paragraph', 1)).toBe(cable.paragraphs[1]!.text);
    expect(at('bullet', 1, 0)).toBe(cable.paragraphs[1]!.bullets[0]!.text);
    expect(at('heading', 1)).toBe('Action Request');
    expect(at('reference', 1)).toBe('E-MAIL BAKER-MATTEI MARCH 7');
    expect(at('tags', 1)).toBe('PREL');
    expect(at('classifiedBy')).toBe('PolMinCouns Scott Bellard');
    expect(at('signature')).toBe('BREESE');
    expect(at('footer')).toBe(cable.footer[0]);
    expect(at('routing')).toBe('VZCZCXRO5278');
    expect(at('handling')).toBe('NOFORN');
  });

  it('spans a paragraph block from its heading to its last bullet', () => {
    const block = at('block', 1)!;
    expect(block.startsWith('Action Request\n---')).toBe(true);
    expect(block.endsWith(`-- ${cable.paragraphs[1]!.bullets[0]!.text}`)).toBe(true);
  });

  it('keeps offsets linear over a paragraph with sub-blocks', () => {
    const c = makeCable();
    c.paragraphs[0]!.text = 'First block.\n\nSecond block line one\nline two.';
    const placed = formatTextWithPlaces(c);
    const p = placed.places.find((x) => x.field === 'paragraph' && x.index === 0)!;
    expect(placed.text.slice(p.start, p.end)).toBe(c.paragraphs[0]!.text);
  });

  it('turns a selection back into a field place, and that place into the selection', () => {
    const start = text.indexOf('Katherine Baker');
    const span = spanAt(places, text, start, start + 'Katherine Baker'.length)!;
    expect(span).toMatchObject({ field: 'paragraph', index: 1, value: 'Katherine Baker' });
    expect(span.offset).toBe(cable.paragraphs[1]!.text.indexOf('Katherine Baker'));
    expect(cleanPlace(span, places, text)).toEqual({ start, end: start + 15 });
    // a selection across two fields is no place
    expect(spanAt(places, text, text.indexOf('BREESE') - 5, text.indexOf('BREESE') + 3)).toBeNull();
    // a field the clean text does not print as held: no place
    expect(cleanPlace({ field: 'summary', index: 0, offset: 0, length: 7, value: 'Embassy' }, places, text)).toBeNull();
    expect(withheldPlace('paragraph', 1, places)).toEqual(places.find((x) => x.field === 'block' && x.index === 1) && {
      start: places.find((x) => x.field === 'block' && x.index === 1)!.start,
      end: places.find((x) => x.field === 'block' && x.index === 1)!.end,
    });
  });
});

describe('repairs at their places: the samples', () => {
  for (const file of readdirSync('samples').filter((f) => f.endsWith('.txt'))) {
    it(file, () => {
      const r = review(join('samples', file));
      for (const rep of r.repairs) {
        expect(rep.raw, `${rep.kind} ${rep.before}`).not.toBeNull();
        if (WHOLE_FILE.has(rep.kind) || / ×\d+$/.test(rep.before)) continue;
        expect(rep.rawExact, `${rep.kind} ${rep.before}`).toBe(true);
        const raw = r.raw.slice(rep.raw!.start, rep.raw!.end);
        if (rep.kind.startsWith('split-paragraph')) {
          // the break (blank lines, a section marker…), with the word on either side of it
          const [tail, head] = rep.before.split(' ¦ ').map((s) => s.replace(/…/g, '').trim());
          expect(squash(raw).startsWith(`${tail!.split(/\s+/).pop()} `)).toBe(true);
          expect(squash(raw).endsWith(` ${head!.split(/\s+/)[0]}`)).toBe(true);
        } else {
          expect(squash(raw)).toBe(squash(rep.before));
        }
        expect(rep.clean, `${rep.kind} ${rep.before}`).not.toBeNull();
        const clean = r.clean.slice(rep.clean!.start, rep.clean!.end);
        if (rep.kind === 'footer' || rep.kind === 'signature-split' || rep.kind.startsWith('split-paragraph')) expect(clean.length).toBeGreaterThan(0);
        else expect(clean).toBe(rep.after.trim());
      }
    });
  }

  it('places a paragraph marker removal at the start of its paragraph in the clean text', () => {
    const r = review('samples/08OTTAWA372.txt');
    const marker = r.repairs.find((x) => x.kind === 'paragraph-marker')!;
    expect(marker.clean!.start).toBe(marker.clean!.end);
    expect(r.clean.slice(marker.clean!.start, marker.clean!.start + 8)).toMatch(/^\d+\. \(/);
  });

  it('gives every warning with a line its line in the input', () => {
    const r = review('samples/05OTTAWA1502.txt');
    expect(r.warnings.length).toBeGreaterThan(0);
    for (const w of r.warnings) if (w.line !== null) expect(w.raw).not.toBeNull();
  });
});

describeShared('repairs at their places: the shared real cables', () => {
  it('finds nearly every repair exactly in the input and every one in the clean text', () => {
    let total = 0;
    let exact = 0;
    let missingClean = 0;
    // every text; the release pages of one folder (the rest read as the same texts)
    for (const [dir, kinds] of [[`${SHARED}cables`, /\.(txt|html)$/], [`${SHARED}cables-more`, /\.txt$/], [`${SHARED}cables-release`, /\.txt$/]] as const) {
      for (const f of readdirSync(dir).filter((x) => kinds.test(x))) {
        let r;
        try {
          r = review(join(dir, f));
        } catch {
          continue; // not a cable: the parser's tests cover those
        }
        for (const rep of r.repairs) {
          if (WHOLE_FILE.has(rep.kind) || / ×\d+$/.test(rep.before)) continue;
          total++;
          if (rep.raw && rep.rawExact) exact++;
          if (!rep.clean) missingClean++;
        }
      }
    }
    expect(total).toBeGreaterThan(2000);
    expect(exact / total).toBeGreaterThan(0.99);
    expect(missingClean).toBe(0);
  });
});
