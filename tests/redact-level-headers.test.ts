/**
 * `--max-level` on real headers: when the banner goes down, the header lines that repeat the old
 * classification (the routing echo `ZNY SSSSS ZZH`, a second classification line, `CLASSIFICATION:
 * SECRET//NOFORN`) go too, and so do header lines that repeat a withheld subject; the verifier
 * checks the output for them.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { convertCable, LeakError, LEVELS, levelEchoesIn, parseLevel, parseRedactCategories, redactCable, type Writer } from '../src/index.js';
import { readCableFile } from '../src/readers/cable/parse.js';
import { makeCable } from './support/make-cable.js';

/** Copies of the shared real cables these cases name (tests/fixtures/cables/SOURCES.md). */
const FIXTURES = 'tests/fixtures/cables/';

/** Real cables whose headers repeat their level, the level to filter at, and a line that must go. */
const CASES: [file: string, maxLevel: string, gone: RegExp][] = [
  ['10KABUL62.txt', 'C', /ZNY SSSSS ZZH/],
  ['10RIYADH61.txt', 'C', /ZNY SSSSS ZZH/],
  ['06BAKU1835.txt', 'U', /ZNY CCCCC ZZH/],
  ['03ABUDHABI2641.txt', 'U', /C O N F I D E N T I A L\s+ABU DHABI/],
  ['08TUNIS679.html', 'U', /ZNY SSSSS ZZH/],
  ['09KUWAIT110.txt', 'U', /CLASSIFICATION: SECRET\/\/NOFORN/],
];

describe('real headers under --max-level', () => {
  for (const [file, maxLevel, gone] of CASES) {
    it(`${file} at ${maxLevel}: no header repeats the old level (text, JSON, DOCX)`, async () => {
      const cable = await readCableFile(FIXTURES + file);
      const banner = redactCable(cable, { maxLevel: parseLevel(maxLevel) }).cable.classification.level;
      expect(LEVELS.indexOf(banner)).toBeLessThan(LEVELS.indexOf(cable.classification.level));
      const plain = (await convertCable(cable, { format: 'text' })).data.toString('utf8');
      expect(plain).toMatch(gone); // the unfiltered text shows it: the test can fail
      expect(levelEchoesIn(plain, banner).length).toBeGreaterThan(0);
      for (const format of ['text', 'json', 'docx'] as const) {
        const out = await convertCable(cable, { format, maxLevel: parseLevel(maxLevel), redact: parseRedactCategories('contacts') });
        expect(out.cable.classification.level).toBe(banner);
        const text =
          format === 'docx'
            ? Object.entries(unzipSync(new Uint8Array(out.data)))
                .filter(([n]) => n.endsWith('.xml'))
                .map(([, b]) => strFromU8(b).replace(/<[^>]*>/g, ' '))
                .join('\n')
            : out.data.toString('utf8');
        expect(text, format).not.toMatch(gone);
        expect(levelEchoesIn(text, banner), format).toEqual([]);
        expect(out.audit!.withheld.some((w) => !['paragraph', 'subject'].includes(w.field)), 'header lines are in the audit log').toBe(true);
      }
    });
  }

  it('a mail export header that repeats a withheld subject loses those lines (03ABUDHABI2641)', async () => {
    const cable = await readCableFile(FIXTURES + '03ABUDHABI2641.txt');
    const out = (await convertCable(cable, { format: 'text', maxLevel: 'UNCLASSIFIED' })).data.toString('utf8');
    expect(cable.routing.join('\n')).toMatch(/UAE TO SUPPORT JORDAN OIL NEEDS/);
    expect(out).not.toMatch(/JORDAN OIL NEEDS|MILLION TO RABAT/);
  });

  it('PDF: 10KABUL62 at C', async () => {
    const cable = await readCableFile(FIXTURES + '10KABUL62.txt');
    let layer = '';
    await convertCable(cable, { format: 'pdf', maxLevel: 'CONFIDENTIAL' }, { onRead: (r) => (layer = r.views.find((v) => v.part === 'pdf text layer')!.text) });
    expect(layer).toMatch(/CONFIDENTIAL/);
    expect(layer).not.toMatch(/ZNY|SSSSS/);
  });
});

describe('the level filter and the verifier', () => {
  const secret = () =>
    makeCable({
      classification: { level: 'SECRET', caveats: ['NOFORN', 'SIPDIS'] },
      routing: ['VZCZCXRO5278', 'DE RUEHOT #0372/01 0741423', 'ZNY SSSSS ZZH', 'O 141423Z MAR 08'],
      handling: ['SECRET NOFORN', 'NOFORN', 'STATE FOR EUR/CE'],
      notes: ['S E C R E T SECTION 01 OF 02 OTTAWA 000372'],
      subjectMarking: { raw: 'U', level: 'UNCLASSIFIED', caveats: [] },
    });

  it('removes the routing echo, a repeated classification line, and caveat lines that went; other header lines stay', () => {
    const base = secret();
    base.paragraphs[0]!.marking = { raw: 'S/NF', level: 'SECRET', caveats: ['NOFORN'] };
    const { cable, report } = redactCable(base, { maxLevel: 'CONFIDENTIAL' });
    expect(cable.classification.level).toBe('UNCLASSIFIED');
    expect(cable.routing).toEqual(['VZCZCXRO5278', 'DE RUEHOT #0372/01 0741423', 'O 141423Z MAR 08']);
    expect(cable.handling).toEqual(['STATE FOR EUR/CE']);
    expect(cable.notes).toEqual([]);
    expect(report.withheld.filter((w) => w.paragraph === null && w.field !== 'subject').map((w) => [w.field, w.index])).toEqual([
      ['routing', 2],
      ['handling', 0],
      ['handling', 1],
      ['notes', 0],
    ]);
  });

  it('leaves the header alone when the banner does not go down', () => {
    const { cable } = redactCable(secret(), { maxLevel: 'SECRET' });
    expect(cable.routing).toContain('ZNY SSSSS ZZH');
  });

  it('an output that still carries the echo is refused, named "level (routing echo)"', async () => {
    const base = secret();
    base.paragraphs[0]!.marking = { raw: 'S', level: 'SECRET', caveats: [] };
    const echo: Writer = async (c) => ({ data: Buffer.from(`${c.classification.level}\nZNY SSSSS ZZH\n${c.paragraphs[1]!.text}\n`), pages: null });
    const err = await convertCable(base, { format: 'text', maxLevel: 'CONFIDENTIAL' }, { writer: echo }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LeakError);
    expect((err as Error).message).toMatch(/level \(routing echo\) in text/);
  });

  it('levelEchoesIn: header forms of a level above the banner, not prose', () => {
    expect(levelEchoesIn('ZNY CCCCC ZZH', 'UNCLASSIFIED')).toEqual(['routing echo']);
    expect(levelEchoesIn('C O N F I D E N T I A L SECTION 01 OF 03 BAKU 001835', 'UNCLASSIFIED')).toEqual(['letter-spaced classification']);
    expect(levelEchoesIn('SECRET TUNIS 000679', 'CONFIDENTIAL')).toEqual(['classification line']);
    expect(levelEchoesIn('CLASSIFICATION: SECRET//NOFORN', 'CONFIDENTIAL')).toEqual(['classification line']);
    expect(levelEchoesIn('[Paragraph withheld — SECRET]\nRedacted version — originally SECRET.', 'CONFIDENTIAL')).toEqual([]);
    expect(levelEchoesIn('CONFIDENTIAL SECTION 01 OF 02 KABUL 000062', 'CONFIDENTIAL')).toEqual([]);
  });
});
