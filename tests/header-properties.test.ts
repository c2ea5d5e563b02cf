/**
 * Property test of the header reader: headers built at random from the forms of the release — the
 * fields in any order, with or without blank lines between them, wrapped or not, labels in their
 * variant spellings, handling lines before and between them, or the whole header collapsed onto the
 * classification line — always give the same fields, the body from paragraph 1, and lose no word.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCable } from '../src/readers/cable/parse.js';
import { formatCable } from '../src/writers/format.js';

const SUBJECTS = ['CANADA REVIEWS CLUSTER MUNITIONS POLICY', 'TALKS ON ENERGY SECURITY WITH THE MINISTER', 'NEW GOVERNMENT FORMED AFTER ELECTIONS'];
const TAGS = [['PREL', 'PGOV', 'CA'], ['PARM', 'MARR', 'NATO', 'UK'], ['ECON', 'ETRD', 'EINV', 'JA']];
const REFS = [['STATE 24735'], ['OTTAWA 258', '07 STATE 164503'], ['E-MAIL SMITH-JONES MARCH 7', 'OTTAWA 372', 'STATE 125608']];
const HANDLING = [['STATE FOR EUR/CE'], ['DEPARTMENT FOR WHA/CAN', 'PASS TO USTR'], []];
const BY = ['PolMinCouns Scott Bellard', 'Ambassador David Wilkins', 'DCM Terry Breese'];

interface Header {
  subject: string;
  tags: string[];
  refs: string[];
  handling: string[];
  by: string;
  order: number[];
  blanks: boolean[];
  wrapSubject: boolean;
  commaTags: boolean;
  refLabel: string;
  subjLabel: string;
  tagsLabel: string;
  lowerLabels: boolean;
  /** How the body starts: numbered, `SUMMARY:` unnumbered, a framed heading, an unnumbered note. */
  opener: number;
}

const headerArb: fc.Arbitrary<Header> = fc.record({
  subject: fc.constantFrom(...SUBJECTS),
  tags: fc.constantFrom(...TAGS),
  refs: fc.constantFrom(...REFS),
  handling: fc.constantFrom(...HANDLING),
  by: fc.constantFrom(...BY),
  order: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
  blanks: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  wrapSubject: fc.boolean(),
  commaTags: fc.boolean(),
  refLabel: fc.constantFrom('REF:', 'REFS:', 'REFTEL:', 'Ref(s):', 'REF'),
  subjLabel: fc.constantFrom('SUBJECT:', 'SUBJ:', 'Subject:'),
  tagsLabel: fc.constantFrom('TAGS:', 'TAGS', 'Tags:', 'TAG'),
  lowerLabels: fc.boolean(),
  opener: fc.constantFrom(0, 1, 2, 3),
});

function fieldLines(h: Header, k: number): string[] {
  const letters = 'ABCDEFG';
  switch (k) {
    case 0:
      return [h.lowerLabels ? 'E.o. 12958: decl: 03/14/2018' : 'E.O. 12958: DECL: 03/14/2018'];
    case 1:
      return [`${h.tagsLabel} ${h.tags.join(h.commaTags ? ', ' : ' ')}`];
    case 2: {
      if (!h.wrapSubject) return [`${h.subjLabel} ${h.subject}`];
      const words = h.subject.split(' ');
      const half = Math.ceil(words.length / 2);
      return [`${h.subjLabel} ${words.slice(0, half).join(' ')}`, words.slice(half).join(' ')];
    }
    case 3:
      if (h.refs.length === 1) return [`${h.refLabel === 'REF' ? 'REF:' : h.refLabel} ${h.refs[0]}`];
      return h.refs.map((r, i) => `${i === 0 ? `${h.refLabel} ` : '     '}${letters[i]}. ${r}`);
    default:
      return [`Classified By: ${h.by}, reasons 1.4 (b) and (d).`];
  }
}

function build(h: Header): string {
  const lines = ['O 141423Z MAR 08', 'FM AMEMBASSY OTTAWA', 'TO RUEHC/SECSTATE WASHDC IMMEDIATE 7513', '', 'C O N F I D E N T I A L OTTAWA 000372', '', 'SIPDIS', ''];
  lines.push(...h.handling);
  if (h.handling.length) lines.push('');
  h.order.forEach((k, i) => {
    lines.push(...fieldLines(h, k));
    if (h.blanks[i]) lines.push('');
  });
  const openers = [
    ['1. (C) Summary: Embassy discussions revealed a lack of coordination. End summary.'],
    ['SUMMARY: Embassy discussions revealed a lack of coordination. END SUMMARY.', '', '1. (C) The first paragraph.'],
    ['-------', 'Summary', '-------', '', '1. (C) Embassy discussions revealed a lack of coordination. End summary.'],
    ['(U) This message has been coordinated with Embassy Paris.', '', '1. (C) Summary: Embassy discussions revealed a lack of coordination. End summary.'],
  ];
  lines.push('', ...openers[h.opener]!, '', '2. (U) The second paragraph.', '', 'BREESE');
  return lines.join('\n');
}

describe('headers in any order and form read the same fields', () => {
  it('random headers', () => {
    fc.assert(
      fc.property(headerArb, (h) => {
        // A subject that a field follows with no blank line in between could take it for its wrap;
        // the release always breaks after a subject that ends its line when a label follows, so
        // this property covers the labelled next lines.
        const raw = build(h);
        const c = parseCable(raw, { file: 'cable.txt' });
        expect(c.id).toBe('08OTTAWA372');
        expect(c.subject).toBe(h.subject);
        expect(c.tags).toEqual(h.tags);
        expect(c.declassify).toBe('2018-03-14');
        expect([c.classifiedBy, c.reasons]).toEqual([h.by, ['1.4(b)', '1.4(d)']]);
        expect(c.references.map((r) => r.text)).toEqual(h.refs);
        expect(c.handling).toEqual(h.handling);
        expect(c.paragraphs.map((p) => p.number)).toEqual(h.opener === 1 || h.opener === 3 ? [null, 1, 2] : [1, 2]);
        expect(c.summary).toBe('Embassy discussions revealed a lack of coordination.');
        expect(c.signature).toBe('BREESE');
        const out = new Set((formatCable(c, 'text').match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase()));
        const lost = (raw.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !out.has(w.toLowerCase()) && !/^(?:subj|refs|reftel|tag|and|for)$/i.test(w));
        expect(lost).toEqual([]);
      }),
      { numRuns: 300, seed: 9 },
    );
  });

  it('the same header collapsed onto the classification line', () => {
    fc.assert(
      fc.property(headerArb, (h) => {
        const fields = [0, 1, 2].map((k) => fieldLines({ ...h, wrapSubject: false }, k)[0]).join(' ');
        const raw = ['O 141423Z MAR 08', 'FM AMEMBASSY OTTAWA', 'TO RUEHC/SECSTATE WASHDC IMMEDIATE 7513', '', `C O N F I D E N T I A L SECTION 01 OF 02 OTTAWA 000372 SIPDIS ${fields}`, '', `Classified By: ${h.by}, reasons 1.4 (b) and (d).`, '', '1. (C) Text.'].join('\n');
        const c = parseCable(raw, { file: 'cable.txt' });
        expect([c.id, c.section?.total, c.subject, c.tags, c.declassify]).toEqual(['08OTTAWA372', 2, h.subject, h.tags, '2018-03-14']);
        expect(c.classification.caveats).toContain('SIPDIS');
      }),
      { numRuns: 100, seed: 10 },
    );
  });
});
