/**
 * The long tail of the release: the forms of issue 9, each read into the model, from a real cable of
 * the development set where one shows it, else from the smallest cable that does. A form the parser
 * cannot place is kept as text with a warning, never dropped (see also tests/properties.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCable, readCableFile } from '../src/readers/cable/parse.js';
import { readDateTimeGroup } from '../src/readers/cable/routing.js';
import { formatCable } from '../src/writers/format.js';
import type { Cable } from '../src/model/cable.js';

const dev = (id: string): Promise<Cable> => readCableFile(`tests/fixtures/cables/${id}.txt`);

/** A routing header, a classification line, then the given lines. */
function cable(...lines: string[]): Cable {
  return parseCable(['R 041820Z JAN 10', 'FM SECSTATE WASHDC', 'TO AMEMBASSY OTTAWA 0001', '', ...lines].join('\n'), { file: 'cable.txt' });
}

/** Every word (3+ letters) of the input is in the text output or in a repair. */
function keepsEveryWord(c: Cable, raw: string): void {
  const out = new Set((formatCable(c, 'text').match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase()));
  const repaired = c.repairs.map((r) => r.before).join(' ').toLowerCase();
  const lost = (raw.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !out.has(w.toLowerCase()) && !repaired.includes(w.toLowerCase()));
  expect(lost.filter((w) => !/^(?:subj|unclas|refs|reftel|reason|and|for)$/i.test(w))).toEqual([]);
}

describe('a header collapsed onto the classification line', () => {
  it('C O N F I D E N T I A L SECTION 01 OF 02 STATE 000284 SIPDIS E.O. … TAGS: … SUBJECT: …', () => {
    const raw = 'C O N F I D E N T I A L SECTION 01 OF 02 STATE 000284 SIPDIS E.O. 12958: DECL: 01/04/2020 TAGS: MASS MARR PREL SUBJECT: ARMS TRANSFER TALKS\n\nClassified By: PM A/S Andrew Shapiro, reasons 1.4 (b) and (d).\n\n1. (C) The talks went well.';
    const c = cable(raw);
    expect([c.id, c.section, c.declassify, c.tags, c.subject]).toEqual(['10STATE284', { index: 1, total: 2 }, '2020-01-04', ['MASS', 'MARR', 'PREL'], 'ARMS TRANSFER TALKS']);
    expect(c.classification.caveats).toContain('SIPDIS');
    expect(c.paragraphs[0]!.text).toBe('The talks went well.');
  });
  it('09TRIPOLI771 keeps its handling line', async () => {
    expect((await dev('09TRIPOLI771')).handling).toEqual(['STATE FOR NEA/MAG AND INR.']);
  });
});

describe('date-time groups', () => {
  it('two precedences: P R 041820Z JAN 10', () => {
    expect(readDateTimeGroup('P R 041820Z JAN 10')).toEqual({ date: '2010-01-04T18:20:00Z', year: 2010, precedence: 'PRIORITY' });
  });
  it('a trailing routing code: O R 181205Z NOV 75 ZFF4', () => {
    expect(readDateTimeGroup('O R 181205Z NOV 75 ZFF4')).toEqual({ date: '1975-11-18T12:05:00Z', year: 1975, precedence: 'IMMEDIATE' });
  });
});

describe('1970s forms', () => {
  const seventies = [
    'O R 181205Z NOV 75 ZFF4',
    'FM AMEMBASSY LIBREVILLE',
    'TO SECSTATE WASHDC IMMEDIATE 1234',
    '',
    'C O N F I D E N T I A L 75 LIBREVILLE 1895',
    '',
    'E.O. 11652: XGDS-1',
    'TAGS: PFOR, GB',
    'SUBJ: PRESIDENT BONGO ON OPEC',
    '',
    'SUMMARY: BONGO SAID HE WOULD ATTEND. END SUMMARY.',
    '',
    'PRESIDENT BONGO TOLD ME TODAY THAT HE WOULD GO TO THE MEETING',
    'AND SPEAK FOR THE PRODUCERS.',
    '',
    'STONE',
    '',
    'CONFIDENTIAL',
    '',
    'Declassified/Released US Department of State EO Systematic',
    'Review 30 JUN 2006',
  ].join('\n');
  const c = parseCable(seventies, { file: 'cable.txt' });
  it('the year before the office, SUBJ:, E.O. 11652 without a DECL date', () => {
    expect([c.id, c.date, c.precedence, c.subject, c.eo, c.declassify, c.eoLine]).toEqual([
      '75LIBREVILLE1895',
      '1975-11-18T12:05:00Z',
      'IMMEDIATE',
      'PRESIDENT BONGO ON OPEC',
      '11652',
      null,
      'E.O. 11652: XGDS-1',
    ]);
  });
  it('an ALL-CAPS body without numbers or markings, the summary, the signer before the classification and the stamp', () => {
    expect(c.paragraphs.map((p) => p.number)).toEqual([null, null]);
    expect(c.summary).toBe('BONGO SAID HE WOULD ATTEND.');
    expect(c.signature).toBe('STONE');
    expect(c.footer).toEqual(['CONFIDENTIAL', 'Declassified/Released US Department of State EO Systematic', 'Review 30 JUN 2006']);
    keepsEveryWord(c, seventies);
  });
  it('a real one: 75TEHRAN2069', async () => {
    const t = await dev('75TEHRAN2069');
    expect([t.id, t.eo, t.eoLine, t.tags]).toEqual(['75TEHRAN2069', '11652', 'E.O. 11652: GDS', ['PINT', 'IR']]);
    expect(t.summary).toMatch(/^CREATION OF IRANIAN RESURGENCE PARTY/);
  });
});

describe('header fields in another order', () => {
  it('Classified By and DEPARTMENT FOR / PASS TO lines before E.O., TAGS and SUBJECT', () => {
    const raw = [
      'C O N F I D E N T I A L STATE 000284',
      '',
      'Classified By: EUR A/S Philip Gordon, reasons 1.4 (b) and (d).',
      '',
      'DEPARTMENT FOR EUR/RUS',
      'PASS TO USTR',
      '',
      'E.O. 12958: DECL: 01/04/2020',
      'TAGS: PREL, RS',
      'SUBJECT: TALKS',
      '',
      '1. (C) Text.',
    ];
    const c = cable(...raw);
    expect([c.classifiedBy, c.reasons, c.handling, c.tags, c.subject]).toEqual(['EUR A/S Philip Gordon', ['1.4(b)', '1.4(d)'], ['DEPARTMENT FOR EUR/RUS', 'PASS TO USTR'], ['PREL', 'RS'], 'TALKS']);
  });
  it('Classified By inside paragraph 1 fills the field and the paragraph keeps its words', () => {
    const c = cable('CONFIDENTIAL STATE 000284', '', 'SUBJECT: CROWN PRINCE ABDULLAH THE DIPLOMAT', '', '1.  (U) CLASSIFIED BY CDA THEODORE KATTOUF, REASON 1.5.D.', '', '2. (C) Text.');
    expect([c.classifiedBy, c.reasons]).toEqual(['CDA THEODORE KATTOUF', ['1.5(d)']]);
    expect(c.paragraphs[0]!.text).toBe('CLASSIFIED BY CDA THEODORE KATTOUF, REASON 1.5.D.');
    expect(c.warnings.map((w) => w.kind)).toContain('classified-by-in-paragraph');
  });
  it('Classified By on a REF line, and paragraph 1 on the same line', () => {
    const c = cable('CONFIDENTIAL STATE 000284', '', 'REF: 10 GENEVA 245 (SFO-GVA-VIII-086) CLASSIFIED BY: Rose E. Gottemoeller, Assistant Secretary, VCI; REASON: 1.4(B), (D) ¶1. (U) This is the text.');
    expect(c.references.map((r) => r.id)).toEqual(['10GENEVA245']);
    expect(c.classifiedBy).toBe('Rose E. Gottemoeller, Assistant Secretary, VCI');
    expect(c.paragraphs[0]).toMatchObject({ number: 1, text: 'This is the text.' });
  });
  it('a Classified By line that runs on into 1. (C) Summary: … loses no word (the paragraph is read)', () => {
    const raw = 'Classified By: Ambassador X for reasons 1.4 (b) and (d). 1. (C) Summary: The minister agreed. End summary.';
    const c = cable('CONFIDENTIAL STATE 000284', '', 'SUBJECT: TALKS', '', raw);
    expect(c.paragraphs[0]).toMatchObject({ number: 1, text: 'Summary: The minister agreed. End summary.' });
    expect(c.summary).toBe('The minister agreed.');
  });
  it('a second Classified by line is kept', () => {
    const c = cable('CONFIDENTIAL STATE 000284', '', 'SUBJECT: TALKS', '', 'Classified By: DCM John Smith, reason 1.4 (b).', 'Classified by: Pol/C Jane Doe, reason 1.4 (d).', '', '1. (C) Text.');
    expect([c.classifiedBy, c.reasons]).toEqual(['DCM John Smith; Pol/C Jane Doe', ['1.4(b)', '1.4(d)']]);
  });
  it('REASONS wrapped onto the next line (05PARIS1699 "FOR REAS / ONS 1.4 B/D")', async () => {
    const c = await dev('05PARIS1699');
    expect([c.classifiedBy, c.reasons]).toEqual(['POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT', ['1.4(b)', '1.4(d)']]);
    expect(c.repairs.map((r) => r.kind)).toContain('wrapped-word');
  });
  it('unnumbered header notes after the fields are the body, not lost', () => {
    const c = cable('CONFIDENTIAL STATE 000284', '', 'SUBJECT: TALKS', '', 'Classified By: DCM John Smith, reason 1.4 (b).', '', '(U) This message has been coordinated with Embassy Paris.', '', '1. (C) Text.');
    expect(c.paragraphs[0]).toMatchObject({ number: null, text: 'This message has been coordinated with Embassy Paris.' });
  });
});

describe('a SUBJECT that runs on', () => {
  it.each([
    ['REF:', 'SUBJECT: ENERGY INSTALLATIONS REF: BRASILIA 861', ['BRASILIA 861']],
    ['REFS:', 'SUBJECT: VARIG UNCLEAR REFS: (A) BRASILIA 1608, (B) BRASILIA 1631', ['BRASILIA 1608', 'BRASILIA 1631']],
    ['Ref(s):', 'SUBJECT: SOBEL IN RIO Ref(s): A) 08 RIO DE JAN 138; B) 08 RIO DE JAN 0044', ['08 RIO DE JAN 138', '08 RIO DE JAN 0044']],
    ['REFTEL:', 'SUBJECT: TALKS REFTEL: STATE 1234', ['STATE 1234']],
  ])('into %s', (_label, line, refs) => {
    const c = cable('CONFIDENTIAL OTTAWA 000001', '', line, '', '1. (C) Text.');
    expect(c.subject).toBe(line.replace(/^SUBJECT: /, '').replace(/\s+(?:REF|REFS|Ref\(s\)|REFTEL):.*$/, ''));
    expect(c.references.map((r) => r.text)).toEqual(refs);
  });
  it('into Classified By: glued to the last word', () => {
    const c = cable('CONFIDENTIAL OTTAWA 000001', '', 'SUBJECT: SCENESETTER FOR THE VISIT TO CAIROClassified By: DCM STUART JONES. REASONS: 1.4 (B) and (D)', '', '1. (C) Text.');
    expect([c.subject, c.classifiedBy]).toEqual(['SCENESETTER FOR THE VISIT TO CAIRO', 'DCM STUART JONES']);
  });
  it('over a page marker (00HARARE6677)', async () => {
    expect((await dev('00HARARE6677')).subject).toBe('ASSISTANT SECRETARY MEETS WITH ZIMBABWE OPPOSITION LEADER');
  });
  it('into the first paragraph on the next line', () => {
    const c = cable('CONFIDENTIAL OTTAWA 000001', '', 'SUBJECT: TALKS IN', 'OTTAWA', '1. (C) Text.');
    expect([c.subject, c.paragraphs[0]!.text]).toEqual(['TALKS IN OTTAWA', 'Text.']);
  });
  it('not into a SUMMARY: line that follows without a blank line', () => {
    const c = cable('UNCLAS OTTAWA 000001', '', 'SUBJECT: TALKS', 'SUMMARY: THE TALKS WENT WELL. END SUMMARY.', '', '1. Text.');
    expect([c.subject, c.summary]).toEqual(['TALKS', 'THE TALKS WENT WELL.']);
  });
  it('a hyphen at a wrap joins without a space (THE US- / LATIN AMERICAN)', () => {
    const c = cable('UNCLAS OTTAWA 000001', '', 'SUBJECT: THE US-', 'LATIN AMERICAN RELATIONSHIP', '', '1. Text.');
    expect(c.subject).toBe('THE US-LATIN AMERICAN RELATIONSHIP');
  });
  it('an empty SUBJECT: with the subject after a blank line', () => {
    const c = cable('UNCLAS OTTAWA 000001', '', 'SUBJECT:', '', 'Cooperation and Coordination Busts Fraud Ring', '1.(SBU) Summary: The unit.');
    expect(c.subject).toBe('Cooperation and Coordination Busts Fraud Ring');
  });
  it('a second SUBJ restating the subject is a repeat (09BAGHDAD2569)', async () => {
    const c = await dev('09BAGHDAD2569');
    expect(c.subject).toBe('PRIME MINISTER ACCUSES IRAN OF TRYING TO DESTABILIZE IRAQ');
    expect(c.repairs.map((r) => r.kind)).toContain('subject-repeat');
  });
});

describe('TAGS with people and phrases', () => {
  it.each([
    ['OVIP, STEINBERG, JAMES B.', ['OVIP', 'STEINBERG, JAMES B.']],
    ['OVIP STEINBERG JAMES PREL MNUC', ['OVIP', 'STEINBERG, JAMES B.', 'PREL', 'MNUC']],
    ['ovip (steinberg, james b.), prel', ['OVIP', 'STEINBERG, JAMES B.', 'PREL']],
    ['MARR PREL LABOR HUMAN RIGHTS', ['MARR', 'PREL', 'LABOR', 'HUMAN RIGHTS']],
    ['MASS PTER YM COUNTER TERRORISM', ['MASS', 'PTER', 'YM', 'COUNTERTERRORISM']],
    ['IS ISRAELI PALESTINIAN AFFAIRS GOI EXTERNAL', ['IS', 'ISRAELI PALESTINIAN AFFAIRS', 'GOI EXTERNAL']],
    ['CASC PHUM CU NOVO GUILLERMO CONSULAR AFFAIRS', ['CASC', 'PHUM', 'CU', 'NOVO, GUILLERMO', 'CONSULAR AFFAIRS']],
    ['PREL, PHUM, VT, VTPREL, VTPREL', ['PREL', 'PHUM', 'VT']],
    ['DOMESTIC POLITICS MASSMNUC KNNPMNUC', ['DOMESTIC POLITICS', 'MASS', 'MNUC', 'KNNP']],
    ['PREL SCUL CS UNDESCO', ['PREL', 'SCUL', 'CS', 'UNESCO']],
    ['PREL, UNGA/C-6', ['PREL', 'UNGA/C-6']],
    ['FBI JUS PGOV PINR PREL (10KABUL62)', ['FBI', 'JUS', 'PGOV', 'PINR', 'PREL']],
  ])('TAGS: %s', (tags, expected) => {
    expect(cable('UNCLAS OTTAWA 000001', '', `TAGS: ${tags.replace(/ \(.*\)$/, '')}`, 'SUBJECT: TEST', '', '1. Text.').tags).toEqual(expected);
  });
  it('TAG for TAGS, and tags over several lines', () => {
    expect(cable('UNCLAS OTTAWA 000001', '', 'TAG PREL PGOV KPAL', 'ECON, PHUM', 'SUBJECT: TEST', '', '1. Text.').tags).toEqual(['PREL', 'PGOV', 'KPAL', 'ECON', 'PHUM']);
  });
  it('a page header inside the TAGS line is removed', () => {
    expect(cable('SECRET ROME 003067', '', 'TAGS: PREL, ETRD, IT                          SECRET       PAGE 02        ROME  03067  211833Z', 'SUBJECT: TEST', '', '1. Text.').tags).toEqual(['PREL', 'ETRD', 'IT']);
  });
  it('the text writer writes them so that they read back the same', () => {
    const c = cable('UNCLAS OTTAWA 000001', '', 'TAGS: OVIP STEINBERG JAMES PREL IS ISRAELI PALESTINIAN AFFAIRS', 'SUBJECT: TEST', '', '1. Text.');
    expect(parseCable(formatCable(c, 'text')).tags).toEqual(c.tags);
  });
});

describe('lower-case and letter-spaced forms', () => {
  it('S e c r e t state 068250, E.o. 12958: decl: …, Tags: prel, pgov', () => {
    const c = parseCable(['R 011200Z JUL 09', 'FM SECSTATE WASHDC', 'TO AMEMBASSY OTTAWA', '', 'S e c r e t state 068250', '', 'E.o. 12958: decl: 07/01/2019', 'Tags: prel, pgov', 'Subject: the talks', '', '1. (S) Text.'].join('\n'));
    expect([c.id, c.classification.level, c.declassify, c.tags, c.subject]).toEqual(['09STATE68250', 'SECRET', '2019-07-01', ['PREL', 'PGOV'], 'the talks']);
  });
  it('SS E C R E T with the first letter doubled (08TUNIS679)', async () => {
    const c = await dev('08TUNIS679');
    expect([c.id, c.classification.level, c.subject]).toEqual(['08TUNIS679', 'SECRET', "CORRUPTION IN TUNISIA: WHAT'S YOURS IS MINE"]);
  });
});

describe('no classification line', () => {
  it('09TELAVIV2502: the level from the routing echo (ZNY SSSSS), the id from FM and the DE serial, with warnings', async () => {
    const c = await dev('09TELAVIV2502');
    expect([c.id, c.classification.level, c.date]).toEqual(['09TELAVIV2502', 'SECRET', '2009-11-18T14:34:00Z']);
    expect(c.warnings.map((w) => w.kind)).toEqual(expect.arrayContaining(['no-classification-line', 'id-from-routing']));
  });
});

describe('bulk-CSV residue before the routing header', () => {
  it('a tab-separated row gives the metadata and stays in the text', () => {
    const raw = ['2\t2/25/1972 9:30\t72TEHRAN1164\tEmbassy Tehran\tUNCLASSIFIED\t72TEHRAN1091', 'FM AMEMBASSY TEHRAN', 'TO SECSTATE WASHDC 7561', '', 'UNCLASSIFIED SECTION 01 OF 01 TEHRAN 1164', '', 'SUBJECT: F-4ES', '', 'GENERAL AZIMI ASKS.'].join('\n');
    const c = parseCable(raw);
    expect([c.id, c.date, c.sourceId]).toEqual(['72TEHRAN1164', '1972-02-25T09:30:00Z', '72TEHRAN1164']);
    expect(c.warnings.map((w) => w.kind)).toContain('csv-residue');
    keepsEveryWord(c, raw);
  });
});

describe('routing', () => {
  it('a routing block after the classification line wins (03ABUDHABI2641: a database export around the cable)', async () => {
    const c = await dev('03ABUDHABI2641');
    expect([c.id, c.date, c.from, c.to.map((r) => r.name)]).toEqual(['03ABUDHABI2641', '2003-06-03T12:50:00Z', 'AMEMBASSY ABU DHABI', ['SECSTATE WASHDC']]);
  });
  it('structured recipients, and a collective with the posts it is not sent to (XMT)', () => {
    const c = parseCable(['O 011200Z JAN 09', 'FM AMEMBASSY SOFIA', 'TO RUEHC/SECSTATE WASHDC IMMEDIATE 3355', 'RUEHZL/EUROPEAN POLITICAL COLLECTIVE', 'XMT/AMEMBASSY SOFIA', 'AMEMBASSY BUCHAREST', 'INFO RUEHTH/AMEMBASSY ATHENS 0121', '', 'UNCLAS SOFIA 000001', '', 'SUBJECT: TEST', '', '1. Text.'].join('\n'));
    expect(c.to).toEqual([
      { name: 'SECSTATE WASHDC', route: 'RUEHC', precedence: 'IMMEDIATE', serial: 3355 },
      { name: 'EUROPEAN POLITICAL COLLECTIVE', route: 'RUEHZL', precedence: null, serial: null, excluded: ['AMEMBASSY SOFIA', 'AMEMBASSY BUCHAREST'] },
    ]);
    expect(c.info).toEqual([{ name: 'AMEMBASSY ATHENS', route: 'RUEHTH', precedence: null, serial: 121 }]);
  });
  it('a page marker that breaks the TO list is no addressee (TO PAGE 02 STATE 015113 182333Z)', () => {
    const c = parseCable(['O 182333Z JAN 09', 'FM SECSTATE WASHDC', 'TO AMEMBASSY OTTAWA IMMEDIATE 0001', 'PAGE 02 STATE 015113 182333Z', 'AMEMBASSY PARIS IMMEDIATE 0002', '', 'UNCLAS STATE 015113', '', 'SUBJECT: TEST', '', '1. Text.'].join('\n'));
    expect(c.to.map((r) => r.name)).toEqual(['AMEMBASSY OTTAWA', 'AMEMBASSY PARIS']);
  });
});

describe('summary', () => {
  it.each([
    ['1. (C) Summary: The talks went well. End summary.\n\n2. (C) More.', 'The talks went well.'],
    ['SUMMARY\n-------\n\n1. (C/NF) This is not a change election. END SUMMARY.', 'This is not a change election.'],
    ['1. (C) Summary and Comment: Unrest continues. End Summary and Comment.', 'Unrest continues.'],
    ['1. (S) SUMMARY: The Dutch agree.\n\n-- one\n\n2. (S) And more. END\nSUMMARY.\n\n3. (S) After.', 'The Dutch agree.\n-- one\nAnd more.'],
    ['1. (C) No summary here.\n\n2. (C) None.', null],
  ])('%j', (body, expected) => {
    expect(cable('CONFIDENTIAL OTTAWA 000001', '', 'SUBJECT: TEST', '', body).summary).toBe(expected);
  });
  it('is in the JSON output', async () => {
    expect(JSON.parse(formatCable(await dev('75TEHRAN2069'), 'json')).summary).toMatch(/^CREATION OF IRANIAN/);
  });
});

describe('a form the parser cannot place stays as text', () => {
  it('odd lines between the header and the body are kept', () => {
    const raw = 'UNCLAS OTTAWA 000001\n\nSUBJECT: TEST\n\n%%% a stray line of something %%%\n\n1. Text.';
    const c = cable(raw);
    keepsEveryWord(c, raw);
  });
  it('every shared 1970s cable keeps its words', () => {
    for (const id of ['72TEHRAN1164', '72TEHRAN5055', '73TEHRAN7005', '75TEHRAN2069']) {
      const raw = readFileSync(`tests/fixtures/cables/${id}.txt`, 'utf8');
      keepsEveryWord(parseCable(raw, { file: `${id}.txt` }), raw);
    }
  });
});

describe('an office and serial with no year anywhere', () => {
  const text = ['UNCLAS SECTION 01 OF 02 OTTAWA 000123', '', 'E.O. 12958: N/A', 'TAGS: PREL, CA', 'SUBJECT: NO DATE AT ALL', '', '1. Text of the cable.'].join('\n');
  it('is refused with the reason (the year), not as "not a cable"', () => {
    expect(() => parseCable(text, { file: 'cable.txt' })).toThrow(/^no year for the id of OTTAWA 123: .*08OTTAWA123\.txt/);
  });
  it('reads with the year its file name gives', () => {
    const c = parseCable(text, { file: 'drafts/09OTTAWA123.txt' });
    expect(c.id).toBe('09OTTAWA123');
    expect(c.warnings.map((w) => w.kind)).toContain('id-from-filename');
  });
});

describe('long lines', () => {
  // The signature search at the end of the body used patterns anchored at the line's start:
  // a last line of 4,000 characters without a space took 15 s, one of 120,000 characters 2 s.
  it.each([
    ['no space', 'x/'.repeat(40_000)],
    ['prose', 'The minister said that, '.repeat(5_000)],
    ['capitals', 'THE MINISTER SAID THAT '.repeat(5_000)],
  ])('a last line of %s (about 100,000 characters) is read quickly and whole', (_, body) => {
    const t = performance.now();
    const c = cable('UNCLASSIFIED OTTAWA 000372', '', 'SUBJECT: X', '', `1. (U) ${body}`);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(c.paragraphs[0]!.text).toBe(body.trim());
  });

  it('a name glued after the last sentence, a comment or a path is still the signer', () => {
    const signer = (last: string) => cable('UNCLASSIFIED OTTAWA 000372', '', 'SUBJECT: X', '', last);
    expect(signer('1. (U) The ministry will act on restructuring. .FARRAR').signature).toBe('FARRAR');
    expect(signer('1. (U) We will see. END COMMENT EIKENBERRY').signature).toBe('EIKENBERRY');
    expect(signer('1. (U) See http://www.state.gov/p/wha LEBARON').signature).toBe('LEBARON');
    expect(signer('1. (U) The talks ended well. Clinton').signature).toBe('Clinton');
    expect(signer('1. (U) The talks ended on a/b AGREED').signature).toBe('AGREED');
    expect(signer('1. (U) The talks ended on /b AGREED').signature).toBeNull();
  });
});

describe('a SUBJECT line before a collapsed classification line', () => {
  it('is the subject when the header after the classification line has none (cablemap test_reader_subject:127 form)', () => {
    const c = parseCable(
      [
        'E.O. 12958: DECL: 04/13/2017',
        'TAGS: KIPR KNNP KPAO TBIO PREL RS',
        'SUBJECT: RUSSIAN SCIENTISTS MEET IN BERLIN',
        'C O N F I D E N T I A L MOSCOW 001704 SIPDIS SIPDIS STATE FOR EUR/RUS E.O. 12958: DECL: 04/13/2017 TAGS: KIPR KNNP KPAO TBIO PREL RS',
        '',
        'Classified By: ES',
        '',
        '1. (C) Text.',
      ].join('\n'),
      { file: '07MOSCOW1704.txt' },
    );
    expect(c.subject).toBe('RUSSIAN SCIENTISTS MEET IN BERLIN');
    expect(c.warnings.map((w) => w.kind)).toContain('subject-before-classification');
    expect(c.tags).toEqual(['KIPR', 'KNNP', 'KPAO', 'TBIO', 'PREL', 'RS']);
  });
});
