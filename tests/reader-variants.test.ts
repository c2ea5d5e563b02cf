/**
 * Reader forms that variants of the peer's cases showed (scripts/reader-variants.mjs: each case
 * rewritten as unseen cables write the same thing), each as its general form: made-up instances,
 * and the real cable where the shared pages have one (tests/fixtures/forms/, see SOURCES.md there).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCable } from '../src/readers/cable/parse.js';
import { readClassifiedBy } from '../src/readers/cable/classified-by.js';
import { readReferences, identifyReferences } from '../src/readers/cable/references.js';
import { readTags } from '../src/readers/cable/tags.js';
import { ChangeLog } from '../src/normalize/log.js';
import { lostWords } from '../src/review/audit.js';
import { formatCable } from '../src/writers/format.js';
import type { Cable } from '../src/model/cable.js';

const real = (id: string): { cable: Cable; raw: string } => {
  const raw = readFileSync(`tests/fixtures/forms/${id}.txt`, 'utf8');
  return { cable: parseCable(raw, { file: 'cable.txt' }), raw };
};
const madeUp = (...lines: string[]): { cable: Cable; raw: string } => {
  const raw = ['R 041820Z JAN 10', 'FM AMEMBASSY OTTAWA', 'TO SECSTATE WASHDC 0001', '', 'C O N F I D E N T I A L OTTAWA 000123', '', ...lines].join('\n');
  return { cable: parseCable(raw, { file: 'cable.txt' }), raw };
};
const keepsEveryWord = ({ cable, raw }: { cable: Cable; raw: string }) => expect(lostWords(cable, raw)).toEqual([]);
const refIds = (text: string, year = 2008) => identifyReferences(readReferences([text]), year).map((r) => r.id).filter(Boolean);

describe('a header field cut by a blank line', () => {
  it('a SUBJECT goes on after a blank line when another field follows', () => {
    const c = madeUp('TAGS: PREL, CA', 'SUBJECT: CANADA AND THE UNITED STATES DISCUSS THE', '', 'ARCTIC COUNCIL', '', 'REF: OTTAWA 123', '', 'Classified By: DCM A. Person, reasons 1.4 (b) and (d).', '', '1. (C) The talks went well.');
    expect(c.cable.subject).toBe('CANADA AND THE UNITED STATES DISCUSS THE ARCTIC COUNCIL');
    expect(c.cable.references.map((r) => r.id)).toEqual(['10OTTAWA123']);
    expect(c.cable.classifiedBy).toBe('DCM A. Person');
    keepsEveryWord(c);
  });
  it('not when the body follows, nor for a handling or caveat line', () => {
    const body = madeUp('SUBJECT: CANADA AND THE ARCTIC', '', 'THE TALKS WENT WELL AND WILL GO ON.', '', '2. (C) More.');
    expect(body.cable.subject).toBe('CANADA AND THE ARCTIC');
    const caveat = madeUp('SUBJECT: CANADA AND THE ARCTIC', '', 'SIPDIS', '', 'REF: OTTAWA 123', '', '1. (C) Text.');
    expect(caveat.cable.subject).toBe('CANADA AND THE ARCTIC');
    const mixed = madeUp('SUBJECT: Canada and the Arctic', '', 'DEPARTMENT FOR WHA/CAN', '', 'REF: OTTAWA 123', '', '1. (C) Text.');
    expect(mixed.cable.subject).toBe('Canada and the Arctic');
  });
  it('the reasons of a Classified By line after a blank line', () => {
    const c = madeUp('SUBJECT: A MADE-UP CABLE', '', 'Classified By: AMBASSADOR A. PERSON FOR REASONS', '', '1.4 B, D', '', '1. (C) The talks went well.');
    expect([c.cable.classifiedBy, c.cable.reasons]).toEqual(['AMBASSADOR A. PERSON', ['1.4(b)', '1.4(d)']]);
    expect(c.cable.paragraphs[0]!.text).toBe('The talks went well.');
    keepsEveryWord(c);
  });
  it('09LONDON1946 and 07LONDON4472 (real)', () => {
    const a = real('09LONDON1946');
    expect(a.cable.subject).toBe('SCOTTISH PARLIAMENT HOLDS EMERGENCY SESSION AS DEBATE OVER MEGRAHI DECISION REACHES FEVER PITCH');
    expect(a.cable.references.map((r) => r.id)).toEqual(['09LONDON1925', '09STATE80743']);
    expect(a.cable.classifiedBy).toBe('Ambassador Louis B. Susman');
    keepsEveryWord(a);
    const b = real('07LONDON4472');
    expect(b.cable.subject).toBe('SCENESETTER FOR SECRETARY PETERS’ DECEMBER 7 VISIT TO LONDON');
    expect([b.cable.classifiedBy, b.cable.reasons]).toEqual(['AMBASSADOR ROBERT H. TUTTLE', ['1.4(b)', '1.4(d)']]);
    keepsEveryWord(b);
  });
});

describe('the declassification date', () => {
  it('is read in the forms cables write it', () => {
    const decl = (line: string) => madeUp(line, 'TAGS: PREL', 'SUBJECT: A MADE-UP CABLE', '', '1. (C) Text.').cable.declassify;
    expect(decl('E.O. 12958: DECL: 1/2/2018')).toBe('2018-01-02');
    expect(decl('E.O. 12958: DECL: 01/02/18')).toBe('2018-01-02');
    expect(decl('EO 12958 DECL 01/02/2018')).toBe('2018-01-02');
    expect(decl('E.O. 12958: DECL: 2018/01/02')).toBe('2018-01-02');
    expect(decl('E.O. 12958: DECL: 2018-01-02')).toBe('2018-01-02');
    expect(decl('E.O. 12958: DECL: 01-02-2018')).toBe('2018-01-02');
    expect(decl('E.O. 12958: DECL: 01.02.2018')).toBe('2018-01-02');
    // a date right after the order, no DECL label (09ABUDHABI347: `E.O. 12958: 03/24/2019`)
    expect(decl('E.O. 12958: 03/24/2019')).toBe('2019-03-24');
  });
  it('is none for OADR, X-codes, N/A, a condition or a downgrade date', () => {
    const decl = (line: string) => madeUp(line, 'TAGS: PREL', 'SUBJECT: A MADE-UP CABLE', '', '1. (C) Text.').cable.declassify;
    for (const line of ['E.O. 12958: DECL: OADR', 'E.O. 12958: DECL: X1', 'E.O. 12958: N/A', 'E.O. 12958: DECL: 1.6X6', 'E.O. 12958: DECL: TEN YEARS AFTER KOREAN UNIFICATION', 'E.O. 12958: DNG: CO 01/26/2021'])
      expect(decl(line)).toBeNull();
  });
});

describe('other forms the variants showed', () => {
  it("the stop of Jr. stays when the reasons follow with 'under' or the order cited", () => {
    expect(readClassifiedBy('Classified By: A/DCM John A. Smith, Jr. under 1.4 b/d').by).toBe('A/DCM John A. Smith, Jr.');
    expect(readClassifiedBy('Classified By: John A. Smith, Jr., E.O. 12958, reasons 1.4 (b) and (d).').by).toBe('John A. Smith, Jr.');
    expect(readClassifiedBy('Classified By: Ambassador John Smith. Reason: 1.4 (d)').by).toBe('Ambassador John Smith');
  });
  it('the label written again before the name, what leads into the reasons, kept out of the name', () => {
    expect(readClassifiedBy('Classified By: (U)  CLASSIFIED BY EAP DAS A. PERSON, REASON: 1.4 (C).')).toEqual({ by: 'EAP DAS A. PERSON', reasons: ['1.4(c)'] });
    expect(readClassifiedBy('Classified By: 1. CLASSIFIED BY NEA ASSISTANT SECRETARY A. PERSON REASONS: 1.4 (B) AND (D)').by).toBe('NEA ASSISTANT SECRETARY A. PERSON');
    expect(readClassifiedBy('Classified By: This message classified by Econ Counselor A. Person for reasons 1.4 (b)').by).toBe('Econ Counselor A. Person');
    expect(readClassifiedBy('Classified By: POLITICAL COUNSELOR A. PERSON FOR 1.4 (D)')).toEqual({ by: 'POLITICAL COUNSELOR A. PERSON', reasons: ['1.4(d)'] });
    expect(readClassifiedBy('Classified By: Ambassador A. Person - Reasons 1.4 (b) and (d)').by).toBe('Ambassador A. Person');
    expect(readClassifiedBy('Classified By: Ambassador A. Person (1.4 b and d)').by).toBe('Ambassador A. Person');
    expect(readClassifiedBy('Classified By: Ambassador A. Person per E.O. 12958 section 1.4 b,d').by).toBe('Ambassador A. Person');
    // a section of an office is part of the name
    expect(readClassifiedBy('Classified By: A. Person, Acting Chief, Economics Section, reasons 1.4 (b) and (d)').by).toBe('A. Person, Acting Chief, Economics Section');
  });
  it('the statement after the marking of the whole text in paragraph 1; the order cited on a wrapped line', () => {
    const para = madeUp('SUBJECT: A MADE-UP CABLE', '', '1. (C)  ENTIRE TEXT.  CLASSIFIED BY AMBASSADOR A. PERSON, REASON 1.5 (B).', '', '2. (C) TEXT.');
    expect([para.cable.classifiedBy, para.cable.reasons]).toEqual(['AMBASSADOR A. PERSON', ['1.5(b)']]);
    const none = madeUp('SUBJECT: A MADE-UP CABLE', '', '1.  CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY SECTION 1.5 (B)', 'AND (D).', '', '2. TEXT.');
    expect(none.cable.classifiedBy).toBeNull();
    const wrapped = madeUp('SUBJECT: A MADE-UP CABLE', '', "Classified By: CHARGE D'AFFAIRES A.I. ANNE", 'PERSON, FOR E.O. 12958 REASONS 1.4 (B) AND (D)', '', '1. (C) Text.');
    expect([wrapped.cable.classifiedBy, wrapped.cable.eo]).toEqual(["CHARGE D'AFFAIRES A.I. ANNE PERSON", null]);
    keepsEveryWord(wrapped);
  });
  it('SUBJECT - with a dash for its colon', () => {
    expect(madeUp('SUBJECT - CANADA AND THE ARCTIC', '', '1. (C) Text.').cable.subject).toBe('CANADA AND THE ARCTIC');
    expect(madeUp('SUBJECT: US-CANADA TALKS', '', '1. (C) Text.').cable.subject).toBe('US-CANADA TALKS');
  });
  it('(End Summary) in parentheses ends the summary', () => {
    const c = madeUp('SUBJECT: A MADE-UP CABLE', '', '1. (C) Summary: The talks went well. (End Summary)', '', '2. (C) More.');
    expect(c.cable.summary).toBe('The talks went well.');
  });
  it('the summary written with its companion either way round: Comment and Summary, Introduction and summary, END COMMENT AND SUMMARY', () => {
    const summary = (...body: string[]) => madeUp('SUBJECT: A MADE-UP CABLE', '', ...body).cable.summary;
    expect(summary('1. (C) Comment and Summary: The talks went well. END COMMENT AND SUMMARY.', '', '2. (C) More.')).toBe('The talks went well.');
    expect(summary('1. (C) Introduction and summary: The talks went well.', '', '2. (C) They will go on. End summary.', '', '3. (C) More.')).toBe('The talks went well.\nThey will go on.');
    expect(summary('SUMMARY AND OBJECTIVES', '', '1. (C) The talks went well. END SUMMARY', '', '2. (C) More.')).toBe('The talks went well.');
  });
  it('a cable after a comma or a line end that closes something else is a reference of its own', () => {
    expect(refIds('STATE 1234, PHONE CALL SMITH-JONES MARCH 3, 04 ROME 7414')).toEqual(['08STATE1234', '04ROME7414']);
    expect(refIds('06 PARIS 1415\nSECDEF R162245Z OCT 08\n(05) GUANGZHOU 2492')).toEqual(['06PARIS1415', '05GUANGZHOU2492']);
    expect(refIds('OTTAWA 372, 415')).toEqual(['08OTTAWA372']); // one office, two serials: one reference
  });
  it('a date-time group after a year in parentheses is no serial: the year is the reference\'s', () => {
    expect(refIds('NUEVO LAREDO 4884 (04) SECDEF R162245Z OCT 08')).toEqual(['04NUEVOLAREDO4884']);
    expect(refIds('BRASILIA 709 (08) SAO PAULO 542', 2009)).toEqual(['09BRASILIA709', '08SAOPAULO542']);
  });
  it("a year right after a month ends a date: no reference's year, even before an office on the next line", () => {
    expect(refIds('09 PARIS 1044\nSECDEF R162245Z OCT 08\nPORT-AU-PRINCE 6342', 2010)).toEqual(['09PARIS1044', '10PORTAUPRINCE6342']);
    expect(refIds('PHONE CALL SMITH-JONES MARCH 3, 04 REYKJAVIK 7414', 2010)).toEqual(['04REYKJAVIK7414']);
  });
  it('a word before an office that makes a longer spelling of it belongs to it: 05 CDC ATLANTA 1106', () => {
    expect(refIds('A) 05 CDC ATLANTA 1106; B) CDC ATLANTA 703', 2007)).toEqual(['05CDCATLANTAGA1106', '07CDCATLANTAGA703']);
  });
});

describe('the signer of a 2000s cable', () => {
  const cable = (...tail: string[]) =>
    madeUp('SUBJECT: A MADE-UP CABLE', '', 'Classified By: Ambassador A. Person for reasons 1.4 (b) and (d).', '', '1. (C) First paragraph of the cable.', '', ...tail);
  const signer = (...tail: string[]) => {
    const c = cable(...tail);
    keepsEveryWord(c);
    return c.cable.signature;
  };
  const visit = "Visit Ottawa's Classified Website: http://www.state.sgov.gov/p/wha/ottawa/index.cfm";
  it('a name in mixed case glued to the last sentence: LeBaron, McMullen, Smith', () => {
    expect(signer('2. (C) Post will report further developments. LeBaron')).toBe('LeBaron');
    expect(signer('2. (C) Post will report further developments. McMullen')).toBe('McMullen');
    expect(signer('2. (C) Post will report further developments. Smith')).toBe('Smith');
  });
  it('after the footer, in any case, the footer on a line of its own or run into the last sentence', () => {
    expect(signer('2. (C) Post will report further developments.', `${visit} Person`)).toBe('Person');
    expect(signer('2. (C) Post will report further developments.', "Visit Ottawa's Classified Website: http://www.state.sgov.gov/p/wha/ottawa/index. cfm Person")).toBe('Person');
    expect(signer(`2. (C) Post will report further developments. ${visit} PERSON`)).toBe('PERSON');
  });
  it('before a quoted footer, after an end mark, before a lone stop or NNNN', () => {
    expect(signer('2. (C) Post will report further developments.', '', 'PERSON', '', `“${visit}”`)).toBe('PERSON');
    expect(signer('2. (C) Text follows.', '', 'END TALKING POINTS. PERSON', 'NNNN')).toBe('PERSON');
    expect(signer('2. (C) Post will report further developments. PERSON', '.')).toBe('PERSON');
  });
  it('as the release wrote it: doubled, with a date after it, in lower case, with jr, after a quoted cable', () => {
    const doubled = cable('2. (C) Post will report further developments.', '', 'PERSON PERSON');
    expect(doubled.cable.signature).toBe('PERSON');
    expect(doubled.cable.repairs.map((r) => r.kind)).toContain('signature-repeat');
    expect(signer('2. (C) Post will report further developments.', 'PERSON 2008-01-08')).toBe('PERSON');
    expect(signer('2. (C) Post will report further developments. END COMMENT', 'person')).toBe('person');
    expect(signer('2. (C) Post will report further developments.', '', 'Best,', '', 'Jane', 'person')).toBe('person');
    expect(signer('2. (C) Post will report further developments.', 'Person jr')).toBe('Person jr');
    const quoted = cable('2. (C) "We must work together," he said.', 'PERSON UNQUOTE OTHER');
    expect(quoted.cable.signature).toBe('OTHER');
    expect(formatCable(quoted.cable, 'text')).toContain('PERSON UNQUOTE');
    keepsEveryWord(quoted);
  });
  it('no signer: the last word of a wrapped sentence, a redaction, a lower-case word after a path', () => {
    expect(signer("3. PLEASE CABLE CONCURRENCE. OTTAWA APPRECIATES THE EMBASSY'S", 'ASSISTANCE.')).toBeNull();
    expect(signer('2. (C) Post will report further developments.', '', 'XXXXXXXXXXXX')).toBeNull();
    expect(signer('2. (C) See http://www.state.sgov.gov/p/wha/ottawa/index.', 'cfm')).toBeNull();
  });
  it('08LONDON1350, 09BRASILIA1516, 08KUWAIT560 (real)', () => {
    for (const [id, who] of [['08LONDON1350', 'TUTTLE'], ['09BRASILIA1516', 'KUBISKE'], ['08KUWAIT560', 'jones']] as const) {
      const c = real(id);
      expect(c.cable.signature).toBe(who);
      keepsEveryWord(c);
    }
  });
});

describe('TAGS lines', () => {
  const tags = (text: string) => readTags(text, 1, new ChangeLog());
  it('codes with slashes are that many codes; an organization with a slash is one', () => {
    expect(tags('PREL/PGOV/FR')).toEqual(['PREL', 'PGOV', 'FR']);
    expect(tags('PREL, UNGA/C-6')).toEqual(['PREL', 'UNGA/C-6']);
  });
  it('a portion marking before the codes and a stop after them are no part of a tag (logged)', () => {
    const log = new ChangeLog();
    expect(readTags('(C) PREL, PGOV, FR.', 1, log)).toEqual(['PREL', 'PGOV', 'FR']);
    expect(log.repairs.map((r) => r.kind)).toContain('tag-fix');
  });
  it('an English word of a phrase is not split as glued codes; glued codes among codes are', () => {
    expect(tags('EFIN ECON FR FRANCE ECONOMIC')).toEqual(['EFIN', 'ECON', 'FR', 'FRANCE ECONOMIC']);
    expect(tags('PREL MARR IZ IZPREL IRAQI FREEDOM')).toEqual(['PREL', 'MARR', 'IZ', 'IRAQI FREEDOM']);
    expect(tags('DOMESTIC POLITICS MASSMNUC KNNP')).toEqual(['DOMESTIC POLITICS', 'MASS', 'MNUC', 'KNNP']);
  });
});
