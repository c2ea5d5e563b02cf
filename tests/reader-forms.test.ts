/**
 * Reader forms of issue 19, each as its general form: a made-up instance, and the real cable that
 * showed it where the shared pages have one (a minimal copy in tests/fixtures/forms/, see SOURCES.md
 * there). Every instance also keeps every word (in the text output or in a logged repair).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCable } from '../src/readers/cable/parse.js';
import { readClassifiedBy } from '../src/readers/cable/classified-by.js';
import { readReferences, identifyReferences } from '../src/readers/cable/references.js';
import { readRouting } from '../src/readers/cable/routing.js';
import { readTags } from '../src/readers/cable/tags.js';
import { canonicalCableId } from '../src/readers/cable/cable-id.js';
import { ChangeLog } from '../src/normalize/log.js';
import { formatCable } from '../src/writers/format.js';
import { lostWords } from '../src/review/audit.js';
import type { Cable } from '../src/model/cable.js';

const FORMS = 'tests/fixtures/forms/';
/** A real cable's minimal copy, read under a neutral file name (no file-name hint). */
const real = (id: string): { cable: Cable; raw: string } => {
  const raw = readFileSync(`${FORMS}${id}.txt`, 'utf8');
  return { cable: parseCable(raw, { file: 'cable.txt' }), raw };
};
/** A made-up cable: a routing header, a classification line, then the given header and body lines. */
const madeUp = (...lines: string[]): { cable: Cable; raw: string } => {
  const raw = ['R 041820Z JAN 10', 'FM AMEMBASSY OTTAWA', 'TO SECSTATE WASHDC 0001', '', 'C O N F I D E N T I A L OTTAWA 000123', '', ...lines, '', '1. (C) The talks went well.'].join('\n');
  return { cable: parseCable(raw, { file: 'cable.txt' }), raw };
};
const keepsEveryWord = ({ cable, raw }: { cable: Cable; raw: string }) => expect(lostWords(cable, raw)).toEqual([]);
const refs = (text: string, year = 2010) => identifyReferences(readReferences([text]), year).map((r) => [r.label, r.id]);
const tags = (text: string) => readTags(text, 1, new ChangeLog());

describe('reasons as written', () => {
  it('letters alone are the reasons, kept as written: "for reasons b, d."', () => {
    expect(readClassifiedBy('Classified By: DCM A. Person for reasons b, d.')).toEqual({ by: 'DCM A. Person', reasons: ['b', 'd'] });
    expect(readClassifiedBy('Classified By: A. Person; Reasons (b) and (d)').reasons).toEqual(['b', 'd']);
    expect(readClassifiedBy('A. Person. Reasons: b, d.').reasons).toEqual(['b', 'd']); // the text output reads back the same
    const c = madeUp('Classified By: DCM A. Person for reasons b, d.');
    expect([c.cable.classifiedBy, c.cable.reasons]).toEqual(['DCM A. Person', ['b', 'd']]);
    keepsEveryWord(c);
  });
  it('the section typed 14 or 1:4 is 1.4; a wrapped "a nd", "( d)", "(b+d)", "1.4B AND D"', () => {
    expect(readClassifiedBy('X for reasons 14 (b) and (d).').reasons).toEqual(['1.4(b)', '1.4(d)']);
    expect(readClassifiedBy('X for Reasons 1:4 b,d').reasons).toEqual(['1.4(b)', '1.4(d)']);
    expect(readClassifiedBy('X for reasons 1.4 (b) a nd (d)').reasons).toEqual(['1.4(b)', '1.4(d)']);
    expect(readClassifiedBy('X for reasons 1.4 (b) and ( d)').reasons).toEqual(['1.4(b)', '1.4(d)']);
    expect(readClassifiedBy('X, Reasons 1.4(b+d)').reasons).toEqual(['1.4(b)', '1.4(d)']);
    expect(readClassifiedBy('X, REASONS 1.4B AND D .').reasons).toEqual(['1.4(b)', '1.4(d)']);
    expect(readClassifiedBy('X for reasons 1.4 (b. and d.)').reasons).toEqual(['1.4(b)', '1.4(d)']);
  });
  it('what the written-back line drops is logged, never lost: a REASON: with nothing after it, "reasons of state"', () => {
    for (const line of ['Classified By: A. Person, Director. REASON:', 'Classified By: A. Person for reasons of national security']) {
      const c = madeUp(line);
      expect(c.cable.repairs.map((r) => r.kind)).toContain('classified-by');
      keepsEveryWord(c);
    }
  });
  it('the order a statement cites (E.O. 12958, reasons …) is no E.O. line; per / under / based on lead into the reasons', () => {
    const c = madeUp('E.O. 12958: DECL: 01/04/2020', 'TAGS: PREL', 'SUBJECT: A MADE-UP CABLE', '', 'Classified By: PolOff A. Person, E.O. 12958, reasons 1.4 (b,d)');
    expect([c.cable.classifiedBy, c.cable.reasons, c.cable.eoLine]).toEqual(['PolOff A. Person', ['1.4(b)', '1.4(d)'], 'E.O. 12958: DECL: 01/04/2020']);
    keepsEveryWord(c);
    expect(readClassifiedBy('Classified by: Ambassador A. Person, per 1.4 (b) and (d)').by).toBe('Ambassador A. Person');
    expect(readClassifiedBy('Classified By: DCM A. PERSON BASED ON E.O.12958 REASONS 1.4 (b) and (d)').by).toBe('DCM A. PERSON');
  });
  it.each([
    ['05ANKARA7215', 'PolCouns Janice G. Weiner', ['1.4(b)', '1.4(d)']],
    ['08BUENOSAIRES235', 'DCM Tom Kelly', ['b', 'd']],
    ['10KABUL436', 'D/Ambassador Ricciardone', ['b', 'd']],
    ['08BERLIN643', 'Glbal Affairs Unit Chief Don L. Brown', ['1.4(b)', '1.4(d)']],
    ['09KABUL1892', 'Ambassador Karl W. Eikenberry', ['1.4(b)', '1.4(d)']],
    ['09MADRID392', 'Charge D’Affaires Arnold A. Chacon', ['1.4(b)', '1.4(d)']],
    ['09STATE132349', 'ELISSA G. PITTERLE, DIRECTOR, INR/OPS', ['1.4(c)']],
  ])('%s (real)', (id, by, reasons) => {
    const c = real(id);
    expect([c.cable.classifiedBy, c.cable.reasons]).toEqual([by, reasons]);
    keepsEveryWord(c);
  });
});

describe('references', () => {
  it('lettered references in parentheses on one line, glued to the office: (A)STATE 012345, (B)ROME 2345, (C)…', () => {
    expect(refs('(A)STATE 012345, (B)ROME 2345, (C)PARIS 456')).toEqual([['A', '10STATE12345'], ['B', '10ROME2345'], ['C', '10PARIS456']]);
    expect(refs('A)STATE 12345 B)09 ROME 2345')).toEqual([['A', '10STATE12345'], ['B', '09ROME2345']]);
    expect(refs('A.STATE 12345 B.ROME 2345')).toEqual([['A', '10STATE12345'], ['B', '10ROME2345']]);
    // a letter inside a name is no label
    expect(refs('MEETING WITH A.SMITH')).toEqual([['', null]]);
  });
  it('a serial followed by its year in parentheses: DOHA 152 (08), STATE 12345 (2009)', () => {
    expect(refs('A. STATE 12345 (2009) B. ROME 234 (07) C. ROME 99')).toEqual([['A', '09STATE12345'], ['B', '07ROME234'], ['C', '10ROME99']]);
    expect(canonicalCableId('OTTAWA 372 (08)')).toBe('08OTTAWA372');
    // the year ending a date in parentheses: a DTG, a written date
    expect(refs('A. SECSTATE 12345 (091234Z JAN 08) B. ROME 234 (MARCH 3, 2007)')).toEqual([['A', '08STATE12345'], ['B', '07ROME234']]);
    // before the next office and serial, the year is that one's: `(99) ROME 2196`
    expect(refs('BRASILIA 709 (08) SAO PAULO 542')).toEqual([['', '10BRASILIA709'], ['', '08SAOPAULO542']]);
  });
  it('09DOHA214 (real): B. DOHA 152 (08) … D. DOHA 311 (07)', () => {
    expect(real('09DOHA214').cable.references.map((r) => r.id)).toEqual(['09STATE15113', '08DOHA152', '08DOHA75', '07DOHA311']);
  });
  it('the letter O typed for a zero in a year, a zero for an O in an office', () => {
    expect(refs('O8 STATE 12345')).toEqual([['', '08STATE12345']]);
    expect(refs('A. 2OO8 ROME 234 B. O7 R0ME 235')).toEqual([['A', '08ROME234'], ['B', '07ROME235']]);
    expect(canonicalCableId('O5 0TTAWA 3518')).toBe('05OTTAWA3518');
    // an office that starts with O keeps it
    expect(refs('OSLO 585')).toEqual([['', '10OSLO585']]);
  });
  it('a colon after the office: STATE: 12345', () => {
    expect(refs('A. STATE: 12345 B. 09 ROME: 2345')).toEqual([['A', '10STATE12345'], ['B', '09ROME2345']]);
    expect(canonicalCableId('OTTAWA: 372', { year: 2008 })).toBe('08OTTAWA372');
  });
});

describe('a page header inside the routing', () => {
  it('TO PAGE 02 STATE 015113 182333Z is no recipient; the addressees after it are', () => {
    const r = readRouting(['O 182333Z JAN 09', 'FM SECSTATE WASHDC', 'TO PAGE 02 STATE 015113 182333Z', 'AMEMBASSY PARIS IMMEDIATE', 'INFO PAGE 03        STATE   015113  01 OF 02  182333Z  USMISSION GENEVA', 'AMEMBASSY BERN']);
    expect(r.to.map((x) => x.name)).toEqual(['AMEMBASSY PARIS']);
    expect(r.info.map((x) => x.name)).toEqual(['USMISSION GENEVA', 'AMEMBASSY BERN']);
  });
  it('08STATE50524 (real): INFO PAGE 02 STATE 050524 131535Z', () => {
    const c = real('08STATE50524');
    expect(c.cable.info.map((x) => x.name)).toEqual(['AMEMBASSY BAGHDAD']);
    keepsEveryWord(c);
  });
});

describe('phrase tags at the end of a TAGS line', () => {
  it('the words after the codes are one tag: a program or topic name', () => {
    expect(tags('SNAR PGOV CO PLAN COLOMBIA')).toEqual(['SNAR', 'PGOV', 'CO', 'PLAN COLOMBIA']);
    expect(tags('ECON ETRD EU TRADE POLICY')).toEqual(['ECON', 'ETRD', 'EU', 'TRADE POLICY']);
    expect(tags('ENRG EPET OIL AND GAS')).toEqual(['ENRG', 'EPET', 'OIL AND GAS']);
    expect(tags('PREL PGOV SOCI HUMAN RIGHTS AND DEMOCRACY')).toEqual(['PREL', 'PGOV', 'SOCI', 'HUMAN RIGHTS AND DEMOCRACY']);
    expect(tags('PREL PHUM UN HUMAN RIGHTS COUNCIL')).toEqual(['PREL', 'PHUM', 'UN', 'HUMAN RIGHTS COUNCIL']);
    expect(tags('KDEM PGOV ZI ZIMBABWE ELECTIONS 2008')).toEqual(['KDEM', 'PGOV', 'ZI', 'ZIMBABWE ELECTIONS 2008']);
    expect(tags('AMGT ASEC SECURITY ASSISTANCE')).toEqual(['AMGT', 'ASEC', 'SECURITY ASSISTANCE']);
    expect(tags('PTER PREL AF OPERATION ENDURING FREEDOM')).toEqual(['PTER', 'PREL', 'AF', 'OPERATION ENDURING FREEDOM']);
    expect(tags('PREL, PGOV, SOCIETY AND CULTURE')).toEqual(['PREL', 'PGOV', 'SOCIETY AND CULTURE']);
  });
  it('codes after a phrase, two known phrases, short acronyms stay apart', () => {
    expect(tags('PGOV PREL POLITICAL PARTIES KDEM')).toEqual(['PGOV', 'PREL', 'POLITICAL PARTIES', 'KDEM']);
    expect(tags('IS ISRAELI PALESTINIAN AFFAIRS GOI EXTERNAL')).toEqual(['IS', 'ISRAELI PALESTINIAN AFFAIRS', 'GOI EXTERNAL']);
    expect(tags('PREL FBI JUS')).toEqual(['PREL', 'FBI', 'JUS']);
  });
  it('05ANKARA7215 (real): TAGS: ECON PGOV PINR TU POLITICAL PARTIES', () => {
    expect(real('05ANKARA7215').cable.tags).toEqual(['ECON', 'PGOV', 'PINR', 'TU', 'POLITICAL PARTIES']);
  });
  it('in a cable: TAGS: … then the phrase, words kept', () => {
    const c = madeUp('E.O. 12958: DECL: 01/04/2020', 'TAGS: PREL PGOV CO PLAN COLOMBIA', 'SUBJECT: A MADE-UP CABLE');
    expect(c.cable.tags).toEqual(['PREL', 'PGOV', 'CO', 'PLAN COLOMBIA']);
    keepsEveryWord(c);
  });
});

describe('a page the release joined to another cable\'s text', () => {
  it('made up: FM and DE name one cable, the classification line another: the id is the routing\'s, with a warning', () => {
    const raw = ['DE RUEHFR #2725/01 1770754', 'ZNY CCCCC ZZH', 'O 260754Z JUN 07', 'FM AMEMBASSY PARIS', 'TO RUEHC/SECSTATE WASHDC IMMEDIATE 8471', '', 'S E C R E T MOSCOW 005154', '', 'SUBJECT: ARMS SALES', '', '1. (S) Text.'].join('\n');
    const c = parseCable(raw);
    expect([c.id, c.origin, c.number, c.classification.level]).toEqual(['07PARIS2725', 'MOSCOW', 5154, 'SECRET']);
    expect(c.warnings.map((w) => w.kind)).toEqual(['spliced-text']);
    // the same office and serial (a DE sequence of four digits, USEU for BRUSSELS) is no splice
    const same = parseCable(raw.replace('#2725', '#5154').replace('AMEMBASSY PARIS', 'AMEMBASSY MOSCOW'));
    expect([same.id, same.warnings]).toEqual(['07MOSCOW5154', []]);
  });
  it.each([
    ['07PARIS2725', '07PARIS2725'],
    ['10MEXICO614', '10MEXICO614'],
    ['09HAVANA132', '09MOSCOW512'], // no DE line: the id stays the text's, the warning says so
  ])('%s (real)', (id, expected) => {
    const c = real(id);
    expect(c.cable.id).toBe(expected);
    expect(c.cable.warnings.map((w) => w.kind)).toContain('spliced-text');
    keepsEveryWord(c);
  });
});

describe('other forms the shared pages showed', () => {
  it('a SENSITIVE BUT UNCLASSIFIED line under UNCLAS makes the cable SBU, and stays (09PRETORIA954, real)', () => {
    const c = real('09PRETORIA954');
    expect(c.cable.classification.level).toBe('SENSITIVE BUT UNCLASSIFIED');
    expect(c.cable.handling).toContain('SENSITIVE BUT UNCLASSIFIED');
    keepsEveryWord(c);
    const text = formatCable(c.cable, 'text');
    expect(formatCable(parseCable(text), 'text')).toBe(text);
  });
  it('a number and its marking at a line start after a finished sentence starts a paragraph without a blank line', () => {
    const raw = ['R 041820Z JAN 10', 'FM AMEMBASSY OTTAWA', 'TO SECSTATE WASHDC 0001', '', 'C O N F I D E N T I A L OTTAWA 000123', '', 'SUBJECT: A MADE-UP CABLE', '', '1. (C) The first.', '', '2. (C) The second paragraph ends here.', '3.(C) The third starts on the next line.', '', '4. (C) The fourth.'].join('\n');
    const c = parseCable(raw);
    expect(c.paragraphs.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    // inside a sentence it is no start: `… the year\n3. (C) …` reads on
    const within = parseCable(raw.replace('ends here.', 'ends with item'));
    expect(within.paragraphs.map((p) => p.number)).toEqual([1, 2, 4]);
  });
  it('10ISLAMABAD399 (real): 2.(C) … / 3.(C) … on consecutive lines: no gap', () => {
    const c = real('10ISLAMABAD399');
    expect(c.cable.paragraphs.filter((p) => p.number !== null).map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect(c.cable.warnings.map((w) => w.kind)).not.toContain('paragraph-sequence');
  });
  it('a label glued to the word before it is split with a repair: PRIMEREF: (08LONDON1991, real)', () => {
    const c = real('08LONDON1991');
    expect(c.cable.subject).toMatch(/AS UK PRIME$/);
    expect(c.cable.repairs.find((r) => r.kind === 'glued-label')).toMatchObject({ before: 'PRIMEREF:', after: 'PRIME REF:' });
    keepsEveryWord(c);
  });
});
