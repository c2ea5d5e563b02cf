/** The labelled set of tests/fixtures/redaction/labelled.tsv: lines, the contacts in them, `real` or `made`. */
import { readFileSync } from 'node:fs';

export interface LabelledRow {
  line: string;
  expected: { category: string; value: string }[];
  tag: 'real' | 'made';
  /** For `real` lines: the shared cable (path under ../shared/) the line was taken from. */
  source: string;
}

export function loadLabelled(): LabelledRow[] {
  const text = readFileSync(new URL('../fixtures/redaction/labelled.tsv', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.length > 0 && !l.startsWith('#'))
    .map((l) => {
      const [line = '', expected = '', tag = '', source = ''] = l.split('\t');
      return {
        line: line.replace(/\\n/g, '\n'),
        expected: expected
          .split('|')
          .filter((e) => e.length > 0)
          .map((e) => {
            const at = e.indexOf('=');
            return { category: e.slice(0, at), value: e.slice(at + 1).replace(/\\n/g, '\n') };
          }),
        tag: tag as 'real' | 'made',
        source,
      };
    });
}
