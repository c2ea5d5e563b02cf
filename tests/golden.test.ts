/** Golden tests: each sample's normalized text and JSON, reviewed by eye and checked in. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCableFile } from '../src/readers/cable/parse.js';
import { formatCable } from '../src/writers/format.js';

const samples = readdirSync('samples').filter((n) => n.endsWith('.txt')).sort();

describe('golden output of the samples', () => {
  it('covers the five samples', () => {
    expect(samples).toHaveLength(5);
  });
  for (const name of samples) {
    it(`${name}: text and JSON match tests/golden`, async () => {
      const cable = await readCableFile(`samples/${name}`);
      expect(formatCable(cable, 'text')).toBe(readFileSync(`tests/golden/${cable.id}.txt`, 'utf8'));
      expect(formatCable(cable, 'json')).toBe(readFileSync(`tests/golden/${cable.id}.json`, 'utf8'));
    });
  }
});
