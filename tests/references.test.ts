/**
 * The REF field: split into entries, each with the canonical id of the cable it names (issue 9).
 * One `describe` per form, each with the smallest real example (the cable is named; the peer cases
 * are cablemap's, see ../shared/peer/README.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Reference } from '../src/model/cable.js';
import { parseCable } from '../src/readers/cable/parse.js';
import { formatCable } from '../src/writers/format.js';
import { identifyReferences, readReferences } from '../src/readers/cable/references.js';
import { describeShared, SHARED } from './support/shared.js';

/** The REF text as the header hands it over (lines after `REF:`), read with the cable's year. */
function refs(text: string, year: number | null): Array<Pick<Reference, 'label' | 'text' | 'id'> & { ids?: string[] }> {
  return identifyReferences(readReferences(text.split('\n')), year).map((r) => ({ ...r }));
}
const ids = (text: string, year: number | null) => refs(text, year).map((r) => r.id);

describe('one reference', () => {
  it('06SEOUL2238 REF: SEOUL 2211 — the year from the cable', () => {
    expect(refs('SEOUL 2211', 2006)).toEqual([{ label: '', text: 'SEOUL 2211', id: '06SEOUL2211' }]);
  });
  it('06NEWDELHI5239 REF: 05 NEW DELHI 8782 — the year from the entry', () => {
    expect(ids('05 NEW DELHI 8782', 2006)).toEqual(['05NEWDELHI8782']);
  });
  it('05CAIRO5924 AND PREVIOUS, 09BANGKOK1998 (NOTAL): one cable each', () => {
    expect(refs('CAIRO 5589 AND PREVIOUS', 2005)).toEqual([{ label: '', text: 'CAIRO 5589 AND PREVIOUS', id: '05CAIRO5589' }]);
    expect(ids('BANGKOK 385 (NOTAL)', 2009)).toEqual(['09BANGKOK385']);
  });
  it('09BAKU478 B: a four-digit year; 10SHENYANG5: a year glued to the office', () => {
    expect(ids('2008 BAKU 917', 2009)).toEqual(['08BAKU917']);
    expect(ids('A. 10SHENYANG 003  B. 09SHENYANG 167', 2010)).toEqual(['10SHENYANG3', '09SHENYANG167']);
  });
  it('09STATE63812: office and serial glued (ASHGABAT687)', () => {
    expect(ids('A. ASHGABAT687\nB. ASHGABAT733', 2009)).toEqual(['09ASHGABAT687', '09ASHGABAT733']);
  });
  it('no year anywhere: no id', () => {
    expect(ids('SEOUL 2211', null)).toEqual([null]);
    expect(ids('05 SEOUL 2211', null)).toEqual(['05SEOUL2211']);
  });
});

describe('lettered list on one line: A. B. C.', () => {
  it('09LONDON956', () => {
    expect(refs('A. LONDON 949  B. LONDON 831  C. 08 LONDON 2163', 2009)).toEqual([
      { label: 'A', text: 'LONDON 949', id: '09LONDON949' },
      { label: 'B', text: 'LONDON 831', id: '09LONDON831' },
      { label: 'C', text: '08 LONDON 2163', id: '08LONDON2163' },
    ]);
  });
  it('peer case (08MOSCOW): A. MOSCOW 816 B. MOSCOW 768 C. 07 MOSCOW 3054', () => {
    expect(ids('A. MOSCOW 816 B. MOSCOW 768 C. 07 MOSCOW 3054', 2008)).toEqual(['08MOSCOW816', '08MOSCOW768', '07MOSCOW3054']);
  });
});

describe('A) labels, with or without commas', () => {
  it('09BAKU478: A) KARACHI 145 B) 2008 BAKU 917', () => {
    expect(refs('A) KARACHI 145 B) 2008 BAKU 917', 2009).map((r) => [r.label, r.text, r.id])).toEqual([
      ['A', 'KARACHI 145', '09KARACHI145'],
      ['B', '2008 BAKU 917', '08BAKU917'],
    ]);
  });
  it('86MADRID5480: the separating comma is not part of the entry', () => {
    expect(refs(' A) MADRID 5426, B) MADRID 5425, C) MADRID 5418', 1986).map((r) => r.text)).toEqual(['MADRID 5426', 'MADRID 5425', 'MADRID 5418']);
  });
  it('peer case (96ANKARA): A) ANKARA 11676;B) ANKARA 11279 — a label right after `;`', () => {
    expect(ids('A) ANKARA 11676;B) ANKARA 11279', 1996)).toEqual(['96ANKARA11676', '96ANKARA11279']);
  });
});

describe('(A) labels', () => {
  it('09ISLAMABAD284: (A) ISLAMABAD 267 (B) ISLAMABAD 280', () => {
    expect(refs('(A) ISLAMABAD 267 (B) ISLAMABAD 280', 2009).map((r) => [r.label, r.id])).toEqual([
      ['A', '09ISLAMABAD267'],
      ['B', '09ISLAMABAD280'],
    ]);
  });
  it('08CASABLANCA81: CASA is Casablanca', () => {
    expect(ids('(A) 05 CASA 1220 (B) 07 CASA 169', 2008)).toEqual(['05CASABLANCA1220', '07CASABLANCA169']);
  });
});

describe('multi-line lettered lists, ¶ before the letter, lower case', () => {
  it('07KUWAIT808: an e-mail between cables gets no id', () => {
    const text = 'A. STATE 53274\n¶B. 06 STATE 146295\n¶C. HARRIS/CATO E-MAIL DATED 21-APR-2007\n¶D. Kuwait 730\n¶E. 06 kuwait 4664';
    expect(refs(text, 2007).map((r) => [r.label, r.id])).toEqual([
      ['A', '07STATE53274'],
      ['B', '06STATE146295'],
      ['C', null],
      ['D', '07KUWAIT730'],
      ['E', '06KUWAIT4664'],
    ]);
  });
  it('08STATE15220: a. … ¶B. … c. over blank lines', () => {
    expect(refs('a. 05 state 201650\n\n¶B. 05 berlin 3726\nc. 05 state 211408', 2008).map((r) => [r.label, r.id])).toEqual([
      ['A', '05STATE201650'],
      ['B', '05BERLIN3726'],
      ['C', '05STATE211408'],
    ]);
  });
  it('06VIENNA515: an entry wrapped after its label (d)\\n05 state 220738)', () => {
    expect(ids('a) vienna 350 b) vienna 309 c) 05 vienna 1760 d)\n05 state 220738', 2006)).toEqual([
      '06VIENNA350',
      '06VIENNA309',
      '05VIENNA1760',
      '05STATE220738',
    ]);
  });
  it('peer case (03RIODEJANEIRO): REFS: with ¶A. and D.01 (no space after the label)', () => {
    expect(ids('\n¶A. RIO 0108\n¶B. 02 BRASILIA 3393\n¶C. 02 BRASILIA 1639\nD.01 BRASILIA 3714', 2003)).toEqual([
      '03RIODEJANEIRO108',
      '02BRASILIA3393',
      '02BRASILIA1639',
      '01BRASILIA3714',
    ]);
  });
});

describe('doubled labels: A. A), A. A:, A. (A), A. REF A:', () => {
  it('08BAGHDAD357: A. A. 07 BAGHDAD 03668', () => {
    expect(refs('A. A. 07 BAGHDAD 03668\n¶B. B. 07 BAGHDAD 03764', 2008)).toEqual([
      { label: 'A', text: '07 BAGHDAD 03668', id: '07BAGHDAD3668' },
      { label: 'B', text: '07 BAGHDAD 03764', id: '07BAGHDAD3764' },
    ]);
  });
  it('08OSLO670: A. A: OSLO 629 B. B: OSLO 585 on one line', () => {
    expect(refs('A. A: OSLO 629 B. B: OSLO 585 C. C: OSLO 522', 2008).map((r) => [r.label, r.text])).toEqual([
      ['A', 'OSLO 629'],
      ['B', 'OSLO 585'],
      ['C', 'OSLO 522'],
    ]);
  });
  it('06CARACAS219: a report number after a doubled label is no cable', () => {
    expect(ids('A. A: HAVANA 00118\n¶B. B: HAVANA 00697\n¶C. C: TD-314/63777-05 LIMITED DISTRIBUTION\n¶D. D: IIR 6 902 9698 06', 2006)).toEqual([
      '06HAVANA118',
      '06HAVANA697',
      null,
      null,
    ]);
  });
  it('peer cases: A. A) SECSTATE 54183 …, A. REF A: 09 SOFIA 154', () => {
    expect(ids('A. A) SECSTATE 54183 B. B) 07 BRASILIA 1868 C. C) STATE 57700 D. 07 STATE 17940', 2008)).toEqual([
      '08STATE54183',
      '07BRASILIA1868',
      '08STATE57700',
      '07STATE17940',
    ]);
    expect(ids('A. REF A: 09 SOFIA 154\n¶B. REF B: 05 SOFIA 1207', 2009)).toEqual(['09SOFIA154', '05SOFIA1207']);
  });
});

describe('a letter used twice', () => {
  it('07TALLINN375: B) at a line start after B) is another entry', () => {
    expect(refs('A) TALLINN 366 B) LEE-GOLDSTEIN EMAIL 05/11/07\nB) TALLINN 347', 2007)).toEqual([
      { label: 'A', text: 'TALLINN 366', id: '07TALLINN366' },
      { label: 'B', text: 'LEE-GOLDSTEIN EMAIL 05/11/07', id: null },
      { label: 'B', text: 'TALLINN 347', id: '07TALLINN347' },
    ]);
  });
});

describe('bare letters: A MONTREAL 365, B OTTAWA 406', () => {
  it('peer case (06MONTREAL)', () => {
    expect(refs('A Montreal 365, B Ottawa 406, C 05 Ottawa 2970', 2006).map((r) => [r.label, r.id])).toEqual([
      ['A', '06MONTREAL365'],
      ['B', '06OTTAWA406'],
      ['C', '05OTTAWA2970'],
    ]);
  });
  it('an A that is an article stays text', () => {
    expect(refs('A MEETING WITH THE MINISTER', 2006)).toEqual([{ label: '', text: 'A MEETING WITH THE MINISTER', id: null }]);
  });
});

describe('unlettered lists: ;  ,  :  and line ends', () => {
  it('09BUENOSAIRES1235: BUENOS AIRES 1026; BUENOS AIRES 301', () => {
    expect(refs('BUENOS AIRES 1026; BUENOS AIRES 301', 2009)).toEqual([
      { label: '', text: 'BUENOS AIRES 1026', id: '09BUENOSAIRES1026' },
      { label: '', text: 'BUENOS AIRES 301', id: '09BUENOSAIRES301' },
    ]);
  });
  it('09BRASILIA905: SAO PAULO 273, SAO PAULO 90, BRASILIA 791, BRASILIA 799', () => {
    expect(ids('SAO PAULO 273, SAO PAULO 90, BRASILIA 791, BRASILIA 799', 2009)).toEqual([
      '09SAOPAULO273',
      '09SAOPAULO90',
      '09BRASILIA791',
      '09BRASILIA799',
    ]);
  });
  it('72TEHRAN1164: TEHRAN 1091: TEHRAN 263: MOSCOW 1603', () => {
    expect(ids('TEHRAN 1091: TEHRAN 263: MOSCOW 1603', 1972)).toEqual(['72TEHRAN1091', '72TEHRAN263', '72MOSCOW1603']);
  });
  it('peer case (10CAIRO): a report between cables, and a cable on the next line', () => {
    expect(refs('SECDEF 122723; CAIRO IIR 6 899 0149 10; 2009 CAIRO 2394\n2009 CAIRO 491', 2010).map((r) => [r.text, r.id])).toEqual([
      ['SECDEF 122723', '10SECDEF122723'],
      ['CAIRO IIR 6 899 0149 10', null],
      ['2009 CAIRO 2394', '09CAIRO2394'],
      ['2009 CAIRO 491', '09CAIRO491'],
    ]);
  });
  it('a colon that introduces a description does not split: 09STATE83014 B', () => {
    expect(refs('A. BOGOTA 2409\nB. STATE 81957: REPORT OF U.S.- RUSSIA MANPADS EXPERTS MEETING', 2009).map((r) => [r.label, r.id])).toEqual([
      ['A', '09BOGOTA2409'],
      ['B', '09STATE81957'],
    ]);
  });
});

describe('an entry that names several cables', () => {
  it('STATE 1234 AND 5678: the first in id, all in ids', () => {
    expect(refs('STATE 1234 AND 5678', 2008)).toEqual([{ label: '', text: 'STATE 1234 AND 5678', id: '08STATE1234', ids: ['08STATE1234', '08STATE5678'] }]);
  });
  it('OTTAWA 372, 415', () => {
    expect(refs('A. OTTAWA 372, 415', 2008)).toEqual([{ label: 'A', text: 'OTTAWA 372, 415', id: '08OTTAWA372', ids: ['08OTTAWA372', '08OTTAWA415'] }]);
  });
});

describe('what names no cable gets no id', () => {
  it.each([
    ['08LONDON1115 B', 'TREMONT-PM ACTION TEAM EMAIL APRIL 16'],
    ['08NAIROBI2290 A', 'USDLO KHARTOUM IIR 6 890 0139 08 201536Z FEB 08'],
    ['09PESHAWAR147 E', 'IIR 6 802 0086 08'],
    ['10TELAVIV414', 'IIR 6-849-9075-10'],
    ['09PARIS1039 A', 'PARIS POINTS JULY 15'],
    ['08STATE15220 L', 'Mtcr poc 201/2006 - may 16 2006'],
    ['09USNATO464 E', 'SECRETARY (SECTO) 007'],
    ['peer 08BERLIN B', 'SECDEF MSG DTG 301601z SEP 08'],
    ['peer 08LONDON', 'SECDEF R162245Z OCT 08'],
    ['08OTTAWA372 C', 'FAX MATTEI-PICO MARCH 13'],
  ])('%s: %s', (_, text) => {
    expect(ids(text, 2008)).toEqual([null]);
  });
});

describe('residue in the field', () => {
  it('a [1](#)B. link before a label (Markdown export)', () => {
    expect(refs('A. STATE 24735\n[1](#)B. E-MAIL BAKER-MATTEI MARCH 7', 2008)).toEqual([
      { label: 'A', text: 'STATE 24735', id: '08STATE24735' },
      { label: 'B', text: 'E-MAIL BAKER-MATTEI MARCH 7', id: null },
    ]);
  });
  it('a REFS: / REFTEL(S): label left in the text', () => {
    expect(ids('REFTEL(S): STATE 5107', 2007)).toEqual(['07STATE5107']);
    expect(ids('REF (A) MADRID 3785 (B) MADRID 3566', 2005)).toEqual(['05MADRID3785', '05MADRID3566']);
  });
  it('peer case (08TRIPOLI402): a section marker glued after the list is no reference', () => {
    expect(refs('A) TRIPOLI 199, B) TRIPOLI 227 TRIPOLI 00000402', 2008)).toEqual([
      { label: 'A', text: 'TRIPOLI 199', id: '08TRIPOLI199' },
      { label: 'B', text: 'TRIPOLI 227', id: '08TRIPOLI227' },
    ]);
    expect(ids('PORT AU PRINCE 01407 PORT AU PR 00002230 001.2 OF 002', 2006)).toEqual(['06PORTAUPRINCE1407']);
  });
  it('a Classified By run into the last entry names no cable (09RIODEJANEIRO357)', () => {
    expect(ids('A. (A) RIO 329\n¶B. (B) RIO 346 Classified By: Principal Officer Dennis W. Hearne for reasons 1.4 (b, d )', 2009)).toEqual([
      '09RIODEJANEIRO329',
      '09RIODEJANEIRO346',
    ]);
  });
});

describe('in a parsed cable', () => {
  it('the sample 08OTTAWA372: ids for the cables, null for the e-mail and fax', () => {
    const c = parseCable(readFileSync('samples/08OTTAWA372.txt', 'utf8'));
    expect(c.references.map((r) => [r.label, r.id])).toEqual([
      ['A', '08STATE24735'],
      ['B', null],
      ['C', null],
      ['D', '08OTTAWA258'],
      ['E', '07STATE164503'],
    ]);
  });
  it('a list split at ; , : reads back the same from the text output', () => {
    const c = parseCable(readFileSync('tests/fixtures/cables/72TEHRAN1164.txt', 'utf8'));
    const text = formatCable(c, 'text');
    expect(text).toContain('REF: TEHRAN 1091; TEHRAN 263; MOSCOW 1603\n');
    expect(parseCable(text).references).toEqual(c.references);
  });
});

// Every REF entry of the shared real cables: the ids expected (null where the entry names no
// cable), reviewed by hand. Cables the parser does not read yet are listed in `pending`.
const EXPECTED: Record<string, Array<string | null>> = JSON.parse(readFileSync('tests/fixtures/reference-ids.json', 'utf8'));
describeShared('the REF entries of every shared real cable', () => {
  it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const c = parseCable(readFileSync(SHARED + file, 'utf8'), { file });
    expect(c.references.map((r) => r.id)).toEqual(expected);
  });


  it('no entry that reads as a cable reference is left without an id', () => {
    const looksLikeCable = /^(?:\(?(?:19|20)?\d{2}\)?\s+)?[A-Z][A-Za-z]+(?:[ -][A-Za-z]+){0,3}\s+\d{1,6}(?:\s*\(NOTAL\))?(?:\s+AND PREVIOUS)?$/i;
    const missed: string[] = [];
    for (const file of Object.keys(EXPECTED)) {
      for (const r of parseCable(readFileSync(SHARED + file, 'utf8')).references) {
        if (!r.id && looksLikeCable.test(r.text) && !/\b(?:IIR|EMAIL|E-MAIL|FAX|POINTS|SECTO)\b/i.test(r.text)) missed.push(`${file}: ${r.text}`);
      }
    }
    expect(missed).toEqual([]);
  });
});
