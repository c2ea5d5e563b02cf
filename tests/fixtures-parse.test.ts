/** Every real cable of the development set parses, with its id, date, classification, subject and paragraphs. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCableFile } from '../src/parse/index.js';

const dir = 'tests/fixtures/cables';
const files = readdirSync(dir).filter((n) => /\.(txt|html)$/.test(n)).sort();

/** What the development set's inventory (SOURCES.md) says about each cable. */
function inventory(): Map<string, { classification: string; created: string }> {
  const rows = new Map<string, { classification: string; created: string }>();
  for (const line of readFileSync(`${dir}/SOURCES.md`, 'utf8').split('\n')) {
    const m = /^\| (\w+) \| ([^|]+) \| [^|]+ \| (\d{4}-\d{2}-\d{2}) \|/.exec(line);
    if (m) rows.set(m[1]!, { classification: m[2]!.trim(), created: m[3]! });
  }
  return rows;
}

const LEVEL_OF: Record<string, string> = {
  UNCLASSIFIED: 'UNCLASSIFIED',
  UNCLAS: 'UNCLASSIFIED',
  CONFIDENTIAL: 'CONFIDENTIAL',
  SECRET: 'SECRET',
};

/** Cables published without a SUBJECT line or without any text (SOURCES.md lists them). */
const NO_SUBJECT = new Set(['02BRASILIA4227', '08OSLO585', '08BRASILIA504', '09PESHAWAR2', '09CARACAS1296', '10RIYADH61', '03ABUDHABI2641']);
const NO_PARAGRAPHS = new Set(['09CARACAS1296', '09DUSHANBE575', '09SAOPAULO487', '10CARACAS107']);
// (09SAOPAULO487 is a media reaction and 10CARACAS107 has marked but unnumbered paragraphs.)

describe('development set', () => {
  const inv = inventory();
  it('has an inventory row for every cable', () => {
    expect(inv.size).toBeGreaterThanOrEqual(40);
  });
  for (const name of files) {
    const expectedId = basename(name).replace(/\.(txt|html)$/, '');
    it(`${name} parses`, async () => {
      const cable = await readCableFile(`${dir}/${name}`);
      const row = inv.get(expectedId)!;
      expect(cable.id).toBe(expectedId);
      // The creation date of the release and the cable's own date-time group agree on the day,
      // give or take the time zone (a cable dated late on the 1st may be created on the 2nd).
      if (cable.date) {
        const diff = Math.abs(Date.parse(cable.date) - Date.parse(row.created + 'T12:00:00Z'));
        expect(diff).toBeLessThanOrEqual(36 * 3600 * 1000);
      } else {
        expect(cable.partial || name.endsWith('.txt')).toBe(true);
      }
      const head = row.classification.split(/[\s/(]/)[0]!;
      const level = LEVEL_OF[head];
      if (level === 'UNCLASSIFIED' && /FOR OFFICIAL USE ONLY|SENSITIVE|SBU/.test(row.classification)) {
        expect(['SENSITIVE BUT UNCLASSIFIED', 'UNCLASSIFIED']).toContain(cable.classification.level);
      } else {
        expect(cable.classification.level).toBe(level);
      }
      if (/NOFORN/.test(row.classification) && name.endsWith('.html')) expect(cable.classification.caveats).toContain('NOFORN');
      if (NO_SUBJECT.has(expectedId)) expect(cable.subject === null || expectedId === '03ABUDHABI2641').toBe(true);
      else expect(cable.subject).toMatch(/\w{3}/);
      if (!['09CARACAS1296', '09DUSHANBE575'].includes(expectedId)) expect(cable.paragraphs.length).toBeGreaterThan(0);
      if (!NO_PARAGRAPHS.has(expectedId)) {
        const numbered = cable.paragraphs.filter((p) => p.number !== null);
        expect(numbered.length).toBeGreaterThan(0);
        expect(numbered[0]!.number).toBe(1);
      }
      for (const p of cable.paragraphs) expect(p.text).not.toMatch(/\]\(#\)|^¶|\bSIPDIS\b/);
    });
  }
});
