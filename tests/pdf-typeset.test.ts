import { describe, expect, it } from 'vitest';
import { breakLines, tokenize, type Measure, type Span } from '../src/writers/pdf/typeset.js';

/** Every character is 1 unit wide, a bar 6 units: easy to reason about widths. */
const measure: Measure = { word: (t) => [...t].length, space: () => 1, bar: () => 6 };
const lines = (spans: Span[], width: number) =>
  breakLines(tokenize(spans, measure), [width], measure).map((l) => l.tokens.map((t) => (t.kind === 'bar' ? '▮' : t.text)).join('|'));

describe('line breaking', () => {
  it('fills lines greedily at spaces', () => {
    expect(lines([{ kind: 'text', style: 'regular', text: 'aa bb cc dd' }], 5)).toEqual(['aa|bb', 'cc|dd']);
  });
  it('keeps a marking on the line of its number', () => {
    const spans: Span[] = [
      { kind: 'text', style: 'regular', text: 'xxxxxxx 12.' },
      { kind: 'bound', style: 'bold', text: ' (C/NF)' },
      { kind: 'text', style: 'regular', text: ' word' },
    ];
    expect(lines(spans, 15)).toEqual(['xxxxxxx', '12.|(C/NF)|word']);
  });
  it('keeps a word glued to a redaction bar together', () => {
    const spans: Span[] = [{ kind: 'text', style: 'regular', text: 'said aaaa ' }, { kind: 'bar', label: 'R' }, { kind: 'text', style: 'regular', text: "'s" }];
    expect(lines(spans, 12)).toEqual(['said|aaaa', "▮|'s"]);
  });
  it('cuts a word longer than the line', () => {
    expect(lines([{ kind: 'text', style: 'regular', text: 'http://example.org/long' }], 10)).toEqual(['http://exa', 'mple.org/l', 'ong']);
  });
  it('breaks at newlines', () => {
    expect(lines([{ kind: 'text', style: 'regular', text: 'a\nb c' }], 40)).toEqual(['a', 'b|c']);
  });
});
