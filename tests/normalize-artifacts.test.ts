/**
 * One `describe` per artifact of the field guide (../shared/ARTIFACTS.md) and issue 2 item 3,
 * each on the smallest real example: a seed in samples/, a dev cable in tests/fixtures/cables/,
 * or, where no real cable shows the artifact, a minimal hand-written cable. Every assertion
 * compares exact values, so a regression in the repair (or in its log entry) fails here.
 *
 * Tests left as `it.skip` are known parser bugs, named in the comment above each one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cable, Repair } from '../src/model/cable.js';
import { parseCable, readCableFile } from '../src/readers/cable/parse.js';
import { formatCable } from '../src/writers/format.js';
import { parsePortionMarking, readClassificationLine } from '../src/readers/cable/classification.js';
import { readClassifiedBy, readReferences } from '../src/readers/cable/header.js';
import { readDateTimeGroup } from '../src/readers/cable/routing.js';

const SAMPLES = new URL('../samples/', import.meta.url);
const FIXTURES = new URL('./fixtures/cables/', import.meta.url);

const cache = new Map<string, Promise<Cable>>();
/** `08OTTAWA372` → samples/08OTTAWA372.txt; `06BAKU1835.html` → tests/fixtures/cables/06BAKU1835.html. */
function load(name: string): Promise<Cable> {
  const file = name.includes('.') ? name : `${name}.txt`;
  const inSamples = ['05OTTAWA1502', '07OTTAWA117', '08OTTAWA372', '08OTTAWA647', '08STATE125628'].includes(file.replace(/\..*$/, ''));
  const path = new URL(file, inSamples ? SAMPLES : FIXTURES).pathname;
  let p = cache.get(path);
  if (!p) {
    p = readCableFile(path);
    cache.set(path, p);
  }
  return p;
}

function rawLines(name: string): string[] {
  return readFileSync(new URL(`${name}.txt`, SAMPLES), 'utf8').split('\n');
}

function repairs(c: Cable, kind: string): Repair[] {
  return c.repairs.filter((r) => r.kind === kind);
}

function warningKinds(c: Cable): string[] {
  return c.warnings.map((w) => w.kind);
}

function numbers(c: Cable): Array<number | null> {
  return c.paragraphs.map((p) => p.number);
}

/** A minimal release-text cable around a body, for artifacts no real cable in the repo shows. */
function mini(body: string, header: { subject?: string; extra?: string } = {}): Cable {
  const raw = [
    'R 011200Z JAN 09',
    'FM AMEMBASSY OTTAWA',
    'TO SECSTATE WASHDC 0001',
    '',
    'C O N F I D E N T I A L OTTAWA 000001',
    '',
    'E.O. 12958: DECL: 01/01/2019',
    'TAGS: PREL',
    `SUBJECT: ${header.subject ?? 'TEST'}`,
    ...(header.extra ? [header.extra] : []),
    '',
    'Classified By: A B, reasons 1.4 (b).',
    '',
    body,
  ].join('\n');
  return parseCable(raw, { file: 'mini.txt' });
}

describe('paragraph markers [1](#)1. and ¶4.', () => {
  it('[1](#)1. in the Markdown export (08OTTAWA372) becomes paragraph 1', async () => {
    const c = await load('08OTTAWA372');
    expect(rawLines('08OTTAWA372')[41]!.slice(0, 16)).toBe('[1](#)1. (C/NF) ');
    expect(c.paragraphs[0]!.number).toBe(1);
    expect(c.paragraphs[0]!.line).toBe(42);
    expect(c.paragraphs[0]!.marking).toEqual({ raw: 'C/NF', level: 'CONFIDENTIAL', caveats: ['NOFORN'] });
    expect(c.paragraphs[0]!.text.startsWith('Summary: Embassy discussions with Canadian officials March 11-12')).toBe(true);
    expect(repairs(c, 'paragraph-marker').map((r) => [r.line, r.before, r.after])).toEqual([
      [42, '[1](#)', ''],
      [46, '[1](#)', ''],
      [50, '[1](#)', ''],
    ]);
    const text = formatCable(c, 'text');
    expect(text).toContain('\n1. (C/NF) Summary: Embassy discussions');
    expect(text).not.toContain('[1](#)');
  });

  it('¶4. in release text (07OTTAWA117) becomes paragraph 4, the ¶ logged', async () => {
    const c = await load('07OTTAWA117');
    expect(rawLines('07OTTAWA117')[67]!.slice(0, 10)).toBe('¶4. (SBU) ');
    const p4 = c.paragraphs[3]!;
    expect([p4.number, p4.line, p4.marking?.raw]).toEqual([4, 68, 'SBU']);
    expect(p4.text.startsWith('Turcotte ended the discussion of CM')).toBe(true);
    expect(repairs(c, 'paragraph-marker').map((r) => [r.line, r.before])).toEqual([
      [58, '¶'],
      [62, '¶'],
      [64, '¶'],
      [68, '¶'],
      [76, '¶'],
    ]);
    expect(formatCable(c, 'text')).not.toContain('¶');
  });
});

describe('the stray leading 1 that the sequence reveals', () => {
  it('¶11. ¶12. ¶13. ¶4. are paragraphs 1–4 (07OTTAWA117)', async () => {
    const c = await load('07OTTAWA117');
    expect(numbers(c)).toEqual([1, 2, 3, 4, 5]);
    expect(repairs(c, 'stray-one').map((r) => [r.line, r.before, r.after])).toEqual([
      [58, '11.', '1.'],
      [62, '12.', '2.'],
      [64, '13.', '3.'],
    ]);
    expect(warningKinds(c)).toEqual([]);
  });

  it('6. 17. 18. 19. 110. 111. 112. 113. 14. … 124. 125. are 6–25 (05OTTAWA1502)', async () => {
    const c = await load('05OTTAWA1502');
    expect(numbers(c)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(repairs(c, 'stray-one').map((r) => `${r.before}→${r.after}`)).toEqual([
      '17.→7.', '18.→8.', '19.→9.', '110.→10.', '111.→11.', '112.→12.', '113.→13.',
      '120.→20.', '121.→21.', '122.→22.', '123.→23.', '124.→24.', '125.→25.',
    ]);
    // 14. to 19. after 113. were written right and are left alone.
    expect(c.paragraphs[13]!.text.startsWith('GPOI. Canada and the U.S.')).toBe(true);
    expect(c.paragraphs[13]!.line).toBe(60);
    expect(warningKinds(c).filter((k) => k === 'paragraph-sequence')).toEqual([]);
  });

  it('a gap is not papered over: 1. 2. 4. keeps 4 and warns', () => {
    const c = mini('1. (C) One.\n\n2. (C) Two.\n\n4. (C) Four.\n\nSMITH\n');
    expect(numbers(c)).toEqual([1, 2, 4]);
    expect(repairs(c, 'stray-one')).toEqual([]);
    expect(c.warnings).toEqual([
      { kind: 'paragraph-sequence', line: 17, message: 'paragraph 4 follows 2: number 3 is missing; kept as written' },
    ]);
  });

  it('a sequence that starts at 2 is kept as written, with a warning', () => {
    const c = mini('2. (C) Two.\n\n3. (C) Three.\n\nSMITH\n');
    expect(numbers(c)).toEqual([2, 3]);
    expect(c.warnings).toEqual([{ kind: 'paragraph-sequence', line: 13, message: 'numbering starts at 2, not 1: kept as written' }]);
  });

  it('a paragraph the release ran into the one before (02BRASILIA4227: `…grow. 12. (C) Ambassador …`) is split out again', async () => {
    const c = await load('02BRASILIA4227');
    expect(numbers(c)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(repairs(c, 'stray-one')).toEqual([]);
    expect(c.warnings.filter((w) => w.kind === 'paragraph-sequence')).toEqual([]);
    expect(c.repairs.filter((r) => r.kind === 'inline-paragraph').map((r) => r.after)).toEqual(['¶ 12. (C)', '¶ 14. (C)']);
    const p12 = c.paragraphs.find((p) => p.number === 12)!;
    expect(p12.marking?.level).toBe('CONFIDENTIAL');
    expect(p12.text).toMatch(/^Ambassador Reich observed that the USG does not direct banks/);
    expect(c.paragraphs.find((p) => p.number === 11)!.text).toMatch(/in order to develop and grow\.$/);
  });

  it('after a publisher redaction the numbers may jump (09ALGIERS1077: 8, XXXXXXXXXXXX, 16); elsewhere they may not', async () => {
    const c = await load('09ALGIERS1077');
    expect(numbers(c)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 16]);
    expect(c.warnings.map((w) => w.message)).toContain("paragraph 16 follows 8: numbers 9–15 are missing (after a publisher's redaction); kept as written");
    const after = mini('1. (C) One.\n\n2. (C) Two.\n\nXXXXXXXXXXXX\n\n12. (C) Twelve.\n\nSMITH\n');
    expect(numbers(after)).toEqual([1, 2, 12]);
    const plain = mini('1. (C) One.\n\n2. (C) Two ends here.\n\n12. (C) Twelve.\n\nSMITH\n');
    expect(numbers(plain)).toEqual([1, 2, null]);
  });

  it('an inline number is a paragraph only when it is the next one, marked, after a sentence, and not used later', () => {
    const split = mini('1. (C) One. It ends. 2. (S) Two starts here.\n\n3. (C) Three.\n\nSMITH\n');
    expect(numbers(split)).toEqual([1, 2, 3]);
    expect(split.paragraphs[1]!.marking?.raw).toBe('S');
    expect(split.paragraphs[1]!.text).toBe('Two starts here.');
    // no marking, not the next number, no sentence end, or the number already used: left as text
    for (const body of ['1. (C) One. 2. Two is not marked.', '1. (C) One. 3. (C) Three is not next.', '1. (C) See para 2. (C) text', '1. (C) One. 2. (C) Quoted.\n\n2. (C) Two.']) {
      const c = mini(`${body}\n\nSMITH\n`);
      expect(c.repairs.filter((r) => r.kind === 'inline-paragraph'), body).toEqual([]);
    }
  });

});

describe('¶ before a number that is not a paragraph (¶2004. They …)', () => {
  it('¶2004. continues the paragraph it belongs to and is reported', () => {
    const c = mini('¶1. (C) One.\n\n¶2. (C) In the spring of\n\n¶2004. They met again.\n\n¶3. (C) Three.\n\nSMITH\n');
    expect(numbers(c)).toEqual([1, 2, 3]);
    expect(c.paragraphs[1]!.text).toBe('In the spring of 2004. They met again.');
    expect(c.warnings).toEqual([
      { kind: 'not-a-paragraph', line: 17, message: '"2004." does not fit the paragraph sequence: kept as text' },
    ]);
  });

  it('a year at a line start in a real cable (10STATE9124, "2009.") is kept as text', async () => {
    const c = await load('10STATE9124');
    expect(c.warnings.filter((w) => w.kind === 'not-a-paragraph').map((w) => [w.line, w.message])).toEqual([
      [447, '"2009." does not fit the paragraph sequence: kept as text'],
    ]);
    expect(numbers(c)).not.toContain(2009);
  });
});

describe('[1](#) before REF letters', () => {
  it('08OTTAWA372: the REF list reads A–E, the markers logged as reference-marker', async () => {
    const c = await load('08OTTAWA372');
    expect(c.references).toMatchObject([
      { label: 'A', text: 'STATE 24735' },
      { label: 'B', text: 'E-MAIL BAKER-MATTEI MARCH 7' },
      { label: 'C', text: 'FAX MATTEI-PICO MARCH 13' },
      { label: 'D', text: 'OTTAWA 258' },
      { label: 'E', text: '07 STATE 164503' },
    ]);
    expect(repairs(c, 'reference-marker').map((r) => [r.line, r.before])).toEqual([
      [35, '[1](#)'],
      [36, '[1](#)'],
      [37, '[1](#)'],
      [38, '[1](#)'],
    ]);
  });

  it('¶B. in release text (06BAKU1835) is a reference letter, not a paragraph', async () => {
    const c = await load('06BAKU1835');
    expect(c.references).toMatchObject([
      { label: 'A', text: 'BAKU 1761' },
      { label: 'B', text: 'BAKU 1819' },
      { label: 'C', text: 'BAKU 1700' },
    ]);
    expect(repairs(c, 'reference-marker').length).toBe(2);
  });
});

describe('wiki-link residue [PARM](#)', () => {
  it('08OTTAWA372 TAGS: [PARM](#) [PREL](#) … → PARM, PREL, NATO, MOPS, CA', async () => {
    const c = await load('08OTTAWA372');
    expect(c.tags).toEqual(['PARM', 'PREL', 'NATO', 'MOPS', 'CA']);
    expect(repairs(c, 'wiki-link').map((r) => `${r.before}→${r.after}`)).toEqual([
      '[PARM](#)→PARM', '[PREL](#)→PREL', '[NATO](#)→NATO', '[MOPS](#)→MOPS', '[CA](#)→CA',
    ]);
    expect(formatCable(c, 'text')).toContain('\nTAGS: PARM, PREL, NATO, MOPS, CA\n');
  });

  it('a misspelled tag is kept as written (07OTTAWA117 [PARAM](#))', async () => {
    const c = await load('07OTTAWA117');
    expect(c.tags).toEqual(['PARAM', 'MOPS', 'PREL', 'NATO']);
  });
});

describe('autolinks <http://…>', () => {
  it('05OTTAWA1502: <http://www.state.sgov.gov/p/wha/ottawa> loses its brackets', async () => {
    const c = await load('05OTTAWA1502');
    expect(repairs(c, 'autolink')).toEqual([
      { kind: 'autolink', line: 97, before: '<http://www.state.sgov.gov/p/wha/ottawa>', after: 'http://www.state.sgov.gov/p/wha/ottawa' },
    ]);
    expect(c.footer).toContain('http://www.state.sgov.gov/p/wha/ottawa');
    expect(formatCable(c, 'text')).not.toMatch(/<http/);
  });
});

describe('repeated SIPDIS and handling lines', () => {
  it('08OTTAWA372: SIPDIS twice in the header is one caveat', async () => {
    const c = await load('08OTTAWA372');
    expect(c.classification).toEqual({ level: 'CONFIDENTIAL', caveats: ['SIPDIS', 'NOFORN'] });
    expect(repairs(c, 'sipdis')).toEqual([{ kind: 'sipdis', line: 23, before: 'SIPDIS ×2', after: 'SIPDIS' }]);
    expect(formatCable(c, 'text').match(/SIPDIS/g)).toEqual(['SIPDIS']);
  });

  it('05OTTAWA1502: a SIPDIS line inside the body is removed from the body', async () => {
    const c = await load('05OTTAWA1502');
    expect(rawLines('05OTTAWA1502')[93]).toBe('SIPDIS');
    expect(repairs(c, 'sipdis')).toEqual([{ kind: 'sipdis', line: 94, before: 'SIPDIS', after: '' }]);
    expect(c.classification.caveats).toEqual(['SIPDIS']);
    expect(c.paragraphs.some((p) => /SIPDIS/.test(p.text))).toBe(false);
  });

  it('07OTTAWA117: STATE PASS PM/WRA is a handling line, kept once in the header', async () => {
    const c = await load('07OTTAWA117');
    expect(c.handling).toEqual(['STATE PASS PM/WRA']);
    expect(formatCable(c, 'text').match(/STATE PASS PM\/WRA/g)).toEqual(['STATE PASS PM/WRA']);
  });

  it('a handling line repeated in the body is dropped there and logged', () => {
    const raw = [
      'R 011200Z JAN 09', 'FM AMEMBASSY OTTAWA', 'TO SECSTATE WASHDC 0001', '',
      'C O N F I D E N T I A L OTTAWA 000001', '', 'SIPDIS', '', 'STATE PASS PM/WRA', '',
      'E.O. 12958: DECL: 01/01/2019', 'TAGS: PREL', 'SUBJECT: TEST', '',
      '1. (C) One.', '', 'STATE PASS PM/WRA', '', '2. (C) Two.', '', 'SMITH', '',
    ].join('\n');
    const d = parseCable(raw);
    expect(d.handling).toEqual(['STATE PASS PM/WRA']);
    expect(repairs(d, 'handling-repeat')).toEqual([{ kind: 'handling-repeat', line: 17, before: 'STATE PASS PM/WRA', after: '' }]);
    expect(d.paragraphs.map((p) => p.text)).toEqual(['One.', 'Two.']);
  });

  // Raw "TSVANGIRAI OFFERED FOUR\nSIPDIS SCENARIOS …": the SIPDIS that transmission put into the text.
  it('00HARARE6677: SIPDIS at a line start inside a paragraph is removed from the body', async () => {
    const c = await load('00HARARE6677');
    expect(c.paragraphs.filter((p) => /\bSIPDIS\b/.test(p.text)).map((p) => p.number)).toEqual([]);
    expect(c.paragraphs[0]!.text).toContain('TSVANGIRAI OFFERED FOUR SCENARIOS UNDER WHICH');
    expect(repairs(c, 'sipdis').map((r) => r.line)).toEqual([40, 47, 51, 55, 67, 101]);
    expect(c.classification.caveats).toEqual(['SIPDIS']);
  });
});

describe('section markers and the paragraphs they split', () => {
  it('08OTTAWA372: OTTAWA 00000372 002 OF 002 removed, paragraph 6 joined', async () => {
    const c = await load('08OTTAWA372');
    expect(repairs(c, 'section-marker')).toEqual([{ kind: 'section-marker', line: 62, before: 'OTTAWA 00000372 002 OF 002', after: '' }]);
    const p6 = c.paragraphs[5]!;
    expect([p6.number, p6.marking?.raw]).toEqual([6, 'C']);
    expect(p6.text.startsWith('Turning to the April CCW, Turcotte said he would like to discuss with U.S. experts their thinking')).toBe(true);
    expect(p6.text.endsWith('"technical fix" to exempt "smart, accurate, and reliable" munitions from an OP ban.')).toBe(true);
    expect(repairs(c, 'split-paragraph-marker')).toEqual([
      {
        kind: 'split-paragraph-marker',
        line: 64,
        before: '…e April CCW, Turcotte said he would like ¦ to discuss with U.S. experts their think…',
        after: '…e April CCW, Turcotte said he would like to discuss with U.S. experts their think…',
      },
    ]);
    expect(formatCable(c, 'text')).not.toContain('00000372');
  });

  it('06BAKU1835: every in-body page marker is removed', async () => {
    const c = await load('06BAKU1835');
    expect(repairs(c, 'section-marker').map((r) => [r.line, r.before])).toEqual([
      [32, 'BAKU 00001835  001.2 OF 003'],
      [117, 'BAKU 00001835  002.2 OF 003'],
      [206, 'BAKU 00001835  003.2 OF 003'],
    ]);
    expect(formatCable(c, 'text')).not.toMatch(/BAKU 0000/);
  });

  it('08OTTAWA372: the blank line inside paragraph 3 ("LeBlanc promised to" / "raise …") is joined', async () => {
    const c = await load('08OTTAWA372');
    expect(c.paragraphs[2]!.text).toContain('LeBlanc promised to raise the matter directly with Canada\'s head of delegation');
    expect(repairs(c, 'split-paragraph').map((r) => r.line)).toEqual([52]);
  });

  it('08STATE125628: the bullet broken by a blank line ("…use of cluster" / "munitions.") is joined', async () => {
    const c = await load('08STATE125628');
    const raw = rawLines('08STATE125628');
    expect(raw[42]!.endsWith('from the use of cluster')).toBe(true);
    expect([raw[43], raw[44]]).toEqual(['', 'munitions.']);
    const b = c.paragraphs[2]!.bullets[1]!;
    expect(b.text.endsWith('the U.S. is taking technical steps to reduce the potential unintended harm to civilians from the use of cluster munitions.')).toBe(true);
    expect(c.paragraphs[2]!.bullets.length).toBe(6);
    expect(repairs(c, 'split-paragraph')).toEqual([
      {
        kind: 'split-paragraph',
        line: 45,
        before: '…arm to civilians from the use of cluster ¦ munitions.',
        after: '…arm to civilians from the use of cluster munitions.',
      },
    ]);
    expect(c.paragraphs.some((p) => p.text === 'munitions.')).toBe(false);
  });
});

describe('comma for apostrophe (Canada,s → Canada\'s)', () => {
  it('07KUWAIT808: "Bathali,s account" reads "Bathali\'s account"', async () => {
    const c = await load('07KUWAIT808');
    const p = c.paragraphs.find((x) => x.number === 13)!;
    expect(p.text).toContain("close Bathali's account based on his inclusion");
    expect(p.text).not.toContain('Bathali,s');
    expect(repairs(c, 'apostrophe-comma').map((r) => `${r.before}→${r.after}`)).toEqual([
      "Kuwait,s→Kuwait's",
      "Bathali,s→Bathali's",
      "GOK,s→GOK's",
    ]);
  });

  it("08OTTAWA372: the footer's Canada,s is mended too", async () => {
    const c = await load('08OTTAWA372');
    expect(c.footer[0]).toBe("Visit Canada's Economy and Environment Forum at");
    expect(repairs(c, 'apostrophe-comma')).toEqual([{ kind: 'apostrophe-comma', line: 0, before: 'Canada,s', after: "Canada's" }]);
  });

  it('commas that are commas stay: "Canada, s" and "1,500" and "talks,then"', () => {
    const c = mini('1. (C) We met in Canada, s and then paid 1,500 dollars for talks,then left.\n\nSMITH\n');
    expect(c.paragraphs[0]!.text).toBe('We met in Canada, s and then paid 1,500 dollars for talks,then left.');
    expect(repairs(c, 'apostrophe-comma')).toEqual([]);
  });
});

describe('telegraph quotes &…8 → curly quotes', () => {
  it('&we,re working on it.8 → “we\'re working on it.”', () => {
    const c = mini('1. (C) He said &we,re working on it.8 and left.\n\nSMITH\n');
    expect(c.paragraphs[0]!.text).toBe('He said “we\'re working on it.” and left.');
    expect(repairs(c, 'telegraph-quotes')).toEqual([
      { kind: 'telegraph-quotes', line: 13, before: "&we're working on it.8", after: '“we\'re working on it.”' },
    ]);
  });

  it('a bare & and a number ending in 8 are left alone', () => {
    const c = mini('1. (C) AT&T paid 48 dollars and R&D cost 2008 more.\n\nSMITH\n');
    expect(c.paragraphs[0]!.text).toBe('AT&T paid 48 dollars and R&D cost 2008 more.');
    expect(repairs(c, 'telegraph-quotes')).toEqual([]);
  });
});

describe('trailing Markdown hard-break spaces', () => {
  it('08STATE125628: 17 lines ended in spaces; none does in the output', async () => {
    const c = await load('08STATE125628');
    expect(repairs(c, 'trailing-space')).toEqual([{ kind: 'trailing-space', line: 3, before: '17 lines ended in spaces', after: '' }]);
    const text = formatCable(c, 'text');
    expect(text.split('\n').filter((l) => / $/.test(l))).toEqual([]);
  });
});

describe('dash-underlined headings', () => {
  it('rule below only (05ROME3585 "Italian Elections" / "-----")', async () => {
    const c = await load('05ROME3585');
    expect(c.paragraphs.filter((p) => p.heading).map((p) => p.heading)).toEqual([
      'Italian Elections',
      'Iraq: Seeking a Way Forward',
      'Strongest Ally in Continental Europe',
      'Budget Woes',
      'Terrorist Threat Looms Large',
      'UN Reform/Iran/Russia/Balkans',
      'Visa Waiver Program',
    ]);
    expect(repairs(c, 'heading-rule')[0]).toEqual({ kind: 'heading-rule', line: 40, before: '-----------------', after: '' });
    const p = c.paragraphs.find((x) => x.heading === 'Italian Elections')!;
    expect(p.number).toBe(3);
    expect(p.text.startsWith('PM Silvio Berlusconi prides himself')).toBe(true);
  });

  it('rule above and below, including a split rule (06BAKU1835)', async () => {
    const c = await load('06BAKU1835');
    expect(c.paragraphs.filter((p) => p.heading).map((p) => [p.number, p.heading])).toEqual([
      [2, 'President Aliyev on Iran'],
      [3, 'Foreign Minister Mammadyarov on Iran'],
      [7, "Supreme Leader Khamenei's Alleged Anti-Azerbaijan Comments"],
      [8, 'Comment'],
    ]);
    expect(repairs(c, 'heading-rule').slice(0, 2).map((r) => r.line)).toEqual([66, 68]);
    expect(repairs(c, 'heading-rule').filter((r) => r.before === '--------------------------------------------- -------------').map((r) => r.line)).toEqual([180, 182]);
    expect(c.paragraphs.some((p) => /-{3}/.test(p.text))).toBe(false);
  });

  it('a spaced rule "- - - - - -" under a heading (minimal cable)', () => {
    const c = mini('Background\n- - - - - -\n\n1. (C) One.\n\n------------ --\nCOMMENT\n------------ --\n\n2. (C) Two.\n\nSMITH\n');
    expect(c.paragraphs.map((p) => [p.number, p.heading, p.text])).toEqual([
      [1, 'Background', 'One.'],
      [2, 'COMMENT', 'Two.'],
    ]);
    expect(repairs(c, 'heading-rule').map((r) => r.before)).toEqual(['- - - - - -', '------------ --', '------------ --']);
  });

  it('the text writer underlines the heading again', async () => {
    const c = await load('05ROME3585');
    expect(formatCable(c, 'text')).toContain('\nItalian Elections\n-----------------\n\n3. (C) PM Silvio Berlusconi');
  });

  // BUG (parser): a heading line and its rule that follow a paragraph without a blank line are
  // glued onto that paragraph. 09PESHAWAR2 lines 54–56: "¶9. … fear of the future." / "The Future" /
  // "----------" / "¶10. …". Expected paragraph 10 heading "The Future" and paragraph 9 not ending in
  // it; actual: paragraph 9 ends "…fear of the future. The Future", paragraph 10 heading null (same for
  // "Comment" / "- - - -" before ¶12 and the headings before ¶4, ¶5, ¶6, ¶9).
  it('09PESHAWAR2: headings directly under a paragraph keep their place', async () => {
    const c = await load('09PESHAWAR2');
    const byNumber = new Map(c.paragraphs.map((p) => [p.number, p]));
    expect(byNumber.get(9)!.text.endsWith('The Future')).toBe(false);
    expect(byNumber.get(10)!.heading).toBe('The Future');
    expect(byNumber.get(12)!.heading).toBe('Comment');
    expect(byNumber.get(4)!.heading).toBe('Closure Of Girls Schools?');
  });
});

describe('words hyphenated across a wrapped line', () => {
  // joinWrapped joins "well-" + "known" without a space and keeps the hyphen (it cannot know
  // whether the hyphen was the writer's or the wrap's), logging a hyphen-wrap repair.
  it('well-/known and inter-/agency are joined without a space, the hyphen kept', () => {
    const c = mini('1. (C) The well-\nknown delegation met the inter-\nagency team on Monday.\n\n2. (C) Two.\n\nSMITH\n');
    expect(c.paragraphs[0]!.text).toBe('The well-known delegation met the inter-agency team on Monday.');
    expect(repairs(c, 'hyphen-wrap')).toEqual([
      { kind: 'hyphen-wrap', line: 14, before: 'well-\nknown', after: 'well-known' },
      { kind: 'hyphen-wrap', line: 15, before: 'inter-\nagency', after: 'inter-agency' },
    ]);
  });

  it('a -- dash at a line end is not a hyphenated word', () => {
    const c = mini('1. (C) They said --\nnothing more.\n\nSMITH\n');
    expect(c.paragraphs[0]!.text).toBe('They said -- nothing more.');
    expect(repairs(c, 'hyphen-wrap')).toEqual([]);
  });

  // BUG (parser, joinWrapped): a capitalised word after the hyphen gets a space: "Secretary-\nGeneral"
  // → expected "Secretary-General", actual "Secretary- General" (no hyphen-wrap repair either).
  it('Secretary-/General is joined to Secretary-General', () => {
    const c = mini('1. (C) They met the Secretary-\nGeneral on Monday.\n\nSMITH\n');
    expect(c.paragraphs[0]!.text).toBe('They met the Secretary-General on Monday.');
  });
});

describe('the garbled repeat after a stray Q', () => {
  it('08OTTAWA372 paragraph 4 reads the quote once; the removed words are in the repair', async () => {
    const c = await load('08OTTAWA372');
    const p4 = c.paragraphs[3]!;
    expect(p4.number).toBe(4);
    expect(p4.text.endsWith('When asked if it is common for Canadian delegations to submit papers that run counter to national policy, Turcotte responded, "my remarks to the plenary are what matter."')).toBe(true);
    expect(p4.text.match(/my remarks to the plenary/g)).toEqual(['my remarks to the plenary']);
    expect(p4.text).not.toContain('Qpolicy');
    expect(repairs(c, 'garbled-repeat')).toEqual([
      { kind: 'garbled-repeat', line: 56, before: 'Qpolicy, Turcotte responded, "my remarks to the plenary are ', after: '' },
    ]);
    expect(warningKinds(c)).toEqual([]);
  });

  it('a short repeat is not certain: kept and reported as a garble', () => {
    const c = mini('1. (C) Officials said yes Qyes indeed.\n\nSMITH\n');
    expect(c.paragraphs[0]!.text).toBe('Officials said yes Qyes indeed.');
    expect(repairs(c, 'garbled-repeat')).toEqual([]);
    expect(c.warnings.map((w) => [w.kind, w.line])).toEqual([['garble', 13]]);
  });

  // BUG (normalizer, repairGarbles): every word starting with a capital Q and a lowercase letter
  // is taken for a stray Q. 07KUWAIT808 "Qatar" gets five `garble` warnings ("stray "Q" before
  // "atar…""); 09UNVIEVIENNA285 "Questions", "Qualifications"; 10STATE9124 "Qom". Expected no warning.
  it('Qatar is a word, not a garble', () => {
    const c = mini('1. (C) Qatar and Kuwait met.\n\nSMITH\n');
    expect(c.warnings).toEqual([]);
  });
});

describe('footer boilerplate', () => {
  it('05OTTAWA1502: "Visit Canada\'s Classified Web Site at" and its URL move to footer', async () => {
    const c = await load('05OTTAWA1502');
    expect(c.footer).toEqual(["Visit Canada's Classified Web Site at", 'http://www.state.sgov.gov/p/wha/ottawa']);
    expect(c.signature).toBe('DICKSON');
    expect(repairs(c, 'footer').map((r) => r.before)).toEqual(["Visit Canada's Classified Web Site at", 'http://www.state.sgov.gov/p/wha/ottawa']);
    expect(c.paragraphs.some((p) => /Visit Canada|sgov/.test(p.text))).toBe(false);
    expect(c.paragraphs[c.paragraphs.length - 1]!.text).toBe('This report has been approved by Acting Assistant Secretary for Political-Military Affairs Rose Likins.');
  });

  it('08OTTAWA372: the footer stands before the signer BREESE', async () => {
    const c = await load('08OTTAWA372');
    expect(c.footer).toEqual(["Visit Canada's Economy and Environment Forum at", 'http://www.intelink.gov/communities/state/can_ada']);
    expect(c.signature).toBe('BREESE');
  });
});

describe('publisher redactions XXXXXXXXXXXX', () => {
  it('01PRETORIA1173: kept in the text and marked publisher-redaction', async () => {
    const c = await load('01PRETORIA1173');
    const p = c.paragraphs.find((x) => x.marks)!;
    expect(p.number).toBe(3);
    expect(p.marks).toEqual([{ kind: 'publisher-redaction', start: 797, end: 809 }]);
    expect(p.text.slice(797, 809)).toBe('XXXXXXXXXXXX');
  });

  it('08STATE15220: lowercase xxxxxxxxxxxx is marked too, each span exact', async () => {
    const c = await load('08STATE15220');
    const p = c.paragraphs[1]!;
    expect(p.number).toBe(2);
    expect(p.marks!.map((m) => p.text.slice(m.start, m.end))).toEqual(Array(5).fill('xxxxxxxxxxxx'));
    expect(p.marks!.every((m) => m.kind === 'publisher-redaction')).toBe(true);
  });

  it('marks in bullets, and no mark where there is no redaction', () => {
    const c = mini('1. (C) Talks went well.\n-- XXXXXXXXXXXX said so.\n\n2. (C) Nothing hidden.\n\nSMITH\n');
    expect(c.paragraphs[0]!.marks).toBeUndefined();
    expect(c.paragraphs[0]!.bullets[0]).toEqual({ text: 'XXXXXXXXXXXX said so.', marks: [{ kind: 'publisher-redaction', start: 0, end: 12 }] });
    expect(c.paragraphs[1]!.marks).toBeUndefined();
  });
});

describe('signature', () => {
  it('an all-caps surname on the last line (08OTTAWA647 WILKINS)', async () => {
    const c = await load('08OTTAWA647');
    expect(c.signature).toBe('WILKINS');
    expect(c.paragraphs.some((p) => /WILKINS/.test(p.text))).toBe(false);
  });

  it('glued to the last sentence: "…restructuring. .FARRAR" and "END COMMENT EIKENBERRY"', () => {
    const a = mini('1. (C) The ministry is under restructuring. .FARRAR\n');
    expect([a.signature, a.paragraphs[0]!.text]).toEqual(['FARRAR', 'The ministry is under restructuring.']);
    expect(repairs(a, 'signature-split').map((r) => r.after)).toEqual(['1. (C) The ministry is under restructuring. / FARRAR']);
    const b = mini('1. (C) Comment: more later. END COMMENT EIKENBERRY\n');
    expect([b.signature, b.paragraphs[0]!.text]).toEqual(['EIKENBERRY', 'Comment: more later. END COMMENT']);
  });

  it('glued to a footer URL (08LONDON1115 "…Unit ed_Kingdom LEBARON")', async () => {
    const c = await load('08LONDON1115');
    expect(c.signature).toBe('LEBARON');
    expect(c.footer).toEqual(['Visit London’s Classified Website: http://www.intelink.sgov.gov/wiki/Portal:Unit ed_Kingdom']);
    expect(repairs(c, 'signature-split').length).toBe(1);
  });

  it('mixed case: LeBaron (07KUWAIT808), Vershbow (06SEOUL2238), Armbruster (09VLADIVOSTOK5)', async () => {
    expect((await load('07KUWAIT808')).signature).toBe('LeBaron');
    expect((await load('06SEOUL2238')).signature).toBe('Vershbow');
    expect((await load('09VLADIVOSTOK5')).signature).toBe('Armbruster');
  });

  it('mixed case glued to the last sentence: "…integrated into Europe. Edelman" (04ANKARA348)', async () => {
    const c = await load('04ANKARA348');
    expect(c.signature).toBe('Edelman');
    const last = c.paragraphs[c.paragraphs.length - 1]!;
    expect([last.number, last.heading]).toEqual([12, 'Comment']);
    expect(last.text.endsWith('a successful, democratic Turkey integrated into Europe.')).toBe(true);
    expect(repairs(c, 'signature-split').map((r) => r.line)).toEqual([53]);
  });

  it('no signer: the last paragraph is not taken for one (02BRASILIA4227)', async () => {
    const c = await load('02BRASILIA4227');
    expect(c.signature).toBeNull();
    expect(c.paragraphs[c.paragraphs.length - 1]!.text).toBe('AMBASSADOR REICH CLEARED THIS CABLE.');
  });
});

describe('partial-extract records', () => {
  it('05OTTAWA1502: partial, no date, the year from its file name (office and serial agree), with warnings', async () => {
    const c = await load('05OTTAWA1502');
    expect(c.partial).toBe(true);
    expect(c.id).toBe('05OTTAWA1502');
    expect([c.date, c.precedence, c.from, c.routing]).toEqual([null, null, null, []]);
    expect(c.declassify).toBe('2015-05-06');
    expect(c.warnings).toEqual([
      { kind: 'no-date', line: null, message: 'no date-time group, date line or page metadata: the cable has no date' },
      { kind: 'id-from-filename', line: null, message: 'no date-time group: year 2005 taken from the file name 05OTTAWA1502.txt' },
    ]);
    expect(formatCable(c, 'text').startsWith('This record is a partial extract of the original cable.')).toBe(true);
  });

  it('05OTTAWA1502 under a neutral name: the year that best fits the DECL date and the years named, with a warning', () => {
    const c = parseCable(readFileSync(new URL('05OTTAWA1502.txt', SAMPLES), 'utf8'), { file: 'cable.txt' });
    expect(c.id).toBe('05OTTAWA1502');
    expect(warningKinds(c)).toEqual(['no-date', 'id-inferred']);
  });

  it('a file name that disagrees with the office or serial changes nothing (07OTTAWA999.txt)', () => {
    const c = parseCable(readFileSync(new URL('05OTTAWA1502.txt', SAMPLES), 'utf8'), { file: 'x/07OTTAWA999.txt' });
    expect(c.id).toBe('05OTTAWA1502');
    expect(warningKinds(c)).not.toContain('id-from-filename');
  });

  it('no date and no DECL: the years named, placed against the month of "NOVEMBER 10 MEETING" (05MADRID4026 under a neutral name)', () => {
    const c = parseCable(readFileSync(new URL('05MADRID4026.txt', FIXTURES), 'utf8'), { file: 'cable.txt' });
    expect(c.id).toBe('05MADRID4026');
    expect(warningKinds(c)).toContain('id-inferred');
  });

  it('04ANKARA348: partial, but the date comes from its DTG line (no inference)', async () => {
    const c = await load('04ANKARA348');
    expect([c.partial, c.id, c.date]).toEqual([true, '04ANKARA348', '2004-01-20T12:47:00Z']);
    expect(warningKinds(c)).not.toContain('id-inferred');
  });

  it('a full cable is not partial (08OTTAWA372)', async () => {
    expect((await load('08OTTAWA372')).partial).toBe(false);
  });
});

describe('classification lines', () => {
  it('letter-spaced C O N F I D E N T I A L with section and office (08OTTAWA372)', async () => {
    const c = await load('08OTTAWA372');
    expect([c.classification.level, c.section, c.origin, c.number]).toEqual(['CONFIDENTIAL', { index: 1, total: 2 }, 'OTTAWA', 372]);
  });

  it('UNCLAS (07KINGSTON382) and UNCLAS SECTION 01 OF 03 (09VLADIVOSTOK5)', async () => {
    const k = await load('07KINGSTON382');
    expect([k.classification.level, k.section, k.origin, k.number]).toEqual(['UNCLASSIFIED', null, 'KINGSTON', 382]);
    const v = await load('09VLADIVOSTOK5');
    expect([v.classification.level, v.section]).toEqual(['UNCLASSIFIED', { index: 1, total: 3 }]);
  });

  it('sentence-cased C o n f i d e n t i a l section 01 of 04 ankara 000348 (04ANKARA348)', async () => {
    const c = await load('04ANKARA348');
    expect([c.classification, c.section, c.origin, c.number]).toEqual([
      { level: 'CONFIDENTIAL', caveats: ['SIPDIS'] },
      { index: 1, total: 4 },
      'ANKARA',
      348,
    ]);
  });

  it('S E C R E T (86MADRID5480)', async () => {
    const c = await load('86MADRID5480');
    expect([c.classification, c.origin, c.number]).toEqual([{ level: 'SECRET', caveats: [] }, 'MADRID', 5480]);
  });

  it('readClassificationLine on the written forms', () => {
    const read = (l: string) => {
      const r = readClassificationLine(l);
      return r && [r.level, r.caveats, r.rest];
    };
    expect(read('C O N F I D E N T I A L SECTION 01 OF 02 OTTAWA 000372')).toEqual(['CONFIDENTIAL', [], 'SECTION 01 OF 02 OTTAWA 000372']);
    expect(read('S E C R E T STATE 015220')).toEqual(['SECRET', [], 'STATE 015220']);
    expect(read('S e c r e t state 015220')).toEqual(['SECRET', [], 'state 015220']);
    expect(read('UUNCLAS STATE 1234')).toEqual(['UNCLASSIFIED', [], 'STATE 1234']);
    expect(read('UNCLAS SENSITIVE SECTION 01 OF 02 X 000001')).toEqual(['SENSITIVE BUT UNCLASSIFIED', [], 'SECTION 01 OF 02 X 000001']);
    expect(read('SECRET NOFORN SIPDIS KABUL 000123')).toEqual(['SECRET', ['NOFORN', 'SIPDIS'], 'KABUL 000123']);
    expect(read('Secretary Rice said')).toBeNull();
    expect(read('C ONFIDENTIAL')).toBeNull();
  });
});

describe('SENSITIVE on a classified cable', () => {
  it('SENSITIVE on an UNCLAS cable makes it SBU (09DAKAR1069)', async () => {
    const c = await load('09DAKAR1069');
    expect(c.classification).toEqual({ level: 'SENSITIVE BUT UNCLASSIFIED', caveats: ['SIPDIS'] });
  });

  // BUG (parser, caveat lines): a `SENSITIVE` line under a CONFIDENTIAL classification line is
  // dropped without a repair. 06SEOUL2238 line 25 `SENSITIVE` (also 08BRASILIA504, 06NEWDELHI5239):
  // expected the word kept (caveat or handling) or a logged repair; actual: in neither the model nor
  // the text, and no repair.
  it('06SEOUL2238: SENSITIVE is kept or its removal logged', async () => {
    const c = await load('06SEOUL2238');
    const kept = [...c.classification.caveats, ...c.handling, ...c.notes].includes('SENSITIVE');
    const logged = c.repairs.some((r) => r.before.includes('SENSITIVE'));
    expect(kept || logged).toBe(true);
  });
});

describe('portion markings', () => {
  it.each([
    ['C/NF', 'CONFIDENTIAL', ['NOFORN']],
    ['S//NF', 'SECRET', ['NOFORN']],
    ['C/REL CAN', 'CONFIDENTIAL', ['REL CAN']],
    ['SBU-N', 'SENSITIVE BUT UNCLASSIFIED', ['NOFORN']],
    ['U//FOUO', 'UNCLASSIFIED', ['FOUO']],
    ['S/Rel UK', 'SECRET', ['REL UK']],
    ['S-NF', 'SECRET', ['NOFORN']],
    ['/Rel UK', null, ['REL UK']],
    ['TS', 'TOP SECRET', []],
    ['SBU', 'SENSITIVE BUT UNCLASSIFIED', []],
  ] as const)('(%s)', (raw, level, caveats) => {
    expect(parsePortionMarking(raw)).toEqual({ raw, level, caveats: [...caveats] });
  });

  it('08STATE125628 paragraph 3 is (C/REL CAN); paragraph 4 is (SBU)', async () => {
    const c = await load('08STATE125628');
    expect(c.paragraphs.map((p) => p.marking?.raw)).toEqual(['U', 'C', 'C/REL CAN', 'SBU', 'U']);
    expect(c.paragraphs[2]!.marking).toEqual({ raw: 'C/REL CAN', level: 'CONFIDENTIAL', caveats: ['REL CAN'] });
  });
});

describe('date-time group, precedence, addressees', () => {
  it('O 141423Z MAR 08 → 2008-03-14T14:23:00Z, IMMEDIATE (08OTTAWA372)', async () => {
    const c = await load('08OTTAWA372');
    expect([c.date, c.precedence, c.from]).toEqual(['2008-03-14T14:23:00Z', 'IMMEDIATE', 'AMEMBASSY OTTAWA']);
  });

  it('P → PRIORITY (06BAKU1835), R → ROUTINE (07PARIS306)', async () => {
    const b = await load('06BAKU1835');
    expect([b.date, b.precedence]).toEqual(['2006-12-20T08:07:00Z', 'PRIORITY']);
    const p = await load('07PARIS306');
    expect([p.date, p.precedence]).toEqual(['2007-01-25T17:30:00Z', 'ROUTINE']);
  });

  it('readDateTimeGroup: Z → FLASH, 1970s years, no precedence, impossible dates', () => {
    expect(readDateTimeGroup('Z 010000Z JAN 09')).toEqual({ date: '2009-01-01T00:00:00Z', year: 2009, precedence: 'FLASH' });
    expect(readDateTimeGroup('R 250930Z FEB 72')).toEqual({ date: '1972-02-25T09:30:00Z', year: 1972, precedence: 'ROUTINE' });
    expect(readDateTimeGroup('291359Z Nov 00')).toEqual({ date: '2000-11-29T13:59:00Z', year: 2000, precedence: null });
    expect(readDateTimeGroup('O 311423Z FEB 08')).toBeNull();
  });

  it('to/info without routing indicators and serials (08OTTAWA372)', async () => {
    const c = await load('08OTTAWA372');
    expect(c.to.map((r) => r.name)).toEqual(['SECSTATE WASHDC']);
    expect(c.info.map((r) => r.name)).toEqual([
      'ALL CANADIAN POSTS COLLECTIVE',
      'HUMANITARIAN DEMINING COLLECTIVE',
      'NATO EU COLLECTIVE',
      'USMISSION GENEVA',
      'OSD WASHDC',
      'USMISSION UNVIE VIENNA',
      'JOINT STAFF WASHDC',
      'USMISSION USNATO',
      'CIA WASHDC',
      'USMISSION USOSCE',
      'USMISSION USUN NEW YORK',
    ]);
    expect(c.routing[0]).toBe('VZCZCXRO5278');
  });
});

describe('REF lists', () => {
  it('one line, A.–H. (01PRETORIA1173)', async () => {
    const c = await load('01PRETORIA1173');
    expect(c.references.map((r) => `${r.label}:${r.text}`)).toEqual([
      'A:99 PRETORIA 12315', 'B:99 PRETORIA 12316', 'C:00 PRETORIA 9150', 'D:00 CAPE TOWN 2150',
      'E:PRETORIA 425', 'F:PRETORIA 533', 'G:CAPE TOWN 179', 'H:PRETORIA 619',
    ]);
  });

  it('one line with two spaces between items (10ALGIERS39)', async () => {
    expect((await load('10ALGIERS39')).references).toMatchObject([
      { label: 'A', text: 'ALGIERS 20 (NOTAL)' },
      { label: 'B', text: 'STATE 001187' },
    ]);
  });

  it('multi-line, lower case, with a ¶B. (08STATE15220: 18 items a.–r.)', async () => {
    const c = await load('08STATE15220');
    expect(c.references.length).toBe(18);
    expect(c.references.slice(0, 3)).toMatchObject([
      { label: 'A', text: '05 state 201650' },
      { label: 'B', text: '05 berlin 3726' },
      { label: 'C', text: '05 state 211408' },
    ]);
    expect(c.references[11]).toMatchObject({ label: 'L', text: 'Mtcr poc 201/2006 - may 16 2006' });
    expect(c.references[17]).toMatchObject({ label: 'R', text: '07 berlin 2216' });
  });

  it('a single reference (07OTTAWA117 REF: STATE 6667)', async () => {
    expect((await load('07OTTAWA117')).references).toMatchObject([{ label: '', text: 'STATE 6667' }]);
  });

  it('A) style (86MADRID5480): three items with their letters', async () => {
    const c = await load('86MADRID5480');
    expect(c.references.map((r) => r.label)).toEqual(['A', 'B', 'C']);
    expect(c.references[2]).toMatchObject({ label: 'C', text: 'MADRID 5418' });
  });

  // BUG (readReferences): the comma that separates `A) MADRID 5426, B) MADRID 5425, C) …` stays
  // in the item: expected A "MADRID 5426", actual "MADRID 5426," (same for B).
  it('A) style: the separating comma is not part of the item', () => {
    expect(readReferences(['A) MADRID 5426, B) MADRID 5425, C) MADRID 5418'])).toMatchObject([
      { label: 'A', text: 'MADRID 5426' },
      { label: 'B', text: 'MADRID 5425' },
      { label: 'C', text: 'MADRID 5418' },
    ]);
  });

  it('free text that is not a lettered list is one reference', () => {
    expect(readReferences(['CAIRO 5589 AND PREVIOUS'])).toMatchObject([{ label: '', text: 'CAIRO 5589 AND PREVIOUS' }]);
  });

  // BUG (header): a dash-underlined heading right after a one-line REF is read as part of the REF.
  // 09ABUJA1907 lines 31–34 "Ref: Abuja 1836" / "-------" / "SUMMARY" / "-------": expected
  // references [{label:'', text:'Abuja 1836'}] and paragraph 1 heading "SUMMARY"; actual text
  // "Abuja 1836 ------- SUMMARY -------" and the heading is lost from the body.
  it('09ABUJA1907: the SUMMARY heading after REF is not swallowed by it', async () => {
    const c = await load('09ABUJA1907');
    expect(c.references).toMatchObject([{ label: '', text: 'Abuja 1836' }]);
    expect(c.paragraphs[0]!.heading).toBe('SUMMARY');
  });
});

describe('Classified By and its reasons', () => {
  it.each([
    ['PolMinCouns Scott Bellard, reasons 1.4 (b) and (d).', 'PolMinCouns Scott Bellard', ['1.4(b)', '1.4(d)']],
    ['Ambassador X, reasons 1.4(b),(d)', 'Ambassador X', ['1.4(b)', '1.4(d)']],
    ['DCM Y for reasons 1.4 B/D', 'DCM Y', ['1.4(b)', '1.4(d)']],
    ['Ambassador Eric Edelman; reasons 1.5 (b,d)', 'Ambassador Eric Edelman', ['1.5(b)', '1.5(d)']],
    ['Political Minister Counselor Maura Connelly, reason 1.4,  a/b/c/d.', 'Political Minister Counselor Maura Connelly', ['1.4(a)', '1.4(b)', '1.4(c)', '1.4(d)']],
    ['A B, Reasons 1.4 (b), (d) and (h)', 'A B', ['1.4(b)', '1.4(d)', '1.4(h)']],
  ] as const)('%s', (text, by, reasons) => {
    expect(readClassifiedBy(text)).toEqual({ by, reasons: [...reasons] });
  });

  it('08OTTAWA372 and 04ANKARA348 (1.5 (b,d)) on the real cables', async () => {
    const a = await load('08OTTAWA372');
    expect([a.classifiedBy, a.reasons]).toEqual(['PolMinCouns Scott Bellard', ['1.4(b)', '1.4(d)']]);
    const b = await load('04ANKARA348');
    expect([b.classifiedBy, b.reasons]).toEqual(['Ambassador Eric Edelman', ['1.5(b)', '1.5(d)']]);
  });

  it('the text writer prints the reasons back', async () => {
    expect(formatCable(await load('08OTTAWA372'), 'text')).toContain('\nClassified By: PolMinCouns Scott Bellard. Reasons: 1.4(b), 1.4(d).\n');
  });

  // Also 00HARARE6677 and 02BRASILIA4227 (1.5 … AND (d)).
  it('upper-case AND: 1.4 (B) AND (D)', async () => {
    expect(readClassifiedBy('POL M/C BRIAN FLORA. REASON 1.4 (B) AND (D).')).toEqual({ by: 'POL M/C BRIAN FLORA', reasons: ['1.4(b)', '1.4(d)'] });
    expect((await load('05OTTAWA1502')).reasons).toEqual(['1.4(b)', '1.4(d)']);
  });

  // BUG (readClassifiedBy): "for reasons 1.4. (b & d)." (09ABUJA1907) yields no reasons at all, and
  // the words "for reasons" vanish from the output without a repair. Expected ['1.4(b)', '1.4(d)'].
  it('1.4. (b & d) with a dot after the section', () => {
    expect(readClassifiedBy('Deputy Chief of Mission Dundas McCullough for reasons 1.4. (b & d).')).toEqual({
      by: 'Deputy Chief of Mission Dundas McCullough',
      reasons: ['1.4(b)', '1.4(d)'],
    });
  });
});

describe('E.O. forms', () => {
  it('E.O. 12958: DECL: 03/14/2018 (08OTTAWA372)', async () => {
    const c = await load('08OTTAWA372');
    expect([c.eo, c.declassify, c.eoLine]).toEqual(['12958', '2018-03-14', 'E.O. 12958: DECL: 03/14/2018']);
  });

  it('EO 12958 DECL: 11/29/10 with a two-digit year (00HARARE6677)', async () => {
    const c = await load('00HARARE6677');
    expect([c.eo, c.declassify]).toEqual(['12958', '2010-11-29']);
  });

  it('E.O. 12958:N/A (06BRIDGETOWN2164), E.O. 11652: GDS (75TEHRAN2069), E.O. 12356: DECL: OADR (86MADRID5480)', async () => {
    const a = await load('06BRIDGETOWN2164');
    expect([a.eo, a.declassify, a.eoLine]).toEqual(['12958', null, 'E.O. 12958:N/A']);
    const b = await load('75TEHRAN2069');
    expect([b.eo, b.declassify, b.eoLine]).toEqual(['11652', null, 'E.O. 11652: GDS']);
    const c = await load('86MADRID5480');
    expect([c.eo, c.declassify, c.eoLine]).toEqual(['12356', null, 'E.O. 12356: DECL: OADR']);
  });

  it('lower-case E.o. 12958: decl: 01/07/2014 sharing its line with Tags and Subject (04ANKARA348)', async () => {
    const c = await load('04ANKARA348');
    expect([c.eo, c.declassify]).toEqual(['12958', '2014-01-07']);
    expect(c.tags).toEqual(['PREL', 'PGOV', 'PINS', 'TU']);
    expect(c.subject).toBe('turkish p.m. Erdogan goes to washington: how strong a leader in the face of strong challenges?');
  });
});

describe('TAGS', () => {
  it('wrapped onto a second line (09USEUBRUSSELS948 … PREL / EUN)', async () => {
    const c = await load('09USEUBRUSSELS948');
    expect(c.tags).toEqual(['ECON', 'EFIN', 'ETRD', 'EIND', 'ECIN', 'EAGR', 'EINV', 'ETTC', 'OECD', 'PREL', 'EUN']);
  });

  it('comma-separated and lower case (08STATE15220 Tags: parm, prel, …)', async () => {
    expect((await load('08STATE15220')).tags).toEqual(['PARM', 'PREL', 'ETTC', 'MTCRE', 'KSCA', 'GM', 'IR']);
  });
});

describe('SUBJECT', () => {
  it('wrapped over two lines is one line (08OTTAWA372)', async () => {
    const c = await load('08OTTAWA372');
    expect(c.subject).toBe('CANADA: DISCORD OVER OSLO PROCESS AND NATO INTEROPERABILITY');
    expect(c.subjectMarking).toBeNull();
  });

  it('with its own marking (08STATE15220 "Subject: (s) further scheming …")', async () => {
    const c = await load('08STATE15220');
    expect(c.subjectMarking).toEqual({ raw: 's', level: 'SECRET', caveats: [] });
    expect(c.subject).toBe('further scheming by german firm to export test chamber to iranian ballistic missile program');
    expect(formatCable(c, 'text')).toContain('\nSUBJECT: (s) further scheming by german firm to export test chamber to iranian ballistic missile program\n');
  });

  // BUG (header): a page header inside a wrapped SUBJECT is read as subject text. 00HARARE6677
  // lines 33–35 "SUBJECT: ASSISTANT SECRETARY MEETS WITH ZIMBABWE" / " CONFIDENTIAL" / "PAGE 02 HARARE
  // 06677 01 OF 03 291400Z OPPOSITION LEADER": expected subject "ASSISTANT SECRETARY MEETS WITH
  // ZIMBABWE OPPOSITION LEADER"; actual "… ZIMBABWE CONFIDENTIAL PAGE 02 HARARE 06677 01 OF 03 291400Z
  // OPPOSITION LEADER".
  it('00HARARE6677: a page header inside the wrapped SUBJECT is removed', async () => {
    expect((await load('00HARARE6677')).subject).toBe('ASSISTANT SECRETARY MEETS WITH ZIMBABWE OPPOSITION LEADER');
  });
});

describe('Windows-1252 + CRLF input', () => {
  it('07BOGOTA1232.txt: Latin-1 bytes and CRLF are decoded, logged, and leave no trace', async () => {
    const bytes = readFileSync(new URL('07BOGOTA1232.txt', FIXTURES));
    expect(bytes.includes(0xb6)).toBe(true);
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);
    const c = await load('07BOGOTA1232');
    expect(c.shape).toBe('pdf-text');
    expect(c.repairs.slice(0, 2)).toEqual([
      { kind: 'encoding', line: 1, before: 'windows-1252', after: 'utf-8' },
      { kind: 'line-ends', line: 1, before: 'CRLF', after: 'LF' },
    ]);
    expect(repairs(c, 'paragraph-marker').length).toBe(10);
    expect(numbers(c)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([c.id, c.date, c.signature]).toEqual(['07BOGOTA1232', '2007-02-21T23:31:00Z', 'DRUCKER']);
    const text = formatCable(c, 'text');
    expect(/[\r\uFFFD¶]/.test(text)).toBe(false);
  });
});

describe('HTML page input', () => {
  it('06BAKU1835.html: the metadata table gives sourceId; the body matches the .txt', async () => {
    const h = await load('06BAKU1835.html');
    const t = await load('06BAKU1835');
    expect([h.shape, h.sourceId, h.id]).toEqual(['release-html', '06BAKU1835', '06BAKU1835']);
    expect(t.sourceId).toBeNull();
    expect(numbers(h)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(h.paragraphs.map((p) => p.text)).toEqual(t.paragraphs.map((p) => p.text));
    expect([h.signature, h.subject, h.date]).toEqual([t.signature, t.subject, t.date]);
  });

  it('a page whose table id differs from the text keeps the table id and warns', () => {
    const html = readFileSync(new URL('06BAKU1835.html', FIXTURES), 'utf8').replace(/06BAKU1835(?=<)/g, '06BAKU9999');
    const c = parseCable(html);
    expect([c.id, c.sourceId]).toEqual(['06BAKU9999', '06BAKU9999']);
    expect(c.warnings.map((w) => w.kind)).toContain('id-mismatch');
  });
});

// BUG (numbering): 08LONDON1115 paragraph 2 quotes a letter with its own ¶1.–¶7.; the sequence
// picks the letter's unmarked 1–7 and turns the cable's own marked ¶1. (S/NF), ¶2. (S/Rel UK) and
// ¶3. (S/NF) into unnumbered text (three marked of ten candidates is not a "majority", so each
// marked one weighs 0.2). Expected numbers [1, 2, 3] with markings S/NF, S/Rel UK, S/NF and the
// letter inside paragraph 2; actual [null, null, 1, 2, 3, 4, 5, 6, 7, null], markings lost.
describe('an enumerated letter quoted inside a paragraph', () => {
  it('08LONDON1115: the cable\'s marked ¶1–¶3 are its paragraphs', async () => {
    const c = await load('08LONDON1115');
    expect(c.paragraphs.filter((p) => p.number !== null).map((p) => [p.number, p.marking?.raw])).toEqual([
      [1, 'S/NF'],
      [2, 'S/Rel UK'],
      [3, 'S/NF'],
    ]);
  });
});

describe('marked sub-headings without dashes', () => {
  // 10RIYADH61: `(U) Al-Haramain Foundation` stands on the line right after paragraph 9's text.
  it('10RIYADH61: a marked line after a finished paragraph heads the next paragraph', async () => {
    const c = await load('10RIYADH61');
    const p9 = c.paragraphs.find((p) => p.number === 9)!;
    const p10 = c.paragraphs.find((p) => p.number === 10)!;
    expect(p9.heading).toBe('(S/NF) Jamaat al-Dawa al-Quran wa al-Sunna');
    expect(p10.heading).toBe('(U) Al-Haramain Foundation');
    expect(c.paragraphs.find((p) => p.number === 8)!.text).not.toContain('Jamaat al-Dawa al-Quran wa al-Sunna');
  });
});
