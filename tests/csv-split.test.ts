/**
 * The bulk CSV's fast record splitter gives exactly csv-parse's records, on the release's form
 * (where it does the work itself) and on anything else (where it hands the file to csv-parse).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvRecords } from '../src/readers/csv/split.js';

const dir = mkdtempSync(join(tmpdir(), 'cablekit-split-'));
let n = 0;

/** csv-parse with the release's options, records and skipped-record errors in order. */
function reference(text: string): unknown[] {
  const out: unknown[] = [];
  const records = parse(text, {
    escape: '\\',
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: { message: string } | undefined) => void out.push({ error: err?.message ?? 'unreadable row' }),
  }) as string[][];
  // Errors are reported as they happen; compare records in order and errors by count.
  return [...records, ...out];
}

/** Whether the last `split` handed its file to csv-parse. */
const stats = { fallback: false };

async function split(text: string): Promise<unknown[]> {
  const file = join(dir, `t${n++}.csv`);
  writeFileSync(file, text);
  const records: unknown[] = [];
  const errors: unknown[] = [];
  for await (const r of csvRecords(file, undefined, stats)) (Array.isArray(r) ? records : errors).push(r);
  return [...records, ...errors];
}

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

describe('csvRecords', () => {
  it('reads the release form itself: quotes, backslashes, line breaks, empty lines, no final line break', async () => {
    const fields = ['1', 'a "quoted" word', 'back\\slash', "it\\'s", 'two\nlines\r\nthree', ''];
    // As the release writes them: also \' for a quote (read as ').
    const text = `${fields.map(quote).join(',')},"SHAH\\'S"\n\n${quote('x')}`;
    expect(await split(text)).toEqual(reference(text));
    expect(await split(text)).toEqual([[...fields, "SHAH'S"], ['x']]);
    expect(stats.fallback).toBe(false);
    // The release's own line ends are \r\n.
    const sample = readFileSync('tests/fixtures/cables/cables-sample.csv', 'utf8');
    expect(sample).toMatch(/"\r\n"/);
    expect(await split(sample)).toEqual(reference(sample));
    expect(stats.fallback).toBe(false);
    expect(await split(text.replace(/\n\n/, '\r\n\r\n'))).toEqual([[...fields, "SHAH'S"], ['x']]);
    expect(stats.fallback).toBe(false);
  });

  it('hands anything else to csv-parse and gives the same records', async () => {
    for (const text of ['"a"\r\n"b"\n"c"', '"a"\r"b"', '"a",,"b"\n"c"', '"a"\n"b" ,"c"\n"d"', '"a"\nb,c\n"d"', '"a"\n"unclosed', '"a",\n"b"', '\ufeff"a"\n', '"a"\n\r\n"b"', '"a""b"\n"c"']) {
      expect(await split(text), JSON.stringify(text)).toEqual(reference(text));
      expect(stats.fallback, JSON.stringify(text)).toBe(true);
    }
  });

  it('agrees with csv-parse on any text made of the characters that matter', async () => {
    const alphabet = fc.constantFrom('"', '\\', ',', '\n', '\r', 'a', 'b', ' ', "'", 'é');
    const release = fc
      .tuple(fc.array(fc.array(fc.string({ unit: alphabet, maxLength: 8 }), { minLength: 1, maxLength: 4 }), { maxLength: 5 }), fc.constantFrom('\n', '\r\n'))
      .map(([rows, end]) => rows.map((r) => r.map(quote).join(',')).join(end));
    const anything = fc.string({ unit: alphabet, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(release, anything), async (text) => {
        expect(await split(text)).toEqual(reference(text));
      }),
      { numRuns: 300 },
    );
  });

  it('reads records that span the chunks it reads', async () => {
    const big = 'x'.repeat(700_000) + '\\"' + 'y'.repeat(700_000);
    const text = `${quote(big)},${quote('b')}\n${quote('c')}\n`;
    expect(await split(text)).toEqual([[big, 'b'], ['c']]);
    expect(stats.fallback).toBe(false);
  });
});
