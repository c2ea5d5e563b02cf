/** canonicalCableId: every spelling of a cable id or reference → the release's canonical id. */
import { describe, expect, it } from 'vitest';
import { canonicalCableId, canonicalOffice, findCableMentions } from '../src/index.js';
import { OFFICES, OFFICE_ALIASES } from '../src/readers/cable/offices.js';

describe('canonicalCableId', () => {
  // [written, year option, canonical id] — spellings met in REF lines and ids of the release.
  const cases: Array<[string, number | undefined, string]> = [
    // Already canonical, or the canonical id with spaces, zeros, lower case.
    ['08OTTAWA372', undefined, '08OTTAWA372'],
    ['08 OTTAWA 372', undefined, '08OTTAWA372'],
    ['07 STATE 164503', undefined, '07STATE164503'],
    ['08 ottawa 372', undefined, '08OTTAWA372'],
    ['2008 BAKU 917', undefined, '08BAKU917'], // 09BAKU478 REF B
    ['(99) ROME 2196', undefined, '99ROME2196'],
    ['10-OTTAWA-57', undefined, '10OTTAWA57'],
    ['09CAIRO0561', undefined, '09CAIRO561'],
    ['10SHENYANG 003', undefined, '10SHENYANG3'], // 10SHENYANG5 REF A
    ['07 berlin 002163', undefined, '07BERLIN2163'], // 08STATE15220 REF P
    // A zero for an O.
    ['05 0TTAWA 3518', undefined, '05OTTAWA3518'],
    ['05 COTON0U 12', undefined, '05COTONOU12'],
    // The year from the option when the reference has none.
    ['STATE 24735', 2008, '08STATE24735'],
    ['STATE 24735', 8, '08STATE24735'],
    ['OTTAWA 00000372', 2008, '08OTTAWA372'],
    ['Abu Dhabi 1384', 2003, '03ABUDHABI1384'],
    ['BUENOS AIRES 0827', 2009, '09BUENOSAIRES827'],
    ['ASHGABAT687', 2009, '09ASHGABAT687'], // 09STATE63812 REF A
    // Release names that differ from the written one.
    ['RIO DE JAN 138', 2008, '08RIODEJANEIRO138'],
    ['05RIO123', undefined, '05RIODEJANEIRO123'],
    ['RIO 329', 2009, '09RIODEJANEIRO329'],
    ['Rio de Janeiro 1118', 2005, '05RIODEJANEIRO1118'],
    ['SECSTATE 2743', 2005, '05STATE2743'], // 05MADRID395 REF A
    ['SECSTATE WASHDC 1234', 2009, '09STATE1234'],
    ['USUN NEW YORK 123', 2009, '09USUNNEWYORK123'],
    ['USUN 55', 2007, '07USUNNEWYORK55'],
    ['USMISSION USUN NEW YORK 7', 2007, '07USUNNEWYORK7'],
    ['USNATO 464', 2009, '09USNATO464'],
    ['USEU BRUSSELS 12', 2009, '09USEUBRUSSELS12'],
    ['USEU 2', 2007, '07USEUBRUSSELS2'],
    ['UNVIE 544', 2010, '10UNVIEVIENNA544'], // 09UNVIEVIENNA553
    ['USUNESCO PARIS FR 000087', 2010, '10UNESCOPARISFR87'],
    ['UNESCO PARIS FR 000087', 2010, '10UNESCOPARISFR87'],
    ['USMISSION GENEVA 123', 2009, '09GENEVA123'],
    ['AIT TAIPEI 55', 2008, '08AITTAIPEI55'],
    ['TAIPEI 55', 2008, '08AITTAIPEI55'],
    ['HO CHI MINH 12', 2008, '08HOCHIMINHCITY12'],
    ['HO CHI MINH CITY 12', 2008, '08HOCHIMINHCITY12'],
    ['HCMC 196', 2004, '04HOCHIMINHCITY196'],
    ['BA 1485', 2006, '06BUENOSAIRES1485'],
    ['MEXICO CITY 2636', 2009, '09MEXICO2636'],
    ['HAGUE 468', 2008, '08THEHAGUE468'],
    ['THE HAGUE 109', 2010, '10THEHAGUE109'],
    ['05 CASA 1220', undefined, '05CASABLANCA1220'], // 08CASABLANCA81 REF A
    ['PORT AU PRINCE 01407', 2006, '06PORTAUPRINCE1407'],
    ['PORT-OF-SPAIN 220', 2007, '07PORTOFSPAIN220'],
    ['ST. PETERSBURG 40', 2008, '08STPETERSBURG40'],
    ['IRAN RPO DUBAI 15', 2010, '10RPODUBAI15'],
    ['RPO DUBAI 15', 2010, '10RPODUBAI15'],
    ['SECDEF 122723', 2010, '10SECDEF122723'],
    ['CDC ATLANTA GA 5', 2010, '10CDCATLANTAGA5'],
    ['AMEMBASSY OTTAWA 12', 2006, '06OTTAWA12'],
    ['MADRID SP 0307', 2005, '05MADRID307'], // 05MADRID395 REF B
    ['USDOCWASHDC 12', 2010, '10USDOC12'],
    // Truncated and misspelt office names.
    ['PHNOM PEN 333', 2009, '09PHNOMPENH333'],
    ['05PANAM12', undefined, '05PANAMA12'],
    ['SAO PAUL 614', 2005, '05SAOPAULO614'],
    ['SAO PAUO 1106', 2005, '05SAOPAULO1106'],
    ['TALLIN 309', 2009, '09TALLINN309'], // 09USNATO464 REF C
    ['TRIPOLII 695', 2007, '07TRIPOLI695'],
    ['BRASILA 931', 2009, '09BRASILIA931'],
    ['08RIODEJANIERO1234', undefined, '08RIODEJANEIRO1234'],
    ['06BRAILIA1079', undefined, '06BRASILIA1079'],
    ['09COPENHAEN13', undefined, '09COPENHAGEN13'],
    ['03KINSTON1234', undefined, '03KINGSTON1234'],
    ['09USEUBRUSEELS1292', undefined, '09USEUBRUSSELS1292'],
    ['09NARIOBI12', undefined, '09NAIROBI12'],
    ['09KATHMANUD12', undefined, '09KATHMANDU12'],
    ['09SATTE12', undefined, '09STATE12'],
    ['09STAT12', undefined, '09STATE12'],
    ['09PETERSBURG12', undefined, '09STPETERSBURG12'],
    ['09HALIF12', undefined, '09HALIFAX12'],
    // Country codes and suffixes glued on.
    ['05MADRIDSP12', undefined, '05MADRID12'],
    ['05BRUSSELSBE12', undefined, '05BRUSSELS12'],
    ['10CDCATLANTAGAUSA12', undefined, '10CDCATLANTAGA12'],
    ['10SECDEFWASH12', undefined, '10SECDEF12'],
    ['090TTAWA12', undefined, '09OTTAWA12'],
    // Malformed ids of the release: a section marker or EFTO glued in.
    ['09SECTION01OF03SANJOSE525', undefined, '09SANJOSE525'],
    ['08SCTION02OF02SAOPAULO335', undefined, '08SAOPAULO335'],
    ['07EFTOOTTAWA1217', undefined, '07OTTAWA1217'],
    ['08SECTION01GF02BISHIEK21', undefined, '08BISHKEK21'],
    // A label before the reference.
    ['A. STATE 24735', 2008, '08STATE24735'],
  ];
  it.each(cases)('%s (year %s) → %s', (written, year, id) => {
    expect(canonicalCableId(written, year === undefined ? undefined : { year })).toBe(id);
  });

  it('the year of the reference wins over the option', () => {
    expect(canonicalCableId('07 STATE 164503', { year: 2008 })).toBe('07STATE164503');
  });
  it('without any year: office and serial', () => {
    expect(canonicalCableId('OTTAWA 372')).toBe('OTTAWA372');
    expect(canonicalCableId('RIO DE JAN 138')).toBe('RIODEJANEIRO138');
  });
  it('an unknown office passes through, spaces removed', () => {
    expect(canonicalCableId('09FOOBAR12')).toBe('09FOOBAR12');
    expect(canonicalCableId('FOO BAR 12', { year: 2009 })).toBe('09FOOBAR12');
  });
  it('text that is not a cable id comes back as it was', () => {
    expect(canonicalCableId('  E-MAIL BAKER-MATTEI MARCH 7 ')).toBe('E-MAIL BAKER-MATTEI MARCH 7');
    expect(canonicalCableId('IIR 6 890 0139 08')).toBe('IIR 6 890 0139 08');
    expect(canonicalCableId('PARIS POINTS JULY 15', { year: 2009 })).toBe('PARIS POINTS JULY 15');
    expect(canonicalCableId('')).toBe('');
  });
});

describe('the office table', () => {
  it('holds the 274 origins of the release, each once', () => {
    expect(new Set(OFFICES).size).toBe(OFFICES.length);
    // 274 origins less the ones sharing an office name (Mission Geneva and US Mission Geneva,
    // Department and Secretary of State, US Delegation Secretary without an office name),
    // plus older names and other agencies.
    expect(OFFICES.length).toBeGreaterThanOrEqual(270);
    for (const o of OFFICES) expect(o).toMatch(/^[A-Z]+$/);
  });
  it('every alias points to an office of the table', () => {
    for (const [alias, office] of Object.entries(OFFICE_ALIASES)) {
      expect([alias, OFFICES.includes(office)]).toEqual([alias, true]);
      expect(OFFICES.includes(alias)).toBe(false);
    }
  });
  it('every office name canonicalizes to itself, and with its spaces written', () => {
    for (const o of OFFICES) expect(canonicalOffice(o)).toBe(o);
    expect(canonicalOffice('Bandar Seri Begawan')).toBe('BANDARSERIBEGAWAN');
    expect(canonicalOffice('Addis Ababa')).toBe('ADDISABABA');
  });
  it('a word that is no office is none, however close to one by length', () => {
    for (const w of ['EMAIL', 'E-MAIL', 'FAX', 'IIR', 'MEMCON', 'TELCON', 'PARA', 'REFTEL', 'POINTS', 'JULY', 'DATED', 'NOTAL', 'PREVIOUS']) {
      expect([w, canonicalOffice(w)]).toEqual([w, null]);
    }
  });
});

describe('findCableMentions', () => {
  it('finds each cable in order with its year and serials', () => {
    const ms = findCableMentions('SECDEF 122723; CAIRO IIR 6 899 0149 10; 2009 CAIRO 2394\n2009 CAIRO 491');
    expect(ms.map((m) => [m.office, m.yy, m.serials])).toEqual([
      ['SECDEF', null, [122723]],
      ['CAIRO', '09', [2394]],
      ['CAIRO', '09', [491]],
    ]);
  });
  it('a list of serials after one office: OTTAWA 372, 415 and STATE 1234 AND 5678', () => {
    expect(findCableMentions('OTTAWA 372, 415').map((m) => m.serials)).toEqual([[372, 415]]);
    expect(findCableMentions('STATE 1234 AND 5678').map((m) => m.serials)).toEqual([[1234, 5678]]);
    expect(findCableMentions('TRIPOLI 723 AND PREVIOUS').map((m) => m.serials)).toEqual([[723]]);
    // `, 05 OTTAWA 415` starts another cable: 05 is its year, not a serial.
    expect(findCableMentions('OTTAWA 372, 05 OTTAWA 415').map((m) => [m.yy, m.serials])).toEqual([
      [null, [372]],
      ['05', [415]],
    ]);
  });
  it('an office after other words: the year counts only right before it', () => {
    expect(findCableMentions('A MONTREAL 365, B OTTAWA 406, C 05 OTTAWA 2970').map((m) => [m.office, m.yy, m.serials[0]])).toEqual([
      ['MONTREAL', null, 365],
      ['OTTAWA', null, 406],
      ['OTTAWA', '05', 2970],
    ]);
  });
  it('dates, date-time groups and report numbers are no cables', () => {
    for (const t of [
      'LEE-GOLDSTEIN EMAIL 05/11/07',
      'SECDEF MSG DTG 301601z SEP 08',
      'SECDEF R162245Z OCT 08',
      'OSD REPORT DTG 251847Z MAR 08',
      'HOTR WASHINGTON DC//USDAO PARIS (SUBJ: IIR 6 832 0617 08)',
      'USDLO KHARTOUM IIR 6 890 0139 08 201536Z FEB 08',
      'PARIS POINTS JULY 15',
      'Mtcr poc 201/2006 - may 16 2006',
      'TD-314/63777-05 LIMITED DISTRIBUTION',
      'HARRIS/CATO E-MAIL DATED 21-APR-2007',
    ]) {
      expect([t, findCableMentions(t)]).toEqual([t, []]);
    }
  });
});
