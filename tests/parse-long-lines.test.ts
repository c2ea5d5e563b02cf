/**
 * Long lines in every place of a cable: no pattern of the parser may take time that grows faster
 * than the line (an unbounded run of `a.a.a…` in a REF line took 4.7 s at 50,000 characters; a
 * last line of `x/x/…` took 15 s at 4,000). Each case is a 50,000-character line; the bound is
 * generous (a linear parse takes a few milliseconds), so a slow machine does not fail it.
 */
import { describe, expect, it } from 'vitest';
import { parseCable } from '../src/readers/cable/parse.js';

const PATTERNS: Record<string, string> = {
  'no space': 'x/',
  words: 'a ',
  capitals: 'ABC ',
  dots: 'a.',
  'upper dots': 'A.',
  digits: '1 ',
  'hosts': 'www.a',
  'phone-ish': '202-647-',
  'paragraph numbers': '12. (C) ',
  labels: 'REF: TAGS: SUBJECT: ',
  'mixed case': 'Ab. ',
  comma: 'a, ',
};

const SLOTS: Record<string, (s: string) => string[]> = {
  routing: (s) => [s, '', 'UNCLASSIFIED OTTAWA 000372', '', 'SUBJECT: X', '', '1. (U) Text.'],
  'classification line': (s) => [`UNCLASSIFIED OTTAWA 000372 ${s}`, '', 'SUBJECT: X', '', '1. (U) Text.'],
  'handling line': (s) => ['UNCLASSIFIED OTTAWA 000372', '', s, 'SUBJECT: X', '', '1. (U) Text.'],
  tags: (s) => ['UNCLASSIFIED OTTAWA 000372', '', `TAGS: ${s}`, 'SUBJECT: X', '', '1. (U) Text.'],
  subject: (s) => ['UNCLASSIFIED OTTAWA 000372', '', `SUBJECT: ${s}`, '', '1. (U) Text.'],
  ref: (s) => ['UNCLASSIFIED OTTAWA 000372', '', 'SUBJECT: X', `REF: ${s}`, '', '1. (U) Text.'],
  'classified by': (s) => ['UNCLASSIFIED OTTAWA 000372', '', 'SUBJECT: X', `Classified By: ${s}`, '', '1. (U) Text.'],
  paragraph: (s) => ['UNCLASSIFIED OTTAWA 000372', '', 'SUBJECT: X', '', `1. (U) ${s}`],
  'last line': (s) => ['UNCLASSIFIED OTTAWA 000372', '', 'SUBJECT: X', '', '1. (U) Text.', '', s],
};

const N = 50_000;

describe('a 50,000-character line anywhere is read in time that grows with its length', () => {
  for (const [slot, make] of Object.entries(SLOTS)) {
    it(slot, () => {
      const slow: string[] = [];
      for (const [name, p] of Object.entries(PATTERNS)) {
        const line = p.repeat(Math.ceil(N / p.length)).slice(0, N);
        const text = ['R 041820Z JAN 10', 'FM SECSTATE WASHDC', 'TO AMEMBASSY OTTAWA 0001', '', ...make(line)].join('\n');
        const t = performance.now();
        try {
          parseCable(text, { file: 'long.txt' });
        } catch {
          /* refusing is fine; taking long is not */
        }
        const ms = performance.now() - t;
        if (ms > 2000) slow.push(`${name}: ${Math.round(ms)} ms`);
      }
      expect(slow).toEqual([]);
    });
  }
});
