/**
 * The detectors and the residual scan on long runs of one shape: time must grow with the text,
 * not faster (a 100,000-character run of `www.a` took the residual scan 4.7 s when hosts were
 * unbounded). The bound is generous; a linear scan takes milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { detect } from '../src/redact/detect/registry.js';
import { scanResidual } from '../src/redact/verify/residual.js';

const SHAPES = [
  'x/', 'a ', 'a.', 'A.', '1 ', '12', '1-', 'a@', 'a@b.', 'www.a', 'http://a', '202-647-', '(1) ', 'ext. 1', 'Tel: ', 'a at b dot ', 'a/b.', '. ', 'a-', '(33) 1 ',
  // postal addresses and lists after a label
  '1 A ', '1 A Street, ', 'Room 1, ', 'A, ', 'Address: 1 A ', 'No. 1 ', 'P.O. Box 1, ', 'Tel: 1, ', '&a.b8', 'a.cn ', 'E-mail: <', 'Calle 1 ', 'Aallee 1, ',
];
const N = 50_000;

describe('redaction on a 50,000-character run of one shape', () => {
  it.each(SHAPES)('%j', (shape) => {
    const text = shape.repeat(Math.ceil(N / shape.length)).slice(0, N);
    const t = performance.now();
    detect(text, new Set(['email', 'url', 'phone', 'fax', 'address'] as const), { region: 'US' });
    scanResidual(text);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
